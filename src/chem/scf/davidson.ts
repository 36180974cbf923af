/**
 * Davidson's method for the lowest eigenpair of a large real symmetric matrix that is known only
 * through matrix-vector products and its diagonal (the stability matrices of a big molecule:
 * each product is a J/K build, the full matrix would be (n_occ n_vir)^2 numbers and its dense
 * diagonalization minutes). Diagonal-preconditioned residual corrections, restarts at a subspace
 * size limit.
 */
import { ArgumentError, ConvergenceError } from "../../errors.js";
import { eigh } from "../linalg.js";

/** Options of {@link davidsonLowest}. */
export interface DavidsonOptions {
  /** Converged when the residual norm is below this (default 1e-6; the eigenvalue error is its square). */
  tolerance?: number;
  /** Most iterations (default 100). */
  maxIterations?: number;
  /** Start vectors: unit vectors at the smallest diagonal entries (default 4). */
  guesses?: number;
  /** Subspace size that triggers a restart from the current best vector (default 40). */
  maxSubspace?: number;
}

/** The lowest eigenpair found. */
export interface DavidsonResult {
  /** Lowest eigenvalue. */
  value: number;
  /** Its unit eigenvector. */
  vector: Float64Array;
  /** Iterations run. */
  iterations: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Lowest eigenpair of the symmetric matrix M given by `apply` (M times each vector of a batch)
 * and its diagonal.
 * @example
 * const diag = Float64Array.of(1, 2, 3);
 * const r = davidsonLowest((xs) => xs.map((x) => x.map((v, i) => diag[i]! * v)), diag); // r.value 1
 */
export function davidsonLowest(
  apply: (xs: Float64Array[]) => Float64Array[],
  diag: Float64Array,
  options: DavidsonOptions = {},
): DavidsonResult {
  return davidsonLowestJoint([diag], (batches) => batches.map((xs) => apply(xs)), options)[0]!;
}

/**
 * Several independent lowest-eigenpair problems iterated in lockstep, so one call of `apply`
 * serves all of them (one J/K pass for the singlet and triplet stability matrices together).
 * `apply` gets, per problem, the vectors that need products (possibly none) and returns the
 * products in the same shape.
 * @example
 * const [a, b] = davidsonLowestJoint([dA, dB], (batches) => batches.map((xs, k) => xs.map((x) => times(k, x))));
 */
export function davidsonLowestJoint(
  diags: readonly Float64Array[],
  apply: (batches: Float64Array[][]) => Float64Array[][],
  options: DavidsonOptions = {},
): DavidsonResult[] {
  const runs = diags.map((d) => davidsonSteps(d, options));
  const results: (DavidsonResult | undefined)[] = diags.map(() => undefined);
  let wanted: Float64Array[][] = runs.map((r) => r.next().value as Float64Array[]);
  while (results.some((r) => r === undefined)) {
    const products = apply(wanted);
    wanted = runs.map((r, k) => {
      if (results[k] !== undefined) return [];
      const step = r.next(products[k]!);
      if (step.done) {
        results[k] = step.value;
        return [];
      }
      return step.value;
    });
  }
  return results as DavidsonResult[];
}

/** The Davidson iteration as a coroutine: yields vectors, receives M times them. */
function* davidsonSteps(
  diag: Float64Array,
  options: DavidsonOptions,
): Generator<Float64Array[], DavidsonResult, Float64Array[]> {
  const dim = diag.length;
  if (dim === 0) throw new ArgumentError("davidsonLowest: the matrix must not be empty");
  const tol = options.tolerance ?? 1e-6;
  const maxIter = options.maxIterations ?? 100;
  const maxSub = Math.max(4, Math.min(options.maxSubspace ?? 40, dim));
  const nGuess = Math.max(1, Math.min(options.guesses ?? 4, dim));
  const order = Array.from(diag.keys()).sort((x, y) => diag[x]! - diag[y]!);
  const V: Float64Array[] = [];
  const AV: Float64Array[] = [];
  let fresh: Float64Array[] = [];
  for (let k = 0; k < nGuess; k++) {
    const v = new Float64Array(dim);
    v[order[k]!] = 1;
    fresh.push(v);
  }
  let value = Number.NaN;
  let vector = new Float64Array(dim);
  for (let iter = 1; iter <= maxIter; iter++) {
    V.push(...fresh);
    AV.push(...(yield fresh));
    const k = V.length;
    const G = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        const g = 0.5 * (dot(V[i]!, AV[j]!) + dot(V[j]!, AV[i]!));
        G[i * k + j] = g;
        G[j * k + i] = g;
      }
    }
    const { values, vectors } = eigh(G, k);
    value = values[0]!;
    vector = new Float64Array(dim);
    const r = new Float64Array(dim);
    for (let j = 0; j < k; j++) {
      const y = vectors[j * k]!;
      const v = V[j]!;
      const av = AV[j]!;
      for (let i = 0; i < dim; i++) {
        vector[i]! += y * v[i]!;
        r[i]! += y * av[i]!;
      }
    }
    for (let i = 0; i < dim; i++) r[i]! -= value * vector[i]!;
    if (Math.sqrt(dot(r, r)) < tol) return { value, vector, iterations: iter };
    // Correction (θ - D)^{-1} r, orthogonalized against the subspace (twice, for stability).
    const t = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      const den = value - diag[i]!;
      t[i] = r[i]! / (Math.abs(den) < 1e-8 ? -1e-8 : den);
    }
    if (k + 1 > maxSub) {
      V.length = 0;
      AV.length = 0;
      fresh = [vector.slice()];
      continue;
    }
    for (let pass = 0; pass < 2; pass++) {
      for (const v of V) {
        const c = dot(t, v);
        for (let i = 0; i < dim; i++) t[i]! -= c * v[i]!;
      }
    }
    const norm = Math.sqrt(dot(t, t));
    if (norm < 1e-12) return { value, vector, iterations: iter };
    for (let i = 0; i < dim; i++) t[i]! /= norm;
    fresh = [t];
  }
  throw new ConvergenceError(
    `davidsonLowest: not converged in ${maxIter} iterations (lowest value ${value})`,
  );
}
