/** SPSA, Nelder-Mead and COBYLA against known minima: Rosenbrock, constrained quadratics (KKT). */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { COBYLA, NelderMead, Parameter, SPSA, tensor } from "../../../src/tensor/index.js";

const rosenbrock = (x: Float64Array): number => (1 - x[0]!) ** 2 + 100 * (x[1]! - x[0]! ** 2) ** 2;

describe("SPSA", () => {
  it("its gradient estimate is unbiased: the mean over sign draws of a linear loss is the gradient", () => {
    const a = [0.7, -1.3, 2.1];
    const p = new Parameter(tensor([0.2, 0.4, -0.1]));
    const opt = new SPSA([p], { seed: 5, resamplings: 4000 });
    const f = () => a.reduce((s, ai, i) => s + ai * p.data[i]!, 0);
    const { gradient, loss } = opt.estimateGradient(f);
    // each component is a_i + sum_{j != i} a_j Delta_i Delta_j: standard error |a_rest| / sqrt(4000)
    gradient.forEach((g, i) => {
      expect(Math.abs(g - a[i]!)).toBeLessThan(0.12);
    });
    expect(loss).toBeCloseTo(f(), 12); // f(x + cD) + f(x - cD) = 2 f(x) for a linear f
  });

  it("converges on a quadratic bowl, also from a noisy loss", () => {
    for (const noise of [0, 0.01]) {
      const p = new Parameter(tensor([1.5, -2, 0.5]));
      const opt = new SPSA([p], { lr: 0.3, perturbation: 0.1, stabilityConstant: 10, seed: 3 });
      let draws = 0;
      const f = () => {
        const jitter = noise * Math.sin(12.9898 * ++draws); // deterministic pseudo-noise
        return (p.data[0]! - 1) ** 2 + 2 * p.data[1]! ** 2 + 0.5 * (p.data[2]! + 1) ** 2 + jitter;
      };
      for (let k = 0; k < 800; k++) opt.step(f);
      expect(p.data[0]!).toBeCloseTo(1, 1);
      expect(p.data[1]!).toBeCloseTo(0, 1);
      expect(p.data[2]!).toBeCloseTo(-1, 1);
      expect(opt.evaluations).toBe(1600);
    }
  });

  it("the same seed gives the same path", () => {
    const path = () => {
      const p = new Parameter(tensor([1, 1]));
      const opt = new SPSA([p], { seed: 9 });
      for (let k = 0; k < 5; k++) opt.step(() => p.data[0]! ** 2 + p.data[1]! ** 2);
      return [...p.data];
    };
    expect(path()).toEqual(path());
  });
});

describe("NelderMead", () => {
  it("finds Rosenbrock's minimum (1, 1) from (-1.2, 1)", () => {
    const x = new Parameter(tensor([-1.2, 1]));
    const opt = new NelderMead([x], { xatol: 1e-10, fatol: 1e-14, maxIter: 2000, maxEval: 4000 });
    const r = opt.step(() => rosenbrock(x.data));
    expect(r.converged).toBe(true);
    expect(x.data[0]!).toBeCloseTo(1, 6);
    expect(x.data[1]!).toBeCloseTo(1, 6);
    expect(r.loss).toBeLessThan(1e-12);
    expect(r.loss).toBe(rosenbrock(x.data)); // left at the best vertex
  });

  it("the adaptive coefficients minimize a 6-dimensional quadratic with known minimum", () => {
    const target = [1, -2, 3, 0.5, -0.25, 2];
    const x = new Parameter(tensor([0, 0, 0, 0, 0, 0]));
    const opt = new NelderMead([x], {
      adaptive: true,
      initialStep: 0.5,
      xatol: 1e-9,
      fatol: 1e-16,
      maxIter: 20000,
      maxEval: 40000,
    });
    const r = opt.step(() => target.reduce((s, t, i) => s + (i + 1) * (x.data[i]! - t) ** 2, 0));
    expect(r.converged).toBe(true);
    target.forEach((t, i) => {
      expect(x.data[i]!).toBeCloseTo(t, 6);
    });
  });

  it("refuses bad options and closures", () => {
    const x = new Parameter(tensor([0]));
    expect(() => new NelderMead([x], { maxIter: 0 })).toThrow(
      /maxIter must be a positive integer, got 0/,
    );
    expect(() => new NelderMead([x], { initialStep: -1 })).toThrow(ArgumentError);
    expect(() => new NelderMead([])).toThrow(/empty parameter list/);
    expect(() => new NelderMead([x]).step(() => Number.NaN)).toThrow(/not NaN/);
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => new NelderMead([x]).step(1 as any)).toThrow(/closure must be a function/);
  });
});

describe("COBYLA", () => {
  it("walks Rosenbrock's curved valley to near (1, 1) without constraints", () => {
    // linear models make COBYLA slow in a curved valley (as Powell's own): 1e-2 after 20,000 calls
    const x = new Parameter(tensor([-1.2, 1]));
    const r = new COBYLA([x], { rhoBeg: 0.5, rhoEnd: 1e-8, maxEval: 20000 }).step(() =>
      rosenbrock(x.data),
    );
    expect(Math.abs(x.data[0]! - 1)).toBeLessThan(1e-2);
    expect(Math.abs(x.data[1]! - 1)).toBeLessThan(2e-2);
    expect(r.loss).toBeLessThan(1e-4);
    expect(r.loss).toBeLessThan(rosenbrock(new Float64Array([-1.2, 1])) * 1e-5);
  });

  it("solves scipy's constrained quadratic: the KKT point (1.4, 1.7) with its multiplier", () => {
    // min (x-1)^2 + (y-2.5)^2 s.t. x - 2y + 2 >= 0, -x - 2y + 6 >= 0, -x + 2y + 2 >= 0, x, y >= 0
    const p = new Parameter(tensor([2, 0]));
    const [x, y] = [() => p.data[0]!, () => p.data[1]!];
    const constraints = [
      () => x() - 2 * y() + 2,
      () => -x() - 2 * y() + 6,
      () => -x() + 2 * y() + 2,
      x,
      y,
    ];
    const r = new COBYLA([p], { constraints, rhoEnd: 1e-9 }).step(
      () => (x() - 1) ** 2 + (y() - 2.5) ** 2,
    );
    expect(x()).toBeCloseTo(1.4, 6);
    expect(y()).toBeCloseTo(1.7, 6);
    expect(r.maxViolation).toBeLessThan(1e-8);
    // KKT: grad f = lambda grad c_1 with lambda >= 0 on the one active constraint
    const grad = [2 * (x() - 1), 2 * (y() - 2.5)];
    const lambda = grad[0]! / 1;
    expect(lambda).toBeGreaterThan(0);
    expect(grad[1]!).toBeCloseTo(-2 * lambda, 5);
  });

  it("minimizes x + y on the unit disc: (-1/sqrt2, -1/sqrt2), starting infeasible", () => {
    const p = new Parameter(tensor([2, 1]));
    const r = new COBYLA([p], {
      constraints: [() => 1 - p.data[0]! ** 2 - p.data[1]! ** 2],
      rhoEnd: 1e-9,
    }).step(() => p.data[0]! + p.data[1]!);
    expect(p.data[0]!).toBeCloseTo(-Math.SQRT1_2, 6);
    expect(p.data[1]!).toBeCloseTo(-Math.SQRT1_2, 6);
    expect(r.loss).toBeCloseTo(-Math.SQRT2, 6);
    expect(r.maxViolation).toBeLessThan(1e-8);
  });

  it("an equality written as two inequalities: min x^2 + y^2 + z^2 on x + 2y + 3z = 14 is (1, 2, 3)", () => {
    const p = new Parameter(tensor([0, 0, 0]));
    const h = () => p.data[0]! + 2 * p.data[1]! + 3 * p.data[2]! - 14;
    new COBYLA([p], { constraints: [h, () => -h()], rhoEnd: 1e-9 }).step(
      () => p.data[0]! ** 2 + p.data[1]! ** 2 + p.data[2]! ** 2,
    );
    [1, 2, 3].forEach((v, i) => {
      expect(p.data[i]!).toBeCloseTo(v, 5);
    });
  });

  it("refuses bad options", () => {
    const p = new Parameter(tensor([0]));
    expect(() => new COBYLA([p], { rhoBeg: 0 })).toThrow(/rhoBeg must be a positive number, got 0/);
    expect(() => new COBYLA([p], { rhoEnd: 2 })).toThrow(
      /rhoEnd must be a positive number at most rhoBeg/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => new COBYLA([p], { constraints: [1 as any] })).toThrow(
      /constraints\[0\] must be a function/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => new COBYLA([p], { rhobeg: 1 } as any)).toThrow(/did you mean 'rhoBeg'/);
  });
});
