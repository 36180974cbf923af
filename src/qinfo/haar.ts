/**
 * Seeded random unitaries and states: Haar-random unitaries (QR of a complex Gaussian matrix
 * with the phases of R's diagonal divided out, Mezzadri 2007), Haar-random pure states and
 * random density matrices of a chosen rank (Hilbert-Schmidt-type: G G^dagger / tr for a
 * Gaussian d x rank matrix G).
 */
import { ArgumentError, describe } from "../errors.js";
import { type Rng, toRng } from "../random.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { gramOfRows } from "./matrix.js";

/** The seed option of the random constructors: a number or a shared `Rng`. */
export interface SeedOptions {
  /** Seed (or shared generator) of the draw; default: from the clock. */
  seed?: number | Rng;
}

function checkQubitCount(n: number, fn: string, max = 12): number {
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new ArgumentError(`${fn}: nQubits must be an integer in [1, ${max}], got ${describe(n)}`);
  }
  return 1 << n;
}

const SEED_OPTIONS = optionKeys<SeedOptions>({ seed: true });

/**
 * A Haar-random `2^n x 2^n` unitary (interleaved complex, row-major).
 * @example
 * const u = randomUnitary(2, { seed: 7 });
 * isUnitary(u); // true
 */
export function randomUnitary(nQubits: number, options: SeedOptions = {}): Float64Array {
  checkArity(arguments.length, 2, "randomUnitary");
  checkOptions(options, SEED_OPTIONS, "randomUnitary");
  const d = checkQubitCount(nQubits, "randomUnitary");
  const rng = toRng(options.seed);
  const q = new Float64Array(2 * d * d);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  return orthonormalizeColumns(q, d);
}

/**
 * Modified Gram-Schmidt over the columns of a d x d Gaussian matrix, in place. R's diagonal
 * comes out real positive, which is what makes Q Haar-distributed (no extra phase correction
 * needed); a real input stays real (a Haar-random orthogonal matrix).
 * @example
 * orthonormalizeColumns(gaussian, 4); // a Haar-random 4 x 4 unitary
 */
export function orthonormalizeColumns(q: Float64Array, d: number): Float64Array {
  checkArity(arguments.length, 2, "orthonormalizeColumns");
  if (!(q instanceof Float64Array) || !Number.isInteger(d) || d < 1 || q.length !== 2 * d * d) {
    throw new ArgumentError(
      `orthonormalizeColumns: expected an interleaved d x d matrix and d, got ${describe(q)} and ${describe(d)}`,
    );
  }
  for (let k = 0; k < d; k++) {
    for (let j = 0; j < k; j++) {
      // <q_j, q_k>
      let re = 0;
      let im = 0;
      for (let i = 0; i < d; i++) {
        const ar = q[2 * (i * d + j)]!;
        const ai = q[2 * (i * d + j) + 1]!;
        const br = q[2 * (i * d + k)]!;
        const bi = q[2 * (i * d + k) + 1]!;
        re += ar * br + ai * bi;
        im += ar * bi - ai * br;
      }
      for (let i = 0; i < d; i++) {
        const ar = q[2 * (i * d + j)]!;
        const ai = q[2 * (i * d + j) + 1]!;
        q[2 * (i * d + k)]! -= re * ar - im * ai;
        q[2 * (i * d + k) + 1]! -= re * ai + im * ar;
      }
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += q[2 * (i * d + k)]! ** 2 + q[2 * (i * d + k) + 1]! ** 2;
    const s = 1 / Math.sqrt(norm);
    for (let i = 0; i < d; i++) {
      q[2 * (i * d + k)]! *= s;
      q[2 * (i * d + k) + 1]! *= s;
    }
  }
  return q;
}

/**
 * The amplitudes (interleaved, length 2^(n+1)) of a Haar-random pure state: a normalized
 * complex Gaussian vector. `State.random` gives the same distribution as a `State`.
 * @example
 * const psi = State.fromAmplitudes(randomStateVector(3, { seed: 1 }));
 */
export function randomStateVector(nQubits: number, options: SeedOptions = {}): Float64Array {
  checkArity(arguments.length, 2, "randomStateVector");
  checkOptions(options, SEED_OPTIONS, "randomStateVector");
  const d = checkQubitCount(nQubits, "randomStateVector", 24);
  const rng = toRng(options.seed);
  const v = new Float64Array(2 * d);
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = rng.normal();
    norm += v[i]! ** 2;
  }
  const s = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) v[i]! *= s;
  return v;
}

const RANDOM_DENSITY_OPTIONS = optionKeys<OptionsOf<typeof randomDensityOperator, 1>>({
  seed: true,
  rank: true,
});

/**
 * A random density matrix as a plain interleaved matrix (the `Float64Array` twin of quantum's
 * `randomDensityMatrix`, which returns a `DensityMatrix`), of `rank` (default full, 2^n):
 * G G^dagger / tr(G G^dagger) for a
 * complex Gaussian 2^n x rank matrix G (the Hilbert-Schmidt measure at full rank; the reduced
 * state of a Haar-random pure state on n + log2(rank) qubits).
 * @example
 * const rho = randomDensityOperator(2, { rank: 2, seed: 3 });
 */
export function randomDensityOperator(
  nQubits: number,
  options: SeedOptions & { rank?: number } = {},
): Float64Array {
  checkArity(arguments.length, 2, "randomDensityOperator");
  checkOptions(options, RANDOM_DENSITY_OPTIONS, "randomDensityOperator");
  const d = checkQubitCount(nQubits, "randomDensityOperator");
  const rank = options.rank ?? d;
  if (!Number.isInteger(rank) || rank < 1 || rank > d) {
    throw new ArgumentError(
      `randomDensityOperator: rank must be an integer in [1, ${d}], got ${describe(rank)}`,
    );
  }
  const rng = toRng(options.seed);
  const g = new Float64Array(2 * d * rank);
  for (let i = 0; i < g.length; i++) g[i] = rng.normal();
  const out = gramOfRows(g, d, rank, rank);
  let tr = 0;
  for (let i = 0; i < d; i++) tr += out[2 * (i * d + i)]!;
  for (let i = 0; i < out.length; i++) out[i]! /= tr;
  for (let i = 0; i < d; i++) out[2 * (i * d + i) + 1] = 0;
  return out;
}
