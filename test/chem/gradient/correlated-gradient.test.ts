import { describe, expect, it } from "vitest";
import { fci } from "../../../src/chem/fci.js";
import { correlatedGradient } from "../../../src/chem/gradient/correlated-gradient.js";
import { groundStateGradient } from "../../../src/chem/gradient/groundstate-gradient.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { activeSpaceProblem } from "../../../src/chem/problem.js";
import { rdmsFromFCI } from "../../../src/chem/rdm.js";
import { loadReference } from "../../reference/load.js";

const ref = loadReference("fci-gradients.json");
const TIGHT = { energyTolerance: 1e-12, gradientTolerance: 1e-10 };

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("analytic correlated gradients (relaxed densities, Z-vector)", () => {
  it("FCI of LiH (STO-3G) matches Psi4's FCI gradient to 1e-6 Ha/Bohr", async () => {
    const r = ref.fci_gradients[0];
    const mol = Molecule.fromGeometry(r.geometry.replace(/\n/g, "; "), { basis: r.basis });
    const g = await groundStateGradient(mol, { solver: { method: "fci" } });
    expect(g.method).toBe("analytic");
    expect(maxDiff(g.gradient, r.gradient.flat())).toBeLessThan(1e-6);
  });

  it("CASCI(4, 4) of H2O off its symmetry (frozen core and virtuals: a full Z-vector) equals finite differences to 1e-6", async () => {
    const mol = Molecule.fromGeometry("O 0 0 0.12; H 0.1 0.76 -0.47; H 0 -0.76 -0.5");
    const solver = { method: "fci", activeElectrons: 4, activeOrbitals: 4 } as const;
    const analytic = await groundStateGradient(mol, { solver });
    const numerical = await groundStateGradient(mol, { solver, numerical: true });
    expect(analytic.method).toBe("analytic");
    expect(numerical.method).toBe("finite-difference");
    expect(maxDiff(analytic.gradient, numerical.gradient)).toBeLessThan(1e-6);
  });

  it("UCCSD-VQE of H2 equals its finite-difference gradient and the FCI one to 1e-6", async () => {
    const mol = Molecule.fromGeometry("H 0 0 0; H 0.05 0 0.8");
    const vqe = await groundStateGradient(mol);
    const numerical = await groundStateGradient(mol, { numerical: true });
    const exact = await groundStateGradient(mol, { solver: { method: "fci" } });
    expect(vqe.method).toBe("analytic");
    expect(vqe.result.method).toBe("vqe");
    expect(maxDiff(vqe.gradient, numerical.gradient)).toBeLessThan(1e-6);
    expect(maxDiff(vqe.gradient, exact.gradient)).toBeLessThan(1e-6);
  });

  it("UCCSD-VQE of LiH in a frozen-core active space (core-active response) equals finite differences to 1e-6", async () => {
    const mol = Molecule.fromGeometry("Li 0 0 0; H 0.1 0 1.5949");
    const solver = { activeElectrons: 2, activeOrbitals: 3 };
    const analytic = await groundStateGradient(mol, { solver });
    const numerical = await groundStateGradient(mol, { solver, numerical: true });
    expect(analytic.method).toBe("analytic");
    expect(maxDiff(analytic.gradient, numerical.gradient)).toBeLessThan(1e-6);
  });

  it("its densities give back the FCI energy, and the forces sum to zero", () => {
    const mol = Molecule.fromGeometry("O 0 0 0.12; H 0.1 0.76 -0.47; H 0 -0.76 -0.5");
    const p = activeSpaceProblem(mol, { activeElectrons: 6, activeOrbitals: 4, scf: TIGHT });
    const exact = fci(p.integrals, { nAlpha: p.nAlpha, nBeta: p.nBeta, tol: 1e-10 });
    const g = correlatedGradient(p, rdmsFromFCI(exact, p.nOrbitals), true);
    expect(Math.abs(g.energy - exact.energy)).toBeLessThan(1e-10);
    for (let x = 0; x < 3; x++) {
      let s = 0;
      for (let a = 0; a < 3; a++) s += g.gradient[3 * a + x]!;
      expect(Math.abs(s)).toBeLessThan(1e-9);
    }
  });

  it("falls back to finite differences on ROHF orbitals, labelled, and checks numerical", async () => {
    const mol = Molecule.fromGeometry("H 0 0 0; H 0 0 1.0", { charge: 1 });
    const g = await groundStateGradient(mol, { solver: { method: "fci" } });
    expect(g.method).toBe("finite-difference");
    const h2 = Molecule.fromName("h2");
    await expect(groundStateGradient(h2, { numerical: "yes" } as never)).rejects.toThrow(
      /numerical must be a boolean/,
    );
    const rohf = activeSpaceProblem(mol);
    const rdms = rdmsFromFCI(
      fci(rohf.integrals, { nAlpha: rohf.nAlpha, nBeta: rohf.nBeta }),
      rohf.nOrbitals,
    );
    expect(() => correlatedGradient(rohf, rdms, true)).toThrow(
      /closed-shell RHF orbitals, got rohf/,
    );
  });
});
