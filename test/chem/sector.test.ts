import { describe, expect, it } from "vitest";
import { moIntegralsFromArrays, randomMOIntegrals } from "../../src/chem/active-space.js";
import { fci } from "../../src/chem/fci.js";
import { molecularHamiltonian } from "../../src/chem/fermion.js";
import {
  type MappingName,
  mapFermionOperator,
  parityReduced,
  qubitHamiltonian,
} from "../../src/chem/mappings.js";
import {
  denseMatrix,
  lowestEigenvalue,
  sectorBasis,
  sectorGroundState,
  spectrum,
} from "../../src/chem/sector.js";
import { ArgumentError } from "../../src/errors.js";
import { electronCounts, fciRecords, loadReference, lowdinIntegrals } from "./qc-reference.js";

const ref = loadReference("h2-sto3g-0.735-integrals.json");
const H2 = molecularHamiltonian(moIntegralsFromArrays(ref.h_mo, ref.eri_mo_chemist, ref.e_nuc));
const MAPPINGS: MappingName[] = ["jordan-wigner", "bravyi-kitaev", "parity"];

function sortedUnionOfSectors(
  Hq: ReturnType<typeof mapFermionOperator>,
  nSpatial: number,
): number[] {
  const all: number[] = [];
  for (let na = 0; na <= nSpatial; na++) {
    for (let nb = 0; nb <= nSpatial; nb++) {
      const dim = sectorBasis(Hq.encoding!, { nAlpha: na, nBeta: nb }).length;
      all.push(...sectorGroundState(Hq, { nAlpha: na, nBeta: nb, nRoots: dim }).energies);
    }
  }
  return all.sort((a, b) => a - b);
}

describe("sector diagonalization", () => {
  it("the (N_alpha, N_beta) sectors together give the full spectrum (H2, every mapping and order)", () => {
    for (const mapping of MAPPINGS) {
      for (const order of ["interleaved", "block"] as const) {
        const Hq = mapFermionOperator(H2, { mapping, order });
        const union = sortedUnionOfSectors(Hq, 2);
        const full = spectrum(Hq);
        expect(union.length).toBe(16);
        for (let i = 0; i < 16; i++) expect(Math.abs(union[i]! - full[i]!)).toBeLessThan(1e-10);
      }
    }
  });

  it("the same for random 3-orbital integrals under BK (non-power-of-2 modes: 6)", () => {
    const Hq = mapFermionOperator(molecularHamiltonian(randomMOIntegrals(3, 4)), {
      mapping: "bravyi-kitaev",
    });
    const union = sortedUnionOfSectors(Hq, 3);
    const full = spectrum(Hq);
    for (let i = 0; i < 64; i++) expect(Math.abs(union[i]! - full[i]!)).toBeLessThan(1e-9);
  });

  it("H2 sector ground state = FCI = reference", () => {
    for (const mapping of MAPPINGS) {
      const e = sectorGroundState(mapFermionOperator(H2, { mapping }), {
        nAlpha: 1,
        nBeta: 1,
      }).energy;
      expect(Math.abs(e - ref.e_fci)).toBeLessThan(1e-10);
    }
    const red = parityReduced(H2, { nAlpha: 1, nBeta: 1 });
    expect(
      Math.abs(sectorGroundState(red, { nAlpha: 1, nBeta: 1 }).energy - ref.e_fci),
    ).toBeLessThan(1e-10);
  });

  it("random 6-orbital integrals (12 qubits, 400 states, Davidson): sector = FCI under JW, BK, parity, reduced", () => {
    const ints = randomMOIntegrals(6, 21);
    const H = molecularHamiltonian(ints);
    const eFci = fci(ints, { nAlpha: 3, nBeta: 3 }).energy;
    for (const mapping of MAPPINGS) {
      const r = sectorGroundState(mapFermionOperator(H, { mapping }), { nAlpha: 3, nBeta: 3 });
      expect(r.dimension).toBe(400);
      expect(Math.abs(r.energy - eFci)).toBeLessThan(1e-8);
    }
    const red = parityReduced(H, { nAlpha: 3, nBeta: 3 });
    expect(red.nQubits).toBe(10);
    expect(Math.abs(sectorGroundState(red, { nAlpha: 3, nBeta: 3 }).energy - eFci)).toBeLessThan(
      1e-8,
    );
  });

  it("a total-electron sector is the minimum over its Sz sectors", () => {
    const ints = randomMOIntegrals(3, 8);
    const Hq = mapFermionOperator(molecularHamiltonian(ints), { mapping: "parity" });
    const eN = sectorGroundState(Hq, { nElectrons: 3 }).energy;
    const e21 = sectorGroundState(Hq, { nAlpha: 2, nBeta: 1 }).energy;
    const e30 = sectorGroundState(Hq, { nAlpha: 3, nBeta: 0 }).energy;
    expect(Math.abs(eN - Math.min(e21, e30))).toBeLessThan(1e-10);
  });

  it("accepts a Pauli list (Jordan-Wigner, interleaved by default)", () => {
    const list = mapFermionOperator(H2).toList();
    expect(
      Math.abs(sectorGroundState(list, { nAlpha: 1, nBeta: 1 }).energy - ref.e_fci),
    ).toBeLessThan(1e-10);
  });

  it("accepts the quantum layer's Hamiltonian", () => {
    const H = mapFermionOperator(H2, { mapping: "bravyi-kitaev" }).toHamiltonian();
    const e = sectorGroundState(H, {
      nAlpha: 1,
      nBeta: 1,
      encoding: { mapping: "bravyi-kitaev", order: "interleaved", nModes: 4 },
    }).energy;
    expect(Math.abs(e - ref.e_fci)).toBeLessThan(1e-10);
  });

  it("denseMatrix uses qubit 0 as the most significant bit", () => {
    const m = denseMatrix([[1, "Z0"]]); // 2 qubits? no: 1 qubit
    expect(Array.from(m)).toEqual([1, 0, 0, -1]);
    const m2 = denseMatrix([
      [1, "X0"],
      [0, "Z1"],
    ]);
    // X on qubit 0 flips the most significant bit: |00> (0) <-> |10> (2)
    expect(m2[2 * 4 + 0]).toBe(1);
    expect(m2[1 * 4 + 0]).toBe(0);
  });

  it("denseMatrix = the quantum layer's Hamiltonian.matrix() (qubit order and Y phases agree)", () => {
    for (const mapping of MAPPINGS) {
      const Hq = mapFermionOperator(H2, { mapping });
      const mine = denseMatrix(Hq);
      const theirs = Hq.toHamiltonian().matrix();
      for (let i = 0; i < mine.length; i++) {
        expect(Math.abs(theirs[2 * i]! - mine[i]!)).toBeLessThan(1e-14);
        expect(Math.abs(theirs[2 * i + 1]!)).toBeLessThan(1e-14);
      }
    }
  });

  it("lowestEigenvalue over all basis states = the dense spectrum (random 3 orbitals, BK, 3 roots)", () => {
    const Hq = mapFermionOperator(molecularHamiltonian(randomMOIntegrals(3, 4)), {
      mapping: "bravyi-kitaev",
    });
    const all = spectrum(Hq);
    const low = lowestEigenvalue(Hq, { nRoots: 3, tol: 1e-9 });
    expect(low.dimension).toBe(64);
    for (let k = 0; k < 3; k++) expect(Math.abs(low.energies[k]! - all[k]!)).toBeLessThan(1e-10);
    expect(() => lowestEigenvalue(Hq, { nRoot: 2 } as never)).toThrow(ArgumentError);
  });

  it("validates the sector", () => {
    const Hq = mapFermionOperator(H2);
    expect(() => sectorGroundState(Hq, { nAlpha: 3, nBeta: 0 })).toThrow(ArgumentError);
    expect(() => sectorGroundState(Hq, {})).toThrow(ArgumentError);
    const red = parityReduced(H2, { nAlpha: 1, nBeta: 1 });
    expect(() => sectorGroundState(red, { nAlpha: 2, nBeta: 1 })).toThrow(ArgumentError);
  });
});

describe("qubit Hamiltonians of chem.json molecules: sector ground state = e_fci", () => {
  const records = fciRecords().filter((r) => 2 * r.nmo! <= 14);
  const extraMappings = new Set(["HeH+", "LiH r=1.5949", "H4 chain d=1.0", "CH2 triplet"]);
  for (const rec of records) {
    it(`${rec.name} (${2 * rec.nmo!} qubits)`, () => {
      const ints = lowdinIntegrals(rec);
      const ec = electronCounts(rec);
      const mappings: MappingName[] = extraMappings.has(rec.name) ? MAPPINGS : ["jordan-wigner"];
      for (const mapping of mappings) {
        const e = sectorGroundState(qubitHamiltonian(ints, { mapping }), ec).energy;
        expect(Math.abs(e - rec.e_fci!)).toBeLessThan(1e-6);
      }
      if (extraMappings.has(rec.name)) {
        const red = qubitHamiltonian(ints, { mapping: "parity", twoQubitReduction: true, ...ec });
        expect(Math.abs(sectorGroundState(red, ec).energy - rec.e_fci!)).toBeLessThan(1e-6);
      }
    });
  }

  it("HeH+: the full-space minimum is neutral HeH, the 2-electron sector is HeH+", () => {
    const rec = fciRecords().find((r) => r.name === "HeH+")!;
    const Hq = qubitHamiltonian(lowdinIntegrals(rec));
    const full = spectrum(Hq)[0]!;
    expect(full).toBeCloseTo(-3.0134857, 6);
    expect(sectorGroundState(Hq, { nElectrons: 3 }).energy).toBeCloseTo(full, 10);
    expect(Math.abs(sectorGroundState(Hq, { nElectrons: 2 }).energy - rec.e_fci!)).toBeLessThan(
      1e-6,
    );
  });
});
