import { describe, expect, it } from "vitest";
import { atomicNumber, elementSymbol, findAtomicNumber } from "../../src/chem/elements.js";
import { BOHR_IN_ANGSTROM, Molecule } from "../../src/chem/molecule.js";
import { ArgumentError, ParseError } from "../../src/errors.js";
import { loadReference } from "../reference/load.js";

const chem = loadReference("chem.json");

describe("elements", () => {
  it("maps symbols and atomic numbers both ways, case-insensitively", () => {
    expect(atomicNumber("H")).toBe(1);
    expect(atomicNumber("he")).toBe(2);
    expect(atomicNumber("CL")).toBe(17);
    expect(elementSymbol(8)).toBe("O");
    for (let z = 1; z <= 86; z++) expect(atomicNumber(elementSymbol(z))).toBe(z);
    expect(findAtomicNumber("Xx")).toBeUndefined();
    expect(() => atomicNumber("Qq")).toThrow(ArgumentError);
    expect(() => elementSymbol(0)).toThrow(ArgumentError);
  });
});

describe("Molecule", () => {
  it("reproduces the nuclear repulsion of every reference system to 1e-9", () => {
    for (const r of chem.molecules) {
      const mol = Molecule.fromGeometry(r.atoms, {
        charge: r.charge,
        multiplicity: r.multiplicity,
      });
      expect(Math.abs(mol.nuclearRepulsion() - r.e_nuc), r.name).toBeLessThan(1e-9);
    }
  });

  it("parses geometry strings in Angstrom (default) and Bohr", () => {
    const a = Molecule.fromGeometry("H 0 0 0; H 0 0 0.735");
    const b = Molecule.fromGeometry("H 0 0 0\nH 0 0 1.3889487022115037", { units: "bohr" });
    expect(a.atoms[1]!.z).toBeCloseTo(0.735 / BOHR_IN_ANGSTROM, 12);
    expect(b.nuclearRepulsion()).toBeCloseTo(a.nuclearRepulsion(), 10);
    // H2 at 1 Angstrom: E_nuc = 1 / R(Bohr) = 0.52917721067 exactly
    expect(Molecule.fromGeometry("H 0 0 0; H 0 0 1").nuclearRepulsion()).toBeCloseTo(
      BOHR_IN_ANGSTROM,
      14,
    );
  });

  it("counts electrons from charge and multiplicity", () => {
    const heh = Molecule.fromName("heh+");
    expect(heh.charge).toBe(1);
    expect(heh.nElectrons).toBe(2);
    const ch2 = Molecule.fromName("ch2");
    expect([ch2.multiplicity, ch2.nAlpha, ch2.nBeta]).toEqual([3, 5, 3]);
    const oh = Molecule.fromGeometry("O 0 0 0; H 0 0 0.97");
    expect([oh.multiplicity, oh.nAlpha, oh.nBeta]).toEqual([2, 5, 4]);
    expect(Molecule.fromName("h2o").with({ charge: 1 }).multiplicity).toBe(2);
  });

  it("reads the bundled molecules, matching the reference geometries", () => {
    const names = Molecule.list();
    for (const n of [
      "h2",
      "heh+",
      "lih",
      "beh2",
      "h2o",
      "nh3",
      "n2",
      "h4",
      "h6",
      "ch4",
      "hf",
      "ch2",
    ]) {
      expect(names).toContain(n);
      const mol = Molecule.fromName(n);
      expect(mol.nElectrons % 2).toBe((mol.multiplicity - 1) % 2);
    }
    const pairs: [string, string][] = [
      ["h2", "H2 r=0.735"],
      ["heh+", "HeH+"],
      ["lih", "LiH r=1.5949"],
      ["beh2", "BeH2"],
      ["h2o", "H2O"],
      ["h4", "H4 chain d=1.0"],
      ["hf", "HF cc-pvdz (spherical d)"],
      ["ch4", "CH4 6-31g* (cartesian d)"],
      ["ch2", "CH2 triplet"],
    ];
    for (const [file, name] of pairs) {
      const r = chem.molecules.find((m: { name: string }) => m.name === name);
      const mol = Molecule.fromName(file);
      expect(mol.charge).toBe(r.charge);
      expect(mol.multiplicity).toBe(r.multiplicity);
      expect(Math.abs(mol.nuclearRepulsion() - r.e_nuc), file).toBeLessThan(1e-9);
    }
    expect(Molecule.fromName("LiH", { basis: "6-31G" }).basis).toBe("6-31g");
  });

  it("round-trips through XYZ text", () => {
    const ch2 = Molecule.fromName("ch2");
    const back = Molecule.fromXYZ(ch2.toXYZ());
    expect(back.multiplicity).toBe(3);
    expect(back.nuclearRepulsion()).toBeCloseTo(ch2.nuclearRepulsion(), 9);
    expect(Molecule.fromName("ch4").formula()).toBe("CH4");
    expect(Molecule.fromName("h2o").formula()).toBe("H2O");
  });

  it("rejects bad input with the matching error", () => {
    expect(() => Molecule.fromGeometry("Xq 0 0 0")).toThrow(ParseError);
    expect(() => Molecule.fromGeometry([["Xq", 0, 0, 0]])).toThrow(ArgumentError);
    expect(() => Molecule.fromGeometry("H 0 0 0; H 0 0 0")).toThrow(/on top of each other/);
    expect(() => Molecule.fromGeometry("H 0 0 0; H 0 0 0.7", { multiplicity: 2 })).toThrow(
      /multiplicity 2/,
    );
    expect(() => Molecule.fromGeometry("H 0 0 0", { multiplicity: 1 })).toThrow(ArgumentError);
    expect(() => Molecule.fromGeometry("H 0 0 0", { charge: 2 })).toThrow(
      /negative electron count/,
    );
    expect(() => Molecule.fromGeometry("H 0 0 0; H 0 0 0.7", { units: "nm" as "bohr" })).toThrow(
      ArgumentError,
    );
    expect(() => Molecule.fromGeometry("H 0 0 zero")).toThrow(ParseError);
    expect(() => Molecule.fromXYZ("2\ncomment\nH 0 0 0\n")).toThrow(/first line says 2 atoms/);
    expect(() => Molecule.fromXYZ("x\ncomment\nH 0 0 0\n")).toThrow(/line 1/);
    expect(() => Molecule.fromXYZ("2\ncomment\nH 0 0 0\nH 0 0\n")).toThrow(/XYZ line 4/);
    expect(() => Molecule.fromName("unobtainium")).toThrow(/unknown molecule/);
  });
});
