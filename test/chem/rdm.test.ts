import { describe, expect, it } from "vitest";
import { randomMOIntegrals } from "../../src/chem/active-space.js";
import { dipoleFromDensity } from "../../src/chem/dipole.js";
import { fci } from "../../src/chem/fci.js";
import {
  FermionOperator,
  molecularHamiltonian,
  numberOperator,
  s2Operator,
  szOperator,
} from "../../src/chem/fermion.js";
import { type MappingName, mapFermionOperator, parityReduced } from "../../src/chem/mappings.js";
import { Molecule } from "../../src/chem/molecule.js";
import { activeSpaceProblem } from "../../src/chem/problem.js";
import {
  correlatedDipole,
  naturalOrbitals,
  type ReducedDensityMatrices,
  rdmEnergy,
  rdmsFromFCI,
  rdmsFromState,
  spatialOneRdm,
} from "../../src/chem/rdm.js";
import { type Reference, runSCF } from "../../src/chem/scf.js";
import { sectorGroundState } from "../../src/chem/sector.js";
import { ArgumentError } from "../../src/errors.js";
import { State } from "../../src/quantum/state/state.js";
import { loadReference } from "../reference/load.js";

const props = loadReference("properties.json");

interface PropRecord {
  name: string;
  basis: string;
  reference: string;
  method: "scf" | "fci";
  charge: number;
  multiplicity: number;
  atoms: string;
  energy: number;
  dipole_debye?: [number, number, number];
  spin_squared?: number;
}

function moleculeOf(r: PropRecord): Molecule {
  return Molecule.fromGeometry(r.atoms, {
    basis: r.basis,
    charge: r.charge,
    multiplicity: r.multiplicity,
  });
}

/** A sector eigenvector (basis bit q = qubit q) as a State (qubit 0 = most significant bit). */
function sectorState(basis: Int32Array, vector: Float64Array, nQubits: number): State {
  const amps = new Float64Array(2 * 2 ** nQubits);
  basis.forEach((b, i) => {
    let idx = 0;
    for (let q = 0; q < nQubits; q++) if ((b >>> q) & 1) idx |= 1 << (nQubits - 1 - q);
    amps[2 * idx] = vector[i]!;
  });
  return State.fromAmplitudes(amps);
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("dipoles against Psi4 1.3.2", () => {
  for (const r of (props.records as PropRecord[]).filter((x) => x.dipole_debye !== undefined)) {
    it(`${r.method.toUpperCase()} dipole of ${r.name} (${r.basis}, ${r.reference}) to 1e-4 D`, () => {
      const mol = moleculeOf(r);
      const scf = runSCF(mol, {
        reference: r.reference.toLowerCase() as Reference,
        energyTolerance: 1e-11,
        gradientTolerance: 1e-9,
      });
      let dipole = scf.dipole;
      if (r.method === "fci") {
        const p = activeSpaceProblem(mol, { scfResult: scf });
        const res = fci(p.integrals, { nAlpha: p.nAlpha, nBeta: p.nBeta, tol: 1e-9 });
        expect(Math.abs(res.energy - r.energy)).toBeLessThan(1e-8);
        dipole = correlatedDipole(p, rdmsFromFCI(res, p.nOrbitals, { twoBody: false }));
      } else expect(Math.abs(scf.energy - r.energy)).toBeLessThan(1e-8);
      for (let k = 0; k < 3; k++)
        expect(Math.abs(dipole.vectorDebye[k]! - r.dipole_debye![k]!)).toBeLessThan(1e-4);
      expect(dipole.note !== undefined).toBe(r.charge !== 0);
    });
  }

  it("UHF <S^2> of triplet CH2 to 1e-6", () => {
    const r = (props.records as PropRecord[]).find((x) => x.spin_squared !== undefined)!;
    const scf = runSCF(moleculeOf(r), { reference: "uhf" });
    expect(Math.abs(scf.energy - r.energy)).toBeLessThan(1e-8);
    expect(Math.abs(scf.spinSquared - r.spin_squared!)).toBeLessThan(1e-6);
  });
});

describe("RDMs", () => {
  const lih = Molecule.fromGeometry("Li 0 0 0; H 0 0 1.5949", { basis: "sto-3g" });
  const problem = activeSpaceProblem(lih, { activeElectrons: 2, activeOrbitals: 4 });
  const ints = problem.integrals;
  const exact = fci(ints, { nAlpha: 1, nBeta: 1, tol: 1e-10 });
  const fromFci = rdmsFromFCI(exact, ints.nOrbitals);

  it("the 2-RDM gives back the FCI energy, traces give N(N-1) and N", () => {
    expect(Math.abs(rdmEnergy(ints, fromFci) - exact.energy)).toBeLessThan(1e-10);
    const N = 2 * ints.nOrbitals;
    let t1 = 0;
    let t2 = 0;
    for (let P = 0; P < N; P++) {
      t1 += fromFci.oneRdm[P * N + P]!;
      for (let Q = 0; Q < N; Q++) t2 += fromFci.twoRdm![((P * N + Q) * N + Q) * N + P]!;
    }
    expect(t1).toBeCloseTo(2, 12);
    expect(t2).toBeCloseTo(2, 12); // N (N - 1) = 2
    expect(fromFci.particleNumber).toBeCloseTo(2, 12);
    expect(fromFci.s2).toBeCloseTo(0, 10);
  });

  for (const [mapping, order] of [
    ["jordan-wigner", "interleaved"],
    ["jordan-wigner", "block"],
    ["bravyi-kitaev", "interleaved"],
    ["parity", "interleaved"],
    ["parity-reduced", "block"],
  ] as const) {
    it(`from the ${mapping} (${order}) sector eigenvector = from the FCI vector`, () => {
      const op = molecularHamiltonian(ints);
      const H =
        mapping === "parity-reduced"
          ? parityReduced(op, { nAlpha: 1, nBeta: 1 })
          : mapFermionOperator(op, { mapping: mapping as MappingName, order });
      const s = sectorGroundState(H, { nAlpha: 1, nBeta: 1, tol: 1e-10 });
      expect(Math.abs(s.energy - exact.energy)).toBeLessThan(1e-10);
      const r = rdmsFromState(sectorState(s.basis, s.vector, H.nQubits), { encoding: H.encoding! });
      expect(maxDiff(r.oneRdm, fromFci.oneRdm)).toBeLessThan(1e-8);
      expect(maxDiff(r.twoRdm!, fromFci.twoRdm!)).toBeLessThan(1e-8);
    });
  }

  it("a random state of every particle number: 1-RDM, <N>, <Sz>, <S^2> = mapped operators' expectations (BK)", () => {
    const n = 3;
    const psi = State.random(2 * n, { seed: 5 });
    const map = (op: FermionOperator) =>
      mapFermionOperator(op, { mapping: "bravyi-kitaev", nModes: 2 * n });
    const enc = map(numberOperator(n)).encoding!;
    const r = rdmsFromState(psi, { encoding: enc });
    expect(r.particleNumber).toBeCloseTo(
      map(numberOperator(n)).toHamiltonian().expectation(psi),
      10,
    );
    expect(r.sz).toBeCloseTo(map(szOperator(n)).toHamiltonian().expectation(psi), 10);
    expect(r.s2).toBeCloseTo(map(s2Operator(n)).toHamiltonian().expectation(psi), 10);
    const N = 2 * n;
    for (const [P, Q] of [
      [0, 0],
      [1, 3],
      [2, 5],
      [5, 0],
    ] as const) {
      const herm = FermionOperator.term(`${P}^ ${Q}`, 0.5).add(
        FermionOperator.term(`${Q}^ ${P}`, 0.5),
      );
      const want = map(herm).toHamiltonian().expectation(psi);
      expect((r.oneRdm[P * N + Q]! + r.oneRdm[Q * N + P]!) / 2).toBeCloseTo(want, 10);
    }
    // <S^2> from the 2-RDM: S_- S_+ = Σ_p n_{p beta} - Σ_pq a†_{p beta} a†_{q alpha} a_{p alpha} a_{q beta}
    const G = r.twoRdm!;
    let s2 = r.sz;
    for (let p = 0; p < n; p++) {
      s2 += r.oneRdm[(2 * p + 1) * N + 2 * p + 1]!;
      for (let q = 0; q < n; q++) s2 -= G[(((2 * p + 1) * N + 2 * q) * N + 2 * p) * N + 2 * q + 1]!;
    }
    const szOp = szOperator(n);
    s2 += map(szOp.multiply(szOp)).toHamiltonian().expectation(psi);
    expect(s2).toBeCloseTo(r.s2, 10);
  });

  it("natural occupations of H2 are 2 c_0^2 and 2 c_1^2 of its two-determinant FCI vector", () => {
    const h2 = activeSpaceProblem(Molecule.fromGeometry("H 0 0 0; H 0 0 0.735"));
    const res = fci(h2.integrals, { nAlpha: 1, nBeta: 1, tol: 1e-10 });
    const nat = naturalOrbitals(rdmsFromFCI(res, 2));
    const c = [...res.vector].map((v) => v * v).sort((a, b) => b - a);
    expect(nat.occupations[0]).toBeCloseTo(2 * c[0]!, 10);
    expect(nat.occupations[1]).toBeCloseTo(2 * c[1]!, 10);
  });

  it("natural orbitals diagonalize the spatial 1-RDM (LiH CASCI)", () => {
    const D = spatialOneRdm(fromFci);
    const n = fromFci.nOrbitals;
    const { occupations, vectors } = naturalOrbitals(fromFci);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += occupations[k]!;
      if (k > 0) expect(occupations[k]!).toBeLessThanOrEqual(occupations[k - 1]! + 1e-14);
      for (let l = 0; l < n; l++) {
        let v = 0;
        for (let p = 0; p < n; p++)
          for (let q = 0; q < n; q++)
            v += vectors[p * n + k]! * D[p * n + q]! * vectors[q * n + l]!;
        expect(v).toBeCloseTo(k === l ? occupations[k]! : 0, 12);
      }
    }
    expect(sum).toBeCloseTo(2, 12);
  });

  it("AO natural orbitals: S-orthonormal, and their density (plus the core) gives the correlated dipole", () => {
    const nat = naturalOrbitals(fromFci, problem);
    const { nbf, nmo, coefficients: C } = problem.scf;
    const S = problem.scf.integrals.overlap;
    const n = fromFci.nOrbitals;
    const ao = nat.aoCoefficients!;
    for (let k = 0; k < n; k++) {
      for (let l = 0; l < n; l++) {
        let v = 0;
        for (let mu = 0; mu < nbf; mu++)
          for (let nu = 0; nu < nbf; nu++)
            v += ao[mu * n + k]! * S[mu * nbf + nu]! * ao[nu * n + l]!;
        expect(v).toBeCloseTo(k === l ? 1 : 0, 10);
      }
    }
    const D = new Float64Array(nbf * nbf);
    for (let mu = 0; mu < nbf; mu++) {
      for (let nu = 0; nu < nbf; nu++) {
        let v = 2 * C[mu * nmo]! * C[nu * nmo]!; // the frozen Li 1s
        for (let k = 0; k < n; k++) v += nat.occupations[k]! * ao[mu * n + k]! * ao[nu * n + k]!;
        D[mu * nbf + nu] = v;
      }
    }
    const want = correlatedDipole(problem, fromFci);
    const got = dipoleFromDensity(lih, problem.scf.integrals.dipole, D);
    expect(got.z).toBeCloseTo(want.z, 10);
    expect(() =>
      naturalOrbitals(
        rdmsFromFCI(fci(randomMOIntegrals(2, 1), { nAlpha: 1, nBeta: 1 }), 2),
        problem,
      ),
    ).toThrow(/2 orbitals.*4/);
  });

  it("the dipole of the HF determinant's RDMs is the SCF dipole (frozen core + active)", () => {
    const n = ints.nOrbitals;
    const hf = fci(ints, { nAlpha: 1, nBeta: 1 });
    const det = { ...hf, vector: hf.vector.map((_, i) => (i === 0 ? 1 : 0)) };
    const d = correlatedDipole(problem, rdmsFromFCI(det, n, { twoBody: false }));
    for (const k of ["x", "y", "z"] as const) expect(d[k]).toBeCloseTo(problem.scf.dipole[k], 10);
  });

  it("refuses bad input", () => {
    const random = randomMOIntegrals(2, 1);
    const r = fci(random, { nAlpha: 1, nBeta: 1 });
    expect(() => rdmsFromFCI(r, 1)).toThrow(ArgumentError);
    expect(() => rdmsFromFCI({} as never, 2)).toThrow(/expected an fci\(\) result/);
    expect(() => rdmsFromFCI(r, 2, { twoBdy: false } as never)).toThrow(/twoBody/);
    const enc = mapFermionOperator(numberOperator(2)).encoding!;
    expect(() => rdmsFromState(State.zero(3), { encoding: enc })).toThrow(/3 qubits.*4/);
    expect(() => rdmsFromState(State.zero(4), {} as never)).toThrow(ArgumentError);
    const two: ReducedDensityMatrices = rdmsFromFCI(r, 2);
    expect(() => correlatedDipole(problem, two)).toThrow(/2 orbitals.*4/);
    expect(() => rdmEnergy(ints, two)).toThrow(ArgumentError);
    expect(() => rdmEnergy(random, rdmsFromFCI(r, 2, { twoBody: false }))).toThrow(/2-RDM/);
  });
});
