/**
 * VSQL, variational shadow quantum learning (Li, Song, Wang 2021; Paddle Quantum's `VSQL`):
 * the samples are amplitude-encoded on n qubits; one small "shadow" circuit on k neighbouring
 * qubits, the same parameters at every position, slides over the register, and the local
 * observables X^{(x)k} at the n - k + 1 positions are the features of a classical linear head.
 */
import { ArgumentError, describe } from "../errors.js";
import { amplitudeEncoding } from "../qml/encoding.js";
import { expecVal } from "../qml/expecval.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { concat, Linear, Module, type Parameter, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { integerIn } from "./classifier.js";
import { checkSampleMatrix } from "./datasets/dataset.js";

/** Options of {@link VSQL}. */
export interface VsqlOptions {
  /** Qubits of the register (the samples' features are amplitude-encoded, at most 2^n of them). */
  nQubits: number;
  /** Feature columns of the data. */
  nFeatures: number;
  /** Qubits of the shadow circuit (default 2). */
  shadowQubits?: number;
  /** Layers of the shadow circuit (RY on each qubit and a CNOT ring per layer; default 2). */
  depth?: number;
  /** Classes (default 2). */
  nClasses?: number;
  /** Seed of the initial parameters (circuit and head). */
  seed?: number;
}

const VSQL_OPTIONS = optionKeys<VsqlOptions>({
  nQubits: true,
  nFeatures: true,
  shadowQubits: true,
  depth: true,
  nClasses: true,
  seed: true,
});

/**
 * VSQL classifier; `forward(x)` gives class logits [batch, nClasses]: amplitude encoding, the
 * shadow circuit at each of n - k + 1 positions (one batched run each), <X...X> there, then a
 * linear layer.
 * @example
 * const model = new VSQL({ nQubits: 4, nFeatures: 16, nClasses: 2, seed: 1 });
 * fit(model, data, { epochs: 20 });
 */
export class VSQL extends Module {
  /** The shadow circuit at each position (they share one parameter). */
  readonly shadows: readonly Circuit[];
  /** The classical head. */
  readonly head: Linear;
  /** Qubits of the register. */
  readonly nQubits: number;
  /** Feature columns read. */
  readonly nFeatures: number;
  private readonly observables: string[];

  constructor(options: VsqlOptions) {
    super();
    checkArity(arguments.length, 1, "VSQL");
    if (options === undefined)
      throw new ArgumentError("VSQL: options { nQubits, nFeatures, ... } are required");
    checkOptions(options, VSQL_OPTIONS, "VSQL");
    const n = integerIn(options.nQubits, 1, 20, "nQubits", "VSQL");
    this.nQubits = n;
    this.nFeatures = integerIn(options.nFeatures, 1, 2 ** n, "nFeatures", "VSQL");
    const k = integerIn(options.shadowQubits ?? 2, 1, n, "shadowQubits", "VSQL");
    const depth = integerIn(options.depth ?? 2, 1, 100, "depth", "VSQL");
    const classes = integerIn(options.nClasses ?? 2, 2, 1000, "nClasses", "VSQL");
    if (options.seed !== undefined && !Number.isFinite(options.seed))
      throw new ArgumentError(`VSQL: seed must be a number, got ${describe(options.seed)}`);
    let shared: Parameter | undefined;
    const shadows: Circuit[] = [];
    this.observables = [];
    for (let start = 0; start + k <= n; start++) {
      const window = Array.from({ length: k }, (_, j) => [start + j]);
      const c = new Circuit(n, { seed: options.seed });
      c.realEntangledLayer({ qubitsIdx: window, depth, param: shared });
      shared ??= c.parameters()[0] as Parameter;
      shadows.push(c);
      this.observables.push(window.map(([q]) => `X${q}`).join(" "));
    }
    this.shadows = shadows;
    this.registerModule("shadow", shadows[0]!);
    this.head = new Linear(shadows.length, classes, { seed: options.seed });
    this.registerModule("head", this.head);
  }

  /** Class logits [batch, nClasses] of features [batch, nFeatures]. */
  override forward(x: Tensor): Tensor {
    checkArity(arguments.length, 1, "VSQL.forward");
    checkSampleMatrix(x, "VSQL.forward", "x", this.nFeatures);
    const batch = x.shape[0]!;
    const psi = amplitudeEncoding(x, this.nQubits);
    const local = this.shadows.map((c, i) =>
      expecVal(c.forward(psi), this.observables[i]!).reshape([batch, 1]),
    );
    return this.head.forward(local.length === 1 ? local[0]! : concat(local, 1));
  }
}
