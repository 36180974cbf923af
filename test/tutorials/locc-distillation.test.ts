import { describe, expect, it } from "vitest";
import { bbpsswFormula, dejmpsFormula } from "../../tutorials/locc/protocols.js";
import * as tutorial from "../../tutorials/locc-distillation.js";
import { runQuick } from "./helpers.js";

describe("tutorial locc-distillation", () => {
  it("reproduces the BBPSSW and DEJMPS formulas to 1e-10, and distillation raises the fidelity above 1/2", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      fidelities: number[];
      bbpssw: {
        isotropic: { fidelity: number[]; probability: number[] };
        singletWerner: { fidelity: number[]; probability: number[] };
      };
      bbpsswMaxDeviation: number;
      dejmpsMaxDeviation: number;
      dejmpsRounds: { fidelity: number[] };
    };
    expect(n.bbpsswMaxDeviation).toBeLessThan(1e-10);
    expect(n.dejmpsMaxDeviation).toBeLessThan(1e-10);
    n.fidelities.forEach((F, i) => {
      // the simulated values against the formula, recomputed here
      const f = bbpsswFormula(F);
      for (const form of [n.bbpssw.isotropic, n.bbpssw.singletWerner]) {
        expect(Math.abs(form.fidelity[i]! - f.fidelity)).toBeLessThan(1e-10);
        expect(Math.abs(form.probability[i]! - f.probability)).toBeLessThan(1e-10);
      }
      if (F > 0.5 && F < 1) expect(n.bbpssw.isotropic.fidelity[i]!).toBeGreaterThan(F);
    });
    // nested DEJMPS from F = 0.775 reaches 0.9248 after two rounds (Paddle Quantum's yardstick)
    expect(n.dejmpsRounds.fidelity[2]!).toBeCloseTo(0.9248, 4);
    for (let k = 1; k < n.dejmpsRounds.fidelity.length; k++)
      expect(n.dejmpsRounds.fidelity[k]!).toBeGreaterThan(n.dejmpsRounds.fidelity[k - 1]!);
  });

  it("the formulas themselves: BBPSSW fixes F = 1/2 and F = 1; DEJMPS on a Werner pair equals BBPSSW", () => {
    expect(bbpsswFormula(0.5).fidelity).toBeCloseTo(0.5, 14);
    expect(bbpsswFormula(1).fidelity).toBe(1);
    const F = 0.8;
    const q = (1 - F) / 3;
    const d = dejmpsFormula([F, q, q, q]);
    expect(Math.abs(d.coefficients[0] - bbpsswFormula(F).fidelity)).toBeLessThan(1e-15);
    expect(Math.abs(d.probability - bbpsswFormula(F).probability)).toBeLessThan(1e-15);
  });
});
