/**
 * The generic kernels: dense k-qubit matrix, diagonal and permutation for any k and any
 * controls. They walk every group of 2^k amplitudes that the matrix mixes (bit insertion: the
 * outer counter gets a zero bit at each target and control position, then the control bits are
 * set), gather them, multiply, scatter back. They are the reference every specialized kernel is
 * tested against.
 */
import { bitsOf, insertZeros, maskOf, sortedBits, stateView, targetOffsets } from "./common.js";
import { type BoundKernels, DENSEK_MAX_QUBITS } from "./wasm.js";

/** What the generic kernels share: target offsets, control mask, insertion positions. */
interface Plan {
  offsets: Int32Array;
  cmask: number;
  sorted: Int32Array;
  outer: number;
}

function plan(nQubits: number, targets: readonly number[], controls: readonly number[]): Plan {
  const tbits = bitsOf(nQubits, targets);
  const cbits = bitsOf(nQubits, controls);
  const sorted = sortedBits([...tbits, ...cbits]);
  return {
    offsets: targetOffsets(tbits),
    cmask: maskOf(cbits),
    sorted,
    outer: 1 << (nQubits - sorted.length),
  };
}

/**
 * psi <- (controlled) U psi on `targets` for every batch element. `matrix` is 2^k x 2^k complex
 * interleaved row-major; batch element b uses the block at `b * mStride` (mStride 0 = shared).
 * @example
 * const psi = Float64Array.of(1, 0, 0, 0); // |0>
 * const s = Math.SQRT1_2;
 * applyDenseGeneric(psi, 1, 1, [0], [], Float64Array.of(s, 0, s, 0, s, 0, -s, 0), 0); // |+>
 */
export function applyDenseGeneric(
  data: Float64Array,
  nQubits: number,
  batch: number,
  targets: readonly number[],
  controls: readonly number[],
  matrix: Float64Array,
  mStride: number,
): void {
  const pl = plan(nQubits, targets, controls);
  const d = pl.offsets.length;
  const re = new Float64Array(d);
  const im = new Float64Array(d);
  const dim2 = 2 << nQubits;
  for (let b = 0; b < batch; b++) {
    denseOne(stateView(data, b, dim2), pl, matrix, b * mStride, re, im);
  }
}

/**
 * The dense k-qubit matrix without controls through the WebAssembly SIMD kernel (kernels.wat's
 * `densek`), for k <= DENSEK_MAX_QUBITS; returns false (nothing done) where it does not apply.
 * @example
 * applyDenseSimd(12, 1, [0, 1, 2], m3, 0, buf.wasm); // a 3-qubit block on buf's memory
 */
export function applyDenseSimd(
  nQubits: number,
  batch: number,
  targets: readonly number[],
  matrix: Float64Array,
  mStride: number,
  wasm: BoundKernels | undefined,
): boolean {
  const k = targets.length;
  if (wasm === undefined || k > DENSEK_MAX_QUBITS) return false;
  const bits = bitsOf(nQubits, targets);
  const offsets = targetOffsets(bits);
  const sorted = sortedBits(bits);
  const size = 2 << (2 * k);
  const stateBytes = 16 << nQubits;
  for (let b = 0; b < batch; b++) {
    const m = matrix.subarray(b * mStride, b * mStride + size);
    wasm.denseK(b * stateBytes, sorted, offsets, m, 1 << (nQubits - k));
  }
  return true;
}

function denseOne(
  s: Float64Array,
  pl: Plan,
  matrix: Float64Array,
  m0: number,
  re: Float64Array,
  im: Float64Array,
): void {
  const { offsets, cmask, sorted, outer } = pl;
  const d = offsets.length;
  for (let o = 0; o < outer; o++) {
    const i = insertZeros(o, sorted) | cmask;
    for (let j = 0; j < d; j++) {
      const at = 2 * (i | offsets[j]!);
      re[j] = s[at]!;
      im[j] = s[at + 1]!;
    }
    for (let r = 0; r < d; r++) {
      let sr = 0;
      let si = 0;
      let m = m0 + 2 * r * d;
      for (let c = 0; c < d; c++, m += 2) {
        const mr = matrix[m]!;
        const mi = matrix[m + 1]!;
        sr += mr * re[c]! - mi * im[c]!;
        si += mr * im[c]! + mi * re[c]!;
      }
      const at = 2 * (i | offsets[r]!);
      s[at] = sr;
      s[at + 1] = si;
    }
  }
}

/**
 * psi <- (controlled) diag(diagonal) psi on `targets`; `diagonal` holds 2^k complex entries per
 * block, block b at `b * dStride`. Generic in k and controls.
 * @example
 * const psi = Float64Array.of(0, 0, 1, 0); // |1>
 * applyDiagonalGeneric(psi, 1, 1, [0], [], Float64Array.of(1, 0, -1, 0), 0); // -|1>
 */
export function applyDiagonalGeneric(
  data: Float64Array,
  nQubits: number,
  batch: number,
  targets: readonly number[],
  controls: readonly number[],
  diagonal: Float64Array,
  dStride: number,
): void {
  const pl = plan(nQubits, targets, controls);
  const dim2 = 2 << nQubits;
  for (let b = 0; b < batch; b++) diagonalOne(stateView(data, b, dim2), pl, diagonal, b * dStride);
}

function diagonalOne(s: Float64Array, pl: Plan, diagonal: Float64Array, d0: number): void {
  const { offsets, cmask, sorted, outer } = pl;
  const d = offsets.length;
  for (let o = 0; o < outer; o++) {
    const i = insertZeros(o, sorted) | cmask;
    for (let j = 0; j < d; j++) {
      const at = 2 * (i | offsets[j]!);
      const xr = s[at]!;
      const xi = s[at + 1]!;
      const dr = diagonal[d0 + 2 * j]!;
      const di = diagonal[d0 + 2 * j + 1]!;
      s[at] = dr * xr - di * xi;
      s[at + 1] = dr * xi + di * xr;
    }
  }
}

/**
 * psi <- (controlled) P psi where P|j> = phase_j |perm[j]> on `targets`; `phases` (interleaved,
 * 2^k entries per block, block b at `b * pStride`) may be undefined for all-ones.
 * @example
 * const psi = Float64Array.of(1, 0, 0, 0); // |0>
 * applyPermutationGeneric(psi, 1, 1, [0], [], Int32Array.of(1, 0), undefined, 0); // |1>
 */
export function applyPermutationGeneric(
  data: Float64Array,
  nQubits: number,
  batch: number,
  targets: readonly number[],
  controls: readonly number[],
  perm: Int32Array,
  phases: Float64Array | undefined,
  pStride: number,
): void {
  const pl = plan(nQubits, targets, controls);
  const d = pl.offsets.length;
  const re = new Float64Array(d);
  const im = new Float64Array(d);
  // phases all 1 when omitted: one code path, no branch in the loop
  let ph = phases;
  let stride = pStride;
  if (ph === undefined) {
    ph = new Float64Array(2 * d);
    for (let j = 0; j < d; j++) ph[2 * j] = 1;
    stride = 0;
  }
  const dim2 = 2 << nQubits;
  for (let b = 0; b < batch; b++) {
    permutationOne(stateView(data, b, dim2), pl, perm, ph, b * stride, re, im);
  }
}

function permutationOne(
  s: Float64Array,
  pl: Plan,
  perm: Int32Array,
  phases: Float64Array,
  p0: number,
  re: Float64Array,
  im: Float64Array,
): void {
  const { offsets, cmask, sorted, outer } = pl;
  const d = offsets.length;
  for (let o = 0; o < outer; o++) {
    const i = insertZeros(o, sorted) | cmask;
    for (let j = 0; j < d; j++) {
      const at = 2 * (i | offsets[j]!);
      re[j] = s[at]!;
      im[j] = s[at + 1]!;
    }
    for (let j = 0; j < d; j++) {
      const at = 2 * (i | offsets[perm[j]!]!);
      const pr = phases[p0 + 2 * j]!;
      const pi = phases[p0 + 2 * j + 1]!;
      s[at] = pr * re[j]! - pi * im[j]!;
      s[at + 1] = pr * im[j]! + pi * re[j]!;
    }
  }
}
