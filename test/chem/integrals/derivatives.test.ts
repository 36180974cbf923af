import { describe, expect, it } from "vitest";
import { transformToMO } from "../../../src/chem/active-space.js";
import {
  oneElectronGradient,
  rowsToCartesian,
  toCartesian,
  twoElectronGradient,
  twoParticleGradient,
} from "../../../src/chem/integrals/derivatives.js";
import { electronRepulsion, eriIndex } from "../../../src/chem/integrals/eri.js";
import { nucleiOf, oneElectronIntegrals } from "../../../src/chem/integrals/one-electron.js";
import { Rng } from "../../../src/random.js";
import { type PrimShell, primitiveBasis } from "./helpers.js";

// Three atoms, shells s..f on them: every raise (to g) and lower path of the engine.
const CENTRES = [
  [0.1, -0.2, 0.3],
  [1.3, 0.4, -0.5],
  [-0.6, 1.1, 0.9],
] as const;
const SHELLS: PrimShell[] = [
  { atom: 0, l: 0, exponent: 1.3 },
  { atom: 0, l: 2, exponent: 0.9 },
  { atom: 1, l: 1, exponent: 0.7 },
  { atom: 1, l: 3, exponent: 0.8 },
  { atom: 2, l: 0, exponent: 0.5 },
  { atom: 2, l: 1, exponent: 1.1 },
];

function randomSymmetric(n: number, rng: Rng): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.uniform() - 0.5;
      m[i * n + j] = v;
      m[j * n + i] = v;
    }
  }
  return m;
}

function displaced(atom: number, axis: number, h: number): [number, number, number][] {
  return CENTRES.map((c, k) => {
    const p: [number, number, number] = [c[0], c[1], c[2]];
    if (k === atom) p[axis]! += h;
    return p;
  });
}

function oneElectronEnergy(
  centres: [number, number, number][],
  pure: boolean,
  D: Float64Array,
  W: Float64Array,
): number {
  const { basis, molecule } = primitiveBasis(centres, SHELLS, pure);
  const one = oneElectronIntegrals(basis, molecule);
  let e = 0;
  for (let i = 0; i < D.length; i++)
    e += D[i]! * (one.kinetic[i]! + one.potential[i]!) - W[i]! * one.overlap[i]!;
  return e;
}

function twoElectronEnergy(
  centres: [number, number, number][],
  pure: boolean,
  Da: Float64Array,
  Db: Float64Array,
): number {
  const { basis } = primitiveBasis(centres, SHELLS, pure);
  const n = basis.nbf;
  const eri = electronRepulsion(basis);
  let e = 0;
  for (let p = 0; p < n; p++)
    for (let q = 0; q < n; q++)
      for (let r = 0; r < n; r++)
        for (let s = 0; s < n; s++) {
          const D = (i: number, j: number) => Da[i * n + j]! + Db[i * n + j]!;
          const ex = Da[p * n + r]! * Da[q * n + s]! + Db[p * n + r]! * Db[q * n + s]!;
          e += 0.5 * eri[eriIndex(n, p, q, r, s)]! * (D(p, q) * D(r, s) - ex);
        }
  return e;
}

describe("derivative integrals", () => {
  for (const pure of [true, false]) {
    const kind = pure ? "spherical" : "Cartesian";
    it(`one-electron: Σ D d(T+V) - Σ W dS match central differences (s..f, ${kind})`, () => {
      const rng = new Rng(3);
      const { basis, molecule } = primitiveBasis(
        CENTRES.map((c) => [...c] as [number, number, number]),
        SHELLS,
        pure,
      );
      const D = randomSymmetric(basis.nbf, rng);
      const W = randomSymmetric(basis.nbf, rng);
      const g = oneElectronGradient(
        basis,
        nucleiOf(molecule),
        toCartesian(basis, D),
        toCartesian(basis, W),
        3,
      );
      const h = 1e-4;
      for (let atom = 0; atom < 3; atom++) {
        for (let axis = 0; axis < 3; axis++) {
          const fd =
            (oneElectronEnergy(displaced(atom, axis, h), pure, D, W) -
              oneElectronEnergy(displaced(atom, axis, -h), pure, D, W)) /
            (2 * h);
          expect(Math.abs(g[3 * atom + axis]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
        }
      }
    });

    it(`two-electron: Σ Γ d(μν|λσ) matches central differences (s..f, ${kind})`, () => {
      const rng = new Rng(5);
      const { basis } = primitiveBasis(
        CENTRES.map((c) => [...c] as [number, number, number]),
        SHELLS,
        pure,
      );
      const n = basis.nbf;
      const Da = randomSymmetric(n, rng);
      const Db = randomSymmetric(n, rng);
      const D = Da.map((v, i) => v + Db[i]!);
      const g = twoElectronGradient(
        basis,
        toCartesian(basis, D),
        toCartesian(basis, Da),
        toCartesian(basis, Db),
        3,
        0,
      );
      const h = 1e-4;
      let sum = [0, 0, 0];
      for (let atom = 0; atom < 3; atom++) {
        for (let axis = 0; axis < 3; axis++) {
          sum[axis]! += g[3 * atom + axis]!;
          const fd =
            (twoElectronEnergy(displaced(atom, axis, h), pure, Da, Db) -
              twoElectronEnergy(displaced(atom, axis, -h), pure, Da, Db)) /
            (2 * h);
          expect(Math.abs(g[3 * atom + axis]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
        }
      }
      // translational invariance: the atoms' derivatives sum to zero
      sum = sum.map(Math.abs);
      expect(Math.max(...sum)).toBeLessThan(1e-10);
    });
  }
});

/** A random Γ with the 8-fold symmetry of (μν|λσ) (not a product of densities). */
function randomTwoParticle(n: number, rng: Rng): Float64Array {
  const g = new Float64Array(n ** 4);
  const at = (p: number, q: number, r: number, s: number) => ((p * n + q) * n + r) * n + s;
  for (let p = 0; p < n; p++)
    for (let q = 0; q <= p; q++)
      for (let r = 0; r < n; r++)
        for (let s = 0; s <= r; s++) {
          if (p * n + q < r * n + s) continue;
          const v = rng.uniform() - 0.5;
          for (const k of [
            at(p, q, r, s),
            at(q, p, r, s),
            at(p, q, s, r),
            at(q, p, s, r),
            at(r, s, p, q),
            at(s, r, p, q),
            at(r, s, q, p),
            at(s, r, q, p),
          ])
            g[k] = v;
        }
  return g;
}

describe("derivative integrals: a general two-particle density", () => {
  it("twoParticleGradient: Σ Γ d(μν|λσ) for a non-separable Γ matches central differences (s..f, spherical)", () => {
    const rng = new Rng(11);
    const { basis } = primitiveBasis(
      CENTRES.map((c) => [...c] as [number, number, number]),
      SHELLS,
      true,
    );
    const n = basis.nbf;
    const gamma = randomTwoParticle(n, rng);
    // each index to the Cartesian components: Σ_μ Γ[μ..] M[μ][c], M = (M^T)^T from rowsToCartesian
    const identity = new Float64Array(n * n);
    for (let i = 0; i < n; i++) identity[i * n + i] = 1;
    const Mt = rowsToCartesian(basis, identity, n);
    const nc = Mt.length / n;
    const M = new Float64Array(n * nc);
    for (let c = 0; c < nc; c++) for (let i = 0; i < n; i++) M[i * nc + c] = Mt[c * n + i]!;
    const cart = transformToMO(identity, gamma, M, 0).eri;
    const g = twoParticleGradient(basis, cart, 3, 0);
    const energy = (centres: [number, number, number][]) => {
      const eri = electronRepulsion(primitiveBasis(centres, SHELLS, true).basis);
      let e = 0;
      for (let p = 0; p < n; p++)
        for (let q = 0; q < n; q++)
          for (let r = 0; r < n; r++)
            for (let s = 0; s < n; s++)
              e += gamma[((p * n + q) * n + r) * n + s]! * eri[eriIndex(n, p, q, r, s)]!;
      return e;
    };
    const h = 1e-4;
    for (let atom = 0; atom < 3; atom++) {
      for (let axis = 0; axis < 3; axis++) {
        const fd = (energy(displaced(atom, axis, h)) - energy(displaced(atom, axis, -h))) / (2 * h);
        expect(Math.abs(g[3 * atom + axis]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }
    }
  });
});

describe("derivative integrals: limits", () => {
  it("refuse g shells (the raised shell would exceed the ERI code), saying up to which l they go", () => {
    const { basis } = primitiveBasis(
      [
        [0, 0, 0],
        [0, 0, 1.5],
      ],
      [
        { atom: 0, l: 4, exponent: 1 },
        { atom: 1, l: 0, exponent: 1 },
      ],
      true,
    );
    const D = new Float64Array(basis.nbf ** 2);
    expect(() => twoElectronGradient(basis, D, D, D, 2)).toThrow(
      /up to l = 3 \(f\), the basis has l = 4/,
    );
  });
});
