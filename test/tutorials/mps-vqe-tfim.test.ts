import { describe, expect, it } from "vitest";
import { chainLattice, transverseFieldIsing } from "../../src/index.js";
import * as tutorial from "../../tutorials/mps-vqe-tfim.js";
import { freeFermionEnergy } from "../../tutorials/mps-vqe-tfim.js";
import { runQuick } from "./helpers.js";

describe("tutorial mps-vqe-tfim", () => {
  it("the free-fermion energy is the exact ground energy of the open critical chain", () => {
    for (const n of [4, 7]) {
      const exact = transverseFieldIsing(chainLattice(n), { J: 1, h: 1 }).groundState({
        seed: 1,
      }).energy;
      expect(freeFermionEnergy(n)).toBeCloseTo(exact, 10);
    }
  });

  it("trains a VQE on matrix product states, and runs GHZ and QAOA at 100 qubits exactly", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      relError: number;
      entropies: number[];
      trace: number[];
      ghz: { p0: number; p1: number; counts: Record<string, number>; error: number };
      qaoa: { mps: number[]; formula: number[]; error: number };
    };
    expect(n.relError).toBeLessThanOrEqual(1e-3);
    // the energy went down, and the trained state is entangled across every cut
    expect(n.trace[n.trace.length - 1]!).toBeLessThan(n.trace[0]!);
    expect(Math.min(...n.entropies)).toBeGreaterThan(0);
    expect(n.ghz.p0).toBeCloseTo(0.5, 12);
    expect(n.ghz.p1).toBeCloseTo(0.5, 12);
    expect(Object.keys(n.ghz.counts).sort()).toEqual(["0".repeat(100), "1".repeat(100)]);
    n.qaoa.mps.forEach((x, i) => {
      expect(x).toBeCloseTo(n.qaoa.formula[i]!, 10);
    });
  }, 120_000);
});
