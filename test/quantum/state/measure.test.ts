import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import {
  chiSquare,
  countsFromSamples,
  formatBitstring,
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

describe("counts and chi-square", () => {
  it("formats bitstrings with the most significant bit first", () => {
    expect(formatBitstring(3, 3)).toBe("011");
    expect(countsFromSamples(new Int32Array([3, 0, 3]), 2)).toEqual({ "00": 1, "11": 2 });
    expect(countsFromSamples(new Int32Array([2, 1, 2]), 3)).toEqual({ "001": 1, "010": 2 });
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
