/**
 * Sampling from probability vectors and counting outcomes. Random numbers come from the seeded
 * `Rng` above the backend, so a seed gives the same samples on every backend.
 *
 * Two samplers: `sampleCounts` draws how often each outcome occurs (a multinomial draw, at a
 * cost that does not grow with the shot count, up to 2^53 - 1 shots), which is what counts and
 * shot estimates need; `sampleIndices` draws the outcome of every shot in order, for what needs
 * individual outcomes (a sampled mid-circuit branch, per-shot records).
 */
import { ArgumentError, describe, ResourceError } from "../../errors.js";
import { Rng } from "../../random.js";

/** Measurement counts keyed by bitstring (first measured qubit leftmost). */
export type Counts = Record<string, number>;

/** Most individual outcomes `sampleIndices` returns at once (an Int32Array of 1 GiB). */
export const MAX_INDIVIDUAL_SHOTS = 2 ** 28;

/**
 * Draws `shots` outcome indices from `probs[offset .. offset + length)` by inverse transform
 * (cumulative sums + binary search), one per shot in order. The probabilities are renormalized
 * by their sum, so tiny rounding from a backend does not matter. For counts use `sampleCounts`,
 * whose cost does not grow with `shots`.
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
  if (shots > MAX_INDIVIDUAL_SHOTS) {
    throw new ResourceError(
      `sampleIndices: ${shots} individual outcomes are more than ${MAX_INDIVIDUAL_SHOTS} (1 GiB); draw counts with sampleCounts instead`,
    );
  }
  const cum = runningSums(probs, offset, length, "sampleIndices");
  const total = cum[length - 1]!;
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
 * Running sums of `probs[offset .. offset + length)`, validated (entries >= 0, sum > 0): prefix
 * sums, or suffix sums (sums from each entry to the end) with `fromEnd`.
 */
function runningSums(
  probs: Float64Array,
  offset: number,
  length: number,
  fn: string,
  fromEnd = false,
): Float64Array {
  const sums = new Float64Array(length);
  let total = 0;
  for (let j = 0; j < length; j++) {
    const i = fromEnd ? length - 1 - j : j;
    const p = probs[offset + i]!;
    if (!(p >= 0)) throw new ArgumentError(`${fn}: probability ${i} is ${p}, expected >= 0`);
    total += p;
    sums[i] = total;
  }
  if (!(total > 0)) throw new ArgumentError(`${fn}: probabilities sum to ${total}, expected > 0`);
  return sums;
}

/**
 * How often each outcome of `probs[offset .. offset + length)` occurs in `shots` shots: one exact
 * multinomial draw (the probabilities renormalized by their sum), returned as counts per outcome
 * index (exact integers in a Float64Array, summing to `shots`). The cost is at most one pass over
 * the outcomes, whatever the shot count (up to 2^53 - 1):
 *
 * - `shots <= length / 2`: each shot is drawn (`sampleIndices`) and tallied,
 *   O(length + shots log length), the faster way for few shots;
 * - more shots: sequential conditional binomials, the count of outcome i being
 *   Binomial(shots left, p_i / (p_i + p_{i+1} + ...)), each exact (`Rng.binomial`), O(length).
 *   Every outcome draws from its own stream split off `rng` (four words each, also for zero
 *   probabilities), so a probability that differs by rounding on another backend changes at most
 *   the counts near it, not every count after it.
 *
 * Which branch runs depends on `shots` and `length` only, so a seed gives the same counts on
 * every backend.
 * @example
 * sampleCounts(new Float64Array([0.25, 0.75]), 1e12, new Rng(1)); // Float64Array [~2.5e11, ~7.5e11]
 */
export function sampleCounts(
  probs: Float64Array,
  shots: number,
  rng: Rng,
  offset = 0,
  length = probs.length - offset,
): Float64Array {
  checkShots(shots);
  const counts = new Float64Array(length);
  // measured break-even: 2^20 outcomes, per-shot 1.1 s vs binomials 0.6 s at 2^20 shots
  if (2 * shots <= length) {
    for (const i of sampleIndices(probs, shots, rng, offset, length)) counts[i]!++;
    return counts;
  }
  // the mass of outcomes i.. as a suffix sum (total - prefix would cancel near the end)
  const rest = runningSums(probs, offset, length, "sampleCounts", true);
  const stream = new Rng(0);
  let left = shots;
  for (let i = 0; i < length && left > 0; i++) {
    rng.splitInto(stream);
    const p = probs[offset + i]!;
    if (p === 0) continue;
    // rest[i] >= p in floating point, so the ratio is at most 1 (exactly 1 for the last outcome)
    const x = stream.binomial(left, p / rest[i]!);
    counts[i] = x;
    left -= x;
  }
  return counts;
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
 * Counts keyed by bitstring from counts per outcome index (`sampleCounts`), only outcomes that
 * occurred, in index order.
 * @example
 * countsFromTally(new Float64Array([2, 0, 0, 5]), 2); // { "00": 2, "11": 5 }
 */
export function countsFromTally(tally: Float64Array, nBits: number): Counts {
  const out: Counts = {};
  for (let i = 0; i < tally.length; i++)
    if (tally[i]! > 0) out[formatBitstring(i, nBits)] = tally[i]!;
  return out;
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

/** Most shots of one draw: counts stay exact integers in a double below 2^53. */
export const MAX_SHOTS = Number.MAX_SAFE_INTEGER;

/**
 * Validates a shot count: a positive integer up to 2^53 - 1.
 * @example
 * checkShots(1000);
 * checkShots(2 ** 53); // throws ArgumentError
 */
export function checkShots(shots: number, argName = "shots"): void {
  if (!Number.isSafeInteger(shots) || shots <= 0) {
    throw new ArgumentError(
      `${argName}: expected a positive integer up to 2^53 - 1, got ${describe(shots)}`,
    );
  }
}
