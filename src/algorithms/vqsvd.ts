/**
 * Variational quantum singular value decomposition (Wang, Song, Wang 2021; Paddle Quantum's
 * tutorial): two circuits U, V and weights q_0 > ... > q_{T-1} > 0; maximizing
 * sum_j q_j Re <j|U^† M V|j> makes U|j>, V|j> the j-th left and right singular vectors and the
 * terms the T largest singular values, in decreasing order (Ky Fan's principle).
 */

import { ArgumentError, describe } from "../errors.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { flatParameters } from "../qml/vqe.js";
import { State } from "../quantum/state/state.js";
import { noGrad, type Tensor, tensor } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { basisBatch, checkSizedAnsatz, type SizedAnsatz, subspaceWeights } from "./basis-inputs.js";
import { operatorMatrix, transposedTensor } from "./dense-operator.js";

/** Options of {@link VQSVD}. */
export interface VQSVDOptions extends VariationalLoopOptions {
  /** How many singular values T (default 2; at most 2^n). */
  rank?: number;
  /** The weights q_j, positive and strictly decreasing (default (T - j) / T). */
  weights?: number[];
}

/** What {@link VQSVD.run} returns. */
export interface VQSVDResult extends VariationalLoopResult {
  /** Re <j|U^† M V|j> for j < T: the T largest singular values, decreasing. */
  singularValues: number[];
  /** The left singular vectors U|j>, each interleaved complex. */
  left: Float64Array[];
  /** The right singular vectors V|j>. */
  right: Float64Array[];
  /** The final parameters of U then V, flattened. */
  parameters: number[];
}

const VQSVD_OPTIONS = mergeKeys(
  VARIATIONAL_LOOP_OPTIONS,
  optionKeys<Omit<VQSVDOptions, keyof VariationalLoopOptions>>({ rank: true, weights: true }),
);

function outputState(a: SizedAnsatz, inputs: State): State {
  const out = a.forward(inputs);
  if (!(out instanceof State)) {
    throw new ArgumentError(`VQSVD: the ansatzes must return States, got ${describe(out)}`);
  }
  return out;
}

/**
 * VQSVD: the largest singular values and vectors of a 2^n x 2^n matrix.
 * @example
 * const u = new Circuit(2, { seed: 1 }); u.universalTwoQubits([0, 1]);
 * const v = new Circuit(2, { seed: 2 }); v.universalTwoQubits([0, 1]);
 * const { singularValues } = new VQSVD(m, u, v, { rank: 4 }).run(); // m: interleaved 4 x 4
 */
export class VQSVD {
  /** The weights q_j. */
  readonly weights: number[];
  private readonly transposeM: Tensor;
  private readonly inputs: State;

  /**
   * @param matrix - M, interleaved complex 2^n x 2^n (or a Hamiltonian).
   * @param u - The circuit U of the left vectors, trained in place.
   * @param v - The circuit V of the right vectors, on the same qubits.
   * @param options - The rank T, the weights, the optimizer and stopping rules.
   */
  constructor(
    matrix: Float64Array,
    readonly u: SizedAnsatz,
    readonly v: SizedAnsatz,
    readonly options: VQSVDOptions = {},
  ) {
    checkArity(arguments.length, 4, "VQSVD");
    checkSizedAnsatz(u, "VQSVD: u");
    checkSizedAnsatz(v, "VQSVD: v");
    if (u.nQubits !== v.nQubits) {
      throw new ArgumentError(`VQSVD: u acts on ${u.nQubits} qubits, v on ${v.nQubits}`);
    }
    checkOptions(options, VQSVD_OPTIONS, "VQSVD");
    loopSettings(options, "VQSVD");
    this.transposeM = transposedTensor(operatorMatrix(matrix, u.nQubits, "matrix", "VQSVD"));
    this.weights = subspaceWeights(options.rank ?? 2, options.weights, 2 ** u.nQubits, "VQSVD");
    this.inputs = basisBatch(u.nQubits, this.weights.length);
  }

  /** Re <j|U^† M V|j> per j, as a [T] tensor. */
  private values(): Tensor {
    const left = outputState(this.u, this.inputs).toTensor();
    const mRight = outputState(this.v, this.inputs).toTensor().matmul(this.transposeM);
    return left.conj().mul(mRight).sum(1).real();
  }

  /**
   * Trains U and V; returns the singular values and vectors.
   * @example
   * const { singularValues, left, right } = vqsvd.run();
   */
  run(): VQSVDResult {
    checkArity(arguments.length, 0, "VQSVD.run");
    const params = [...this.u.parameters(), ...this.v.parameters()];
    const q = tensor(this.weights);
    const loop = minimizeVariational(
      params,
      () => this.values().mul(q).sum().neg(),
      this.options,
      "VQSVD",
    );
    const singularValues = Array.from(noGrad(() => this.values()).data);
    const split = (s: State) => {
      const a = s.toArray();
      const d = a.length / this.weights.length;
      return this.weights.map((_, j) => a.slice(j * d, (j + 1) * d));
    };
    return {
      ...loop,
      singularValues,
      left: split(noGrad(() => outputState(this.u, this.inputs))),
      right: split(noGrad(() => outputState(this.v, this.inputs))),
      parameters: flatParameters(params),
    };
  }
}
