import { describe, expect, it } from "vitest";
import { svd, truncation } from "../../../src/backend/mps/svd.js";
import { Rng } from "../../../src/random.js";

/** A random complex m x n matrix of rank at most r (interleaved, row-major). */
function randomMatrix(m: number, n: number, r: number, rng: Rng): Float64Array {
  const a = new Float64Array(2 * m * n);
  for (let k = 0; k < r; k++) {
    const x = Array.from({ length: 2 * m }, () => rng.normal());
    const y = Array.from({ length: 2 * n }, () => rng.normal());
    const w = 0.6 ** k; // spread singular values
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        a[2 * (i * n + j)]! += w * (x[2 * i]! * y[2 * j]! - x[2 * i + 1]! * y[2 * j + 1]!);
        a[2 * (i * n + j) + 1]! += w * (x[2 * i]! * y[2 * j + 1]! + x[2 * i + 1]! * y[2 * j]!);
      }
    }
  }
  return a;
}

/** max |U S Vh - A| and max |U^dagger U - I|, |Vh Vh^dagger - I|. */
function errors(a: Float64Array, m: number, n: number) {
  const f = svd(a, m, n);
  let rec = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let c = 0; c < f.k; c++) {
        const ur = f.u[2 * (i * f.k + c)]! * f.s[c]!;
        const ui = f.u[2 * (i * f.k + c) + 1]! * f.s[c]!;
        const vr = f.vh[2 * (c * n + j)]!;
        const vi = f.vh[2 * (c * n + j) + 1]!;
        re += ur * vr - ui * vi;
        im += ur * vi + ui * vr;
      }
      rec = Math.max(rec, Math.hypot(re - a[2 * (i * n + j)]!, im - a[2 * (i * n + j) + 1]!));
    }
  }
  let orth = 0;
  for (let p = 0; p < f.k; p++) {
    for (let q = 0; q < f.k; q++) {
      let ur = 0;
      let ui = 0;
      let vr = 0;
      let vi = 0;
      for (let i = 0; i < m; i++) {
        const a1 = f.u[2 * (i * f.k + p)]!;
        const b1 = f.u[2 * (i * f.k + p) + 1]!;
        const a2 = f.u[2 * (i * f.k + q)]!;
        const b2 = f.u[2 * (i * f.k + q) + 1]!;
        ur += a1 * a2 + b1 * b2;
        ui += a1 * b2 - b1 * a2;
      }
      for (let j = 0; j < n; j++) {
        const a1 = f.vh[2 * (p * n + j)]!;
        const b1 = f.vh[2 * (p * n + j) + 1]!;
        const a2 = f.vh[2 * (q * n + j)]!;
        const b2 = f.vh[2 * (q * n + j) + 1]!;
        vr += a1 * a2 + b1 * b2;
        vi += a2 * b1 - a1 * b2;
      }
      const id = p === q ? 1 : 0;
      orth = Math.max(orth, Math.hypot(ur - id, ui), Math.hypot(vr - id, vi));
    }
  }
  return { f, rec, orth };
}

describe("mps svd (one-sided Jacobi)", () => {
  it("reconstructs tall, wide and square complex matrices with orthonormal factors", () => {
    const rng = new Rng(3);
    for (const [m, n] of [
      [8, 8],
      [12, 5],
      [5, 12],
      [32, 32],
    ] as const) {
      const a = randomMatrix(m, n, Math.min(m, n), rng);
      const { f, rec, orth } = errors(a, m, n);
      expect(f.k).toBe(Math.min(m, n));
      expect(rec).toBeLessThan(1e-13);
      expect(orth).toBeLessThan(1e-12);
      for (let c = 1; c < f.k; c++) expect(f.s[c]!).toBeLessThanOrEqual(f.s[c - 1]!);
    }
  });

  it("finds the rank of a rank-deficient matrix and the known singular values of a diagonal one", () => {
    const rng = new Rng(5);
    const a = randomMatrix(10, 9, 3, rng);
    const { f, rec } = errors(a, 10, 9);
    expect(f.k).toBe(3);
    expect(rec).toBeLessThan(1e-13);
    // diag(3, 4i, 0) has singular values 4, 3
    const d = new Float64Array(18);
    d[0] = 3;
    d[2 * 4 + 1] = 4;
    const g = svd(d, 3, 3);
    expect(g.k).toBe(2);
    expect(g.s[0]).toBeCloseTo(4, 14);
    expect(g.s[1]).toBeCloseTo(3, 14);
  });

  it("truncation keeps the fewest values within the cutoff and at most maxBond", () => {
    const s = new Float64Array([1, 0.1, 0.01, 0.001]);
    const total = 1 + 1e-2 + 1e-4 + 1e-6;
    expect(truncation(s, Infinity, 0).keep).toBe(4);
    const t = truncation(s, Infinity, 2e-4 / total);
    expect(t.keep).toBe(2);
    expect(t.discarded).toBeCloseTo((1e-4 + 1e-6) / total, 15);
    expect(truncation(s, 1, 0).keep).toBe(1);
  });
});

describe("mps svd edge cases", () => {
  it("gives one zero singular value for the zero matrix and handles a single row and column", () => {
    const z = svd(new Float64Array(2 * 6), 2, 3);
    expect(z.k).toBe(1);
    expect(z.s[0]).toBe(0);
    const row = svd(new Float64Array([3, 0, 0, 4]), 1, 2); // [3, 4i]
    expect(row.s[0]).toBeCloseTo(5, 14);
    const col = svd(new Float64Array([0, 3, 4, 0]), 2, 1);
    expect(col.s[0]).toBeCloseTo(5, 14);
  });
});
