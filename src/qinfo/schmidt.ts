/**
 * Schmidt decomposition |psi> = sum_k s_k |u_k>_A |v_k>_B of a pure state over a bipartition of
 * its qubits, from the eigen-decomposition of the reduced state M M^dagger (M = psi as a
 * dA x dB matrix): u_k its eigenvectors, s_k = sqrt(eigenvalue), v_k = M^T conj(u_k) / s_k.
 */
import { ArgumentError, describe } from "../errors.js";
import { eighHermitian } from "../quantum/linalg.js";
import { State } from "../quantum/state/state.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { checkQubitList, qubitCount, stateVector } from "./matrix.js";

/** A Schmidt decomposition: coefficients descending, vectors interleaved complex. */
export interface SchmidtDecomposition {
  /** s_k > tol, descending; sum s_k^2 = 1 for a normalized state. */
  readonly coefficients: Float64Array;
  /** |u_k> on the qubits of A (in the order given), each of length 2 dA. */
  readonly vectorsA: Float64Array[];
  /** |v_k> on the other qubits (ascending), each of length 2 dB. */
  readonly vectorsB: Float64Array[];
  /** The qubits of A, in the order of the vectors' index bits. */
  readonly qubitsA: readonly number[];
  /** The qubits of B, in the order of the vectors' index bits. */
  readonly qubitsB: readonly number[];
}

const SCHMIDT_OPTIONS = optionKeys<OptionsOf<typeof schmidtDecomposition, 2>>({ tol: true });

/**
 * The Schmidt decomposition of a pure state, a `State` (batch 1) or its interleaved amplitudes
 * (length 2^(n+1)), with subsystem A = `qubitsA` (default: the first half). Coefficients at or below `tol` (default 1e-12) are dropped, so
 * `coefficients.length` is the Schmidt rank.
 * @example
 * schmidtDecomposition(State.bell(), [0]).coefficients; // [0.7071..., 0.7071...]
 */
export function schmidtDecomposition(
  state: State | Float64Array,
  qubitsA?: readonly number[],
  options: { tol?: number } = {},
): SchmidtDecomposition {
  checkArity(arguments.length, 3, "schmidtDecomposition");
  checkOptions(options, SCHMIDT_OPTIONS, "schmidtDecomposition");
  let psi: Float64Array;
  let n: number;
  if (state instanceof State) {
    psi = stateVector(state, "state");
    n = state.nQubits;
  } else if (state instanceof Float64Array && state.length % 2 === 0) {
    psi = state;
    n = qubitCount(state.length / 2, "state");
  } else {
    throw new ArgumentError(
      `state: expected a State or interleaved amplitudes, got ${describe(state)}`,
    );
  }
  if (n < 2) throw new ArgumentError(`state: a bipartition needs at least 2 qubits, got ${n}`);
  const a = qubitsA ?? Array.from({ length: Math.max(1, Math.floor(n / 2)) }, (_, i) => i);
  checkQubitList(a, n, "qubitsA");
  if (a.length === 0 || a.length === n) {
    throw new ArgumentError(
      `qubitsA: ${describe(a)} must be a proper non-empty subset of ${n} qubits`,
    );
  }
  const inA = new Set(a);
  const b: number[] = [];
  for (let q = 0; q < n; q++) if (!inA.has(q)) b.push(q);
  const dA = 1 << a.length;
  const dB = 1 << b.length;
  const place = (qs: readonly number[], x: number): number => {
    let idx = 0;
    for (let k = 0; k < qs.length; k++)
      if (x & (1 << (qs.length - 1 - k))) idx |= 1 << (n - 1 - qs[k]!);
    return idx;
  };
  const m = new Float64Array(2 * dA * dB);
  for (let i = 0; i < dA; i++) {
    const pi = place(a, i);
    for (let j = 0; j < dB; j++) {
      const src = 2 * (pi | place(b, j));
      m[2 * (i * dB + j)] = psi[src]!;
      m[2 * (i * dB + j) + 1] = psi[src + 1]!;
    }
  }
  // M M^dagger (dA x dA)
  const mm = new Float64Array(2 * dA * dA);
  for (let i = 0; i < dA; i++) {
    for (let k = 0; k < dA; k++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < dB; j++) {
        const xr = m[2 * (i * dB + j)]!;
        const xi = m[2 * (i * dB + j) + 1]!;
        const yr = m[2 * (k * dB + j)]!;
        const yi = m[2 * (k * dB + j) + 1]!;
        re += xr * yr + xi * yi;
        im += xi * yr - xr * yi;
      }
      mm[2 * (i * dA + k)] = re;
      mm[2 * (i * dA + k) + 1] = im;
    }
  }
  const { values, vectors } = eighHermitian(mm);
  const tol = options.tol ?? 1e-12;
  const coefficients: number[] = [];
  const vectorsA: Float64Array[] = [];
  const vectorsB: Float64Array[] = [];
  for (let k = dA - 1; k >= 0; k--) {
    const s = Math.sqrt(Math.max(0, values[k]!));
    if (s <= tol) continue;
    const u = new Float64Array(2 * dA);
    for (let i = 0; i < dA; i++) {
      u[2 * i] = vectors[2 * (i * dA + k)]!;
      u[2 * i + 1] = vectors[2 * (i * dA + k) + 1]!;
    }
    // v_j = sum_i conj(u_i) M_ij / s
    const v = new Float64Array(2 * dB);
    for (let j = 0; j < dB; j++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < dA; i++) {
        const ur = u[2 * i]!;
        const ui = -u[2 * i + 1]!;
        const xr = m[2 * (i * dB + j)]!;
        const xi = m[2 * (i * dB + j) + 1]!;
        re += ur * xr - ui * xi;
        im += ur * xi + ui * xr;
      }
      v[2 * j] = re / s;
      v[2 * j + 1] = im / s;
    }
    coefficients.push(s);
    vectorsA.push(u);
    vectorsB.push(v);
  }
  return {
    coefficients: Float64Array.from(coefficients),
    vectorsA,
    vectorsB,
    qubitsA: [...a],
    qubitsB: b,
  };
}
