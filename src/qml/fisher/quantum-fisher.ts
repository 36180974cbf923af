/**
 * The quantum Fisher information matrix (QFIM) of a circuit's output state, its Fubini-Study
 * metric g = QFIM / 4, and Paddle Quantum's effective quantum dimension (the QFIM's largest rank
 * over random parameters).
 *
 * Pure states: F_ij = 4 Re(<d_i psi|d_j psi> - <d_i psi|psi><psi|d_j psi>) from the derivative
 * states of one forward sweep (`quantum/gradients/derivative-states.ts`: at most P + 1 state
 * passes for P parameters, no P^2 parameter-shift runs). Mixed states (a `DensityMatrix` input,
 * a density circuit, or noise channels): the symmetric-logarithmic-derivative definition
 * F_ij = 2 sum_{k,l: p_k + p_l > 0} Re(<k|d_i rho|l><l|d_j rho|k>) / (p_k + p_l) in the
 * eigenbasis {p_k, |k>} of rho, which equals the pure-state formula when rho is pure.
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import type { DerivativeSweepStats } from "../../quantum/gradients/derivative-states.js";
import { dagger, eighHermitian, matmul } from "../../quantum/linalg.js";
import { Rng } from "../../random.js";
import { fromData, type Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import {
  type FisherInputOptions,
  type FisherSetup,
  fisherSetup,
  runFisherSweep,
  withParameters,
} from "./sweep-input.js";
import { symmetricRank } from "./symmetric.js";

/** Options of `quantumFisher` and `fubiniStudyMetric`. */
export interface QuantumFisherOptions extends FisherInputOptions {
  /**
   * Only the blocks of entries of one `Parameter` (one builder call) each, zeros elsewhere; each
   * block's derivative states live only over its span of the circuit (default false: full).
   */
  blockDiagonal?: boolean;
  /** Receives the sweep's cost (state passes; one forward pass = 1). */
  onStats?: (stats: DerivativeSweepStats) => void;
}

const QFIM_OPTIONS = optionKeys<QuantumFisherOptions>({
  state: true,
  data: true,
  blockDiagonal: true,
  onStats: true,
});

/**
 * The P x P quantum Fisher information matrix (float64, in the order of `circuit.parameters()`,
 * each flattened row-major) of the circuit's output state for the input `state` (default
 * |0...0>) and one data row.
 * @example
 * const c = new Circuit(1);
 * c.ry(0, { param: tensor([[[0.3]]], { requiresGrad: true }) });
 * c.rz(0, { param: tensor([[[0.2]]], { requiresGrad: true }) });
 * const F = quantumFisher(c); // [[1, 0], [0, sin(0.3)^2]]
 */
export function quantumFisher(circuit: unknown, options: QuantumFisherOptions = {}): Tensor {
  checkArity(arguments.length, 2, "quantumFisher");
  checkOptions(options, QFIM_OPTIONS, "quantumFisher");
  const { matrix, size } = fisherMatrix(circuit, options, "quantumFisher");
  return fromData(matrix, [size, size], "float64");
}

/**
 * The Fubini-Study metric g = QFIM / 4 (the quantum geometric tensor's real part), P x P.
 * @example
 * const g = fubiniStudyMetric(circuit, { blockDiagonal: true });
 */
export function fubiniStudyMetric(circuit: unknown, options: QuantumFisherOptions = {}): Tensor {
  checkArity(arguments.length, 2, "fubiniStudyMetric");
  checkOptions(options, QFIM_OPTIONS, "fubiniStudyMetric");
  const { matrix, size } = fisherMatrix(circuit, options, "fubiniStudyMetric");
  for (let i = 0; i < matrix.length; i++) matrix[i] = matrix[i]! / 4;
  return fromData(matrix, [size, size], "float64");
}

/**
 * The QFIM as a row-major Float64Array and its side P (the shared body of the public entries).
 * @example
 * const { matrix, size } = fisherMatrix(circuit, {}, "QNG");
 */
export function fisherMatrix(
  circuit: unknown,
  options: QuantumFisherOptions,
  where: string,
): { matrix: Float64Array; size: number } {
  const setup = fisherSetup(circuit, options, where, false);
  if (options.blockDiagonal !== undefined && typeof options.blockDiagonal !== "boolean")
    throw new ArgumentError(
      `${where}: options.blockDiagonal must be a boolean, got ${describe(options.blockDiagonal)}`,
    );
  if (options.onStats !== undefined && typeof options.onStats !== "function")
    throw new ArgumentError(
      `${where}: options.onStats must be a function, got ${describe(options.onStats)}`,
    );
  const P = setup.size;
  const groups = options.blockDiagonal ? parameterBlocks(setup) : [range(0, P)];
  const out = new Float64Array(P * P);
  const stats = runFisherSweep(setup, options.state, groups, false, (gi, psi, ds) => {
    const block = setup.density
      ? sldBlock(setup.backend, psi, ds)
      : pureBlock(setup.backend, psi, ds);
    const idx = groups[gi]!;
    const m = idx.length;
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) out[idx[a]! * P + idx[b]!] = block[a * m + b]!;
  });
  options.onStats?.(stats);
  return { matrix: out, size: P };
}

/** One block of entries per `Parameter`, in order. */
function parameterBlocks(setup: FisherSetup): number[][] {
  const blocks: number[][] = [];
  let off = 0;
  for (const p of setup.parameters) {
    if (p.size > 0) blocks.push(range(off, off + p.size));
    off += p.size;
  }
  return blocks;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** 4 Re(<D_a|D_b> - <D_a|psi><psi|D_b>) for one group (pure states, batch 1). */
function pureBlock(
  backend: Backend,
  psi: StateBuffer,
  ds: readonly (StateBuffer | undefined)[],
): Float64Array {
  const m = ds.length;
  const out = new Float64Array(m * m);
  const overlaps = ds.map((d) => (d === undefined ? undefined : backend.innerProduct(psi, d)));
  for (let a = 0; a < m; a++) {
    const da = ds[a];
    if (da === undefined) continue;
    const ca = overlaps[a]!;
    for (let b = a; b < m; b++) {
      const db = ds[b];
      if (db === undefined) continue;
      const cb = overlaps[b]!;
      const v = 4 * (backend.innerProduct(da, db)[0]! - (ca[0]! * cb[0]! + ca[1]! * cb[1]!));
      out[a * m + b] = v;
      out[b * m + a] = v;
    }
  }
  return out;
}

/** Eigenvalue pairs below this (p_k + p_l) are dropped in the SLD sum (rank-deficient rho). */
const SLD_CUTOFF = 1e-10;

/** The SLD Fisher block from vec(rho) and vec(d rho) (density matrices, batch 1). */
function sldBlock(
  backend: Backend,
  rhoBuf: StateBuffer,
  ds: readonly (StateBuffer | undefined)[],
): Float64Array {
  const rho = backend.toArray(rhoBuf);
  const d = Math.round(Math.sqrt(rho.length / 2));
  const { values: p, vectors: v } = eighHermitian(rho);
  const vd = dagger(v);
  // A_i = V^dagger (d_i rho) V: d_i rho in the eigenbasis of rho
  const a = ds.map((buf) =>
    buf === undefined ? undefined : matmul(vd, matmul(backend.toArray(buf), v)),
  );
  const m = ds.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const ai = a[i];
    if (ai === undefined) continue;
    for (let j = i; j < m; j++) {
      const aj = a[j];
      if (aj === undefined) continue;
      let s = 0;
      for (let k = 0; k < d; k++) {
        for (let l = 0; l < d; l++) {
          const w = p[k]! + p[l]!;
          if (w <= SLD_CUTOFF) continue;
          const x = 2 * (k * d + l);
          // Re(A_i[k,l] A_j[l,k]) = Re(A_i[k,l] conj(A_j[k,l])) for Hermitian A_j
          s += (ai[x]! * aj[x]! + ai[x + 1]! * aj[x + 1]!) / w;
        }
      }
      out[i * m + j] = 2 * s;
      out[j * m + i] = 2 * s;
    }
  }
  return out;
}

/** Options of `effectiveQuantumDimension`. */
export interface EffectiveQuantumDimensionOptions extends FisherInputOptions {
  /** Random parameter points (uniform in [0, 2 pi)) to take the rank at (default 4, Paddle's). */
  samples?: number;
  /** Eigenvalues at most `tol` count as zero (default 1e-6, what Paddle's code uses). */
  tol?: number;
  /** Seed of the parameter draws. */
  seed?: number;
}

const EQD_OPTIONS = optionKeys<EffectiveQuantumDimensionOptions>({
  state: true,
  data: true,
  samples: true,
  tol: true,
  seed: true,
});

/**
 * Paddle Quantum's effective quantum dimension: the largest rank of the QFIM over `samples`
 * random parameter points (the rank is maximal almost everywhere, so a few points find it). The
 * circuit's own parameter values are restored afterwards.
 * @example
 * const c = new Circuit(1);
 * c.rz(0);
 * c.ry(0);
 * effectiveQuantumDimension(c, { seed: 1 }); // 1: RZ on |0> is only a phase
 */
export function effectiveQuantumDimension(
  circuit: unknown,
  options: EffectiveQuantumDimensionOptions = {},
): number {
  checkArity(arguments.length, 2, "effectiveQuantumDimension");
  checkOptions(options, EQD_OPTIONS, "effectiveQuantumDimension");
  const where = "effectiveQuantumDimension";
  const samples = options.samples ?? 4;
  const tol = options.tol ?? 1e-6;
  if (!Number.isInteger(samples) || samples < 1)
    throw new ArgumentError(
      `${where}: options.samples must be an integer >= 1, got ${describe(samples)}`,
    );
  if (typeof tol !== "number" || !(tol >= 0))
    throw new ArgumentError(`${where}: options.tol must be a number >= 0, got ${describe(tol)}`);
  const setup = fisherSetup(circuit, options, where, false);
  const rng = new Rng(options.seed);
  const { state, data } = options;
  let best = 0;
  for (let s = 0; s < samples; s++) {
    const f = withParameters(
      setup.parameters,
      () => 2 * Math.PI * rng.uniform(),
      () => fisherMatrix(setup.circuit, { state, data }, where),
    ).matrix;
    best = Math.max(best, symmetricRank(f, setup.size, tol));
  }
  return best;
}
