/**
 * Dense 2-qubit kernel without controls: the 16 complex matrix entries live in locals, and the
 * inner loop runs over the 2^pmin contiguous amplitudes below the lower target bit (or the
 * WebAssembly SIMD kernel, for states in wasm memory).
 */
import { insertZeros, runPlan, stateView } from "./common.js";
import type { BoundKernels } from "./wasm.js";

/**
 * psi <- U psi with U 4x4 on (qa, qb), qa the most significant bit of the matrix index; batch
 * element b uses the matrix at `b * mStride`. With `wasm`, the SIMD kernel runs instead.
 * @example
 * const psi = new Float64Array(8); psi[0] = 1;
 * const swap = new Float64Array(32); for (const [r, c] of [[0, 0], [1, 2], [2, 1], [3, 3]]) swap[2 * (4 * r + c)] = 1;
 * applyDense2(psi, 2, 1, 0, 1, swap, 0);
 */
export function applyDense2(
  data: Float64Array,
  nQubits: number,
  batch: number,
  qa: number,
  qb: number,
  u: Float64Array,
  mStride: number,
  wasm?: BoundKernels,
): void {
  const pa = nQubits - 1 - qa;
  const pb = nQubits - 1 - qb;
  if (wasm !== undefined) {
    const dim2b = 16 << nQubits; // bytes per state
    const hi = 16 << Math.max(pa, pb);
    const lo = 16 << Math.min(pa, pb);
    // a shared matrix: one call over the whole batch (blocks tile it), so threads can split it;
    // else one call per element, spread over the threads
    if (mStride === 0) {
      wasm.dense2(0, batch * dim2b, hi, lo, 16 << pb, 16 << pa, ...u.subarray(0, 32));
      return;
    }
    const calls: number[][] = [];
    for (let b = 0; b < batch; b++) {
      const m = b * mStride;
      calls.push([
        b * dim2b,
        (b + 1) * dim2b,
        hi,
        lo,
        16 << pb,
        16 << pa,
        ...u.subarray(m, m + 32),
      ]);
    }
    wasm.calls("dense2", calls, batch * dim2b);
    return;
  }
  const { run: runAmps, count, q, high } = runPlan(nQubits, [pa, pb]);
  const run = 2 * runAmps;
  // float offsets of |01>, |10>, |11> (matrix index bit 1 = qa, bit 0 = qb)
  const o1 = 2 << pb;
  const o2 = 2 << pa;
  const o3 = o1 + o2;
  const dim2 = 2 << nQubits;
  for (let b = 0; b < batch; b++) {
    const m = b * mStride;
    const a00r = u[m]!,
      a00i = u[m + 1]!,
      a01r = u[m + 2]!,
      a01i = u[m + 3]!;
    const a02r = u[m + 4]!,
      a02i = u[m + 5]!,
      a03r = u[m + 6]!,
      a03i = u[m + 7]!;
    const a10r = u[m + 8]!,
      a10i = u[m + 9]!,
      a11r = u[m + 10]!,
      a11i = u[m + 11]!;
    const a12r = u[m + 12]!,
      a12i = u[m + 13]!,
      a13r = u[m + 14]!,
      a13i = u[m + 15]!;
    const a20r = u[m + 16]!,
      a20i = u[m + 17]!,
      a21r = u[m + 18]!,
      a21i = u[m + 19]!;
    const a22r = u[m + 20]!,
      a22i = u[m + 21]!,
      a23r = u[m + 22]!,
      a23i = u[m + 23]!;
    const a30r = u[m + 24]!,
      a30i = u[m + 25]!,
      a31r = u[m + 26]!,
      a31i = u[m + 27]!;
    const a32r = u[m + 28]!,
      a32i = u[m + 29]!,
      a33r = u[m + 30]!,
      a33i = u[m + 31]!;
    const s = stateView(data, b, dim2);
    for (let o = 0; o < count; o++) {
      const start = 2 * (insertZeros(o, high) << q);
      const stop = start + run;
      for (let i0 = start; i0 < stop; i0 += 2) {
        const i1 = i0 + o1;
        const i2 = i0 + o2;
        const i3 = i0 + o3;
        const x0r = s[i0]!,
          x0i = s[i0 + 1]!;
        const x1r = s[i1]!,
          x1i = s[i1 + 1]!;
        const x2r = s[i2]!,
          x2i = s[i2 + 1]!;
        const x3r = s[i3]!,
          x3i = s[i3 + 1]!;
        s[i0] =
          a00r * x0r -
          a00i * x0i +
          a01r * x1r -
          a01i * x1i +
          a02r * x2r -
          a02i * x2i +
          a03r * x3r -
          a03i * x3i;
        s[i0 + 1] =
          a00r * x0i +
          a00i * x0r +
          a01r * x1i +
          a01i * x1r +
          a02r * x2i +
          a02i * x2r +
          a03r * x3i +
          a03i * x3r;
        s[i1] =
          a10r * x0r -
          a10i * x0i +
          a11r * x1r -
          a11i * x1i +
          a12r * x2r -
          a12i * x2i +
          a13r * x3r -
          a13i * x3i;
        s[i1 + 1] =
          a10r * x0i +
          a10i * x0r +
          a11r * x1i +
          a11i * x1r +
          a12r * x2i +
          a12i * x2r +
          a13r * x3i +
          a13i * x3r;
        s[i2] =
          a20r * x0r -
          a20i * x0i +
          a21r * x1r -
          a21i * x1i +
          a22r * x2r -
          a22i * x2i +
          a23r * x3r -
          a23i * x3i;
        s[i2 + 1] =
          a20r * x0i +
          a20i * x0r +
          a21r * x1i +
          a21i * x1r +
          a22r * x2i +
          a22i * x2r +
          a23r * x3i +
          a23i * x3r;
        s[i3] =
          a30r * x0r -
          a30i * x0i +
          a31r * x1r -
          a31i * x1i +
          a32r * x2r -
          a32i * x2i +
          a33r * x3r -
          a33i * x3i;
        s[i3 + 1] =
          a30r * x0i +
          a30i * x0r +
          a31r * x1i +
          a31i * x1r +
          a32r * x2i +
          a32i * x2r +
          a33r * x3i +
          a33i * x3r;
      }
    }
  }
}
