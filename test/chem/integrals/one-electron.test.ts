import { describe, expect, it } from "vitest";
import { cartesianComponents } from "../../../src/chem/basis/angular.js";
import { BasisSet } from "../../../src/chem/basis.js";
import { oneElectronIntegrals } from "../../../src/chem/integrals/one-electron.js";
import { Molecule } from "../../../src/chem/molecule.js";
import { loadReference } from "../../reference/load.js";
import { primitiveBasis } from "./helpers.js";

const ao = loadReference("ao-integrals-sto3g-h2-h2o.json");

function maxDiff(m: Float64Array, ref: number[][]): number {
  const n = ref.length;
  let d = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) d = Math.max(d, Math.abs(m[i * n + j]! - ref[i]![j]!));
  return d;
}

/** 1D ∫ (x-A)^i (x-B)^j exp(-a (x-A)^2 - b (x-B)^2) dx by composite Gauss-Legendre. */
function integral1D(i: number, a: number, A: number, j: number, b: number, B: number): number {
  const p = a + b;
  const P = (a * A + b * B) / p;
  const w = 12 / Math.sqrt(p);
  const nodes = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
  const weights = [
    0.23692688505618908, 0.47862867049936647, 0.5688888888888889, 0.47862867049936647,
    0.23692688505618908,
  ];
  const panels = 400;
  let s = 0;
  for (let k = 0; k < panels; k++) {
    const lo = P - w + (2 * w * k) / panels;
    const hi = lo + (2 * w) / panels;
    for (let q = 0; q < 5; q++) {
      const x = (lo + hi) / 2 + ((hi - lo) / 2) * nodes[q]!;
      s +=
        ((hi - lo) / 2) *
        weights[q]! *
        (x - A) ** i *
        (x - B) ** j *
        Math.exp(-a * (x - A) ** 2 - b * (x - B) ** 2);
    }
  }
  return s;
}

describe("one-electron integrals", () => {
  it("match Psi4's S, T, V for H2 and H2O in STO-3G element by element (1e-8)", () => {
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
      expect(basis.labels).toEqual(r.basis_function_labels);
      const ints = oneElectronIntegrals(basis, mol);
      expect(maxDiff(ints.overlap, r.S)).toBeLessThan(1e-8);
      expect(maxDiff(ints.kinetic, r.T)).toBeLessThan(1e-8);
      expect(maxDiff(ints.potential, r.V)).toBeLessThan(1e-8);
      expect(Math.abs(mol.nuclearRepulsion() - r.e_nuc)).toBeLessThan(1e-9);
    }
  });

  it("have the closed forms of normalized s Gaussians", () => {
    const a = 0.8;
    const b = 1.7;
    const R = 1.3;
    const { basis, molecule } = primitiveBasis(
      [
        [0.1, -0.2, 0.3],
        [0.1, -0.2 + R, 0.3],
      ],
      [
        { atom: 0, l: 0, exponent: a },
        { atom: 1, l: 0, exponent: b },
      ],
      false,
    );
    const ints = oneElectronIntegrals(basis, { charges: [2], x: [0.1], y: [-0.2], z: [0.3] });
    const sAB = ((4 * a * b) / (a + b) ** 2) ** 0.75 * Math.exp((-a * b * R * R) / (a + b));
    expect(ints.overlap[1]).toBeCloseTo(sAB, 14);
    expect(ints.overlap[0]).toBeCloseTo(1, 14);
    expect(ints.kinetic[0]).toBeCloseTo(1.5 * a, 13);
    expect(ints.kinetic[3]).toBeCloseTo(1.5 * b, 13);
    // A normalized s Gaussian feels -Z 2 sqrt(2a/pi) from a charge Z at its centre.
    expect(ints.potential[0]).toBeCloseTo(-2 * 2 * Math.sqrt((2 * a) / Math.PI), 13);
    // <s_A| r |s_A> = A
    expect(ints.dipole[0][0]).toBeCloseTo(0.1, 14);
    expect(ints.dipole[1][3]).toBeCloseTo(-0.2 + R, 14);
    expect(molecule.atoms).toHaveLength(2);
  });

  it("match numerical quadrature for Cartesian s..f shells on two centres (S, T, dipole)", () => {
    const A = [0.2, -0.4, 0.1] as const;
    const B = [-0.5, 0.3, 0.9] as const;
    const shells = [
      { atom: 0, l: 0, exponent: 0.9 },
      { atom: 0, l: 1, exponent: 0.7 },
      { atom: 0, l: 2, exponent: 1.1 },
      { atom: 1, l: 1, exponent: 0.5 },
      { atom: 1, l: 2, exponent: 0.6 },
      { atom: 1, l: 3, exponent: 0.8 },
    ];
    const { basis } = primitiveBasis([A, B], shells, false);
    const ints = oneElectronIntegrals(basis, { charges: [], x: [], y: [], z: [] });
    const n = basis.nbf;
    // Independent description of every function: centre, exponent, powers.
    const fns: { c: readonly number[]; e: number; pw: number[] }[] = [];
    for (const s of basis.shells) {
      for (const pw of cartesianComponents(s.l))
        fns.push({ c: s.atom === 0 ? A : B, e: s.exponents[0]!, pw });
    }
    const I = (f: (typeof fns)[0], g: (typeof fns)[0], d: number, dj = 0): number =>
      integral1D(f.pw[d]!, f.e, f.c[d]!, g.pw[d]! + dj, g.e, g.c[d]!);
    const norm = fns.map((f) => 1 / Math.sqrt(I(f, f, 0) * I(f, f, 1) * I(f, f, 2)));
    let worst = 0;
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        const f = fns[p]!;
        const g = fns[q]!;
        const ix = [0, 1, 2].map((d) => I(f, g, d));
        const nn = norm[p]! * norm[q]!;
        const s = nn * ix[0]! * ix[1]! * ix[2]!;
        // -1/2 <f| d^2/dx^2 |g> per dimension
        const k = [0, 1, 2].map((d) => {
          const j = g.pw[d]!;
          const b = g.e;
          return (
            -0.5 *
            ((j >= 2 ? j * (j - 1) * I(f, g, d, -2) : 0) -
              2 * b * (2 * j + 1) * ix[d]! +
              4 * b * b * I(f, g, d, 2))
          );
        });
        const t =
          nn * (k[0]! * ix[1]! * ix[2]! + ix[0]! * k[1]! * ix[2]! + ix[0]! * ix[1]! * k[2]!);
        const mx = nn * (I(f, g, 0, 1) + g.c[0]! * ix[0]!) * ix[1]! * ix[2]!;
        worst = Math.max(
          worst,
          Math.abs(ints.overlap[p * n + q]! - s),
          Math.abs(ints.kinetic[p * n + q]! - t),
          Math.abs(ints.dipole[0][p * n + q]! - mx),
        );
      }
    }
    expect(worst).toBeLessThan(1e-10);
    for (let p = 0; p < n; p++) expect(ints.overlap[p * n + p]).toBeCloseTo(1, 12);
  });

  it("give orthonormal real solid harmonics whose shell is rotation invariant", () => {
    const shells = [
      { atom: 0, l: 2, exponent: 0.9 },
      { atom: 0, l: 3, exponent: 0.9 },
      { atom: 1, l: 0, exponent: 0.6 },
    ];
    const sums: number[][] = [];
    for (const dir of [
      [0, 0, 1],
      [1, 0, 0],
      [0.48, -0.6, 0.64],
    ]) {
      const B = [1.7 * dir[0]!, 1.7 * dir[1]!, 1.7 * dir[2]!] as const;
      const { basis } = primitiveBasis([[0, 0, 0], B], shells, true);
      const n = basis.nbf;
      expect(n).toBe(5 + 7 + 1);
      const S = oneElectronIntegrals(basis, { charges: [], x: [], y: [], z: [] }).overlap;
      // one-centre block: identity (d and f orthonormal, and d orthogonal to f by parity)
      for (let i = 0; i < 12; i++)
        for (let j = 0; j < 12; j++) expect(S[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 13);
      // Σ_m <l m|s_B>^2 depends only on |B|
      const d2 = [0, 1, 2, 3, 4].reduce((s, i) => s + S[i * n + 12]! ** 2, 0);
      const f2 = [5, 6, 7, 8, 9, 10, 11].reduce((s, i) => s + S[i * n + 12]! ** 2, 0);
      sums.push([d2, f2]);
    }
    for (const s of sums) {
      expect(s[0]).toBeGreaterThan(1e-3);
      expect(s[0]).toBeCloseTo(sums[0]![0]!, 13);
      expect(s[1]).toBeCloseTo(sums[0]![1]!, 13);
    }
  });
});
