/**
 * Nuclear derivatives of the AO integrals, contracted at once with densities (the only way the
 * gradients use them): Σ D dH/dR, Σ W dS/dR and Σ Γ d(μν|λσ)/dR per atom.
 *
 * The derivative of a Cartesian Gaussian x_A^i e^{-a x_A^2} by its centre A_x is
 * 2a x_A^{i+1} e^{..} - i x_A^{i-1} e^{..}: a shell of l + 1 whose coefficients carry 2a and a
 * shell of l - 1 with the same coefficients. The one-electron derivatives are two ordinary
 * integrals over such "raised" and "lowered" shells (one-electron.ts); the ERIs use the same rule
 * inside their own kernel (eri-gradient.ts), which shares one R table between all centres. Both
 * work over the Cartesian components before any normalization or spherical transform; the
 * densities are moved to that Cartesian basis instead (D_cart = M^T D M, M the shell
 * transforms), so no derivative block is ever transformed.
 *
 * Translational invariance saves work: the derivatives by the centres of an integral sum to zero,
 * so of the atoms an integral touches one gets minus the sum of the others; the operator centre C
 * of the nuclear attraction gets -(d/dA + d/dB), and integrals on one atom only are skipped.
 */
import { ArgumentError } from "../../errors.js";
import { cartesianComponents, nCartesian, shellTransform } from "../basis/angular.js";
import type { BasisSet, Shell } from "../basis.js";
import { shellPairs } from "./eri.js";
import { GradientScratch, gradientCost, pairDerivative, quartetGradient } from "./eri-gradient.js";
import { cartesianPairBlocks, PairScratch, type PointCharges } from "./one-electron.js";

/** Highest angular momentum with derivative integrals (raising it must stay within the ERI code). */
export const DERIVATIVE_MAX_L = 3;

/**
 * RAISE[l][3 i + k]: index in l + 1 of Cartesian component i of l with one more power along
 * axis k; LOWER[l][3 i + k]: index in l - 1 with one fewer (-1 when the power is 0); POWER the
 * power itself.
 */
const RAISE: Int32Array[] = [];
const LOWER: Int32Array[] = [];
const POWER: Int32Array[] = [];
for (let l = 0; l <= DERIVATIVE_MAX_L; l++) {
  const comps = cartesianComponents(l);
  const key = (c: readonly number[]): string => c.join(",");
  const up = new Map(cartesianComponents(l + 1).map((c, k) => [key(c), k]));
  const down = new Map(l > 0 ? cartesianComponents(l - 1).map((c, k) => [key(c), k]) : []);
  const r = new Int32Array(3 * comps.length);
  const d = new Int32Array(3 * comps.length);
  const pw = new Int32Array(3 * comps.length);
  comps.forEach((c, i) => {
    for (let k = 0; k < 3; k++) {
      const plus = [...c];
      plus[k]! += 1;
      r[3 * i + k] = up.get(key(plus))!;
      const minus = [...c];
      minus[k]! -= 1;
      d[3 * i + k] = c[k]! > 0 ? down.get(key(minus))! : -1;
      pw[3 * i + k] = c[k]!;
    }
  });
  RAISE.push(r);
  LOWER.push(d);
  POWER.push(pw);
}

/** The shell with l + 1 and coefficients times 2a (the first term of d/dA). */
function raised(s: Shell): Shell {
  const c = new Float64Array(s.coefficients.length);
  for (let k = 0; k < c.length; k++) c[k] = 2 * s.exponents[k]! * s.coefficients[k]!;
  return { ...s, l: s.l + 1, pure: false, coefficients: c, size: nCartesian(s.l + 1) };
}

/** The shell with l - 1 and the same coefficients (the second term; undefined for s). */
function lowered(s: Shell): Shell | undefined {
  if (s.l === 0) return undefined;
  return { ...s, l: s.l - 1, pure: false, size: nCartesian(s.l - 1) };
}

/**
 * out[k] += Σ g[o][i][n] (plus[o][RAISE(i,k)][n] - i_k minus[o][LOWER(i,k)][n]) for a tensor g
 * of shape [outer][nCart(l)][inner]: the centre derivative along x, y, z of the slot holding
 * angular momentum l, contracted with g.
 */
function contractSlot(
  g: Float64Array,
  outer: number,
  l: number,
  inner: number,
  plus: Float64Array,
  minus: Float64Array | undefined,
  out: Float64Array,
  at: number,
): void {
  const n = nCartesian(l);
  const nUp = nCartesian(l + 1);
  const nDown = l > 0 ? nCartesian(l - 1) : 0;
  const up = RAISE[l]!;
  const down = LOWER[l]!;
  const pw = POWER[l]!;
  for (let k = 0; k < 3; k++) {
    let s = 0;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < n; i++) {
        const gRow = (o * n + i) * inner;
        const pRow = (o * nUp + up[3 * i + k]!) * inner;
        const p = pw[3 * i + k]!;
        const mRow = p > 0 ? (o * nDown + down[3 * i + k]!) * inner : 0;
        for (let x = 0; x < inner; x++) {
          let d = plus[pRow + x]!;
          if (p > 0) d -= p * minus![mRow + x]!;
          s += g[gRow + x]! * d;
        }
      }
    }
    out[at + k]! += s;
  }
}

/** Where each shell's Cartesian components start in the Cartesian basis, and its size. */
export interface CartesianLayout {
  /** First Cartesian index of each shell. */
  offsets: Int32Array;
  /** Total number of Cartesian components. */
  n: number;
}

/**
 * The Cartesian layout of a basis (every shell with all nCart(l) components).
 * @example
 * cartesianLayout(basis).n; // 6 per d shell, even in a spherical basis
 */
export function cartesianLayout(basis: BasisSet): CartesianLayout {
  const offsets = new Int32Array(basis.shells.length);
  let n = 0;
  basis.shells.forEach((s, k) => {
    offsets[k] = n;
    n += nCartesian(s.l);
  });
  return { offsets, n };
}

/**
 * The rows of an AO-indexed matrix A (nbf x cols) moved to the Cartesian components: M^T A per
 * shell block (nc x cols). MO coefficients so moved serve every density built from them.
 * @example
 * const Cc = rowsToCartesian(basis, hf.coefficients, hf.nmo); // C_cart X C_cart^T = toCartesian(C X C^T)
 */
export function rowsToCartesian(basis: BasisSet, A: Float64Array, cols: number): Float64Array {
  const { offsets, n: nc } = cartesianLayout(basis);
  const out = new Float64Array(nc * cols);
  basis.shells.forEach((s, k) => {
    const M = shellTransform(s.l, s.pure);
    const nC = nCartesian(s.l);
    for (let c = 0; c < nC; c++) {
      for (let r = 0; r < s.size; r++) {
        const m = s.l < 2 ? (r === c ? 1 : 0) : M[r * nC + c]!;
        if (m === 0) continue;
        const aRow = (s.offset + r) * cols;
        const oRow = (offsets[k]! + c) * cols;
        for (let v = 0; v < cols; v++) out[oRow + v]! += m * A[aRow + v]!;
      }
    }
  });
  return out;
}

/**
 * A symmetric AO matrix (nbf x nbf) moved to the Cartesian components: M^T D M per shell block,
 * so Σ D I = Σ D_cart I_cart for every integral I.
 * @example
 * const Dc = toCartesian(basis, hf.density);
 */
export function toCartesian(basis: BasisSet, D: Float64Array): Float64Array {
  const nbf = basis.nbf;
  // M^T D, transposed (D is symmetric, so that is D M as nbf x nc), then M^T again.
  const half = rowsToCartesian(basis, D, nbf);
  const nc = half.length / nbf;
  const t = new Float64Array(nbf * nc);
  for (let c = 0; c < nc; c++) for (let v = 0; v < nbf; v++) t[v * nc + c] = half[c * nbf + v]!;
  return rowsToCartesian(basis, t, nc);
}

function checkL(basis: BasisSet, who: string): void {
  if (basis.maxL > DERIVATIVE_MAX_L) {
    throw new ArgumentError(
      `${who}: derivative integrals go up to l = ${DERIVATIVE_MAX_L} (f), the basis has l = ${basis.maxL}`,
    );
  }
}

/**
 * One-electron part of a nuclear gradient: Σ_μν D_μν d(T + V)_μν/dR - Σ_μν W_μν dS_μν/dR per
 * atom (x, y, z interleaved), with the Hellmann-Feynman term of the moving nuclei. D and W are
 * symmetric matrices in the Cartesian basis ({@link toCartesian}).
 * @example
 * const g = oneElectronGradient(basis, nucleiOf(mol), toCartesian(basis, D), toCartesian(basis, W), mol.atoms.length);
 */
export function oneElectronGradient(
  basis: BasisSet,
  nuclei: PointCharges,
  D: Float64Array,
  W: Float64Array,
  nAtoms: number,
): Float64Array {
  checkL(basis, "oneElectronGradient");
  const grad = new Float64Array(3 * nAtoms);
  const { offsets, n } = cartesianLayout(basis);
  const shells = basis.shells;
  const s = new PairScratch(basis.maxL + 1);
  const origin = [0, 0, 0] as const;
  const nq = nuclei.charges.length;
  const one: PointCharges[] = Array.from({ length: nq }, (_, C) => ({
    charges: [nuclei.charges[C]!],
    x: [nuclei.x[C]!],
    y: [nuclei.y[C]!],
    z: [nuclei.z[C]!],
  }));
  const none: PointCharges = { charges: [], x: [], y: [], z: [] };
  const up: Shell[] = shells.map(raised);
  const down = shells.map(lowered);
  const nc = nCartesian(basis.maxL);
  const gD = new Float64Array(nc * nc);
  const gW = new Float64Array(nc * nc);
  const part = new Float64Array(6);
  const plus = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
  const minus = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
  // Blocks S, T, V (0, 1, 2) of (bra, ket) copied out, raised and lowered in one slot.
  const blocksOf = (
    bra: Shell | undefined,
    ket: Shell | undefined,
    pc: PointCharges,
    into: Float64Array[],
  ): void => {
    if (bra === undefined || ket === undefined) return;
    cartesianPairBlocks(bra, ket, pc, origin, s);
    for (let k = 0; k < 3; k++)
      into[k] = s.blocks[k]!.slice(0, nCartesian(bra.l) * nCartesian(ket.l));
  };
  for (let A = 0; A < shells.length; A++) {
    const sa = shells[A]!;
    for (let B = 0; B <= A; B++) {
      const sb = shells[B]!;
      const f = A === B ? 1 : 2;
      const na = nCartesian(sa.l);
      const nb = nCartesian(sb.l);
      for (let i = 0; i < na; i++) {
        for (let j = 0; j < nb; j++) {
          const at = (offsets[A]! + i) * n + offsets[B]! + j;
          gD[i * nb + j] = f * D[at]!;
          gW[i * nb + j] = f * W[at]!;
        }
      }
      const sameAtom = sa.atom === sb.atom;
      // S and T: d/dB = -d/dA, nothing when both shells sit on one atom.
      if (!sameAtom) {
        blocksOf(up[A], sb, none, plus);
        blocksOf(down[A], sb, none, minus);
        part.fill(0);
        const m = down[A] === undefined ? undefined : minus;
        contractSlot(gW, 1, sa.l, nb, plus[0]!, m?.[0], part, 0);
        contractSlot(gD, 1, sa.l, nb, plus[1]!, m?.[1], part, 3);
        for (let k = 0; k < 3; k++) {
          const v = part[3 + k]! - part[k]!;
          grad[3 * sa.atom + k]! += v;
          grad[3 * sb.atom + k]! -= v;
        }
      }
      // V, one nucleus at a time: d/dC = -(d/dA + d/dB).
      for (let C = 0; C < nq; C++) {
        if (sameAtom && sa.atom === C) continue;
        part.fill(0);
        blocksOf(up[A], sb, one[C]!, plus);
        blocksOf(down[A], sb, one[C]!, minus);
        contractSlot(
          gD,
          1,
          sa.l,
          nb,
          plus[2]!,
          down[A] === undefined ? undefined : minus[2],
          part,
          0,
        );
        blocksOf(sa, up[B], one[C]!, plus);
        blocksOf(sa, down[B], one[C]!, minus);
        contractSlot(
          gD,
          na,
          sb.l,
          1,
          plus[2]!,
          down[B] === undefined ? undefined : minus[2],
          part,
          3,
        );
        for (let k = 0; k < 3; k++) {
          grad[3 * sa.atom + k]! += part[k]!;
          grad[3 * sb.atom + k]! += part[3 + k]!;
          if (C < nAtoms) grad[3 * C + k]! -= part[k]! + part[3 + k]!;
        }
      }
    }
  }
  return grad;
}

/**
 * Two-electron part of a nuclear gradient, Σ_μνλσ Γ_μνλσ d(μν|λσ)/dR per atom (x, y, z
 * interleaved), for the Hartree-Fock two-particle density
 * Γ = ½ D_μν D_λσ - ¼ Σ_σ (D^σ_μλ D^σ_νσ + D^σ_μσ D^σ_νλ), D = D^α + D^β, all in the Cartesian
 * basis ({@link toCartesian}). Quartets whose Schwarz bound is below `screening` are skipped.
 * @example
 * const g = twoElectronGradient(basis, Dc, Dac, Dbc, mol.atoms.length);
 */
export function twoElectronGradient(
  basis: BasisSet,
  D: Float64Array,
  Da: Float64Array,
  Db: Float64Array,
  nAtoms: number,
  screening = 1e-12,
): Float64Array {
  checkL(basis, "twoElectronGradient");
  const { n } = cartesianLayout(basis);
  let maxD = 0;
  for (let i = 0; i < D.length; i++) maxD = Math.max(maxD, Math.abs(D[i]!));
  return contractQuartets(basis, nAtoms, maxD * maxD, screening, (block, gamma) => {
    const { oa, na, ob, nb, oc, nC, od, nD, deg } = block;
    let k = 0;
    for (let i = 0; i < na; i++) {
      const p = oa + i;
      for (let j = 0; j < nb; j++) {
        const q = ob + j;
        const dpq = 0.5 * D[p * n + q]!;
        for (let x = 0; x < nC; x++) {
          const r = oc + x;
          const pr = p * n + r;
          const qr = q * n + r;
          for (let y = 0; y < nD; y++) {
            const t = od + y;
            const ex =
              Da[pr]! * Da[q * n + t]! +
              Da[p * n + t]! * Da[qr]! +
              Db[pr]! * Db[q * n + t]! +
              Db[p * n + t]! * Db[qr]!;
            gamma[k++] = deg * (dpq * D[r * n + t]! - 0.25 * ex);
          }
        }
      }
    }
  });
}

/**
 * Σ_μνλσ Γ_μνλσ d(μν|λσ)/dR per atom for a general (non-separable) two-particle density given
 * densely over the Cartesian basis, Γ[((μ n + ν) n + λ) n + σ] with n = cartesianLayout(basis).n.
 * Γ must have the symmetry of the integrals (μ↔ν, λ↔σ, μν↔λσ): only one of each orbit is read.
 * @example
 * const g = twoParticleGradient(basis, gammaCart, mol.atoms.length); // correlated gradients
 */
export function twoParticleGradient(
  basis: BasisSet,
  gamma: Float64Array,
  nAtoms: number,
  screening = 1e-12,
): Float64Array {
  checkL(basis, "twoParticleGradient");
  const { n } = cartesianLayout(basis);
  if (gamma.length !== n ** 4)
    throw new ArgumentError(
      `twoParticleGradient: gamma has ${gamma.length} entries, expected ${n}^4 (Cartesian basis)`,
    );
  let maxG = 0;
  for (let i = 0; i < gamma.length; i++) maxG = Math.max(maxG, Math.abs(gamma[i]!));
  return contractQuartets(basis, nAtoms, maxG, screening, (block, out) => {
    const { oa, na, ob, nb, oc, nC, od, nD, deg } = block;
    let k = 0;
    for (let i = 0; i < na; i++) {
      for (let j = 0; j < nb; j++) {
        const pq = ((oa + i) * n + ob + j) * n;
        for (let x = 0; x < nC; x++) {
          const row = (pq + oc + x) * n + od;
          for (let y = 0; y < nD; y++) out[k++] = deg * gamma[row + y]!;
        }
      }
    }
  });
}

/** One unique shell quartet: Cartesian offsets and sizes of its four shells, and its multiplicity. */
interface QuartetBlock {
  oa: number;
  na: number;
  ob: number;
  nb: number;
  oc: number;
  nC: number;
  od: number;
  nD: number;
  deg: number;
}

/**
 * The loop of the two-electron gradients over unique shell quartets: `fill` writes the quartet's
 * density block (times its multiplicity) in [a][b][c][d] order, the kernel contracts it with
 * the derivative integrals of all centres. `scale` bounds |Γ| for the Schwarz screening.
 */
function contractQuartets(
  basis: BasisSet,
  nAtoms: number,
  scale: number,
  screening: number,
  fill: (block: QuartetBlock, gamma: Float64Array) => void,
): Float64Array {
  const grad = new Float64Array(3 * nAtoms);
  const { offsets } = cartesianLayout(basis);
  const shells = basis.shells;
  const index = new Map(shells.map((s, k) => [s, k]));
  const { pairs, bound } = shellPairs(basis);
  const derivs = pairs.map(pairDerivative);
  const scratch = new GradientScratch(basis.maxL);
  const nc = nCartesian(basis.maxL);
  const gamma = new Float64Array(nc ** 4);
  const gammaT = new Float64Array(nc ** 4);
  const part = new Float64Array(9);
  const block: QuartetBlock = { oa: 0, na: 0, ob: 0, nb: 0, oc: 0, nC: 0, od: 0, nD: 0, deg: 0 };
  for (let I = 0; I < pairs.length; I++) {
    const P = pairs[I]!;
    const atomA = P.a.atom;
    const atomB = P.b.atom;
    const a = index.get(P.a)!;
    const b = index.get(P.b)!;
    const na = nCartesian(P.a.l);
    const nb = nCartesian(P.b.l);
    for (let J = 0; J <= I; J++) {
      if (bound[I]! * bound[J]! * scale < screening) continue;
      const Q = pairs[J]!;
      const atomC = Q.a.atom;
      const atomD = Q.b.atom;
      if (atomA === atomB && atomB === atomC && atomC === atomD) continue;
      const c = index.get(Q.a)!;
      const d = index.get(Q.b)!;
      const nC = nCartesian(Q.a.l);
      const nD = nCartesian(Q.b.l);
      block.oa = offsets[a]!;
      block.na = na;
      block.ob = offsets[b]!;
      block.nb = nb;
      block.oc = offsets[c]!;
      block.nC = nC;
      block.od = offsets[d]!;
      block.nD = nD;
      block.deg = (a === b ? 1 : 2) * (c === d ? 1 : 2) * (I === J ? 1 : 2);
      fill(block, gamma);
      part.fill(0);
      const withA = atomA !== atomB;
      const withC = atomC !== atomD;
      // The kernel differentiates its bra's centres more cheaply than its ket's: run the quartet
      // in the cheaper orientation, (CD|AB) with Γ transposed when that one is.
      let centres: [number, number, number, number];
      if (gradientCost(Q, P, withC, withA) < gradientCost(P, Q, withA, withC)) {
        const nab = na * nb;
        const ncd = nC * nD;
        for (let ab = 0; ab < nab; ab++)
          for (let cd = 0; cd < ncd; cd++) gammaT[cd * nab + ab] = gamma[ab * ncd + cd]!;
        quartetGradient(Q, P, derivs[J]!, derivs[I]!, gammaT, scratch, part, withC, withA);
        centres = [atomC, atomD, atomA, atomB];
      } else {
        quartetGradient(P, Q, derivs[I]!, derivs[J]!, gamma, scratch, part, withA, withC);
        centres = [atomA, atomB, atomC, atomD];
      }
      // part: bra's first centre, bra's second (or both), ket's first (or nothing); the ket's
      // second gets minus the sum.
      const ketSplit = centres[2] !== centres[3];
      for (let x = 0; x < 3; x++) {
        const g1 = part[x]!;
        const g2 = part[3 + x]!;
        grad[3 * centres[0] + x]! += g1;
        grad[3 * centres[1] + x]! += g2;
        if (ketSplit) {
          const g3 = part[6 + x]!;
          grad[3 * centres[2] + x]! += g3;
          grad[3 * centres[3] + x]! -= g1 + g2 + g3;
        } else grad[3 * centres[2] + x]! -= g1 + g2;
      }
    }
  }
  return grad;
}
