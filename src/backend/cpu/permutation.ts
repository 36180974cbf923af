/**
 * Permutation kernels. A permutation that only exchanges two basis patterns (X, CNOT, SWAP,
 * Toffoli, CSWAP: one transposition, no phases) becomes a swap of memory runs with no
 * arithmetic; phased 1- and 2-qubit permutations (Y, CY, iSWAP) go to the dense kernels;
 * anything else goes to the generic gather/scatter kernel.
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
import { applyDense1 } from "./dense1.js";
import { applyDense2 } from "./dense2.js";
import { applyPermutationGeneric } from "./densek.js";
import type { BoundKernels } from "./wasm.js";

/**
 * psi <- (controlled) P psi, P|j> = phase_j |perm[j]> on `targets` (phases undefined = all 1;
 * batch element b uses the phases at `b * pStride`).
 * @example
 * const psi = Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0);
 * applyPermutation(psi, 2, 1, [1], [0], Int32Array.of(1, 0), undefined, 0); // CNOT: |00> stays
 */
export function applyPermutation(
  data: Float64Array,
  nQubits: number,
  batch: number,
  targets: readonly number[],
  controls: readonly number[],
  perm: Int32Array,
  phases: Float64Array | undefined,
  pStride: number,
  wasm?: BoundKernels,
): void {
  if (
    phases !== undefined &&
    (targets.length === 1 || (targets.length === 2 && controls.length === 0))
  ) {
    // phased 1- and 2-qubit permutations (Y, CY, iSWAP): the dense kernels beat gather/scatter
    const matrices = permutationMatrices(perm, phases, pStride === 0 ? 1 : batch);
    const mStride = pStride === 0 ? 0 : 2 * perm.length * perm.length;
    if (targets.length === 1)
      applyDense1(data, nQubits, batch, targets[0]!, controls, matrices, mStride, wasm);
    else applyDense2(data, nQubits, batch, targets[0]!, targets[1]!, matrices, mStride, wasm);
    return;
  }
  const pair = phases === undefined ? transposition(perm) : undefined;
  if (pair === undefined) {
    applyPermutationGeneric(data, nQubits, batch, targets, controls, perm, phases, pStride);
    return;
  }
  if (pair === null) return; // identity
  const tbits = bitsOf(nQubits, targets);
  const offsets = targetOffsets(tbits);
  const cbits = bitsOf(nQubits, controls);
  const cmask = maskOf(cbits);
  const plan = runPlan(nQubits, [...tbits, ...cbits]);
  const offA = 2 * (offsets[pair[0]]! | cmask);
  const offB = 2 * (offsets[pair[1]]! | cmask);
  const dim2 = 2 << nQubits;
  if (wasm !== undefined && plan.high.length === 0) {
    // one contiguous group of involved bits: runs repeat with a fixed period (see swapRuns),
    // which divides a state's size, so one call covers the whole batch (and threads split it)
    const period = 16 << plan.q;
    wasm.swapRuns(8 * offA, 8 * batch * dim2, period, 16 * plan.run, 8 * (offB - offA));
    return;
  }
  for (let b = 0; b < batch; b++) swapRuns(stateView(data, b, dim2), plan, offA, offB);
}

/**
 * The dense matrices (M[perm[j], j] = phase_j) of `count` phase blocks, back to back.
 * @example
 * permutationMatrices(Int32Array.of(1, 0), Float64Array.of(0, 1, 0, -1), 1); // -> [[0, -i], [i, 0]] (Y)
 */
export function permutationMatrices(
  perm: Int32Array,
  phases: Float64Array,
  count: number,
): Float64Array {
  const d = perm.length;
  const out = new Float64Array(count * 2 * d * d);
  for (let b = 0; b < count; b++) {
    for (let j = 0; j < d; j++) {
      const at = b * 2 * d * d + 2 * (perm[j]! * d + j);
      out[at] = phases[b * 2 * d + 2 * j]!;
      out[at + 1] = phases[b * 2 * d + 2 * j + 1]!;
    }
  }
  return out;
}

/**
 * The two indices a permutation exchanges when it is a single transposition, null for the
 * identity, undefined otherwise.
 * @example
 * transposition(Int32Array.of(0, 2, 1, 3)); // [1, 2]
 */
export function transposition(perm: Int32Array): [number, number] | null | undefined {
  let a = -1;
  let b = -1;
  for (let j = 0; j < perm.length; j++) {
    if (perm[j] === j) continue;
    if (a < 0) a = j;
    else if (b < 0) b = j;
    else return undefined;
  }
  if (a < 0) return null;
  return perm[a] === b && perm[b] === a ? [a, b] : undefined;
}

/**
 * Swaps run by run (see `runPlan`) the floats at offset `offA` with those at `offB`.
 */
function swapRuns(s: Float64Array, plan: RunPlan, offA: number, offB: number): void {
  const { count, q, high } = plan;
  const run = 2 * plan.run;
  const delta = offB - offA;
  if (high.length === 0) {
    // the involved bits are one contiguous group: runs repeat with a fixed period
    const period = 2 << q;
    const len = s.length;
    if (run === 2) {
      for (let a = offA; a < len; a += period) {
        const r = s[a]!;
        const i = s[a + 1]!;
        s[a] = s[a + delta]!;
        s[a + 1] = s[a + delta + 1]!;
        s[a + delta] = r;
        s[a + delta + 1] = i;
      }
      return;
    }
    for (let blk = offA; blk < len; blk += period) swapRange(s, blk, blk + run, delta);
    return;
  }
  if (run === 2) {
    for (let o = 0; o < count; o++) {
      const a = offA + 2 * (insertZeros(o, high) << q);
      const r = s[a]!;
      const i = s[a + 1]!;
      s[a] = s[a + delta]!;
      s[a + 1] = s[a + delta + 1]!;
      s[a + delta] = r;
      s[a + delta + 1] = i;
    }
    return;
  }
  for (let o = 0; o < count; o++) {
    const a0 = offA + 2 * (insertZeros(o, high) << q);
    swapRange(s, a0, a0 + run, delta);
  }
}

/** Swaps s[from, to) with s[from + delta, to + delta); (to - from) a multiple of 4. */
function swapRange(s: Float64Array, from: number, to: number, delta: number): void {
  for (let a = from; a < to; a += 4) {
    const b = a + delta;
    const x0 = s[a]!;
    const x1 = s[a + 1]!;
    const x2 = s[a + 2]!;
    const x3 = s[a + 3]!;
    s[a] = s[b]!;
    s[a + 1] = s[b + 1]!;
    s[a + 2] = s[b + 2]!;
    s[a + 3] = s[b + 3]!;
    s[b] = x0;
    s[b + 1] = x1;
    s[b + 2] = x2;
    s[b + 3] = x3;
  }
}
