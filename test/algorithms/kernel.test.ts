import { describe, expect, it } from "vitest";
import { Circuit, datasets, QuantumKernel, Rng, ShapeError, SVM, tensor } from "../../src/index.js";

const rows = (n: number, f: number, seed: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: f }, () => rng.uniformIn(-2, 2)));
};

describe("QuantumKernel", () => {
  it("angle map: the fidelity kernel is prod cos^2((x - y)/2), the projected one exp(-gamma sum (1 - cos))", () => {
    const x = rows(5, 3, 1);
    const y = rows(4, 3, 2);
    const fid = new QuantumKernel({ nQubits: 3, featureMap: "angle" }).matrix(tensor(x), tensor(y));
    const gamma = 0.7;
    const proj = new QuantumKernel({ nQubits: 3, featureMap: "angle", kind: "projected", gamma });
    const P = proj.matrix(tensor(x), tensor(y));
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 4; j++) {
        const d = x[i]!.map((v, c) => v - y[j]![c]!);
        expect(fid.data[i * 4 + j]).toBeCloseTo(
          d.reduce((p, t) => p * Math.cos(t / 2) ** 2, 1),
          12,
        );
        expect(P.data[i * 4 + j]).toBeCloseTo(
          Math.exp(-gamma * d.reduce((s, t) => s + 1 - Math.cos(t), 0)),
          12,
        );
      }
  });

  it("IQP map: the batched Gram matrix equals overlaps of separately simulated states, for any row block", () => {
    const x = rows(7, 3, 3);
    const k = new QuantumKernel({ nQubits: 3, featureMap: "iqp", depth: 2, rowBlock: 3 });
    const K = k.matrix(tensor(x));
    const single = new Circuit(3);
    datasets.addEncoding(single, "iqp", { depth: 2 });
    const amps = x.map((r) => single.forward(undefined, tensor([r])).toArray());
    for (let i = 0; i < 7; i++)
      for (let j = 0; j < 7; j++) {
        let re = 0;
        let im = 0;
        for (let t = 0; t < 16; t += 2) {
          re += amps[i]![t]! * amps[j]![t]! + amps[i]![t + 1]! * amps[j]![t + 1]!;
          im += amps[i]![t]! * amps[j]![t + 1]! - amps[i]![t + 1]! * amps[j]![t]!;
        }
        expect(K.data[i * 7 + j]).toBeCloseTo(re * re + im * im, 12);
      }
    const big = new QuantumKernel({ nQubits: 3, featureMap: "iqp", depth: 2 }).matrix(tensor(x));
    Array.from(big.data).forEach((v, i) => {
      expect(v).toBeCloseTo(K.data[i]!, 14);
    });
  });

  it("refuses samples whose feature count differs from the map's, and NaN features", () => {
    const k = new QuantumKernel({ nQubits: 2, featureMap: "angle" });
    expect(() => k.matrix(tensor([[0.1, 0.2]]), tensor([[0.1, 0.2, 0.3]]))).toThrow(
      "QuantumKernel.matrix: y has 3 features per sample, expected 2",
    );
    expect(() => k.matrix(tensor([[0.1, 0.2, 0.3]]))).toThrow(ShapeError);
    expect(() => k.matrix(tensor([[0.1, Number.NaN]]))).toThrow(/NaN/);
  });

  it("an SVM on the angle-map kernel separates the circle data", () => {
    const data = datasets.circle(120, { seed: 4 });
    const { train, test } = datasets.trainTestSplit(data, { seed: 5 });
    const kernel = new QuantumKernel({ nQubits: 2, featureMap: "angle", scale: 1 });
    const svm = new SVM({ kernel, C: 10 }).fit(train.x, train.y);
    expect(svm.score(test.x, test.y)).toBeGreaterThan(0.85);
  });
});
