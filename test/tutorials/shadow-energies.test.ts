import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/shadow-energies.js";
import { runQuick } from "./helpers.js";

describe("tutorial shadow-energies", () => {
  it("shows shadow errors falling as M^-1/2, QWC grouping ahead of uniform shadows, LBCS ahead of uniform on LiH", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      molecules: {
        name: string;
        budgets: number[];
        curves: { name: string; rms: number[]; reportedError?: number[] }[];
      }[];
      slope: number;
    };
    const [h2, lih] = n.molecules;
    expect(h2!.name).toBe("H2");
    // grouping and the non-adaptive shadows get better with more measurements on H2; APS stalls
    // near 0.04 Ha: its bases rarely cover H2's four-qubit XXYY terms, whose means stay unknown
    for (const c of h2!.curves.filter((c) => c.name !== "shadow (APS)"))
      expect(c.rms[c.rms.length - 1]!).toBeLessThan(c.rms[0]! / 4);
    // grouping beats uniform shadows on a molecular Hamiltonian (3^|P| per term)
    const uniform = lih!.curves.find((c) => c.name === "shadow (uniform)")!;
    expect(lih!.curves[0]!.rms[0]!).toBeLessThan(uniform.rms[0]!);
    // LBCS's bases fit the molecular Hamiltonian better than uniform ones
    const lbcs = lih!.curves.find((c) => c.name === "shadow (LBCS)")!;
    expect(lbcs.reportedError![0]!).toBeLessThan(uniform.reportedError![0]!);
    const layout = result.report.sections[0]!.figures![0]!.layout as { xaxis: { type: string } };
    expect(layout.xaxis.type).toBe("log");
  }, 60000);
});
