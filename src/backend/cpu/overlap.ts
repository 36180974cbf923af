/**
 * The overlap matrix of two states on a few qubits: M[i][j] = sum_r conj(a[i, r]) b[j, r], the
 * reduction the adjoint sweep needs once per fused block (see `Backend.overlapMatrix`).
 * The 1-qubit case has a contiguous-run loop (and a SIMD kernel in wasm.ts); larger k gather
 * 2^k amplitudes of each state per group, as the generic dense kernel does.
 */
import { bitsOf, insertZeros, sortedBits, stateView, targetOffsets } from "./common.js";
import type { BoundKernels } from "./wasm.js";

/**
 * M per batch element (batch blocks of 2 * 4^k floats) for the k = `qubits.length` qubits.
 * @example
 * const a = Float64Array.of(1, 0, 0, 0); // |0>
 * overlapKernel(a, a, 1, 1, [0]); // [[1, 0], [0, 0]]
 */
export function overlapKernel(
  a: Float64Array,
  b: Float64Array,
  nQubits: number,
  batch: number,
  qubits: readonly number[],
): Float64Array {
  const k = qubits.length;
  const d = 1 << k;
  const out = new Float64Array(2 * d * d * batch);
  const dim2 = 2 << nQubits;
  const tbits = bitsOf(nQubits, qubits);
  for (let e = 0; e < batch; e++) {
    const x = stateView(a, e, dim2);
    const y = stateView(b, e, dim2);
    const m = out.subarray(2 * d * d * e, 2 * d * d * (e + 1));
    if (k === 1) overlap1(x, y, 2 << tbits[0]!, m);
    else overlapK(x, y, nQubits, tbits, m);
  }
  return out;
}

/**
 * The 1-qubit overlap with the SIMD kernel, for two states in the same arena.
 * @example
 * overlapWasm1(x.wasm, y.wasm, 20, 1, 10); // 2x2 overlap on qubit 10
 */
export function overlapWasm1(
  a: BoundKernels,
  b: BoundKernels,
  nQubits: number,
  batch: number,
  qubit: number,
): Float64Array {
  const out = new Float64Array(8 * batch);
  const bytes = 16 << nQubits;
  const half = 16 << (nQubits - 1 - qubit);
  const delta = b.base - a.base;
  for (let e = 0; e < batch; e++) {
    a.overlap1(e * bytes, (e + 1) * bytes, half, half, delta, 0);
    const r = a.arena.scratch(0);
    for (let j = 0; j < 4; j++) {
      const p = 4 * j; // P (2 lanes) then Q (2 lanes)
      out[8 * e + 2 * j] = r[p]! + r[p + 1]!;
      out[8 * e + 2 * j + 1] = r[p + 2]! - r[p + 3]!;
    }
  }
  return out;
}

/**
 * One fused adjoint step on one qubit (SIMD, one pass): the overlap of `lam` and `psi`, then the
 * 2x2 `v` applied to both. Both states live in the same arena.
 * @example
 * const m = adjointWasm1(psi.wasm, lam.wasm, 20, 1, 3, vDagger);
 */
export function adjointWasm1(
  psi: BoundKernels,
  lam: BoundKernels,
  nQubits: number,
  batch: number,
  qubit: number,
  v: Float64Array,
): Float64Array {
  const out = new Float64Array(8 * batch);
  const bytes = 16 << nQubits;
  const half = 16 << (nQubits - 1 - qubit);
  const delta = lam.base - psi.base;
  for (let e = 0; e < batch; e++) {
    psi.adjoint1(e * bytes, (e + 1) * bytes, half, half, delta, 0, ...v);
    const r = psi.arena.scratch(0);
    for (let j = 0; j < 4; j++) {
      const p = 4 * j;
      out[8 * e + 2 * j] = r[p]! + r[p + 1]!;
      out[8 * e + 2 * j + 1] = r[p + 2]! - r[p + 3]!;
    }
  }
  return out;
}

/** One qubit: blocks of `half` floats pair with the next block (index 0 / 1 of the qubit). */
function overlap1(x: Float64Array, y: Float64Array, half: number, m: Float64Array): void {
  let m00r = 0;
  let m00i = 0;
  let m01r = 0;
  let m01i = 0;
  let m10r = 0;
  let m10i = 0;
  let m11r = 0;
  let m11i = 0;
  const len = x.length;
  for (let blk = 0; blk < len; blk += 2 * half) {
    const stop = blk + half;
    for (let at = blk; at < stop; at += 2) {
      const bt = at + half;
      const a0r = x[at]!;
      const a0i = x[at + 1]!;
      const a1r = x[bt]!;
      const a1i = x[bt + 1]!;
      const b0r = y[at]!;
      const b0i = y[at + 1]!;
      const b1r = y[bt]!;
      const b1i = y[bt + 1]!;
      // conj(a_i) b_j = (ar br + ai bi) + i (ar bi - ai br)
      m00r += a0r * b0r + a0i * b0i;
      m00i += a0r * b0i - a0i * b0r;
      m01r += a0r * b1r + a0i * b1i;
      m01i += a0r * b1i - a0i * b1r;
      m10r += a1r * b0r + a1i * b0i;
      m10i += a1r * b0i - a1i * b0r;
      m11r += a1r * b1r + a1i * b1i;
      m11i += a1r * b1i - a1i * b1r;
    }
  }
  m[0] += m00r;
  m[1] += m00i;
  m[2] += m01r;
  m[3] += m01i;
  m[4] += m10r;
  m[5] += m10i;
  m[6] += m11r;
  m[7] += m11i;
}

/** k qubits: gather both states' 2^k amplitudes per group, accumulate the outer product. */
function overlapK(
  x: Float64Array,
  y: Float64Array,
  nQubits: number,
  tbits: readonly number[],
  m: Float64Array,
): void {
  const offsets = targetOffsets(tbits);
  const sorted = sortedBits(tbits);
  const d = offsets.length;
  const outer = 1 << (nQubits - tbits.length);
  const ar = new Float64Array(d);
  const ai = new Float64Array(d);
  const br = new Float64Array(d);
  const bi = new Float64Array(d);
  for (let o = 0; o < outer; o++) {
    const base = insertZeros(o, sorted);
    for (let j = 0; j < d; j++) {
      const at = 2 * (base | offsets[j]!);
      ar[j] = x[at]!;
      ai[j] = x[at + 1]!;
      br[j] = y[at]!;
      bi[j] = y[at + 1]!;
    }
    let w = 0;
    for (let i = 0; i < d; i++) {
      const pr = ar[i]!;
      const pi = ai[i]!;
      for (let j = 0; j < d; j++, w += 2) {
        const qr = br[j]!;
        const qi = bi[j]!;
        m[w] += pr * qr + pi * qi;
        m[w + 1] += pr * qi - pi * qr;
      }
    }
  }
}
