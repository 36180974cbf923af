/** Optimizers against hand-written update rules, convergence, L-BFGS on Rosenbrock, schedulers. */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import * as T from "../../../src/tensor/index.js";
import {
  Adagrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  ExponentialLR,
  LBFGS,
  type Optimizer,
  Parameter,
  RMSprop,
  SGD,
  StepLR,
  type Tensor,
  tensor,
} from "../../../src/tensor/index.js";

// f(p) = sum(c * p^2) / 2 with gradient c * p: easy to follow by hand
const C = [1, 3];
const loss = (p: Tensor): Tensor => T.mul(T.mul(p, p), tensor(C)).sum().div(2);
const gradOf = (x: number[]): number[] => x.map((v, i) => C[i]! * v);

function run(make: (p: Parameter) => Optimizer, steps: number): number[] {
  const p = new Parameter(tensor([1, -2]));
  const opt = make(p);
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    loss(p).backward();
    opt.step();
  }
  return [...p.data];
}

describe("update rules match hand-written PyTorch formulas", () => {
  it("SGD with weight decay, momentum, Nesterov", () => {
    const lr = 0.1;
    const mu = 0.9;
    const wd = 0.01;
    for (const nesterov of [false, true]) {
      let x = [1, -2];
      let buf: number[] | null = null;
      for (let s = 0; s < 5; s++) {
        const g = gradOf(x).map((v, i) => v + wd * x[i]!);
        buf = buf ? buf.map((b, i) => mu * b + g[i]!) : g;
        const d = nesterov ? g.map((v, i) => v + mu * buf![i]!) : buf;
        x = x.map((v, i) => v - lr * d[i]!);
      }
      const got = run((p) => new SGD([p], { lr, momentum: mu, weightDecay: wd, nesterov }), 5);
      got.forEach((v, i) => {
        expect(v).toBeCloseTo(x[i]!, 12);
      });
    }
  });
  it("Adam and AdamW", () => {
    const lr = 0.05;
    const [b1, b2, eps, wd] = [0.9, 0.999, 1e-8, 0.1];
    for (const decoupled of [false, true]) {
      let x = [1, -2];
      let m = [0, 0];
      let v = [0, 0];
      for (let t = 1; t <= 6; t++) {
        // the gradient is taken before the step; AdamW then decays the weights
        const g = gradOf(x).map((a, i) => a + (decoupled ? 0 : wd * x[i]!));
        if (decoupled) x = x.map((a) => a * (1 - lr * wd));
        m = m.map((a, i) => b1 * a + (1 - b1) * g[i]!);
        v = v.map((a, i) => b2 * a + (1 - b2) * g[i]! ** 2);
        x = x.map(
          (a, i) => a - (lr * (m[i]! / (1 - b1 ** t))) / (Math.sqrt(v[i]! / (1 - b2 ** t)) + eps),
        );
      }
      const got = run(
        (p) =>
          decoupled
            ? new AdamW([p], { lr, weightDecay: wd })
            : new Adam([p], { lr, weightDecay: wd }),
        6,
      );
      got.forEach((a, i) => {
        expect(a).toBeCloseTo(x[i]!, 12);
      });
    }
  });
  it("RMSprop and Adagrad", () => {
    let x = [1, -2];
    let sq = [0, 0];
    for (let t = 0; t < 5; t++) {
      const g = gradOf(x);
      sq = sq.map((s, i) => 0.99 * s + 0.01 * g[i]! ** 2);
      x = x.map((a, i) => a - (0.01 * g[i]!) / (Math.sqrt(sq[i]!) + 1e-8));
    }
    run((p) => new RMSprop([p], { lr: 0.01 }), 5).forEach((a, i) => {
      expect(a).toBeCloseTo(x[i]!, 12);
    });
    x = [1, -2];
    let acc = [0, 0];
    for (let t = 1; t <= 5; t++) {
      const g = gradOf(x);
      acc = acc.map((s, i) => s + g[i]! ** 2);
      const clr = 0.1 / (1 + (t - 1) * 0.01);
      x = x.map((a, i) => a - (clr * g[i]!) / (Math.sqrt(acc[i]!) + 1e-10));
    }
    run((p) => new Adagrad([p], { lr: 0.1, lrDecay: 0.01 }), 5).forEach((a, i) => {
      expect(a).toBeCloseTo(x[i]!, 12);
    });
  });
  it("every optimizer drives the quadratic toward 0", () => {
    const makers: ((p: Parameter) => Optimizer)[] = [
      (p) => new SGD([p], { lr: 0.1, momentum: 0.5 }),
      (p) => new Adam([p], { lr: 0.1 }),
      (p) => new AdamW([p], { lr: 0.1 }),
      (p) => new RMSprop([p], { lr: 0.01, momentum: 0.5, centered: true }),
      (p) => new Adagrad([p], { lr: 0.5 }),
    ];
    for (const make of makers) {
      const x = run(make, 300);
      expect(Math.hypot(...x)).toBeLessThan(0.05);
    }
  });
  it("complex parameters descend |z - w|^2", () => {
    const w = tensor([[0.5, -1]], { dtype: "complex128" });
    const z = new Parameter(tensor([[0, 0]], { dtype: "complex128" }));
    const opt = new SGD([z], { lr: 0.1 });
    for (let i = 0; i < 100; i++) {
      opt.zeroGrad();
      T.sub(z, w).abs().square().sum().backward();
      opt.step();
    }
    expect(z.data[0]).toBeCloseTo(0.5, 8);
    expect(z.data[1]).toBeCloseTo(-1, 8);
  });
  it("rejects bad hyperparameters", () => {
    const p = new Parameter(tensor([1]));
    expect(() => new SGD([p], { lr: -1 })).toThrow(ArgumentError);
    expect(() => new Adam([p], { betas: [1.2, 0.9] })).toThrow(/betas\[0\]/);
    expect(() => new SGD([], {})).toThrow(/empty/);
    expect(() => new SGD([tensor([1])])).toThrow(/require grad/);
  });
});

describe("L-BFGS", () => {
  const rosen = (p: Tensor): Tensor => {
    const x = p.index(0);
    const y = p.index(1);
    return T.add(T.sub(1, x).square(), T.mul(T.sub(y, x.square()).square(), 100));
  };
  it("finds the Rosenbrock minimum (1, 1) to 1e-8 with strong-Wolfe line search", () => {
    const p = new Parameter(tensor([-1.5, 2]));
    const opt = new LBFGS([p], {
      lineSearchFn: "strong_wolfe",
      maxIter: 200,
      toleranceGrad: 1e-14,
      toleranceChange: 1e-16,
    });
    const closure = (): Tensor => {
      opt.zeroGrad();
      const l = rosen(p);
      l.backward();
      return l;
    };
    for (let i = 0; i < 5; i++) opt.step(closure);
    expect(Math.abs(p.data[0]! - 1)).toBeLessThan(1e-8);
    expect(Math.abs(p.data[1]! - 1)).toBeLessThan(1e-8);
    expect(opt.funcEvals).toBeLessThan(500);
  });
  it("without line search it still decreases the loss", () => {
    const p = new Parameter(tensor([-1.5, 2]));
    const opt = new LBFGS([p], { lr: 0.1, maxIter: 50 });
    const closure = (): Tensor => {
      opt.zeroGrad();
      const l = rosen(p);
      l.backward();
      return l;
    };
    const first = opt.step(closure);
    expect(rosen(p).item()).toBeLessThan(first);
  });
});

describe("LR schedulers", () => {
  const mk = (): SGD => new SGD([new Parameter(tensor([1]))], { lr: 1 });
  it("step, exponential, cosine", () => {
    const a = mk();
    const s1 = new StepLR(a, 2, 0.5);
    const got1: number[] = [];
    for (let i = 0; i < 5; i++) {
      s1.step();
      got1.push(a.lr);
    }
    expect(got1).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
    const b = mk();
    const s2 = new ExponentialLR(b, 0.9);
    s2.step();
    s2.step();
    expect(b.lr).toBeCloseTo(0.81, 15);
    const c = mk();
    const s3 = new CosineAnnealingLR(c, 10, 0.1);
    for (let i = 0; i < 5; i++) s3.step();
    expect(c.lr).toBeCloseTo(0.55, 14);
    for (let i = 0; i < 5; i++) s3.step();
    expect(s3.getLastLr()).toBeCloseTo(0.1, 14);
  });
});
