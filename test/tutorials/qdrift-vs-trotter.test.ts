import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/qdrift-vs-trotter.js";
import { runQuick } from "./helpers.js";

describe("tutorial qdrift-vs-trotter", () => {
  it("shows QDRIFT ahead at one Trotter step's budget and behind Trotter-2 at the largest, under its bound", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      budgets: number[];
      qdrift: number[];
      bound: number[];
      trotter1: (number | null)[];
    };
    // QDRIFT's mean infidelity falls with the budget and stays under lambda^2 t^2 / G
    for (let i = 1; i < n.qdrift.length; i++) expect(n.qdrift[i]!).toBeLessThan(n.qdrift[i - 1]!);
    for (const [i, q] of n.qdrift.entries()) expect(q).toBeLessThan(n.bound[i]!);
    // no first-order Trotter step fits below G = L
    expect(n.trotter1[0]).toBeNull();
    const layout = result.report.sections[0]!.figures![0]!.layout as {
      xaxis: { title: { text: string }; type: string };
    };
    expect(layout.xaxis.type).toBe("log");
    expect(layout.xaxis.title.text).toContain("(count)");
  });
});
