import { describe, expect, it } from "vitest";
import * as qng from "../../tutorials/qng-vqe-h2.js";
import { runQuick } from "./helpers.js";

describe("tutorial qng-vqe-h2", () => {
  it("QNG reaches the H2 ground energy to 1e-6 Ha in fewer iterations than gradient descent", async () => {
    const { result } = await runQuick(qng);
    const n = result.numbers as {
      fci: number;
      methods: {
        name: string;
        reached: boolean;
        iterations: number;
        parameters: number;
        finalEnergy: number;
      }[];
    };
    const [full, block, gd] = n.methods;
    expect(full!.parameters).toBeGreaterThanOrEqual(8);
    expect(full!.reached).toBe(true);
    expect(Math.abs(full!.finalEnergy - n.fci)).toBeLessThanOrEqual(1e-6);
    expect(n.fci).toBeCloseTo(-1.137306, 6);
    // gradient descent, same step size, needs many more iterations (or does not get there)
    expect(full!.iterations).toBeLessThan(gd!.iterations);
    expect(block!.iterations).toBeLessThan(gd!.iterations);
  });
});
