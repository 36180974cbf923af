import { describe, expect, it } from "vitest";
import { transformToMO } from "../../../src/chem/active-space.js";
import { BasisSet, basisNames, loadBasisData } from "../../../src/chem/basis.js";
import { fci } from "../../../src/chem/fci.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { runSCF } from "../../../src/chem/scf.js";
import { ArgumentError } from "../../../src/errors.js";
import { loadReference } from "../../reference/load.js";

interface BasisRecord {
  name: string;
  basis: string;
  atoms: [string, number, number, number][];
  charge: number;
  multiplicity: number;
  e_nuc: number;
  e_hf: number;
  e_fci?: number;
  nbf: number;
}

const records = loadReference("basis-sets.json").molecules as BasisRecord[];

describe("larger bundled basis sets (6-311G**, aug-cc-pVDZ, def2-SVP, cc-pVTZ)", () => {
  it("are listed, spherical as their files say, and 6-311G(d,p) is 6-311G**", () => {
    const names = basisNames();
    for (const n of ["6-311g**", "6-311g(d,p)", "aug-cc-pvdz", "def2-svp", "cc-pvtz"]) {
      expect(names).toContain(n);
      expect(loadBasisData(n).pure, n).toBe(true);
    }
    expect(loadBasisData("6-311G(d,p)").elements).toEqual(loadBasisData("6-311g**").elements);
    // cc-pVTZ on carbon: 4s3p2d1f; f shells are present and counted as 7 spherical functions
    const c = loadBasisData("cc-pvtz").elements.get("C")!;
    expect(c.map((s) => "spdf"[s.l]).join("")).toBe("sssspppddf");
    expect(new BasisSet(Molecule.fromGeometry("C 0 0 0"), "cc-pvtz").nbf).toBe(4 + 9 + 10 + 7);
  });

  for (const r of records) {
    it(`reproduces Psi4's RHF energy of ${r.name} to 1e-9 Ha (${r.nbf} functions)`, () => {
      const mol = Molecule.fromGeometry(r.atoms, {
        basis: r.basis,
        charge: r.charge,
        multiplicity: r.multiplicity,
      });
      const res = runSCF(mol);
      expect(res.converged).toBe(true);
      expect(res.nbf).toBe(r.nbf);
      expect(Math.abs(res.eNuc - r.e_nuc)).toBeLessThan(1e-9);
      expect(Math.abs(res.energy - r.e_hf)).toBeLessThan(1e-9);
      if (r.e_fci !== undefined) {
        const mo = transformToMO(
          res.integrals.hCore,
          res.integrals.eri,
          res.coefficients,
          res.eNuc,
        );
        const nel = mol.nElectrons / 2;
        expect(Math.abs(fci(mo, { nAlpha: nel, nBeta: nel }).energy - r.e_fci)).toBeLessThan(1e-6);
      }
    });
  }

  it("names the element and the basis when an atom has no functions in it", () => {
    // aug-cc-pVDZ has no K or Ca; def2-SVP is bundled without the ECP elements (Rb and beyond)
    expect(() => new BasisSet(Molecule.fromGeometry("K 0 0 0; H 0 0 2.2"), "aug-cc-pvdz")).toThrow(
      ArgumentError,
    );
    expect(() => new BasisSet(Molecule.fromGeometry("K 0 0 0; H 0 0 2.2"), "aug-cc-pvdz")).toThrow(
      /"aug-cc-pvdz" has no functions for element K/,
    );
    expect(
      () => new BasisSet(Molecule.fromGeometry("Rb 0 0 0; H 0 0 2.4", { charge: 0 }), "def2-svp"),
    ).toThrow(/no functions for element Rb/);
    expect(loadBasisData("def2-svp").elements.has("Kr")).toBe(true);
  });
});
