import { describe, expect, it } from "vitest";
import {
  activeSpace,
  type MOIntegrals,
  moIntegralsFromArrays,
  randomMOIntegrals,
  transformToMO,
} from "../../src/chem/active-space.js";
import { fci } from "../../src/chem/fci.js";
import { type AtomSpec, Molecule } from "../../src/chem/molecule.js";
import { runSCF } from "../../src/chem/scf.js";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import { fciRecords, loadReference } from "./qc-reference.js";

/** Energy of one determinant (Slater-Condon diagonal), occupied orbitals per spin. */
function determinantEnergy(ints: MOIntegrals, alpha: number[], beta: number[]): number {
  const { nOrbitals: n, h, eri } = ints;
  const E = (p: number, q: number, r: number, s: number) => eri[((p * n + q) * n + r) * n + s]!;
  let e = ints.constant;
  for (const occ of [alpha, beta]) {
    for (const i of occ) {
      e += h[i * n + i]!;
      for (const j of occ) e += 0.5 * (E(i, i, j, j) - E(i, j, j, i));
    }
  }
  for (const i of alpha) for (const j of beta) e += E(i, i, j, j);
  return e;
}

describe("transformToMO", () => {
  it("H2: reference AO integrals + MO coefficients give the reference MO integrals", () => {
    const ao = loadReference("ao-integrals-sto3g-h2-h2o.json")["H2_r0.735"];
    const ref = loadReference("h2-sto3g-0.735-integrals.json");
    const hcore = ao.T.map((row: number[], i: number) => row.map((t, j) => t + ao.V[i][j]));
    const mo = transformToMO(hcore, ao.ERI_chemist, ref.mo_coefficients_ao_by_mo, ao.e_nuc);
    const expected = moIntegralsFromArrays(ref.h_mo, ref.eri_mo_chemist, ref.e_nuc);
    expect(mo.nOrbitals).toBe(2);
    for (let i = 0; i < 4; i++) expect(Math.abs(mo.h[i]! - expected.h[i]!)).toBeLessThan(1e-10);
    for (let i = 0; i < 16; i++)
      expect(Math.abs(mo.eri[i]! - expected.eri[i]!)).toBeLessThan(1e-10);
    expect(fci(mo, { nAlpha: 1, nBeta: 1 }).energy).toBeCloseTo(ref.e_fci, 9);
  });

  it("an orthogonal rotation of orbitals leaves the FCI energy unchanged", () => {
    const ints = randomMOIntegrals(4, 3);
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    // rotate orbitals 1 and 2, keep 0 and 3
    const C = [
      [1, 0, 0, 0],
      [0, c, -s, 0],
      [0, s, c, 0],
      [0, 0, 0, 1],
    ];
    const rot = transformToMO(ints.h, ints.eri, C, ints.constant);
    const e0 = fci(ints, { nAlpha: 2, nBeta: 1 }).energy;
    const e1 = fci(rot, { nAlpha: 2, nBeta: 1 }).energy;
    expect(Math.abs(e0 - e1)).toBeLessThan(1e-10);
  });

  it("rejects inconsistent shapes", () => {
    expect(() =>
      transformToMO(
        [
          [1, 0],
          [0, 1],
        ],
        new Float64Array(15),
        [
          [1, 0],
          [0, 1],
        ],
      ),
    ).toThrow(ShapeError);
  });
});

describe("activeSpace", () => {
  const ints = randomMOIntegrals(5, 9);

  it("frozen core: determinant energies agree with the full space", () => {
    const { integrals: act, nCore, active } = activeSpace(ints, { nCore: 2, nActiveOrbitals: 3 });
    expect(nCore).toBe(2);
    expect(active).toEqual([2, 3, 4]);
    // core 0,1 doubly occupied, plus active orbitals
    const cases: [number[], number[]][] = [
      [[0], [1]],
      [[2], [0]],
      [[1, 2], [0]],
    ];
    for (const [a, b] of cases) {
      const full = determinantEnergy(
        ints,
        [0, 1, ...a.map((i) => i + 2)],
        [0, 1, ...b.map((i) => i + 2)],
      );
      expect(Math.abs(determinantEnergy(act, a, b) - full)).toBeLessThan(1e-12);
    }
  });

  it("no frozen core and all orbitals is the identity", () => {
    const { integrals, coreEnergy } = activeSpace(ints);
    expect(coreEnergy).toBe(0);
    expect(Array.from(integrals.h)).toEqual(Array.from(ints.h));
    expect(Array.from(integrals.eri)).toEqual(Array.from(ints.eri));
  });

  it("electron counts fix the core; dropping virtuals raises the FCI energy (variational)", () => {
    const full = fci(ints, { nAlpha: 2, nBeta: 2 }).energy;
    const { integrals } = activeSpace(ints, {
      nElectrons: 4,
      nActiveElectrons: 2,
      nActiveOrbitals: 3,
    });
    const frozen = fci(integrals, { nAlpha: 1, nBeta: 1 }).energy;
    expect(frozen).toBeGreaterThan(full - 1e-12);
    // freezing nothing but dropping the top orbital is also variational
    const { integrals: trunc } = activeSpace(ints, { nActiveOrbitals: 4 });
    expect(fci(trunc, { nAlpha: 2, nBeta: 2 }).energy).toBeGreaterThan(full - 1e-12);
  });

  it("validates options", () => {
    expect(() => activeSpace(ints, { nCore: 6 })).toThrow(ArgumentError);
    expect(() => activeSpace(ints, { nActiveElectrons: 2 })).toThrow(ArgumentError);
    expect(() => activeSpace(ints, { nElectrons: 5, nActiveElectrons: 2 })).toThrow(ArgumentError);
    expect(() => activeSpace(ints, { nCore: 1, nActiveOrbitals: 5 })).toThrow(ArgumentError);
  });
});

describe("active space from SCF orbitals", () => {
  it("H2O/STO-3G: HF energy from frozen-core integrals = SCF energy; frozen-core FCI close above full FCI", () => {
    const rec = fciRecords().find((r) => r.name === "H2O")!;
    const mol = Molecule.fromGeometry(rec.atoms as AtomSpec[], { basis: rec.basis });
    const hf = runSCF(mol);
    expect(Math.abs(hf.energy - rec.e_hf)).toBeLessThan(1e-6);
    const mo = transformToMO(hf.integrals.hCore, hf.integrals.eri, hf.coefficients, hf.eNuc);
    const { integrals: act, coreEnergy } = activeSpace(mo, { nElectrons: 10, nActiveElectrons: 8 });
    expect(act.nOrbitals).toBe(6);
    expect(coreEnergy).toBeLessThan(0);
    const occ = [0, 1, 2, 3];
    expect(Math.abs(determinantEnergy(act, occ, occ) - hf.energy)).toBeLessThan(1e-8);
    expect(
      Math.abs(
        determinantEnergy(mo, [0, ...occ.map((i) => i + 1)], [0, ...occ.map((i) => i + 1)]) -
          hf.energy,
      ),
    ).toBeLessThan(1e-8);
    const full = fci(mo, { nAlpha: 5, nBeta: 5 }).energy;
    expect(Math.abs(full - rec.e_fci!)).toBeLessThan(1e-6);
    const frozen = fci(act, { nAlpha: 4, nBeta: 4 }).energy;
    expect(frozen).toBeGreaterThan(full);
    expect(frozen - full).toBeLessThan(1e-3);
  });
});
