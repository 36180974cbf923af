import { describe, expect, it } from "vitest";
import { UCCSD } from "../../src/chem/ansatz/index.js";
import { GroundStateSolver, vqe } from "../../src/chem/groundstate.js";
import { Molecule } from "../../src/chem/molecule.js";
import { ArgumentError } from "../../src/errors.js";
import { fciRecords } from "./qc-reference.js";

// Psi4's FCI energies (chem.json) are the independent yardstick; our own FCI must agree too.
const refs = fciRecords();
const ref = (name: string) => refs.find((r) => r.name === name)!.e_fci!;

describe("VQE with UCCSD", () => {
  for (const mapping of ["jw", "bk", "parity", "parity-reduced"] as const) {
    it(`H2 and HeH+ reach FCI to 1e-6 Ha (${mapping})`, () => {
      for (const [name, key] of [
        ["h2", "H2 r=0.735"],
        ["heh+", "HeH+"],
      ] as const) {
        const r = vqe(Molecule.fromName(name), { mapping });
        expect(Math.abs(r.vqeEnergy! - ref(key))).toBeLessThan(1e-6);
        expect(Math.abs(r.fciEnergy! - ref(key))).toBeLessThan(1e-6);
        expect(r.vqeEnergy!).toBeLessThan(r.hfEnergy - 1e-3);
        expect(r.particleNumber).toBeCloseTo(2, 9);
        expect(r.converged).toBe(true);
      }
    });
  }

  it("LiH (all electrons, 12 qubits, 92 amplitudes) to 1e-4 Ha", () => {
    const r = vqe(Molecule.fromName("lih"));
    expect(r.nQubits).toBe(12);
    expect(r.nParameters).toBe(92);
    expect(Math.abs(r.fciEnergy! - ref("LiH r=1.5949"))).toBeLessThan(1e-6);
    expect(r.error!).toBeGreaterThan(-1e-9); // variational
    expect(r.error!).toBeLessThan(1e-4);
  });

  it("the H4 chain to chemical accuracy (1.6e-3 Ha; reaches about 8.5e-5)", () => {
    const r = vqe(Molecule.fromName("h4"));
    expect(r.nQubits).toBe(8);
    expect(r.error!).toBeGreaterThan(-1e-9);
    expect(r.error!).toBeLessThan(1.6e-3);
  });

  it("Adam also converges (H2, zero amplitudes), calling back every iteration", () => {
    const seen: number[] = [];
    const r = vqe(Molecule.fromName("h2"), {
      optimizer: "adam",
      lr: 0.1,
      initial: "zero",
      maxIterations: 400,
      callback: (it) => {
        seen.push(it.energy);
        return undefined;
      },
    });
    expect(seen).toEqual(r.history);
    expect(r.history[0]).toBeCloseTo(r.hfEnergy, 10);
    expect(Math.abs(r.error!)).toBeLessThan(1e-6);
  });

  it("stops when the callback says so, and writes progress lines", () => {
    const lines: string[] = [];
    const r = vqe(Molecule.fromName("h4"), {
      callback: (it) => it.iteration >= 2,
      progress: (l) => lines.push(l),
    });
    expect(r.iterations).toBe(2);
    expect(lines.some((l) => l.startsWith("VQE "))).toBe(true);
  });
});

describe("other solvers and options", () => {
  it("HEA on H2 to 1e-5 Ha, staying in the 2-electron sector", () => {
    const r = vqe(Molecule.fromName("h2"), { ansatz: "hea", seed: 1 });
    expect(Math.abs(r.error!)).toBeLessThan(1e-5);
    expect(r.particleNumber!).toBeCloseTo(2, 4);
  });

  it("method fci is exact and needs no circuit (LiH in a 2-electron, 3-orbital active space)", () => {
    const r = vqe(Molecule.fromName("lih"), {
      method: "fci",
      activeElectrons: 2,
      activeOrbitals: 3,
    });
    expect(r.method).toBe("fci");
    expect(r.nQubits).toBe(6);
    expect(r.frozenCore).toBe(1);
    expect(r.energy).toBeLessThan(r.hfEnergy);
    // a smaller active space is a variational upper bound on the full FCI
    expect(r.energy).toBeGreaterThan(ref("LiH r=1.5949"));
  });

  it("reports the reference, nuclear repulsion and orbital count; a reduced space is a CASCI", () => {
    const lines: string[] = [];
    const mol = Molecule.fromName("lih");
    const r = vqe(mol, {
      method: "fci",
      activeElectrons: 2,
      activeOrbitals: 3,
      progress: (l) => lines.push(l),
    });
    expect(r.reference).toBe("rhf");
    expect(r.nuclearRepulsion).toBeCloseTo(mol.nuclearRepulsion(), 12);
    expect(r.nMolecularOrbitals).toBe(6); // STO-3G LiH: Li 1s 2s 2p (5) + H 1s
    expect(lines.some((l) => /^CASCI\(2, 3\) -7\.86/.test(l))).toBe(true);
    expect(lines.join("\n")).not.toMatch(/FCI/);
    // all orbitals active: plain FCI; a doublet: ROHF
    const h2 = vqe(Molecule.fromName("h2"), { method: "fci", progress: (l) => lines.push(l) });
    expect(h2.nMolecularOrbitals).toBe(2);
    expect(lines[lines.length - 1]).toMatch(/^FCI -1\.137306/);
    const h3 = Molecule.fromGeometry("H 0 0 0; H 0 0 0.9; H 0 0 1.8", { multiplicity: 2 });
    expect(vqe(h3, { method: "fci" }).reference).toBe("rohf");
  });

  it("GroundStateSolver solves a molecule or a ready ansatz", async () => {
    const mol = Molecule.fromName("heh+");
    const a = await new GroundStateSolver({ optimizer: "lbfgs" }).solve(new UCCSD(mol), mol);
    const b = await new GroundStateSolver().solve(mol);
    expect(a.vqeEnergy!).toBeCloseTo(b.vqeEnergy!, 8);
    await expect(new GroundStateSolver().solve(42 as unknown as Molecule)).rejects.toThrow(
      ArgumentError,
    );
  });

  it("validates options", () => {
    const mol = Molecule.fromName("h2");
    expect(() => vqe(mol, { optimizer: "sgd" as "adam" })).toThrow(ArgumentError);
    expect(() => vqe(mol, { method: "dmrg" as "fci" })).toThrow(ArgumentError);
    expect(() => vqe(mol, { tolerance: -1 })).toThrow(ArgumentError);
    expect(() => vqe(mol, { ansatz: "ucc" as "hea" })).toThrow(ArgumentError);
  });
});
