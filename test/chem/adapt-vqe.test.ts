import { describe, expect, it } from "vitest";
import { adaptVQE } from "../../src/chem/adapt-vqe.js";
import { Molecule } from "../../src/chem/molecule.js";
import { ArgumentError } from "../../src/errors.js";
import { fciRecords } from "./qc-reference.js";

// Psi4's FCI of the H4 chain (d = 1.0 A, STO-3G) is the yardstick, not our own FCI
const h4 = fciRecords().find((r) => r.name === "H4 chain d=1.0")!;

describe("ADAPT-VQE", () => {
  for (const pool of ["fermionic", "qubit"] as const) {
    it(`reaches Psi4's FCI of H4 to 1e-6 Ha with fewer amplitudes than UCCSD (${pool} pool)`, () => {
      const lines: string[] = [];
      const r = adaptVQE(Molecule.fromName("h4"), {
        pool,
        gradientThreshold: 1e-4,
        progress: (l) => lines.push(l),
      });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.energy - h4.e_fci!)).toBeLessThan(1e-6);
      expect(Math.abs(r.error!)).toBeLessThan(1e-6);
      expect(r.uccsdParameters).toBe(26); // 8 singles, 18 doubles
      expect(r.nParameters).toBeLessThan(r.uccsdParameters);
      expect(r.operators).toHaveLength(r.nParameters);
      expect(lines).toHaveLength(r.rounds.length);
      // energies fall round by round; the screening norm ends below the threshold
      for (let i = 1; i < r.rounds.length; i++)
        expect(r.rounds[i]!.energy).toBeLessThanOrEqual(r.rounds[i - 1]!.energy + 1e-12);
      expect(r.finalGradientNorm).toBeLessThan(1e-4);
      expect(r.rounds[0]!.energy).toBeLessThan(r.hfEnergy);
    });
  }

  it("stalls above FCI with the Hartree-Fock pool (why the default pool is generalized)", () => {
    const r = adaptVQE(Molecule.fromName("h4"), { poolSpan: "hf", gradientThreshold: 1e-4 });
    expect(r.poolSize).toBe(26);
    expect(r.error!).toBeGreaterThan(1e-5);
  });

  it("stops at maxOperators unconverged and validates its options", () => {
    const r = adaptVQE(Molecule.fromName("h2"), { maxOperators: 1, gradientThreshold: 1e-12 });
    expect(r.nParameters).toBe(1);
    // H2: the one double excitation is exact, so the next screening finds nothing left
    expect(Math.abs(r.error!)).toBeLessThan(1e-9);
    const mol = Molecule.fromName("h2");
    expect(() => adaptVQE(mol, { gradientThreshold: 0 })).toThrow(ArgumentError);
    expect(() => adaptVQE(mol, { maxOperators: 1.5 })).toThrow(/maxOperators/);
    expect(() => adaptVQE(mol, { pool: "bosonic" as "qubit" })).toThrow(/fermionic/);
    expect(() => adaptVQE(mol, { pool: "qubit", mapping: "bk" })).toThrow(/Jordan-Wigner/);
    expect(() => adaptVQE(mol, { treshold: 1 } as never)).toThrow(/gradientThreshold/);
  });
});
