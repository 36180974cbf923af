/**
 * The branch mixture of a dynamic circuit's run (mid-circuit measurements, resets, classical
 * control): what a `State` (or `DensityMatrix`) made by such a run says about its branches.
 *
 * A state-vector run keeps one batch element per branch and data row, branch-major (element
 * `k * dataBatch + i` is branch k of data row i), each holding sqrt(p_k) |psi_k>: unnormalized,
 * so that sums over the branches of a row are the mixture's averages (expectation values,
 * probabilities) and gradients of such sums include the branch probabilities' own dependence on
 * the parameters. A density-matrix run sums its branches into one rho per row and keeps only the
 * classical side (records and probabilities).
 */
import type { Tensor } from "../../tensor/index.js";

/** The classical side of a branching run. */
export interface Branches {
  /** Classical bits the circuit writes (`circuit.nBits`). */
  readonly nBits: number;
  /** Per branch: the classical bits (0/1, index = bit number; unwritten bits read 0). */
  readonly records: readonly (readonly number[])[];
  /** Rows of the data batch (1 without data); the state's batch is records.length * dataBatch. */
  readonly dataBatch: number;
  /** p of branch k for data row i at [k * dataBatch + i] (after any postselection's renormalization). */
  readonly probabilities: Float64Array;
  /** With `shots`: how many of the shots took each branch (else undefined). */
  readonly counts?: readonly number[];
  /**
   * With postselection: the probability of the postselected outcomes, per data row (a scalar
   * tensor for one row), differentiable like the state.
   */
  readonly postselection?: Tensor;
}

/**
 * Sums `values` (branch-major blocks of `dataBatch * width` numbers, one block per branch) over
 * the branches: the mixture's value per data row.
 * @example
 * foldBranches(new Float64Array([0.25, 0.75]), 2, 1, 1); // [1]
 */
export function foldBranches(
  values: Float64Array,
  nBranches: number,
  dataBatch: number,
  width: number,
): Float64Array {
  const block = dataBatch * width;
  const out = new Float64Array(block);
  for (let k = 0; k < nBranches; k++) {
    for (let i = 0; i < block; i++) out[i] += values[k * block + i]!;
  }
  return out;
}

/**
 * The classical bits of a record as an integer, `bits[0]` the least significant (OpenQASM 2's
 * reading of `if (c == v)`).
 * @example
 * registerValue([1, 0, 1], [0, 1]); // 1
 * registerValue([0, 1], [0, 1]); // 2
 */
export function registerValue(record: readonly number[], bits: readonly number[]): number {
  let v = 0;
  for (let j = bits.length - 1; j >= 0; j--) v = 2 * v + (record[bits[j]!] ?? 0);
  return v;
}
