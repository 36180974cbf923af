/**
 * Diagonal kernels (RZ, phase, CZ, RZZ, controlled phases). Each diagonal entry multiplies the
 * runs of contiguous amplitudes that carry its target pattern (see `runPlan`); entries equal to 1
 * are skipped, so CZ or a controlled phase only touch the amplitudes they change.
 */
import {
  bitsOf,
  insertZeros,
  maskOf,
  type RunPlan,
  runPlan,
  stateView,
  targetOffsets,
} from "./common.js";
import type { BoundKernels } from "./wasm.js";

/**
 * psi <- (controlled) diag(d) psi on `targets`; batch element b uses the 2^k entries at
 * `b * dStride` (0 = shared). With `wasm`, one target without controls runs the SIMD kernel.
 * @example
 * const psi = Float64Array.of(0, 0, 1, 0); // |1>
 * applyDiagonal(psi, 1, 1, [0], [], Float64Array.of(1, 0, 0, 1), 0); // i|1>
 */
export function applyDiagonal(
  data: Float64Array,
  nQubits: number,
  batch: number,
  targets: readonly number[],
  controls: readonly number[],
  diagonal: Float64Array,
  dStride: number,
  wasm?: BoundKernels,
): void {
  const dim2 = 2 << nQubits;
  if (targets.length === 1 && controls.length === 0) {
    const p = nQubits - 1 - targets[0]!;
    if (wasm !== undefined) {
      // a shared diagonal: one call over the whole batch (threads split it); else one call per
      // element, spread over the threads
      const half = 16 << p;
      if (dStride === 0) {
        const dg = diagonal;
        wasm.diag1(0, 8 * batch * dim2, half, dg[0]!, dg[1]!, dg[2]!, dg[3]!);
      } else {
        const calls: number[][] = [];
        for (let b = 0; b < batch; b++) {
          const m = b * dStride;
          calls.push([
            8 * b * dim2,
            8 * (b + 1) * dim2,
            half,
            ...diagonal.subarray(m, m + 4),
            half,
          ]);
        }
        wasm.calls("diag1", calls, 8 * batch * dim2);
      }
      return;
    }
    for (let b = 0; b < batch; b++) {
      const s = stateView(data, b, dim2);
      if (p === 0) lowDiagonal(s, diagonal, b * dStride);
      else blockDiagonal(s, 2 << p, diagonal, b * dStride);
    }
    return;
  }
  const tbits = bitsOf(nQubits, targets);
  const cbits = bitsOf(nQubits, controls);
  const offsets = targetOffsets(tbits);
  const cmask = maskOf(cbits);
  const plan = runPlan(nQubits, [...tbits, ...cbits]);
  for (let b = 0; b < batch; b++) {
    const s = stateView(data, b, dim2);
    const d0 = b * dStride;
    for (let j = 0; j < offsets.length; j++) {
      const dr = diagonal[d0 + 2 * j]!;
      const di = diagonal[d0 + 2 * j + 1]!;
      if (dr === 1 && di === 0) continue;
      scaleRuns(s, plan, 2 * (offsets[j]! | cmask), dr, di);
    }
  }
}

/** Multiplies by (dr + i di) every run of `plan`, shifted by `off` floats. */
function scaleRuns(s: Float64Array, plan: RunPlan, off: number, dr: number, di: number): void {
  const { count, q, high } = plan;
  const run = 2 * plan.run;
  if (di === 0) {
    for (let o = 0; o < count; o++) {
      const start = off + 2 * (insertZeros(o, high) << q);
      const stop = start + run;
      for (let at = start; at < stop; at++) s[at] = dr * s[at]!;
    }
    return;
  }
  for (let o = 0; o < count; o++) {
    const start = off + 2 * (insertZeros(o, high) << q);
    const stop = start + run;
    for (let at = start; at < stop; at += 2) {
      const xr = s[at]!;
      const xi = s[at + 1]!;
      s[at] = dr * xr - di * xi;
      s[at + 1] = dr * xi + di * xr;
    }
  }
}

/** One target on bit 0: neighbours alternate between the two entries. */
function lowDiagonal(s: Float64Array, dg: Float64Array, m: number): void {
  const d0r = dg[m]!;
  const d0i = dg[m + 1]!;
  const d1r = dg[m + 2]!;
  const d1i = dg[m + 3]!;
  const len = s.length;
  for (let at = 0; at < len; at += 4) {
    const ar = s[at]!;
    const ai = s[at + 1]!;
    const br = s[at + 2]!;
    const bi = s[at + 3]!;
    s[at] = d0r * ar - d0i * ai;
    s[at + 1] = d0r * ai + d0i * ar;
    s[at + 2] = d1r * br - d1i * bi;
    s[at + 3] = d1r * bi + d1i * br;
  }
}

/**
 * One target on bit p >= 1: blocks of `half` floats (a multiple of 4) alternate between the two
 * entries; two amplitudes per step (measured faster than one).
 */
function blockDiagonal(s: Float64Array, half: number, dg: Float64Array, m: number): void {
  const len = s.length;
  for (let blk = 0; blk < len; blk += 2 * half) {
    scaleRange(s, blk, blk + half, dg[m]!, dg[m + 1]!);
    scaleRange(s, blk + half, blk + 2 * half, dg[m + 2]!, dg[m + 3]!);
  }
}

/** s[from, to) *= (dr + i di), two amplitudes per step; (to - from) a multiple of 4. */
function scaleRange(s: Float64Array, from: number, to: number, dr: number, di: number): void {
  for (let at = from; at < to; at += 4) {
    const ar = s[at]!;
    const ai = s[at + 1]!;
    const br = s[at + 2]!;
    const bi = s[at + 3]!;
    s[at] = dr * ar - di * ai;
    s[at + 1] = dr * ai + di * ar;
    s[at + 2] = dr * br - di * bi;
    s[at + 3] = dr * bi + di * br;
  }
}
