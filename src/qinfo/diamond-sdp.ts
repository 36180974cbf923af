/**
 * The diamond norm ||Phi_1 - Phi_2||_diamond of the difference of two general channels, from
 * Watrous's semidefinite program (Theory of Quantum Information, Thm. 3.59; "Simpler
 * semidefinite programs for completely bounded norms", 2013). For a trace-annihilating,
 * Hermiticity-preserving Phi with Choi matrix J (input factor first, as `krausToChoi`):
 *
 *   ||Phi||_diamond / 2 = max tr(J W)  subject to  0 <= W <= rho (x) 1_out,  rho a density matrix,
 *
 * whose dual is min ||tr_out Z||_inf subject to Z >= J, Z >= 0. Both are strictly feasible, so
 * the optima agree. It is solved by `solveSdp` on the real embedding
 * H = A + iB -> [[A, -B], [B, A]] of the complex Hermitian variables, W and rho in coordinates
 * of a Hermitian basis (rho's trace fixed to 1). The solver's duality gap bounds the error.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { krausToChoi } from "../quantum/density/channels.js";
import { matrixDim } from "../quantum/linalg.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { isChoi } from "./checks.js";
import { type SdpOptions, solveSdp } from "./sdp.js";

/** A channel as `diamondNorm` takes it: its Choi matrix (input first) or its Kraus operators. */
export type ChannelInput = Float64Array | readonly Float64Array[];

/** Options of `diamondNorm`. */
export interface DiamondNormOptions extends SdpOptions {
  /** The input dimension (default sqrt of the Choi matrix's dimension). */
  inputDim?: number;
}

const DIAMOND_OPTIONS = optionKeys<DiamondNormOptions>({
  tol: true,
  maxIter: true,
  inputDim: true,
});

/** The diamond-norm distance and the certificate of the SDP behind it. */
export interface DiamondNormResult {
  /** ||Phi_1 - Phi_2||_diamond, in [0, 2] (twice the SDP's lower-bound objective). */
  readonly value: number;
  /** Twice the upper-bound (primal, min) objective: value <= norm <= upperBound up to rounding. */
  readonly upperBound: number;
  /** Twice the duality gap of the solution, upperBound - value at feasible points. */
  readonly gap: number;
  /** Interior-point iterations. */
  readonly iterations: number;
  /** Whether the solver met its tolerances. */
  readonly converged: boolean;
}

function choiOf(c: ChannelInput, argName: string): Float64Array {
  if (c instanceof Float64Array) {
    matrixDim(c, `diamondNorm: ${argName}`);
    return c;
  }
  if (Array.isArray(c) && c.length > 0 && c.every((k) => k instanceof Float64Array)) {
    return krausToChoi(c);
  }
  throw new ArgumentError(
    `diamondNorm: ${argName} must be a Choi matrix (Float64Array) or a non-empty list of Kraus operators, got ${describe(c)}`,
  );
}

/** Hermitian basis of d x d matrices as (i, j, kind): kind 0 |i><i|, 1 |i><j| + |j><i|, 2 -i|i><j| + i|j><i|. */
function hermitianBasis(d: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i < d; i++) out.push([i, i, 0]);
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      out.push([i, j, 1]);
      out.push([i, j, 2]);
    }
  }
  return out;
}

/** Adds `scale` times the real embedding of basis element (i, j, kind) of a d x d space into `m` (2d x 2d). */
function addEmbedded(
  m: Float64Array,
  d: number,
  el: [number, number, number],
  scale: number,
): void {
  const n = 2 * d;
  const put = (r: number, c: number, re: number, im: number) => {
    // [[A, -B], [B, A]] for the entry re + i im at (r, c)
    m[r * n + c]! += scale * re;
    m[(r + d) * n + c + d]! += scale * re;
    m[r * n + c + d]! -= scale * im;
    m[(r + d) * n + c]! += scale * im;
  };
  const [i, j, kind] = el;
  if (kind === 0) put(i, i, 1, 0);
  else if (kind === 1) {
    put(i, j, 1, 0);
    put(j, i, 1, 0);
  } else {
    put(i, j, 0, -1);
    put(j, i, 0, 1);
  }
}

/** tr(J E) for a basis element E of the D x D space. */
function traceWith(j: Float64Array, dim: number, [a, b, kind]: [number, number, number]): number {
  const re = (r: number, c: number) => j[2 * (r * dim + c)]!;
  const im = (r: number, c: number) => j[2 * (r * dim + c) + 1]!;
  if (kind === 0) return re(a, a);
  if (kind === 1) return re(b, a) + re(a, b); // J_ba + J_ab
  return -2 * im(a, b); // i (J_ab - J_ba) for Hermitian J
}

/**
 * The diamond-norm distance ||Phi_1 - Phi_2||_diamond of two channels given by Choi matrices
 * (input factor first) or Kraus operators, by Watrous's SDP (see the module comment), with the
 * solver's certificate. Dense: meant for channels on one or two qubits (the SDP has
 * (d_in d_out)^2 + d_in^2 - 1 variables).
 * @example
 * diamondNorm([identity(2)], [pauliZ]).value; // 2
 * diamondNorm(depolarizing(0.1).kraus(), [identity(2)]).value; // 0.15 = 3p / 2
 */
export function diamondNorm(
  phi1: ChannelInput,
  phi2: ChannelInput,
  options: DiamondNormOptions = {},
): DiamondNormResult {
  checkArity(arguments.length, 3, "diamondNorm");
  checkOptions(options, DIAMOND_OPTIONS, "diamondNorm");
  const j1 = choiOf(phi1, "phi1");
  const j2 = choiOf(phi2, "phi2");
  const dim = matrixDim(j1, "diamondNorm: phi1");
  if (matrixDim(j2, "diamondNorm: phi2") !== dim) {
    throw new ShapeError(
      `diamondNorm: the Choi matrices have dimensions ${dim} and ${matrixDim(j2, "phi2")}`,
    );
  }
  const choiOptions = {
    tol: 1e-8,
    ...(options.inputDim === undefined ? {} : { inputDim: options.inputDim }),
  };
  for (const [name, j] of [
    ["phi1", j1],
    ["phi2", j2],
  ] as const) {
    if (!isChoi(j, choiOptions)) {
      throw new ArgumentError(
        `diamondNorm: ${name} is not a channel (Choi matrix not positive semidefinite or not trace preserving within 1e-8)`,
      );
    }
  }
  if (dim > 16) {
    throw new ArgumentError(
      `diamondNorm: channels up to d_in d_out = 16 are supported, got ${dim}`,
    );
  }
  const dIn = options.inputDim ?? Math.round(Math.sqrt(dim));
  const dOut = dim / dIn;
  const j = j1.map((v, i) => v - j2[i]!);

  const wBasis = hermitianBasis(dim);
  // rho = I / dIn + sum_b r_b F_b over the traceless Hermitian basis of the input space
  const rBasis: [number, number, number][][] = [];
  for (let i = 0; i + 1 < dIn; i++) {
    rBasis.push([
      [i, i, 0],
      [dIn - 1, dIn - 1, 0],
    ]);
  }
  for (const el of hermitianBasis(dIn)) if (el[2] !== 0) rBasis.push([el]);
  const n = 2 * dim;
  const zeros = () => new Float64Array(n * n);
  /** F (x) 1_out for one element of rho's basis, sign +1 (the second diagonal element: -1). */
  const lift = (el: [number, number, number], scale: number, into: Float64Array) => {
    const [a, b, kind] = el;
    for (let e = 0; e < dOut; e++)
      addEmbedded(into, dim, [a * dOut + e, b * dOut + e, kind], scale);
  };
  const a: Float64Array[][] = [];
  const bVec: number[] = [];
  for (const el of wBasis) {
    const block1 = zeros();
    const block2 = zeros();
    addEmbedded(block1, dim, el, -1); // W >= 0:            0 - (-W)
    addEmbedded(block2, dim, el, 1); //  rho (x) 1 - W >= 0
    a.push([block1, block2]);
    // tr(J W) in the real embedding counts each entry once: the objective is sum_k w_k tr(J E_k)
    bVec.push(traceWith(j, dim, el));
  }
  for (const els of rBasis) {
    const block2 = zeros();
    els.forEach((el, t) => {
      lift(el, t === 0 ? -1 : 1, block2);
    });
    a.push([zeros(), block2]);
    bVec.push(0);
  }
  const c2 = zeros();
  for (let i = 0; i < dIn; i++) lift([i, i, 0], 1 / dIn, c2);
  const sol = solveSdp(
    { blocks: [n, n], c: [zeros(), c2], a, b: Float64Array.from(bVec) },
    { tol: options.tol ?? 1e-10, maxIter: options.maxIter ?? 100 },
  );
  return {
    value: 2 * sol.dualObjective,
    upperBound: 2 * sol.primalObjective,
    gap: 2 * sol.gap,
    iterations: sol.iterations,
    converged: sol.converged,
  };
}
