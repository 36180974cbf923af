import { describe, expect, it } from "vitest";
import { ArgumentError, ConvergenceError } from "../../../src/errors.js";
import { eighHermitian, matvec } from "../../../src/quantum/linalg.js";
import { lanczos } from "../../../src/quantum/operators/lanczos.js";
import { Rng } from "../../../src/random.js";
import { randomHermitian } from "../helpers.js";

const denseMatvec = (h: Float64Array) => (x: Float64Array, y: Float64Array) => y.set(matvec(h, x));

describe("lanczos", () => {
  it("finds the lowest eigenpairs of random Hermitian matrices (with restarts)", () => {
    const rng = new Rng(1);
    for (const [d, k, krylovDim] of [
      [5, 2, undefined],
      [60, 3, undefined],
      [120, 4, 16],
    ] as const) {
      const h = randomHermitian(d, rng);
      const ref = eighHermitian(h).values;
      const res = lanczos(denseMatvec(h), d, { k, seed: 2, krylovDim, tol: 1e-10 });
      for (let i = 0; i < k; i++) {
        expect(Math.abs(res.values[i]! - ref[i]!)).toBeLessThan(1e-9);
        expect(res.residuals[i]!).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref[i]!)));
        // the vector really is an eigenvector
        const hv = matvec(h, res.vectors[i]!);
        let err = 0;
        for (let j = 0; j < hv.length; j++)
          err = Math.max(err, Math.abs(hv[j]! - res.values[i]! * res.vectors[i]![j]!));
        expect(err).toBeLessThan(1e-8);
      }
    }
  });

  it("handles an invariant starting subspace and diagonal operators", () => {
    const diag = Float64Array.from({ length: 50 }, (_, i) => ((i * 7) % 50) - 10);
    const mv = (x: Float64Array, y: Float64Array) => {
      for (let i = 0; i < 50; i++) {
        y[2 * i] = diag[i]! * x[2 * i]!;
        y[2 * i + 1] = diag[i]! * x[2 * i + 1]!;
      }
    };
    const start = new Float64Array(100);
    start[2 * 3] = 1; // an eigenvector: the Krylov space is one-dimensional
    const res = lanczos(mv, 50, { k: 2, start, krylovDim: 10 });
    expect(res.values[0]!).toBeCloseTo(-10, 10);
    expect(res.values[1]!).toBeCloseTo(-9, 10);
  });

  it("validates options and reports non-convergence", () => {
    const h = randomHermitian(200, new Rng(3));
    expect(() => lanczos(denseMatvec(h), 200, { k: 0 })).toThrow(ArgumentError);
    expect(() => lanczos(denseMatvec(h), 200, { start: new Float64Array(3) })).toThrow(
      /start has length 3/,
    );
    expect(() => lanczos(denseMatvec(h), 200, { maxIter: 10, krylovDim: 5, tol: 1e-14 })).toThrow(
      ConvergenceError,
    );
  });
});
