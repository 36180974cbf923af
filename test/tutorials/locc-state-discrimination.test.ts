import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/locc-state-discrimination.js";
import { runQuick } from "./helpers.js";

describe("tutorial locc-state-discrimination", () => {
  it("distinguishes two random orthogonal states by LOCC (>= 0.999), better than without Alice's message", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      overlapSquared: number;
      success: number;
      successWithoutMessage: number;
      errorHistory: number[];
    };
    expect(n.overlapSquared).toBeLessThan(1e-15);
    expect(n.success).toBeGreaterThanOrEqual(0.999);
    expect(n.success).toBeLessThanOrEqual(1 + 1e-12);
    expect(n.successWithoutMessage).toBeLessThan(n.success - 0.01);
    // the first error is that of random gates, well above the trained one
    expect(n.errorHistory[0]!).toBeGreaterThan(10 * (1 - n.success));
  });
});
