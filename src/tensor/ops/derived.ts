/**
 * Derived ops: compositions of primitives, so they carry no backward code of their own.
 */
import { ArgumentError, ShapeError } from "../../errors.js";
import { noGrad } from "../autograd.js";
import { fmtShape, normAxes, normAxis, sizeOf } from "../shape.js";
import type { Tensor } from "../tensor.js";
import { div, exp, log, mul, sub } from "./elementwise.js";
import { max, sum } from "./reduce.js";
import { concat, indexSelect, permute, reshape, slice } from "./shapeops.js";
import { arrayArg, tensorArg, zerosOf } from "./util.js";

/**
 * Mean over `axes` (all when omitted).
 * @example
 * mean(tensor([1, 2, 3])).item(); // 2
 */
export function mean(x: Tensor, axes?: number | readonly number[], keepdim = false): Tensor {
  tensorArg(x, "mean");
  const ax = normAxes(axes, x.ndim, "mean");
  const count = sizeOf(ax.map((a) => x.shape[a]!));
  return div(sum(x, ax, keepdim), count);
}

/**
 * x * x.
 * @example
 * square(tensor([3])).item(); // 9
 */
export function square(x: Tensor): Tensor {
  tensorArg(x, "square");
  return mul(x, x);
}

/**
 * Softmax along `axis` (shifted by the detached max for stability).
 * @example
 * softmax(tensor([0, 0])).toArray(); // [0.5, 0.5]
 */
export function softmax(x: Tensor, axis = -1): Tensor {
  tensorArg(x, "softmax");
  const m = noGrad(() => max(x, axis, true));
  const e = exp(sub(x, m));
  return div(e, sum(e, axis, true));
}

/**
 * log(softmax(x)) along `axis`, computed stably.
 * @example
 * logSoftmax(tensor([0, 0])).toArray(); // [-0.693..., -0.693...]
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  tensorArg(x, "logSoftmax");
  const m = noGrad(() => max(x, axis, true));
  const z = sub(x, m);
  return sub(z, log(sum(exp(z), axis, true)));
}

/**
 * Swaps two axes (default: the last two).
 * @example
 * transpose(zeros([2, 3])).shape; // [3, 2]
 */
export function transpose(x: Tensor, axis0 = -2, axis1 = -1): Tensor {
  tensorArg(x, "transpose");
  if (x.ndim < 2) return x;
  const a = normAxis(axis0, x.ndim, "transpose");
  const b = normAxis(axis1, x.ndim, "transpose");
  const axes = x.shape.map((_, i) => i);
  axes[a] = b;
  axes[b] = a;
  return permute(x, axes);
}

/**
 * Merges axes startAxis..endAxis into one.
 * @example
 * flatten(zeros([2, 3, 4]), 1).shape; // [2, 12]
 */
export function flatten(x: Tensor, startAxis = 0, endAxis = -1): Tensor {
  tensorArg(x, "flatten");
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normAxis(startAxis, x.ndim, "flatten");
  const e = normAxis(endAxis, x.ndim, "flatten");
  if (e < s)
    throw new ArgumentError(`flatten: endAxis ${endAxis} comes before startAxis ${startAxis}`);
  const shape = [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/**
 * Removes size-1 axes (or just `axis`).
 * @example
 * squeeze(zeros([1, 3, 1])).shape; // [3]
 */
export function squeeze(x: Tensor, axis?: number): Tensor {
  tensorArg(x, "squeeze");
  if (axis === undefined)
    return reshape(
      x,
      x.shape.filter((d) => d !== 1),
    );
  const a = normAxis(axis, x.ndim, "squeeze");
  if (x.shape[a] !== 1) return x;
  return reshape(
    x,
    x.shape.filter((_, i) => i !== a),
  );
}

/**
 * Inserts a size-1 axis at `axis`.
 * @example
 * unsqueeze(zeros([3]), 0).shape; // [1, 3]
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  tensorArg(x, "unsqueeze");
  const a = normAxis(axis, x.ndim + 1, "unsqueeze");
  const shape = [...x.shape];
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/**
 * Selects index `i` of the first axis (dropping it).
 * @example
 * index(tensor([[1, 2], [3, 4]]), 1).toArray(); // [3, 4]
 */
export function index(x: Tensor, i: number): Tensor {
  tensorArg(x, "index");
  if (x.ndim === 0) throw new ShapeError("index: cannot index a scalar tensor");
  return slice(x, [i]);
}

/**
 * Stacks equal-shaped tensors along a new axis.
 * @example
 * stack([tensor([1, 2]), tensor([3, 4])]).shape; // [2, 2]
 */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  for (const t of arrayArg(xs, "stack", "xs", "tensors")) tensorArg(t, "stack", "xs[i]");
  if (xs.length === 0) throw new ArgumentError("stack: needs at least one tensor");
  const first = xs[0]!;
  for (const t of xs) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError(
        `stack: shapes ${fmtShape(first.shape)} and ${fmtShape(t.shape)} differ`,
      );
    }
  }
  const a = normAxis(axis, first.ndim + 1, "stack");
  return concat(
    xs.map((t) => unsqueeze(t, a)),
    a,
  );
}

/**
 * Kronecker product of two vectors or two matrices.
 * @example
 * kron(eye(2), tensor([[1, 2], [3, 4]])).shape; // [4, 4]
 */
export function kron(a: Tensor, b: Tensor): Tensor {
  tensorArg(a, "kron", "a");
  tensorArg(b, "kron", "b");
  if (a.ndim !== b.ndim || a.ndim < 1 || a.ndim > 2) {
    throw new ShapeError(
      `kron: needs two vectors or two matrices, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  if (a.ndim === 1) return reshape(mul(reshape(a, [-1, 1]), reshape(b, [1, -1])), [-1]);
  const [m, n] = a.shape as [number, number];
  const [p, q] = b.shape as [number, number];
  return reshape(mul(reshape(a, [m, 1, n, 1]), reshape(b, [1, p, 1, q])), [m * p, n * q]);
}

/**
 * Outer product of two vectors (no conjugation).
 * @example
 * outer(tensor([1, 2]), tensor([3, 4])).toArray(); // [[3, 4], [6, 8]]
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  tensorArg(a, "outer", "a");
  tensorArg(b, "outer", "b");
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw new ShapeError(
      `outer: needs two vectors, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  return mul(reshape(a, [-1, 1]), reshape(b, [1, -1]));
}

/**
 * A matrix's diagonal as a vector, or a vector as a diagonal matrix.
 * @example
 * diag(tensor([1, 2])).toArray(); // [[1, 0], [0, 2]]
 */
export function diag(x: Tensor): Tensor {
  tensorArg(x, "diag");
  if (x.ndim === 1) {
    const n = x.shape[0]!;
    const e = zerosOf([n, n], "float64");
    for (let i = 0; i < n; i++) e.data[i * n + i] = 1;
    return mul(e, reshape(x, [1, n]));
  }
  if (x.ndim !== 2)
    throw new ShapeError(`diag: needs a vector or a matrix, got shape ${fmtShape(x.shape)}`);
  const [m, n] = x.shape as [number, number];
  const idx = Array.from({ length: Math.min(m, n) }, (_, i) => i * n + i);
  return indexSelect(reshape(x, [m * n]), 0, idx);
}

/**
 * Sum of a matrix's diagonal.
 * @example
 * trace(tensor([[1, 2], [3, 4]])).item(); // 5
 */
export function trace(x: Tensor): Tensor {
  tensorArg(x, "trace");
  if (x.ndim !== 2) throw new ShapeError(`trace: needs a matrix, got shape ${fmtShape(x.shape)}`);
  return sum(diag(x));
}
