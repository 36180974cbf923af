import { describe, expect, it } from "vitest";
import { Molecule } from "../../../src/chem/molecule.js";
import { runSCF } from "../../../src/chem/scf.js";
import { ArgumentError } from "../../../src/errors.js";
import { loadReference } from "../../reference/load.js";

interface DFRecord {
  molecule: string;
  basis: string;
  auxiliary: string;
  exact: number;
  df: number;
}

const records = Object.values(loadReference("df-scf.json")) as DFRecord[];
const tight = { energyTolerance: 1e-11, gradientTolerance: 1e-9 };

describe("density-fitted SCF (RI-J, RI-K)", () => {
  it.each(records.map((r) => [`${r.molecule}/${r.basis}/${r.auxiliary}`, r] as const))(
    "%s: the DF energy matches Psi4's scf_type df to 1e-8 Ha; exact-integral error reported",
    (_, r) => {
      const mol = Molecule.fromName(r.molecule, { basis: r.basis });
      const df = runSCF(mol, { densityFitting: r.auxiliary, ...tight });
      const exact = runSCF(mol, tight);
      expect(df.twoElectron).toBe("density-fitting");
      expect(exact.twoElectron).not.toBe("density-fitting");
      expect(Math.abs(df.energy - r.df)).toBeLessThan(1e-8);
      expect(Math.abs(exact.energy - r.exact)).toBeLessThan(1e-8);
      // the fitting error itself: Psi4's and ours agree, and it is small (about 1e-5 Ha per atom)
      const perAtom = Math.abs(df.energy - exact.energy) / mol.atoms.length;
      expect(Math.abs(df.energy - exact.energy - (r.df - r.exact))).toBeLessThan(1e-8);
      expect(perAtom).toBeLessThan(2e-5);
    },
  );

  it("densityFitting: true picks cc-pvdz-jkfit for cc-pvdz", () => {
    const mol = Molecule.fromName("h2o", { basis: "cc-pvdz" });
    const r = records.find((x) => x.basis === "cc-pvdz" && x.molecule === "h2o")!;
    expect(Math.abs(runSCF(mol, { densityFitting: true, ...tight }).energy - r.df)).toBeLessThan(
      1e-8,
    );
  });

  it("an auxiliary basis without functions for an element is an ArgumentError naming it", () => {
    const mol = Molecule.fromName("lih", { basis: "cc-pvdz" });
    expect(() => runSCF(mol, { densityFitting: "cc-pvdz-jkfit" })).toThrow(ArgumentError);
    expect(() => runSCF(mol, { densityFitting: "cc-pvdz-jkfit" })).toThrow(
      /"cc-pvdz-jkfit" has no functions for element Li/,
    );
    expect(() => runSCF(mol, { densityFitting: 3 as unknown as boolean })).toThrow(
      /densityFitting must be true, false or an auxiliary basis name, got 3/,
    );
  });
});
