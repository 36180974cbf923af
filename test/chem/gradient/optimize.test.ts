import { describe, expect, it } from "vitest";
import { optimizeGeometry } from "../../../src/chem/gradient/optimize.js";
import { scfGradient } from "../../../src/chem/gradient/scf-gradient.js";
import { BOHR_IN_ANGSTROM, Molecule } from "../../../src/chem/molecule.js";
import { ArgumentError, ConvergenceError } from "../../../src/errors.js";
import { loadReference } from "../../reference/load.js";

const ref = loadReference("scf-gradients.json");

/** All interatomic distances (Angstrom): a frame-free description of a geometry. */
function distances(xyz: readonly (readonly number[])[]): number[] {
  const d: number[] = [];
  for (let i = 0; i < xyz.length; i++)
    for (let j = 0; j < i; j++)
      d.push(
        Math.hypot(xyz[i]![0]! - xyz[j]![0]!, xyz[i]![1]! - xyz[j]![1]!, xyz[i]![2]! - xyz[j]![2]!),
      );
  return d;
}

function angstrom(m: Molecule): number[][] {
  return m.atoms.map((a) => [a.x, a.y, a.z].map((v) => v * BOHR_IN_ANGSTROM));
}

describe("optimizeGeometry", () => {
  for (const r of ref.optimized) {
    it(`reaches Psi4's RHF/STO-3G minimum of ${r.molecule}: distances to 1e-4 A, energy to 1e-7 Ha`, async () => {
      const start = Molecule.fromGeometry(r.start.replace(/\n/g, "; "), { basis: r.basis });
      const opt = await optimizeGeometry(start);
      expect(opt.converged).toBe(true);
      expect(opt.method).toBe("analytic");
      expect(Math.abs(opt.energy - r.energy)).toBeLessThan(1e-7);
      const mine = distances(angstrom(opt.molecule));
      const theirs = distances(r.geometry_angstrom);
      for (let k = 0; k < mine.length; k++)
        expect(Math.abs(mine[k]! - theirs[k]!)).toBeLessThan(1e-4);
      // every force is below the threshold, and the energy went down step by step
      for (const v of opt.gradient) expect(Math.abs(v)).toBeLessThan(1.5e-5);
      for (let k = 1; k < opt.history.length; k++)
        expect(opt.history[k]!.energy).toBeLessThan(opt.history[k - 1]!.energy + 1e-12);
    });
  }

  it("keeps the input frame: a molecule on the z axis stays on it, centred where it was", async () => {
    const opt = await optimizeGeometry(Molecule.fromGeometry("H 0 0 0.1; F 0 0 1.0"));
    for (const a of opt.molecule.atoms) {
      expect(Math.abs(a.x)).toBeLessThan(1e-12);
      expect(Math.abs(a.y)).toBeLessThan(1e-12);
    }
  });

  it("follows a user gradient function (an analytic Morse-like pair potential)", async () => {
    // E = (r - 1.7)^2 for the H-H distance in Bohr; the minimum is r = 1.7
    const energy = (m: Molecule) => {
      const [a, b] = m.atoms as [Molecule["atoms"][0], Molecule["atoms"][0]];
      const d = [b.x - a.x, b.y - a.y, b.z - a.z];
      const r = Math.hypot(d[0]!, d[1]!, d[2]!);
      const f = (2 * (r - 1.7)) / r;
      const g = new Float64Array([
        -f * d[0]!,
        -f * d[1]!,
        -f * d[2]!,
        f * d[0]!,
        f * d[1]!,
        f * d[2]!,
      ]);
      return { energy: (r - 1.7) ** 2, gradient: g, method: "analytic" as const };
    };
    const opt = await optimizeGeometry(
      Molecule.fromGeometry("H 0 0 0; H 0.3 0.2 1.2", { units: "bohr" }),
      {
        gradient: energy,
        maxForce: 1e-8,
      },
    );
    const [a, b] = opt.molecule.atoms;
    expect(Math.hypot(b!.x - a!.x, b!.y - a!.y, b!.z - a!.z)).toBeCloseTo(1.7, 7);
  });

  it("reports the last geometry and force when maxSteps runs out", async () => {
    const start = Molecule.fromGeometry("O 0 0 0.3; H 0 0.9 -0.4; H 0 -0.6 -0.5");
    const err = await optimizeGeometry(start, { maxSteps: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConvergenceError);
    expect(String((err as Error).message)).toMatch(
      /not converged in 1 steps.*largest force.*last geometry \(Angstrom\): O /,
    );
    const r = await optimizeGeometry(start, { maxSteps: 1, allowUnconverged: true });
    expect(r.converged).toBe(false);
    expect(r.steps).toBe(1);
    // the gradient reported is the gradient at the geometry reported
    const again = scfGradient(r.molecule);
    for (let i = 0; i < again.gradient.length; i++)
      expect(Math.abs(again.gradient[i]! - r.gradient[i]!)).toBeLessThan(1e-7);
  });

  it("refuses bad options", async () => {
    const mol = Molecule.fromName("h2");
    await expect(optimizeGeometry({} as Molecule)).rejects.toThrow(ArgumentError);
    await expect(optimizeGeometry(mol, { maxSteps: 0 })).rejects.toThrow(/maxSteps/);
    await expect(optimizeGeometry(mol, { maxForce: -1 })).rejects.toThrow(/maxForce/);
    await expect(optimizeGeometry(mol, { gradient: 1 as never })).rejects.toThrow(
      /gradient must be a function/,
    );
    await expect(optimizeGeometry(mol, { gradient: () => ({}) as never })).rejects.toThrow(
      /must return/,
    );
    await expect(optimizeGeometry(mol, { maxstep: 1 } as never)).rejects.toThrow(/maxstep/);
  });
});
