/**
 * Real symmetric P x P matrices (Fisher matrices, metrics) through the Hermitian Jacobi solver
 * of `quantum/linalg.ts`: eigenvalues, rank and regularized solves.
 */
import { eighHermitian } from "../../quantum/linalg.js";

/** Eigenvalues (ascending) and the complex eigenvectors of a real symmetric matrix. */
export interface SymmetricEigen {
  values: Float64Array;
  /** Interleaved complex, column j the eigenvector of values[j]. */
  vectors: Float64Array;
}

/**
 * The eigen-decomposition of the real symmetric `m` (row-major, n x n).
 * @example
 * symmetricEigen(new Float64Array([2, 1, 1, 2]), 2).values; // [1, 3]
 */
export function symmetricEigen(m: Float64Array, n: number): SymmetricEigen {
  const c = new Float64Array(2 * n * n);
  for (let i = 0; i < n * n; i++) c[2 * i] = m[i]!;
  return eighHermitian(c);
}

/**
 * The number of eigenvalues above `tol` in absolute value.
 * @example
 * symmetricRank(new Float64Array([1, 1, 1, 1]), 2, 1e-6); // 1
 */
export function symmetricRank(m: Float64Array, n: number, tol: number): number {
  let r = 0;
  for (const v of symmetricEigen(m, n).values) if (Math.abs(v) > tol) r++;
  return r;
}

/**
 * x = (m + shift I)^-1 b from the eigen-decomposition; returns x and the smallest eigenvalue of
 * m + shift I (the caller decides what is singular).
 * @example
 * solveShifted(new Float64Array([2, 0, 0, 4]), 2, 0, new Float64Array([2, 4])).x; // [1, 1]
 */
export function solveShifted(
  m: Float64Array,
  n: number,
  shift: number,
  b: Float64Array,
): { x: Float64Array; minEigenvalue: number; maxEigenvalue: number } {
  const { values, vectors } = symmetricEigen(m, n);
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // c_j = v_j^dagger b / (lambda_j + shift); x += Re(v_j c_j)
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += vectors[2 * (i * n + j)]! * b[i]!;
      im -= vectors[2 * (i * n + j) + 1]! * b[i]!;
    }
    const lam = values[j]! + shift;
    re /= lam;
    im /= lam;
    for (let i = 0; i < n; i++) {
      x[i] += vectors[2 * (i * n + j)]! * re - vectors[2 * (i * n + j) + 1]! * im;
    }
  }
  return { x, minEigenvalue: values[0]! + shift, maxEigenvalue: values[n - 1]! + shift };
}
