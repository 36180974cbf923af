/**
 * One-electron integrals by McMurchie-Davidson: overlap S, kinetic energy T, nuclear attraction V
 * and the dipole (first moment) matrices, all from the same Hermite coefficients of each
 * primitive pair. Matrices are nbf x nbf, row-major, symmetric.
 */
import { ArgumentError, describe } from "../../errors.js";
import { cartesianComponents, nCartesian } from "../basis/angular.js";
import type { BasisSet, Shell } from "../basis.js";
import type { Molecule } from "../molecule.js";
import { boys } from "./boys.js";
import { HT, HU, HV, hermiteE, hermiteR, nHermite } from "./hermite.js";
import { transformBlock } from "./transform.js";

/** The one-electron matrices. */
export interface OneElectronIntegrals {
  /** Overlap matrix S (nbf x nbf). */
  overlap: Float64Array;
  /** Kinetic-energy matrix T. */
  kinetic: Float64Array;
  /** Attraction matrix V to the point charges. */
  potential: Float64Array;
  /** Dipole matrices <μ|r_k - origin_k|ν> for k = x, y, z (electron charge not included). */
  dipole: [Float64Array, Float64Array, Float64Array];
}

/** Point charges the electrons are attracted to: charges and positions (Bohr). */
export interface PointCharges {
  /** Charge of each point. */
  charges: ArrayLike<number>;
  /** x positions (Bohr). */
  x: ArrayLike<number>;
  /** y positions (Bohr). */
  y: ArrayLike<number>;
  /** z positions (Bohr). */
  z: ArrayLike<number>;
}

/**
 * The nuclei of a molecule as point charges.
 * @example
 * nucleiOf(Molecule.fromName("h2")).charges; // [1, 1]
 */
export function nucleiOf(molecule: Molecule): PointCharges {
  return {
    charges: molecule.atoms.map((a) => a.Z),
    x: molecule.atoms.map((a) => a.x),
    y: molecule.atoms.map((a) => a.y),
    z: molecule.atoms.map((a) => a.z),
  };
}

/**
 * Overlap, kinetic, nuclear-attraction and dipole matrices of a basis set.
 * @param nuclei the molecule (its nuclei attract the electrons) or explicit point charges
 * @param origin origin of the dipole operator (Bohr), default (0, 0, 0)
 * @example
 * const mol = Molecule.fromName("h2");
 * const { overlap, kinetic, potential } = oneElectronIntegrals(new BasisSet(mol), mol);
 */
export function oneElectronIntegrals(
  basis: BasisSet,
  nuclei: Molecule | PointCharges,
  origin: readonly [number, number, number] = [0, 0, 0],
): OneElectronIntegrals {
  const pc = "atoms" in nuclei ? nucleiOf(nuclei) : nuclei;
  if (!origin.every(Number.isFinite)) {
    throw new ArgumentError(
      `oneElectronIntegrals: origin must be 3 finite numbers, got ${describe(origin)}`,
    );
  }
  const nq = pc.charges.length;
  if (pc.x.length !== nq || pc.y.length !== nq || pc.z.length !== nq) {
    throw new ArgumentError(
      `oneElectronIntegrals: point charges need as many x, y, z as charges (${nq}), got ${pc.x.length}, ${pc.y.length}, ${pc.z.length}`,
    );
  }
  for (let k = 0; k < nq; k++) {
    if (![pc.charges[k], pc.x[k], pc.y[k], pc.z[k]].every((v) => Number.isFinite(v))) {
      throw new ArgumentError(`oneElectronIntegrals: point charge ${k} must be finite numbers`);
    }
  }
  const n = basis.nbf;
  const out: OneElectronIntegrals = {
    overlap: new Float64Array(n * n),
    kinetic: new Float64Array(n * n),
    potential: new Float64Array(n * n),
    dipole: [new Float64Array(n * n), new Float64Array(n * n), new Float64Array(n * n)],
  };
  const shells = basis.shells;
  const lmax = basis.maxL;
  const nc = nCartesian(lmax);
  const pairScratch = new PairScratch(lmax);
  const { blocks } = pairScratch;
  const scratch = new Float64Array(nc * nc);
  const dims = new Int32Array(2);
  const targets = [out.overlap, out.kinetic, out.potential, ...out.dipole];
  for (let A = 0; A < shells.length; A++) {
    for (let B = 0; B <= A; B++) {
      cartesianPairBlocks(shells[A]!, shells[B]!, pc, origin, pairScratch);
      const sa = shells[A]!;
      const sb = shells[B]!;
      for (let k = 0; k < 6; k++) {
        dims[0] = nCartesian(sa.l);
        dims[1] = nCartesian(sb.l);
        const res = transformBlock(blocks[k]!, scratch, [sa.l, sb.l], [sa.pure, sb.pure], dims);
        const m = targets[k]!;
        for (let i = 0; i < sa.size; i++) {
          for (let j = 0; j < sb.size; j++) {
            const v = res[i * sb.size + j]!;
            m[(sa.offset + i) * n + sb.offset + j] = v;
            m[(sb.offset + j) * n + sa.offset + i] = v;
          }
        }
      }
    }
  }
  return out;
}

/** Scratch of {@link cartesianPairBlocks} for shells up to angular momentum `lmax`. */
export class PairScratch {
  /** S, T, V, Dx, Dy, Dz of the last pair, [a][b] over Cartesian components. */
  readonly blocks: Float64Array[];
  readonly ex: Float64Array;
  readonly ey: Float64Array;
  readonly ez: Float64Array;
  readonly F: Float64Array;
  readonly R: Float64Array;
  readonly work: Float64Array;
  constructor(lmax: number) {
    const nc = nCartesian(lmax);
    const eSize = (lmax + 1) * (lmax + 3) * (2 * lmax + 3);
    this.ex = new Float64Array(eSize);
    this.ey = new Float64Array(eSize);
    this.ez = new Float64Array(eSize);
    this.F = new Float64Array(2 * lmax + 1);
    this.R = new Float64Array(nHermite(2 * lmax));
    this.work = new Float64Array((2 * lmax + 1) * nHermite(2 * lmax));
    this.blocks = Array.from({ length: 6 }, () => new Float64Array(nc * nc));
  }
}

/**
 * The S, T, V and dipole blocks of shells a and b into `s.blocks`, over the Cartesian
 * components as the shell coefficients normalize them (no per-function transform); the
 * derivative integrals combine such blocks of raised and lowered shells.
 * @example
 * const s = new PairScratch(basis.maxL);
 * cartesianPairBlocks(basis.shells[1]!, basis.shells[0]!, nucleiOf(mol), [0, 0, 0], s);
 */
export function cartesianPairBlocks(
  sa: Shell,
  sb: Shell,
  pc: PointCharges,
  origin: readonly [number, number, number],
  s: PairScratch,
): void {
  const { blocks, ex, ey, ez, F, R, work } = s;
  const la = sa.l;
  const lb = sb.l;
  const lbE = lb + 2; // kinetic energy needs j + 2
  const nt = la + lbE + 1;
  const si = (lbE + 1) * nt;
  const ca = cartesianComponents(la);
  const cb = cartesianComponents(lb);
  const nA = ca.length;
  const nB = cb.length;
  const [S, T, V, DX, DY, DZ] = blocks as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  for (const b of blocks) b.fill(0, 0, nA * nB);
  const abx = sa.x - sb.x;
  const aby = sa.y - sb.y;
  const abz = sa.z - sb.z;
  const ab2 = abx * abx + aby * aby + abz * abz;
  const L = la + lb;
  const nCharges = pc.charges.length;
  const idx = (i: number, j: number, t: number): number => i * si + j * nt + t;
  for (let pa = 0; pa < sa.exponents.length; pa++) {
    const a = sa.exponents[pa]!;
    for (let pb = 0; pb < sb.exponents.length; pb++) {
      const b = sb.exponents[pb]!;
      const p = a + b;
      const mu = (a * b) / p;
      const K = Math.exp(-mu * ab2);
      const c = sa.coefficients[pa]! * sb.coefficients[pb]! * K;
      if (c === 0) continue;
      const px = (a * sa.x + b * sb.x) / p;
      const py = (a * sa.y + b * sb.y) / p;
      const pz = (a * sa.z + b * sb.z) / p;
      hermiteE(la, lbE, p, px - sa.x, px - sb.x, ex);
      hermiteE(la, lbE, p, py - sa.y, py - sb.y, ey);
      hermiteE(la, lbE, p, pz - sa.z, pz - sb.z, ez);
      const s1 = Math.sqrt(Math.PI / p);
      const s3 = c * s1 * s1 * s1;
      const ox = px - origin[0];
      const oy = py - origin[1];
      const oz = pz - origin[2];
      for (let i = 0; i < nA; i++) {
        const [ax, ay, az] = ca[i]!;
        for (let j = 0; j < nB; j++) {
          const [bx, by, bz] = cb[j]!;
          const sx = ex[idx(ax, bx, 0)]!;
          const sy = ey[idx(ay, by, 0)]!;
          const sz = ez[idx(az, bz, 0)]!;
          const tx = kinetic1D(ex, idx(ax, bx, 0), nt, bx, b, sx);
          const ty = kinetic1D(ey, idx(ay, by, 0), nt, by, b, sy);
          const tz = kinetic1D(ez, idx(az, bz, 0), nt, bz, b, sz);
          const k = i * nB + j;
          S[k]! += s3 * sx * sy * sz;
          T[k]! += s3 * (tx * sy * sz + sx * ty * sz + sx * sy * tz);
          DX[k]! += s3 * (ex[idx(ax, bx, 1)]! + ox * sx) * sy * sz;
          DY[k]! += s3 * sx * (ey[idx(ay, by, 1)]! + oy * sy) * sz;
          DZ[k]! += s3 * sx * sy * (ez[idx(az, bz, 1)]! + oz * sz);
        }
      }
      // Nuclear attraction: -Z (2 pi / p) Σ_tuv E_t E_u E_v R_tuv(p, P - C).
      const nh = nHermite(L);
      for (let C = 0; C < nCharges; C++) {
        const Z = pc.charges[C]!;
        if (Z === 0) continue;
        const qx = px - pc.x[C]!;
        const qy = py - pc.y[C]!;
        const qz = pz - pc.z[C]!;
        boys(L, p * (qx * qx + qy * qy + qz * qz), F);
        hermiteR(L, p, qx, qy, qz, F, work, R);
        const f = (-Z * 2 * Math.PI * c) / p;
        for (let i = 0; i < nA; i++) {
          const [ax, ay, az] = ca[i]!;
          for (let j = 0; j < nB; j++) {
            const [bx, by, bz] = cb[j]!;
            let s = 0;
            for (let h = 0; h < nh; h++) {
              const t = HT[h]!;
              const u = HU[h]!;
              const v = HV[h]!;
              if (t > ax + bx || u > ay + by || v > az + bz) continue;
              s += ex[idx(ax, bx, t)]! * ey[idx(ay, by, u)]! * ez[idx(az, bz, v)]! * R[h]!;
            }
            V[i * nB + j]! += f * s;
          }
        }
      }
    }
  }
}

/**
 * 1D kinetic factor -1/2 <i| d^2/dx^2 |j> / sqrt(pi/p) from overlaps E^{i,j±2}_0:
 * -2b^2 S_{i,j+2} + b (2j + 1) S_ij - j (j - 1) / 2 S_{i,j-2}; `at` indexes E^{ij}_0.
 */
function kinetic1D(
  e: Float64Array,
  at: number,
  nt: number,
  j: number,
  b: number,
  s: number,
): number {
  let v = -2 * b * b * e[at + 2 * nt]! + b * (2 * j + 1) * s;
  if (j >= 2) v -= 0.5 * j * (j - 1) * e[at - 2 * nt]!;
  return v;
}
