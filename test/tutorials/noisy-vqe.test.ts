import { describe, expect, it } from "vitest";
import * as noisyVqe from "../../tutorials/noisy-vqe.js";
import { runQuick } from "./helpers.js";

describe("tutorial noisy-vqe", () => {
  it("reaches the exact energy without noise, and the optimized energy rises with noise", async () => {
    const { result } = await runQuick(noisyVqe);
    const n = result.numbers as {
      exact: number;
      strengths: number[];
      energies: number[];
      zeroNoiseExtrapolation: number;
    };
    expect(n.exact).toBeCloseTo(-1.857275, 5);
    expect(Math.abs(n.energies[0]! - n.exact)).toBeLessThan(1e-6);
    for (let i = 1; i < n.energies.length; i++)
      expect(n.energies[i]!).toBeGreaterThan(n.energies[i - 1]!);
    // the variational principle holds for mixed states too
    for (const e of n.energies) expect(e).toBeGreaterThanOrEqual(n.exact - 1e-9);
    // extrapolation to zero noise improves on the weakest noisy run
    expect(Math.abs(n.zeroNoiseExtrapolation - n.exact)).toBeLessThan(
      Math.abs(n.energies[1]! - n.exact),
    );
  });
});
