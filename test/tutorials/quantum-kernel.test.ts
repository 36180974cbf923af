import { describe, expect, it } from "vitest";
import * as kernel from "../../tutorials/quantum-kernel.js";
import { runQuick } from "./helpers.js";

describe("tutorial quantum-kernel", () => {
  it("SVMs on IQP kernels classify two moons: projected >= 90% test accuracy, fidelity > 80%", async () => {
    const { result } = await runQuick(kernel);
    const n = result.numbers as Record<string, number>;
    expect(n.projectedTestAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(n.fidelityTestAccuracy).toBeGreaterThan(0.8);
    expect(n.supportVectors).toBeLessThan(n.trainPoints!);
  });
});
