/**
 * Small dense and iterative eigensolvers for the exact references (FCI, sector diagonalization):
 * a cyclic Jacobi eigensolver for small real symmetric matrices and a Davidson solver for the
 * lowest eigenpairs of a large real symmetric operator given only as a matrix-vector product.
 */
import { ArgumentError, ConvergenceError } from "../errors.js";
import { Rng } from "../random.js";

/** Eigenvalues (ascending) and eigenvectors (columns, row-major n x n) of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** `vectors[i * n + k]` is component i of eigenvector k. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a real symmetric matrix (row-major, n x n) by cyclic Jacobi rotations.
 * O(n^3) per sweep; meant for n up to a few hundred.
 * @example
 * const { values } = jacobiEigh(new Float64Array([2, 1, 1, 2]), 2); // [1, 3]
 */
export function jacobiEigh(matrix: Float64Array | readonly number[], n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 0 || matrix.length !== n * n) {
    throw new ArgumentError(
      `jacobiEigh: matrix of length ${matrix.length} is not n*n for n = ${n}`,
    );
  }
  const a = Float64Array.from(matrix);
  // Symmetrize: small asymmetries from round-off would otherwise bias the rotations.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const m = 0.5 * (a[i * n + j]! + a[j * n + i]!);
      a[i * n + j] = m;
      a[j * n + i] = m;
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off <= 1e-30 * scale * scale || scale === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) <= 1e-300) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => a[x * n + x]! - a[y * n + y]!,
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = a[src * n + src]!;
    for (let i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src]!;
  });
  return { values, vectors };
}

/** Options of {@link davidson}. */
export interface DavidsonOptions {
  /** Number of lowest eigenpairs (default 1). */
  nRoots?: number;
  /** Convergence: residual norm of every root below this (default 1e-7; energy error ~ its square). */
  tol?: number;
  /** Maximum iterations (default 200). */
  maxIter?: number;
  /** Subspace size that triggers a restart (default max(30, 8 nRoots)). */
  maxSubspace?: number;
  /** Problems of at most this dimension are diagonalized densely (default 64). */
  denseBelow?: number;
  /** Seed of the small random admixture to the initial guesses (default 12345). */
  seed?: number;
}

/** Result of {@link davidson}. */
export interface DavidsonResult {
  /** The `nRoots` lowest eigenvalues, ascending. */
  values: Float64Array;
  /** Their eigenvectors, one array each. */
  vectors: Float64Array[];
  /** Iterations run (1 when the matrix was small enough to diagonalize densely). */
  iterations: number;
  /** Final residual norm of each root. */
  residuals: Float64Array;
}

/**
 * Lowest eigenpairs of a real symmetric operator of dimension `n` given by `matvec(x, y)` (y = A x,
 * y is zero on entry) and its diagonal (the preconditioner). Small problems are solved densely.
 * @example
 * const d = new Float64Array([1, 2, 3]);
 * davidson((x, y) => { for (let i = 0; i < 3; i++) y[i] = d[i]! * x[i]!; }, d).values[0]; // 1
 */
export function davidson(
  matvec: (x: Float64Array, y: Float64Array) => void,
  diag: Float64Array,
  options: DavidsonOptions = {},
): DavidsonResult {
  const n = diag.length;
  const nRoots = options.nRoots ?? 1;
  if (!Number.isInteger(nRoots) || nRoots < 1 || nRoots > n) {
    throw new ArgumentError(`davidson: nRoots must be an integer in [1, ${n}], got ${nRoots}`);
  }
  const tol = options.tol ?? 1e-7;
  if (n <= (options.denseBelow ?? 64)) return denseLowest(matvec, n, nRoots);
  const maxIter = options.maxIter ?? 200;
  const maxSub = Math.max(options.maxSubspace ?? Math.max(30, 8 * nRoots), 2 * nRoots + 2);

  const V: Float64Array[] = [];
  const AV: Float64Array[] = [];
  // Projected matrix V^T A V, grown one row per added vector.
  const hs: number[][] = [];
  const pushPair = (v: Float64Array, av: Float64Array): void => {
    V.push(v);
    AV.push(av);
    const row = V.map((u) => dot(u, av));
    hs.push(row);
  };
  const addVector = (t: Float64Array): boolean => {
    // Two passes of Gram-Schmidt keep the basis orthonormal to machine precision.
    for (let pass = 0; pass < 2; pass++) {
      for (const v of V) {
        const d = dot(v, t);
        for (let i = 0; i < n; i++) t[i] -= d * v[i]!;
      }
    }
    const norm = Math.sqrt(dot(t, t));
    if (norm < 1e-10) return false;
    for (let i = 0; i < n; i++) t[i] /= norm;
    const y = new Float64Array(n);
    matvec(t, y);
    pushPair(t, y);
    return true;
  };

  // Initial guesses: unit vectors on the smallest diagonal entries.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => diag[x]! - diag[y]!);
  const nGuess = Math.min(n, Math.max(nRoots + 2, 2 * nRoots));
  // Each guess gets a small seeded random admixture: a pure unit vector can lie in one symmetry
  // block of H (e.g. a determinant mapped to itself by a molecular symmetry), and the diagonal
  // preconditioner would then never leave that block and miss a lower state of another symmetry.
  const rng = new Rng(options.seed ?? 12345);
  for (let k = 0; k < nGuess; k++) {
    const t = new Float64Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      t[i] = rng.normal();
      norm += t[i]! * t[i]!;
    }
    const eps = 1e-2 / Math.sqrt(norm);
    for (let i = 0; i < n; i++) t[i] *= eps;
    t[order[k]!] += 1;
    addVector(t);
  }

  const values = new Float64Array(nRoots);
  const residuals = new Float64Array(nRoots);
  let ritz: Float64Array[] = [];
  let ritzA: Float64Array[] = [];
  for (let iter = 1; iter <= maxIter; iter++) {
    const m = V.length;
    const hsub = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        const h = hs[i]![j]!;
        hsub[i * m + j] = h;
        hsub[j * m + i] = h;
      }
    }
    const eig = jacobiEigh(hsub, m);
    ritz = [];
    ritzA = [];
    const corrections: Float64Array[] = [];
    let allConverged = true;
    for (let k = 0; k < nRoots; k++) {
      const x = new Float64Array(n);
      const ax = new Float64Array(n);
      for (let j = 0; j < m; j++) {
        const c = eig.vectors[j * m + k]!;
        const vj = V[j]!;
        const avj = AV[j]!;
        for (let i = 0; i < n; i++) {
          x[i] += c * vj[i]!;
          ax[i] += c * avj[i]!;
        }
      }
      const theta = eig.values[k]!;
      const r = new Float64Array(n);
      for (let i = 0; i < n; i++) r[i] = ax[i]! - theta * x[i]!;
      const rn = Math.sqrt(dot(r, r));
      values[k] = theta;
      residuals[k] = rn;
      ritz.push(x);
      ritzA.push(ax);
      if (rn > tol) {
        allConverged = false;
        for (let i = 0; i < n; i++) {
          const den = theta - diag[i]!;
          r[i] /= Math.abs(den) < 1e-8 ? (den < 0 ? -1e-8 : 1e-8) : den;
        }
        corrections.push(r);
      }
    }
    if (allConverged) return { values, vectors: ritz, iterations: iter, residuals };
    if (V.length + corrections.length > maxSub) {
      // Restart from the current Ritz vectors (their A-images are already known).
      V.length = 0;
      AV.length = 0;
      hs.length = 0;
      for (let k = 0; k < nRoots; k++) {
        const x = ritz[k]!;
        const ax = ritzA[k]!;
        for (let j = 0; j < V.length; j++) {
          const v = V[j]!;
          const av = AV[j]!;
          const d = dot(v, x);
          for (let i = 0; i < n; i++) {
            x[i] -= d * v[i]!;
            ax[i] -= d * av[i]!;
          }
        }
        const norm = Math.sqrt(dot(x, x));
        if (norm < 1e-10) continue;
        for (let i = 0; i < n; i++) {
          x[i] /= norm;
          ax[i] /= norm;
        }
        pushPair(x, ax);
      }
    }
    let added = 0;
    for (const t of corrections) if (addVector(t)) added++;
    if (added === 0) return { values, vectors: ritz, iterations: iter, residuals };
  }
  throw new ConvergenceError(
    `davidson: no convergence in ${maxIter} iterations (residuals ${Array.from(residuals).join(", ")}, tol ${tol})`,
  );
}

function denseLowest(
  matvec: (x: Float64Array, y: Float64Array) => void,
  n: number,
  nRoots: number,
): DavidsonResult {
  const a = new Float64Array(n * n);
  const e = new Float64Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    col.fill(0);
    e[j] = 1;
    matvec(e, col);
    for (let i = 0; i < n; i++) a[i * n + j] = col[i]!;
  }
  const eig = jacobiEigh(a, n);
  const vectors: Float64Array[] = [];
  for (let k = 0; k < nRoots; k++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = eig.vectors[i * n + k]!;
    vectors.push(v);
  }
  return {
    values: eig.values.slice(0, nRoots),
    vectors,
    iterations: 1,
    residuals: new Float64Array(nRoots),
  };
}

/**
 * Dot product of two equal-length vectors.
 * @example dot(new Float64Array([1, 2]), new Float64Array([3, 4])); // 11
 */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Binomial coefficient C(n, k) as a number (exact below 2^53).
 * @example
 * binomial(10, 7); // 120
 */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  k = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * Number of set bits of a 32-bit integer.
 * @example popcount32(0b1011); // 3
 */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
