/**
 * The streaming top-k selection behind `qoar run`'s probability and amplitude listings: the same
 * entries, in the same order, as a full stable sort, and no allocation that grows with the input.
 */
import { GCProfiler } from "node:v8";
import { describe, expect, it } from "vitest";
import { topK } from "../../src/cli/top-k.js";
import { ArgumentError } from "../../src/errors.js";
import { Rng } from "../../src/random.js";

/** The reference: every index above the threshold, sorted by weight down, then index up. */
function fullSort(weights: ArrayLike<number>, k: number, threshold = 0) {
  const all = Array.from(weights, (w, i) => [i, w] as const).filter(([, w]) => w > threshold);
  all.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return {
    indices: all.slice(0, k).map(([i]) => i),
    weights: all.slice(0, k).map(([, w]) => w),
    count: all.length,
  };
}

describe("topK (streaming selection of the largest entries)", () => {
  it("matches a full sort on random data with many ties, for every k", () => {
    const rng = new Rng(11);
    for (const length of [1, 7, 64, 1000]) {
      // a few distinct levels, so ties are everywhere, and some zeros below the threshold
      const values = Float64Array.from({ length }, () => Math.floor(rng.uniform() * 6) / 8);
      for (const k of [1, 2, 3, 10, length, length + 5]) {
        expect(topK(values, k), `length ${length}, k ${k}`).toEqual(fullSort(values, k));
      }
    }
  });

  it("matches a full sort on continuous random data with a threshold", () => {
    const rng = new Rng(5);
    const values = Float64Array.from({ length: 5000 }, () => rng.uniform() ** 4);
    expect(topK(values, 37, { threshold: 0.5 })).toEqual(fullSort(values, 37, 0.5));
  });

  it("ranks interleaved complex numbers by |z|^2", () => {
    const rng = new Rng(3);
    const n = 500;
    const z = Float64Array.from({ length: 2 * n }, () => Math.round(4 * rng.normal()) / 4);
    const squared = Array.from({ length: n }, (_, i) => z[2 * i]! ** 2 + z[2 * i + 1]! ** 2);
    expect(topK(z, 20, { complex: true })).toEqual(fullSort(squared, 20));
  });

  it("skips NaN and values at or below the threshold", () => {
    const r = topK(new Float64Array([Number.NaN, 0.2, 1e-13, 0.2, 0]), 10, { threshold: 1e-12 });
    expect(r).toEqual({ indices: [1, 3], weights: [0.2, 0.2], count: 2 });
  });

  it("allocates nothing that grows with the input (no garbage collection over 2^20 entries)", () => {
    const rng = new Rng(2);
    const values = Float64Array.from({ length: 1 << 20 }, () => rng.uniform());
    const collections = (fn: () => void): number => {
      const profiler = new GCProfiler();
      profiler.start();
      fn();
      return profiler.stop().statistics.length;
    };
    topK(values, 16); // compile first
    let r = topK(values, 1);
    expect(collections(() => (r = topK(values, 16)))).toBeLessThanOrEqual(1);
    // the control: listing every entry as [bitstring, p], as `qoar run` did, collects many times
    const listed: [string, number][] = [];
    expect(
      collections(() => {
        values.forEach((p, i) => {
          listed.push([i.toString(2), p]);
        });
      }),
    ).toBeGreaterThan(3);
    expect(r.count).toBe(values.length);
    const largest = Float64Array.from(values).sort().reverse().subarray(0, 16);
    expect(r.weights).toEqual([...largest]);
    expect(r.indices.map((i) => values[i])).toEqual([...largest]);
  });

  it("rejects a bad k, a NaN threshold and odd-length complex input", () => {
    const v = new Float64Array(4);
    expect(() => topK(v, 0)).toThrow(ArgumentError);
    expect(() => topK(v, 1.5)).toThrow(/k must be a positive integer, got 1.5/);
    expect(() => topK(v, 1, { threshold: Number.NaN })).toThrow(/threshold/);
    expect(() => topK(new Float64Array(3), 1, { complex: true })).toThrow(/even length, got 3/);
    expect(() => topK([1, 2] as unknown as Float64Array, 1)).toThrow(/Float64Array/);
  });
});
