import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fci } from "../../src/chem/fci.js";
import { parseFcidump, writeFcidump } from "../../src/chem/fcidump.js";
import { Molecule } from "../../src/chem/molecule.js";
import { activeSpaceProblem } from "../../src/chem/problem.js";
import { ArgumentError, ParseError } from "../../src/errors.js";
import { loadReference, referencePath } from "../reference/load.js";

const psi4Dump = readFileSync(referencePath("h2o-sto3g.FCIDUMP"), "utf8");
const props = loadReference("properties.json");

describe("FCIDUMP", () => {
  it("reads Psi4's H2O/STO-3G file: its FCI energy is Psi4's FCI energy and qoar's own", () => {
    const d = parseFcidump(psi4Dump);
    expect(d.integrals.nOrbitals).toBe(7);
    expect([d.nElectrons, d.ms2, d.nAlpha, d.nBeta, d.isym]).toEqual([10, 0, 5, 5, 1]);
    expect(d.orbitalSymmetries).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const e = fci(d.integrals, { nAlpha: 5, nBeta: 5, tol: 1e-9 }).energy;
    const ref = props.records.find(
      (r: { name: string; method: string }) => r.name === "h2o" && r.method === "fci",
    );
    expect(Math.abs(e - ref.energy)).toBeLessThan(1e-8);
    const mol = Molecule.fromGeometry(ref.atoms, { basis: "sto-3g" });
    const own = activeSpaceProblem(mol);
    expect(Math.abs(d.integrals.constant - own.integrals.constant)).toBeLessThan(1e-9);
    // orbital signs differ between programs; integrals agree up to them: compare |h_pq|
    for (let i = 0; i < 49; i++)
      expect(Math.abs(Math.abs(d.integrals.h[i]!) - Math.abs(own.integrals.h[i]!))).toBeLessThan(
        1e-6,
      );
  });

  it("round-trips: write then read gives the same integrals bit for bit (LiH, 6 orbitals)", () => {
    const p = activeSpaceProblem(Molecule.fromGeometry("Li 0 0 0; H 0 0 1.5949"));
    const text = writeFcidump(p.integrals, { nElectrons: 4 });
    const back = parseFcidump(text);
    expect(back.integrals.nOrbitals).toBe(6);
    expect(back.integrals.constant).toBe(p.integrals.constant);
    let maxH = 0;
    let maxE = 0;
    for (let i = 0; i < 36; i++)
      maxH = Math.max(maxH, Math.abs(back.integrals.h[i]! - p.integrals.h[i]!));
    for (let i = 0; i < 6 ** 4; i++)
      maxE = Math.max(maxE, Math.abs(back.integrals.eri[i]! - p.integrals.eri[i]!));
    expect(maxH).toBeLessThan(1e-15);
    expect(maxE).toBeLessThan(1e-14);
    const e0 = fci(p.integrals, { nAlpha: 2, nBeta: 2, tol: 1e-9 }).energy;
    expect(fci(back.integrals, { nAlpha: 2, nBeta: 2, tol: 1e-9 }).energy).toBeCloseTo(e0, 11);
  });

  it("reads Fortran D exponents, a '/' terminator and orbital-energy lines", () => {
    const text =
      "&FCI NORB=1, NELEC=2, MS2=0, ORBSYM=1, ISYM=1 /\n 0.5D+00 1 1 1 1\n -1.25 1 1 0 0\n -0.6 1 0 0 0\n 0.25 0 0 0 0\n";
    const d = parseFcidump(text);
    expect(d.integrals.eri[0]).toBe(0.5);
    expect(d.integrals.h[0]).toBe(-1.25);
    expect(d.integrals.constant).toBe(0.25);
    // one orbital, two electrons: E = 2 h + (11|11) + constant
    expect(fci(d.integrals, { nAlpha: 1, nBeta: 1 }).energy).toBeCloseTo(
      2 * -1.25 + 0.5 + 0.25,
      14,
    );
  });

  it("refuses inconsistent files with the line and the counts", () => {
    const head = "&FCI NORB=2,NELEC=2,MS2=0,\n ORBSYM=1,1,\n ISYM=1,\n&END\n";
    expect(() => parseFcidump(`${head} 0.5 3 1 1 1\n`)).toThrow(
      /line 5: inconsistent orbital counts: index 3 exceeds NORB=2/,
    );
    expect(() => parseFcidump(head.replace("ORBSYM=1,1", "ORBSYM=1,1,1"))).toThrow(
      /ORBSYM lists 3 orbitals, NORB=2/,
    );
    expect(() => parseFcidump(head.replace("NELEC=2,", ""))).toThrow(/no NELEC=/);
    expect(() => parseFcidump(head.replace("NELEC=2", "NELEC=5"))).toThrow(/NELEC=5 does not fit/);
    expect(() => parseFcidump(head.replace("ISYM=1,", "UHF=.TRUE.,"))).toThrow(/UHF/);
    expect(() => parseFcidump(`${head} 0.5 1 1\n`)).toThrow(ParseError);
    expect(() => parseFcidump(`${head} 0.5 1 0 1 0\n`)).toThrow(/index pattern/);
    expect(() => parseFcidump(`${head} abc 1 1 1 1\n`)).toThrow(/expected a number/);
    expect(() => parseFcidump("NORB=2")).toThrow(/&FCI/);
    expect(() => parseFcidump(3 as never)).toThrow(ArgumentError);
    const ints = parseFcidump(`${head} 0.5 1 1 1 1\n`).integrals;
    expect(() => writeFcidump(ints, { nElectrons: 5 })).toThrow(/does not fit 2 orbitals/);
    expect(() => writeFcidump(ints, { nElectrons: 2, orbitalSymmetries: [1] })).toThrow(
      /one integer per orbital/,
    );
    expect(() => writeFcidump(ints, { nElectron: 2 } as never)).toThrow(ArgumentError);
  });
});
