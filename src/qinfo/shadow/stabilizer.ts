/**
 * Global Clifford snapshots. A uniformly random Clifford U, then a measurement outcome b, leave
 * the snapshot |phi> = U^dagger |b>, and U^dagger|b> is a uniformly random stabilizer state for
 * each b. So the pair (U, b) matters only through phi, whose distribution is
 * P(phi) = 2^n <phi|rho|phi> / N_stab over the N_stab stabilizer states: drawing phi uniformly
 * and keeping it with probability <phi|rho|phi> samples exactly that (2^n draws per snapshot on
 * average), without building a Clifford group element or its circuit.
 *
 * Uniform stabilizer states (Dehaene & De Moor 2003): every one is, up to phase,
 * 2^(-k/2) sum_{y in F2^k} i^(l.y) (-1)^(q(y)) |x0 + G y>, with G an n x k matrix of rank k (the
 * support is an affine subspace of dimension k), l in F2^k and q a quadratic form
 * (k linear and k(k-1)/2 cross terms), all of them distinct states. Drawing k with weight
 * (number of k-dimensional affine subspaces) x 2^(2k + k(k-1)/2), then the rest uniformly, is
 * uniform over all 2^n prod_{k=1..n} (2^k + 1) of them.
 */
import type { Rng } from "../../random.js";

/** Number of k-dimensional linear subspaces of F2^n (the Gaussian binomial [n k]_2). */
function subspaceCount(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c *= (2 ** (n - i) - 1) / (2 ** (k - i) - 1);
  return c;
}

/** The number of stabilizer states of n qubits, by the sum the sampler draws from. */
export function stabilizerStateCount(n: number): number {
  let total = 0;
  for (let k = 0; k <= n; k++) total += dimensionWeight(n, k);
  return total;
}

function dimensionWeight(n: number, k: number): number {
  return subspaceCount(n, k) * 2 ** (n - k) * 2 ** (2 * k + (k * (k - 1)) / 2);
}

/** k random linearly independent bit masks of n bits (uniform over ordered bases). */
function randomBasis(n: number, k: number, rng: Rng): number[] {
  for (;;) {
    const cols = Array.from({ length: k }, () => rng.int(2 ** n));
    // rank by elimination on copies
    const rows = [...cols];
    let rank = 0;
    for (let bit = n - 1; bit >= 0 && rank < k; bit--) {
      const piv = rows.findIndex((r, i) => i >= rank && ((r >>> bit) & 1) === 1);
      if (piv < 0) continue;
      [rows[rank], rows[piv]] = [rows[piv]!, rows[rank]!];
      for (let i = 0; i < k; i++)
        if (i !== rank && ((rows[i]! >>> bit) & 1) === 1) rows[i]! ^= rows[rank]!;
      rank++;
    }
    if (rank === k) return cols;
  }
}

function parity(x: number): number {
  let v = x;
  let p = 0;
  while (v !== 0) {
    p ^= 1;
    v &= v - 1;
  }
  return p;
}

/**
 * A uniformly random n-qubit stabilizer state as interleaved complex amplitudes.
 * @example
 * randomStabilizerState(2, new Rng(1)); // Float64Array(8), one of the 60 two-qubit stabilizer states
 */
export function randomStabilizerState(n: number, rng: Rng): Float64Array {
  let u = rng.uniform() * stabilizerStateCount(n);
  let k = 0;
  while (k < n && u >= dimensionWeight(n, k)) {
    u -= dimensionWeight(n, k);
    k++;
  }
  const cols = randomBasis(n, k, rng);
  const offset = rng.int(2 ** n);
  const linear = rng.int(2 ** k); // the i^(l.y) part
  const signs = rng.int(2 ** k); // the linear part of q
  const cross: number[] = []; // cross[i]: mask of j > i with a y_i y_j term
  for (let i = 0; i < k; i++) {
    let m = 0;
    for (let j = i + 1; j < k; j++) if (rng.uniform() < 0.5) m |= 1 << j;
    cross.push(m);
  }
  const amps = new Float64Array(2 * 2 ** n);
  const norm = 2 ** (-k / 2);
  for (let y = 0; y < 2 ** k; y++) {
    let x = offset;
    let quad = parity(signs & y);
    for (let i = 0; i < k; i++) {
      if (((y >>> i) & 1) === 0) continue;
      x ^= cols[i]!;
      quad ^= parity(cross[i]! & y);
    }
    const power = (parity(linear & y) + 2 * quad) % 4; // i^power
    amps[2 * x] = power === 0 ? norm : power === 2 ? -norm : 0;
    amps[2 * x + 1] = power === 1 ? norm : power === 3 ? -norm : 0;
  }
  return amps;
}

/**
 * `count` global-Clifford snapshots of a state: each a stabilizer state phi drawn with probability
 * proportional to `weight(phi)` = <phi|rho|phi> (in [0, 1]), by rejection.
 * @example
 * const psi = State.bell().toArray();
 * cliffordSnapshots(2, 100, new Rng(1), (phi) => overlapSquared(phi, psi)).length; // 100
 */
export function cliffordSnapshots(
  n: number,
  count: number,
  rng: Rng,
  weight: (phi: Float64Array) => number,
): Float64Array[] {
  const out: Float64Array[] = [];
  while (out.length < count) {
    const phi = randomStabilizerState(n, rng);
    if (rng.uniform() < weight(phi)) out.push(phi);
  }
  return out;
}

/**
 * |<a|b>|^2 of two interleaved amplitude vectors.
 * @example
 * overlapSquared(new Float64Array([1, 0, 0, 0]), new Float64Array([Math.SQRT1_2, 0, Math.SQRT1_2, 0])); // 0.5
 */
export function overlapSquared(a: Float64Array, b: Float64Array): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < a.length; i += 2) {
    re += a[i]! * b[i]! + a[i + 1]! * b[i + 1]!;
    im += a[i]! * b[i + 1]! - a[i + 1]! * b[i]!;
  }
  return re * re + im * im;
}

/**
 * <phi|rho|phi> for a d x d interleaved complex matrix rho (real for a Hermitian rho).
 * @example
 * matrixExpectation(new Float64Array([1, 0, 0, 0, 0, 0, 0, 0]), new Float64Array([1, 0, 0, 0])); // 1
 */
export function matrixExpectation(rho: Float64Array, phi: Float64Array): number {
  const d = phi.length / 2;
  let re = 0;
  for (let i = 0; i < d; i++) {
    // (rho phi)_i, then conj(phi_i) times it
    let sr = 0;
    let si = 0;
    for (let j = 0; j < d; j++) {
      const mr = rho[2 * (i * d + j)]!;
      const mi = rho[2 * (i * d + j) + 1]!;
      sr += mr * phi[2 * j]! - mi * phi[2 * j + 1]!;
      si += mr * phi[2 * j + 1]! + mi * phi[2 * j]!;
    }
    re += phi[2 * i]! * sr + phi[2 * i + 1]! * si;
  }
  return re;
}
