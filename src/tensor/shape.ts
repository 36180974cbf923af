/**
 * Shape arithmetic shared by every op: sizes, row-major strides, broadcasting (NumPy rules) and
 * axis normalization. Errors name both shapes so a mismatch is easy to locate.
 */
import { ArgumentError, ShapeError } from "../errors.js";

/**
 * The number of elements of a shape (1 for a scalar `[]`).
 * @example
 * sizeOf([2, 3]); // 6
 */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major strides (in elements) of a shape.
 * @example
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

/**
 * Formats a shape for messages: `[2, 3]`.
 * @example
 * fmtShape([2, 3]); // "[2, 3]"
 */
export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * Checks that `shape` is a list of non-negative integers; throws `ArgumentError` otherwise.
 * @example
 * checkShape([2, 3]); // ok
 * checkShape([2, -1]); // throws
 */
export function checkShape(shape: readonly number[], what = "shape"): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ArgumentError(
      `${what} must be an array of non-negative integers, got ${JSON.stringify(shape)}`,
    );
  }
}

/**
 * The broadcast shape of two shapes, or a ShapeError naming both.
 * @example
 * broadcastShapes([3, 1], [4]); // [3, 4]
 */
export function broadcastShapes(
  a: readonly number[],
  b: readonly number[],
  op = "broadcast",
): number[] {
  checkShape(a, `${op}: shape`);
  checkShape(b, `${op}: shape`);
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Whether two shapes are equal.
 * @example
 * sameShape([2, 3], [2, 3]); // true
 */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * For every element of `outShape` (row-major), the flat index of the element of `inShape` that
 * broadcasting reads. One pass with an odometer; no allocation per element.
 * @example
 * broadcastIndex([2, 3], [3]); // Int32Array [0, 1, 2, 0, 1, 2]
 */
export function broadcastIndex(
  outShape: readonly number[],
  inShape: readonly number[],
): Int32Array {
  const n = outShape.length;
  const size = sizeOf(outShape);
  const idx = new Int32Array(size);
  const inStrides = stridesOf(inShape);
  const st = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const j = inShape.length - n + i;
    st[i] = j >= 0 && inShape[j] !== 1 ? inStrides[j]! : 0;
  }
  odometer(outShape, st, idx);
  return idx;
}

/**
 * Fills `out[i]` with `base + sum_d coord_d(i) * strides[d]` for every row-major position `i` of
 * `shape`: the gather map of any strided view (broadcast, permutation, slice).
 * @example
 * const out = new Int32Array(6);
 * odometer([2, 3], [1, 2], out); // transpose of a [3, 2] tensor: [0, 2, 4, 1, 3, 5]
 */
export function odometer(
  shape: readonly number[],
  strides: readonly number[],
  out: Int32Array,
  base = 0,
): void {
  const n = shape.length;
  const size = out.length;
  if (size === 0) return;
  if (n === 0) {
    out[0] = base;
    return;
  }
  const last = n - 1;
  const lastDim = shape[last]!;
  const lastStride = strides[last]!;
  const coord = new Array<number>(n).fill(0);
  let off = base;
  let i = 0;
  while (i < size) {
    for (let j = 0; j < lastDim; j++) out[i++] = off + j * lastStride;
    // carry into the outer axes
    let d = last - 1;
    while (d >= 0) {
      coord[d]++;
      off += strides[d]!;
      if (coord[d]! < shape[d]!) break;
      off -= coord[d]! * strides[d]!;
      coord[d] = 0;
      d--;
    }
    if (d < 0) break;
  }
}

/**
 * Normalizes an axis (negative counts from the end) against `ndim`.
 * @example
 * normAxis(-1, 3); // 2
 */
export function normAxis(axis: number, ndim: number, op = "axis"): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= Math.max(ndim, 1)) {
    throw new ArgumentError(
      `${op}: axis ${axis} is out of range for a tensor with ${ndim} dimensions`,
    );
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Normalizes an axis list (undefined = all axes), sorted and unique.
 * @example
 * normAxes([-1, 0], 3); // [0, 2]
 * normAxes(undefined, 2); // [0, 1]
 */
export function normAxes(
  axes: number | readonly number[] | undefined,
  ndim: number,
  op = "axes",
): number[] {
  if (axes === undefined) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof axes !== "number" && !Array.isArray(axes)) {
    throw new ArgumentError(
      `${op}: axes must be a number or an array of numbers, got ${JSON.stringify(axes)}`,
    );
  }
  const list = typeof axes === "number" ? [axes] : axes;
  const out = [...new Set(list.map((a) => normAxis(a, ndim, op)))];
  return out.sort((x, y) => x - y);
}
