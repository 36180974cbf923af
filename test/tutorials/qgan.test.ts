import { describe, expect, it } from "vitest";
import * as qgan from "../../tutorials/qgan.js";
import { runQuick } from "./helpers.js";

describe("tutorial qgan", () => {
  it("learns the target state to fidelity >= 0.999", async () => {
    const { result } = await runQuick(qgan);
    const n = result.numbers as { fidelities: number[]; advantage: number[] };
    const last = n.fidelities[n.fidelities.length - 1]!;
    expect(last).toBeGreaterThanOrEqual(0.999);
    expect(last).toBeLessThanOrEqual(1 + 1e-12);
    expect(n.fidelities[0]!).toBeLessThan(0.9); // it started far from the target
    // the discriminator's advantage lower-bounds the trace distance sqrt(1 - F) of pure states
    const td = Math.sqrt(Math.max(0, 1 - n.fidelities[n.fidelities.length - 2]!));
    expect(n.advantage[n.advantage.length - 1]!).toBeLessThanOrEqual(td + 1e-6);
  });
});
