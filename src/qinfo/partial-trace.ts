/**
 * Partial traces: over a contiguous factor (`dimA x dimB`, Paddle's `partial_trace`) and over any
 * subset of qubits (Paddle's `partial_trace_discontiguous`). Qubit 0 is the most significant bit.
 * For a pure `State` the reduced state is built from the amplitudes directly, never forming the
 * full 4^n density matrix.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { State } from "../quantum/state/state.js";
import { checkArity, checkOptions } from "../validate.js";
import { placeBits } from "./bits.js";
import {
  checkQubitList,
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  densityInput,
  type MatrixOrState,
  qubitCount,
  stateVector,
} from "./matrix.js";

/**
 * Tr_A or Tr_B of a matrix on a `dimA * dimB` space (A is the more significant factor).
 * `traceOut: "A"` leaves the `dimB x dimB` state of B, `"B"` the `dimA x dimA` state of A.
 * @example
 * partialTraceContiguous(bellRho, 2, 2, "B"); // I / 2
 */
export function partialTraceContiguous(
  rho: MatrixOrState,
  dimA: number,
  dimB: number,
  traceOut: "A" | "B",
  options: DensityCheckOptions = {},
): Float64Array {
  checkArity(arguments.length, 5, "partialTraceContiguous");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "partialTraceContiguous");
  const { data, dim } = densityInput(rho, "rho", "partialTraceContiguous", options.densityTol);
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
  if (traceOut === "B") {
    const out = new Float64Array(2 * dimA * dimA);
    for (let i = 0; i < dimA; i++) {
      for (let j = 0; j < dimA; j++) {
        let re = 0;
        let im = 0;
        for (let e = 0; e < dimB; e++) {
          const idx = 2 * ((i * dimB + e) * dim + j * dimB + e);
          re += data[idx]!;
          im += data[idx + 1]!;
        }
        out[2 * (i * dimA + j)] = re;
        out[2 * (i * dimA + j) + 1] = im;
      }
    }
    return out;
  }
  const out = new Float64Array(2 * dimB * dimB);
  for (let e = 0; e < dimA; e++) {
    for (let i = 0; i < dimB; i++) {
      for (let j = 0; j < dimB; j++) {
        const idx = 2 * ((e * dimB + i) * dim + e * dimB + j);
        out[2 * (i * dimB + j)] += data[idx]!;
        out[2 * (i * dimB + j) + 1] += data[idx + 1]!;
      }
    }
  }
  return out;
}

/**
 * The state of the qubits `keep` (in the order given: `keep[0]` becomes the most significant
 * qubit of the result), tracing out all others. For a `State` this works on the amplitudes.
 * @example
 * reducedState(State.bell(), [0]); // I / 2
 * reducedState(rho, [2, 0]);       // qubits 2 and 0, qubit 2 first
 */
export function reducedState(
  rho: MatrixOrState,
  keep: readonly number[],
  options: DensityCheckOptions = {},
): Float64Array {
  checkArity(arguments.length, 3, "reducedState");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "reducedState");
  return reduced(rho, keep, "reducedState", options.densityTol);
}

function reduced(
  rho: MatrixOrState,
  keep: readonly number[],
  where: string,
  densityTol: number | undefined,
): Float64Array {
  if (rho instanceof State) {
    const n = rho.nQubits;
    checkQubitList(keep, n, "keep");
    return reducedFromVector(stateVector(rho, "rho"), n, keep);
  }
  const { data, dim } = densityInput(rho, "rho", where, densityTol);
  const n = qubitCount(dim, "rho");
  checkQubitList(keep, n, "keep");
  const traced = complement(keep, n);
  const kIdx = placeBits(keep, n);
  const tIdx = placeBits(traced, n);
  const dk = kIdx.length;
  const out = new Float64Array(2 * dk * dk);
  for (let a = 0; a < dk; a++) {
    for (let b = 0; b < dk; b++) {
      let re = 0;
      let im = 0;
      for (let e = 0; e < tIdx.length; e++) {
        const idx = 2 * ((kIdx[a]! | tIdx[e]!) * dim + (kIdx[b]! | tIdx[e]!));
        re += data[idx]!;
        im += data[idx + 1]!;
      }
      out[2 * (a * dk + b)] = re;
      out[2 * (a * dk + b) + 1] = im;
    }
  }
  return out;
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
): Float64Array {
  checkArity(arguments.length, 3, "partialTrace");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "partialTrace");
  if (rho instanceof State) {
    checkQubitList(traceOut, rho.nQubits, "traceOut");
    return reduced(rho, complement(traceOut, rho.nQubits), "partialTrace", undefined);
  }
  const m = densityInput(rho, "rho", "partialTrace", options.densityTol);
  const n = qubitCount(m.dim, "rho");
  checkQubitList(traceOut, n, "traceOut");
  return reduced(m.data, complement(traceOut, n), "partialTrace", Number.POSITIVE_INFINITY);
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
