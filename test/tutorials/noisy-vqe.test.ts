import { describe, expect, it } from "vitest";
import * as noisyVqe from "../../tutorials/noisy-vqe.js";
import * as vqeH2 from "../../tutorials/vqe-h2.js";
import { axisTitle, reportFigures } from "../viz/figure-labels.js";
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
    // total energies: the electronic -1.857275 Ha plus the nuclear repulsion 0.719969 Ha
    expect(n.exact).toBeCloseTo(-1.137306, 5);
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

  it("reports total energies, the same as vqe-h2's FCI (nuclear repulsion included)", async () => {
    const noisy = (await runQuick(noisyVqe)).result;
    const h2 = (await runQuick(vqeH2)).result;
    const n = noisy.numbers as { exact: number; nuclearRepulsion: number };
    const fci = (h2.numbers as { fci: number }).fci;
    expect(Math.abs(n.exact - fci)).toBeLessThan(1e-6);
    expect(n.nuclearRepulsion).toBeCloseTo(0.7199689944, 9);
    for (const f of reportFigures(noisy.report)) expect(axisTitle(f, "yaxis")).toMatch(/\(Ha\)$/);
  });
});
