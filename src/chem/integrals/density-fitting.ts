/**
 * Density fitting (RI-J and RI-K): J and K from three-index integrals in an auxiliary basis
 * instead of the four-index ones,
 *   (μν|λσ) ≈ Σ_Q B_Qμν B_Qλσ,   B_Qμν = Σ_P (L^-1)_QP (P|μν),   V = (P|Q) = L L^T,
 * so J = Σ_Q B_Q (Σ_λσ B_Qλσ D_λσ) and K = Σ_Q B_Q D B_Q. K uses D = Σ_i λ_i v_i v_i^T (its
 * eigenvectors, as many as D has rank: the occupied orbitals for an SCF density), which turns
 * the nbf^3 product per auxiliary function into nbf^2 x rank.
 *
 * The three-index integrals are ordinary shell quartets (μν|P s0) with s0 the unit s function
 * (exponent 0), so the ERI code of eri.ts computes them unchanged; B is stored once, packed over
 * μ >= ν (naux nbf (nbf + 1) / 2 numbers).
 */
import { ArgumentError, describe, ResourceError } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { BasisSet, type Shell } from "../basis.js";
import { eigh, matmul } from "../linalg.js";
import { makePair, quartetBlock, Scratch, shellPairs } from "./eri.js";
import type { JKResult } from "./jk.js";

/** Options of {@link DFJKBuilder}. */
export interface DFJKOptions {
  /** Bytes the fitted three-index tensor may take (default 2^30, 1 GiB). */
  memoryBudget?: number;
}

const DF_OPTIONS = optionKeys<DFJKOptions>({ memoryBudget: true });

/** Largest auxiliary angular momentum the ERI code takes (g). */
const MAX_AUX_L = 4;

/** Density eigenvalues below this fraction of the largest add nothing to K. */
const RANK_CUTOFF = 1e-12;

/** The unit s function (exponent 0, coefficient 1) at a shell's centre. */
function unitShell(at: Shell): Shell {
  return {
    l: 0,
    pure: false,
    atom: at.atom,
    x: at.x,
    y: at.y,
    z: at.z,
    exponents: new Float64Array([0]),
    coefficients: new Float64Array([1]),
    offset: 0,
    size: 1,
  };
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * Builds J and K by density fitting in an auxiliary basis on the same atoms.
 * @example
 * const mol = Molecule.fromName("h2o", { basis: "cc-pvdz" });
 * const jk = new DFJKBuilder(new BasisSet(mol), new BasisSet(mol, "cc-pvdz-jkfit"));
 * const { J, K } = jk.compute([D]); // F = H + 2 J - K, energies within ~1e-5 Ha of exact ones
 */
export class DFJKBuilder {
  /** Which path runs (always "density-fitting"). */
  readonly mode = "density-fitting" as const;
  /** Number of basis functions. */
  readonly nbf: number;
  /** Number of auxiliary basis functions. */
  readonly naux: number;
  /** The auxiliary basis set's name. */
  readonly auxiliaryName: string;
  /** Bytes of the stored three-index tensor B. */
  readonly storedBytes: number;
  /** Shell quartets computed by the last {@link compute}: none, B is reused. */
  readonly lastQuartets = 0;
  /** B[Q * npair + μ(μ+1)/2 + ν], μ >= ν. */
  private readonly B: Float64Array;

  /**
   * @param basis the orbital basis
   * @param auxiliary the fitting basis, on the same molecule
   * @param options memory budget for B
   */
  constructor(basis: BasisSet, auxiliary: BasisSet, options: DFJKOptions = {}) {
    checkArity(arguments.length, 3, "DFJKBuilder");
    if (!(basis instanceof BasisSet))
      throw new ArgumentError(`DFJKBuilder: basis must be a BasisSet, got ${describe(basis)}`);
    if (!(auxiliary instanceof BasisSet)) {
      throw new ArgumentError(
        `DFJKBuilder: auxiliary must be a BasisSet, got ${describe(auxiliary)}`,
      );
    }
    checkOptions(options, DF_OPTIONS, "DFJKBuilder");
    const budget = options.memoryBudget ?? 2 ** 30;
    if (typeof budget !== "number" || !(budget > 0)) {
      throw new ArgumentError(
        `DFJKBuilder: memoryBudget must be a positive number of bytes, got ${describe(budget)}`,
      );
    }
    if (auxiliary.maxL > MAX_AUX_L) {
      throw new ArgumentError(
        `DFJKBuilder: auxiliary basis ${describe(auxiliary.name)} has shells of l = ${auxiliary.maxL}; the integrals go up to l = ${MAX_AUX_L} (g)`,
      );
    }
    const n = basis.nbf;
    const naux = auxiliary.nbf;
    const npair = (n * (n + 1)) / 2;
    this.storedBytes = 8 * naux * npair;
    if (this.storedBytes > budget) {
      throw new ResourceError(
        `DFJKBuilder: the fitted integrals of ${n} basis functions and ${naux} auxiliary ones need ${mb(this.storedBytes)}, over the memory budget of ${mb(budget)}`,
      );
    }
    this.nbf = n;
    this.naux = naux;
    this.auxiliaryName = auxiliary.name;
    const scratch = new Scratch(Math.max(1, basis.maxL, auxiliary.maxL));
    const auxPairs = auxiliary.shells.map((s) => makePair(s, unitShell(s)));
    const B = threeIndex(basis, auxiliary, auxPairs, scratch, npair);
    solveLower(choleskyLower(metric(auxiliary, auxPairs, scratch), naux), B, naux, npair);
    this.B = B;
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
          `DFJKBuilder.compute: density ${k} must be a Float64Array of ${n} x ${n}, got ${describe(D)}`,
        );
      }
    }
    const J: Float64Array[] = [];
    const K: Float64Array[] = [];
    for (const D of densities) {
      J.push(this.coulomb(D));
      K.push(this.exchange(D));
    }
    return { J, K };
  }

  private coulomb(D: Float64Array): Float64Array {
    const { B, naux, nbf: n } = this;
    const npair = (n * (n + 1)) / 2;
    // D packed with the off-diagonal pairs counted twice
    const Dp = new Float64Array(npair);
    for (let m = 0, p = 0; m < n; m++) {
      for (let v = 0; v <= m; v++, p++)
        Dp[p] = m === v ? D[m * n + v]! : D[m * n + v]! + D[v * n + m]!;
    }
    const Jp = new Float64Array(npair);
    for (let Q = 0; Q < naux; Q++) {
      const row = Q * npair;
      let g = 0;
      for (let p = 0; p < npair; p++) g += B[row + p]! * Dp[p]!;
      for (let p = 0; p < npair; p++) Jp[p]! += g * B[row + p]!;
    }
    return unpack(Jp, n);
  }

  private exchange(D: Float64Array): Float64Array {
    const { B, naux, nbf: n } = this;
    const npair = (n * (n + 1)) / 2;
    const sym = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) sym[i] = 0.5 * (D[i]! + D[(i % n) * n + Math.floor(i / n)]!);
    const { values, vectors } = eigh(sym, n);
    const big = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (Math.abs(values[i]!) > RANK_CUTOFF * big) kept.push(i);
    const r = kept.length;
    const K = new Float64Array(n * n);
    if (r === 0) return K;
    // W: the kept eigenvectors as rows (r x n)
    const W = new Float64Array(r * n);
    for (let k = 0; k < r; k++)
      for (let i = 0; i < n; i++) W[k * n + i] = vectors[i * n + kept[k]!]!;
    // X_Q = W B_Q for every Q, stacked (naux r x n); Y = λ-scaled rows; K = X^T Y
    const X = new Float64Array(naux * r * n);
    const Y = new Float64Array(naux * r * n);
    const full = new Float64Array(n * n);
    for (let Q = 0; Q < naux; Q++) {
      unpackInto(B, Q * npair, n, full);
      const out = X.subarray(Q * r * n, (Q + 1) * r * n);
      matmul(W, full, r, n, n, { out });
      for (let k = 0; k < r; k++) {
        const lam = values[kept[k]!]!;
        const o = (Q * r + k) * n;
        for (let i = 0; i < n; i++) Y[o + i] = lam * X[o + i]!;
      }
    }
    return matmul(X, Y, n, naux * r, n, { transA: true, out: K });
  }
}

/** (P|μν) for every auxiliary function P and pair μ >= ν, row P of length npair. */
function threeIndex(
  basis: BasisSet,
  auxiliary: BasisSet,
  auxPairs: ReturnType<typeof makePair>[],
  scratch: Scratch,
  npair: number,
): Float64Array {
  const T = new Float64Array(auxiliary.nbf * npair);
  const { pairs } = shellPairs(basis);
  for (const AB of pairs) {
    const { a, b } = AB;
    for (const Pq of auxPairs) {
      const P = Pq.a;
      const blk = quartetBlock(AB, Pq, scratch);
      for (let i = 0; i < a.size; i++) {
        const m = a.offset + i;
        for (let j = 0; j < b.size; j++) {
          const v = b.offset + j;
          if (v > m) continue;
          const pair = (m * (m + 1)) / 2 + v;
          const base = (i * b.size + j) * P.size;
          for (let k = 0; k < P.size; k++) T[(P.offset + k) * npair + pair] = blk[base + k]!;
        }
      }
    }
  }
  return T;
}

/** The Coulomb metric V_PQ = (P|Q), naux x naux. */
function metric(
  auxiliary: BasisSet,
  auxPairs: ReturnType<typeof makePair>[],
  scratch: Scratch,
): Float64Array {
  const na = auxiliary.nbf;
  const V = new Float64Array(na * na);
  for (let I = 0; I < auxPairs.length; I++) {
    const P = auxPairs[I]!;
    for (let J = 0; J <= I; J++) {
      const Q = auxPairs[J]!;
      const blk = quartetBlock(P, Q, scratch);
      for (let i = 0; i < P.a.size; i++) {
        for (let j = 0; j < Q.a.size; j++) {
          const x = blk[i * Q.a.size + j]!;
          V[(P.a.offset + i) * na + Q.a.offset + j] = x;
          V[(Q.a.offset + j) * na + P.a.offset + i] = x;
        }
      }
    }
  }
  return V;
}

/** The lower Cholesky factor of a positive definite matrix, in place. */
function choleskyLower(V: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = V[j * n + j]!;
    for (let k = 0; k < j; k++) d -= V[j * n + k]! ** 2;
    if (!(d > 1e-14 * V[j * n + j]!)) {
      throw new ArgumentError(
        `DFJKBuilder: the auxiliary basis's Coulomb metric is singular (pivot ${d} at function ${j})`,
      );
    }
    const ljj = Math.sqrt(d);
    V[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = V[i * n + j]!;
      for (let k = 0; k < j; k++) s -= V[i * n + k]! * V[j * n + k]!;
      V[i * n + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) V[j * n + k] = 0;
  }
  return V;
}

/** T <- L^-1 T for lower-triangular L (n x n) and T of n rows of length cols, in place. */
function solveLower(L: Float64Array, T: Float64Array, n: number, cols: number): void {
  for (let p = 0; p < n; p++) {
    const row = p * cols;
    for (let q = 0; q < p; q++) {
      const l = L[p * n + q]!;
      if (l === 0) continue;
      const src = q * cols;
      for (let c = 0; c < cols; c++) T[row + c]! -= l * T[src + c]!;
    }
    const inv = 1 / L[p * n + p]!;
    for (let c = 0; c < cols; c++) T[row + c]! *= inv;
  }
}

function unpackInto(packed: Float64Array, start: number, n: number, out: Float64Array): void {
  for (let m = 0, p = start; m < n; m++) {
    for (let v = 0; v <= m; v++, p++) {
      const x = packed[p]!;
      out[m * n + v] = x;
      out[v * n + m] = x;
    }
  }
}

function unpack(packed: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  unpackInto(packed, 0, n, out);
  return out;
}
