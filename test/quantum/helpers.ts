/**
 * Naive references for the quantum tests: a dense state-vector simulator that expands every
 * gate to the full 2^n x 2^n matrix (linalg.expandOperator) and multiplies.
 */

import { expandOperator, matvec } from "../../src/quantum/linalg.js";
import type { Rng } from "../../src/random.js";

/** `batch` Haar-ish random states (normalized complex Gaussians), interleaved, batch-major. */
export function randomStates(n: number, batch: number, rng: Rng): Float64Array {
  const dim = 2 ** n;
  const out = new Float64Array(2 * dim * batch);
  for (let b = 0; b < batch; b++) {
    let s = 0;
    for (let i = 0; i < 2 * dim; i++) {
      const v = rng.normal();
      out[2 * dim * b + i] = v;
      s += v * v;
    }
    const f = 1 / Math.sqrt(s);
    for (let i = 0; i < 2 * dim; i++) out[2 * dim * b + i]! *= f;
  }
  return out;
}

/** Applies a k-qubit matrix on `qubits` to batch element `b` of `states` in place, naively. */
export function naiveApply(
  states: Float64Array,
  n: number,
  b: number,
  matrix: Float64Array,
  qubits: readonly number[],
): void {
  const dim = 2 ** n;
  const full = expandOperator(matrix, qubits, n);
  const v = states.slice(2 * dim * b, 2 * dim * (b + 1));
  states.set(matvec(full, v), 2 * dim * b);
}

/** max |a_i - b_i| over complex entries. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) {
    worst = Math.max(worst, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!));
  }
  return a.length === b.length ? worst : Number.POSITIVE_INFINITY;
}

/** All ordered selections of k distinct qubits out of n. */
export function placements(n: number, k: number): number[][] {
  const out: number[][] = [];
  const rec = (cur: number[]): void => {
    if (cur.length === k) {
      out.push([...cur]);
      return;
    }
    for (let q = 0; q < n; q++) if (!cur.includes(q)) rec([...cur, q]);
  };
  rec([]);
  return out;
}

/** A random Hermitian d x d matrix (interleaved). */
export function randomHermitian(d: number, rng: Rng): Float64Array {
  const h = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    h[2 * (i * d + i)] = rng.normal();
    for (let j = i + 1; j < d; j++) {
      const re = rng.normal();
      const im = rng.normal();
      h[2 * (i * d + j)] = re;
      h[2 * (i * d + j) + 1] = im;
      h[2 * (j * d + i)] = re;
      h[2 * (j * d + i) + 1] = -im;
    }
  }
  return h;
}
