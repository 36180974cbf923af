/**
 * A small primal-dual interior-point solver for semidefinite programs over real symmetric
 * block-diagonal matrices (no semidefinite-programming library for JavaScript is maintained
 * on the registry, so qoar has its own; `diamond.ts` uses it on the real embedding of complex
 * Hermitian matrices). The pair, with <U, V> = tr(U V):
 *
 *   primal: minimize <C, X>  subject to <A_k, X> = b_k (k = 1..m), X >= 0
 *   dual:   maximize b^T y   subject to S = C - sum_k y_k A_k >= 0
 *
 * The method is the infeasible path-following one with the HKM search direction
 * (Helmberg-Rendl-Vanderbei-Wolkowicz, Kojima-Shindoh-Hara, Monteiro) and Mehrotra's
 * predictor-corrector: each iteration solves the m x m Schur system
 * M_kj = tr(A_k X A_j S^{-1}) by Cholesky. Dense, O(m^2 n^2 + m n^3) per iteration, meant for
 * the small problems of qubit channels.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { eighHermitian } from "../quantum/linalg.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";

/** A block-diagonal symmetric matrix: one row-major n_b x n_b Float64Array per block. */
export type BlockMatrix = Float64Array[];

/** An SDP in the form of the module comment. */
export interface SdpProblem {
  /** The sizes n_b of the diagonal blocks. */
  readonly blocks: readonly number[];
  /** C, symmetric, per block. */
  readonly c: BlockMatrix;
  /** A_k, symmetric, per constraint and block. */
  readonly a: readonly BlockMatrix[];
  /** b, one entry per constraint. */
  readonly b: Float64Array;
}

/** Options of `solveSdp`. */
export interface SdpOptions {
  /** Stop when the gap <X, S> and the relative infeasibilities are below this (default 1e-10). */
  tol?: number;
  /** Iteration limit (default 100). */
  maxIter?: number;
}

const SDP_OPTIONS = optionKeys<SdpOptions>({ tol: true, maxIter: true });

/** The optimum found: both points, both objectives and how well they satisfy the constraints. */
export interface SdpSolution {
  /** The primal point X. */
  readonly x: BlockMatrix;
  /** The dual multipliers y. */
  readonly y: Float64Array;
  /** The dual slack S = C - sum_k y_k A_k. */
  readonly s: BlockMatrix;
  /** <C, X>. */
  readonly primalObjective: number;
  /** b^T y. */
  readonly dualObjective: number;
  /** The duality gap <X, S> (= primal - dual objective at feasible points), >= 0. */
  readonly gap: number;
  /** max_k |<A_k, X> - b_k|. */
  readonly primalInfeasibility: number;
  /** max |C - sum_k y_k A_k - S| entry-wise. */
  readonly dualInfeasibility: number;
  /** Iterations taken. */
  readonly iterations: number;
  /** Whether the tolerances were met within `maxIter`. */
  readonly converged: boolean;
}

// ---- dense helpers on one n x n block

function matmulN(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const x = a[i * n + k]!;
      if (x === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += x * b[k * n + j]!;
    }
  }
  return out;
}

/** Lower Cholesky factor of a symmetric positive definite matrix, or undefined. */
function cholesky(m: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = m[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    if (!(d > 0)) return undefined;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L L^T x = rhs in place. */
function choleskySolve(l: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const x = Float64Array.from(rhs);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

function inverseSpd(m: Float64Array, n: number): Float64Array {
  const l = cholesky(m, n);
  if (l === undefined)
    throw new ArgumentError("solveSdp: lost positive definiteness (numerical breakdown)");
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i]!;
  }
  return inv;
}

/** The smallest eigenvalue of a real symmetric matrix. */
function minEigenvalue(m: Float64Array, n: number): number {
  const c = new Float64Array(2 * n * n);
  for (let i = 0; i < n * n; i++) c[2 * i] = m[i]!;
  return eighHermitian(c).values[0]!;
}

/** The largest step alpha in (0, 1] (times 0.98 of the boundary) keeping X + alpha dX >= 0. */
function stepLength(x: Float64Array, dx: Float64Array, n: number): number {
  const l = cholesky(x, n);
  if (l === undefined) return 0;
  // L^{-1} dX L^{-T}: solve column by column
  const li = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    for (let i = 0; i < n; i++) {
      let s = e[i]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * li[k * n + j]!;
      li[i * n + j] = s / l[i * n + i]!;
    }
  }
  const t = matmulN(matmulN(li, dx, n), transposeN(li, n), n);
  const lowest = minEigenvalue(t, n);
  return lowest >= 0 ? 1 : Math.min(1, 0.98 / -lowest);
}

function transposeN(a: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = a[i * n + j]!;
  return t;
}

const symmetrize = (a: Float64Array, n: number): Float64Array => {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) out[i * n + j] = 0.5 * (a[i * n + j]! + a[j * n + i]!);
  return out;
};

// ---- block-level helpers

const inner = (u: BlockMatrix, v: BlockMatrix): number => {
  let s = 0;
  for (let b = 0; b < u.length; b++) {
    const ub = u[b]!;
    const vb = v[b]!;
    for (let i = 0; i < ub.length; i++) s += ub[i]! * vb[i]!;
  }
  return s;
};

/** <A_k, Z> for every k (Z may be non-symmetric: A_k is symmetric, so tr(A_k Z) = sum A_k Z). */
const applyA = (a: readonly BlockMatrix[], z: BlockMatrix): Float64Array =>
  Float64Array.from(a, (ak) => inner(ak, z));

/** C - sum_k y_k A_k. */
function slackOf(problem: SdpProblem, y: Float64Array): BlockMatrix {
  const s = problem.c.map((cb) => Float64Array.from(cb));
  problem.a.forEach((ak, k) => {
    const yk = y[k]!;
    if (yk === 0) return;
    ak.forEach((akb, b) => {
      const sb = s[b]!;
      for (let i = 0; i < akb.length; i++) sb[i]! -= yk * akb[i]!;
    });
  });
  return s;
}

function checkProblem(problem: SdpProblem): void {
  if (problem === null || typeof problem !== "object") {
    throw new ArgumentError(`solveSdp: expected { blocks, c, a, b }, got ${describe(problem)}`);
  }
  const { blocks, c, a, b } = problem;
  if (
    !Array.isArray(blocks) ||
    blocks.length === 0 ||
    !blocks.every((n) => Number.isInteger(n) && n > 0)
  ) {
    throw new ArgumentError(`solveSdp: blocks must be positive integers, got ${describe(blocks)}`);
  }
  const blockOk = (m: unknown) =>
    Array.isArray(m) &&
    m.length === blocks.length &&
    m.every((x, i) => x instanceof Float64Array && x.length === blocks[i]! ** 2);
  if (!blockOk(c))
    throw new ShapeError("solveSdp: c must hold one n_b x n_b Float64Array per block");
  if (
    !(b instanceof Float64Array) ||
    !Array.isArray(a) ||
    a.length !== b.length ||
    b.length === 0
  ) {
    throw new ShapeError("solveSdp: a and b must list the same (non-zero) number of constraints");
  }
  a.forEach((ak, k) => {
    if (!blockOk(ak))
      throw new ShapeError(`solveSdp: a[${k}] must hold one n_b x n_b Float64Array per block`);
  });
}

/**
 * Solves the SDP pair of the module comment from the infeasible start X = S = I, y = 0.
 * @example
 * // minimize x_11 subject to x_11 + x_22 = 1 ... on one 2 x 2 block
 * const sol = solveSdp({ blocks: [2], c: [Float64Array.of(1, 0, 0, 0)], a: [[Float64Array.of(1, 0, 0, 1)]], b: Float64Array.of(1) });
 * sol.primalObjective; // ~0
 */
export function solveSdp(problem: SdpProblem, options: SdpOptions = {}): SdpSolution {
  checkArity(arguments.length, 2, "solveSdp");
  checkOptions(options, SDP_OPTIONS, "solveSdp");
  checkProblem(problem);
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 100;
  if (!(tol > 0) || !Number.isInteger(maxIter) || maxIter < 1) {
    throw new ArgumentError(
      `solveSdp: tol must be > 0 and maxIter a positive integer, got ${describe(tol)} and ${describe(maxIter)}`,
    );
  }
  const { blocks, a, b } = problem;
  const m = b.length;
  const nTotal = blocks.reduce((s, n) => s + n, 0);
  const eye = (n: number) => {
    const e = new Float64Array(n * n);
    for (let i = 0; i < n; i++) e[i * n + i] = 1;
    return e;
  };
  let x: BlockMatrix = blocks.map(eye);
  let s: BlockMatrix = blocks.map(eye);
  let y = new Float64Array(m);
  const bNorm = 1 + Math.max(...Array.from(b, Math.abs));
  const cNorm = 1 + Math.max(...problem.c.map((cb) => Math.max(...Array.from(cb, Math.abs))));
  let iterations = 0;
  let converged = false;
  const residuals = () => {
    const rp = applyA(a, x).map((v, k) => b[k]! - v);
    const rd = slackOf(problem, y).map((sb, i) => sb.map((v, j) => v - s[i]![j]!));
    return { rp, rd };
  };
  for (; iterations < maxIter; iterations++) {
    const { rp, rd } = residuals();
    const gap = inner(x, s);
    const pInf = Math.max(...Array.from(rp, Math.abs)) / bNorm;
    const dInf = Math.max(...rd.map((r) => Math.max(...Array.from(r, Math.abs)))) / cNorm;
    if (gap < tol && pInf < tol && dInf < tol) {
      converged = true;
      break;
    }
    const mu = gap / nTotal;
    const sInv = s.map((sb, i) => inverseSpd(sb, blocks[i]!));
    // Schur complement M_kj = <A_k, X A_j S^{-1}>
    const xaS = a.map((aj) =>
      aj.map((ajb, i) => matmulN(matmulN(x[i]!, ajb, blocks[i]!), sInv[i]!, blocks[i]!)),
    );
    const schur = new Float64Array(m * m);
    for (let k = 0; k < m; k++) {
      for (let j = k; j < m; j++) {
        const v = inner(a[k]!, xaS[j]!);
        schur[k * m + j] = v;
        schur[j * m + k] = v;
      }
    }
    // Near the optimum M grows ill-conditioned; a tiny ridge keeps its factorization alive.
    let l = cholesky(schur, m);
    let scale = 0;
    for (let k = 0; k < m; k++) scale = Math.max(scale, schur[k * m + k]!);
    for (let ridge = 1e-14; l === undefined && ridge < 1e-6; ridge *= 100) {
      const shifted = Float64Array.from(schur);
      for (let k = 0; k < m; k++) shifted[k * m + k]! += ridge * scale;
      l = cholesky(shifted, m);
    }
    if (l === undefined) break; // the constraints are numerically dependent
    const mul3 = (p: BlockMatrix, q: BlockMatrix, r: BlockMatrix) =>
      p.map((pb, i) => matmulN(matmulN(pb, q[i]!, blocks[i]!), r[i]!, blocks[i]!));
    const xRdSinv = mul3(x, rd, sInv);
    const base = applyA(a, x).map((v, k) => rp[k]! + v + applyA([a[k]!], xRdSinv)[0]!);
    const aSinv = applyA(a, sInv);
    /** The HKM direction for centering sigma and an optional second-order term X2 (added to dX). */
    const direction = (sigma: number, extra?: BlockMatrix) => {
      const rhs = base.map((v, k) => v - sigma * mu * aSinv[k]!);
      if (extra !== undefined) {
        const ae = applyA(a, extra);
        for (let k = 0; k < m; k++) rhs[k]! += ae[k]!;
      }
      const dy = choleskySolve(l, m, rhs);
      const dS = rd.map((rb, i) => {
        const out = Float64Array.from(rb);
        a.forEach((ak, k) => {
          const akb = ak[i]!;
          const c = dy[k]!;
          for (let t = 0; t < out.length; t++) out[t]! -= c * akb[t]!;
        });
        return out;
      });
      const xdS = mul3(x, dS, sInv);
      const dX = x.map((xb, i) => {
        const n = blocks[i]!;
        const raw = new Float64Array(n * n);
        const e = extra?.[i];
        for (let t = 0; t < n * n; t++) {
          raw[t] = sigma * mu * sInv[i]![t]! - xb[t]! - xdS[i]![t]! - (e === undefined ? 0 : e[t]!);
        }
        return symmetrize(raw, n);
      });
      const ap = Math.min(...x.map((xb, i) => stepLength(xb, dX[i]!, blocks[i]!)));
      const ad = Math.min(...s.map((sb, i) => stepLength(sb, dS[i]!, blocks[i]!)));
      return { dX, dy, dS, ap, ad };
    };
    const pred = direction(0);
    const xa = x.map((xb, i) => xb.map((v, t) => v + pred.ap * pred.dX[i]![t]!));
    const sa = s.map((sb, i) => sb.map((v, t) => v + pred.ad * pred.dS[i]![t]!));
    const sigma = Math.min(1, (inner(xa, sa) / nTotal / mu) ** 3);
    const corr = direction(sigma, mul3(pred.dX, pred.dS, sInv));
    x = x.map((xb, i) => xb.map((v, t) => v + corr.ap * corr.dX[i]![t]!));
    s = s.map((sb, i) => sb.map((v, t) => v + corr.ad * corr.dS[i]![t]!));
    y = y.map((v, k) => v + corr.ad * corr.dy[k]!);
  }
  const { rp, rd } = residuals();
  return {
    x,
    y,
    s,
    primalObjective: inner(problem.c, x),
    dualObjective: Array.from(b).reduce((acc, v, k) => acc + v * y[k]!, 0),
    gap: inner(x, s),
    primalInfeasibility: Math.max(...Array.from(rp, Math.abs)),
    dualInfeasibility: Math.max(...rd.map((r) => Math.max(...Array.from(r, Math.abs)))),
    iterations,
    converged,
  };
}
