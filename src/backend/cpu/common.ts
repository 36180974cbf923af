/**
 * Argument checks and index helpers shared by the CPU kernels. Qubit q of an n-qubit state is bit
 * (n - 1 - q) of a basis index; `targets[0]` is the most significant bit of a matrix index.
 */
import { ArgumentError, describe } from "../../errors.js";
import type { StateBuffer } from "../backend.js";
import { CpuStateBuffer } from "./buffer.js";

/**
 * The CPU buffer behind `buf`, checked (a live `CpuStateBuffer`).
 * @example
 * const b = asCpu(new CpuBackend().zeros(1), "buf");
 */
export function asCpu(buf: StateBuffer, arg: string): CpuStateBuffer {
  if (!(buf instanceof CpuStateBuffer)) {
    throw new ArgumentError(`${arg} must be a cpu state buffer, got ${describe(buf)}`);
  }
  if (buf.freed) throw new ArgumentError(`${arg} was already freed`);
  return buf;
}

/**
 * Checks qubit lists of one kernel call: integers in [0, nQubits), all distinct across `targets`
 * and `controls`, at least one target.
 * @example
 * checkQubits(3, [0, 2], [1], "applyDense");
 */
export function checkQubits(
  nQubits: number,
  targets: readonly number[],
  controls: readonly number[],
  fn: string,
): void {
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new ArgumentError(
      `${fn}: targets must be a non-empty array of qubit indices, got ${describe(targets)}`,
    );
  }
  if (!Array.isArray(controls)) {
    throw new ArgumentError(
      `${fn}: controls must be an array of qubit indices, got ${describe(controls)}`,
    );
  }
  let seen = 0; // bit q set once qubit q was seen (nQubits <= 29 fits an int32)
  const check = (q: number, arg: string, list: readonly number[]): void => {
    if (!Number.isInteger(q) || q < 0 || q >= nQubits) {
      throw new ArgumentError(
        `${fn}: ${arg} ${describe(list)} holds ${describe(q)}; expected integers in [0, ${nQubits - 1}]`,
      );
    }
    if (seen & (1 << q)) {
      throw new ArgumentError(
        `${fn}: qubit ${q} appears twice in ${arg === "controls" ? "targets/controls" : "targets"} ` +
          `(targets ${describe(targets)}, controls ${describe(controls)}); qubits must be distinct`,
      );
    }
    seen |= 1 << q;
  };
  for (const q of targets) check(q, "targets", targets);
  for (const q of controls) check(q, "controls", controls);
}

/**
 * How far to step through a per-batch argument: 0 when `arr` holds one block of `unit` floats
 * (shared by the batch), `unit` when it holds `batch` blocks.
 * @example
 * batchStride(new Float64Array(8), 8, 3, "matrix", "applyDense"); // 0
 */
export function batchStride(
  arr: ArrayLike<number>,
  unit: number,
  batch: number,
  arg: string,
  fn: string,
): number {
  if (!(arr instanceof Float64Array)) {
    throw new ArgumentError(`${fn}: ${arg} must be a Float64Array, got ${describe(arr)}`);
  }
  if (arr.length === unit) return 0;
  if (arr.length === unit * batch) return unit;
  throw new ArgumentError(
    `${fn}: ${arg} has length ${arr.length}; expected ${unit} (shared) or ${unit * batch} (one per batch element of ${batch})`,
  );
}

/**
 * Bit positions of `qubits` in an n-qubit basis index (qubit q -> bit n - 1 - q), in list order.
 * @example
 * bitsOf(3, [0, 2]); // [2, 0]
 */
export function bitsOf(nQubits: number, qubits: readonly number[]): number[] {
  return qubits.map((q) => nQubits - 1 - q);
}

/**
 * Basis-index offsets of the 2^k target patterns: offset[j] has bit `bits[t]` set when bit
 * (k - 1 - t) of j is set (targets[0] is the most significant bit of j).
 * @example
 * targetOffsets([2, 0]); // Int32Array [0, 1, 4, 5]
 */
export function targetOffsets(bits: readonly number[]): Int32Array {
  const k = bits.length;
  const d = 1 << k;
  const out = new Int32Array(d);
  for (let j = 0; j < d; j++) {
    let off = 0;
    for (let t = 0; t < k; t++) if ((j >> (k - 1 - t)) & 1) off |= 1 << bits[t]!;
    out[j] = off;
  }
  return out;
}

/**
 * Mask with the bits of `bits` set.
 * @example
 * maskOf([0, 3]); // 9
 */
export function maskOf(bits: readonly number[]): number {
  let m = 0;
  for (const b of bits) m |= 1 << b;
  return m;
}

/**
 * Sorted (ascending) bit positions, as an Int32Array for the index-insertion loops.
 * @example
 * sortedBits([3, 0, 2]); // Int32Array [0, 2, 3]
 */
export function sortedBits(bits: readonly number[]): Int32Array {
  return Int32Array.from(bits).sort();
}

/**
 * How the "runs" kernels walk a state: the basis indices whose bits at the involved positions
 * (targets and controls) are all 0 form runs of `2^p0` contiguous amplitudes (p0 = lowest involved
 * bit). Run `o` starts at `insertZeros(o, high) << q`: the bits of the lowest contiguous group of
 * involved positions (p0 .. q-1) need no insertion, only the `high` ones above (relative to q).
 */
export interface RunPlan {
  /** Amplitudes per run (2^p0). */
  run: number;
  /** Number of runs (2^(n - m - p0)). */
  count: number;
  /** Shift of the inserted index (first bit above the lowest contiguous group). */
  q: number;
  /** Involved positions above q, minus q, ascending. */
  high: Int32Array;
}

/**
 * The run plan of an n-qubit state for the involved bit positions `bits` (any order, distinct).
 * @example
 * runPlan(4, [0, 1]); // { run: 1, count: 4, q: 2, high: [] }
 */
export function runPlan(nQubits: number, bits: readonly number[]): RunPlan {
  const sorted = sortedBits(bits);
  const p0 = sorted[0]!;
  let g = 1;
  while (g < sorted.length && sorted[g] === p0 + g) g++;
  const q = p0 + g;
  return {
    run: 1 << p0,
    count: 1 << (nQubits - sorted.length - p0),
    q,
    high: sorted.slice(g).map((p) => p - q),
  };
}

/**
 * The state views of a batched buffer: element b is `data[b * stride, (b + 1) * stride)` floats.
 * Kernels work on one view at a time so every index stays a small integer (int32 arithmetic).
 * @example
 * stateView(new Float64Array(8), 1, 4).length; // 4
 */
export function stateView(data: Float64Array, b: number, stride: number): Float64Array {
  return data.length === stride ? data : data.subarray(b * stride, (b + 1) * stride);
}

/**
 * Inserts a zero bit at each position of `sorted` (ascending) into `k`: the k-th basis index
 * whose bits at those positions are all 0.
 * @example
 * insertZeros(3, Int32Array.of(1)); // 0b101 = 5
 */
export function insertZeros(k: number, sorted: Int32Array): number {
  let i = k;
  for (let s = 0; s < sorted.length; s++) {
    const p = sorted[s]!;
    i = ((i >> p) << (p + 1)) | (i & ((1 << p) - 1));
  }
  return i;
}

/**
 * Throws unless two buffers have the same qubit count and batch (shared by every backend).
 * @example
 * sameShape(a, b, "innerProduct");
 */
export function sameShape(a: StateBuffer, b: StateBuffer, fn: string): void {
  if (a.nQubits !== b.nQubits || a.batch !== b.batch) {
    throw new ArgumentError(
      `${fn}: buffers differ in shape (${a.nQubits} qubits x batch ${a.batch} vs ${b.nQubits} qubits x batch ${b.batch})`,
    );
  }
}

/**
 * Throws unless `buf` holds one state and `batch` is a positive integer (every backend's
 * `broadcast`).
 * @example
 * checkBroadcast(psi, 8);
 */
export function checkBroadcast(buf: StateBuffer, batch: number): void {
  if (buf.batch !== 1) {
    throw new ArgumentError(`broadcast: buf must hold one state (batch 1), got batch ${buf.batch}`);
  }
  if (!Number.isInteger(batch) || batch < 1) {
    throw new ArgumentError(`broadcast: batch must be a positive integer, got ${describe(batch)}`);
  }
}

/**
 * Throws unless `perm` is an Int32Array permutation of 0..d-1 (shared by every backend).
 * @example
 * checkPerm(Int32Array.from([1, 0]), 2);
 */
export function checkPerm(perm: Int32Array, d: number): void {
  if (!(perm instanceof Int32Array) || perm.length !== d) {
    throw new ArgumentError(
      `applyPermutation: perm must be an Int32Array of length ${d}, got ${describe(perm)}`,
    );
  }
  const seen = new Uint8Array(d);
  for (let j = 0; j < d; j++) {
    const p = perm[j]!;
    if (p < 0 || p >= d || seen[p]) {
      throw new ArgumentError(
        `applyPermutation: perm ${describe(Array.from(perm))} is not a permutation of 0..${d - 1}`,
      );
    }
    seen[p] = 1;
  }
}
