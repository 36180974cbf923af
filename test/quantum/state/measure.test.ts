import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import {
  chiSquare,
  countsFromSamples,
  countsFromTally,
  formatBitstring,
  MAX_INDIVIDUAL_SHOTS,
  sampleCounts,
  sampleIndices,
} from "../../../src/quantum/state/measure.js";
import { Rng } from "../../../src/random.js";

describe("sampling", () => {
  it("draws from the given distribution (chi-square at a fixed seed)", () => {
    const probs = new Float64Array([0.1, 0, 0.25, 0.05, 0.3, 0.2, 0.1, 0]);
    const shots = 20000;
    const samples = sampleIndices(probs, shots, new Rng(42));
    const observed = new Array<number>(8).fill(0);
    for (const s of samples) observed[s]!++;
    expect(observed[1]).toBe(0);
    expect(observed[7]).toBe(0);
    const { pValue, dof } = chiSquare(
      observed,
      Array.from(probs, (p) => p * shots),
    );
    expect(dof).toBe(5);
    expect(pValue).toBeGreaterThan(0.001);
  });

  it("detects a wrong distribution", () => {
    const samples = sampleIndices(new Float64Array([0.5, 0.5]), 10000, new Rng(1));
    const observed = [0, 0];
    for (const s of samples) observed[s]!++;
    expect(chiSquare(observed, [6000, 4000]).pValue).toBeLessThan(1e-6);
  });

  it("samples a sub-range and renormalizes", () => {
    const probs = new Float64Array([1, 0, 0, 2, 0, 0]);
    const samples = sampleIndices(probs, 100, new Rng(3), 2, 4); // [0, 2, 0, 0]
    expect(new Set(samples)).toEqual(new Set([1]));
  });

  it("reproduces with the same seed", () => {
    const p = new Float64Array([0.2, 0.3, 0.5]);
    expect(sampleIndices(p, 50, new Rng(9))).toEqual(sampleIndices(p, 50, new Rng(9)));
    expect(sampleIndices(p, 50, new Rng(9))).not.toEqual(sampleIndices(p, 50, new Rng(10)));
  });

  it("rejects bad shots and probabilities", () => {
    expect(() => sampleIndices(new Float64Array([1]), 0, new Rng(1))).toThrow(
      /shots: expected a positive integer/,
    );
    expect(() => sampleIndices(new Float64Array([0, 0]), 5, new Rng(1))).toThrow(ArgumentError);
    expect(() => sampleIndices(new Float64Array([Number.NaN, 1]), 5, new Rng(1))).toThrow(
      ArgumentError,
    );
  });
});

describe("multinomial counts (sampleCounts)", () => {
  const probs = new Float64Array([0.1, 0, 0.25, 0.05, 0.3, 0.2, 0.1, 0]);

  it("sum to the shots, never hit a zero-probability outcome, and fit (chi-square)", () => {
    const shots = 200000;
    const counts = sampleCounts(probs, shots, new Rng(42));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(shots);
    expect(counts[1]).toBe(0);
    expect(counts[7]).toBe(0);
    const { pValue } = chiSquare(
      counts,
      Array.from(probs, (p) => p * shots),
    );
    expect(pValue).toBeGreaterThan(1e-4);
  });

  it("have means n p_i, variances n p_i (1 - p_i) and covariances -n p_i p_j", () => {
    // 4000 draws of 1e6 shots: z-scores of the means, and the moments within 5 standard errors
    const n = 1e6;
    const draws = 4000;
    const p = [0.1, 0.25, 0.05, 0.3, 0.2, 0.1];
    const rng = new Rng(5);
    const sum = new Float64Array(6);
    const sq = new Float64Array(6);
    let cross = 0; // outcomes 1 and 3
    for (let d = 0; d < draws; d++) {
      const c = sampleCounts(Float64Array.from(p), n, rng);
      for (let i = 0; i < 6; i++) {
        const dev = c[i]! - n * p[i]!;
        sum[i]! += dev;
        sq[i]! += dev * dev;
      }
      cross += (c[1]! - n * p[1]!) * (c[3]! - n * p[3]!);
    }
    const se = Math.sqrt(2 / draws);
    for (let i = 0; i < 6; i++) {
      const variance = n * p[i]! * (1 - p[i]!);
      expect(Math.abs(sum[i]! / draws / Math.sqrt(variance / draws))).toBeLessThan(5);
      expect(Math.abs(sq[i]! / draws / variance - 1)).toBeLessThan(5 * se);
    }
    // cov = -n p1 p3; its estimate has relative standard error sqrt((1 + 1/rho^2) / draws)
    // for correlation rho = -sqrt(p1 p3 / ((1 - p1)(1 - p3))) (independent counts would give 0)
    const rho2 = (p[1]! * p[3]!) / ((1 - p[1]!) * (1 - p[3]!));
    const covarianceSe = Math.sqrt((1 + 1 / rho2) / draws);
    expect(Math.abs(cross / draws / (-n * p[1]! * p[3]!) - 1)).toBeLessThan(5 * covarianceSe);
  });

  it("draw 1e12 and 2^53 - 1 shots in milliseconds, exactly summed", () => {
    const t0 = performance.now();
    const counts = sampleCounts(probs, 1e12, new Rng(1));
    const most = sampleCounts(probs, Number.MAX_SAFE_INTEGER, new Rng(2));
    expect(performance.now() - t0).toBeLessThan(100); // well under 1 ms here
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1e12);
    expect(most.reduce((a, b) => a + b, 0)).toBe(Number.MAX_SAFE_INTEGER);
    for (let i = 0; i < probs.length; i++) {
      const sd = Math.sqrt(1e12 * probs[i]! * (1 - probs[i]!));
      expect(Math.abs(counts[i]! - 1e12 * probs[i]!)).toBeLessThanOrEqual(6 * sd);
    }
  });

  it("tally individual shots when there are at most half as many shots as outcomes", () => {
    const a = sampleCounts(probs, 4, new Rng(4));
    const tally = new Float64Array(8);
    for (const i of sampleIndices(probs, 4, new Rng(4))) tally[i]!++;
    expect(a).toEqual(tally);
    // one shot more: the binomial draws, another stream, the same total
    expect(sampleCounts(probs, 5, new Rng(4)).reduce((x, y) => x + y, 0)).toBe(5);
  });

  it("give the same counts for probabilities that differ by float32 rounding, nearly always", () => {
    // Each outcome has its own stream, so rounding changes a count only where it tips one of
    // that outcome's decisions (rare), and then moves the later counts a little, not all of them.
    let changed = 0;
    let worst = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new Rng(seed);
      const p = Float64Array.from({ length: 64 }, () => rng.uniform() ** 3);
      const rounded = Float64Array.from(p, (x) => Math.fround(x));
      for (const shots of [2000, 1e6]) {
        const a = sampleCounts(p, shots, new Rng(seed + 100));
        const b = sampleCounts(rounded, shots, new Rng(seed + 100));
        let moved = 0;
        for (let i = 0; i < 64; i++) moved += Math.abs(a[i]! - b[i]!);
        if (moved > 0) changed++;
        worst = Math.max(worst, moved / Math.sqrt(shots));
      }
    }
    expect(changed).toBeLessThanOrEqual(4); // of 40 draws
    expect(worst).toBeLessThan(1); // fewer than sqrt(shots) counts moved
  });

  it("samples a sub-range and reproduces with the same seed", () => {
    const sub = sampleCounts(new Float64Array([1, 0, 0, 2, 0, 5]), 100, new Rng(3), 2, 3);
    expect(Array.from(sub)).toEqual([0, 100, 0]);
    const p = new Float64Array([0.2, 0.3, 0.5]);
    expect(sampleCounts(p, 5000, new Rng(9))).toEqual(sampleCounts(p, 5000, new Rng(9)));
    expect(sampleCounts(p, 5000, new Rng(9))).not.toEqual(sampleCounts(p, 5000, new Rng(10)));
  });

  it("reject shots that are not positive safe integers, naming the bound", () => {
    const p = new Float64Array([0.5, 0.5]);
    for (const bad of [0, -3, 1.5, 2 ** 53, 2 ** 53 + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sampleCounts(p, bad, new Rng(1))).toThrow(ArgumentError);
    }
    expect(() => sampleCounts(p, 2 ** 53 + 1, new Rng(1))).toThrow(
      /shots: expected a positive integer up to 2\^53 - 1, got 9007199254740992/,
    );
    expect(() => sampleIndices(p, MAX_INDIVIDUAL_SHOTS + 1, new Rng(1))).toThrow(
      /draw counts with sampleCounts/,
    );
  });
});

describe("counts and chi-square", () => {
  it("formats bitstrings with the most significant bit first", () => {
    expect(formatBitstring(3, 3)).toBe("011");
    expect(countsFromSamples(new Int32Array([3, 0, 3]), 2)).toEqual({ "00": 1, "11": 2 });
    expect(countsFromSamples(new Int32Array([2, 1, 2]), 3)).toEqual({ "001": 1, "010": 2 });
    expect(countsFromTally(new Float64Array([2, 0, 0, 5]), 2)).toEqual({ "00": 2, "11": 5 });
  });

  it("computes chi-square p-values", () => {
    // chi2 = 3.841 with 1 dof is the 5% point; 11.07 with 5 dof too
    expect(chiSquare([60, 40], [50, 50]).statistic).toBeCloseTo(4, 12);
    const d = Math.sqrt(3.841459 * 25);
    const p1 = chiSquare([50 + d, 50 - d], [50, 50]).pValue;
    expect(p1).toBeCloseTo(0.05, 5);
    // Q(a, x) for 2 dof is exp(-x/2)
    const obs = [10, 20, 30];
    const r = chiSquare(obs, [20, 20, 20]);
    expect(r.pValue).toBeCloseTo(Math.exp(-r.statistic / 2), 12);
  });
});
