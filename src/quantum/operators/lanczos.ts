/**
 * Lowest eigenpairs of a Hermitian operator given only as a matrix-vector product, by restarted
 * Lanczos with full reorthogonalization (thick restart: the best Ritz vectors seed the next
 * cycle). Generic over the matvec, so chemistry can pass a sector-restricted one.
 *
 * Vectors are complex, interleaved (re, im): length `2 * dim`.
 */
import { ArgumentError, ConvergenceError, describe } from "../../errors.js";
import { type Rng, toRng } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { eighHermitian } from "../linalg.js";

/** `y <- A x` for a Hermitian A (x must not be modified). */
export type MatVec = (x: Float64Array, y: Float64Array) => void;

/** Options of `lanczos`. */
export interface LanczosOptions {
  /** Number of lowest eigenpairs (default 1). */
  k?: number;
  /** Converged when every wanted residual ||A y - theta y|| <= tol * max(1, |theta|) (default 1e-10). */
  tol?: number;
  /** Maximum number of matvecs (default 5000). */
  maxIter?: number;
  /** Largest basis per restart cycle (default max(2k + 20, 40), or max(2k + 10, 20) above 2^16 dims). */
  krylovDim?: number;
  /** Seed of the random start vector. */
  seed?: number | Rng;
  /** Start vector (interleaved, length 2 * dim); default random. */
  start?: Float64Array;
  /**
   * For k > 1: find the eigenpairs one at a time, each in the orthogonal complement of those
   * already found (default true). This gets degenerate levels with their multiplicity, which a
   * single Krylov space cannot see; `false` finds all k in one thick-restart run (fewer matvecs).
   */
  locking?: boolean;
}

const LANCZOS_OPTIONS = optionKeys<LanczosOptions>({
  k: true,
  tol: true,
  maxIter: true,
  krylovDim: true,
  seed: true,
  start: true,
  locking: true,
});

/** Result of `lanczos`. */
export interface LanczosResult {
  /** The k lowest Ritz values, ascending. */
  values: Float64Array;
  /** The matching unit eigenvectors (interleaved complex). */
  vectors: Float64Array[];
  /** Residual norms ||A y - theta y||. */
  residuals: Float64Array;
  /** Matvecs used. */
  matvecs: number;
}

/**
 * The `k` lowest eigenpairs of the Hermitian operator `matvec` on a `dim`-dimensional space.
 * With `k > 1` the pairs are found one at a time with locking (see `locking`), so degenerate
 * levels appear with their multiplicity. Throws `ConvergenceError` after `maxIter` matvecs.
 * @example
 * const { values } = lanczos((x, y) => y.set(x), 4); // identity: values [1]
 */
export function lanczos(matvec: MatVec, dim: number, options: LanczosOptions = {}): LanczosResult {
  checkArity(arguments.length, 3, "lanczos");
  checkOptions(options, LANCZOS_OPTIONS, "lanczos");
  if (!Number.isInteger(dim) || dim < 1)
    throw new ArgumentError(`lanczos: dim must be a positive integer, got ${describe(dim)}`);
  const k = options.k ?? 1;
  if (!Number.isInteger(k) || k < 1 || k > dim) {
    throw new ArgumentError(`lanczos: k must be an integer in [1, ${dim}], got ${describe(k)}`);
  }
  const tol = options.tol ?? 1e-10;
  if (!(tol > 0)) throw new ArgumentError(`lanczos: tol must be positive, got ${describe(tol)}`);
  const maxIter = options.maxIter ?? 5000;
  const defaultM = dim > 1 << 16 ? Math.max(2 * k + 10, 20) : Math.max(2 * k + 20, 40);
  const m = Math.min(dim, Math.max(options.krylovDim ?? defaultM, k + 2));
  const len = 2 * dim;

  let v0: Float64Array;
  if (options.start !== undefined) {
    if (!(options.start instanceof Float64Array) && !Array.isArray(options.start)) {
      throw new ArgumentError(
        `lanczos: start must be an interleaved Float64Array of length ${len}, got ${describe(options.start)}`,
      );
    }
    if (options.start.length !== len) {
      throw new ArgumentError(`lanczos: start has length ${options.start.length}, expected ${len}`);
    }
    v0 = Float64Array.from(options.start);
  } else {
    const rng = toRng(options.seed ?? 12345);
    v0 = new Float64Array(len);
    for (let i = 0; i < len; i++) v0[i] = rng.normal();
  }
  if (!(normalize(v0) > 0)) throw new ArgumentError("lanczos: start vector is zero");

  if (k === 1 || options.locking === false)
    return lanczosCore(matvec, dim, k, tol, maxIter, m, v0, []);
  const locked: Float64Array[] = [];
  const values = new Float64Array(k);
  const residuals = new Float64Array(k);
  let matvecs = 0;
  const seedRng = toRng(options.seed ?? 12345);
  for (let i = 0; i < k; i++) {
    let start = v0;
    if (i > 0) {
      start = new Float64Array(len);
      for (let t = 0; t < len; t++) start[t] = seedRng.normal();
    }
    const mi = Math.min(m, dim - i);
    const res = lanczosCore(matvec, dim, 1, tol, maxIter - matvecs, mi, start, locked);
    matvecs += res.matvecs;
    values[i] = res.values[0]!;
    residuals[i] = res.residuals[0]!;
    locked.push(res.vectors[0]!);
  }
  // Sort (a later level can come out a rounding error below an earlier one).
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  return {
    values: Float64Array.from(order, (i) => values[i]!),
    vectors: Array.from(order, (i) => locked[i]!),
    residuals: Float64Array.from(order, (i) => residuals[i]!),
    matvecs,
  };
}

/**
 * Thick-restart Lanczos for the k lowest eigenpairs of A restricted to the orthogonal
 * complement of `locked` (orthonormal vectors, e.g. eigenvectors already found).
 */
function lanczosCore(
  matvec: MatVec,
  dim: number,
  k: number,
  tol: number,
  maxIter: number,
  m: number,
  start: Float64Array,
  locked: readonly Float64Array[],
): LanczosResult {
  const len = 2 * dim;
  const room = dim - locked.length;
  const rng = toRng(777 + locked.length);
  const v0 = Float64Array.from(start);
  for (let pass = 0; pass < 2; pass++) for (const y of locked) axpyNeg(v0, y, ...dot(y, v0));
  if (!(normalize(v0) > 1e-300)) v0.set(randomOrthogonal(locked, len, rng));
  m = Math.min(m, room);

  // basis: orthonormal vectors; hmat[i][j] = <v_i|A|v_j> (m x m, interleaved); the first `kept`
  // vectors are Ritz vectors from the previous cycle, whose block of hmat is diag(theta).
  let basis: Float64Array[] = [v0];
  let hmat = new Float64Array(2 * m * m);
  let matvecs = 0;
  let kept = 0;
  const w = new Float64Array(len);
  const f = new Float64Array(len); // the residual direction of the last cycle

  for (;;) {
    let resNorm = 0;
    let size = kept;
    for (let j = kept; j < m; j++) {
      matvec(basis[j]!, w);
      matvecs++;
      size = j + 1;
      const before = norm(w);
      // Modified Gram-Schmidt against the whole basis; its coefficients are the projections
      // <v_i|A|v_j> (full reorthogonalization). A second pass runs when cancellation was strong.
      for (let pass = 0; pass < 2; pass++) {
        for (const y of locked) axpyNeg(w, y, ...dot(y, w));
        for (let i = 0; i <= j; i++) {
          const [re, im] = dot(basis[i]!, w);
          axpyNeg(w, basis[i]!, re, im);
          const hr = hmat[2 * (i * m + j)]! + re;
          const hi = i === j ? 0 : hmat[2 * (i * m + j) + 1]! + im;
          hmat[2 * (i * m + j)] = hr;
          hmat[2 * (i * m + j) + 1] = hi;
          hmat[2 * (j * m + i)] = hr;
          hmat[2 * (j * m + i) + 1] = -hi;
        }
        if (pass === 0 && norm(w) > 0.5 * before) break;
      }
      resNorm = norm(w);
      if (basis.length >= room) break;
      if (resNorm <= 1e-13 * Math.max(1, hmatScale(hmat, m, size))) {
        // Invariant subspace found: go on with a random direction orthogonal to the basis.
        resNorm = 0;
        if (j + 1 === m) break;
        basis.push(randomOrthogonal([...locked, ...basis], len, rng));
        continue;
      }
      if (j + 1 === m) break;
      const next = Float64Array.from(w);
      scaleInPlace(next, 1 / resNorm);
      basis.push(next);
    }
    basis.length = size;
    // Rayleigh-Ritz on the basis; since A V = V H + f e_last^T, the residual of Ritz pair i
    // is ||f|| |u[last, i]|.
    const sub = new Float64Array(2 * size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        sub[2 * (i * size + j)] = hmat[2 * (i * m + j)]!;
        sub[2 * (i * size + j) + 1] = hmat[2 * (i * m + j) + 1]!;
      }
    }
    const { values: theta, vectors: u } = eighHermitian(sub);
    const want = Math.min(k, size);
    let converged = true;
    for (let i = 0; i < want; i++) {
      const est =
        resNorm * Math.hypot(u[2 * ((size - 1) * size + i)]!, u[2 * ((size - 1) * size + i) + 1]!);
      if (est > 0.1 * tol * Math.max(1, Math.abs(theta[i]!))) converged = false;
    }
    f.set(w);
    const exhausted = size >= room;
    if (converged || exhausted || matvecs >= maxIter) {
      const vectors: Float64Array[] = [];
      const residuals = new Float64Array(want);
      let ok = true;
      for (let i = 0; i < want; i++) {
        const y = combine(basis, u, size, i, len);
        normalize(y);
        matvec(y, w);
        matvecs++;
        axpyNeg(w, y, theta[i]!, 0);
        residuals[i] = norm(w);
        if (residuals[i]! > tol * Math.max(1, Math.abs(theta[i]!))) ok = false;
        vectors.push(y);
      }
      if (ok || exhausted) return { values: theta.slice(0, want), vectors, residuals, matvecs };
      if (matvecs >= maxIter) {
        throw new ConvergenceError(
          `lanczos: not converged after maxIter = ${maxIter} matvecs (largest residual ${Math.max(...residuals).toExponential(2)}, tol ${tol})`,
        );
      }
    }
    // Thick restart: keep the lowest Ritz vectors, then the normalized residual direction.
    const keep = Math.min(size - 1, Math.max(want + 2, Math.floor(m / 2)));
    const newBasis: Float64Array[] = [];
    hmat = new Float64Array(2 * m * m);
    for (let i = 0; i < keep; i++) {
      newBasis.push(combine(basis, u, size, i, len));
      hmat[2 * (i * m + i)] = theta[i]!;
    }
    let r: Float64Array;
    if (resNorm === 0) r = randomOrthogonal([...locked, ...newBasis], len, rng);
    else {
      r = Float64Array.from(f);
      for (let pass = 0; pass < 2; pass++) {
        for (const b of locked) axpyNeg(r, b, ...dot(b, r));
        for (const b of newBasis) axpyNeg(r, b, ...dot(b, r));
      }
      normalize(r);
    }
    newBasis.push(r);
    basis = newBasis;
    kept = keep;
  }
}

function randomOrthogonal(basis: readonly Float64Array[], len: number, rng: Rng): Float64Array {
  const r = new Float64Array(len);
  for (let i = 0; i < len; i++) r[i] = rng.normal();
  for (let pass = 0; pass < 2; pass++) for (const b of basis) axpyNeg(r, b, ...dot(b, r));
  normalize(r);
  return r;
}

/** <a|b> (conjugating a). */
function dot(a: Float64Array, b: Float64Array): [number, number] {
  let re = 0;
  let im = 0;
  for (let i = 0; i < a.length; i += 2) {
    const ar = a[i]!;
    const ai = a[i + 1]!;
    const br = b[i]!;
    const bi = b[i + 1]!;
    re += ar * br + ai * bi;
    im += ar * bi - ai * br;
  }
  return [re, im];
}

/** w <- w - (re + i im) b. */
function axpyNeg(w: Float64Array, b: Float64Array, re: number, im: number): void {
  for (let i = 0; i < w.length; i += 2) {
    const br = b[i]!;
    const bi = b[i + 1]!;
    w[i]! -= re * br - im * bi;
    w[i + 1]! -= re * bi + im * br;
  }
}

function norm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}

function normalize(a: Float64Array): number {
  const n = norm(a);
  if (n > 0) scaleInPlace(a, 1 / n);
  return n;
}

function scaleInPlace(a: Float64Array, s: number): void {
  for (let i = 0; i < a.length; i++) a[i]! *= s;
}

function hmatScale(h: Float64Array, m: number, size: number): number {
  let s = 0;
  for (let i = 0; i < size; i++) s = Math.max(s, Math.abs(h[2 * (i * m + i)]!));
  return s;
}

/** sum_j u[j, col] source[j] for the eigenvector matrix u (size x size, interleaved). */
function combine(
  source: Float64Array[],
  u: Float64Array,
  size: number,
  col: number,
  len: number,
): Float64Array {
  const out = new Float64Array(len);
  for (let j = 0; j < size; j++) {
    const cr = u[2 * (j * size + col)]!;
    const ci = u[2 * (j * size + col) + 1]!;
    const s = source[j]!;
    for (let i = 0; i < len; i += 2) {
      out[i]! += cr * s[i]! - ci * s[i + 1]!;
      out[i + 1]! += cr * s[i + 1]! + ci * s[i]!;
    }
  }
  return out;
}
