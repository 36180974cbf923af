import { describe, expect, it } from "vitest";
import { meta, run } from "../../tutorials/h2-dissociation.js";
import { axisTitle, figureLabelProblems, reportFigures } from "../viz/figure-labels.js";

const quiet = { log: () => {}, progress: () => {} };

describe("tutorial h2-dissociation", () => {
  it("quick mode follows FCI along the curve, and RHF dissociates wrongly", async () => {
    const result = await run({ quick: true, seed: 1, ...quiet });
    expect(figureLabelProblems(reportFigures(result.report))).toEqual([]);
    for (const f of reportFigures(result.report)) expect(axisTitle(f, "yaxis")).toMatch(/\(Ha\)$/);
    expect(meta.name).toBe("h2-dissociation");
    expect(result.headline.pass).toBe(true);
    const n = result.numbers as { bondLengths: number[]; hartreeFock: number[]; fci: number[] };
    const last = n.bondLengths.length - 1;
    expect(n.hartreeFock[last]! - n.fci[last]!).toBeGreaterThan(0.2);
    // the figure carries the three curves
    const fig = result.report.sections[0]!.figures![0]!;
    expect(fig.data.map((t) => t.name)).toEqual(["Hartree-Fock", "UCCSD-VQE", "FCI"]);
  }, 30000);
});
