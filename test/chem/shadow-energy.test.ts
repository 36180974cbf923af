/** shadowEnergy: the H2 ground-state energy (with nuclear repulsion) from shadows, against FCI. */
import { describe, expect, it } from "vitest";
import { vqe } from "../../src/chem/groundstate.js";
import { Molecule } from "../../src/chem/molecule.js";
import { electronicProblem } from "../../src/chem/problem.js";
import { shadowEnergy } from "../../src/chem/shadow-energy.js";
import { State } from "../../src/quantum/state/state.js";
import { loadReference } from "../reference/load.js";

const ref = loadReference("h2-sto3g-0.735-integrals.json") as { e_fci: number };

describe("shadowEnergy", () => {
  it("estimates the H2 FCI energy (STO-3G, 0.735 A) within its interval", () => {
    const problem = electronicProblem(
      Molecule.fromGeometry("H 0 0 0; H 0 0 0.735", { basis: "sto-3g" }),
    );
    const ground = problem.hamiltonian.groundState();
    expect(ground.energy).toBeCloseTo(ref.e_fci, 8);
    for (const sampling of ["uniform", "lbcs"] as const) {
      const e = shadowEnergy(problem, ground.state, {
        snapshots: 20000,
        seed: 5,
        sampling,
        confidence: 0.999,
      });
      expect(e.confidenceInterval[0]).toBeLessThan(ref.e_fci);
      expect(e.confidenceInterval[1]).toBeGreaterThan(ref.e_fci);
      expect(e.standardError).toBeLessThan(0.02);
    }
    expect(() => shadowEnergy(problem, State.zero(3), { snapshots: 10 })).toThrow(
      "shadowEnergy: state must be a State of the problem's 4 qubits, got 3 qubits",
    );
  });

  it("vqe's shadow option estimates the final state's energy with an interval around the exact one", () => {
    const r = vqe(Molecule.fromName("h2"), {
      shadow: { snapshots: 20000, seed: 2, sampling: "lbcs", confidence: 0.999 },
    });
    const e = r.shadowEnergy!;
    expect(e.snapshots).toBe(20000);
    expect(e.confidenceInterval[0]).toBeLessThan(r.vqeEnergy!);
    expect(e.confidenceInterval[1]).toBeGreaterThan(r.vqeEnergy!);
    expect(vqe(Molecule.fromName("h2"), { method: "fci" }).shadowEnergy).toBeUndefined();
    // checked before any work
    expect(() => vqe(Molecule.fromName("h2"), { shadow: { snapshots: 0 } })).toThrow(
      "vqe: shadow: snapshots must be a positive integer, got 0",
    );
  });
});
