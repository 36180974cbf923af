import { describe, expect, it } from "vitest";
import { eigh } from "../../../src/chem/linalg.js";
import { davidsonLowest } from "../../../src/chem/scf/davidson.js";
import { ArgumentError } from "../../../src/errors.js";
import { Rng } from "../../../src/random.js";

describe("davidsonLowest", () => {
  it("finds the lowest eigenpair of a diagonally dominant symmetric matrix (= eigh, 1e-10)", () => {
    const n = 120;
    const rng = new Rng(3);
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      M[i * n + i] = 1 + i * 0.1;
      for (let j = 0; j < i; j++) {
        const v = 0.05 * (2 * rng.uniform() - 1);
        M[i * n + j] = v;
        M[j * n + i] = v;
      }
    }
    const diag = Float64Array.from({ length: n }, (_, i) => M[i * n + i]!);
    let products = 0;
    const apply = (xs: Float64Array[]): Float64Array[] =>
      xs.map((x) => {
        products++;
        const y = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += M[i * n + j]! * x[j]!;
          y[i] = s;
        }
        return y;
      });
    const r = davidsonLowest(apply, diag, { tolerance: 1e-8 });
    const exact = eigh(M, n);
    expect(r.value).toBeCloseTo(exact.values[0]!, 10);
    let overlap = 0;
    for (let i = 0; i < n; i++) overlap += r.vector[i]! * exact.vectors[i * n]!;
    expect(Math.abs(overlap)).toBeCloseTo(1, 8);
    expect(products).toBeLessThan(n);
  });

  it("rejects an empty matrix", () => {
    expect(() => davidsonLowest((xs) => xs, new Float64Array(0))).toThrow(ArgumentError);
  });
});
