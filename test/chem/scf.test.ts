import { describe, expect, it } from "vitest";
import { computeIntegrals, eriIndex } from "../../src/chem/integrals/index.js";
import { matmul } from "../../src/chem/linalg.js";
import { Molecule } from "../../src/chem/molecule.js";
import { type Reference, rhfStability, runSCF } from "../../src/chem/scf.js";
import { ArgumentError, ConvergenceError } from "../../src/errors.js";
import { loadReference } from "../reference/load.js";

const chem = loadReference("chem.json");
const h2ref = loadReference("h2-sto3g-0.735-integrals.json");

describe("SCF", () => {
  for (const r of chem.molecules) {
    it(`reproduces Psi4's ${r.reference} energy of ${r.name} (${r.basis}) to 1e-6`, () => {
      const mol = Molecule.fromGeometry(r.atoms, {
        basis: r.basis,
        charge: r.charge,
        multiplicity: r.multiplicity,
      });
      const res = runSCF(mol, { reference: r.reference.toLowerCase() as Reference });
      expect(res.converged).toBe(true);
      expect(Math.abs(res.eNuc - r.e_nuc)).toBeLessThan(1e-9);
      expect(Math.abs(res.energy - r.e_hf)).toBeLessThan(1e-6);
      expect(res.eElectronic + res.eNuc).toBeCloseTo(res.energy, 12);
      if (r.nbf !== undefined) expect(res.nbf).toBe(r.nbf);
      if (r.nmo !== undefined) expect(res.nmo).toBe(r.nmo);
    });
  }

  it("gives orthonormal orbitals, an idempotent density and a diagonal MO Fock matrix (RHF, H2O/6-31G)", () => {
    const res = runSCF(Molecule.fromName("h2o", { basis: "6-31g" }));
    const { nbf: n, nmo: m, coefficients: C } = res;
    const S = res.integrals.overlap;
    const ctsc = matmul(C, matmul(S, C, n, n, m), m, n, m, { transA: true });
    const ctfc = matmul(C, matmul(res.fockAlpha, C, n, n, m), m, n, m, { transA: true });
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) {
        expect(ctsc[p * m + q]).toBeCloseTo(p === q ? 1 : 0, 10);
        expect(ctfc[p * m + q]).toBeCloseTo(p === q ? res.orbitalEnergies[p]! : 0, 7);
      }
    }
    // (D S)^2 = 2 D S for the total RHF density
    const DS = matmul(res.density, S, n, n, n);
    const DSDS = matmul(DS, DS, n, n, n);
    for (let i = 0; i < n * n; i++) expect(DSDS[i]).toBeCloseTo(2 * DS[i]!, 8);
    // trace(D S) = number of electrons; Mulliken charges sum to the total charge
    let tr = 0;
    for (let i = 0; i < n; i++) tr += DS[i * n + i]!;
    expect(tr).toBeCloseTo(10, 10);
    expect(res.mullikenCharges.reduce((s, q) => s + q, 0)).toBeCloseTo(0, 10);
    expect(res.mullikenCharges[0]).toBeLessThan(0); // oxygen pulls electrons
    // water's dipole points from O to the hydrogens' side (-z here) along z only
    expect(Math.abs(res.dipole.x)).toBeLessThan(1e-8);
    expect(Math.abs(res.dipole.y)).toBeLessThan(1e-8);
    expect(res.dipole.z).toBeLessThan(0);
    expect(res.dipole.debye).toBeCloseTo(res.dipole.total * 2.541746451895026, 12);
  });

  it("reproduces Psi4's H2 orbital energies and MO integrals (STO-3G, 0.735 A)", () => {
    const res = runSCF(Molecule.fromName("h2"));
    expect(res.orbitalEnergies[0]).toBeCloseTo(h2ref.orbital_energies[0], 8);
    expect(res.orbitalEnergies[1]).toBeCloseTo(h2ref.orbital_energies[1], 8);
    const C = res.coefficients;
    for (let i = 0; i < 4; i++)
      expect(Math.abs(C[i]!)).toBeCloseTo(
        Math.abs(h2ref.mo_coefficients_ao_by_mo[i >> 1][i & 1]),
        8,
      );
    // MO transform (naive, n = 2) of the exported AO integrals
    const { hCore, eri, nbf: n } = res.integrals;
    const c = (mu: number, p: number): number => C[mu * 2 + p]!;
    for (let p = 0; p < 2; p++) {
      let h = 0;
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) h += c(a, p) * c(b, p) * hCore[a * n + b]!;
      expect(h).toBeCloseTo(h2ref.h_mo[p][p], 8);
    }
    const mo = (p: number, q: number, r: number, s: number): number => {
      let v = 0;
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++)
          for (let x = 0; x < n; x++)
            for (let y = 0; y < n; y++)
              v += c(a, p) * c(b, q) * c(x, r) * c(y, s) * eri[eriIndex(n, a, b, x, y)]!;
      return v;
    };
    for (const [p, q, r, s] of [
      [0, 0, 0, 0],
      [0, 0, 1, 1],
      [0, 1, 0, 1],
      [1, 1, 1, 1],
    ] as const) {
      expect(mo(p, q, r, s)).toBeCloseTo(h2ref.eri_mo_chemist[p][q][r][s], 8);
    }
  });

  it("UHF lies below ROHF for the CH2 triplet and equals RHF for a closed shell", () => {
    const ch2 = Molecule.fromName("ch2");
    const rohf = runSCF(ch2);
    const uhf = runSCF(ch2, { reference: "uhf" });
    expect(rohf.reference).toBe("rohf");
    expect(uhf.energy).toBeLessThan(rohf.energy - 1e-4);
    expect(uhf.energy).toBeGreaterThan(rohf.energy - 0.05);
    expect(rohf.spinSquared).toBeCloseTo(2, 10); // S = 1
    expect(uhf.spinSquared).toBeGreaterThan(2);
    expect(uhf.spinSquared).toBeLessThan(2.1);
    let traceA = 0;
    let traceB = 0;
    const n = uhf.nbf;
    const DaS = matmul(uhf.densityAlpha, uhf.integrals.overlap, n, n, n);
    const DbS = matmul(uhf.densityBeta, uhf.integrals.overlap, n, n, n);
    for (let i = 0; i < n; i++) {
      traceA += DaS[i * n + i]!;
      traceB += DbS[i * n + i]!;
    }
    expect([Math.round(traceA * 1e8) / 1e8, Math.round(traceB * 1e8) / 1e8]).toEqual([5, 3]);
    const lih = Molecule.fromName("lih");
    expect(runSCF(lih, { reference: "uhf" }).energy).toBeCloseTo(runSCF(lih).energy, 8);
    expect(runSCF(lih, { reference: "rohf" }).energy).toBeCloseTo(runSCF(lih).energy, 8);
  });

  it("finds the triplet instability of stretched H2, and UHF with broken symmetry goes below RHF there", () => {
    for (const [r, unstable] of [
      [0.735, false],
      [1.0, false],
      [1.5, true],
      [2.5, true],
    ] as const) {
      const mol = Molecule.fromGeometry(`H 0 0 0; H 0 0 ${r}`);
      const rhf = runSCF(mol);
      const st = rhfStability(rhf);
      expect(st.stable, `r = ${r}`).toBe(!unstable);
      expect(st.singlet).toBeGreaterThan(0); // H2 has one RHF solution
      const uhf = runSCF(mol, { reference: "uhf", breakSymmetry: true });
      expect(rhf.spinSquared).toBeCloseTo(0, 12);
      if (unstable) {
        expect(uhf.energy).toBeLessThan(rhf.energy - 1e-3);
        // spin contamination grows towards <S^2> = 1 (half singlet, half triplet) at dissociation
        expect(uhf.spinSquared).toBeGreaterThan(0.1);
        expect(uhf.spinSquared).toBeLessThan(1 + 1e-9);
      } else {
        expect(uhf.energy).toBeCloseTo(rhf.energy, 9);
        expect(uhf.spinSquared).toBeCloseTo(0, 8);
      }
    }
    // dissociation limit: UHF H2 at 10 A = two H atoms (ROHF doublets)
    const hAtom = runSCF(Molecule.fromGeometry("H 0 0 0"));
    expect(hAtom.reference).toBe("rohf");
    const far = runSCF(Molecule.fromGeometry("H 0 0 0; H 0 0 10"), {
      reference: "uhf",
      breakSymmetry: true,
    });
    expect(far.energy).toBeCloseTo(2 * hAtom.energy, 8);
    expect(rhfStability(runSCF(Molecule.fromName("h2o", { basis: "6-31g" }))).stable).toBe(true);
    expect(() => rhfStability(runSCF(Molecule.fromName("ch2")))).toThrow(ArgumentError);
  });

  it("converges to the same energy without DIIS, from the GWH and SAD guesses, and with reused integrals", () => {
    const mol = Molecule.fromName("h2o");
    const ref = runSCF(mol).energy;
    expect(runSCF(mol, { diis: false, maxIterations: 200 }).energy).toBeCloseTo(ref, 8);
    expect(runSCF(mol, { guess: "gwh" }).energy).toBeCloseTo(ref, 8);
    const sad = runSCF(mol, { guess: "sad" });
    expect(sad.energy).toBeCloseTo(ref, 8);
    expect(sad.energies[0]! - ref).toBeLessThan(runSCF(mol, { guess: "core" }).energies[0]! - ref);
    const ints = computeIntegrals(mol);
    expect(runSCF(mol, { integrals: ints }).energy).toBeCloseTo(ref, 10);
  });

  it("reports non-convergence as ConvergenceError unless asked for the unconverged result", () => {
    const mol = Molecule.fromName("h2o", { basis: "6-31g" });
    expect(() => runSCF(mol, { maxIterations: 3 })).toThrow(ConvergenceError);
    expect(() => runSCF(mol, { maxIterations: 3 })).toThrow(/last energy change/);
    const res = runSCF(mol, { maxIterations: 3, allowUnconverged: true });
    expect(res.converged).toBe(false);
    expect(res.iterations).toBe(3);
    expect(res.energies).toHaveLength(3);
  });

  it("validates its options", () => {
    const h2 = Molecule.fromName("h2");
    expect(() => runSCF(Molecule.fromName("ch2"), { reference: "rhf" })).toThrow(/closed shell/);
    expect(() => runSCF(h2, { reference: "ghf" as Reference })).toThrow(ArgumentError);
    expect(() => runSCF(h2, { maxIterations: 0 })).toThrow(ArgumentError);
    expect(() => runSCF(h2, { energyTolerance: -1 })).toThrow(ArgumentError);
    expect(() => runSCF(h2, { guess: "huckel" as "core" })).toThrow(ArgumentError);
    expect(() => runSCF(h2, { integrals: computeIntegrals(Molecule.fromName("h2o")) })).toThrow(
      ArgumentError,
    );
  });
});
