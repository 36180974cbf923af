import { describe, expect, it } from "vitest";
import { UCCSD } from "../../../src/chem/ansatz/index.js";
import { groundStateGradient } from "../../../src/chem/gradient/groundstate-gradient.js";
import { optimizeGeometry } from "../../../src/chem/gradient/optimize.js";
import { BOHR_IN_ANGSTROM, Molecule } from "../../../src/chem/molecule.js";
import { loadReference } from "../../reference/load.js";

const ref = loadReference("fci-gradients.json");

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("groundStateGradient (finite differences of the whole pipeline)", () => {
  it("FCI of LiH (STO-3G) matches Psi4's FCI gradient to 1e-6 Ha/Bohr", async () => {
    const r = ref.fci_gradients[0];
    const mol = Molecule.fromGeometry(r.geometry.replace(/\n/g, "; "), { basis: r.basis });
    const g = await groundStateGradient(mol, { solver: { method: "fci" }, numerical: true });
    expect(g.method).toBe("finite-difference");
    expect(g.result.method).toBe("fci");
    expect(maxDiff(g.gradient, r.gradient.flat())).toBeLessThan(1e-6);
  });

  it("VQE (UCCSD, exact for two electrons) gives the FCI gradient of H2 to 1e-6", async () => {
    const mol = Molecule.fromGeometry("H 0 0 0; H 0.05 0 0.8");
    const vqe = await groundStateGradient(mol, { numerical: true });
    const exact = await groundStateGradient(mol, { solver: { method: "fci" }, numerical: true });
    expect(vqe.result.method).toBe("vqe");
    expect(maxDiff(vqe.gradient, exact.gradient)).toBeLessThan(1e-6);
    expect(Math.abs(vqe.energy - exact.energy)).toBeLessThan(1e-9);
  });

  it("drives an FCI optimization (analytic gradients by default) of H2 to Psi4's bond length (1e-4 A) and energy (1e-7 Ha)", async () => {
    const r = ref.fci_optimized[0];
    const mol = Molecule.fromGeometry(r.start.replace(/\n/g, "; "), { basis: r.basis });
    const opt = await optimizeGeometry(mol, {
      gradient: (m) => groundStateGradient(m, { solver: { method: "fci" } }),
    });
    const [a, b] = opt.molecule.atoms;
    const bond = Math.hypot(b!.x - a!.x, b!.y - a!.y, b!.z - a!.z) * BOHR_IN_ANGSTROM;
    const [p, q] = r.geometry_angstrom as number[][];
    const theirs = Math.hypot(q![0]! - p![0]!, q![1]! - p![1]!, q![2]! - p![2]!);
    expect(Math.abs(bond - theirs)).toBeLessThan(1e-4);
    expect(Math.abs(opt.energy - r.energy)).toBeLessThan(1e-7);
    expect(opt.method).toBe("analytic");
  });

  it("refuses a ready ansatz (it belongs to one geometry) and bad options", async () => {
    const mol = Molecule.fromName("h2");
    await expect(groundStateGradient(mol, { solver: { ansatz: new UCCSD(mol) } })).rejects.toThrow(
      /by name/,
    );
    await expect(groundStateGradient(mol, { slover: {} } as never)).rejects.toThrow(/slover/);
    await expect(groundStateGradient(mol, { step: 0 })).rejects.toThrow(/step/);
    await expect(groundStateGradient("h2" as never)).rejects.toThrow(/expected a Molecule/);
  });
});
