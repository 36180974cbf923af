import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/locc-teleportation.js";
import { runQuick } from "./helpers.js";

describe("tutorial locc-teleportation", () => {
  it("teleports u3(1.1, 0.7, -0.4)|0> exactly in all four branches, and learned corrections teleport unseen states", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      namedInputBloch: number[];
      namedBranches: { outcome: string; probability: number; bloch: number[] }[];
      worstTextbookInfidelity: number;
      uncorrectedFidelity: number[];
      learnedFidelity: number[];
    };
    // the input's Bloch vector from the u3 matrix: (sin t cos p, sin t sin p, cos t)
    const [t, p] = [1.1, 0.7];
    const want = [Math.sin(t) * Math.cos(p), Math.sin(t) * Math.sin(p), Math.cos(t)];
    n.namedInputBloch.forEach((x, k) => {
      expect(Math.abs(x - want[k]!)).toBeLessThan(1e-12);
    });
    expect(n.namedBranches.map((b) => b.outcome)).toEqual(["00", "01", "10", "11"]);
    for (const b of n.namedBranches) {
      expect(Math.abs(b.probability - 0.25)).toBeLessThan(1e-12);
      b.bloch.forEach((x, k) => {
        expect(Math.abs(x - want[k]!)).toBeLessThan(1e-12);
      });
    }
    expect(n.worstTextbookInfidelity).toBeLessThan(1e-12);
    // without Bob's correction the branches average to I/2: fidelity 1/2 for every input
    for (const f of n.uncorrectedFidelity) expect(Math.abs(f - 0.5)).toBeLessThan(1e-12);
    for (const f of n.learnedFidelity) expect(f).toBeGreaterThan(0.995);
  });
});
