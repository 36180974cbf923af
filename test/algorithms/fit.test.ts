import { describe, expect, it } from "vitest";
import {
  ArgumentError,
  crossEntropy,
  datasets,
  fit as fitModel,
  LBFGS,
  Linear,
  noGrad,
  SGD,
  ShapeError,
  SPSA,
} from "../../src/index.js";

const blobs = (seed: number) => {
  const d = datasets.xor(120, { seed });
  // a linearly separable relabelling of the same points: class = (x0 > 0)
  const y = Array.from({ length: d.nSamples }, (_, i) => (d.x.data[2 * i]! > 0 ? 1 : 0));
  return datasets.make(d.x, y);
};

describe("fit", () => {
  it("trains a linear model; the same seed gives the same history, batches change it", () => {
    const data = blobs(1);
    const run = (seed: number, batchSize: number) => {
      const model = new Linear(2, 2, { seed: 7 });
      return fitModel(model, data, {
        epochs: 15,
        batchSize,
        seed,
        optimizer: (p) => new SGD(p, { lr: 0.5 }),
      });
    };
    const a = run(1, 16);
    expect(a.history).toHaveLength(15);
    expect(a.history[14]!.loss).toBeLessThan(a.history[0]!.loss / 2);
    expect(a.history[14]!.accuracy).toBeGreaterThan(0.95);
    expect(run(1, 16).history).toEqual(a.history);
    expect(run(2, 16).history).not.toEqual(a.history);
  });

  it("the recorded loss is the model's cross-entropy; early stopping restores the best epoch", () => {
    const { train, test } = datasets.trainTestSplit(blobs(2), { seed: 3 });
    const model = new Linear(2, 2, { seed: 1 });
    // a learning rate far too large makes the validation loss bounce, so it stops early
    const r = fitModel(model, train, {
      epochs: 200,
      validation: test,
      optimizer: (p) => new SGD(p, { lr: 30 }),
      earlyStopping: { patience: 3 },
    });
    expect(r.stopped).toBe(true);
    expect(r.history.length).toBe(r.bestEpoch + 3);
    const after = noGrad(() => crossEntropy(model.forward(test.x), Array.from(test.y))).item();
    expect(after).toBeCloseTo(r.history[r.bestEpoch - 1]!.valLoss!, 12);
    expect(after).toBeCloseTo(r.bestLoss, 12);
  });

  it("reports progress once per epoch and stops when onEpoch says so", () => {
    const calls: [number, number][] = [];
    const r = fitModel(new Linear(2, 2, { seed: 1 }), blobs(3), {
      epochs: 10,
      progress: { update: (s, t) => calls.push([s, t]) },
      onEpoch: (e) => (e.epoch === 4 ? "stop" : undefined),
    });
    expect(r.history).toHaveLength(4);
    expect(calls.slice(0, 4)).toEqual([1, 2, 3, 4].map((s) => [s, 10]));
  });

  it("steps gradient-free (SPSA) and quasi-Newton (L-BFGS) optimizers through the same closure", () => {
    const data = blobs(5);
    const spsa = fitModel(new Linear(2, 2, { seed: 2 }), data, {
      epochs: 40,
      optimizer: (p) => new SPSA(p, { lr: 0.5, seed: 1 }),
    });
    expect(spsa.history[39]!.loss).toBeLessThan(spsa.history[0]!.loss * 0.8);
    const lbfgs = fitModel(new Linear(2, 2, { seed: 2 }), data, {
      epochs: 3,
      optimizer: (p) => new LBFGS(p),
    });
    expect(lbfgs.history[2]!.loss).toBeLessThan(lbfgs.history[0]!.loss / 2);
    expect(lbfgs.history[2]!.accuracy).toBeGreaterThan(0.95);
  });

  it("refuses bad arguments clearly", () => {
    const d = blobs(4);
    expect(() => fitModel({} as never, d)).toThrow(ArgumentError);
    expect(() => fitModel(new Linear(2, 2), d, { epochs: 0 })).toThrow(
      "fit: epochs must be a positive integer, got 0",
    );
    expect(() => fitModel(new Linear(2, 3), d, { epochs: 1 })).toThrow(ShapeError);
    const other = datasets.make([[1, 2, 3]], [0]);
    expect(() => fitModel(new Linear(2, 2), d, { validation: other })).toThrow(
      "fit: validation has 3 features, the training data 2",
    );
  });
});
