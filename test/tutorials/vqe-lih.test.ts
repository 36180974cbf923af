import { describe, expect, it } from "vitest";
import { meta, run } from "../../tutorials/vqe-lih.js";
import { axisTitle, figureLabelProblems, reportFigures } from "../viz/figure-labels.js";

const quiet = { log: () => {}, progress: () => {} };

describe("tutorial vqe-lih", () => {
  it("quick mode reaches FCI to 1e-4 Ha with 12 qubits", async () => {
    const result = await run({ quick: true, seed: 1, ...quiet });
    expect(figureLabelProblems(reportFigures(result.report))).toEqual([]);
    for (const f of reportFigures(result.report)) expect(axisTitle(f, "yaxis")).toMatch(/\(Ha\)$/);
    expect(meta.name).toBe("vqe-lih");
    expect(result.headline.pass).toBe(true);
    expect(result.headline.value).toBeLessThanOrEqual(1e-4);
    const runs = result.numbers.runs as { qubits: number; error: number }[];
    expect(runs[0]!.qubits).toBe(12);
    expect(runs.every((r) => r.error > -1e-9 && r.error < 1e-4)).toBe(true);
  }, 30000);
});
