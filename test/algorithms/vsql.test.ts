import { describe, expect, it } from "vitest";
import { crossEntropy, datasets, fit as fitModel, VSQL } from "../../src/index.js";

describe("VSQL", () => {
  it("VSQL: the shadow circuit shares one parameter; its gradient matches parameter shift; it learns", () => {
    const model = new VSQL({ nQubits: 3, nFeatures: 8, shadowQubits: 2, depth: 2, seed: 3 });
    expect(model.shadows).toHaveLength(2);
    expect(model.parameters()).toHaveLength(3); // the shared angles, the head's weight and bias
    // class 1 puts its weight on the odd amplitudes
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      const cls = i % 2;
      x.push(
        Array.from({ length: 8 }, (_, k) => (k % 2 === cls ? 1 : 0.2) + 0.1 * Math.sin(i + k)),
      );
      y.push(cls);
    }
    const d = datasets.make(x, y);
    const grads = (method: "adjoint" | "parameter-shift") => {
      for (const c of model.shadows) c.gradMethod = method;
      for (const p of model.parameters()) p.grad = null;
      crossEntropy(model.forward(d.x), y).backward();
      return Array.from(model.parameters()[0]!.grad!.data);
    };
    const a = grads("adjoint");
    grads("parameter-shift").forEach((g, i) => {
      expect(g).toBeCloseTo(a[i]!, 8);
    });
    for (const c of model.shadows) c.gradMethod = "adjoint";
    const r = fitModel(model, d, { epochs: 40, seed: 1 });
    expect(r.history[39]!.accuracy).toBeGreaterThan(0.9);
  });

  it("VSQL on the bundled 8x8 digits, 0 versus 1 (Paddle's VSQL task on 6 amplitude-encoded qubits)", () => {
    const d = datasets.digits();
    const idx = [...Array(d.nSamples).keys()].filter((i) => d.y[i]! < 2);
    const x = idx.map((i) => Array.from(d.x.data.subarray(64 * i, 64 * i + 64)));
    const pair = datasets.make(
      x,
      idx.map((i) => d.y[i]!),
    );
    const { train, test } = datasets.trainTestSplit(pair, { stratify: true, seed: 1 });
    const model = new VSQL({ nQubits: 6, nFeatures: 64, seed: 1 });
    const r = fitModel(model, train, { epochs: 30, validation: test, seed: 1, batchSize: 64 });
    expect(r.history[29]!.valAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});
