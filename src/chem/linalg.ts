/**
 * Dense real linear algebra for the SCF: a symmetric eigensolver (Householder reduction to
 * tridiagonal form, then the implicit QL algorithm: the EISPACK tred2/tql2 pair as in JAMA),
 * matrix products, and the orthogonalizer X with X^T S X = 1 (symmetric S^{-1/2}, or canonical
 * when S is near-singular). Matrices are row-major Float64Arrays.
 */
import { ArgumentError } from "../errors.js";
import { tridiagonalQL } from "../quantum/operators/tridiagonal.js";

/** Eigenvalues (ascending) and eigenvectors (columns: `vectors[i * n + k]` = component i of vector k). */
export interface EighResult {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns, row-major n x n. */
  vectors: Float64Array;
}

function checkSquare(a: Float64Array, n: number, where: string): void {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) {
    throw new ArgumentError(`${where}: matrix of length ${a.length} is not ${n} x ${n}`);
  }
}

/**
 * Eigen-decomposition of a real symmetric matrix (only the lower triangle is read). O(n^3).
 * @example
 * const { values, vectors } = eigh(new Float64Array([2, 1, 1, 2]), 2); // values [1, 3]
 */
export function eigh(a: Float64Array, n: number): EighResult {
  checkSquare(a, n, "eigh");
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) V[i * n + j] = a[i * n + j]!;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: V };
  tred2(V, d, e, n);
  tql2(V, d, e, n);
  return { values: d, vectors: V };
}

/** Householder tridiagonalization (lower triangle of V in, orthogonal transform in V out). */
function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[j * n + i] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j]! * d[k]!;
          e[k]! += V[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1]! * V[k * n + j]!;
        for (let k = 0; k <= i; k++) V[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j]!;
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e) (tred2's layout: e[i] couples i - 1 and i), accumulating into V; sorts ascending. */
function tql2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  tridiagonalQL(d, e, V, "eigh");
  // Selection sort of eigenvalues and vectors (ascending).
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const t = V[j * n + i]!;
        V[j * n + i] = V[j * n + k]!;
        V[j * n + k] = t;
      }
    }
  }
}

/**
 * C = op(A) op(B) with op = transpose when asked; A is m x k (or k x m transposed), B k x n.
 * Writes into `out` when given.
 * @example
 * matmul(a, b, 2, 2, 2); // a (2x2) times b (2x2)
 */
export function matmul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  options: { transA?: boolean; transB?: boolean; out?: Float64Array } = {},
): Float64Array {
  const { transA = false, transB = false } = options;
  if (a.length < m * k || b.length < k * n) {
    throw new ArgumentError(
      `matmul: operands of length ${a.length} and ${b.length} do not fit ${m}x${k} times ${k}x${n}`,
    );
  }
  const out = options.out ?? new Float64Array(m * n);
  out.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const orow = i * n;
    for (let p = 0; p < k; p++) {
      const av = transA ? a[p * m + i]! : a[i * k + p]!;
      if (av === 0) continue;
      if (transB) {
        for (let j = 0; j < n; j++) out[orow + j]! += av * b[j * k + p]!;
      } else {
        const brow = p * n;
        for (let j = 0; j < n; j++) out[orow + j]! += av * b[brow + j]!;
      }
    }
  }
  return out;
}

/** The orthogonalizer of {@link orthogonalizer}. */
export interface Orthogonalizer {
  /** X (nbf x nmo), X^T S X = 1. */
  X: Float64Array;
  /** Number of orthonormal combinations kept (nbf unless S is near-singular). */
  nmo: number;
  /** Smallest eigenvalue of S. */
  minEigenvalue: number;
}

/**
 * X with X^T S X = 1: symmetric S^{-1/2} when the smallest eigenvalue of S is at least
 * `tolerance`, else canonical orthogonalization U s^{-1/2} keeping eigenvalues >= tolerance
 * (removing near-linear dependencies; fewer MOs than basis functions).
 * @example
 * const { X } = orthogonalizer(S, nbf);
 */
export function orthogonalizer(S: Float64Array, n: number, tolerance = 1e-7): Orthogonalizer {
  checkSquare(S, n, "orthogonalizer");
  const { values, vectors } = eigh(S, n);
  const minEigenvalue = n > 0 ? values[0]! : 1;
  if (!(values[n - 1]! > 0)) throw new ArgumentError("orthogonalizer: S is not positive definite");
  if (minEigenvalue >= tolerance) {
    const X = new Float64Array(n * n);
    for (let k = 0; k < n; k++) {
      const f = 1 / Math.sqrt(values[k]!);
      for (let i = 0; i < n; i++) {
        const vik = vectors[i * n + k]! * f;
        if (vik === 0) continue;
        for (let j = 0; j < n; j++) X[i * n + j]! += vik * vectors[j * n + k]!;
      }
    }
    return { X, nmo: n, minEigenvalue };
  }
  const keep: number[] = [];
  for (let k = 0; k < n; k++) if (values[k]! >= tolerance) keep.push(k);
  const m = keep.length;
  const X = new Float64Array(n * m);
  keep.forEach((k, c) => {
    const f = 1 / Math.sqrt(values[k]!);
    for (let i = 0; i < n; i++) X[i * m + c] = vectors[i * n + k]! * f;
  });
  return { X, nmo: m, minEigenvalue };
}

/**
 * Solves the small dense system A x = b by Gaussian elimination with partial pivoting; returns
 * undefined when A is singular to working precision.
 * @example
 * solveLinear(new Float64Array([2, 0, 0, 4]), new Float64Array([2, 4]), 2); // [1, 1]
 */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  checkSquare(a, n, "solveLinear");
  const A = Float64Array.from(a);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]!));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(A[r * n + c]!) > Math.abs(A[piv * n + c]!)) piv = r;
    if (Math.abs(A[piv * n + c]!) <= 1e-14 * scale) return undefined;
    if (piv !== c) {
      for (let j = 0; j < n; j++) {
        const t = A[c * n + j]!;
        A[c * n + j] = A[piv * n + j]!;
        A[piv * n + j] = t;
      }
      const t = x[c]!;
      x[c] = x[piv]!;
      x[piv] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c]! / A[c * n + c]!;
      if (f === 0) continue;
      for (let j = c; j < n; j++) A[r * n + j]! -= f * A[c * n + j]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let j = r + 1; j < n; j++) s -= A[r * n + j]! * x[j]!;
    x[r] = s / A[r * n + r]!;
  }
  return x;
}
