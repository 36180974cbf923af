import { describe, expect, it } from "vitest";
import { finiteDifferenceGradient } from "../../../src/chem/gradient/finite-difference.js";
import { scfGradient } from "../../../src/chem/gradient/scf-gradient.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { type Reference, runSCF } from "../../../src/chem/scf.js";
import { ArgumentError } from "../../../src/errors.js";
import { loadReference } from "../../reference/load.js";

const ref = loadReference("scf-gradients.json");

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Central differences of the tightly converged SCF energy. */
async function finiteDifferences(mol: Molecule, reference: Reference): Promise<Float64Array> {
  const tight = { reference, energyTolerance: 1e-12, gradientTolerance: 1e-10 };
  return (await finiteDifferenceGradient(mol, (m) => runSCF(m, tight).energy)).gradient;
}

describe("Hartree-Fock nuclear gradients", () => {
  for (const r of ref.gradients) {
    it(`reproduce Psi4's ${r.reference.toUpperCase()} gradient of ${r.molecule} (${r.basis}) to 1e-7 Ha/Bohr`, () => {
      const mol = Molecule.fromGeometry(r.geometry.replace(/\n/g, "; "), {
        basis: r.basis,
        multiplicity: r.multiplicity ?? 1,
      });
      const g = scfGradient(mol, { scf: { reference: r.reference } });
      expect(g.method).toBe("analytic");
      expect(Math.abs(g.energy - r.energy)).toBeLessThan(1e-8);
      expect(maxDiff(g.gradient, r.gradient.flat())).toBeLessThan(1e-7);
    });
  }

  it("RHF agrees with central differences of the energy at a geometry without symmetry (H2O, 6-31G)", async () => {
    const mol = Molecule.fromGeometry("O 0.05 -0.02 0.11; H 0.1 0.8 -0.45; H -0.05 -0.7 -0.5", {
      basis: "6-31g",
    });
    const g = scfGradient(mol);
    expect(maxDiff(g.gradient, await finiteDifferences(mol, "rhf"))).toBeLessThan(1e-6);
  });

  for (const reference of ["uhf", "rohf"] as const) {
    it(`${reference.toUpperCase()} agrees with central differences (triplet CH2 bent off its plane, 6-31G)`, async () => {
      const mol = Molecule.fromGeometry("C 0 0.03 0; H 0.1 0.99 0.6; H -0.05 -0.98 0.62", {
        basis: "6-31g",
        multiplicity: 3,
      });
      const g = scfGradient(mol, { scf: { reference } });
      expect(maxDiff(g.gradient, await finiteDifferences(mol, reference))).toBeLessThan(1e-6);
      // the forces on a free molecule sum to zero
      for (let k = 0; k < 3; k++)
        expect(Math.abs(g.gradient[k]! + g.gradient[3 + k]! + g.gradient[6 + k]!)).toBeLessThan(
          1e-9,
        );
    });
  }

  it("differentiates a given SCF result without rerunning it", () => {
    const mol = Molecule.fromName("h2o");
    const scf = runSCF(mol, { energyTolerance: 1e-12, gradientTolerance: 1e-10 });
    const g = scfGradient(mol, { result: scf });
    expect(g.scf).toBe(scf);
    expect(maxDiff(g.gradient, scfGradient(mol).gradient)).toBeLessThan(1e-8);
  });

  it("refuses bad input with errors that name it", () => {
    const mol = Molecule.fromName("h2");
    expect(() => scfGradient({} as Molecule)).toThrow(ArgumentError);
    expect(() => scfGradient(mol, { reslt: 1 } as never)).toThrow(/reslt/);
    expect(() => scfGradient(mol, { result: {} as never })).toThrow(/runSCF/);
    const unconverged = runSCF(Molecule.fromName("h2o"), {
      maxIterations: 2,
      allowUnconverged: true,
    });
    expect(() => scfGradient(Molecule.fromName("h2o"), { result: unconverged })).toThrow(
      /not converged/,
    );
    expect(() => scfGradient(Molecule.fromName("h2o"), { result: runSCF(mol) })).toThrow(
      /does not belong/,
    );
  });
});

describe("finiteDifferenceGradient", () => {
  it("differentiates an analytic function of the geometry to O(h^2) and labels itself", async () => {
    // E = sum of squared coordinates times 0.3: dE/dx = 0.6 x exactly (central differences are exact for quadratics)
    const mol = Molecule.fromGeometry("H 0.1 0.2 0.3; H 0.4 -0.5 1.2");
    const x = [mol.atoms[0]!, mol.atoms[1]!].flatMap((a) => [a.x, a.y, a.z]);
    const g = await finiteDifferenceGradient(mol, (m) =>
      m.atoms.reduce((s, a) => s + 0.3 * (a.x ** 2 + a.y ** 2 + a.z ** 2), 0),
    );
    expect(g.method).toBe("finite-difference");
    expect(
      maxDiff(
        g.gradient,
        x.map((v) => 0.6 * v),
      ),
    ).toBeLessThan(1e-10);
  });

  it("refuses bad arguments", async () => {
    const mol = Molecule.fromName("h2");
    await expect(finiteDifferenceGradient(mol, 3 as never)).rejects.toThrow(
      /energy must be a function/,
    );
    await expect(finiteDifferenceGradient(mol, () => 0, { step: -1 })).rejects.toThrow(/step/);
    await expect(finiteDifferenceGradient(mol, () => Number.NaN)).rejects.toThrow(/finite number/);
    await expect(finiteDifferenceGradient(mol, () => 0, { stp: 1 } as never)).rejects.toThrow(
      /stp/,
    );
  });
});
