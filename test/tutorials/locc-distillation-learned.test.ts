import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/locc-distillation-learned.js";
import { runQuick } from "./helpers.js";

describe("tutorial locc-distillation-learned", () => {
  it("learns a 4 -> 1 protocol for isotropic pairs (p = 0.7) whose kept pair beats nested DEJMPS", async () => {
    const { result, progressCalls } = await runQuick(tutorial);
    const n = result.numbers as {
      inputFidelity: number;
      dejmps: { fidelity: number; probability: number };
      learned: { fidelity: number; probability: number };
      history: number[];
      finals: number[];
      steps: number;
    };
    expect(n.inputFidelity).toBeCloseTo(0.775, 12);
    expect(n.dejmps.fidelity).toBeCloseTo(0.9248, 4);
    expect(n.learned.fidelity).toBeGreaterThan(n.dejmps.fidelity);
    // a protocol, not a lucky post-selection: it keeps a sizeable share of the runs
    expect(n.learned.probability).toBeGreaterThan(0.3);
    expect(n.learned.probability).toBeLessThanOrEqual(1);
    expect(n.history[n.history.length - 1]!).toBeGreaterThan(n.history[0]!);
    expect(n.history.length).toBe(n.steps);
    expect(n.finals).toEqual([n.learned.fidelity]); // quick mode: one start
    expect(progressCalls).toBe(n.steps);
  });
});
