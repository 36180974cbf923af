import { describe, expect, it } from "vitest";
import { Molecule } from "../../src/chem/molecule.js";
import { rhfStability, runSCF } from "../../src/chem/scf.js";

// N2 at 1.0977 A in STO-3G. The core-Hamiltonian guess converges to a saddle point near
// -106.766 Ha; the RHF minimum is about -107.4959 (PySCF and Psi4 agree; it is also the value
// reached from the SAD and GWH guesses, three different starting points).
describe("RHF lands on a minimum (N2/STO-3G)", () => {
  const mol = Molecule.fromName("n2");

  it("the default (SAD guess, instability following) gives a stable minimum", () => {
    const res = runSCF(mol);
    expect(res.converged).toBe(true);
    expect(res.energy).toBeLessThan(-107.49);
    const st = rhfStability(res);
    expect(st.singlet).toBeGreaterThan(0);
    expect(res.energy).toBeCloseTo(runSCF(mol, { guess: "gwh" }).energy, 8);
  });

  it("the core guess alone stops at a saddle point, and following the instability repairs it", () => {
    const saddle = runSCF(mol, { guess: "core", followInstabilities: false });
    expect(saddle.energy).toBeGreaterThan(-107);
    expect(rhfStability(saddle).singlet).toBeLessThan(0);
    const fixed = runSCF(mol, { guess: "core" });
    expect(fixed.instabilitiesFollowed).toBeGreaterThan(0);
    expect(fixed.energy).toBeCloseTo(runSCF(mol).energy, 8);
    expect(rhfStability(fixed).stable).toBe(true);
  });

  it("leaves a stable solution alone (H2O) and keeps the triplet-unstable stretched H2 restricted", () => {
    const h2o = runSCF(Molecule.fromName("h2o"));
    expect(h2o.instabilitiesFollowed).toBe(0);
    const h2 = runSCF(Molecule.fromGeometry("H 0 0 0; H 0 0 2.5"));
    expect(h2.instabilitiesFollowed).toBe(0);
    expect(h2.energy).toBeCloseTo(-0.702943599579, 6);
  });
});

describe("stability by Davidson with J/K builds (no nbf^4 array)", () => {
  it("matches the dense analysis: H2O/6-31G (stable) and stretched H2/6-31G (triplet-unstable)", () => {
    for (const mol of [
      Molecule.fromName("h2o", { basis: "6-31g" }),
      Molecule.fromGeometry("H 0 0 0; H 0 0 2.5", { basis: "6-31g" }),
    ]) {
      const res = runSCF(mol, { followInstabilities: false });
      const dense = rhfStability(res, 1e-8, { method: "dense" });
      const dav = rhfStability(res, 1e-8, { method: "davidson" });
      expect(dav.singlet).toBeCloseTo(dense.singlet, 8);
      expect(dav.triplet).toBeCloseTo(dense.triplet, 8);
      expect(dav.stable).toBe(dense.stable);
    }
  });

  it("finds the singlet instability of the N2 core-guess saddle point and its direction", () => {
    const saddle = runSCF(Molecule.fromName("n2"), { guess: "core", followInstabilities: false });
    const dense = rhfStability(saddle, 1e-8, { method: "dense" });
    const dav = rhfStability(saddle, 1e-8, { method: "davidson" });
    expect(dav.singlet).toBeCloseTo(dense.singlet, 8);
    expect(dav.singlet).toBeLessThan(0);
    let overlap = 0;
    for (let r = 0; r < dav.singletVector!.length; r++)
      overlap += dav.singletVector![r]! * dense.singletVector![r]!;
    expect(Math.abs(overlap)).toBeCloseTo(1, 5);
  });

  it("refuses method davidson without a J/K builder, and unknown methods", () => {
    const res = runSCF(Molecule.fromName("h2"));
    const bare = { ...res, integrals: { ...res.integrals, jk: undefined } };
    expect(() => rhfStability(bare, 1e-8, { method: "davidson" })).toThrow(/J\/K builder/);
    expect(() => rhfStability(res, 1e-8, { method: "qr" as never })).toThrow(/method must be/);
  });
});

describe("singlet-only stability (what instability following uses)", () => {
  it("gives the same singlet eigenvalue with both methods and reports no triplet", () => {
    const res = runSCF(Molecule.fromGeometry("H 0 0 0; H 0 0 2.5", { basis: "6-31g" }), {
      followInstabilities: false,
    });
    for (const method of ["dense", "davidson"] as const) {
      const full = rhfStability(res, 1e-8, { method });
      const only = rhfStability(res, 1e-8, { method, singletOnly: true });
      expect(only.singlet).toBeCloseTo(full.singlet, 8);
      expect(Number.isNaN(only.triplet)).toBe(true);
      expect(full.stable).toBe(false); // the triplet instability
      expect(only.stable).toBe(true); // the singlet alone is stable
    }
  });
});
