import { describe, expect, it } from "vitest";
import { moIntegralsFromArrays, randomMOIntegrals } from "../../src/chem/active-space.js";
import {
  FermionOperator,
  interleavedToBlock,
  molecularHamiltonian,
  numberOperator,
  parseLadderTerm,
  s2Operator,
  szOperator,
} from "../../src/chem/fermion.js";
import { jordanWigner } from "../../src/chem/mappings.js";
import { sectorGroundState } from "../../src/chem/sector.js";
import { ArgumentError, ParseError } from "../../src/errors.js";
import { loadReference } from "./qc-reference.js";

const a = (p: number) => FermionOperator.term([[p, 0]]);
const ad = (p: number) => FermionOperator.term([[p, 1]]);
const anti = (x: FermionOperator, y: FermionOperator) =>
  x.multiply(y).add(y.multiply(x)).normalOrdered();

describe("FermionOperator algebra", () => {
  it("satisfies the canonical anticommutation relations after normal ordering", () => {
    for (let p = 0; p < 4; p++) {
      for (let q = 0; q < 4; q++) {
        const c = anti(a(p), ad(q));
        if (p === q) {
          expect(c.nTerms).toBe(1);
          expect(c.coefficient([])).toEqual({ re: 1, im: 0 });
        } else expect(c.nTerms).toBe(0);
        expect(anti(a(p), a(q)).nTerms).toBe(0);
        expect(anti(ad(p), ad(q)).nTerms).toBe(0);
      }
    }
  });

  it("normal orders like OpenFermion (creation left, descending modes)", () => {
    const op = FermionOperator.term("0 1^", 2).normalOrdered();
    expect(op.nTerms).toBe(1);
    expect(op.coefficient("1^ 0")).toEqual({ re: -2, im: 0 });
    const n = FermionOperator.term("0 0^").normalOrdered();
    expect(n.coefficient([]).re).toBe(1);
    expect(n.coefficient("0^ 0").re).toBe(-1);
    expect(FermionOperator.term("2^ 2^").normalOrdered().nTerms).toBe(0);
    // a†_0 a†_2 = -a†_2 a†_0
    expect(FermionOperator.term("0^ 2^").normalOrdered().coefficient("2^ 0^").re).toBe(-1);
  });

  it("normal ordering preserves the operator (same Jordan-Wigner image)", () => {
    const op = FermionOperator.term("0 2^ 1 3^", 0.7)
      .add(FermionOperator.term("1 1^ 2", { re: 0.2, im: -0.4 }))
      .add(FermionOperator.term("3 0^", 1.5));
    const x = jordanWigner(op, { nModes: 4 });
    const y = jordanWigner(op.normalOrdered(), { nModes: 4 });
    const d = x
      .add(y.multiply(jordanWigner(FermionOperator.identity(-1), { nModes: 4 })))
      .simplified(1e-12);
    expect(d.nTerms).toBe(0);
  });

  it("hermitian conjugate reverses products: (AB)† = B†A†", () => {
    const A = FermionOperator.term("0^ 1", { re: 1, im: 2 }).add(FermionOperator.term("2", 0.5));
    const B = FermionOperator.term("1^ 2^ 0", { re: -0.3, im: 0.1 });
    const lhs = A.multiply(B).hermitianConjugate();
    const rhs = B.hermitianConjugate().multiply(A.hermitianConjugate());
    expect(lhs.equals(rhs)).toBe(true);
    expect(A.hermitianConjugate().hermitianConjugate().equals(A)).toBe(true);
    expect(A.isHermitian()).toBe(false);
    expect(A.add(A.hermitianConjugate()).isHermitian()).toBe(true);
  });

  it("add, scale and sub are consistent", () => {
    const A = FermionOperator.term("0^ 1", 2);
    expect(A.sub(A).nTerms).toBe(0);
    expect(A.scale({ re: 0, im: 1 }).coefficient("0^ 1")).toEqual({ re: 0, im: 2 });
    expect(A.add(A).equals(A.scale(2))).toBe(true);
  });

  it("permutes modes (interleaved -> block)", () => {
    expect(interleavedToBlock(6)).toEqual([0, 3, 1, 4, 2, 5]);
    const op = FermionOperator.term("1^ 2").permuteModes(interleavedToBlock(4));
    expect(op.coefficient("2^ 1").re).toBe(1);
  });

  it("validates input", () => {
    expect(() => parseLadderTerm("1^ x")).toThrow(ParseError);
    expect(() => FermionOperator.term([[-1, 0]])).toThrow(ArgumentError);
    expect(() => FermionOperator.term("0", Number.NaN)).toThrow(ArgumentError);
    expect(() => interleavedToBlock(3)).toThrow(ArgumentError);
  });
});

describe("molecularHamiltonian", () => {
  it("is Hermitian and conserves N_alpha and N_beta", () => {
    const H = molecularHamiltonian(randomMOIntegrals(3, 5));
    expect(H.isHermitian(1e-12)).toBe(true);
    let nA = FermionOperator.zero();
    let nB = FermionOperator.zero();
    for (let p = 0; p < 3; p++) {
      nA = nA.add(
        FermionOperator.term([
          [2 * p, 1],
          [2 * p, 0],
        ]),
      );
      nB = nB.add(
        FermionOperator.term([
          [2 * p + 1, 1],
          [2 * p + 1, 0],
        ]),
      );
    }
    for (const N of [nA, nB]) {
      const comm = H.multiply(N).sub(N.multiply(H)).normalOrdered().simplify(1e-12);
      expect(comm.nTerms).toBe(0);
    }
  });

  it("has the H2 reference terms", () => {
    const ref = loadReference("h2-sto3g-0.735-integrals.json");
    const ints = moIntegralsFromArrays(ref.h_mo, ref.eri_mo_chemist, ref.e_nuc);
    const H = molecularHamiltonian(ints);
    expect(H.coefficient([]).re).toBe(ref.e_nuc);
    expect(H.coefficient("0^ 0").re).toBe(ref.h_mo[0][0]);
    expect(H.coefficient("3^ 3").re).toBe(ref.h_mo[1][1]);
    // ½ (00|11) a†_0α a†_1β a_1β a_0α
    expect(H.coefficient("0^ 3^ 3 0").re).toBeCloseTo(0.5 * ref.eri_mo_chemist[0][0][1][1], 15);
  });
});

describe("number and spin operators", () => {
  it("N, S_z and S² commute with the molecular Hamiltonian", () => {
    const H = molecularHamiltonian(randomMOIntegrals(2, 3));
    for (const A of [numberOperator(2), szOperator(2), s2Operator(2)]) {
      expect(H.multiply(A).sub(A.multiply(H)).normalOrdered().simplify(1e-12).nTerms).toBe(0);
    }
  });

  it("S² has eigenvalues S(S+1)", () => {
    // 2 orbitals, 2 electrons with S_z = 0: one triplet component (S² = 2) and three singlets (0)
    const s2 = jordanWigner(s2Operator(2), { nModes: 4 });
    const r = sectorGroundState(s2, { nAlpha: 1, nBeta: 1, nRoots: 4 });
    expect(Array.from(r.energies).map((e) => Math.round(e * 1e10) / 1e10)).toEqual([0, 0, 0, 2]);
    const one = sectorGroundState(jordanWigner(s2Operator(2), { nModes: 4 }), {
      nAlpha: 1,
      nBeta: 0,
      nRoots: 2,
    });
    for (const e of one.energies) expect(e).toBeCloseTo(0.75, 12);
    expect(jordanWigner(numberOperator(1)).toList()).toEqual([
      [1, "I"],
      [-0.5, "Z0"],
      [-0.5, "Z1"],
    ]);
  });
});
