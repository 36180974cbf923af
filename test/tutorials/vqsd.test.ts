import { describe, expect, it } from "vitest";
import { randomUnitary, reducedState, stateFidelity } from "../../src/qinfo/index.js";
import { dagger, fromRows, matmul } from "../../src/quantum/linalg.js";
import { meta, purification, run, SPECTRUM } from "../../tutorials/vqsd.js";
import { figureLabelProblems, reportFigures } from "../viz/figure-labels.js";

const quiet = { log: () => {}, progress: () => {} };

describe("tutorial vqsd", () => {
  it("the purification's reduced state is V diag(p) V^dagger", () => {
    const v = randomUnitary(2, { seed: 3 });
    const diag = fromRows(SPECTRUM.map((x, i) => SPECTRUM.map((_, j) => (i === j ? x : 0))));
    const rho = matmul(matmul(v, diag), dagger(v));
    expect(stateFidelity(reducedState(purification(v, SPECTRUM), [0, 1]), rho).item()).toBeCloseTo(
      1,
      7,
    );
  });

  it("quick mode recovers the spectrum to the quick target", async () => {
    const result = await run({ quick: true, seed: 1, ...quiet });
    expect(figureLabelProblems(reportFigures(result.report))).toEqual([]);
    expect(meta.name).toBe("vqsd");
    expect(result.headline.value).toBeLessThanOrEqual(1e-2);
    expect(result.headline.pass).toBe(true);
    const learned = result.numbers.learned as number[];
    expect(learned.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
  }, 30000);
});
