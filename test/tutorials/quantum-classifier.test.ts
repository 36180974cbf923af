import { describe, expect, it } from "vitest";
import * as classifier from "../../tutorials/quantum-classifier.js";
import { runQuick } from "./helpers.js";

describe("tutorial quantum-classifier", () => {
  it("classifies circle data with >= 95% test accuracy and draws the boundary as a heatmap", async () => {
    const { result } = await runQuick(classifier);
    const n = result.numbers as { testAccuracy: number; losses: number[] };
    expect(n.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(n.losses[n.losses.length - 1]!).toBeLessThan(n.losses[0]!);
    const figures = result.report.sections.flatMap((s) => s.figures ?? []);
    const heatmap = figures.flatMap((f) => f.data).find((d) => d.type === "heatmap") as
      | { z: number[][] }
      | undefined;
    expect(heatmap).toBeDefined();
    // p(inside) is high at the centre and low in the corners
    const z = heatmap!.z;
    const mid = Math.floor(z.length / 2);
    expect(z[mid]![mid]!).toBeGreaterThan(0.5);
    expect(z[0]![0]!).toBeLessThan(0.5);
  });
});
