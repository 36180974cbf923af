/**
 * Seeded random operators beyond Haar unitaries and states (Paddle Quantum's qinfo/linalg
 * generators): dense random Hermitian matrices (GUE), Haar-random orthogonal matrices, random
 * orthogonal projections, random channels (Kraus operators of a random Stinespring isometry),
 * random mixed-unitary channels, and random unitaries with a Hermitian upper-left block.
 */
import { ArgumentError, describe } from "../errors.js";
import { toRng } from "../random.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { blockEncodingHermitian } from "./block-encoding.js";
import { orthonormalizeColumns, randomUnitary, type SeedOptions } from "./haar.js";
import { eigvalsHermitian, gramOfRows } from "./matrix.js";

const SEED_OPTIONS = optionKeys<SeedOptions>({ seed: true });

function dimOf(nQubits: number, fn: string, max = 10): number {
  if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > max) {
    throw new ArgumentError(
      `${fn}: nQubits must be an integer in [1, ${max}], got ${describe(nQubits)}`,
    );
  }
  return 1 << nQubits;
}

/**
 * A dense random Hermitian 2^n x 2^n matrix (G + G^dagger) / 2 for a complex Gaussian G (the
 * Gaussian unitary ensemble).
 * @example
 * isHermitian(randomHermitian(2, { seed: 1 })); // true
 */
export function randomHermitian(nQubits: number, options: SeedOptions = {}): Float64Array {
  checkArity(arguments.length, 2, "randomHermitian");
  checkOptions(options, SEED_OPTIONS, "randomHermitian");
  const d = dimOf(nQubits, "randomHermitian");
  const rng = toRng(options.seed);
  const h = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    h[2 * (i * d + i)] = rng.normal();
    for (let j = i + 1; j < d; j++) {
      const re = rng.normal() / Math.SQRT2;
      const im = rng.normal() / Math.SQRT2;
      h[2 * (i * d + j)] = re;
      h[2 * (i * d + j) + 1] = im;
      h[2 * (j * d + i)] = re;
      h[2 * (j * d + i) + 1] = -im;
    }
  }
  return h;
}

/**
 * A Haar-random real orthogonal 2^n x 2^n matrix (interleaved, imaginary parts 0): Gram-Schmidt
 * of a real Gaussian matrix.
 * @example
 * isUnitary(haarOrthogonal(2, { seed: 1 })); // true, and real
 */
export function haarOrthogonal(nQubits: number, options: SeedOptions = {}): Float64Array {
  checkArity(arguments.length, 2, "haarOrthogonal");
  checkOptions(options, SEED_OPTIONS, "haarOrthogonal");
  const d = dimOf(nQubits, "haarOrthogonal");
  const rng = toRng(options.seed);
  const q = new Float64Array(2 * d * d);
  for (let i = 0; i < d * d; i++) q[2 * i] = rng.normal();
  return orthonormalizeColumns(q, d);
}

/** Options of `randomOrthogonalProjection`. */
export interface ProjectionOptions extends SeedOptions {
  /** The rank of the projector (default 1). */
  rank?: number;
}

const PROJECTION_OPTIONS = optionKeys<ProjectionOptions>({ seed: true, rank: true });

/**
 * A random orthogonal projector P = Q Q^dagger onto the span of `rank` Haar-random orthonormal
 * vectors (the first columns of a Haar unitary).
 * @example
 * isProjector(randomOrthogonalProjection(2, { rank: 2, seed: 1 })); // true; tr P = 2
 */
export function randomOrthogonalProjection(
  nQubits: number,
  options: ProjectionOptions = {},
): Float64Array {
  checkArity(arguments.length, 2, "randomOrthogonalProjection");
  checkOptions(options, PROJECTION_OPTIONS, "randomOrthogonalProjection");
  const d = dimOf(nQubits, "randomOrthogonalProjection");
  const rank = options.rank ?? 1;
  if (!Number.isInteger(rank) || rank < 0 || rank > d) {
    throw new ArgumentError(
      `randomOrthogonalProjection: rank must be an integer in [0, ${d}], got ${describe(rank)}`,
    );
  }
  const u = randomUnitary(nQubits, { seed: options.seed });
  return gramOfRows(u, d, d, rank);
}

/** Options of `randomChannel`. */
export interface RandomChannelOptions extends SeedOptions {
  /** Number of Kraus operators, a power of two up to 4^n (default 2^n). */
  rank?: number;
}

const CHANNEL_OPTIONS = optionKeys<RandomChannelOptions>({ seed: true, rank: true });

/**
 * The Kraus operators K_k of a random channel on n qubits: the d x d blocks of the first d
 * columns of a Haar-random unitary on d * rank dimensions (a random Stinespring isometry), so
 * sum_k K_k^dagger K_k = I.
 * @example
 * const kraus = randomChannel(1, { rank: 2, seed: 3 });
 * isChoi(krausToChoi(kraus)); // true
 */
export function randomChannel(nQubits: number, options: RandomChannelOptions = {}): Float64Array[] {
  checkArity(arguments.length, 2, "randomChannel");
  checkOptions(options, CHANNEL_OPTIONS, "randomChannel");
  const d = dimOf(nQubits, "randomChannel", 5);
  const rank = options.rank ?? d;
  if (!Number.isInteger(rank) || rank < 1 || rank > d * d || (rank & (rank - 1)) !== 0) {
    throw new ArgumentError(
      `randomChannel: rank must be a power of two in [1, ${d * d}], got ${describe(rank)}`,
    );
  }
  const big = d * rank;
  const u = randomUnitary(nQubits + Math.log2(rank), { seed: options.seed });
  return Array.from({ length: rank }, (_, k) => {
    const m = new Float64Array(2 * d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        m[2 * (i * d + j)] = u[2 * ((k * d + i) * big + j)]!;
        m[2 * (i * d + j) + 1] = u[2 * ((k * d + i) * big + j) + 1]!;
      }
    }
    return m;
  });
}

/** Options of `randomKrausUnitary`. */
export interface RandomKrausUnitaryOptions extends SeedOptions {
  /** Number of unitaries mixed (default 2). */
  count?: number;
}

const KRAUS_UNITARY_OPTIONS = optionKeys<RandomKrausUnitaryOptions>({ seed: true, count: true });

/**
 * The Kraus operators sqrt(p_k) U_k of a random mixed-unitary channel rho -> sum_k p_k U_k rho
 * U_k^dagger: `count` Haar-random unitaries with probabilities drawn uniformly from the simplex.
 * @example
 * randomKrausUnitary(1, { count: 3, seed: 2 }).length; // 3
 */
export function randomKrausUnitary(
  nQubits: number,
  options: RandomKrausUnitaryOptions = {},
): Float64Array[] {
  checkArity(arguments.length, 2, "randomKrausUnitary");
  checkOptions(options, KRAUS_UNITARY_OPTIONS, "randomKrausUnitary");
  dimOf(nQubits, "randomKrausUnitary", 8);
  const count = options.count ?? 2;
  if (!Number.isInteger(count) || count < 1 || count > 1024) {
    throw new ArgumentError(
      `randomKrausUnitary: count must be an integer in [1, 1024], got ${describe(count)}`,
    );
  }
  const rng = toRng(options.seed);
  // uniform on the simplex: normalized exponential draws
  const w = Array.from({ length: count }, () => -Math.log(1 - rng.uniform()));
  const total = w.reduce((s, x) => s + x, 0);
  return w.map((x) => randomUnitary(nQubits, { seed: rng }).map((v) => v * Math.sqrt(x / total)));
}

/**
 * A random (n + 1)-qubit unitary whose upper-left 2^n x 2^n block (ancilla qubit 0 in |0>) is a
 * random Hermitian matrix of spectral norm at most 1: the block encoding
 * `blockEncodingHermitian(H / ||H||)` of a `randomHermitian` H, with ||H / ||H|||| scaled by a
 * uniform factor in (0, 1].
 * @example
 * const u = randomUnitaryWithHermitianBlock(1, { seed: 4 }); // 4 x 4, its 2 x 2 corner Hermitian
 */
export function randomUnitaryWithHermitianBlock(
  nQubits: number,
  options: SeedOptions = {},
): Float64Array {
  checkArity(arguments.length, 2, "randomUnitaryWithHermitianBlock");
  checkOptions(options, SEED_OPTIONS, "randomUnitaryWithHermitianBlock");
  dimOf(nQubits, "randomUnitaryWithHermitianBlock", 9);
  const rng = toRng(options.seed);
  const h = randomHermitian(nQubits, { seed: rng });
  const l = eigvalsHermitian(h);
  const norm = Math.max(Math.abs(l[0]!), Math.abs(l[l.length - 1]!));
  const scale = (1 - rng.uniform()) / norm;
  return blockEncodingHermitian(h.map((x) => x * scale));
}
