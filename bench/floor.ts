/**
 * The benchmarks' yardstick, the memory floor: one in-place read-modify-write pass over a
 * state-sized buffer, as fast as JavaScript can reach it, i.e. the WebAssembly SIMD kernel
 * `floorPass` (src/backend/cpu/kernels/kernels.wat) over a state of the backend under test, so
 * it has that backend's threads. Where the state is not in WebAssembly memory (n < 12 or no
 * SIMD) the floor is the plain JavaScript loop. Every record also carries that JavaScript loop,
 * `rmw_pass_js_ms`, as a labelled extra (it runs about 3.5x slower than the SIMD pass at n = 22,
 * so ratios against it said little).
 */
import type { CpuBackend, CpuStateBuffer } from "../src/backend/cpu/cpu.js";
import { timeIt } from "./harness.js";

/** The fields a record gets from the floor: ratio = median_ms / floor = passes of the floor. */
export interface FloorFields {
  baseline: "floor" | "rmw-pass-js";
  baseline_ms: number;
  rmw_pass_js_ms: number;
}

/** One in-place pass negating every float, in JavaScript. */
export function rmwPassJs(data: Float64Array): void {
  const len = data.length;
  for (let i = 0; i < len; i++) data[i] = -data[i]!;
}

/** Times the floor on `buf` (its values are negated an even or odd number of times: any state). */
export function floorOf(buf: CpuStateBuffer, budgetMs: number): FloorFields {
  const data = buf.data;
  const js = timeIt(() => rmwPassJs(data), { budgetMs });
  const k = buf.wasm;
  if (k === undefined)
    return { baseline: "rmw-pass-js", baseline_ms: js.median_ms, rmw_pass_js_ms: js.median_ms };
  const simd = timeIt(() => k.floorPass(0, data.length * 8), { budgetMs });
  return { baseline: "floor", baseline_ms: simd.median_ms, rmw_pass_js_ms: js.median_ms };
}

/** The floor for an n-qubit state of `backend` (a fresh state, freed after). */
export function floorFor(backend: CpuBackend, n: number, budgetMs: number): FloorFields {
  const buf = backend.zeros(n);
  try {
    return floorOf(buf, budgetMs);
  } finally {
    backend.free(buf);
  }
}
