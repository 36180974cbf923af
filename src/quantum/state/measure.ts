/**
 * Sampling from probability vectors and counting outcomes. Uniform numbers come from the seeded
 * `Rng` above the backend, so a seed gives the same samples on every backend.
 */
import { ArgumentError, describe } from "../../errors.js";
import type { Rng } from "../../random.js";

/** Measurement counts keyed by bitstring (first measured qubit leftmost). */
export type Counts = Record<string, number>;

/**
 * Draws `shots` outcome indices from `probs[offset .. offset + length)` by inverse transform
 * (cumulative sums + binary search). The probabilities are renormalized by their sum, so tiny
 * rounding from a backend does not matter.
 * @example
 * sampleIndices(new Float64Array([0.5, 0.5]), 10, new Rng(1)); // Int32Array of 0s and 1s
 */
export function sampleIndices(
  probs: Float64Array,
  shots: number,
  rng: Rng,
  offset = 0,
  length = probs.length - offset,
): Int32Array {
  checkShots(shots);
  const cum = new Float64Array(length);
  let total = 0;
  for (let i = 0; i < length; i++) {
    const p = probs[offset + i]!;
    if (!(p >= 0))
      throw new ArgumentError(`sampleIndices: probability ${i} is ${p}, expected >= 0`);
    total += p;
    cum[i] = total;
  }
  if (!(total > 0))
    throw new ArgumentError(`sampleIndices: probabilities sum to ${total}, expected > 0`);
  const out = new Int32Array(shots);
  for (let s = 0; s < shots; s++) {
    const u = rng.uniform() * total;
    let lo = 0;
    let hi = length - 1;
    // the first index whose cumulative sum exceeds u (never a zero-probability outcome)
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[s] = lo;
  }
  return out;
}

/**
 * The bitstring of `index` over `nBits` bits, most significant bit first.
 * @example
 * formatBitstring(3, 3); // "011"
 */
export function formatBitstring(index: number, nBits: number): string {
  return nBits === 0 ? "" : index.toString(2).padStart(nBits, "0");
}

/**
 * Counts of sampled indices keyed by bitstring, only outcomes that occurred (JavaScript may
 * list keys that look like integers, e.g. "10", first; sort `Object.keys` if order matters).
 * @example
 * countsFromSamples(new Int32Array([0, 3, 3]), 2); // { "00": 1, "11": 2 }
 */
export function countsFromSamples(samples: Int32Array, nBits: number): Counts {
  const tally = new Map<number, number>();
  for (const s of samples) tally.set(s, (tally.get(s) ?? 0) + 1);
  const out: Counts = {};
  for (const k of [...tally.keys()].sort((a, b) => a - b))
    out[formatBitstring(k, nBits)] = tally.get(k)!;
  return out;
}

/**
 * Pearson's chi-square goodness-of-fit statistic with its degrees of freedom and p-value
 * (bins with zero expected count must have zero observations and are skipped).
 * @example
 * chiSquare([48, 52], [50, 50]).pValue; // about 0.69
 */
export function chiSquare(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): { statistic: number; dof: number; pValue: number } {
  if (observed.length !== expected.length) {
    throw new ArgumentError(
      `chiSquare: observed has ${observed.length} bins, expected has ${expected.length}`,
    );
  }
  let stat = 0;
  let bins = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    const o = observed[i]!;
    if (e <= 0) {
      if (o > 0)
        return { statistic: Number.POSITIVE_INFINITY, dof: Math.max(bins - 1, 1), pValue: 0 };
      continue;
    }
    stat += (o - e) ** 2 / e;
    bins++;
  }
  const dof = Math.max(bins - 1, 1);
  return { statistic: stat, dof, pValue: gammaQ(dof / 2, stat / 2) };
}

/** Regularized upper incomplete gamma Q(a, x) (series or continued fraction, Numerical Recipes). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9)
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Validates a shot count (a positive integer).
 * @example
 * checkShots(1000);
 */
export function checkShots(shots: number, argName = "shots"): void {
  if (!Number.isInteger(shots) || shots <= 0) {
    throw new ArgumentError(`${argName}: expected a positive integer, got ${describe(shots)}`);
  }
}
