/**
 * Full configuration interaction: the exact ground state of the electronic Hamiltonian in one
 * (N_alpha, N_beta) sector, over determinants |I_alpha I_beta> built from alpha and beta
 * occupation strings.
 *
 * The sigma vector follows Knowles-Handy / Olsen in the form used by PySCF's direct_spin1:
 * H = Σ_{kl,mn} W[kl,mn] E_kl E_mn with E_kl = E^α_kl + E^β_kl and
 * W = ½ (kl|mn) + (k_kl δ_mn + δ_kl k_mn) / (2N), k_kl = h_kl - ½ Σ_j (kj|jl), which holds on the
 * N-electron space. Then σ = Σ_kl E_kl G_kl with G = W D and D_mn = E_mn C. With real orbitals W is
 * symmetric in k<->l and m<->n, so D and G are folded onto orbital pairs k >= l: the core is one
 * (n(n+1)/2)^2 x dets matrix product, and the single-replacement lists are precomputed per string.
 * Lowest roots by Davidson with the diagonal as preconditioner.
 */
import { ArgumentError, describe, ResourceError } from "../errors.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import type { MOIntegrals } from "./active-space.js";
import { checkMOIntegrals } from "./active-space.js";
import { binomial, davidson, popcount32 } from "./linalg-small.js";

/** Options of {@link fci}. */
export interface FCIOptions {
  /** Number of alpha electrons. */
  nAlpha: number;
  /** Number of beta electrons. */
  nBeta: number;
  /** Number of lowest roots (default 1). */
  nRoots?: number;
  /** Davidson residual-norm tolerance (default 1e-6; the energy error is about its square). */
  tol?: number;
  /** Davidson iteration limit (default 200). */
  maxIter?: number;
}

/** Result of {@link fci}. */
export interface FCIResult {
  /** Lowest total energy (including `ints.constant`). */
  energy: number;
  /** The `nRoots` lowest total energies. */
  energies: Float64Array;
  /** Ground-state CI vector, `vector[ia * betaStrings.length + ib]`. */
  vector: Float64Array;
  /** Alpha occupation strings (bit p = orbital p occupied), in CI-vector order. */
  alphaStrings: Int32Array;
  /** Beta occupation strings, in CI-vector order. */
  betaStrings: Int32Array;
  /** Number of determinants in the sector (alpha strings x beta strings). */
  nDeterminants: number;
  /** Davidson iterations run (1 for small problems solved densely). */
  iterations: number;
}

/**
 * All k-electron occupation strings over n orbitals (bit p = orbital p), ascending.
 * @example occupationStrings(3, 2); // [3, 5, 6]
 */
export function occupationStrings(n: number, k: number): Int32Array {
  const out = new Int32Array(binomial(n, k));
  if (k === 0) {
    if (out.length > 0) out[0] = 0;
    return out;
  }
  let s = (1 << k) - 1;
  for (let i = 0; i < out.length; i++) {
    out[i] = s;
    // Gosper's hack: next integer with the same popcount.
    const c = s & -s;
    const r = s + c;
    s = (((r ^ s) >>> 2) / c) | r;
  }
  return out;
}

/** Single replacements E_kl |J> = sign |I> of every string J, with folded pair index of (k, l). */
interface Links {
  /** Per string: `count` entries starting at j * count. */
  count: number;
  target: Int32Array;
  pair: Int32Array;
  sign: Float64Array;
}

function pairIndex(k: number, l: number): number {
  return k >= l ? (k * (k + 1)) / 2 + l : (l * (l + 1)) / 2 + k;
}

function buildLinks(strings: Int32Array, n: number, nel: number): Links {
  const index = new Map<number, number>();
  for (let i = 0; i < strings.length; i++) index.set(strings[i]!, i);
  const count = nel * (n - nel + 1);
  const target = new Int32Array(strings.length * count);
  const pair = new Int32Array(strings.length * count);
  const sign = new Float64Array(strings.length * count);
  for (let j = 0; j < strings.length; j++) {
    const J = strings[j]!;
    let e = j * count;
    for (let l = 0; l < n; l++) {
      if (!((J >>> l) & 1)) continue;
      const Jl = J & ~(1 << l);
      const sl = popcount32(J & ((1 << l) - 1));
      for (let k = 0; k < n; k++) {
        if ((Jl >>> k) & 1) continue;
        const I = Jl | (1 << k);
        const sk = popcount32(Jl & ((1 << k) - 1));
        target[e] = index.get(I)!;
        pair[e] = pairIndex(k, l);
        sign[e] = (sl + sk) & 1 ? -1 : 1;
        e++;
      }
    }
  }
  return { count, target, pair, sign };
}

const FCI_OPTIONS = optionKeys<FCIOptions>({
  nAlpha: true,
  nBeta: true,
  nRoots: true,
  tol: true,
  maxIter: true,
});

/**
 * Lowest FCI energies (and the ground-state vector) of `ints` with nAlpha alpha and nBeta beta
 * electrons. Orbitals must be real (8-fold symmetric integrals); at most 30 orbitals.
 * @example
 * const { energy } = fci(ints, { nAlpha: 1, nBeta: 1 }); // H2/STO-3G: -1.1373060357
 */
export function fci(ints: MOIntegrals, options: FCIOptions): FCIResult {
  checkArity(arguments.length, 2, "fci");
  if (options === undefined) {
    throw new ArgumentError("fci: options { nAlpha, nBeta } are required (the electron counts)");
  }
  checkOptions(options, FCI_OPTIONS, "fci");
  checkMOIntegrals(ints, "fci");
  const n = ints.nOrbitals;
  const { nAlpha, nBeta } = options;
  if (!Number.isInteger(n) || n < 0 || n > 30) {
    throw new ArgumentError(`fci: nOrbitals must be an integer in [0, 30], got ${describe(n)}`);
  }
  for (const [k, v] of [
    ["nAlpha", nAlpha],
    ["nBeta", nBeta],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > n) {
      throw new ArgumentError(
        `fci: ${k} must be an integer in [0, ${n}] (the number of orbitals), got ${describe(v)}`,
      );
    }
  }
  checkSymmetric(ints);
  const nEl = nAlpha + nBeta;
  const strA = occupationStrings(n, nAlpha);
  const strB = occupationStrings(n, nBeta);
  const nA = strA.length;
  const nB = strB.length;
  const nDet = nA * nB;
  const nPair = (n * (n + 1)) / 2;
  // Davidson keeps up to ~60 vectors of nDet doubles.
  if (nDet > MAX_DETERMINANTS) {
    throw new ResourceError(
      `fci: ${nDet} determinants (C(${n},${nAlpha}) x C(${n},${nBeta})) exceed the ${MAX_DETERMINANTS} this solver keeps in memory`,
    );
  }
  const { h, eri } = ints;
  const E = (p: number, q: number, r: number, s: number): number =>
    eri[((p * n + q) * n + r) * n + s]!;

  // W folded onto pairs.
  const kmod = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < n; l++) {
      let v = h[k * n + l]!;
      for (let j = 0; j < n; j++) v -= 0.5 * E(k, j, j, l);
      kmod[k * n + l] = v;
    }
  }
  const W = new Float64Array(nPair * nPair);
  for (let k = 0; k < n; k++) {
    for (let l = 0; l <= k; l++) {
      const p1 = pairIndex(k, l);
      for (let m = 0; m < n; m++) {
        for (let q = 0; q <= m; q++) {
          let w = 0.5 * E(k, l, m, q);
          if (nEl > 0) {
            if (m === q) w += kmod[k * n + l]! / (2 * nEl);
            if (k === l) w += kmod[m * n + q]! / (2 * nEl);
          }
          W[p1 * nPair + pairIndex(m, q)] = w;
        }
      }
    }
  }

  const linkA = buildLinks(strA, n, nAlpha);
  const linkB = buildLinks(strB, n, nBeta);
  // Work in blocks of alpha rows so that D and G (nPair x rows x nB) stay near CHUNK doubles.
  const rowsPerChunk = Math.max(1, Math.min(nA, Math.floor(CHUNK / Math.max(1, nPair * nB))));
  const D = new Float64Array(nPair * rowsPerChunk * nB);
  const G = new Float64Array(D.length);

  const matvec = (c: Float64Array, sigma: Float64Array): void => {
    if (nEl === 0) return;
    for (let r0 = 0; r0 < nA; r0 += rowsPerChunk) {
      const r1 = Math.min(nA, r0 + rowsPerChunk);
      const cols = (r1 - r0) * nB; // leading dimension of D and G in this block
      D.fill(0, 0, nPair * cols);
      // Gather D[pair][I] = Σ_J <I|E_kl + E_lk|J> C[J]: the replacements of I itself list every
      // such J (E_kl|I> = s|J> <=> E_lk|J> = s|I>, same folded pair).
      for (let ia = r0; ia < r1; ia++) {
        const base = ia * linkA.count;
        const drow = (ia - r0) * nB;
        for (let e = 0; e < linkA.count; e++) {
          const sg = linkA.sign[base + e]!;
          const d = linkA.pair[base + e]! * cols + drow;
          const s = linkA.target[base + e]! * nB;
          for (let b = 0; b < nB; b++) D[d + b] += sg * c[s + b]!;
        }
        const crow = ia * nB;
        for (let ib = 0; ib < nB; ib++) {
          const bb = ib * linkB.count;
          for (let e = 0; e < linkB.count; e++) {
            D[linkB.pair[bb + e]! * cols + drow + ib] +=
              linkB.sign[bb + e]! * c[crow + linkB.target[bb + e]!]!;
          }
        }
      }
      pairProduct(W, D, G, nPair, cols);
      // Scatter σ += Σ_kl E_kl G_kl, the transpose of the gather.
      for (let ja = r0; ja < r1; ja++) {
        const base = ja * linkA.count;
        const grow = (ja - r0) * nB;
        for (let e = 0; e < linkA.count; e++) {
          const sg = linkA.sign[base + e]!;
          const g = linkA.pair[base + e]! * cols + grow;
          const d = linkA.target[base + e]! * nB;
          for (let b = 0; b < nB; b++) sigma[d + b] += sg * G[g + b]!;
        }
        const srow = ja * nB;
        for (let ib = 0; ib < nB; ib++) {
          const bb = ib * linkB.count;
          let acc = 0;
          for (let e = 0; e < linkB.count; e++) {
            acc +=
              linkB.sign[bb + e]! * G[linkB.pair[bb + e]! * cols + grow + linkB.target[bb + e]!]!;
          }
          sigma[srow + ib] += acc;
        }
      }
    }
  };

  // Diagonal: Σ_i h_ii + ½ Σ_ij [J_ij - K_ij] within a spin + Σ J_ij across spins.
  const diag = new Float64Array(nDet);
  const occ = (s: number): number[] => {
    const o: number[] = [];
    for (let p = 0; p < n; p++) if ((s >>> p) & 1) o.push(p);
    return o;
  };
  const sameSpin = (o: number[]): number => {
    let v = 0;
    for (const i of o) {
      v += h[i * n + i]!;
      for (const j of o) v += 0.5 * (E(i, i, j, j) - E(i, j, j, i));
    }
    return v;
  };
  const occA = Array.from(strA, occ);
  const occB = Array.from(strB, occ);
  const eA = occA.map(sameSpin);
  const eB = occB.map(sameSpin);
  for (let ia = 0; ia < nA; ia++) {
    for (let ib = 0; ib < nB; ib++) {
      let v = eA[ia]! + eB[ib]!;
      for (const i of occA[ia]!) for (const j of occB[ib]!) v += E(i, i, j, j);
      diag[ia * nB + ib] = v;
    }
  }

  const nRoots = options.nRoots ?? 1;
  if (!Number.isInteger(nRoots) || nRoots < 1 || nRoots > nDet) {
    throw new ArgumentError(
      `fci: nRoots must be an integer in [1, ${nDet}], got ${describe(nRoots)}`,
    );
  }
  const res = davidson(matvec, diag, {
    nRoots,
    tol: options.tol ?? 1e-6,
    maxIter: options.maxIter ?? 200,
  });
  const energies = res.values.map((v) => v + ints.constant);
  return {
    energy: energies[0]!,
    energies,
    vector: res.vectors[0]!,
    alphaStrings: strA,
    betaStrings: strB,
    nDeterminants: nDet,
    iterations: res.iterations,
  };
}

/** Largest determinant space accepted (Davidson's subspace then needs ~2 GB). */
const MAX_DETERMINANTS = 4e6;

/** Target size (doubles) of the D and G blocks of the sigma vector. */
const CHUNK = 1 << 21;

/** G = W D for W (nPair x nPair) and D (nPair x nDet), cache-blocked over dets, 2 x 4 register tiles. */
function pairProduct(
  W: Float64Array,
  D: Float64Array,
  G: Float64Array,
  nPair: number,
  nDet: number,
): void {
  G.fill(0);
  const B = 256;
  for (let c0 = 0; c0 < nDet; c0 += B) {
    const c1 = Math.min(nDet, c0 + B);
    let p1 = 0;
    for (; p1 + 1 < nPair; p1 += 2) {
      const ga = p1 * nDet;
      const gb = ga + nDet;
      let p2 = 0;
      for (; p2 + 3 < nPair; p2 += 4) {
        const ra = p1 * nPair + p2;
        const rb = ra + nPair;
        const a0 = W[ra]!;
        const a1 = W[ra + 1]!;
        const a2 = W[ra + 2]!;
        const a3 = W[ra + 3]!;
        const b0 = W[rb]!;
        const b1 = W[rb + 1]!;
        const b2 = W[rb + 2]!;
        const b3 = W[rb + 3]!;
        const o0 = p2 * nDet;
        const o1 = o0 + nDet;
        const o2 = o1 + nDet;
        const o3 = o2 + nDet;
        for (let i = c0; i < c1; i++) {
          const d0 = D[o0 + i]!;
          const d1 = D[o1 + i]!;
          const d2 = D[o2 + i]!;
          const d3 = D[o3 + i]!;
          G[ga + i] += a0 * d0 + a1 * d1 + a2 * d2 + a3 * d3;
          G[gb + i] += b0 * d0 + b1 * d1 + b2 * d2 + b3 * d3;
        }
      }
      for (; p2 < nPair; p2++) {
        const wa = W[p1 * nPair + p2]!;
        const wb = W[(p1 + 1) * nPair + p2]!;
        const o = p2 * nDet;
        for (let i = c0; i < c1; i++) {
          const d = D[o + i]!;
          G[ga + i] += wa * d;
          G[gb + i] += wb * d;
        }
      }
    }
    for (; p1 < nPair; p1++) {
      const go = p1 * nDet;
      for (let p2 = 0; p2 < nPair; p2++) {
        const w = W[p1 * nPair + p2]!;
        const o = p2 * nDet;
        for (let i = c0; i < c1; i++) G[go + i] += w * D[o + i]!;
      }
    }
  }
}

function checkSymmetric(ints: MOIntegrals): void {
  const { nOrbitals: n, h, eri } = ints;
  let scale = 1;
  for (let i = 0; i < h.length; i++) scale = Math.max(scale, Math.abs(h[i]!));
  const tol = 1e-8 * scale;
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < p; q++) {
      if (Math.abs(h[p * n + q]! - h[q * n + p]!) > tol) {
        throw new ArgumentError(
          `fci: h must be symmetric (real orbitals); h[${p}][${q}] != h[${q}][${p}]`,
        );
      }
    }
  }
  // Spot-check the 8-fold symmetry on every element (n^4 is small for FCI-sized n).
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      for (let r = 0; r < n; r++) {
        for (let s = 0; s < n; s++) {
          const v = eri[((p * n + q) * n + r) * n + s]!;
          const v2 = eri[((q * n + p) * n + s) * n + r]!;
          const v3 = eri[((r * n + s) * n + p) * n + q]!;
          if (Math.abs(v - v2) > tol || Math.abs(v - v3) > tol) {
            throw new ArgumentError(
              `fci: eri must have 8-fold symmetry (real orbitals); (${p}${q}|${r}${s}) differs`,
            );
          }
        }
      }
    }
  }
}
