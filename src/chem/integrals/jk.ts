/**
 * Coulomb and exchange matrices J(D)_μν = Σ_λσ (μν|λσ) D_λσ and K(D)_μλ = Σ_νσ (μν|λσ) D_νσ
 * straight from shell quartets, without the dense nbf^4 array (866 MB for benzene/6-31G*).
 *
 * Only unique quartets (AB|CD), A >= B, C >= D, AB >= CD, are visited; each contributes with its
 * shell-level degeneracy (1, 2, 4 or 8) to half-summed matrices Jg, Kg that are symmetrized at
 * the end: J = (Jg + Jg^T) / 4, K = (Kg + Kg^T) / 8.
 *
 * Two modes, chosen by a memory budget:
 * - in-core: the Schwarz-surviving quartet blocks are computed once and kept (about nbf^4 / 8
 *   numbers); every build replays them;
 * - direct: every build recomputes the quartets, skipping those whose Schwarz bound times the
 *   largest density element they touch is below the threshold (density-weighted screening, which
 *   pays most with the incremental builds on ΔD the SCF does in this mode).
 */
import { ArgumentError, describe, ResourceError } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { BasisSet } from "../basis.js";
import { quartetBlock, Scratch, type ShellPair, setEightfold, shellPairs } from "./eri.js";

/** How a {@link JKBuilder} gets its integrals. */
export type JKMode = "in-core" | "direct";

/** Options of {@link JKBuilder}. */
export interface JKOptions {
  /** Bytes the stored integrals may take (default 2^30, 1 GiB); above it the builder goes direct. */
  memoryBudget?: number;
  /** Schwarz (and density-weighted) screening threshold (default 1e-12). */
  screening?: number;
  /** Force a mode instead of choosing by the budget (default "auto"). */
  mode?: JKMode | "auto";
}

/** J and K of each density given to {@link JKBuilder.compute}. */
export interface JKResult {
  /** J(D_k), nbf x nbf, symmetric. */
  J: Float64Array[];
  /** K(D_k), nbf x nbf, symmetric. */
  K: Float64Array[];
}

/** Bytes per stored integral, and the fixed per-quartet bookkeeping (pair indices, offset). */
const BYTES_PER_INTEGRAL = 8;
const BYTES_PER_QUARTET = 12;

const JK_OPTIONS = optionKeys<JKOptions>({ memoryBudget: true, screening: true, mode: true });

/**
 * Builds J and K for symmetric densities from the ERIs of a basis, in core or integral-direct.
 * @example
 * const jk = new JKBuilder(basis, { memoryBudget: 2 ** 28 });
 * const { J, K } = jk.compute([D]); // closed shell: F = H + 2 J - K with D = C_occ C_occ^T
 */
export class JKBuilder {
  /** Which path runs: stored quartets or recomputed ones. */
  readonly mode: JKMode;
  /** Number of basis functions. */
  readonly nbf: number;
  /** Bytes the in-core path needs (integrals plus bookkeeping), whichever mode runs. */
  readonly inCoreBytes: number;
  /** Bytes of integrals held now (0 in direct mode). */
  readonly storedBytes: number;
  /** The screening threshold. */
  readonly screening: number;
  /** Shell quartets computed by the last {@link compute} (all surviving ones in core). */
  lastQuartets = 0;
  private readonly basis: BasisSet;
  private readonly pairs: ShellPair[];
  private readonly bound: Float64Array;
  private readonly scratch: Scratch;
  /** In core: the quartets kept, as pair indices (I, J) interleaved, and their blocks. */
  private quartets: Int32Array = new Int32Array(0);
  private store: Float64Array = new Float64Array(0);

  /**
   * @param basis the basis set
   * @param options memory budget, screening threshold, forced mode
   */
  constructor(basis: BasisSet, options: JKOptions = {}) {
    checkArity(arguments.length, 2, "JKBuilder");
    if (!(basis instanceof BasisSet))
      throw new ArgumentError(`JKBuilder: basis must be a BasisSet, got ${describe(basis)}`);
    checkOptions(options, JK_OPTIONS, "JKBuilder");
    const budget = options.memoryBudget ?? 2 ** 30;
    if (typeof budget !== "number" || !(budget > 0)) {
      throw new ArgumentError(
        `JKBuilder: memoryBudget must be a positive number of bytes, got ${describe(budget)}`,
      );
    }
    const threshold = options.screening ?? 1e-12;
    if (typeof threshold !== "number" || !(threshold >= 0)) {
      throw new ArgumentError(`JKBuilder: screening must be >= 0, got ${describe(threshold)}`);
    }
    const requested = options.mode ?? "auto";
    if (requested !== "auto" && requested !== "in-core" && requested !== "direct") {
      throw new ArgumentError(
        `JKBuilder: mode must be "auto", "in-core" or "direct", got ${describe(requested)}`,
      );
    }
    this.basis = basis;
    this.nbf = basis.nbf;
    this.screening = threshold;
    const n = basis.nbf;
    // Direct mode still holds the pair data and a handful of nbf^2 matrices per density.
    const directBytes = 16 * n * n * 8;
    if (directBytes > budget) {
      throw new ResourceError(
        `JKBuilder: ${n} basis functions need at least ${mb(directBytes)} even integral-direct, over the memory budget of ${mb(budget)}`,
      );
    }
    const { pairs, bound } = shellPairs(basis);
    this.pairs = pairs;
    this.bound = bound;
    this.scratch = new Scratch(Math.max(1, basis.maxL));
    let nInts = 0;
    let nQuartets = 0;
    for (let I = 0; I < pairs.length; I++) {
      const sI = pairs[I]!.a.size * pairs[I]!.b.size;
      for (let J = 0; J <= I; J++) {
        if (bound[I]! * bound[J]! < threshold) continue;
        nInts += sI * pairs[J]!.a.size * pairs[J]!.b.size;
        nQuartets++;
      }
    }
    this.inCoreBytes = nInts * BYTES_PER_INTEGRAL + nQuartets * BYTES_PER_QUARTET;
    const fits = this.inCoreBytes <= budget && nInts < 2 ** 31 - 1;
    if (requested === "in-core" && !fits) {
      throw new ResourceError(
        `JKBuilder: in-core integrals need ${mb(this.inCoreBytes)}, over the memory budget of ${mb(budget)}`,
      );
    }
    this.mode = requested === "auto" ? (fits ? "in-core" : "direct") : requested;
    if (this.mode === "in-core") this.fillStore(nInts, nQuartets);
    this.storedBytes = this.mode === "in-core" ? this.inCoreBytes : 0;
  }

  private fillStore(nInts: number, nQuartets: number): void {
    const { pairs, bound, screening, scratch } = this;
    const quartets = new Int32Array(2 * nQuartets);
    const store = new Float64Array(nInts);
    let q = 0;
    let off = 0;
    for (let I = 0; I < pairs.length; I++) {
      const P = pairs[I]!;
      for (let J = 0; J <= I; J++) {
        if (bound[I]! * bound[J]! < screening) continue;
        const Q = pairs[J]!;
        const size = P.a.size * P.b.size * Q.a.size * Q.b.size;
        const blk = quartetBlock(P, Q, scratch);
        store.set(blk.subarray(0, size), off);
        off += size;
        quartets[2 * q] = I;
        quartets[2 * q + 1] = J;
        q++;
      }
    }
    this.quartets = quartets;
    this.store = store;
    this.lastQuartets = nQuartets;
  }

  /**
   * J(D) and K(D) of each (symmetric, nbf x nbf) density.
   * @example
   * const { J, K } = jk.compute([Da, Db]); // UHF: F_α = H + J[0] + J[1] - K[0]
   */
  compute(densities: readonly Float64Array[]): JKResult {
    const n = this.nbf;
    for (const [k, D] of densities.entries()) {
      if (!(D instanceof Float64Array) || D.length !== n * n) {
        throw new ArgumentError(
          `JKBuilder.compute: density ${k} must be a Float64Array of ${n} x ${n}, got ${describe(D)}`,
        );
      }
    }
    // Densities and results interleaved, element (μ, ν) of density x at (μ n + ν) nd + x, so one
    // pass over the integrals serves all of them with contiguous updates.
    const nd = densities.length;
    const Dall = new Float64Array(n * n * nd);
    for (let x = 0; x < nd; x++) {
      const D = densities[x]!;
      for (let i = 0; i < n * n; i++) Dall[i * nd + x] = D[i]!;
    }
    const Jg = new Float64Array(n * n * nd);
    const Kg = new Float64Array(n * n * nd);
    const { pairs } = this;
    if (this.mode === "in-core") {
      const { quartets, store } = this;
      const nq = quartets.length / 2;
      let off = 0;
      for (let q = 0; q < nq; q++) {
        const I = quartets[2 * q]!;
        const J = quartets[2 * q + 1]!;
        const P = pairs[I]!;
        const Q = pairs[J]!;
        digest(store, off, P, Q, I === J, Dall, nd, Jg, Kg, n);
        off += P.a.size * P.b.size * Q.a.size * Q.b.size;
      }
      this.lastQuartets = nq;
    } else {
      this.lastQuartets = this.direct(densities, Dall, nd, Jg, Kg);
    }
    const J = densities.map((_, x) => symmetrized(Jg, nd, x, n, 0.25));
    const K = densities.map((_, x) => symmetrized(Kg, nd, x, n, 0.125));
    return { J, K };
  }

  /** The direct pass: returns the number of quartets computed. */
  private direct(
    densities: readonly Float64Array[],
    Dall: Float64Array,
    nd: number,
    Jg: Float64Array,
    Kg: Float64Array,
  ): number {
    const n = this.nbf;
    const { pairs, bound, screening, scratch } = this;
    const shells = this.basis.shells;
    const ns = shells.length;
    // Largest |D| over each shell block, over all densities.
    const dmax = new Float64Array(ns * ns);
    for (let A = 0; A < ns; A++) {
      const a = shells[A]!;
      for (let B = 0; B < ns; B++) {
        const b = shells[B]!;
        let m = 0;
        for (const D of densities) {
          for (let i = a.offset; i < a.offset + a.size; i++) {
            for (let j = b.offset; j < b.offset + b.size; j++)
              m = Math.max(m, Math.abs(D[i * n + j]!));
          }
        }
        dmax[A * ns + B] = m;
      }
    }
    let maxBound = 0;
    for (let k = 0; k < bound.length; k++) maxBound = Math.max(maxBound, bound[k]!);
    let count = 0;
    const shellIndex = new Map(shells.map((s, k) => [s, k]));
    const idxA = new Int32Array(pairs.length);
    const idxB = new Int32Array(pairs.length);
    pairs.forEach((P, k) => {
      idxA[k] = shellIndex.get(P.a)!;
      idxB[k] = shellIndex.get(P.b)!;
    });
    let globalD = 0;
    for (let k = 0; k < dmax.length; k++) globalD = Math.max(globalD, dmax[k]!);
    for (let I = 0; I < pairs.length; I++) {
      const bI = bound[I]!;
      if (bI * maxBound * globalD < screening) continue;
      const A = idxA[I]!;
      const B = idxB[I]!;
      const P = pairs[I]!;
      for (let J = 0; J <= I; J++) {
        const bIJ = bI * bound[J]!;
        if (bIJ < screening) continue;
        const C = idxA[J]!;
        const D = idxB[J]!;
        const d = Math.max(
          dmax[A * ns + B]!,
          dmax[C * ns + D]!,
          dmax[A * ns + C]!,
          dmax[A * ns + D]!,
          dmax[B * ns + C]!,
          dmax[B * ns + D]!,
        );
        if (bIJ * d < screening) continue;
        const blk = quartetBlock(P, pairs[J]!, scratch);
        digest(blk, 0, P, pairs[J]!, I === J, Dall, nd, Jg, Kg, n);
        count++;
      }
    }
    return count;
  }

  /**
   * The dense nbf^4 array (chemists' notation, as `electronRepulsion`), scattered from the store
   * in core, recomputed in direct mode.
   * @example
   * const eri = jk.denseEri(); // eri[eriIndex(n, p, q, r, s)]
   */
  denseEri(): Float64Array {
    const n = this.nbf;
    if (n ** 4 > 2 ** 28) {
      throw new ResourceError(
        `JKBuilder.denseEri: ${n} basis functions need ${n ** 4} ERIs, more than the 2^28 the dense layout allows`,
      );
    }
    const eri = new Float64Array(n ** 4);
    const { pairs } = this;
    const visit = (P: ShellPair, Q: ShellPair, blk: Float64Array, off: number): void => {
      scatter(eri, n, P, Q, blk, off);
    };
    if (this.mode === "in-core") {
      const nq = this.quartets.length / 2;
      let off = 0;
      for (let q = 0; q < nq; q++) {
        const P = pairs[this.quartets[2 * q]!]!;
        const Q = pairs[this.quartets[2 * q + 1]!]!;
        visit(P, Q, this.store, off);
        off += P.a.size * P.b.size * Q.a.size * Q.b.size;
      }
    } else {
      for (let I = 0; I < pairs.length; I++) {
        for (let J = 0; J <= I; J++) {
          if (this.bound[I]! * this.bound[J]! < this.screening) continue;
          visit(pairs[I]!, pairs[J]!, quartetBlock(pairs[I]!, pairs[J]!, this.scratch), 0);
        }
      }
    }
    return eri;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 3 : 1)} MiB`;
}

/** s (G + G^T) of the x-th of nd interleaved matrices. */
function symmetrized(G: Float64Array, nd: number, x: number, n: number, s: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = s * (G[(i * n + j) * nd + x]! + G[(j * n + i) * nd + x]!);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * Adds one unique quartet block (AB|CD) (at `blk[off ..]`, row-major over the shells' functions)
 * to the half-summed Jg and Kg of every density, with the quartet's shell-level degeneracy.
 * D, Jg and Kg hold nd interleaved matrices (see {@link JKBuilder.compute}).
 */
function digest(
  blk: Float64Array,
  off: number,
  P: ShellPair,
  Q: ShellPair,
  samePair: boolean,
  D: Float64Array,
  nd: number,
  J: Float64Array,
  K: Float64Array,
  n: number,
): void {
  const a = P.a;
  const b = P.b;
  const c = Q.a;
  const d = Q.b;
  const deg = (a === b ? 1 : 2) * (c === d ? 1 : 2) * (samePair ? 1 : 2);
  const na = a.size;
  const nb = b.size;
  const nc = c.size;
  const ndf = d.size;
  let idx = off;
  if (nd === 1) {
    for (let i = 0; i < na; i++) {
      const pn = (a.offset + i) * n;
      for (let j = 0; j < nb; j++) {
        const q = b.offset + j;
        const qn = q * n;
        const dpq = D[pn + q]!;
        let jpq = 0;
        for (let k = 0; k < nc; k++) {
          const r = c.offset + k;
          const rn = r * n;
          const dpr = D[pn + r]!;
          const dqr = D[qn + r]!;
          let kpr = 0;
          let kqr = 0;
          for (let l = 0; l < ndf; l++) {
            const v = blk[idx++]! * deg;
            const t = d.offset + l;
            jpq += D[rn + t]! * v;
            J[rn + t]! += dpq * v;
            kpr += D[qn + t]! * v;
            K[qn + t]! += dpr * v;
            K[pn + t]! += dqr * v;
            kqr += D[pn + t]! * v;
          }
          K[pn + r]! += kpr;
          K[qn + r]! += kqr;
        }
        J[pn + q]! += jpq;
      }
    }
    return;
  }
  for (let i = 0; i < na; i++) {
    const pn = (a.offset + i) * n;
    for (let j = 0; j < nb; j++) {
      const qn = (b.offset + j) * n;
      const pq = (pn + b.offset + j) * nd;
      for (let k = 0; k < nc; k++) {
        const r = c.offset + k;
        const rn = r * n;
        const pr = (pn + r) * nd;
        const qr = (qn + r) * nd;
        for (let l = 0; l < ndf; l++) {
          const v = blk[idx++]! * deg;
          const t = d.offset + l;
          const rt = (rn + t) * nd;
          const qt = (qn + t) * nd;
          const pt = (pn + t) * nd;
          for (let x = 0; x < nd; x++) {
            J[pq + x]! += D[rt + x]! * v;
            J[rt + x]! += D[pq + x]! * v;
            K[pr + x]! += D[qt + x]! * v;
            K[qt + x]! += D[pr + x]! * v;
            K[pt + x]! += D[qr + x]! * v;
            K[qr + x]! += D[pt + x]! * v;
          }
        }
      }
    }
  }
}

/** Writes one unique block into all eight places of the dense array. */
function scatter(
  eri: Float64Array,
  n: number,
  P: ShellPair,
  Q: ShellPair,
  blk: Float64Array,
  off: number,
): void {
  const { a, b } = P;
  const { a: c, b: d } = Q;
  let idx = off;
  for (let i = 0; i < a.size; i++) {
    const p = a.offset + i;
    for (let j = 0; j < b.size; j++) {
      const q = b.offset + j;
      for (let k = 0; k < c.size; k++) {
        const r = c.offset + k;
        for (let l = 0; l < d.size; l++) {
          const t = d.offset + l;
          const v = blk[idx++]!;
          setEightfold(eri, n, p, q, r, t, v);
        }
      }
    }
  }
}
