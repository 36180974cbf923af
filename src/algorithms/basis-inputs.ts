/** Helpers the subspace algorithms share: basis-state batches, weights, ansatz checks. */
import { ArgumentError, describe } from "../errors.js";
import { checkAnsatz, type VariationalAnsatz } from "../qml/vqe.js";
import { State } from "../quantum/state/state.js";

/** An ansatz that says its qubit count (a `Circuit` does). */
export type SizedAnsatz = VariationalAnsatz & { readonly nQubits: number };

/** Throws unless `ansatz` is an ansatz with an integer `nQubits`. */
export function checkSizedAnsatz(ansatz: unknown, where: string): asserts ansatz is SizedAnsatz {
  checkAnsatz(ansatz, where);
  const n = (ansatz as { nQubits?: unknown }).nQubits;
  if (!Number.isInteger(n) || (n as number) < 1) {
    throw new ArgumentError(
      `${where}: ansatz must say its qubit count (nQubits, as a Circuit does), got ${describe(n)}`,
    );
  }
}

/** The computational basis states |0>, |1>, ..., |k-1> on n qubits, as one batch of k. */
export function basisBatch(nQubits: number, k: number): State {
  const dim = 2 ** nQubits;
  const amps = new Float64Array(2 * dim * k);
  for (let j = 0; j < k; j++) amps[2 * (j * dim + j)] = 1;
  return State.fromAmplitudes(amps, { batch: k });
}

/**
 * The count `k` (an integer in [1, limit]) and its weights: the given ones (strictly decreasing,
 * positive), or k, k-1, ..., 1 over k (Nakanishi et al.'s choice).
 */
export function subspaceWeights(
  k: unknown,
  weights: unknown,
  limit: number,
  where: string,
): number[] {
  if (!Number.isInteger(k) || (k as number) < 1 || (k as number) > limit) {
    throw new ArgumentError(`${where}: k must be an integer in [1, ${limit}], got ${describe(k)}`);
  }
  const n = k as number;
  if (weights === undefined) return Array.from({ length: n }, (_, j) => (n - j) / n);
  if (
    !Array.isArray(weights) ||
    weights.length !== n ||
    weights.some((w, j) => typeof w !== "number" || !(w > 0) || (j > 0 && !(w < weights[j - 1])))
  ) {
    throw new ArgumentError(
      `${where}: weights must be ${n} positive numbers in strictly decreasing order, got ${describe(weights)}`,
    );
  }
  return [...(weights as number[])];
}
