import { describe, expect, it } from "vitest";
import { logBinomialPmf } from "../src/binomial.js";
import { ArgumentError } from "../src/errors.js";
import { chiSquare } from "../src/quantum/state/measure.js";
import { Rng } from "../src/random.js";

/** log C(n, k) p^k (1-p)^(n-k) summed term by term (small n only). */
function directLogPmf(n: number, p: number, k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log((n - i) / (i + 1));
  return s + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/** Chi-square p-value of `draws` Binomial(n, p) samples against the exact pmf (tails pooled). */
function goodnessOfFit(n: number, p: number, draws: number, seed: number): number {
  const rng = new Rng(seed);
  const hist = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const x = rng.binomial(n, p);
    hist.set(x, (hist.get(x) ?? 0) + 1);
  }
  const observed: number[] = [];
  const expected: number[] = [];
  let tailObserved = 0;
  let tailExpected = 0;
  for (let k = 0; k <= n; k++) {
    const e = draws * Math.exp(logBinomialPmf(n, p, k));
    const o = hist.get(k) ?? 0;
    if (e >= 5) {
      observed.push(o);
      expected.push(e);
    } else {
      tailObserved += o;
      tailExpected += e;
    }
  }
  observed.push(tailObserved);
  expected.push(tailExpected);
  return chiSquare(observed, expected).pValue;
}

/** z-score of the sample mean and the sample variance over n p (1 - p), centred to keep precision. */
function moments(n: number, p: number, draws: number, seed: number) {
  const rng = new Rng(seed);
  const mean = n * p;
  const variance = n * p * (1 - p);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < draws; i++) {
    const d = rng.binomial(n, p) - mean;
    s += d;
    s2 += d * d;
  }
  const m = s / draws;
  return {
    zMean: m / Math.sqrt(variance / draws),
    varianceRatio: (s2 / draws - m * m) / variance,
    // the sample variance's relative standard error is about sqrt(2 / draws) (near-normal)
    varianceSe: Math.sqrt(2 / draws),
  };
}

describe("Rng.binomial (exact: inversion below mean 10, Hörmann's BTRS above)", () => {
  it("matches the exact distribution in both regimes (chi-square, fixed seeds)", () => {
    const cases: [number, number][] = [
      [10, 0.3], // inversion
      [1000, 0.004], // inversion, large n
      [50, 0.9], // p > 1/2 through the mirror n - Binomial(n, 1 - p)
      [25, 0.45], // rejection just above its threshold
      [400, 0.3], // rejection
      [100000, 0.0002], // rejection, mean 20
    ];
    cases.forEach(([n, p], i) => {
      expect(goodnessOfFit(n, p, 50000, 100 + i)).toBeGreaterThan(1e-4);
    });
  });

  it("has mean n p and variance n p (1 - p) up to n = 2^53 - 1", () => {
    const cases: [number, number][] = [
      [1e12, 0.25],
      [1e12, 3e-12], // inversion with a huge n
      [2 ** 53 - 1, 0.5],
      [2 ** 53 - 1, 1e-9],
      [2 ** 53 - 1, 1e-16],
    ];
    cases.forEach(([n, p], i) => {
      const m = moments(n, p, 20000, 7 + i);
      expect(Math.abs(m.zMean)).toBeLessThan(5);
      expect(Math.abs(m.varianceRatio - 1)).toBeLessThan(5 * m.varianceSe);
    });
  });

  it("takes the same time for 1e3 and 1e15 trials (no per-trial work)", () => {
    const rng = new Rng(3);
    const t0 = performance.now();
    for (let i = 0; i < 20000; i++) rng.binomial(2 ** 53 - 1, 0.3);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000); // about 20 ms here: 1 us per draw
  });

  it("gives the same draw for p = 1/2 and p rounded just above it (no mirror jump)", () => {
    // p > 1/2 draws n - Binomial(n, 1 - p); the reflected uniform keeps the count continuous in p
    for (const n of [9, 239, 1e5]) {
      let same = 0;
      for (let i = 0; i < 1000; i++)
        if (new Rng(i).binomial(n, 0.5) === new Rng(i).binomial(n, 0.5 + 4e-8)) same++;
      expect(same).toBeGreaterThanOrEqual(995);
    }
  });

  it("is exact at the edges and reproducible", () => {
    const rng = new Rng(1);
    expect(rng.binomial(0, 0.5)).toBe(0);
    expect(rng.binomial(7, 0)).toBe(0);
    expect(rng.binomial(7, 1)).toBe(7);
    expect(rng.binomial(2 ** 53 - 1, 1)).toBe(2 ** 53 - 1);
    const a = new Rng(9);
    const b = new Rng(9);
    for (let i = 0; i < 50; i++) expect(a.binomial(1e9, 0.37)).toBe(b.binomial(1e9, 0.37));
  });

  it("rejects a non-integer or out-of-range n and p outside [0, 1]", () => {
    const rng = new Rng(1);
    expect(() => rng.binomial(2 ** 53, 0.5)).toThrow(ArgumentError);
    expect(() => rng.binomial(-1, 0.5)).toThrow(/n must be an integer in \[0, 2\^53 - 1\], got -1/);
    expect(() => rng.binomial(2.5, 0.5)).toThrow(ArgumentError);
    expect(() => rng.binomial(10, 1.5)).toThrow(/p must be in \[0, 1\], got 1.5/);
    expect(() => rng.binomial(10, Number.NaN)).toThrow(ArgumentError);
  });
});

describe("logBinomialPmf (Loader's saddle-point form)", () => {
  it("agrees with the term-by-term product and sums to 1", () => {
    for (const [n, p] of [
      [20, 0.3],
      [200, 0.01],
      [1000, 0.5],
    ] as [number, number][]) {
      let total = 0;
      for (let k = 0; k <= n; k++) {
        const lp = logBinomialPmf(n, p, k);
        if (lp > -600) expect(lp).toBeCloseTo(directLogPmf(n, p, k), 9);
        total += Math.exp(lp);
      }
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it("keeps the ratio to the mode accurate at n = 2^53 - 1 (no log-factorial cancellation)", () => {
    // near the mean the log pmf is -k^2 / (2 n p q) - log(2 pi n p q) / 2 to O(k^3 / (npq)^2)
    const n = 2 ** 53 - 1;
    const p = 0.5;
    const npq = n * p * (1 - p);
    const mode = Math.floor((n + 1) * p);
    for (const k of [0, 1000, 3e7, 1e8]) {
      const ratio = logBinomialPmf(n, p, mode + k) - logBinomialPmf(n, p, mode);
      expect(ratio).toBeCloseTo(-(k * k) / (2 * npq), 6);
    }
  });
});
