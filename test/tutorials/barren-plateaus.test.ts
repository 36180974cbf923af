import { describe, expect, it } from "vitest";
import * as bp from "../../tutorials/barren-plateaus.js";
import { runQuick } from "./helpers.js";

describe("tutorial barren-plateaus", () => {
  it("shows the gradient variance decaying exponentially with the qubit count", async () => {
    const { result } = await runQuick(bp);
    const n = result.numbers as { qubits: number[]; variances: number[]; fit: { base: number } };
    expect(n.qubits[0]).toBe(2);
    // the variance at the largest n is far below the one at n = 2
    expect(n.variances[n.variances.length - 1]!).toBeLessThan(n.variances[0]! / 10);
    expect(n.fit.base).toBeGreaterThan(1.5);
    const fig = result.report.sections[0]!.figures![0]!;
    expect((fig.layout as { yaxis: { type: string } }).yaxis.type).toBe("log");
  });
});
