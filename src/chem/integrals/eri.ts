/**
 * Electron-repulsion integrals (μν|λσ) in chemists' notation by McMurchie-Davidson:
 *   (ab|cd) = 2 π^{5/2} / (p q sqrt(p + q)) Σ_{tuv} E^{ab}_{tuv} Σ_{τνφ} (-1)^{τ+ν+φ} E^{cd}_{τνφ} R_{t+τ,u+ν,v+φ}
 * with α = p q / (p + q) and R taken at P - Q.
 *
 * Work is organised per shell pair (precomputed once: primitive-pair exponents, centres,
 * prefactors and the full Hermite matrix E[cartesian pair][hermite triple]) and per shell
 * quartet: for each bra primitive pair the ket primitives are summed into
 * X[hermite_ab][cd] = Σ_q pref Σ_{hcd} (±R) E_cd (the sign folded into the ket's E, the R
 * index of every (hab, hcd) precomputed per pair), then the bra matrix is applied once. Each
 * quartet runs in whichever bra/ket orientation needs fewer multiply-adds. Only unique
 * quartets (AB|CD) with A >= B, C >= D, AB >= CD are computed (8-fold symmetry) and quartets
 * whose Schwarz bound sqrt((AB|AB)) sqrt((CD|CD)) is below the threshold are skipped.
 */
import { ArgumentError, ResourceError } from "../../errors.js";
import { cartesianComponents, nCartesian } from "../basis/angular.js";
import type { BasisSet, Shell } from "../basis.js";
import { boys } from "./boys.js";
import { HT, HU, HV, hermiteE, hermiteIndex, hermiteR, nHermite } from "./hermite.js";
import { transformBlock } from "./transform.js";

/** Largest angular momentum the ERI code handles (g). */
const ERI_MAX_L = 4;
/** Hermite triples with t + u + v <= 2 * ERI_MAX_L: the rows and columns of {@link SUM}. */
export const NHS = nHermite(2 * ERI_MAX_L);
/** SUM[ha * NHS + hb]: global index of the triple sum of Hermite triples ha and hb. */
export const SUM = new Int32Array(NHS * NHS);
/** (-1)^{t+u+v} of each Hermite triple. */
export const SIGN = new Float64Array(NHS);
for (let a = 0; a < NHS; a++) {
  SIGN[a] = (HT[a]! + HU[a]! + HV[a]!) % 2 === 0 ? 1 : -1;
  for (let b = 0; b < NHS; b++)
    SUM[a * NHS + b] = hermiteIndex(HT[a]! + HT[b]!, HU[a]! + HU[b]!, HV[a]! + HV[b]!);
}

/** 2 π^{5/2}, the constant of every ERI. */
export const TWO_PI_52 = 2 * Math.PI ** 2.5;

/** Precomputed data of a shell pair (A, B); shared with the Fock builders of jk.ts. */
export interface ShellPair {
  a: Shell;
  b: Shell;
  /** Number of Cartesian pairs nCart(la) * nCart(lb). */
  nab: number;
  /** la + lb and the number of Hermite triples up to it. */
  L: number;
  nh: number;
  nPrim: number;
  p: Float64Array;
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  /** c_a c_b exp(-μ R_AB^2) per primitive pair. */
  pref: Float64Array;
  /**
   * Hermite coefficients, sparse: for Cartesian pair ab the triples h with t <= ax + bx,
   * u <= ay + by, v <= az + bz are `nzH[nzStart[ab] .. nzStart[ab + 1])`, and primitive pair k
   * stores E^{ab}_h at `E[k * nnz + q]` for the q-th of them (the others are zero).
   */
  nzStart: Int32Array;
  nzH: Int32Array;
  nnz: number;
  E: Float64Array;
  /** E with the ket sign (-1)^{τ+ν+φ} of its Hermite triple folded in, for the ket role. */
  Eket: Float64Array;
  /**
   * For the ket role: `ketR[ha * nnz + q]` is the index into R of bra triple ha plus the q-th
   * nonzero ket triple, for the first `ketRows` bra triples (grown on demand).
   */
  ketR: Int32Array;
  ketRows: number;
}

/**
 * Makes sure P.ketR covers bra Hermite triples up to nh.
 * @example
 * ensureKetIndex(Q, P.nh); // Q.ketR now indexes R for every bra triple of P
 */
export function ensureKetIndex(P: ShellPair, nh: number): void {
  if (P.ketRows >= nh) return;
  const idx = new Int32Array(nh * P.nnz);
  for (let ha = 0; ha < nh; ha++) {
    for (let q = 0; q < P.nnz; q++) idx[ha * P.nnz + q] = SUM[ha * NHS + P.nzH[q]!]!;
  }
  P.ketR = idx;
  P.ketRows = nh;
}

/**
 * Primitive-pair data and Hermite coefficients of shells a and b (primitive pairs whose
 * Gaussian-product factor is negligible are dropped).
 * @example
 * const P = makePair(basis.shells[1]!, basis.shells[0]!);
 */
export function makePair(a: Shell, b: Shell): ShellPair {
  const la = a.l;
  const lb = b.l;
  const ca = cartesianComponents(la);
  const cb = cartesianComponents(lb);
  const nab = ca.length * cb.length;
  const L = la + lb;
  const nh = nHermite(L);
  const abx = a.x - b.x;
  const aby = a.y - b.y;
  const abz = a.z - b.z;
  const ab2 = abx * abx + aby * aby + abz * abz;
  const nt = L + 1;
  const si = (lb + 1) * nt;
  const ex = new Float64Array((la + 1) * si);
  const ey = new Float64Array((la + 1) * si);
  const ez = new Float64Array((la + 1) * si);
  // The sparsity pattern depends only on the angular parts.
  const nzStart = new Int32Array(nab + 1);
  const nzList: number[] = [];
  for (let u = 0; u < ca.length; u++) {
    const [ax, ay, az] = ca[u]!;
    for (let w = 0; w < cb.length; w++) {
      const [bx, by, bz] = cb[w]!;
      for (let h = 0; h < nh; h++) {
        if (HT[h]! <= ax + bx && HU[h]! <= ay + by && HV[h]! <= az + bz) nzList.push(h);
      }
      nzStart[u * cb.length + w + 1] = nzList.length;
    }
  }
  const nzH = Int32Array.from(nzList);
  const nnz = nzH.length;
  const ps: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  const zs: number[] = [];
  const prefs: number[] = [];
  const Es: Float64Array[] = [];
  for (let i = 0; i < a.exponents.length; i++) {
    for (let j = 0; j < b.exponents.length; j++) {
      const ea = a.exponents[i]!;
      const eb = b.exponents[j]!;
      const p = ea + eb;
      const K = Math.exp((-ea * eb * ab2) / p);
      // Primitive screening: a pair whose Gaussian-product factor is below 1e-18 contributes
      // nothing visible (E and R are O(1) relative to it for molecular distances).
      if (K < 1e-18) continue;
      const pref = a.coefficients[i]! * b.coefficients[j]! * K;
      const px = (ea * a.x + eb * b.x) / p;
      const py = (ea * a.y + eb * b.y) / p;
      const pz = (ea * a.z + eb * b.z) / p;
      hermiteE(la, lb, p, px - a.x, px - b.x, ex);
      hermiteE(la, lb, p, py - a.y, py - b.y, ey);
      hermiteE(la, lb, p, pz - a.z, pz - b.z, ez);
      const E = new Float64Array(nnz);
      for (let u = 0; u < ca.length; u++) {
        const [ax, ay, az] = ca[u]!;
        for (let w = 0; w < cb.length; w++) {
          const [bx, by, bz] = cb[w]!;
          const ab = u * cb.length + w;
          for (let q = nzStart[ab]!; q < nzStart[ab + 1]!; q++) {
            const h = nzH[q]!;
            E[q] =
              ex[ax * si + bx * nt + HT[h]!]! *
              ey[ay * si + by * nt + HU[h]!]! *
              ez[az * si + bz * nt + HV[h]!]!;
          }
        }
      }
      ps.push(p);
      xs.push(px);
      ys.push(py);
      zs.push(pz);
      prefs.push(pref);
      Es.push(E);
    }
  }
  const E = new Float64Array(Es.length * nnz);
  for (let k = 0; k < Es.length; k++) E.set(Es[k]!, k * nnz);
  const Eket = new Float64Array(E.length);
  for (let k = 0; k < Es.length; k++) {
    for (let q = 0; q < nnz; q++) Eket[k * nnz + q] = SIGN[nzH[q]!]! * E[k * nnz + q]!;
  }
  return {
    a,
    b,
    nab,
    L,
    nh,
    nPrim: ps.length,
    p: Float64Array.from(ps),
    px: Float64Array.from(xs),
    py: Float64Array.from(ys),
    pz: Float64Array.from(zs),
    pref: Float64Array.from(prefs),
    nzStart,
    nzH,
    nnz,
    E,
    Eket,
    ketR: new Int32Array(0),
    ketRows: 0,
  };
}

/** Scratch buffers of the quartet kernel, sized for the largest l. */
export class Scratch {
  readonly F: Float64Array;
  readonly R: Float64Array;
  readonly work: Float64Array;
  readonly X: Float64Array;
  readonly out: Float64Array;
  readonly tmp: Float64Array;
  readonly dims = new Int32Array(4);
  readonly ls = [0, 0, 0, 0];
  readonly pures = [false, false, false, false];
  constructor(lmax: number) {
    const L = 4 * lmax;
    const nh2 = nHermite(2 * lmax);
    const nc2 = nCartesian(lmax) ** 2;
    this.F = new Float64Array(L + 1);
    this.R = new Float64Array(nHermite(L));
    this.work = new Float64Array((L + 1) * nHermite(L));
    this.X = new Float64Array(nh2 * nc2);
    this.out = new Float64Array(nc2 * nc2);
    this.tmp = new Float64Array(nc2 * nc2);
  }
}

/** (AB|CD) over commonly normalized Cartesian components, into s.out[ab * ncd + cd]. */
function quartet(P: ShellPair, Q: ShellPair, s: Scratch): void {
  const { F, R, work, X, out } = s;
  const nab = P.nab;
  const ncd = Q.nab;
  const nhab = P.nh;
  const L = P.L + Q.L;
  out.fill(0, 0, nab * ncd);
  const EP = P.E;
  const EQ = Q.Eket;
  ensureKetIndex(Q, nhab);
  const ketR = Q.ketR;
  const pStart = P.nzStart;
  const pH = P.nzH;
  const pnnz = P.nnz;
  const qStart = Q.nzStart;
  const qnnz = Q.nnz;
  for (let i = 0; i < P.nPrim; i++) {
    const p = P.p[i]!;
    const pPref = P.pref[i]! * TWO_PI_52;
    X.fill(0, 0, nhab * ncd);
    for (let j = 0; j < Q.nPrim; j++) {
      const q = Q.p[j]!;
      const sum = p + q;
      const alpha = (p * q) / sum;
      const dx = P.px[i]! - Q.px[j]!;
      const dy = P.py[i]! - Q.py[j]!;
      const dz = P.pz[i]! - Q.pz[j]!;
      const pref = (pPref * Q.pref[j]!) / (p * q * Math.sqrt(sum));
      boys(L, alpha * (dx * dx + dy * dy + dz * dz), F);
      if (L === 0) {
        X[0]! += pref * F[0]! * EQ[j]!;
        continue;
      }
      hermiteR(L, alpha, dx, dy, dz, F, work, R);
      // X[hab][cd] += pref Σ_hcd (-1)^{|hcd|} R[hab + hcd] E_cd[cd][hcd] over the nonzero E_cd
      const eBase = j * qnnz;
      for (let cd = 0; cd < ncd; cd++) {
        const q0 = qStart[cd]!;
        const q1 = qStart[cd + 1]!;
        for (let ha = 0; ha < nhab; ha++) {
          const row = ha * qnnz;
          let acc = 0;
          for (let q = q0; q < q1; q++) acc += R[ketR[row + q]!]! * EQ[eBase + q]!;
          X[ha * ncd + cd]! += pref * acc;
        }
      }
    }
    // out[ab][cd] += Σ_hab E_ab[ab][hab] X[hab][cd]
    const eBase = i * pnnz;
    for (let ab = 0; ab < nab; ab++) {
      const oRow = ab * ncd;
      for (let q = pStart[ab]!; q < pStart[ab + 1]!; q++) {
        const e = EP[eBase + q]!;
        if (e === 0) continue;
        const xRow = pH[q]! * ncd;
        for (let cd = 0; cd < ncd; cd++) out[oRow + cd]! += e * X[xRow + cd]!;
      }
    }
  }
}

/**
 * Computes (AB|CD) and transforms it to output functions; returns the array holding it
 * (row-major [na][nb][nc][nd], valid until the next call with the same scratch).
 * @example
 * const blk = quartetBlock(makePair(a, b), makePair(c, d), new Scratch(basis.maxL));
 */
export function quartetBlock(P: ShellPair, Q: ShellPair, s: Scratch): Float64Array {
  let block = s.out;
  let spare = s.tmp;
  if (kernelCost(Q, P) < kernelCost(P, Q)) {
    // (CD|AB) is cheaper with these shapes; transpose it into [ab][cd].
    quartet(Q, P, s);
    const nab = P.nab;
    const ncd = Q.nab;
    for (let cd = 0; cd < ncd; cd++) {
      for (let ab = 0; ab < nab; ab++) spare[ab * ncd + cd] = block[cd * nab + ab]!;
    }
    block = s.tmp;
    spare = s.out;
  } else quartet(P, Q, s);
  const { a, b } = P;
  const { a: c, b: d } = Q;
  if (a.l < 2 && b.l < 2 && c.l < 2 && d.l < 2) return block;
  s.dims[0] = nCartesian(a.l);
  s.dims[1] = nCartesian(b.l);
  s.dims[2] = nCartesian(c.l);
  s.dims[3] = nCartesian(d.l);
  s.ls[0] = a.l;
  s.ls[1] = b.l;
  s.ls[2] = c.l;
  s.ls[3] = d.l;
  s.pures[0] = a.pure;
  s.pures[1] = b.pure;
  s.pures[2] = c.pure;
  s.pures[3] = d.pure;
  return transformBlock(block, spare, s.ls, s.pures, s.dims);
}

/**
 * Multiply-adds of {@link quartet} with `outer` as the bra (primitive loop outside) and `inner`
 * as the ket: per primitive quartet the R gather and the ket-E product, per bra primitive the
 * bra-E product. The kernel is symmetric in bra and ket, so the cheaper orientation runs; for
 * (sd|dd) in 6-31G* that is 5x fewer operations than the other one.
 */
function kernelCost(outer: ShellPair, inner: ShellPair): number {
  return outer.nPrim * (inner.nPrim * outer.nh * (inner.nnz + inner.nh) + outer.nnz * inner.nab);
}

/** The shell pairs (A, B), A >= B, of a basis with their Schwarz bounds. */
export interface ShellPairList {
  /** Pair A(A+1)/2 + B for A >= B. */
  pairs: ShellPair[];
  /** sqrt(max |(ab|ab)|) over the pair's functions: |(ab|cd)| <= bound[AB] bound[CD]. */
  bound: Float64Array;
}

/**
 * All shell pairs of a basis (A >= B, in the order A(A+1)/2 + B) and their Schwarz bounds,
 * from the diagonal quartets (AB|AB).
 * @example
 * const { pairs, bound } = shellPairs(basis);
 */
export function shellPairs(basis: BasisSet): ShellPairList {
  const shells = basis.shells;
  const pairs: ShellPair[] = [];
  for (let A = 0; A < shells.length; A++) {
    for (let B = 0; B <= A; B++) pairs.push(makePair(shells[A]!, shells[B]!));
  }
  const s = new Scratch(Math.max(1, basis.maxL));
  const bound = new Float64Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const P = pairs[k]!;
    const blk = quartetBlock(P, P, s);
    const nab = P.a.size * P.b.size;
    let m = 0;
    for (let ab = 0; ab < nab; ab++) m = Math.max(m, Math.abs(blk[ab * nab + ab]!));
    bound[k] = Math.sqrt(m);
  }
  return { pairs, bound };
}

/** Options of {@link electronRepulsion}. */
export interface EriOptions {
  /** Schwarz screening threshold: quartets with a bound below it are zero (default 1e-12). */
  screening?: number;
}

/**
 * Index of (pq|rs) in the flat nbf^4 ERI array: ((p n + q) n + r) n + s.
 * @example
 * eri[eriIndex(n, 0, 1, 0, 1)]; // (01|01)
 */
export function eriIndex(n: number, p: number, q: number, r: number, s: number): number {
  return ((p * n + q) * n + r) * n + s;
}

/**
 * Stores (pq|rs) = v at all eight places its permutational symmetry gives in a dense
 * n^4 array (chemists' notation, real orbitals).
 * @example
 * setEightfold(eri, nbf, 0, 1, 2, 3, 0.25);
 */
export function setEightfold(
  eri: Float64Array,
  n: number,
  p: number,
  q: number,
  r: number,
  s: number,
  v: number,
): void {
  const n2 = n * n;
  const n3 = n2 * n;
  eri[p * n3 + q * n2 + r * n + s] = v;
  eri[q * n3 + p * n2 + r * n + s] = v;
  eri[p * n3 + q * n2 + s * n + r] = v;
  eri[q * n3 + p * n2 + s * n + r] = v;
  eri[r * n3 + s * n2 + p * n + q] = v;
  eri[s * n3 + r * n2 + p * n + q] = v;
  eri[r * n3 + s * n2 + q * n + p] = v;
  eri[s * n3 + r * n2 + q * n + p] = v;
}

/**
 * All electron-repulsion integrals (μν|λσ) of a basis set as a flat nbf^4 Float64Array (row-major,
 * chemists' notation, see {@link eriIndex}).
 * @example
 * const eri = electronRepulsion(new BasisSet(Molecule.fromName("h2")));
 * eri[eriIndex(2, 0, 0, 0, 0)]; // 0.7746...
 */
export function electronRepulsion(basis: BasisSet, options: EriOptions = {}): Float64Array {
  const threshold = options.screening ?? 1e-12;
  if (!(threshold >= 0))
    throw new ArgumentError(`electronRepulsion: screening must be >= 0, got ${threshold}`);
  if (basis.maxL > ERI_MAX_L) {
    throw new ArgumentError(
      `electronRepulsion: shells up to l = ${ERI_MAX_L} are supported, got l = ${basis.maxL}`,
    );
  }
  const n = basis.nbf;
  if (n ** 4 > 2 ** 28) {
    throw new ResourceError(
      `electronRepulsion: ${n} basis functions need ${n ** 4} ERIs, more than the 2^28 this dense layout allows`,
    );
  }
  const eri = new Float64Array(n ** 4);
  const { pairs, bound } = shellPairs(basis);
  const s = new Scratch(Math.max(1, basis.maxL));
  for (let I = 0; I < pairs.length; I++) {
    const P = pairs[I]!;
    for (let J = 0; J <= I; J++) {
      if (bound[I]! * bound[J]! < threshold) continue;
      const Q = pairs[J]!;
      const blk = quartetBlock(P, Q, s);
      const { a, b } = P;
      const { a: c, b: d } = Q;
      const na = a.size;
      const nb = b.size;
      const nc = c.size;
      const nd = d.size;
      for (let i = 0; i < na; i++) {
        const p = a.offset + i;
        for (let j = 0; j < nb; j++) {
          const q = b.offset + j;
          for (let k = 0; k < nc; k++) {
            const r = c.offset + k;
            const base = ((i * nb + j) * nc + k) * nd;
            for (let l = 0; l < nd; l++) {
              const t = d.offset + l;
              const v = blk[base + l]!;
              setEightfold(eri, n, p, q, r, t, v);
            }
          }
        }
      }
    }
  }
  return eri;
}

/**
 * The ERI block (AB|CD) of four shells (any order, no symmetry used), row-major over the shells'
 * functions [na][nb][nc][nd]. For tests and for callers that need a few blocks only.
 * @example
 * const blk = shellQuartet(basis, 0, 0, 1, 1); // (s s | s s) of shells 0 and 1
 */
export function shellQuartet(
  basis: BasisSet,
  A: number,
  B: number,
  C: number,
  D: number,
): Float64Array {
  const sh = basis.shells;
  for (const [name, k] of [
    ["A", A],
    ["B", B],
    ["C", C],
    ["D", D],
  ] as const) {
    if (!Number.isInteger(k) || k < 0 || k >= sh.length) {
      throw new ArgumentError(
        `shellQuartet: shell ${name} must be an integer in [0, ${sh.length - 1}], got ${k}`,
      );
    }
  }
  const P = makePair(sh[A]!, sh[B]!);
  const Q = makePair(sh[C]!, sh[D]!);
  const s = new Scratch(Math.max(1, basis.maxL));
  const blk = quartetBlock(P, Q, s);
  return blk.slice(0, sh[A]!.size * sh[B]!.size * sh[C]!.size * sh[D]!.size);
}
