import { describe, expect, it } from "vitest";
import { BasisSet } from "../../../src/chem/basis.js";
import { boysValue } from "../../../src/chem/integrals/boys.js";
import { electronRepulsion, eriIndex, shellQuartet } from "../../../src/chem/integrals/eri.js";
import { computeIntegrals } from "../../../src/chem/integrals/index.js";
import { oneElectronIntegrals } from "../../../src/chem/integrals/one-electron.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { ArgumentError } from "../../../src/errors.js";
import { loadReference } from "../../reference/load.js";
import { primitiveBasis } from "./helpers.js";

type V3 = readonly [number, number, number];
const ao = loadReference("ao-integrals-sto3g-h2-h2o.json");

const d2 = (a: V3, b: V3): number => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
const norm = (a: number): number => ((2 * a) / Math.PI) ** 0.75;

/** (s_A s_B | s_C s_D) of normalized s Gaussians, closed form (Szabo and Ostlund A.41). */
function ssss(a: number, A: V3, b: number, B: V3, c: number, C: V3, d: number, D: V3): number {
  const p = a + b;
  const q = c + d;
  const P = [0, 1, 2].map((k) => (a * A[k]! + b * B[k]!) / p) as unknown as V3;
  const Q = [0, 1, 2].map((k) => (c * C[k]! + d * D[k]!) / q) as unknown as V3;
  const K = Math.exp((-a * b * d2(A, B)) / p - (c * d * d2(C, D)) / q);
  const pre = (2 * Math.PI ** 2.5) / (p * q * Math.sqrt(p + q));
  return (
    norm(a) * norm(b) * norm(c) * norm(d) * pre * K * boysValue(0, ((p * q) / (p + q)) * d2(P, Q))
  );
}

/** <s_A| -Z/|r - C| |s_B> closed form. */
function sVs(a: number, A: V3, b: number, B: V3, Z: number, C: V3): number {
  const p = a + b;
  const P = [0, 1, 2].map((k) => (a * A[k]! + b * B[k]!) / p) as unknown as V3;
  return (
    ((-Z * 2 * Math.PI) / p) *
    norm(a) *
    norm(b) *
    Math.exp((-a * b * d2(A, B)) / p) *
    boysValue(0, p * d2(P, C))
  );
}

/** 4th-order central difference of f along one coordinate of a point. */
function deriv(f: (x: V3) => number, x: V3, k: number, h = 1e-3): number {
  const at = (s: number): number => {
    const y = [x[0], x[1], x[2]] as [number, number, number];
    y[k] += s;
    return f(y);
  };
  return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
}

describe("electron-repulsion integrals", () => {
  it("match Psi4's (pq|rs) for H2 and H2O in STO-3G element by element (1e-8)", () => {
    for (const [key, syms] of [
      ["H2_r0.735", ["H", "H"]],
      ["H2O", ["O", "H", "H"]],
    ] as const) {
      const r = ao[key];
      const mol = Molecule.fromGeometry(
        r.geometry_bohr.map((g: number[], i: number) => [syms[i], g[0], g[1], g[2]]),
        { units: "bohr" },
      );
      const basis = new BasisSet(mol, "sto-3g", { pure: false });
      const eri = electronRepulsion(basis);
      const n = basis.nbf;
      let worst = 0;
      for (let p = 0; p < n; p++)
        for (let q = 0; q < n; q++)
          for (let s = 0; s < n; s++)
            for (let t = 0; t < n; t++)
              worst = Math.max(
                worst,
                Math.abs(eri[eriIndex(n, p, q, s, t)]! - r.ERI_chemist[p][q][s][t]),
              );
      expect(worst).toBeLessThan(1e-8);
    }
  });

  it("have the closed form for four s Gaussians on four centres", () => {
    const c: V3[] = [
      [0, 0, 0],
      [0.9, -0.3, 0.2],
      [-0.4, 1.1, 0.5],
      [0.3, 0.2, -1.4],
    ];
    const e = [1.3, 0.45, 2.2, 0.8];
    const { basis } = primitiveBasis(
      c,
      [0, 1, 2, 3].map((k) => ({ atom: k, l: 0, exponent: e[k]! })),
      false,
    );
    const eri = electronRepulsion(basis, { screening: 0 });
    for (const [p, q, r, s] of [
      [0, 1, 2, 3],
      [0, 0, 0, 0],
      [1, 3, 2, 2],
      [3, 2, 1, 0],
    ] as const) {
      const ref = ssss(e[p]!, c[p]!, e[q]!, c[q]!, e[r]!, c[r]!, e[s]!, c[s]!);
      expect(Math.abs(eri[eriIndex(4, p, q, r, s)]! - ref)).toBeLessThan(1e-14);
    }
    // a normalized s Gaussian's self-repulsion is 2 sqrt(a / pi)
    expect(eri[0]).toBeCloseTo(2 * Math.sqrt(1.3 / Math.PI), 14);
  });

  it("give p and d integrals equal to centre derivatives of s integrals", () => {
    // p_x = (1/sqrt a) d/dA_x s, d_xy = (1/a) d^2/dA_x dA_y s for normalized primitives.
    const A: V3 = [0.1, 0.2, -0.3];
    const B: V3 = [0.8, -0.5, 0.4];
    const C: V3 = [-0.6, 0.7, 0.9];
    const [a, b, c] = [0.9, 1.4, 0.6];
    const { basis } = primitiveBasis(
      [A, B, C],
      [
        { atom: 0, l: 1, exponent: a },
        { atom: 0, l: 2, exponent: a },
        { atom: 1, l: 0, exponent: b },
        { atom: 2, l: 0, exponent: c },
      ],
      false,
    );
    // functions: 0-2 p(x,y,z) on A, 3-8 d(xx,xy,xz,yy,yz,zz) on A, 9 s on B, 10 s on C
    const eri = electronRepulsion(basis, { screening: 0 });
    const n = basis.nbf;
    const f = (X: V3): number => ssss(a, X, b, B, c, C, c, C);
    for (let k = 0; k < 3; k++) {
      const ref = deriv(f, A, k) / Math.sqrt(a);
      expect(Math.abs(eri[eriIndex(n, k, 9, 10, 10)]! - ref)).toBeLessThan(1e-9);
    }
    const dxy = deriv((X) => deriv(f, X, 1), A, 0) / a;
    expect(Math.abs(eri[eriIndex(n, 4, 9, 10, 10)]! - dxy)).toBeLessThan(1e-8);
    // d_xx = x^2 g: d^2/dA_x^2 g = (4a^2 x^2 - 2a) g; unit-normalized d_xx has N = N_s 4a / sqrt(3)
    const dxx =
      ((deriv((X) => deriv(f, X, 0), A, 0) + 2 * a * f(A)) / (4 * a * a)) *
      ((4 * a) / Math.sqrt(3));
    expect(Math.abs(eri[eriIndex(n, 3, 9, 10, 10)]! - dxx)).toBeLessThan(1e-8);
    // the same identity for the nuclear attraction of a p function
    const one = oneElectronIntegrals(basis, { charges: [1.5], x: [C[0]], y: [C[1]], z: [C[2]] });
    for (let k = 0; k < 3; k++) {
      const ref = deriv((X) => sVs(a, X, b, B, 1.5, C), A, k) / Math.sqrt(a);
      expect(Math.abs(one.potential[k * n + 9]! - ref)).toBeLessThan(1e-9);
    }
  });

  it("are invariant under the 8 index permutations, computed quartet by quartet (s, p, d)", () => {
    const mol = Molecule.fromGeometry("O 0 0 0.1173; H 0 0.7572 -0.4692; H 0 -0.7572 -0.4692");
    for (const pure of [true, false]) {
      const basis = new BasisSet(mol, "6-31g*", { pure });
      const sh = basis.shells;
      // pick shells of every l: a d on O, a p on O, an s on H, an s on O
      const D = sh.findIndex((s) => s.l === 2);
      const P = sh.findIndex((s) => s.l === 1);
      const S1 = sh.findIndex((s) => s.l === 0 && s.atom === 1);
      const S0 = 0;
      const quads: [number, number, number, number][] = [
        [D, P, S1, S0],
        [D, D, P, S1],
        [P, S1, D, D],
      ];
      for (const [a, b, c, d] of quads) {
        const size = [a, b, c, d].map((k) => sh[k]!.size) as [number, number, number, number];
        const ref = shellQuartet(basis, a, b, c, d);
        const at = (blk: Float64Array, dims: number[], idx: number[]): number =>
          blk[((idx[0]! * dims[1]! + idx[1]!) * dims[2]! + idx[2]!) * dims[3]! + idx[3]!]!;
        const perms: [number[], number[]][] = [
          [[1, 0, 2, 3], []],
          [[0, 1, 3, 2], []],
          [[1, 0, 3, 2], []],
          [[2, 3, 0, 1], []],
          [[3, 2, 0, 1], []],
          [[2, 3, 1, 0], []],
          [[3, 2, 1, 0], []],
        ];
        const shellsAbcd = [a, b, c, d];
        for (const [perm] of perms) {
          const ps = perm.map((k) => shellsAbcd[k]!) as [number, number, number, number];
          const blk = shellQuartet(basis, ...ps);
          const dims = perm.map((k) => size[k]!);
          let worst = 0;
          for (let i = 0; i < size[0]; i++)
            for (let j = 0; j < size[1]; j++)
              for (let k = 0; k < size[2]; k++)
                for (let l = 0; l < size[3]; l++) {
                  const orig = [i, j, k, l];
                  const idx = perm.map((x) => orig[x]!);
                  worst = Math.max(
                    worst,
                    Math.abs(
                      at(blk, dims, idx) - ref[((i * size[1] + j) * size[2] + k) * size[3] + l]!,
                    ),
                  );
                }
          expect(worst, `${pure} ${perm}`).toBeLessThan(1e-13);
        }
      }
    }
  });

  it("give rotation-invariant sums over the components of pure d and f shells", () => {
    // Σ_m (l_m(A) s(B) | l_m(A) s(C)) is invariant when B and C rotate together about A.
    const rotate = (v: V3, axis: V3, angle: number): V3 => {
      const [x, y, z] = axis;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const dot = x * v[0] + y * v[1] + z * v[2];
      const cross: V3 = [y * v[2] - z * v[1], z * v[0] - x * v[2], x * v[1] - y * v[0]];
      return [0, 1, 2].map(
        (k) => v[k]! * c + cross[k]! * s + axis[k]! * dot * (1 - c),
      ) as unknown as V3;
    };
    const B: V3 = [0.9, -0.4, 0.6];
    const C: V3 = [-0.3, 0.8, 1.1];
    const axis: V3 = [0.36, 0.48, 0.8];
    for (const l of [2, 3]) {
      const sums: number[] = [];
      for (const angle of [0, 0.7, 2.9]) {
        const { basis } = primitiveBasis(
          [[0, 0, 0], rotate(B, axis, angle), rotate(C, axis, angle)],
          [
            { atom: 0, l, exponent: 0.8 },
            { atom: 1, l: 0, exponent: 0.5 },
            { atom: 2, l: 0, exponent: 1.2 },
          ],
          true,
        );
        const blk = shellQuartet(basis, 0, 1, 0, 2);
        let sum = 0;
        for (let m = 0; m < 2 * l + 1; m++) sum += blk[m * (2 * l + 1) + m]!;
        sums.push(sum);
      }
      expect(Math.abs(sums[0]!)).toBeGreaterThan(1e-3);
      for (const s of sums) expect(Math.abs(s - sums[0]!)).toBeLessThan(1e-13);
    }
  });

  it("screening changes nothing above its threshold, and arguments are checked", () => {
    const mol = Molecule.fromName("h4", { basis: "6-31g" });
    const basis = new BasisSet(mol);
    const a = electronRepulsion(basis);
    const b = electronRepulsion(basis, { screening: 0 });
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(1e-11);
    expect(() => electronRepulsion(basis, { screening: -1 })).toThrow(ArgumentError);
    expect(() => shellQuartet(basis, 0, 0, 0, 99)).toThrow(ArgumentError);
    const ints = computeIntegrals(mol);
    expect(ints.nbf).toBe(8);
    expect(ints.hCore[0]).toBeCloseTo(ints.kinetic[0]! + ints.potential[0]!, 14);
  });
});
