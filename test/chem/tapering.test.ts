import { describe, expect, it } from "vitest";
import { UCCSD } from "../../src/chem/ansatz/uccsd.js";
import { fci } from "../../src/chem/fci.js";
import { FermionOperator, numberOperator, s2Operator } from "../../src/chem/fermion.js";
import { vqe } from "../../src/chem/groundstate.js";
import { davidson } from "../../src/chem/linalg-small.js";
import { QubitOperator } from "../../src/chem/mappings.js";
import { Molecule } from "../../src/chem/molecule.js";
import { electronicProblem } from "../../src/chem/problem.js";
import { rdmsFromFCI, rdmsFromState } from "../../src/chem/rdm.js";
import { denseMatrix, lowestEigenvalue, spectrum } from "../../src/chem/sector.js";
import { findZ2Symmetries, taper, taperProblem } from "../../src/chem/tapering.js";
import { ArgumentError } from "../../src/errors.js";
import { State } from "../../src/quantum/state/state.js";
import { fciRecords } from "./qc-reference.js";

const h2 = Molecule.fromGeometry("H 0 0 0; H 0 0 0.735");
const lih = Molecule.fromGeometry("Li 0 0 0; H 0 0 1.5949");

/** Lowest eigenpair of a small real qubit operator (dense matrix, Davidson), the vector as a State. */
function ground(op: QubitOperator): { energy: number; state: State } {
  const m = denseMatrix(op);
  const dim = 2 ** op.nQubits;
  const diag = Float64Array.from({ length: dim }, (_, i) => m[i * dim + i]!);
  const matvec = (v: Float64Array, y: Float64Array): void => {
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += m[i * dim + j]! * v[j]!;
      y[i] = s;
    }
  };
  const r = davidson(matvec, diag, { tol: 1e-9 });
  return {
    energy: r.values[0]!,
    state: State.fromAmplitudes(Array.from(r.vectors[0]!), { normalize: true }),
  };
}

describe("qubit tapering", () => {
  it("H2/STO-3G (JW): 3 symmetries, 1 qubit, ground energy in the HF sector = FCI to 1e-10", () => {
    const p = electronicProblem(h2);
    const syms = findZ2Symmetries(p.qubitOperator);
    expect(syms).toHaveLength(3);
    const t = taper(p.qubitOperator, { referenceBits: p.hartreeFockBits });
    expect(t.nTapered).toBe(1);
    const e = fci(p.integrals, { nAlpha: 1, nBeta: 1, tol: 1e-10 }).energy;
    expect(Math.abs(spectrum(t.operator)[0]! - e)).toBeLessThan(1e-10);
  });

  it("the 8 sectors of H2 together hold the whole 4-qubit spectrum (the Clifford is unitary)", () => {
    const H = electronicProblem(h2).qubitOperator;
    const full = [...spectrum(H)];
    const parts: number[] = [];
    for (let c = 0; c < 8; c++) {
      const sector = [0, 1, 2].map((i) => ((c >> i) & 1 ? -1 : 1));
      parts.push(...spectrum(taper(H, { sector }).operator));
    }
    parts.sort((a, b) => a - b);
    expect(parts).toHaveLength(16);
    for (let i = 0; i < 16; i++) expect(Math.abs(parts[i]! - full[i]!)).toBeLessThan(1e-12);
  });

  for (const mapping of ["jw", "bk", "parity"] as const) {
    it(`LiH/STO-3G (${mapping}): 12 -> 8 qubits, ground energy = FCI to 1e-10`, () => {
      const p = electronicProblem(lih, { mapping });
      const t = taper(p.qubitOperator, { referenceBits: p.hartreeFockBits });
      expect(t.nTapered).toBeLessThanOrEqual(8);
      const e = fci(p.integrals, { nAlpha: 2, nBeta: 2, tol: 1e-10 }).energy;
      expect(Math.abs(lowestEigenvalue(t.operator, { tol: 1e-9 }).energy - e)).toBeLessThan(1e-10);
    });
  }

  for (const name of ["HeH+", "H4 chain d=1.0", "CH2 triplet"]) {
    it(`${name} (JW): the tapered ground energy in the HF sector = Psi4's FCI to 1e-9`, () => {
      const rec = fciRecords().find((r) => r.name === name)!;
      const mol = Molecule.fromGeometry(rec.atoms, {
        basis: rec.basis,
        charge: rec.charge,
        multiplicity: rec.multiplicity,
      });
      const p = electronicProblem(mol, { taper: true });
      expect(p.nQubits).toBeLessThan(2 * p.nOrbitals - 1);
      expect(
        Math.abs(lowestEigenvalue(p.qubitOperator, { tol: 1e-9 }).energy - rec.e_fci!),
      ).toBeLessThan(1e-9);
    });
  }

  it("untapering the tapered ground state gives the FCI state: its RDMs, <N> and <S^2>", () => {
    const p = electronicProblem(lih, { activeElectrons: 2, activeOrbitals: 4 });
    const t = taper(p.qubitOperator, { referenceBits: p.hartreeFockBits });
    const g = ground(t.operator);
    const full = t.untaperState(g.state);
    expect(full.nQubits).toBe(8);
    expect(p.hamiltonian.expectation(full)).toBeCloseTo(g.energy, 10);
    const want = rdmsFromFCI(fci(p.integrals, { nAlpha: 1, nBeta: 1, tol: 1e-10 }), 4);
    const got = rdmsFromState(full, p);
    for (let i = 0; i < want.oneRdm.length; i++)
      expect(got.oneRdm[i]!).toBeCloseTo(want.oneRdm[i]!, 8);
    // the tapered N and S^2 on the tapered state agree with the full ones
    const n = t
      .taperOperator(p.map(numberOperator(4)))
      .toHamiltonian()
      .expectation(g.state);
    const s2 = t
      .taperOperator(p.map(s2Operator(4)))
      .toHamiltonian()
      .expectation(g.state);
    expect(n).toBeCloseTo(2, 10);
    expect(s2).toBeCloseTo(got.s2, 10);
    expect(got.s2).toBeCloseTo(0, 8);
  });

  it("tapered UCCSD (taper: true) reaches FCI with fewer qubits; its dipole is the FCI dipole", () => {
    const r = vqe(lih, { activeElectrons: 2, activeOrbitals: 4, taper: true });
    expect(r.nQubits).toBeLessThan(8);
    expect(r.taperedFrom).toBe(8);
    expect(Math.abs(r.error!)).toBeLessThan(1e-6);
    expect(Math.abs(r.dipole!.z - r.fciDipole!.z)).toBeLessThan(1e-3);
    expect(r.spinSquared!).toBeCloseTo(0, 6);
    const t = taperProblem(electronicProblem(h2));
    const u = new UCCSD(t);
    expect(u.nQubits).toBe(1);
    expect(u.circuit().nQubits).toBe(1);
  });

  it("refuses bad input", () => {
    const p = electronicProblem(h2);
    const H = p.qubitOperator;
    expect(() => taper(H, {} as never)).toThrow(/exactly one of sector/);
    expect(() => taper(H, { sector: [1, 1] })).toThrow(/3 eigenvalues/);
    expect(() => taper(H, { sector: [1, 2, 1] })).toThrow(/each 1 or -1/);
    expect(() => taper(H, { referenceBits: [1, 1] })).toThrow(/4 bits/);
    expect(() => taper(H, { sectr: [1] } as never)).toThrow(ArgumentError);
    expect(() => taper("H" as never, { sector: [] })).toThrow(/QubitOperator/);
    const t = taper(H, { referenceBits: p.hartreeFockBits });
    const x0 = QubitOperator.fromList([[1, "X0"]], 4);
    expect(() => t.taperOperator(x0)).toThrow(/does not commute with the symmetry/);
    expect(() => t.taperBits([1, 0, 0, 0])).toThrow(/the sector/);
    expect(() => t.untaperState(State.zero(2))).toThrow(/1 qubits/);
    expect(() => taperProblem(taperProblem(p))).toThrow(/already tapered/);
    expect(() => p.map(FermionOperator.term("0^ 1"))).not.toThrow();
  });
});
