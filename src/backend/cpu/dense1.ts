/**
 * Dense 1-qubit kernels (the most frequent gate). Without controls the loops are split by target
 * position so the inner loop runs over contiguous memory: for the lowest bit the two amplitudes
 * of a pair are neighbours; otherwise a block of 2^p amplitudes pairs with the next block. Real
 * matrices (H, RY) take loops with half the multiplications. With controls, the amplitudes whose
 * controls are all 1 and target 0 form runs (see `runPlan`), each paired with the run 2^p above.
 */
import { insertZeros, maskOf, type RunPlan, runPlan, stateView } from "./common.js";
import type { BoundKernels } from "./wasm.js";

/**
 * psi <- (controlled) U psi with U 2x2 on qubit `target`; batch element b uses the matrix at
 * `b * mStride` (0 = shared). With `wasm` (kernels bound to `data`'s memory) the uncontrolled
 * case, and the controlled case with every control above the target, run the SIMD kernels.
 * @example
 * const psi = Float64Array.of(1, 0, 0, 0);
 * applyDense1(psi, 1, 1, 0, [], Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0), 0); // X|0> = |1>
 */
export function applyDense1(
  data: Float64Array,
  nQubits: number,
  batch: number,
  target: number,
  controls: readonly number[],
  matrix: Float64Array,
  mStride: number,
  wasm?: BoundKernels,
): void {
  const p = nQubits - 1 - target;
  const dim2 = 2 << nQubits;
  if (controls.length === 0) {
    if (wasm !== undefined && mStride === 0) {
      // a shared matrix: one call over the whole batch (pair blocks tile it), so threads split it
      const real = matrix[1] === 0 && matrix[3] === 0 && matrix[5] === 0 && matrix[7] === 0;
      dense1Wasm(wasm, 0, 8 * batch * dim2, 16 << p, matrix, 0, real);
      return;
    }
    if (wasm !== undefined) {
      // one matrix per element (all real: RY-like encodings), batch elements over the threads
      const half = 16 << p;
      let real = true;
      for (let i = 1; i < matrix.length && real; i += 2) real = matrix[i] === 0;
      const calls: number[][] = [];
      for (let b = 0; b < batch; b++) {
        const m = b * mStride;
        const range = [8 * b * dim2, 8 * (b + 1) * dim2, half];
        if (real)
          calls.push([...range, matrix[m]!, matrix[m + 2]!, matrix[m + 4]!, matrix[m + 6]!, half]);
        else calls.push([...range, ...matrix.subarray(m, m + 8), half]);
      }
      wasm.calls(real ? "real1" : "cplx1", calls, 8 * batch * dim2);
      return;
    }
    for (let b = 0; b < batch; b++) {
      const m = b * mStride;
      const real =
        matrix[m + 1] === 0 && matrix[m + 3] === 0 && matrix[m + 5] === 0 && matrix[m + 7] === 0;
      const s = stateView(data, b, dim2);
      if (p === 0) {
        if (real) lowPairsReal(s, matrix, m);
        else lowPairs(s, matrix, m);
      } else if (real) blockPairsReal(s, 2 << p, matrix, m);
      else blockPairs(s, 2 << p, matrix, m);
    }
    return;
  }
  const cbits = controls.map((c) => nQubits - 1 - c);
  const cmask = maskOf(cbits);
  const cmin = Math.min(...cbits);
  if (wasm !== undefined && cmin > p && 1 << cmin >= WASM_MIN_RUN) {
    // every control above the target: where all controls are 1 the state splits into ranges of
    // 2^cmin amplitudes that each hold whole pair blocks, one SIMD call per range
    const ranges = runPlan(nQubits, cbits);
    const bytes = 16 * ranges.run;
    for (let b = 0; b < batch; b++) {
      const base = 8 * b * dim2;
      const m = b * mStride;
      const real =
        matrix[m + 1] === 0 && matrix[m + 3] === 0 && matrix[m + 5] === 0 && matrix[m + 7] === 0;
      for (let o = 0; o < ranges.count; o++) {
        const start = base + 16 * ((insertZeros(o, ranges.high) << ranges.q) | cmask);
        dense1Wasm(wasm, start, start + bytes, 16 << p, matrix, m, real);
      }
    }
    return;
  }
  const plan = runPlan(nQubits, [p, ...cbits]);
  for (let b = 0; b < batch; b++) {
    controlledPairs(stateView(data, b, dim2), plan, cmask, 2 << p, matrix, b * mStride);
  }
}

/** Shortest range (amplitudes) worth one SIMD call in the controlled case. */
const WASM_MIN_RUN = 64;

/** The SIMD kernels on bytes [start, stop): pairs `half` bytes apart. */
function dense1Wasm(
  w: BoundKernels,
  start: number,
  stop: number,
  half: number,
  u: Float64Array,
  m: number,
  real: boolean,
): void {
  if (real) w.real1(start, stop, half, u[m]!, u[m + 2]!, u[m + 4]!, u[m + 6]!);
  else {
    w.cplx1(
      start,
      stop,
      half,
      u[m]!,
      u[m + 1]!,
      u[m + 2]!,
      u[m + 3]!,
      u[m + 4]!,
      u[m + 5]!,
      u[m + 6]!,
      u[m + 7]!,
    );
  }
}

/** Target on bit 0: the pair's amplitudes are neighbours. */
function lowPairs(s: Float64Array, u: Float64Array, m: number): void {
  const u00r = u[m]!;
  const u00i = u[m + 1]!;
  const u01r = u[m + 2]!;
  const u01i = u[m + 3]!;
  const u10r = u[m + 4]!;
  const u10i = u[m + 5]!;
  const u11r = u[m + 6]!;
  const u11i = u[m + 7]!;
  const len = s.length;
  for (let at = 0; at < len; at += 4) {
    const ar = s[at]!;
    const ai = s[at + 1]!;
    const br = s[at + 2]!;
    const bi = s[at + 3]!;
    s[at] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
    s[at + 1] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
    s[at + 2] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
    s[at + 3] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
  }
}

/** Target on bit 0, real matrix. */
function lowPairsReal(s: Float64Array, u: Float64Array, m: number): void {
  const a = u[m]!;
  const b = u[m + 2]!;
  const c = u[m + 4]!;
  const d = u[m + 6]!;
  const len = s.length;
  for (let at = 0; at < len; at += 4) {
    const ar = s[at]!;
    const ai = s[at + 1]!;
    const br = s[at + 2]!;
    const bi = s[at + 3]!;
    s[at] = a * ar + b * br;
    s[at + 1] = a * ai + b * bi;
    s[at + 2] = c * ar + d * br;
    s[at + 3] = c * ai + d * bi;
  }
}

/** Target on bit p >= 1: each block of `half` floats pairs with the next block. */
function blockPairs(s: Float64Array, half: number, u: Float64Array, m: number): void {
  const u00r = u[m]!;
  const u00i = u[m + 1]!;
  const u01r = u[m + 2]!;
  const u01i = u[m + 3]!;
  const u10r = u[m + 4]!;
  const u10i = u[m + 5]!;
  const u11r = u[m + 6]!;
  const u11i = u[m + 7]!;
  const len = s.length;
  const block = 2 * half;
  for (let blk = 0; blk < len; blk += block) {
    const stop = blk + half;
    for (let at = blk; at < stop; at += 2) {
      const bt = at + half;
      const ar = s[at]!;
      const ai = s[at + 1]!;
      const br = s[bt]!;
      const bi = s[bt + 1]!;
      s[at] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
      s[at + 1] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
      s[bt] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
      s[bt + 1] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
    }
  }
}

/**
 * Target on bit p >= 1, real matrix: real and imaginary parts transform alike; two floats per
 * step (one amplitude of each half) measured faster than one.
 */
function blockPairsReal(s: Float64Array, half: number, u: Float64Array, m: number): void {
  const a = u[m]!;
  const b = u[m + 2]!;
  const c = u[m + 4]!;
  const d = u[m + 6]!;
  const len = s.length;
  const block = 2 * half;
  for (let blk = 0; blk < len; blk += block) {
    const stop = blk + half;
    for (let at = blk; at < stop; at += 2) {
      const bt = at + half;
      const x0 = s[at]!;
      const x1 = s[at + 1]!;
      const y0 = s[bt]!;
      const y1 = s[bt + 1]!;
      s[at] = a * x0 + b * y0;
      s[at + 1] = a * x1 + b * y1;
      s[bt] = c * x0 + d * y0;
      s[bt + 1] = c * x1 + d * y1;
    }
  }
}

/** Controlled: every run with all controls 1 and target 0 pairs with the run `half` floats above. */
function controlledPairs(
  s: Float64Array,
  plan: RunPlan,
  cmask: number,
  half: number,
  u: Float64Array,
  m: number,
): void {
  const u00r = u[m]!;
  const u00i = u[m + 1]!;
  const u01r = u[m + 2]!;
  const u01i = u[m + 3]!;
  const u10r = u[m + 4]!;
  const u10i = u[m + 5]!;
  const u11r = u[m + 6]!;
  const u11i = u[m + 7]!;
  const { count, q, high } = plan;
  const run = 2 * plan.run;
  for (let o = 0; o < count; o++) {
    const start = 2 * ((insertZeros(o, high) << q) | cmask);
    const stop = start + run;
    for (let at = start; at < stop; at += 2) {
      const bt = at + half;
      const ar = s[at]!;
      const ai = s[at + 1]!;
      const br = s[bt]!;
      const bi = s[bt + 1]!;
      s[at] = u00r * ar - u00i * ai + u01r * br - u01i * bi;
      s[at + 1] = u00r * ai + u00i * ar + u01r * bi + u01i * br;
      s[bt] = u10r * ar - u10i * ai + u11r * br - u11i * bi;
      s[bt + 1] = u10r * ai + u10i * ar + u11r * bi + u11i * br;
    }
  }
}
