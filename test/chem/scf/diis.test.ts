import { describe, expect, it } from "vitest";
import { Diis } from "../../../src/chem/scf/diis.js";
import { Rng } from "../../../src/random.js";

describe("DIIS", () => {
  it("solves a linear fixed-point problem x = A x + b in at most n + 1 steps (like GMRES)", () => {
    const n = 5;
    const rng = new Rng(2);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) A[i] = 0.3 * rng.normal();
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const g = (x: Float64Array): Float64Array => {
      const y = Float64Array.from(b);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) y[i]! += A[i * n + j]! * x[j]!;
      return y;
    };
    const diis = new Diis(n + 2);
    let x: Float64Array = new Float64Array(n);
    let res = Number.POSITIVE_INFINITY;
    for (let it = 0; it < n + 2; it++) {
      const gx = g(x);
      const err = gx.map((v, i) => v - x[i]!);
      res = Math.hypot(...err);
      if (res < 1e-10) break;
      x = diis.extrapolate(gx, err);
    }
    expect(res).toBeLessThan(1e-10);
  });

  it("keeps at most `size` vectors and survives a singular history", () => {
    const diis = new Diis(2);
    const v = new Float64Array([1, 2]);
    const e = new Float64Array([0.1, 0.1]);
    // identical errors make B singular: the oldest entries are dropped, the newest is returned
    for (let k = 0; k < 4; k++) expect(Array.from(diis.extrapolate(v, e))).toEqual([1, 2]);
    diis.reset();
    expect(Array.from(diis.extrapolate(new Float64Array([3]), new Float64Array([1])))).toEqual([3]);
  });
});
