/**
 * Shape primitives: reshape (shares data), permute, expand (broadcast), slice, indexSelect,
 * gather and concat. Forward builds a gather map (output element -> input element); backward
 * scatters the cotangent through the same map.
 */
import { ArgumentError, DtypeError, ShapeError } from "../../errors.js";
import { type Nested, tensor } from "../creation.js";
import {
  broadcastIndex,
  broadcastShapes,
  fmtShape,
  normAxis,
  odometer,
  sameShape,
  sizeOf,
  stridesOf,
} from "../shape.js";
import { type SliceSpec, Tensor } from "../tensor.js";
import { type GradRule, record } from "./record.js";
import { sum } from "./reduce.js";
import { arrayArg, gatherData, scatterAdd, tensorArg, zerosOf } from "./util.js";

/**
 * Same data, new shape (one axis may be -1). Shares the data array.
 * @example
 * reshape(tensor([1, 2, 3, 4]), [2, -1]).shape; // [2, 2]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  tensorArg(x, "reshape");
  arrayArg(shape, "reshape", "shape", "integers");
  const s = [...shape];
  const free = s.indexOf(-1);
  if (free >= 0) {
    const rest = sizeOf(s.filter((_, i) => i !== free));
    if (rest === 0 || x.size % rest !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${fmtShape(x.shape)} into ${fmtShape(shape)}`);
    }
    s[free] = x.size / rest;
  }
  if (s.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(s) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${fmtShape(x.shape)} (size ${x.size}) into ${fmtShape(shape)}`,
    );
  }
  if (sameShape(s, x.shape)) return x;
  return record("reshape", [x], new Tensor(x.data, s, x.dtype));
}

/**
 * Reorders the axes.
 * @example
 * permute(zeros([2, 3, 4]), [2, 0, 1]).shape; // [4, 2, 3]
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  tensorArg(x, "permute");
  arrayArg(axes, "permute", "axes", "axes");
  const n = x.ndim;
  const ax = axes.map((a) => normAxis(a, n, "permute"));
  if (ax.length !== n || new Set(ax).size !== n) {
    throw new ArgumentError(
      `permute: axes ${JSON.stringify(axes)} are not a permutation of ${n} axes`,
    );
  }
  if (ax.every((a, i) => a === i)) return x;
  const st = stridesOf(x.shape);
  const shape = ax.map((a) => x.shape[a]!);
  const map = new Int32Array(x.size);
  odometer(
    shape,
    ax.map((a) => st[a]!),
    map,
  );
  return record(
    "permute",
    [x],
    new Tensor(gatherData(x.data, map, x.isComplex), shape, x.dtype),
    ax,
  );
}

/**
 * Broadcasts to `shape` (copies).
 * @example
 * expand(tensor([1, 2]), [3, 2]).shape; // [3, 2]
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  tensorArg(x, "expand");
  arrayArg(shape, "expand", "shape", "integers");
  const out = broadcastShapes(x.shape, shape, "expand");
  if (!sameShape(out, shape)) {
    throw new ShapeError(
      `expand: shape ${fmtShape(x.shape)} cannot be expanded to ${fmtShape(shape)}`,
    );
  }
  if (sameShape(x.shape, shape)) return x;
  const d = gatherData(x.data, broadcastIndex(shape, x.shape), x.isComplex);
  return record("expand", [x], new Tensor(d, shape, x.dtype));
}

/**
 * Sums a broadcast tensor down to `shape` (the adjoint of expand).
 * @example
 * sumTo(ones([3, 2]), [2]).toArray(); // [3, 3]
 */
export function sumTo(x: Tensor, shape: readonly number[], op = "sumTo"): Tensor {
  tensorArg(x, op);
  arrayArg(shape, op, "shape", "integers");
  if (sameShape(x.shape, shape)) return x;
  const lead = x.ndim - shape.length;
  if (lead < 0)
    throw new ShapeError(`${op}: cannot sum ${fmtShape(x.shape)} down to ${fmtShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < x.ndim; i++) {
    if (i < lead) axes.push(i);
    else if (shape[i - lead] === 1 && x.shape[i] !== 1) axes.push(i);
    else if (shape[i - lead] !== x.shape[i]) {
      throw new ShapeError(`${op}: cannot sum ${fmtShape(x.shape)} down to ${fmtShape(shape)}`);
    }
  }
  return reshape(sum(x, axes, true), shape);
}

/**
 * NumPy-style basic indexing, one spec per leading axis: a number selects that index and drops
 * the axis (negative counts from the end); `[start, stop, step]` keeps it; null keeps all.
 * @example
 * slice(tensor([[1, 2, 3], [4, 5, 6]]), [null, [1, 3]]).toArray(); // [[2, 3], [5, 6]]
 */
export function slice(x: Tensor, specs: readonly SliceSpec[]): Tensor {
  tensorArg(x, "slice");
  arrayArg(specs, "slice", "specs", "slice specs");
  if (specs.length > x.ndim) {
    throw new ShapeError(`slice: ${specs.length} specs for a tensor of shape ${fmtShape(x.shape)}`);
  }
  const st = stridesOf(x.shape);
  let base = 0;
  const shape: number[] = [];
  const strides: number[] = [];
  const keep: number[] = [];
  for (let a = 0; a < x.ndim; a++) {
    const dim = x.shape[a]!;
    const sp = specs[a] ?? null;
    if (typeof sp === "number") {
      const i = sp < 0 ? sp + dim : sp;
      if (!Number.isInteger(sp) || i < 0 || i >= dim) {
        throw new ArgumentError(`slice: index ${sp} is out of range for axis ${a} of size ${dim}`);
      }
      base += i * st[a]!;
      shape.push(1);
      strides.push(0);
      continue;
    }
    const step = sp?.[2] ?? 1;
    if (!Number.isInteger(step) || step === 0)
      throw new ArgumentError(`slice: step must be a nonzero integer, got ${step}`);
    const norm = (v: number | undefined, dflt: number): number => {
      if (v === undefined) return dflt;
      const w = v < 0 ? v + dim : v;
      return step > 0 ? Math.min(Math.max(w, 0), dim) : Math.min(Math.max(w, -1), dim - 1);
    };
    const start = norm(sp?.[0], step > 0 ? 0 : dim - 1);
    const stop = norm(sp?.[1], step > 0 ? dim : -1);
    const len = Math.max(0, Math.ceil((stop - start) / step));
    base += start * st[a]!;
    shape.push(len);
    strides.push(st[a]! * step);
    keep.push(a);
  }
  const map = new Int32Array(sizeOf(shape));
  odometer(shape, strides, map, base);
  const outShape = keep.map((a) => shape[a]!);
  return record(
    "slice",
    [x],
    new Tensor(gatherData(x.data, map, x.isComplex), outShape, x.dtype),
    map,
  );
}

function checkIndex(i: number, dim: number, what: string): number {
  const j = i < 0 ? i + dim : i;
  if (!Number.isInteger(i) || j < 0 || j >= dim) {
    throw new ArgumentError(`${what}: index ${i} is out of range for an axis of size ${dim}`);
  }
  return j;
}

/**
 * Picks the entries `indices` along `axis` (repeats allowed; the gradient adds them up).
 * @example
 * indexSelect(tensor([[1, 2], [3, 4]]), 0, [1, 1]).toArray(); // [[3, 4], [3, 4]]
 */
export function indexSelect(x: Tensor, axis: number, indices: readonly number[]): Tensor {
  tensorArg(x, "indexSelect");
  arrayArg(indices, "indexSelect", "indices", "integers");
  const a = normAxis(axis, x.ndim, "indexSelect");
  const dim = x.shape[a]!;
  const idx = indices.map((i) => checkIndex(i, dim, "indexSelect"));
  const outer = sizeOf(x.shape.slice(0, a));
  const inner = sizeOf(x.shape.slice(a + 1));
  const map = new Int32Array(outer * idx.length * inner);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (const j of idx) {
      const off = (o * dim + j) * inner;
      for (let p = 0; p < inner; p++) map[k++] = off + p;
    }
  }
  const shape = [...x.shape];
  shape[a] = idx.length;
  return record(
    "indexSelect",
    [x],
    new Tensor(gatherData(x.data, map, x.isComplex), shape, x.dtype),
    map,
  );
}

/**
 * PyTorch's gather: `out[i][j][k] = x[i][index[i][j][k]][k]` for axis 1. `index` has the same
 * number of dimensions as `x` (integers, as a float64 tensor or nested arrays).
 * @example
 * gather(tensor([[1, 2], [3, 4]]), 1, [[1], [0]]).toArray(); // [[2], [3]]
 */
export function gather(x: Tensor, axis: number, index: Tensor | readonly unknown[]): Tensor {
  tensorArg(x, "gather");
  const a = normAxis(axis, x.ndim, "gather");
  const it = index instanceof Tensor ? index : tensor(index as Nested);
  if (it.dtype !== "float64")
    throw new DtypeError("gather: index must be a real (integer-valued) tensor");
  if (it.ndim !== x.ndim || it.shape.some((d, i) => i !== a && d > x.shape[i]!)) {
    throw new ShapeError(
      `gather: index shape ${fmtShape(it.shape)} does not fit input shape ${fmtShape(x.shape)} on axis ${a}`,
    );
  }
  const st = stridesOf(x.shape);
  const map = new Int32Array(it.size);
  odometer(
    it.shape,
    st.map((s, i) => (i === a ? 0 : s)),
    map,
  );
  const dim = x.shape[a]!;
  for (let i = 0; i < map.length; i++) map[i] += checkIndex(it.data[i], dim, "gather") * st[a]!;
  return record(
    "gather",
    [x],
    new Tensor(gatherData(x.data, map, x.isComplex), it.shape, x.dtype),
    map,
  );
}

/**
 * Joins tensors along an existing axis (dtypes promote to complex if any is complex).
 * @example
 * concat([tensor([1]), tensor([2, 3])], 0).toArray(); // [1, 2, 3]
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  for (const t of arrayArg(xs, "concat", "xs", "tensors")) tensorArg(t, "concat", "xs[i]");
  if (xs.length === 0) throw new ArgumentError("concat: needs at least one tensor");
  const first = xs[0]!;
  const a = normAxis(axis, first.ndim, "concat");
  const complex = xs.some((t) => t.isComplex);
  const parts = xs.map((t) => (complex ? t.toComplex() : t));
  for (const t of parts) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError(
        `concat: shapes ${fmtShape(first.shape)} and ${fmtShape(t.shape)} differ outside axis ${a}`,
      );
    }
  }
  const w = complex ? 2 : 1;
  const outer = sizeOf(first.shape.slice(0, a));
  const inner = sizeOf(first.shape.slice(a + 1)) * w;
  const total = parts.reduce((s, t) => s + t.shape[a]!, 0);
  const o = new Float64Array(outer * total * inner);
  let off = 0;
  for (const t of parts) {
    const chunk = t.shape[a]! * inner;
    for (let q = 0; q < outer; q++)
      o.set(t.data.subarray(q * chunk, (q + 1) * chunk), q * total * inner + off);
    off += chunk;
  }
  const shape = [...first.shape];
  shape[a] = total;
  return record("concat", parts, new Tensor(o, shape, complex ? "complex128" : "float64"), {
    a,
    outer,
    inner,
    total,
  });
}

function scatterBack(g: Tensor, x: Tensor, map: Int32Array): Tensor {
  const out = zerosOf(x.shape, g.dtype);
  scatterAdd(out.data, map, g.data, g.isComplex);
  return out;
}

/** The gradient rules of this file. */
export const shapeRules: Record<
  "reshape" | "permute" | "expand" | "slice" | "indexSelect" | "gather" | "concat",
  GradRule
> = {
  reshape: (g, { inputs: [x] }) => [reshape(g, x!.shape)],
  permute: (g, { attrs }) => {
    const ax = attrs as number[];
    const inv = new Array<number>(ax.length);
    ax.forEach((a, i) => {
      inv[a] = i;
    });
    return [permute(g, inv)];
  },
  expand: (g) => [g],
  slice: (g, { inputs: [x], attrs }) => [scatterBack(g, x!, attrs as Int32Array)],
  indexSelect: (g, { inputs: [x], attrs }) => [scatterBack(g, x!, attrs as Int32Array)],
  gather: (g, { inputs: [x], attrs }) => [scatterBack(g, x!, attrs as Int32Array)],
  concat: (g, { inputs, attrs }) => {
    const { a, outer, total } = attrs as { a: number; outer: number; total: number };
    const w = g.isComplex ? 2 : 1;
    const inner = (g.size / (outer * total)) * w;
    let off = 0;
    return inputs.map((t) => {
      const chunk = t.shape[a]! * inner;
      const d = new Float64Array(outer * chunk);
      for (let q = 0; q < outer; q++)
        d.set(g.data.subarray(q * total * inner + off, q * total * inner + off + chunk), q * chunk);
      off += chunk;
      return new Tensor(d, t.shape, g.dtype);
    });
  },
};
