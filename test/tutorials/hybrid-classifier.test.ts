import { describe, expect, it } from "vitest";
import * as hybrid from "../../tutorials/hybrid-classifier.js";
import { runQuick } from "./helpers.js";

describe("tutorial hybrid-classifier", () => {
  it("trains classical and quantum layers together on Iris to >= 90% test accuracy", async () => {
    const { result } = await runQuick(hybrid);
    const n = result.numbers as {
      test: number;
      testAccuracy: number;
      trainLoss: number[];
      confusion: number[][];
    };
    expect(n.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(n.trainLoss[n.trainLoss.length - 1]!).toBeLessThan(n.trainLoss[0]! / 3);
    // the confusion matrix agrees with the accuracy
    const total = n.confusion.flat().reduce((s, v) => s + v, 0);
    const diag = n.confusion.reduce((s, row, i) => s + row[i]!, 0);
    expect(total).toBe(n.test);
    expect(diag / total).toBeCloseTo(n.testAccuracy, 12);
  });
});
