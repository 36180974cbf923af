/** The tridiagonal QL eigensolver behind the Krylov exponential, against the dense Jacobi solver. */
import { describe, expect, it } from "vitest";
import { eighHermitian } from "../../../src/quantum/linalg.js";
import { tridiagonalEigen } from "../../../src/quantum/operators/tridiagonal.js";
import { Rng } from "../../../src/random.js";

describe("tridiagonalEigen", () => {
  it("matches eighHermitian's eigenvalues and gives orthonormal eigenvectors", () => {
    const rng = new Rng(3);
    for (const m of [1, 2, 5, 30]) {
      const diag = Float64Array.from({ length: m }, () => rng.uniformIn(-3, 3));
      const off = Float64Array.from({ length: m - 1 }, () => rng.uniformIn(-1, 1));
      off[Math.floor(m / 2)] = 0; // a split into two blocks is handled too
      const { values, vectors } = tridiagonalEigen(diag, off);
      const dense = new Float64Array(2 * m * m);
      for (let i = 0; i < m; i++) {
        dense[2 * (i * m + i)] = diag[i]!;
        if (i + 1 < m) {
          dense[2 * (i * m + i + 1)] = off[i]!;
          dense[2 * ((i + 1) * m + i)] = off[i]!;
        }
      }
      const ref = Array.from(eighHermitian(dense).values).sort((a, b) => a - b);
      const got = Array.from(values).sort((a, b) => a - b);
      for (const [i, v] of got.entries()) expect(v).toBeCloseTo(ref[i]!, 11);
      // T v_k = lambda_k v_k and V^T V = I
      for (let k = 0; k < m; k++) {
        for (let i = 0; i < m; i++) {
          let tv = diag[i]! * vectors[i * m + k]!;
          if (i > 0) tv += off[i - 1]! * vectors[(i - 1) * m + k]!;
          if (i + 1 < m) tv += off[i]! * vectors[(i + 1) * m + k]!;
          expect(tv).toBeCloseTo(values[k]! * vectors[i * m + k]!, 11);
        }
        for (let l = 0; l < m; l++) {
          let dot = 0;
          for (let i = 0; i < m; i++) dot += vectors[i * m + k]! * vectors[i * m + l]!;
          expect(dot).toBeCloseTo(k === l ? 1 : 0, 12);
        }
      }
    }
  });
});
