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
