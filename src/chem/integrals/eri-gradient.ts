/**
 * The ERI gradient kernel: Σ_{abcd} Γ_abcd d(ab|cd)/dA, /dB, /dC of one shell quartet, with
 * one Boys/R evaluation per primitive quartet serving all three centres.
 *
 * In McMurchie-Davidson form (ab|cd) = pref Σ_h E^{ab}_h Σ_h' (-1)^{|h'|} E^{cd}_h' R_{h+h'}.
 * Differentiating a primitive by its centre A gives the same expansion with derivative
 * coefficients E^{ab,A_x}_h = 2a E^{a+1_x,b}_h - a_x E^{a-1_x,b}_h (Hermite orders up to
 * la + lb + 1), likewise for C. Moving A and B together moves only the Hermite Gaussians' centre
 * P, which raises the Hermite order: (dA + dB)_x needs no new coefficients, only R one order
 * higher. So per primitive quartet R is needed to one order more than for the integral, and the
 * densities are contracted first: V = Γ E (bra coefficients) and V^A = Γ E^A per bra primitive,
 * then for each ket primitive, with U[h][cd] = Σ_h' R_{h+h'} (-1)^{|h'|} E^{cd}_h',
 *   dA_x = Σ V^A_x[h][cd] U[h][cd],   (dA + dB)_x = Σ V[h][cd] U[h + 1_x][cd],
 *   dC_x = Σ (-1)^{|h'|} E^{cd,C_x}_h' Z[h'][cd],  Z[h'][cd] = Σ_h V[h][cd] R_{h+h'}.
 * The fourth centre follows from translational invariance (dA + dB + dC + dD = 0).
 */
import { cartesianComponents, nCartesian } from "../basis/angular.js";
import { boys } from "./boys.js";
import { ensureKetIndex, NHS, type ShellPair, SIGN, SUM, TWO_PI_52 } from "./eri.js";
import {
  HERMITE_MAX_L,
  HT,
  HU,
  HV,
  hermiteE,
  hermiteIndex,
  hermiteR,
  nHermite,
} from "./hermite.js";

/** RAISE_H[3 h + axis]: the Hermite triple h with one more order along axis. */
const RAISE_H = new Int32Array(3 * nHermite(HERMITE_MAX_L - 1));
for (let h = 0; h < nHermite(HERMITE_MAX_L - 1); h++) {
  RAISE_H[3 * h] = hermiteIndex(HT[h]! + 1, HU[h]!, HV[h]!);
  RAISE_H[3 * h + 1] = hermiteIndex(HT[h]!, HU[h]! + 1, HV[h]!);
  RAISE_H[3 * h + 2] = hermiteIndex(HT[h]!, HU[h]!, HV[h]! + 1);
}

/** Centre-derivative Hermite coefficients of a shell pair, dense over Hermite triples. */
export interface PairDerivative {
  /** Hermite triples up to la + lb + 1. */
  nh1: number;
  /** d/dA: EA[((k * nab + ab) * 3 + axis) * nh1 + h] for primitive pair k. */
  EA: Float64Array;
}

/**
 * The derivative coefficients of a pair, primitive pairs in the pair's own order (the same
 * screening as makePair keeps them aligned).
 * @example
 * const dP = pairDerivative(makePair(a, b));
 */
export function pairDerivative(P: ShellPair): PairDerivative {
  const { a, b } = P;
  const la = a.l;
  const lb = b.l;
  const ca = cartesianComponents(la);
  const cb = cartesianComponents(lb);
  const nab = P.nab;
  const nh1 = nHermite(la + lb + 1);
  // 1D tables with both indices one higher: E^{ij}_t at (i * (lb + 2) + j) * nt + t.
  const nt = la + lb + 3;
  const si = (lb + 2) * nt;
  const ex = new Float64Array((la + 2) * si);
  const ey = new Float64Array((la + 2) * si);
  const ez = new Float64Array((la + 2) * si);
  const EA = new Float64Array(P.nPrim * nab * 3 * nh1);
  const ab2 = (a.x - b.x) ** 2 + (a.y - b.y) ** 2 + (a.z - b.z) ** 2;
  const tabs = [ex, ey, ez];
  let k = 0;
  for (let i = 0; i < a.exponents.length; i++) {
    for (let j = 0; j < b.exponents.length; j++) {
      const ea = a.exponents[i]!;
      const eb = b.exponents[j]!;
      const p = ea + eb;
      if (Math.exp((-ea * eb * ab2) / p) < 1e-18) continue; // as makePair
      const px = P.px[k]!;
      const py = P.py[k]!;
      const pz = P.pz[k]!;
      hermiteE(la + 1, lb + 1, p, px - a.x, px - b.x, ex);
      hermiteE(la + 1, lb + 1, p, py - a.y, py - b.y, ey);
      hermiteE(la + 1, lb + 1, p, pz - a.z, pz - b.z, ez);
      const e = (axis: number, i1: number, j1: number, t: number): number =>
        i1 < 0 || j1 < 0 ? 0 : tabs[axis]![i1 * si + j1 * nt + t]!;
      for (let u = 0; u < ca.length; u++) {
        const pa = ca[u]!;
        for (let w = 0; w < cb.length; w++) {
          const pb = cb[w]!;
          const ab = u * cb.length + w;
          for (let h = 0; h < nh1; h++) {
            const tuv = [HT[h]!, HU[h]!, HV[h]!];
            const plain = [0, 1, 2].map((d) => e(d, pa[d]!, pb[d]!, tuv[d]!));
            for (let axis = 0; axis < 3; axis++) {
              const t = tuv[axis]!;
              const dA =
                2 * ea * e(axis, pa[axis]! + 1, pb[axis]!, t) -
                pa[axis]! * e(axis, pa[axis]! - 1, pb[axis]!, t);
              let rest = 1;
              for (let d = 0; d < 3; d++) if (d !== axis) rest *= plain[d]!;
              const at = ((k * nab + ab) * 3 + axis) * nh1 + h;
              EA[at] = dA * rest;
            }
          }
        }
      }
      k++;
    }
  }
  return { nh1, EA };
}

/** See the primitive screening in {@link quartetGradient}. */
const PRIMITIVE_CUTOFF = 1e-15;

/** The largest primitive exponent of a pair's two shells. */
function maxExponent(P: ShellPair): number {
  let m = 0;
  for (const e of P.a.exponents) m = Math.max(m, e);
  for (const e of P.b.exponents) m = Math.max(m, e);
  return m;
}

/**
 * Multiply-adds of {@link quartetGradient} with `bra` as the bra: per primitive quartet U, the
 * dot products and (withC) Z with its contraction; per bra primitive the densities V and V^A.
 * @example
 * const swap = gradientCost(Q, P, true, true) < gradientCost(P, Q, true, true);
 */
export function gradientCost(
  bra: ShellPair,
  ket: ShellPair,
  withA: boolean,
  withC: boolean,
): number {
  const nh1 = nHermite(bra.L + 1);
  const nhQ1 = nHermite(ket.L + 1);
  const perQuartet =
    nh1 * ket.nnz +
    3 * bra.nh * ket.nab +
    (withA ? 3 * nh1 * ket.nab : 0) +
    (withC ? nhQ1 * bra.nh * ket.nab + 3 * ket.nab * nhQ1 : 0);
  const perBra = bra.nnz * ket.nab + (withA ? 3 * bra.nab * nh1 * ket.nab : 0);
  return bra.nPrim * (ket.nPrim * perQuartet + perBra);
}

/** Scratch of {@link quartetGradient} for shells up to lmax. */
export class GradientScratch {
  readonly F: Float64Array;
  readonly R: Float64Array;
  readonly work: Float64Array;
  readonly V: Float64Array;
  readonly VA: Float64Array;
  readonly U: Float64Array;
  readonly Z: Float64Array;
  constructor(lmax: number) {
    const L = 4 * lmax + 1;
    const nh1 = nHermite(2 * lmax + 1);
    const nc2 = nCartesian(lmax) ** 2;
    this.F = new Float64Array(L + 1);
    this.R = new Float64Array(nHermite(L));
    this.work = new Float64Array((L + 1) * nHermite(L));
    this.V = new Float64Array(nh1 * nc2);
    this.VA = new Float64Array(3 * nh1 * nc2);
    this.U = new Float64Array(nh1 * nc2);
    this.Z = new Float64Array(nh1 * nc2);
  }
}

/**
 * Adds Σ Γ[ab][cd] d(ab|cd)/dR for R = A, B, C (x, y, z each) to out[0..9), Γ over the
 * Cartesian components (row-major [ab][cd]). `withA` false leaves dA at 0 and puts dA + dB in
 * the B slot, `withC` false leaves dC at 0: when two centres sit on one atom only their sum is
 * needed (dC + dD = -(dA + dB)).
 * @example
 * quartetGradient(P, Q, pairDerivative(P), pairDerivative(Q), gamma, new GradientScratch(2), out, true, true);
 */
export function quartetGradient(
  P: ShellPair,
  Q: ShellPair,
  dP: PairDerivative,
  dQ: PairDerivative,
  G: Float64Array,
  s: GradientScratch,
  out: Float64Array,
  withA: boolean,
  withC: boolean,
): void {
  const { F, R, work, V, VA, U, Z } = s;
  const nab = P.nab;
  const ncd = Q.nab;
  const nhP = P.nh;
  const nh1 = dP.nh1;
  const nhQ1 = dQ.nh1;
  const L = P.L + Q.L + 1;
  ensureKetIndex(Q, nh1);
  const ketR = Q.ketR;
  const qStart = Q.nzStart;
  const qnnz = Q.nnz;
  const EQ = Q.Eket;
  const pnnz = P.nnz;
  // Primitive screening: a primitive quartet whose prefactor times the largest density element
  // and the largest derivative factor (2 x exponent) is below this adds nothing visible.
  let gMax = 0;
  for (let x = 0; x < nab * ncd; x++) gMax = Math.max(gMax, Math.abs(G[x]!));
  const cut = PRIMITIVE_CUTOFF / (gMax * (1 + 2 * Math.max(maxExponent(P), maxExponent(Q))));
  for (let i = 0; i < P.nPrim; i++) {
    const p = P.p[i]!;
    // Bra-contracted densities of this bra primitive.
    V.fill(0, 0, nhP * ncd);
    VA.fill(0, 0, 3 * nh1 * ncd);
    for (let ab = 0; ab < nab; ab++) {
      const gRow = ab * ncd;
      for (let q = P.nzStart[ab]!; q < P.nzStart[ab + 1]!; q++) {
        const e = P.E[i * pnnz + q]!;
        if (e === 0) continue;
        const vRow = P.nzH[q]! * ncd;
        for (let cd = 0; cd < ncd; cd++) V[vRow + cd]! += e * G[gRow + cd]!;
      }
      if (!withA) continue;
      for (let axis = 0; axis < 3; axis++) {
        const eRow = ((i * nab + ab) * 3 + axis) * nh1;
        for (let h = 0; h < nh1; h++) {
          const ea = dP.EA[eRow + h]!;
          if (ea === 0) continue;
          const vRow = (axis * nh1 + h) * ncd;
          for (let cd = 0; cd < ncd; cd++) VA[vRow + cd]! += ea * G[gRow + cd]!;
        }
      }
    }
    for (let j = 0; j < Q.nPrim; j++) {
      const q = Q.p[j]!;
      const sum = p + q;
      const alpha = (p * q) / sum;
      const dx = P.px[i]! - Q.px[j]!;
      const dy = P.py[i]! - Q.py[j]!;
      const dz = P.pz[i]! - Q.pz[j]!;
      const pref = (TWO_PI_52 * P.pref[i]! * Q.pref[j]!) / (p * q * Math.sqrt(sum));
      if (Math.abs(pref) < cut) continue;
      boys(L, alpha * (dx * dx + dy * dy + dz * dz), F);
      hermiteR(L, alpha, dx, dy, dz, F, work, R);
      // U[h][cd] = Σ_h' R[h + h'] (-1)^|h'| E^{cd}_h' for the bra orders of the derivatives.
      const eBase = j * qnnz;
      for (let cd = 0; cd < ncd; cd++) {
        const q0 = qStart[cd]!;
        const q1 = qStart[cd + 1]!;
        for (let h = 0; h < nh1; h++) {
          const row = h * qnnz;
          let acc = 0;
          for (let x = q0; x < q1; x++) acc += R[ketR[row + x]!]! * EQ[eBase + x]!;
          U[h * ncd + cd] = acc;
        }
      }
      // dA + dB is d/dP, which raises the Hermite order: Σ V[h][cd] U[h + 1_axis][cd].
      const n1 = nh1 * ncd;
      for (let axis = 0; axis < 3; axis++) {
        let sAB = 0;
        for (let h = 0; h < nhP; h++) {
          const vRow = h * ncd;
          const uRow = RAISE_H[3 * h + axis]! * ncd;
          for (let cd = 0; cd < ncd; cd++) sAB += V[vRow + cd]! * U[uRow + cd]!;
        }
        let sA = 0;
        if (withA) {
          const base = axis * n1;
          for (let x = 0; x < n1; x++) sA += VA[base + x]! * U[x]!;
        }
        out[axis]! += pref * sA;
        out[3 + axis]! += pref * (sAB - sA);
      }
      if (!withC) continue;
      // Z[h'][cd] = Σ_h V[h][cd] R[h + h'], then contracted with the ket's C derivative.
      Z.fill(0, 0, nhQ1 * ncd);
      for (let h2 = 0; h2 < nhQ1; h2++) {
        const zRow = h2 * ncd;
        for (let h = 0; h < nhP; h++) {
          const r = R[SUM[h * NHS + h2]!]!;
          const vRow = h * ncd;
          for (let cd = 0; cd < ncd; cd++) Z[zRow + cd]! += V[vRow + cd]! * r;
        }
      }
      for (let axis = 0; axis < 3; axis++) {
        let sC = 0;
        for (let cd = 0; cd < ncd; cd++) {
          const eRow = ((j * ncd + cd) * 3 + axis) * nhQ1;
          for (let h2 = 0; h2 < nhQ1; h2++) {
            const ec = dQ.EA[eRow + h2]!;
            if (ec !== 0) sC += SIGN[h2]! * ec * Z[h2 * ncd + cd]!;
          }
        }
        out[6 + axis]! += pref * sC;
      }
    }
  }
}
