/**
 * Partial traces, differentiable: over a contiguous factor (`dimA x dimB`, Paddle's `partial_trace`) and over any
 * subset of qubits (Paddle's `partial_trace_discontiguous`). Qubit 0 is the most significant bit.
 * For a pure `State` the reduced state is built from the amplitudes directly, never forming the
 * full 4^n density matrix.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { State } from "../quantum/state/state.js";
import { customOp, fromData, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { placeBits } from "./bits.js";
import { densityBatch, unbatch } from "./density-tensor.js";
import {
  checkQubitList,
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  type MatrixOrState,
  qubitCount,
} from "./matrix.js";
import { squareBatch } from "./spectral.js";

/**
 * Tr_A or Tr_B of a matrix on a `dimA * dimB` space (A is the more significant factor), as a
 * differentiable tensor. `traceOut: "A"` leaves the `dimB x dimB` state of B, `"B"` the
 * `dimA x dimA` state of A. Batched inputs give [batch, d', d'].
 * @example
 * partialTraceContiguous(bellRho, 2, 2, "B"); // I / 2, a [2, 2] tensor
 */
export function partialTraceContiguous(
  rho: MatrixOrState,
  dimA: number,
  dimB: number,
  traceOut: "A" | "B",
  options: DensityCheckOptions = {},
): Tensor {
  checkArity(arguments.length, 5, "partialTraceContiguous");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "partialTraceContiguous");
  const { t, batch, dim } = densityBatch(rho, "rho", "partialTraceContiguous", options.densityTol);
  for (const [name, v] of [
    ["dimA", dimA],
    ["dimB", dimB],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new ArgumentError(
        `partialTraceContiguous: ${name} must be a positive integer, got ${describe(v)}`,
      );
    }
  }
  if (dimA * dimB !== dim) {
    throw new ShapeError(
      `partialTraceContiguous: dimA * dimB = ${dimA * dimB} but rho has dimension ${dim}`,
    );
  }
  if (traceOut !== "A" && traceOut !== "B") {
    throw new ArgumentError(
      `partialTraceContiguous: traceOut must be "A" or "B", got ${describe(traceOut)}`,
    );
  }
  // full index = keep offset + traced offset (A is the factor of stride dimB)
  const stride = (count: number, step: number) =>
    Int32Array.from({ length: count }, (_, i) => i * step);
  const [kIdx, tIdx] =
    traceOut === "B"
      ? [stride(dimA, dimB), stride(dimB, 1)]
      : [stride(dimB, 1), stride(dimA, dimB)];
  return unbatch(partialTraceOp(t, kIdx, tIdx), batch);
}

/**
 * out[a, b] = sum_e rho[kIdx[a] + tIdx[e], kIdx[b] + tIdx[e]] for every matrix of a complex
 * [batch, d, d] tensor: one pass over the d_keep^2 d_traced entries that contribute (not over
 * the whole matrix); the backward scatters the cotangent back to those entries.
 * @example
 * partialTraceOp(rho, Int32Array.of(0, 2), Int32Array.of(0, 1)); // trace out qubit 1 of 2
 */
export function partialTraceOp(rho: Tensor, kIdx: Int32Array, tIdx: Int32Array): Tensor {
  checkArity(arguments.length, 3, "partialTraceOp");
  const [batch, d] = squareBatch(rho, "partialTraceOp");
  for (const [name, idx] of [
    ["kIdx", kIdx],
    ["tIdx", tIdx],
  ] as const) {
    if (!(idx instanceof Int32Array) || idx.length === 0 || idx.some((x) => x < 0 || x >= d)) {
      throw new ArgumentError(
        `partialTraceOp: ${name} must be a non-empty Int32Array of offsets in [0, ${d}), got ${describe(idx)}`,
      );
    }
  }
  if (kIdx[kIdx.length - 1]! + tIdx[tIdx.length - 1]! >= d) {
    throw new ArgumentError(`partialTraceOp: kIdx + tIdx reach past the dimension ${d}`);
  }
  const dk = kIdx.length;
  const dt = tIdx.length;
  return customOp({
    name: "partialTrace",
    inputs: [rho],
    forward: () => {
      const src = rho.data;
      const out = new Float64Array(2 * batch * dk * dk);
      for (let b = 0; b < batch; b++) {
        const base = b * d * d;
        const o = 2 * b * dk * dk;
        for (let i = 0; i < dk; i++) {
          for (let j = 0; j < dk; j++) {
            let re = 0;
            let im = 0;
            const corner = base + kIdx[i]! * d + kIdx[j]!;
            for (let e = 0; e < dt; e++) {
              const at = 2 * (corner + tIdx[e]! * (d + 1));
              re += src[at]!;
              im += src[at + 1]!;
            }
            out[o + 2 * (i * dk + j)] = re;
            out[o + 2 * (i * dk + j) + 1] = im;
          }
        }
      }
      return fromData(out, [batch, dk, dk], "complex128");
    },
    backward: (g: Tensor) => {
      const grad = new Float64Array(2 * batch * d * d);
      const gd = g.data;
      for (let b = 0; b < batch; b++) {
        const base = b * d * d;
        const o = 2 * b * dk * dk;
        for (let i = 0; i < dk; i++) {
          for (let j = 0; j < dk; j++) {
            const gr = gd[o + 2 * (i * dk + j)]!;
            const gi = gd[o + 2 * (i * dk + j) + 1]!;
            const corner = base + kIdx[i]! * d + kIdx[j]!;
            for (let e = 0; e < dt; e++) {
              const at = 2 * (corner + tIdx[e]! * (d + 1));
              grad[at] = gr;
              grad[at + 1] = gi;
            }
          }
        }
      }
      return [fromData(grad, rho.shape, "complex128")];
    },
  });
}

/**
 * The state of the qubits `keep` (in the order given: `keep[0]` becomes the most significant
 * qubit of the result), tracing out all others, as a differentiable tensor ([d', d'], or
 * [batch, d', d'] for batched inputs). For a `State` it works on the amplitudes
 * (rho_A = M M^dagger for the amplitudes M reshaped to keep x traced), never forming 4^n entries.
 * @example
 * reducedState(State.bell(), [0]); // I / 2
 * reducedState(rho, [2, 0]);       // qubits 2 and 0, qubit 2 first
 */
export function reducedState(
  rho: MatrixOrState,
  keep: readonly number[],
  options: DensityCheckOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "reducedState");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "reducedState");
  return reduced(rho, keep, "reducedState", "keep", options.densityTol, false);
}

function reduced(
  rho: MatrixOrState,
  qubits: readonly number[],
  where: string,
  argName: string,
  densityTol: number | undefined,
  complementOf: boolean,
): Tensor {
  if (rho instanceof State) {
    const n = rho.nQubits;
    checkQubitList(qubits, n, argName);
    const keep = complementOf ? complement(qubits, n) : qubits;
    const traced = complement(keep, n);
    const psi = rho.toTensor().reshape([rho.batch, ...Array(n).fill(2)]);
    const m = psi
      .permute([0, ...keep.map((q) => q + 1), ...traced.map((q) => q + 1)])
      .reshape([rho.batch, 2 ** keep.length, 2 ** traced.length]);
    return unbatch(m.matmul(m.conj().transpose(-2, -1)), rho.batch);
  }
  const { t, batch, dim } = densityBatch(rho, "rho", where, densityTol);
  const n = qubitCount(dim, `${where}: rho`);
  checkQubitList(qubits, n, argName);
  const keep = complementOf ? complement(qubits, n) : qubits;
  return unbatch(partialTraceOp(t, placeBits(keep, n), placeBits(complement(keep, n), n)), batch);
}

/**
 * Traces out the qubits `traceOut`; the result lives on the remaining qubits in ascending order.
 * @example
 * partialTrace(State.ghz(3), [1]); // (|00><00| + |11><11|) / 2 on qubits 0, 2
 */
export function partialTrace(
  rho: MatrixOrState,
  traceOut: readonly number[],
  options: DensityCheckOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "partialTrace");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "partialTrace");
  return reduced(rho, traceOut, "partialTrace", "traceOut", options.densityTol, true);
}

function complement(qubits: readonly number[], n: number): number[] {
  const s = new Set(qubits);
  const out: number[] = [];
  for (let q = 0; q < n; q++) if (!s.has(q)) out.push(q);
  return out;
}

/**
 * The reduced state of `keep` from an amplitude vector: rho[a, b] = sum_e psi[a, e] conj(psi[b, e]).
 * @example
 * reducedFromVector(bellAmplitudes, 2, [1]); // I / 2
 */
export function reducedFromVector(
  psi: Float64Array,
  nQubits: number,
  keep: readonly number[],
): Float64Array {
  checkArity(arguments.length, 3, "reducedFromVector");
  if (!(psi instanceof Float64Array) || !Number.isInteger(nQubits))
    throw new ArgumentError(
      `reducedFromVector: expected interleaved amplitudes and a qubit count, got ${describe(psi)} and ${describe(nQubits)}`,
    );
  if (psi.length !== 2 << nQubits) {
    throw new ShapeError(
      `reducedFromVector: psi has length ${psi.length}, expected ${2 << nQubits}`,
    );
  }
  checkQubitList(keep, nQubits, "keep");
  const kIdx = placeBits(keep, nQubits);
  const tIdx = placeBits(complement(keep, nQubits), nQubits);
  const dk = kIdx.length;
  const dt = tIdx.length;
  // M[a, e] = psi[kIdx[a] | tIdx[e]] gathered once, then rho = M M^dagger.
  const m = new Float64Array(2 * dk * dt);
  for (let a = 0; a < dk; a++) {
    for (let e = 0; e < dt; e++) {
      const src = 2 * (kIdx[a]! | tIdx[e]!);
      m[2 * (a * dt + e)] = psi[src]!;
      m[2 * (a * dt + e) + 1] = psi[src + 1]!;
    }
  }
  const out = new Float64Array(2 * dk * dk);
  for (let a = 0; a < dk; a++) {
    for (let b = a; b < dk; b++) {
      let re = 0;
      let im = 0;
      for (let e = 0; e < dt; e++) {
        const xr = m[2 * (a * dt + e)]!;
        const xi = m[2 * (a * dt + e) + 1]!;
        const yr = m[2 * (b * dt + e)]!;
        const yi = m[2 * (b * dt + e) + 1]!;
        re += xr * yr + xi * yi;
        im += xi * yr - xr * yi;
      }
      out[2 * (a * dk + b)] = re;
      out[2 * (a * dk + b) + 1] = im;
      out[2 * (b * dk + a)] = re;
      out[2 * (b * dk + a) + 1] = -im;
    }
  }
  return out;
}
