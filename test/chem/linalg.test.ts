import { describe, expect, it } from "vitest";
import { eigh, matmul, orthogonalizer, solveLinear } from "../../src/chem/linalg.js";
import { ArgumentError } from "../../src/errors.js";
import { Rng } from "../../src/random.js";

function randomSymmetric(n: number, rng: Rng): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

describe("linalg", () => {
  it("eigh: A V = V diag(w), V orthogonal, w ascending, for random symmetric matrices", () => {
    const rng = new Rng(11);
    for (const n of [1, 2, 3, 8, 25, 60]) {
      const a = randomSymmetric(n, rng);
      const { values, vectors } = eigh(a, n);
      const av = matmul(a, vectors, n, n, n);
      const vtv = matmul(vectors, vectors, n, n, n, { transA: true });
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) {
          expect(Math.abs(av[i * n + k]! - values[k]! * vectors[i * n + k]!)).toBeLessThan(
            1e-12 * n,
          );
          expect(Math.abs(vtv[i * n + k]! - (i === k ? 1 : 0))).toBeLessThan(1e-13 * n);
        }
      }
      for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
    }
  });

  it("eigh: the 1D Laplacian has eigenvalues 2 - 2 cos(k pi / (n + 1)), degenerate input works", () => {
    const n = 30;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { values } = eigh(a, n);
    for (let k = 1; k <= n; k++)
      expect(values[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
    const id = new Float64Array(16);
    for (let i = 0; i < 4; i++) id[i * 5] = 3;
    expect(Array.from(eigh(id, 4).values)).toEqual([3, 3, 3, 3]);
    expect(() => eigh(new Float64Array(5), 2)).toThrow(ArgumentError);
  });

  it("orthogonalizer: X^T S X = 1, symmetric or canonical for a near-singular S", () => {
    const rng = new Rng(5);
    const n = 6;
    const b = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) b[i] = rng.normal();
    const S = matmul(b, b, n, n, n, { transB: true });
    for (let i = 0; i < n; i++) S[i * n + i]! += 0.5;
    const check = (X: Float64Array, m: number, s: Float64Array): void => {
      const xsx = matmul(X, matmul(s, X, n, n, m), m, n, m, { transA: true });
      for (let i = 0; i < m; i++)
        for (let j = 0; j < m; j++) expect(xsx[i * m + j]).toBeCloseTo(i === j ? 1 : 0, 11);
    };
    const sym = orthogonalizer(S, n);
    expect(sym.nmo).toBe(n);
    check(sym.X, n, S);
    // two identical functions: S singular, one combination removed
    const v = [1, 0.5, 0.25];
    const s3 = new Float64Array([1, 1, v[1]!, 1, 1, v[1]!, v[1]!, v[1]!, 1]);
    const can = orthogonalizer(s3, 3);
    expect(can.nmo).toBe(2);
    const xsx = matmul(can.X, matmul(s3, can.X, 3, 3, 2), 2, 3, 2, { transA: true });
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) expect(xsx[i * 2 + j]).toBeCloseTo(i === j ? 1 : 0, 11);
  });

  it("solveLinear and matmul", () => {
    const a = new Float64Array([4, 1, 2, 1, 3, 0, 2, 0, 5]);
    const x = solveLinear(a, new Float64Array([1, 2, 3]), 3)!;
    const ax = matmul(a, x, 3, 3, 1);
    expect(Array.from(ax).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2, 3]);
    expect(
      solveLinear(new Float64Array([1, 2, 2, 4]), new Float64Array([1, 1]), 2),
    ).toBeUndefined();
    const m = new Float64Array([1, 2, 3, 4, 5, 6]); // 2 x 3
    expect(Array.from(matmul(m, m, 2, 3, 2, { transB: true }))).toEqual([14, 32, 32, 77]);
    expect(Array.from(matmul(m, m, 3, 2, 3, { transA: true }))).toEqual([
      17, 22, 27, 22, 29, 36, 27, 36, 45,
    ]);
  });
});
