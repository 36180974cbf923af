import { describe, expect, it } from "vitest";
import {
  crossEntropy,
  datasets,
  fit as fitModel,
  noGrad,
  predictedClasses,
  VariationalClassifier,
} from "../../src/index.js";

describe("classifiers", () => {
  it("data re-uploading reads the same columns each layer; its gradient matches parameter shift", () => {
    const clf = new VariationalClassifier({ nQubits: 2, nFeatures: 2, layers: 3, seed: 2 });
    expect(clf.circuit.featureCount).toBe(2);
    const d = datasets.circle(6, { seed: 1 });
    const grads = (method: "adjoint" | "parameter-shift") => {
      clf.circuit.gradMethod = method;
      for (const p of clf.parameters()) p.grad = null;
      crossEntropy(clf.forward(d.x), Array.from(d.y)).backward();
      return clf.parameters().flatMap((p) => Array.from(p.grad!.data));
    };
    const adjoint = grads("adjoint");
    const shift = grads("parameter-shift");
    adjoint.forEach((g, i) => {
      expect(g).toBeCloseTo(shift[i]!, 8);
    });
  });

  it("a re-uploading classifier learns the circle", () => {
    const { train, test } = datasets.trainTestSplit(datasets.circle(200, { seed: 1 }), { seed: 1 });
    const clf = new VariationalClassifier({ nQubits: 2, nFeatures: 2, layers: 4, seed: 1 });
    fitModel(clf, train, { epochs: 60, seed: 1 });
    const pred = predictedClasses(noGrad(() => clf.forward(test.x)));
    const acc = pred.filter((p, i) => p === test.y[i]).length / test.nSamples;
    expect(acc).toBeGreaterThan(0.85);
  });
});
