import { describe, expect, it } from "vitest";
import { BasisSet } from "../../../src/chem/basis.js";
import { electronRepulsion } from "../../../src/chem/integrals/eri.js";
import { computeIntegrals } from "../../../src/chem/integrals/index.js";
import { JKBuilder } from "../../../src/chem/integrals/jk.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { addCoulombExchange } from "../../../src/chem/scf/fock.js";
import { runSCF } from "../../../src/chem/scf.js";
import { ArgumentError, ResourceError } from "../../../src/errors.js";
import { Rng } from "../../../src/random.js";

/** A random symmetric matrix with entries in [-1, 1). */
function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = 2 * rng.uniform() - 1;
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
  return D;
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("J/K builds from shell quartets (JKBuilder)", () => {
  // Cartesian d shells, several contracted s/p shells: every degeneracy case of the quartet loop.
  const basis = new BasisSet(Molecule.fromName("h2o"), "6-31g*");
  const n = basis.nbf;
  const eri = electronRepulsion(basis);
  const D1 = randomSymmetric(n, 7);
  const D2 = randomSymmetric(n, 8);
  const dense = (D: Float64Array, cj: number, ck: number): Float64Array => {
    const out = new Float64Array(n * n);
    addCoulombExchange(eri, D, n, cj, ck, out);
    return out;
  };

  for (const mode of ["in-core", "direct"] as const) {
    it(`${mode}: J and K of two random symmetric densities equal the dense-ERI contraction (H2O/6-31G*, 1e-11)`, () => {
      const jk = new JKBuilder(basis, { mode });
      expect(jk.mode).toBe(mode);
      const { J, K } = jk.compute([D1, D2]);
      expect(maxDiff(J[0]!, dense(D1, 1, 0))).toBeLessThan(1e-11);
      expect(maxDiff(K[0]!, dense(D1, 0, 1))).toBeLessThan(1e-11);
      expect(maxDiff(J[1]!, dense(D2, 1, 0))).toBeLessThan(1e-11);
      expect(maxDiff(K[1]!, dense(D2, 0, 1))).toBeLessThan(1e-11);
    });
  }

  it("denseEri of the in-core store equals electronRepulsion element by element", () => {
    expect(maxDiff(new JKBuilder(basis).denseEri(), eri)).toBe(0);
  });

  it("chooses direct when the stored integrals would exceed the memory budget, in-core otherwise", () => {
    const inCore = new JKBuilder(basis);
    expect(inCore.mode).toBe("in-core");
    expect(inCore.storedBytes).toBeGreaterThan(0);
    const direct = new JKBuilder(basis, { memoryBudget: inCore.inCoreBytes - 1 });
    expect(direct.mode).toBe("direct");
    expect(direct.storedBytes).toBe(0);
  });

  it("refuses budgets too small even for direct mode, and forced in-core over budget, saying how much is needed", () => {
    expect(() => new JKBuilder(basis, { memoryBudget: 1000 })).toThrow(ResourceError);
    expect(() => new JKBuilder(basis, { memoryBudget: 1000 })).toThrow(/need at least .* MiB/);
    expect(() => new JKBuilder(basis, { mode: "in-core", memoryBudget: 50000 })).toThrow(
      /in-core integrals need [\d.]+ MiB, over the memory budget of 0\.048 MiB/,
    );
    expect(() => new JKBuilder(basis, { memoryBudget: -1 })).toThrow(ArgumentError);
    expect(() => new JKBuilder(basis, { mode: "disk" as never })).toThrow(/mode must be/);
    expect(() => new JKBuilder(basis).compute([new Float64Array(3)])).toThrow(/density 0/);
  });

  it("computeIntegrals computes the dense ERI array only when it is read", () => {
    const ints = computeIntegrals(Molecule.fromName("h2o", { basis: "6-31g*" }));
    expect(ints.jk?.mode).toBe("in-core");
    expect(maxDiff(ints.eri, eri)).toBe(0);
    expect(ints.eri).toBe(ints.eri);
  });
});

describe("direct SCF (integral-direct, incremental Fock builds)", () => {
  it("gives the in-core RHF energy of benzene/STO-3G to 1e-9 and says which path ran", () => {
    const geometry =
      "C 1.39 0 0; C 0.695 1.2037753113 0; C -0.695 1.2037753113 0; C -1.39 0 0; C -0.695 -1.2037753113 0; C 0.695 -1.2037753113 0; " +
      "H 2.48 0 0; H 1.24 2.1477430014 0; H -1.24 2.1477430014 0; H -2.48 0 0; H -1.24 -2.1477430014 0; H 1.24 -2.1477430014 0";
    const mol = Molecule.fromGeometry(geometry);
    const inCore = runSCF(mol, { followInstabilities: false });
    expect(inCore.twoElectron).toBe("in-core");
    const direct = runSCF(mol, { followInstabilities: false, memoryBudget: 2 ** 20 });
    expect(direct.twoElectron).toBe("direct");
    expect(direct.twoElectronBytes).toBe(0);
    expect(direct.energy).toBeCloseTo(inCore.energy, 9);
    expect(inCore.energy).toBeLessThan(-227.8);
  });

  it("UHF in direct mode matches UHF on the dense array (CH2 triplet, 6-31G)", () => {
    const mol = Molecule.fromName("ch2", { basis: "6-31g" });
    const direct = runSCF(mol, { reference: "uhf", memoryBudget: 40000 });
    expect(direct.twoElectron).toBe("direct");
    const ints = computeIntegrals(mol);
    const denseInts = { ...ints, jk: undefined };
    const dense = runSCF(mol, { reference: "uhf", integrals: denseInts });
    expect(dense.twoElectron).toBe("dense");
    expect(direct.energy).toBeCloseTo(dense.energy, 9);
  });

  it("reports every iteration to onIteration (energy, DIIS error, path)", () => {
    const seen: number[] = [];
    const res = runSCF(Molecule.fromName("h2o"), {
      onIteration: (info) => {
        expect(info.twoElectron).toBe("in-core");
        expect(info.seconds).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(info.diisError)).toBe(true);
        seen.push(info.energy);
      },
      followInstabilities: false,
    });
    expect(seen).toEqual(res.energies);
  });
});
