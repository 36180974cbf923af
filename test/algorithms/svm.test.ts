import { describe, expect, it } from "vitest";
import { datasets, Rng, ShapeError, SVM, smo, tensor } from "../../src/index.js";

/** Linear kernel matrix of rows. */
function gram(x: number[][]): Float64Array {
  const n = x.length;
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) K[i * n + j] = x[i]!.reduce((s, v, c) => s + v * x[j]![c]!, 0);
  return K;
}

describe("SMO", () => {
  it("a separable pair: the hard-margin solution w = (1, 0), b = 0, alpha = 1/2 each", () => {
    const x = [
      [1, 0],
      [-1, 0],
    ];
    const { coef, b } = smo(gram(x), new Float64Array([1, -1]), 1e6);
    expect(coef[0]).toBeCloseTo(0.5, 9);
    expect(coef[1]).toBeCloseTo(-0.5, 9);
    expect(b).toBeCloseTo(0, 9);
  });

  it("a nonseparable set: KKT conditions hold and the primal and dual objectives agree", () => {
    const rng = new Rng(5);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      const cls = i % 2 === 0 ? 1 : -1;
      x.push([cls * 0.5 + rng.normal(), cls * 0.5 + rng.normal()]);
      y.push(cls);
    }
    const C = 2;
    const K = gram(x);
    const { coef, b } = smo(K, Float64Array.from(y), C, 1e-9);
    const n = x.length;
    const alpha = Array.from(coef, (c, i) => c * y[i]!);
    expect(alpha.reduce((s, a, i) => s + a * y[i]!, 0)).toBeCloseTo(0, 9);
    const w = [0, 0];
    for (let i = 0; i < n; i++) for (let c = 0; c < 2; c++) w[c]! += coef[i]! * x[i]![c]!;
    const margins = x.map((p, i) => y[i]! * (w[0]! * p[0]! + w[1]! * p[1]! + b));
    let nBound = 0;
    alpha.forEach((a, i) => {
      expect(a).toBeGreaterThanOrEqual(-1e-12);
      expect(a).toBeLessThanOrEqual(C + 1e-12);
      if (a < 1e-9) expect(margins[i]).toBeGreaterThanOrEqual(1 - 1e-6);
      else if (a > C - 1e-9) {
        nBound++;
        expect(margins[i]).toBeLessThanOrEqual(1 + 1e-6);
      } else expect(margins[i]).toBeCloseTo(1, 6);
    });
    expect(nBound).toBeGreaterThan(0); // the classes overlap: some points sit inside the margin
    const primal =
      0.5 * (w[0]! ** 2 + w[1]! ** 2) + C * margins.reduce((s, m) => s + Math.max(0, 1 - m), 0);
    let quad = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) quad += coef[i]! * coef[j]! * K[i * n + j]!;
    const dual = alpha.reduce((s, a) => s + a, 0) - 0.5 * quad;
    expect(Math.abs(primal - dual) / primal).toBeLessThan(1e-6);
  });
});

describe("SVM", () => {
  it("RBF on XOR reaches high test accuracy; linear cannot separate XOR", () => {
    const { train, test } = datasets.trainTestSplit(datasets.xor(200, { seed: 1 }), { seed: 2 });
    const rbf = new SVM({ kernel: "rbf", C: 10, gamma: 4 }).fit(train.x, train.y);
    expect(rbf.score(test.x, test.y)).toBeGreaterThan(0.9);
    const linear = new SVM({ kernel: "linear", C: 1 }).fit(train.x, train.y);
    expect(linear.score(test.x, test.y)).toBeLessThan(0.75);
  });

  it("a precomputed kernel gives the same predictions as the built-in one; Iris one-vs-rest", () => {
    const iris = datasets.standardize(datasets.iris()).data;
    const { train, test } = datasets.trainTestSplit(iris, { stratify: true, seed: 3 });
    const svm = new SVM({ kernel: "rbf", C: 1, gamma: 0.25 }).fit(train.x, train.y);
    const acc = svm.score(test.x, test.y);
    expect(acc).toBeGreaterThan(0.9);
    const k = (a: typeof train.x, b: typeof train.x) => {
      const [m, f] = a.shape as [number, number];
      const n = b.shape[0]!;
      const out: number[][] = [];
      for (let i = 0; i < m; i++) {
        out.push([]);
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let c = 0; c < f; c++) s += (a.data[i * f + c]! - b.data[j * f + c]!) ** 2;
          out[i]!.push(Math.exp(-0.25 * s));
        }
      }
      return tensor(out);
    };
    const pre = new SVM({ kernel: "precomputed", C: 1 }).fit(k(train.x, train.x), train.y);
    expect(Array.from(pre.predict(k(test.x, train.x)))).toEqual(Array.from(svm.predict(test.x)));
    expect(() => pre.predict(k(test.x, test.x))).toThrow(ShapeError);
  });
});
