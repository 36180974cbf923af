/** Shared helpers of the CPU backend tests: random data, placements, a naive full-matrix reference. */
import { expect } from "vitest";
import type { Rng } from "../../../src/random.js";

/** Random complex array of `count` entries (interleaved). */
export function randomComplex(rng: Rng, count: number): Float64Array {
  const out = new Float64Array(2 * count);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}

/** Every ordered tuple of `k` distinct qubits out of n, with every control set of size <= maxC from the rest. */
export function placements(
  n: number,
  k: number,
  maxC: number,
): { targets: number[]; controls: number[] }[] {
  const out: { targets: number[]; controls: number[] }[] = [];
  const tuples = (len: number, avoid: number[]): number[][] => {
    if (len === 0) return [[]];
    const res: number[][] = [];
    for (let q = 0; q < n; q++) {
      if (avoid.includes(q)) continue;
      for (const rest of tuples(len - 1, [...avoid, q])) res.push([q, ...rest]);
    }
    return res;
  };
  for (const targets of tuples(k, [])) {
    const free = [...Array(n).keys()].filter((q) => !targets.includes(q));
    const subsets: number[][] = [[]];
    for (const q of free) {
      const len = subsets.length;
      for (let s = 0; s < len; s++)
        if (subsets[s]!.length < maxC) subsets.push([...subsets[s]!, q]);
    }
    for (const controls of subsets) out.push({ targets, controls });
  }
  return out;
}

/**
 * The full 2^n x 2^n matrix of a (controlled) 2^k x 2^k matrix u on `targets`, built entry by
 * entry from the definition (qubit 0 = most significant bit, targets[0] = most significant bit of u's index).
 */
export function fullMatrix(
  n: number,
  targets: number[],
  controls: number[],
  u: Float64Array,
): Float64Array {
  const dim = 1 << n;
  const k = targets.length;
  const d = 1 << k;
  const bit = (i: number, q: number): number => (i >> (n - 1 - q)) & 1;
  const sub = (i: number): number => {
    let s = 0;
    for (let t = 0; t < k; t++) s = (s << 1) | bit(i, targets[t]!);
    return s;
  };
  const rest = (i: number): number => {
    let r = i;
    for (const q of targets) r &= ~(1 << (n - 1 - q));
    return r;
  };
  const M = new Float64Array(2 * dim * dim);
  for (let r = 0; r < dim; r++) {
    for (let c = 0; c < dim; c++) {
      const active = controls.every((q) => bit(c, q) === 1);
      let re = 0;
      let im = 0;
      if (!active) re = r === c ? 1 : 0;
      else if (rest(r) === rest(c)) {
        const at = 2 * (sub(r) * d + sub(c));
        re = u[at]!;
        im = u[at + 1]!;
      }
      M[2 * (r * dim + c)] = re;
      M[2 * (r * dim + c) + 1] = im;
    }
  }
  return M;
}

/** y = M x for a dense complex matrix M (dim x dim) and each of `batch` vectors. */
export function matVec(M: Float64Array, x: Float64Array, dim: number, batch: number): Float64Array {
  const y = new Float64Array(x.length);
  for (let b = 0; b < batch; b++) {
    for (let r = 0; r < dim; r++) {
      let sr = 0;
      let si = 0;
      for (let c = 0; c < dim; c++) {
        const mr = M[2 * (r * dim + c)]!;
        const mi = M[2 * (r * dim + c) + 1]!;
        const xr = x[2 * (b * dim + c)]!;
        const xi = x[2 * (b * dim + c) + 1]!;
        sr += mr * xr - mi * xi;
        si += mr * xi + mi * xr;
      }
      y[2 * (b * dim + r)] = sr;
      y[2 * (b * dim + r) + 1] = si;
    }
  }
  return y;
}

/** Expects two float arrays to agree entry by entry within `tol` (absolute). */
export function expectClose(
  actual: Float64Array,
  expected: Float64Array,
  tol = 1e-12,
  what = "",
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const e = Math.abs(actual[i]! - expected[i]!);
    if (!(e <= worst)) {
      worst = e;
      at = i;
    }
  }
  if (!(worst <= tol)) {
    expect.fail(
      `${what}: max deviation ${worst} at ${at} (actual ${actual[at]}, expected ${expected[at]})`,
    );
  }
}

/** Diagonal entries -> dense matrix. */
export function diagToDense(diag: Float64Array): Float64Array {
  const d = diag.length / 2;
  const M = new Float64Array(2 * d * d);
  for (let j = 0; j < d; j++) {
    M[2 * (j * d + j)] = diag[2 * j]!;
    M[2 * (j * d + j) + 1] = diag[2 * j + 1]!;
  }
  return M;
}

/** Permutation (|j> -> phase_j |perm[j]>) -> dense matrix. */
export function permToDense(perm: Int32Array, phases?: Float64Array): Float64Array {
  const d = perm.length;
  const M = new Float64Array(2 * d * d);
  for (let j = 0; j < d; j++) {
    const at = 2 * (perm[j]! * d + j);
    M[at] = phases ? phases[2 * j]! : 1;
    M[at + 1] = phases ? phases[2 * j + 1]! : 0;
  }
  return M;
}

/** A seeded random permutation of 0..d-1. */
export function randomPerm(rng: Rng, d: number): Int32Array {
  const p = Int32Array.from([...Array(d).keys()]);
  for (let i = d - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}
