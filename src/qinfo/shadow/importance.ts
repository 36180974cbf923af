/**
 * Hamiltonian-aware choices of the Pauli measurement bases, as Paddle Quantum's `shadow_sample`
 * defines them:
 * - LBCS, locally biased classical shadows (Hadfield et al. 2020): qubit q is measured in basis b
 *   with probability beta[q][b], the same for every snapshot; beta minimizes the estimator's
 *   variance bound sum_P c_P^2 / prod_{q in P} beta[q][P_q], found by Paddle's fixed-point
 *   iteration (beta <- 0.9 beta + 0.1 beta', beta'[q][b] proportional to the sum of that bound's
 *   terms with P_q = b) until the step is below 1e-6, at most 10,000 times.
 * - APS, adaptive Pauli shadows (Hadfield 2021): per snapshot, the qubits in a random order, each
 *   basis drawn with probability proportional to sqrt(sum of c_P^2 over the terms P that act on
 *   this qubit with that letter and agree with the bases chosen so far); uniform when none do.
 */
import type { Rng } from "../../random.js";
import type { TermTable } from "./terms.js";

/**
 * The LBCS basis probabilities, nQubits x 3 (X, Y, Z) row-major.
 * @example
 * lbcsDistribution(termTable(Hamiltonian.fromString("Z0 Z1"), 2, "h")); // Z with probability ~1
 */
export function lbcsDistribution(table: TermTable): Float64Array {
  const { nQubits: n, nTerms, letters, coefficients, supports } = table;
  let beta = new Float64Array(3 * n).fill(1 / 3);
  const next = new Float64Array(3 * n);
  for (let iter = 0; iter < 10000; iter++) {
    next.fill(0);
    for (let t = 0; t < nTerms; t++) {
      let product = 1;
      for (const q of supports[t]!) product *= beta[3 * q + letters[t * n + q]! - 1]!;
      const bound = product === 0 ? Number.POSITIVE_INFINITY : coefficients[t]! ** 2 / product;
      for (const q of supports[t]!) next[3 * q + letters[t * n + q]! - 1]! += bound;
    }
    let distance = 0;
    for (let q = 0; q < n; q++) {
      const sum = next[3 * q]! + next[3 * q + 1]! + next[3 * q + 2]!;
      for (let b = 0; b < 3; b++) {
        const old = beta[3 * q + b]!;
        const fresh = sum > 0 && Number.isFinite(sum) ? next[3 * q + b]! / sum : old;
        const mixed = 0.9 * old + 0.1 * fresh;
        distance += (mixed - old) ** 2;
        next[3 * q + b] = mixed;
      }
    }
    beta = Float64Array.from(next);
    if (Math.sqrt(distance) < 1e-6) break;
  }
  return beta;
}

/**
 * Draws one basis per qubit from per-qubit probabilities (nQubits x 3) into `out`.
 * @example
 * drawBases(new Float64Array(6).fill(1 / 3), rng, new Uint8Array(2));
 */
export function drawBases(beta: Float64Array, rng: Rng, out: Uint8Array): void {
  for (let q = 0; q < out.length; q++) {
    const u = rng.uniform();
    const px = beta[3 * q]!;
    const py = beta[3 * q + 1]!;
    out[q] = u < px ? 0 : u < px + py ? 1 : 2;
  }
}

/**
 * Draws one APS basis setting into `out` (codes 0 = X, 1 = Y, 2 = Z per qubit).
 * @example
 * apsBases(table, rng, new Uint8Array(table.nQubits));
 */
export function apsBases(table: TermTable, rng: Rng, out: Uint8Array): void {
  const { nQubits: n, nTerms, letters, coefficients } = table;
  const order = rng.shuffle(Array.from({ length: n }, (_, q) => q));
  const compatible = new Uint8Array(nTerms).fill(1);
  const weight = new Float64Array(3);
  for (const q of order) {
    weight.fill(0);
    for (let t = 0; t < nTerms; t++) {
      const l = letters[t * n + q]!;
      if (compatible[t] && l !== 0) weight[l - 1]! += coefficients[t]! ** 2;
    }
    const sx = Math.sqrt(weight[0]!);
    const sy = Math.sqrt(weight[1]!);
    const sz = Math.sqrt(weight[2]!);
    const total = sx + sy + sz;
    const u = rng.uniform() * (total > 0 ? total : 3);
    const b = total > 0 ? (u < sx ? 0 : u < sx + sy ? 1 : 2) : Math.min(2, Math.floor(u));
    out[q] = b;
    for (let t = 0; t < nTerms; t++) {
      const l = letters[t * n + q]!;
      if (l !== 0 && l !== b + 1) compatible[t] = 0;
    }
  }
}
