import { describe, expect, it } from "vitest";
import { meta, run } from "../../tutorials/gibbs-state.js";
import { figureLabelProblems, reportFigures } from "../viz/figure-labels.js";

const quiet = { log: () => {}, progress: () => {} };

describe("tutorial gibbs-state", () => {
  it("quick mode reaches fidelity >= 0.99 with the exact Gibbs state", async () => {
    const result = await run({ quick: true, seed: 1, ...quiet });
    expect(figureLabelProblems(reportFigures(result.report))).toEqual([]);
    expect(meta.name).toBe("gibbs-state");
    expect(result.headline.value).toBeGreaterThanOrEqual(0.99);
    expect(result.headline.pass).toBe(true);
    // a state of rank 2 (one ancilla) can't beat the best rank-2 fidelity by more than noise
    expect(result.headline.value).toBeLessThanOrEqual((result.numbers.rankLimit as number) + 1e-6);
  }, 30000);
});
