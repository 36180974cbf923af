import { describe, expect, it } from "vitest";
import { moIntegralsFromArrays, randomMOIntegrals } from "../../src/chem/active-space.js";
import { FermionOperator, molecularHamiltonian } from "../../src/chem/fermion.js";
import {
  bravyiKitaev,
  decodeOccupation,
  encodeOccupations,
  encodingMatrix,
  hartreeFockBits,
  jordanWigner,
  type MappingName,
  mapFermionOperator,
  parity,
  parityReduced,
  QubitOperator,
  qubitHamiltonian,
} from "../../src/chem/mappings.js";
import { sectorGroundState, spectrum } from "../../src/chem/sector.js";
import { QoarError } from "../../src/errors.js";
import { loadReference } from "./qc-reference.js";

const ref = loadReference("h2-sto3g-0.735-integrals.json");
const h2 = moIntegralsFromArrays(ref.h_mo, ref.eri_mo_chemist, ref.e_nuc);
const H2 = molecularHamiltonian(h2);
const MAPPINGS: MappingName[] = ["jordan-wigner", "bravyi-kitaev", "parity"];

/** Reference labels "X0 Y1" -> our "X0, Y1". */
function refList(coeffs: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(coeffs).map(([k, v]) => [k.split(" ").join(", "), v]));
}

function expectSameTerms(
  list: [number, string][],
  expected: Map<string, number>,
  tol: number,
): void {
  const got = new Map(list.map(([c, l]) => [l, c]));
  expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [l, c] of expected) expect(Math.abs(got.get(l)! - c)).toBeLessThan(tol);
}

function expectSpectraEqual(a: Float64Array, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tol);
}

describe("H2/STO-3G Jordan-Wigner = reference", () => {
  it("interleaved order, term by term", () => {
    const list = jordanWigner(H2).toList(1e-10);
    expect(list.length).toBe(15);
    expectSameTerms(list, refList(ref.jw_interleaved.pauli_coefficients), 1e-12);
  });

  it("block order, term by term", () => {
    const list = jordanWigner(H2, { order: "block" }).toList(1e-10);
    expectSameTerms(list, refList(ref.jw_block.pauli_coefficients), 1e-12);
  });

  it("spectrum equals the reference spectrum", () => {
    expectSpectraEqual(spectrum(jordanWigner(H2)), ref.jw_interleaved.full_spectrum, 1e-10);
    expectSpectraEqual(
      spectrum(jordanWigner(H2, { order: "block" })),
      ref.jw_block.full_spectrum,
      1e-10,
    );
  });

  it("the reference Pauli list read back is the same operator", () => {
    const list = Object.entries(
      ref.jw_interleaved.pauli_coefficients as Record<string, number>,
    ).map(([l, c]) => [c, l === "I" ? "I" : l] as [number, string]);
    const back = QubitOperator.fromList(list, 4);
    expectSameTerms(back.toList(), refList(ref.jw_interleaved.pauli_coefficients), 1e-15);
  });

  it("converts to the quantum layer's Hamiltonian", () => {
    const H = jordanWigner(H2).toHamiltonian();
    expect(H.nQubits).toBe(4);
  });
});

describe("mappings are isospectral", () => {
  it("H2: JW, BK, parity (both orders) have the same spectrum", () => {
    const base = spectrum(jordanWigner(H2));
    for (const m of MAPPINGS) {
      for (const order of ["interleaved", "block"] as const) {
        expectSpectraEqual(spectrum(mapFermionOperator(H2, { mapping: m, order })), base, 1e-10);
      }
    }
  });

  it("random 3-orbital (6-qubit) integrals: JW, BK, parity have the same spectrum", () => {
    const H = molecularHamiltonian(randomMOIntegrals(3, 11));
    const base = spectrum(jordanWigner(H));
    expectSpectraEqual(spectrum(bravyiKitaev(H)), base, 1e-9);
    expectSpectraEqual(spectrum(parity(H)), base, 1e-9);
    expectSpectraEqual(spectrum(bravyiKitaev(H, { order: "block" })), base, 1e-9);
  });

  it("parity two-qubit reduction keeps the sector's spectrum (H2 -> 2 qubits)", () => {
    const red = parityReduced(H2, { nAlpha: 1, nBeta: 1 });
    expect(red.nQubits).toBe(2);
    const sector = sectorGroundState(jordanWigner(H2), { nAlpha: 1, nBeta: 1, nRoots: 4 });
    expectSpectraEqual(spectrum(red), sector.energies, 1e-10);
  });
});

describe("mapped ladder operators", () => {
  // {A_p, A†_q} = δ_pq and {A_p, A_q} = 0 as qubit operators: the mapping is a representation of the CAR.
  it.each(MAPPINGS)("%s satisfies the anticommutation relations on 5 modes", (mapping) => {
    const n = 5;
    const op = (p: number, action: 0 | 1) =>
      mapFermionOperator(FermionOperator.term([[p, action]]), { mapping, nModes: n });
    const id = new QubitOperator(n);
    id.addXZ(new Uint32Array(1), new Uint32Array(1), 1);
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        const ap = op(p, 0);
        const aq = op(q, 0);
        const adq = op(q, 1);
        const c1 = ap.multiply(adq).add(adq.multiply(ap)).simplified(1e-14);
        const c2 = ap.multiply(aq).add(aq.multiply(ap)).simplified(1e-14);
        expect(c2.nTerms).toBe(0);
        if (p === q) {
          expect(c1.nTerms).toBe(1);
          expect(c1.toList()).toEqual([[1, "I"]]);
        } else expect(c1.nTerms).toBe(0);
      }
    }
  });

  it("masks beyond 32 qubits (40 modes): CAR across the word boundary", () => {
    for (const mapping of MAPPINGS) {
      const op = (p: number, action: 0 | 1) =>
        mapFermionOperator(FermionOperator.term([[p, action]]), { mapping, nModes: 40 });
      for (const [p, q] of [
        [35, 35],
        [3, 37],
        [31, 32],
      ] as const) {
        const c = op(p, 0)
          .multiply(op(q, 1))
          .add(op(q, 1).multiply(op(p, 0)))
          .simplified(1e-14);
        expect(c.toList()).toEqual(p === q ? [[1, "I"]] : []);
      }
    }
    const hop = jordanWigner(FermionOperator.term("33^ 1").add(FermionOperator.term("1^ 33")));
    expect(hop.toList().map(([, l]) => l)).toEqual([
      "X1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15, Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27, Z28, Z29, Z30, Z31, Z32, X33",
      "Y1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15, Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27, Z28, Z29, Z30, Z31, Z32, Y33",
    ]);
  });

  it("number operator n_0 = (I - Z0)/2 under JW", () => {
    expect(jordanWigner(FermionOperator.term("0^ 0")).toList()).toEqual([
      [0.5, "I"],
      [-0.5, "Z0"],
    ]);
  });

  it("encoding matrices: BK is the Seeley-Richard-Love matrix for 4 modes", () => {
    expect(Array.from(encodingMatrix("bravyi-kitaev", 4))).toEqual([
      1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1,
    ]);
    expect(Array.from(encodingMatrix("parity", 3))).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 1]);
  });

  it("hartreeFockBits: H2 under JW, BK, parity and the reduction", () => {
    const enc = (mapping: MappingName) => ({ mapping, order: "interleaved" as const, nModes: 4 });
    expect(Array.from(hartreeFockBits(enc("jordan-wigner"), { nAlpha: 1, nBeta: 1 }))).toEqual([
      1, 1, 0, 0,
    ]);
    expect(Array.from(hartreeFockBits(enc("bravyi-kitaev"), { nAlpha: 1, nBeta: 1 }))).toEqual([
      1, 0, 0, 0,
    ]);
    expect(Array.from(hartreeFockBits(enc("parity"), { nAlpha: 1, nBeta: 1 }))).toEqual([
      1, 0, 0, 0,
    ]);
    const red = parityReduced(H2, { nAlpha: 1, nBeta: 1 });
    // block order alpha0 beta0 -> modes 0, 2: parity bits [1, 1, 0, 0] minus qubits 1 and 3
    expect(Array.from(hartreeFockBits(red.encoding!, { nAlpha: 1, nBeta: 1 }))).toEqual([1, 0]);
  });

  it("the Hartree-Fock state is an eigenstate with the HF energy under every mapping", () => {
    for (const m of MAPPINGS) {
      const Hq = mapFermionOperator(H2, { mapping: m });
      const [bits] = encodeOccupations([[1, 1, 0, 0]], Hq.encoding!);
      // <b|H|b> = Σ over diagonal (x = 0) terms of c (-1)^{z·b}
      let e = 0;
      for (const t of Hq.xzTerms()) {
        if (t.x[0] !== 0) continue;
        let s = 0;
        for (let q = 0; q < 4; q++) if ((t.z[0]! >>> q) & 1 && bits![q]) s ^= 1;
        e += s ? -t.re : t.re;
      }
      expect(e).toBeCloseTo(ref.e_hf, 10);
    }
  });
});

describe("decodeOccupation inverts encodeOccupations", () => {
  it("every 8-mode occupation with 2 alpha + 1 beta electrons, every mapping, order and the reduction", () => {
    const encodings = [
      { mapping: "jordan-wigner", order: "interleaved", nModes: 8 },
      { mapping: "bravyi-kitaev", order: "interleaved", nModes: 8 },
      { mapping: "parity", order: "block", nModes: 8 },
      { mapping: "parity", order: "block", nModes: 8, reduced: { nAlpha: 2, nBeta: 1 } },
    ] as const;
    for (const enc of encodings) {
      for (let occ = 0; occ < 256; occ++) {
        let na = 0;
        let nb = 0;
        for (let m = 0; m < 8; m++) if ((occ >> m) & 1) m % 2 === 0 ? na++ : nb++;
        if (na !== 2 || nb !== 1) continue;
        const o = Array.from({ length: 8 }, (_, m) => (occ >> m) & 1);
        const bits = encodeOccupations([o], enc)[0]!;
        expect(decodeOccupation(bits, enc)).toBe(occ);
      }
    }
    expect(() => decodeOccupation([1, 0], encodings[0])).toThrow(/2 qubit bits, expected 8/);
  });
});

describe("QubitOperator checks", () => {
  it("toList throws when imaginary parts do not cancel (non-Hermitian input)", () => {
    expect(() => jordanWigner(FermionOperator.term("1^ 0")).toList()).toThrow(QoarError);
  });

  it("parityReduced rejects operators that change N_alpha parity", () => {
    const op = FermionOperator.term("0^ 1").add(FermionOperator.term("1^ 0"));
    expect(() => parityReduced(op, { nAlpha: 1, nBeta: 1, nModes: 4 })).toThrow(QoarError);
  });
});

describe("Bravyi-Kitaev matches OpenFermion", () => {
  it("a_9 and a†_9 on 16 qubits (OpenFermion's hard-coded test)", () => {
    const lower = bravyiKitaev(FermionOperator.term([[9, 0]]), { nModes: 16 }).pauliTerms();
    const raise = bravyiKitaev(FermionOperator.term([[9, 1]]), { nModes: 16 }).pauliTerms();
    expect(lower).toEqual([
      { re: 0, im: 0.5, label: "Z7, Y9, X11, X15" },
      { re: 0.5, im: 0, label: "Z7, Z8, X9, X11, X15" },
    ]);
    expect(raise).toEqual([
      { re: 0, im: -0.5, label: "Z7, Y9, X11, X15" },
      { re: 0.5, im: 0, label: "Z7, Z8, X9, X11, X15" },
    ]);
  });
});

describe("qubitHamiltonian", () => {
  it("composes molecularHamiltonian and the mapping", () => {
    expect(qubitHamiltonian(h2).toList()).toEqual(jordanWigner(H2).toList());
    const red = qubitHamiltonian(h2, {
      mapping: "parity",
      twoQubitReduction: true,
      nAlpha: 1,
      nBeta: 1,
    });
    expect(red.toList()).toEqual(parityReduced(H2, { nAlpha: 1, nBeta: 1 }).toList());
    expect(() => qubitHamiltonian(h2, { twoQubitReduction: true })).toThrow(QoarError);
  });
});
