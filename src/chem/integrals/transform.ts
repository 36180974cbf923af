/**
 * Turning integral blocks over commonly normalized Cartesian components into blocks over a
 * shell's output functions (unit-normalized Cartesians or real solid harmonics), one axis at a
 * time. s and p shells need nothing (their transform is the identity).
 */
import { nCartesian, nFunctions, shellTransform } from "../basis/angular.js";

/**
 * Applies the shell transform of angular momentum `l` along `axis` of a row-major tensor of
 * shape `dims` (updated in place to the new size), reading `src` and writing `dst`.
 * Returns false (and copies nothing) when the transform is the identity.
 * @example
 * const dims = Int32Array.of(6, 1);
 * transformAxis(cartBlock, out, dims, 0, 2, true); // dims becomes [5, 1]
 */
export function transformAxis(
  src: Float64Array,
  dst: Float64Array,
  dims: Int32Array,
  axis: number,
  l: number,
  pure: boolean,
): boolean {
  if (l < 2) return false;
  const m = shellTransform(l, pure);
  const nIn = nCartesian(l);
  const nOut = nFunctions(l, pure);
  let outer = 1;
  for (let k = 0; k < axis; k++) outer *= dims[k]!;
  let inner = 1;
  for (let k = axis + 1; k < dims.length; k++) inner *= dims[k]!;
  const diagonal = !(pure && l >= 2);
  for (let o = 0; o < outer; o++) {
    const sBase = o * nIn * inner;
    const dBase = o * nOut * inner;
    for (let r = 0; r < nOut; r++) {
      const d0 = dBase + r * inner;
      if (diagonal) {
        const f = m[r * nIn + r]!;
        const s0 = sBase + r * inner;
        for (let i = 0; i < inner; i++) dst[d0 + i] = f * src[s0 + i]!;
        continue;
      }
      for (let i = 0; i < inner; i++) dst[d0 + i] = 0;
      for (let c = 0; c < nIn; c++) {
        const f = m[r * nIn + c]!;
        if (f === 0) continue;
        const s0 = sBase + c * inner;
        for (let i = 0; i < inner; i++) dst[d0 + i]! += f * src[s0 + i]!;
      }
    }
  }
  dims[axis] = nOut;
  return true;
}

/**
 * Transforms a block over Cartesian components of several shells (one axis per shell) in place,
 * using `scratch` (at least as large as the block). Returns the array holding the result.
 * @example
 * const res = transformBlock(block, scratch, [2, 0], [true, true], Int32Array.of(6, 1));
 */
export function transformBlock(
  block: Float64Array,
  scratch: Float64Array,
  ls: readonly number[],
  pures: readonly boolean[],
  dims: Int32Array,
): Float64Array {
  let a = block;
  let b = scratch;
  for (let axis = 0; axis < ls.length; axis++) {
    if (transformAxis(a, b, dims, axis, ls[axis]!, pures[axis]!)) {
      const t = a;
      a = b;
      b = t;
    }
  }
  return a;
}
