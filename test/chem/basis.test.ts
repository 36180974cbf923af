import { describe, expect, it } from "vitest";
import { BasisSet, basisNames, loadBasisData, parseGbs } from "../../src/chem/basis.js";
import { Molecule } from "../../src/chem/molecule.js";
import { ArgumentError, ParseError } from "../../src/errors.js";

describe("basis sets", () => {
  it("bundles the reference basis sets with their spherical/cartesian flag", () => {
    expect(basisNames()).toEqual([
      "sto-3g",
      "3-21g",
      "6-31g",
      "6-31g*",
      "cc-pvdz",
      "6-311g**",
      "6-311g(d,p)",
      "aug-cc-pvdz",
      "def2-svp",
      "cc-pvtz",
    ]);
    const flags = Object.fromEntries(basisNames().map((n) => [n, loadBasisData(n).pure]));
    expect(flags).toEqual({
      "sto-3g": true,
      "3-21g": false,
      "6-31g": false,
      "6-31g*": false,
      "cc-pvdz": true,
      "6-311g**": true,
      "6-311g(d,p)": true,
      "aug-cc-pvdz": true,
      "def2-svp": true,
      "cc-pvtz": true,
    });
  });

  it("counts basis functions as Psi4 does", () => {
    const cases: [string, string, number][] = [
      ["h2o", "sto-3g", 7],
      ["h2o", "6-31g", 13],
      ["h2o", "cc-pvdz", 24],
      ["hf", "cc-pvdz", 19],
      ["ch4", "6-31g*", 23],
      ["lih", "sto-3g", 6],
    ];
    for (const [mol, basis, nbf] of cases)
      expect(new BasisSet(Molecule.fromName(mol), basis).nbf, `${mol}/${basis}`).toBe(nbf);
    const labels = new BasisSet(Molecule.fromName("h2o"), "sto-3g").labels;
    expect(labels).toEqual(["O0:s", "O0:s", "O0:px", "O0:py", "O0:pz", "H1:s", "H2:s"]);
    expect(new BasisSet(Molecule.fromName("hf"), "cc-pvdz").labels.slice(9, 14)).toEqual([
      "F0:d0",
      "F0:d+1",
      "F0:d-1",
      "F0:d+2",
      "F0:d-2",
    ]);
  });

  it("parses SP shells, Fortran exponents and scale factors", () => {
    const text =
      "cartesian\n! comment\n****\nC 0\nSP 2 1.00\n 1.0D+00 0.5 0.25\n 0.5 0.5 0.75\nD 1 2.0\n 0.2 1.0\n****\n";
    const data = parseGbs(text, "t");
    const shells = data.elements.get("C")!;
    expect(shells.map((s) => s.l)).toEqual([0, 1, 2]);
    expect(shells[0]!.exponents).toEqual([1, 0.5]);
    expect(shells[1]!.coefficients).toEqual([0.25, 0.75]);
    expect(shells[2]!.exponents[0]).toBeCloseTo(0.8, 15); // scaled by 2^2
    expect(data.pure).toBe(false);
  });

  it("rejects malformed files and missing elements", () => {
    expect(() => parseGbs("****\nH 0\nQ 1 1.0\n 1.0 1.0\n****\n", "t")).toThrow(ParseError);
    expect(() => parseGbs("****\nH 0\nS 2 1.0\n 1.0 1.0", "t")).toThrow(/ends inside a shell/);
    expect(() => parseGbs("****\nH 0\nS 1 1.0\n abc 1.0\n****\n", "t")).toThrow(/line 4/);
    expect(() => parseGbs("****\nH 0\nS 1 1.0\n -1.0 1.0\n****\n", "t")).toThrow(/positive/);
    expect(() => loadBasisData("def2-qzvppd")).toThrow(ArgumentError);
    const he = Molecule.fromGeometry("He 0 0 0");
    expect(
      () => new BasisSet(he, parseGbs("****\nH 0\nS 1 1.0\n 1.0 1.0\n****\n", "h-only")),
    ).toThrow(/no functions for element He/);
  });
});
