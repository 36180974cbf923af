/**
 * Exact binomial variates whose cost does not grow with the number of trials n (up to 2^53 - 1),
 * drawn from a seeded `Rng` (the multinomial shot sampler is built on them):
 *
 * - n min(p, 1-p) < 10: inversion, a walk up the probability mass function from 0 with one
 *   uniform (about n p + 1 steps);
 * - otherwise BTRS, the transformed rejection with squeeze of W. Hörmann, "The generation of
 *   binomial random variates", J. Statist. Comput. Simul. 46 (1993) 101-110: a candidate from a
 *   hat over the whole range, a squeeze accepting most candidates at once, else an exact test
 *   against the ratio pmf(k) / pmf(mode).
 *
 * The exact test needs log pmf(k) - log pmf(mode) to near machine precision for n up to 2^53,
 * where log-factorials (about 3e17) would cancel catastrophically; it uses C. Loader's saddle-point
 * form ("Fast and accurate computation of binomial probabilities", 2000): Stirling-series
 * remainders and the deviance x log(x / mean) + mean - x, all small numbers.
 */
import type { Rng } from "./random.js";

/** Below this mean (n min(p, 1-p)) inversion is faster than rejection. */
const INVERSION_MAX_MEAN = 10;

/**
 * One Binomial(n, p) draw; `n` a safe non-negative integer and `p` in [0, 1], both already
 * checked by the caller (`Rng.binomial` validates them).
 * @example
 * sampleBinomial(new Rng(1), 1000, 0.3); // about 300
 */
export function sampleBinomial(rng: Rng, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // Both algorithms want p <= 1/2, so p > 1/2 draws n - Binomial(n, 1 - p) (1 - p is exact for
  // p in [1/2, 1]) with the position uniform reflected (u -> 1 - u): then the draw is continuous
  // in p across 1/2 for the same random numbers, and a probability rounded differently on
  // another backend (0.50000004 against 0.5) gives the same count, not its mirror image.
  const reflect = p > 0.5;
  const q = reflect ? 1 - p : p;
  const x =
    n * q < INVERSION_MAX_MEAN ? byInversion(rng, n, q, reflect) : byRejection(rng, n, q, reflect);
  return reflect ? n - x : x;
}

/**
 * Inversion: the first x whose cumulative probability exceeds one uniform u (p <= 1/2,
 * n p < 10); 1 - u with `reflect`.
 */
function byInversion(rng: Rng, n: number, p: number, reflect: boolean): number {
  const q = 1 - p;
  const odds = p / q;
  const scaledOdds = (n + 1) * odds;
  const pmf0 = Math.exp(n * Math.log1p(-p));
  // Past this bound lies less than 1e-20 of the mass: reaching it means u outran the rounded
  // pmf sum, so the draw starts over instead of returning a value from the far tail.
  const bound = Math.min(n, Math.floor(n * p + 10 * Math.sqrt(n * p * q + 1)));
  for (;;) {
    let u = reflect ? 1 - rng.uniform() : rng.uniform();
    let pmf = pmf0;
    let x = 0;
    while (u > pmf && x <= bound) {
      u -= pmf;
      x++;
      // pmf(x) = pmf(x - 1) (n - x + 1) / x * p / q
      pmf *= scaledOdds / x - odds;
    }
    if (x <= bound) return x;
  }
}

/**
 * Hörmann's BTRS (p <= 1/2, n p >= 10), with the constants of the paper; the candidate's
 * uniform reflected about 1/2 with `reflect`.
 */
function byRejection(rng: Rng, n: number, p: number, reflect: boolean): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const squeezeV = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const mode = Math.floor((n + 1) * p);
  const logPmfMode = logBinomialPmf(n, p, mode);
  for (;;) {
    const u = reflect ? 0.5 - rng.uniform() : rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (!(k >= 0 && k <= n)) continue; // also u = -1/2 (us = 0), where k is -Infinity
    if (us >= 0.07 && v <= squeezeV) return k;
    const logV = Math.log((v * alpha) / (a / (us * us) + b));
    if (logV <= logBinomialPmf(n, p, k) - logPmfMode) return k;
  }
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log k! for k = 0..15, summed term by term (exact to rounding). */
const LOG_FACTORIAL: readonly number[] = (() => {
  const t = [0];
  for (let k = 1; k <= 15; k++) t.push(t[k - 1]! + Math.log(k));
  return t;
})();

/**
 * log of the Binomial(n, p) probability of k, accurate to about 1e-15 absolute for every n up to
 * 2^53 (Loader's saddle-point form).
 * @example
 * Math.exp(logBinomialPmf(4, 0.5, 2)); // 0.375
 */
export function logBinomialPmf(n: number, p: number, k: number): number {
  if (k === 0) return n * Math.log1p(-p);
  if (k === n) return n * Math.log(p);
  const rest = n - k;
  return (
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(rest) -
    deviance(k, n * p) -
    deviance(rest, n * (1 - p)) +
    0.5 * Math.log(n / (2 * Math.PI * k * rest))
  );
}

/** log x! - log(sqrt(2 pi x) (x / e)^x) for a positive integer x: the Stirling remainder. */
function stirlingError(x: number): number {
  if (x <= 15) return LOG_FACTORIAL[x]! - (x + 0.5) * Math.log(x) + x - HALF_LOG_2PI;
  const x2 = x * x;
  // 1/12x - 1/360x^3 + 1/1260x^5 - 1/1680x^7 + 1/1188x^9: below 1e-17 relative error for x > 15
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / x2) / x2) / x2) / x2) / x;
}

/**
 * x log(x / mean) + mean - x (>= 0), by its series in (x - mean) / (x + mean) near the mean,
 * where the direct form would cancel.
 */
function deviance(x: number, mean: number): number {
  const d = x - mean;
  if (Math.abs(d) < 0.1 * (x + mean)) {
    const v = d / (x + mean);
    const v2 = v * v;
    let sum = d * v;
    let term = 2 * x * v;
    for (let j = 1; j < 200; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) break;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mean) + mean - x;
}
