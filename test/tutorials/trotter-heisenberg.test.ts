import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/trotter-heisenberg.js";
import { runQuick } from "./helpers.js";

describe("tutorial trotter-heisenberg", () => {
  it("shows infidelity ~ steps^-2p for Trotter orders 1, 2 and 4, with titled, labelled log-log plots", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as { fittedExponents: number[]; infidelity: Record<number, number[]> };
    for (const [i, p] of [1, 2, 4].entries()) {
      expect(Math.abs(n.fittedExponents[i]! + 2 * p)).toBeLessThan(0.3);
    }
    // at every step count a higher order is more accurate
    n.infidelity[1]!.forEach((e1, i) => {
      expect(n.infidelity[2]![i]!).toBeLessThan(e1);
      expect(n.infidelity[4]![i]!).toBeLessThan(n.infidelity[2]![i]!);
    });
    const figs = result.report.sections.flatMap((s) => s.figures ?? []);
    for (const f of figs) {
      const layout = f.layout as {
        title: { text: string };
        xaxis: { title: { text: string } };
        yaxis: { title: { text: string } };
      };
      expect(layout.title.text.length).toBeGreaterThan(0);
      expect(layout.xaxis.title.text).toMatch(/\(.+\)/);
      expect(layout.yaxis.title.text).toMatch(/\(.+\)/);
    }
  });
});
