/**
 * dst <- sum_k c_k src_k in one pass (the Krylov exponential's recurrence step and its final
 * combination of the basis): the sources are read chunk by chunk into a small accumulator, so
 * each source and dst move through memory once, where a chain of axpys would read and write dst
 * once per source.
 */
import { stateView } from "./common.js";

/** Floats per accumulator chunk (16 KiB: stays in L1 while the sources stream through). */
const CHUNK = 2048;

/**
 * dst <- sum_k coef_k src_k for each batch element (coefficient k of element b at
 * `coefs[k][b * strides[k]]`, complex interleaved); `dst` may be one of the sources. Returns the
 * squared norm of the result per batch element.
 * @example
 * const dst = new Float64Array(2);
 * combinationKernel(dst, [Float64Array.of(1, 0), Float64Array.of(0, 1)], [Float64Array.of(2, 0), Float64Array.of(1, 0)], [0, 0], 1, 1); // dst = [2, 1], returns [5]
 */
export function combinationKernel(
  dst: Float64Array,
  sources: readonly Float64Array[],
  coefs: readonly Float64Array[],
  strides: readonly number[],
  dim: number,
  batch: number,
): Float64Array {
  const len = 2 * dim;
  const acc = new Float64Array(Math.min(CHUNK, len));
  const norms = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const out = stateView(dst, b, len);
    const views = sources.map((s) => stateView(s, b, len));
    let norm = 0;
    for (let start = 0; start < len; start += CHUNK) {
      const size = Math.min(CHUNK, len - start);
      acc.fill(0, 0, size);
      for (let k = 0; k < views.length; k++) {
        const src = views[k]!;
        const cr = coefs[k]![b * strides[k]!]!;
        const ci = coefs[k]![b * strides[k]! + 1]!;
        if (cr === 0 && ci === 0) continue;
        if (ci === 0) {
          for (let i = 0; i < size; i++) acc[i]! += cr * src[start + i]!;
        } else {
          for (let i = 0; i < size; i += 2) {
            const re = src[start + i]!;
            const im = src[start + i + 1]!;
            acc[i]! += cr * re - ci * im;
            acc[i + 1]! += cr * im + ci * re;
          }
        }
      }
      for (let i = 0; i < size; i++) {
        const v = acc[i]!;
        out[start + i] = v;
        norm += v * v;
      }
    }
    norms[b] = norm;
  }
  return norms;
}
