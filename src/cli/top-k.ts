/**
 * The k largest entries of a long typed array in one streaming pass, for `qoar run`: a 26-qubit
 * state has 2^26 outcomes, and listing them all (one string and one pair each) exhausts the V8
 * heap. A min-heap of k entries keeps the memory at O(k) whatever the length.
 */
import { ArgumentError } from "../errors.js";

/** What {@link topK} found. */
export interface TopK {
  /** Indices of the kept entries, largest weight first; equal weights: smaller index first. */
  readonly indices: number[];
  /** Their weights (the value, or re^2 + im^2 for interleaved complex input), in the same order. */
  readonly weights: number[];
  /** How many entries had a weight above the threshold (kept or not). */
  readonly count: number;
}

/** Options of {@link topK}. */
export interface TopKOptions {
  /** Only weights strictly above this count (default 0; NaN never counts). */
  readonly threshold?: number;
  /** `values` holds interleaved complex numbers (re, im, re, im, ...); the weight is re^2 + im^2. */
  readonly complex?: boolean;
}

/**
 * The `k` largest weights of `values` and where they are, in one pass with two typed arrays of
 * min(k, length) entries as the only allocation besides the result. The order is that of a full
 * stable sort by decreasing weight: ties go to the smaller index.
 * @example
 * topK(new Float64Array([0.1, 0.4, 0.1, 0.4]), 3);
 * // { indices: [1, 3, 0], weights: [0.4, 0.4, 0.1], count: 4 }
 * topK(new Float64Array([0.6, 0, 0, 0.8]), 1, { complex: true }).indices; // [1]
 */
export function topK(values: Float64Array, k: number, options: TopKOptions = {}): TopK {
  if (!(values instanceof Float64Array)) {
    throw new ArgumentError("topK: values must be a Float64Array");
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new ArgumentError(`topK: k must be a positive integer, got ${String(k)}`);
  }
  const threshold = options.threshold ?? 0;
  if (Number.isNaN(threshold)) throw new ArgumentError("topK: threshold must be a number, got NaN");
  const complex = options.complex === true;
  if (complex && values.length % 2 !== 0) {
    throw new ArgumentError(
      `topK: interleaved complex values need an even length, got ${values.length}`,
    );
  }
  const length = complex ? values.length / 2 : values.length;
  const capacity = Math.min(k, length);
  // heap[0] is the weakest kept entry: the smallest weight, and of equal weights the largest index
  const heapWeight = new Float64Array(capacity);
  const heapIndex = new Float64Array(capacity);
  let size = 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    let w: number;
    if (complex) {
      const re = values[2 * i]!;
      const im = values[2 * i + 1]!;
      w = re * re + im * im;
    } else {
      w = values[i]!;
    }
    if (!(w > threshold)) continue;
    count++;
    if (size < capacity) {
      siftUp(heapWeight, heapIndex, size, w, i);
      size++;
    } else if (w > heapWeight[0]!) {
      // an equal weight never displaces the root: its index is smaller than i
      siftDown(heapWeight, heapIndex, size, w, i);
    }
  }
  const order = Array.from({ length: size }, (_, j) => j);
  order.sort((a, b) => heapWeight[b]! - heapWeight[a]! || heapIndex[a]! - heapIndex[b]!);
  return {
    indices: order.map((j) => heapIndex[j]!),
    weights: order.map((j) => heapWeight[j]!),
    count,
  };
}

/** Whether entry (wa, ia) is weaker than (wb, ib): kept later in the output order. */
function weaker(wa: number, ia: number, wb: number, ib: number): boolean {
  return wa < wb || (wa === wb && ia > ib);
}

/** Inserts (w, i) at slot `at` (the heap's new last slot) and moves it up. */
function siftUp(hw: Float64Array, hi: Float64Array, at: number, w: number, i: number): void {
  let c = at;
  while (c > 0) {
    const p = (c - 1) >> 1;
    if (!weaker(w, i, hw[p]!, hi[p]!)) break;
    hw[c] = hw[p]!;
    hi[c] = hi[p]!;
    c = p;
  }
  hw[c] = w;
  hi[c] = i;
}

/** Replaces the root by (w, i) and moves it down a heap of `size` entries. */
function siftDown(hw: Float64Array, hi: Float64Array, size: number, w: number, i: number): void {
  let c = 0;
  for (;;) {
    const l = 2 * c + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && weaker(hw[r]!, hi[r]!, hw[l]!, hi[l]!) ? r : l;
    if (!weaker(hw[m]!, hi[m]!, w, i)) break;
    hw[c] = hw[m]!;
    hi[c] = hi[m]!;
    c = m;
  }
  hw[c] = w;
  hi[c] = i;
}
