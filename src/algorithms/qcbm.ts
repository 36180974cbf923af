/**
 * The quantum circuit Born machine (Liu and Wang 2018; Paddle Quantum's tutorial): a circuit's
 * measurement distribution p_θ(x) = |<x|U(θ)|0>|^2 is trained towards a target distribution π
 * by the squared maximum mean discrepancy MMD^2 = (p - π)^T K (p - π), with a Gaussian kernel on
 * the basis index, K(x, y) = mean_s exp(-(x - y)^2 / (2 s)) over bandwidths s. Exact
 * probabilities here (a simulator); sampled ones would give the usual unbiased estimate.
 */
import { ArgumentError, describe } from "../errors.js";
import { probabilities } from "../qml/losses.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { flatParameters } from "../qml/vqe.js";
import { State } from "../quantum/state/state.js";
import { fromData, noGrad, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { checkSizedAnsatz, type SizedAnsatz } from "./basis-inputs.js";

/** Options of {@link QCBM}. */
export interface QCBMOptions extends VariationalLoopOptions {
  /** Bandwidths s of the Gaussian kernel mixture (default [0.25, 4]). */
  bandwidths?: number[];
}

/** What {@link QCBM.run} returns. */
export interface QCBMResult extends VariationalLoopResult {
  /** MMD^2 at the final parameters. */
  mmd: number;
  /** The learned distribution p_θ. */
  distribution: number[];
  /** The final parameters, flattened. */
  parameters: number[];
}

const QCBM_OPTIONS = mergeKeys(
  VARIATIONAL_LOOP_OPTIONS,
  optionKeys<Omit<QCBMOptions, keyof VariationalLoopOptions>>({ bandwidths: true }),
);

/** K(x, y) = mean_s exp(-(x - y)^2 / (2 s)) on the indices 0..d-1, as a [d, d] tensor. */
function gaussianKernel(d: number, bandwidths: readonly number[]): Tensor {
  const k = new Float64Array(d * d);
  for (let x = 0; x < d; x++) {
    for (let y = 0; y < d; y++) {
      let v = 0;
      for (const s of bandwidths) v += Math.exp(-((x - y) ** 2) / (2 * s));
      k[x * d + y] = v / bandwidths.length;
    }
  }
  return fromData(k, [d, d], "float64");
}

/**
 * QCBM: a circuit whose measurement distribution learns a target distribution.
 * @example
 * const c = new Circuit(3, { seed: 1 });
 * c.ry("full"); c.cnot("cycle"); c.ry("full");
 * const { mmd, distribution } = new QCBM([0.5, 0, 0, 0, 0, 0, 0, 0.5], c).run();
 */
export class QCBM {
  /** The target distribution. */
  readonly target: number[];
  private readonly kernel: Tensor;
  private readonly targetTensor: Tensor;

  /**
   * @param target - The target distribution over the 2^n basis states (non-negative, sum 1).
   * @param ansatz - The circuit U(θ), run from |0...0>, trained in place.
   * @param options - The kernel bandwidths, the optimizer and stopping rules.
   */
  constructor(
    target: readonly number[] | Float64Array,
    readonly ansatz: SizedAnsatz,
    readonly options: QCBMOptions = {},
  ) {
    checkArity(arguments.length, 3, "QCBM");
    checkSizedAnsatz(ansatz, "QCBM");
    checkOptions(options, QCBM_OPTIONS, "QCBM");
    loopSettings(options, "QCBM");
    const d = 2 ** ansatz.nQubits;
    const t = target instanceof Float64Array || Array.isArray(target) ? Array.from(target) : [];
    const total = t.reduce((s, x) => s + x, 0);
    if (
      t.length !== d ||
      t.some((x) => typeof x !== "number" || !(x >= 0)) ||
      !(Math.abs(total - 1) < 1e-9)
    ) {
      throw new ArgumentError(
        `QCBM: target must be ${d} non-negative numbers summing to 1, got ${describe(target)}`,
      );
    }
    const bandwidths = options.bandwidths ?? [0.25, 4];
    if (
      !Array.isArray(bandwidths) ||
      bandwidths.length === 0 ||
      bandwidths.some((s) => typeof s !== "number" || !(s > 0) || !Number.isFinite(s))
    ) {
      throw new ArgumentError(
        `QCBM: bandwidths must be a non-empty list of positive numbers, got ${describe(bandwidths)}`,
      );
    }
    this.target = t;
    this.kernel = gaussianKernel(d, bandwidths);
    this.targetTensor = fromData(Float64Array.from(t), [d], "float64");
  }

  /** MMD^2 between the circuit's distribution and the target, differentiable. */
  mmd(): Tensor {
    checkArity(arguments.length, 0, "QCBM.mmd");
    const psi = this.ansatz.forward();
    if (!(psi instanceof State)) {
      throw new ArgumentError(`QCBM: the ansatz must return a State, got ${describe(psi)}`);
    }
    const diff = probabilities(psi).sub(this.targetTensor);
    const d = diff.reshape([1, this.target.length]);
    return d.matmul(this.kernel).mul(d).sum();
  }

  /**
   * Trains the circuit; returns the final MMD^2 and the learned distribution.
   * @example
   * const { mmd, distribution } = qcbm.run();
   */
  run(): QCBMResult {
    checkArity(arguments.length, 0, "QCBM.run");
    const params = this.ansatz.parameters();
    const loop = minimizeVariational(params, () => this.mmd(), this.options, "QCBM");
    const mmd = noGrad(() => this.mmd().item());
    const psi = noGrad(() => this.ansatz.forward()) as State;
    return {
      ...loop,
      mmd,
      distribution: Array.from(psi.probabilities()),
      parameters: flatParameters(params),
    };
  }
}
