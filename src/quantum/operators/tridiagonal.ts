/**
 * Eigen-decomposition of a real symmetric tridiagonal matrix by the implicit QL algorithm with
 * Wilkinson-style shifts (the tql2 scheme of EISPACK). The Krylov exponential (`krylov.ts`) calls
 * it after every Lanczos step, on at most a few dozen rows, so it works on plain arrays and
 * returns the full eigenvector matrix.
 */
import { ArgumentError, ConvergenceError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";

/** Eigenvalues and orthonormal eigenvectors of a symmetric tridiagonal matrix. */
export interface TridiagonalEigen {
  /** The eigenvalues (in no particular order). */
  values: Float64Array;
  /** Row-major m x m: column k is the eigenvector of `values[k]`. */
  vectors: Float64Array;
}

/**
 * The eigenpairs of the m x m symmetric tridiagonal matrix with diagonal `diag` (length m) and
 * off-diagonal `off` (`off[i]` couples rows i and i + 1; at least m - 1 entries are read).
 * @example
 * const { values } = tridiagonalEigen(Float64Array.of(2, 2), Float64Array.of(1)); // {1, 3}
 */
export function tridiagonalEigen(
  diag: ArrayLike<number>,
  off: ArrayLike<number>,
): TridiagonalEigen {
  checkArity(arguments.length, 2, "tridiagonalEigen");
  const finite = (x: unknown, n: number): boolean =>
    typeof x === "object" &&
    x !== null &&
    typeof (x as ArrayLike<number>).length === "number" &&
    (x as ArrayLike<number>).length >= n &&
    Array.from({ length: n }, (_, i) => (x as ArrayLike<number>)[i]).every(
      (v) => typeof v === "number" && Number.isFinite(v),
    );
  if (!finite(diag, 1) || !finite(diag, diag.length)) {
    throw new ArgumentError(
      `tridiagonalEigen: diag must be a non-empty array of finite numbers, got ${describe(diag)}`,
    );
  }
  if (!finite(off, diag.length - 1)) {
    throw new ArgumentError(
      `tridiagonalEigen: off must hold at least ${diag.length - 1} finite numbers (diag.length - 1), got ${describe(off)}`,
    );
  }
  const m = diag.length;
  const d = Float64Array.from(diag);
  const e = new Float64Array(m);
  for (let i = 0; i + 1 < m; i++) e[i] = off[i]!;
  const z = new Float64Array(m * m);
  for (let i = 0; i < m; i++) z[i * m + i] = 1;
  tridiagonalQL(d, e, z, "tridiagonalEigen");
  return { values: d, vectors: z };
}

/**
 * The implicit QL iteration in place: on return `d` holds the eigenvalues of the symmetric
 * tridiagonal matrix (diagonal `d`, `e[i]` coupling rows i and i + 1, `e[m - 1]` ignored) and the
 * rotations are accumulated into the columns of the row-major m x m `z` (the identity gives the
 * eigenvectors; a Householder transform gives those of the matrix it tridiagonalized). Shared by
 * {@link tridiagonalEigen} and the dense symmetric solver of the chemistry code.
 * @example
 * const d = Float64Array.of(2, 2), e = Float64Array.of(1, 0), z = Float64Array.of(1, 0, 0, 1);
 * tridiagonalQL(d, e, z, "example"); // d = {1, 3}
 */
export function tridiagonalQL(
  d: Float64Array,
  e: Float64Array,
  z: Float64Array,
  where: string,
): void {
  const m = d.length;
  e[m - 1] = 0;
  let shift = 0;
  let scale = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < m; l++) {
    scale = Math.max(scale, Math.abs(d[l]!) + Math.abs(e[l]!));
    // the first negligible coupling at or after l closes the block to diagonalize
    let end = l;
    while (end < m - 1 && Math.abs(e[end]!) > eps * scale) end++;
    let sweeps = 0;
    while (end > l && Math.abs(e[l]!) > eps * scale) {
      if (++sweeps > 60) {
        throw new ConvergenceError(
          `${where}: no convergence after 60 QL sweeps at row ${l} of ${m}`,
        );
      }
      // shift from the leading 2 x 2 block
      const g0 = d[l]!;
      let p = (d[l + 1]! - g0) / (2 * e[l]!);
      let r = Math.hypot(p, 1);
      if (p < 0) r = -r;
      d[l] = e[l]! / (p + r);
      d[l + 1] = e[l]! * (p + r);
      const dl1 = d[l + 1]!;
      let h = g0 - d[l]!;
      for (let i = l + 2; i < m; i++) d[i]! -= h;
      shift += h;
      // one implicit QL sweep from the bottom of the block up, rotating the eigenvectors along
      p = d[end]!;
      let c = 1;
      let c2 = 1;
      let c3 = 1;
      const el1 = e[l + 1]!;
      let s = 0;
      let s2 = 0;
      for (let i = end - 1; i >= l; i--) {
        c3 = c2;
        c2 = c;
        s2 = s;
        const g = c * e[i]!;
        h = c * p;
        r = Math.hypot(p, e[i]!);
        e[i + 1] = s * r;
        s = e[i]! / r;
        c = p / r;
        p = c * d[i]! - s * g;
        d[i + 1] = h + s * (c * g + s * d[i]!);
        for (let k = 0; k < m; k++) {
          const zi = z[k * m + i]!;
          const zi1 = z[k * m + i + 1]!;
          z[k * m + i + 1] = s * zi + c * zi1;
          z[k * m + i] = c * zi - s * zi1;
        }
      }
      p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
      e[l] = s * p;
      d[l] = c * p;
    }
    d[l] = d[l]! + shift;
    e[l] = 0;
  }
}
