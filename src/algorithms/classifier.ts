/**
 * A variational quantum classifier with data re-uploading (Perez-Salinas et al.; Paddle
 * Quantum's classifier tutorials): per layer a named encoding reads the same feature columns
 * again, then a trainable U3 on every qubit and a CZ/CNOT entangler; the class scores are the
 * log-probabilities of the first ceil(log2 C) qubits' outcomes 0..C-1, so `fit`'s cross-entropy
 * is the negative log-likelihood of the measured class.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { probabilities } from "../qml/losses.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import type { State } from "../quantum/state/state.js";
import { Module, slice, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { checkSampleMatrix } from "./datasets/dataset.js";
import { addEncoding, encodingWidth, type GateEncodingName } from "./datasets/encodings.js";

/** Options of {@link VariationalClassifier}. */
export interface VariationalClassifierOptions {
  /** Qubits of the circuit. */
  nQubits: number;
  /** Feature columns of the data. */
  nFeatures: number;
  /** Classes (at most 2^nQubits; default 2). */
  nClasses?: number;
  /** Re-uploading layers (default 3). */
  layers?: number;
  /** The encoding of every layer (default "angle"). */
  encoding?: GateEncodingName;
  /** Angle = scale * feature (default pi / 2). */
  scale?: number;
  /** Seed of the initial parameters. */
  seed?: number;
}

const CLASSIFIER_OPTIONS = optionKeys<VariationalClassifierOptions>({
  nQubits: true,
  nFeatures: true,
  nClasses: true,
  layers: true,
  encoding: true,
  scale: true,
  seed: true,
});

/** Checks `v` is an integer in [lo, hi], naming `name` in the error. */
export function integerIn(v: unknown, lo: number, hi: number, name: string, where: string): number {
  if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi)
    throw new ArgumentError(
      `${where}: ${name} must be an integer in [${lo}, ${hi}], got ${describe(v)}`,
    );
  return v as number;
}

/**
 * Log-probabilities [batch, C] of outcomes 0..C-1 on the first ceil(log2 C) qubits of `state`'s
 * circuit output, floored at 1e-12 so a zero probability stays finite.
 */
export function classLogProbabilities(state: State, nClasses: number, batch: number): Tensor {
  const k = Math.max(1, Math.ceil(Math.log2(nClasses)));
  const p = probabilities(
    state as never,
    Array.from({ length: k }, (_, q) => q),
  ).reshape([batch, 2 ** k]);
  const pc = 2 ** k === nClasses ? p : slice(p, [null, [0, nClasses]]);
  return pc.clamp(1e-12).log();
}

/**
 * Data re-uploading classifier; `forward(x)` maps features [batch, nFeatures] to class scores
 * (log-probabilities) [batch, nClasses] in one batched simulation. Qubit j of each layer reads
 * column j mod nFeatures (pauli-rotation: 3 columns per qubit), the same columns every layer.
 * @example
 * const clf = new VariationalClassifier({ nQubits: 2, nFeatures: 2, layers: 4, seed: 1 });
 * fit(clf, datasets.circle(200, { seed: 1 }), { epochs: 40 });
 * predictedClasses(clf.forward(x));
 */
export class VariationalClassifier extends Module {
  /** The circuit (encodings and trainable layers). */
  readonly circuit: Circuit;
  /** Number of classes. */
  readonly nClasses: number;
  /** Number of feature columns read. */
  readonly nFeatures: number;

  constructor(options: VariationalClassifierOptions) {
    super();
    checkArity(arguments.length, 1, "VariationalClassifier");
    if (options === undefined)
      throw new ArgumentError(
        "VariationalClassifier: options { nQubits, nFeatures, ... } are required",
      );
    checkOptions(options, CLASSIFIER_OPTIONS, "VariationalClassifier");
    const where = "VariationalClassifier";
    const n = integerIn(options.nQubits, 1, 20, "nQubits", where);
    this.nFeatures = integerIn(options.nFeatures, 1, 4096, "nFeatures", where);
    this.nClasses = integerIn(options.nClasses ?? 2, 2, 2 ** n, "nClasses", where);
    const layers = integerIn(options.layers ?? 3, 1, 1000, "layers", where);
    const encoding = options.encoding ?? "angle";
    const scale = options.scale ?? Math.PI / 2;
    const width = encodingWidth(encoding, n);
    if (Number.isInteger(width) && this.nFeatures > width)
      throw new ShapeError(
        `${where}: ${this.nFeatures} features do not fit one ${encoding} layer on ${n} qubits (at most ${width})`,
      );
    const columns = Array.from({ length: width }, (_, j) => j % this.nFeatures);
    this.circuit = new Circuit(n, { seed: options.seed });
    for (let l = 0; l < layers; l++) {
      addEncoding(this.circuit, encoding, { features: columns, scale });
      this.circuit.u3("full");
      if (n > 1) this.circuit.cz(n > 2 ? "cycle" : "linear");
    }
    this.circuit.u3("full");
    this.registerModule("circuit", this.circuit);
  }

  /** Class scores [batch, nClasses] (log-probabilities) of features [batch, nFeatures]. */
  override forward(x: Tensor): Tensor {
    checkArity(arguments.length, 1, "VariationalClassifier.forward");
    checkSampleMatrix(x, "VariationalClassifier.forward", "x", this.nFeatures);
    const state = this.circuit.forward(undefined, x) as State;
    return classLogProbabilities(state, this.nClasses, x.shape[0]!);
  }
}
