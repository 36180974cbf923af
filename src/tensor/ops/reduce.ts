/**
 * Reductions over axes (sum, max, min, prod) with keepdim, forward and gradient side by side.
 * Each builds the map "input element -> output element" once with an odometer, so any set of
 * axes reduces in one pass.
 */
import { ShapeError } from "../../errors.js";
import { fmtShape, normAxes, odometer, sizeOf, stridesOf } from "../shape.js";
import { Tensor } from "../tensor.js";
import { mul } from "./elementwise.js";
import { type GradRule, record } from "./record.js";
import { requireReal, tensorArg } from "./util.js";

/** The axes a reduction runs over: one axis, several, or undefined for all of them. */
export type Axes = number | readonly number[] | undefined;

interface Plan {
  axes: number[];
  keepShape: number[];
  outShape: number[];
  outIdx: Int32Array;
}

function plan(x: Tensor, axesIn: Axes, keepdim: boolean, op: string): Plan {
  const axes = normAxes(axesIn, x.ndim, op);
  const keepShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outShape = keepdim ? keepShape : x.shape.filter((_, i) => !axes.includes(i));
  const ks = stridesOf(keepShape);
  const st = x.shape.map((_, i) => (axes.includes(i) ? 0 : ks[i]!));
  const outIdx = new Int32Array(x.size);
  odometer(x.shape, st, outIdx);
  return { axes, keepShape, outShape, outIdx };
}

/** Broadcasts a reduced cotangent back over the input's shape. */
function spread(g: Tensor, p: Plan, x: Tensor): Tensor {
  const c = g.dtype === "complex128";
  const gd = g.data;
  const o = new Float64Array(c ? 2 * x.size : x.size);
  const idx = p.outIdx;
  if (c) {
    for (let i = 0; i < idx.length; i++) {
      o[2 * i] = gd[2 * idx[i]];
      o[2 * i + 1] = gd[2 * idx[i] + 1];
    }
  } else for (let i = 0; i < idx.length; i++) o[i] = gd[idx[i]];
  return new Tensor(o, x.shape, g.dtype);
}

/**
 * Sum over `axes` (all when omitted); `keepdim` keeps reduced axes as size 1.
 * @example
 * sum(tensor([[1, 2], [3, 4]]), 0).toArray(); // [4, 6]
 */
export function sum(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  tensorArg(x, "sum");
  const p = plan(x, axes, keepdim, "sum");
  const c = x.dtype === "complex128";
  const n = sizeOf(p.outShape);
  const o = new Float64Array(c ? 2 * n : n);
  const d = x.data;
  const idx = p.outIdx;
  if (c) {
    for (let i = 0; i < idx.length; i++) {
      o[2 * idx[i]] += d[2 * i];
      o[2 * idx[i] + 1] += d[2 * i + 1];
    }
  } else for (let i = 0; i < idx.length; i++) o[idx[i]] += d[i];
  return record("sum", [x], new Tensor(o, p.outShape, x.dtype), p);
}

function extreme(x: Tensor, axes: Axes, keepdim: boolean, op: "max" | "min"): Tensor {
  requireReal(x, op);
  if (x.size === 0)
    throw new ShapeError(`${op}: cannot reduce an empty tensor of shape ${fmtShape(x.shape)}`);
  const p = plan(x, axes, keepdim, op);
  const n = sizeOf(p.outShape);
  const o = new Float64Array(n).fill(
    op === "max" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
  );
  const arg = new Int32Array(n).fill(-1);
  const d = x.data;
  const idx = p.outIdx;
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i];
    const v = d[i];
    if (arg[j] < 0 || (op === "max" ? v > o[j] : v < o[j]) || Number.isNaN(v)) {
      if (!Number.isNaN(o[j]) || arg[j] < 0) {
        o[j] = v;
        arg[j] = i;
      }
    }
  }
  return record(op, [x], new Tensor(o, p.outShape), arg);
}

/**
 * Maximum over `axes` (all when omitted); the gradient goes to the first maximal element.
 * @example
 * max(tensor([[1, 5], [3, 2]]), 1).toArray(); // [5, 3]
 */
export function max(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  tensorArg(x, "max");
  return extreme(x, axes, keepdim, "max");
}
/**
 * Minimum over `axes` (all when omitted).
 * @example
 * min(tensor([[1, 5], [3, 2]]), 1).toArray(); // [1, 2]
 */
export function min(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  tensorArg(x, "min");
  return extreme(x, axes, keepdim, "min");
}

/**
 * Indices of the maxima along `axis` of a matrix-like tensor, flattened (not differentiable).
 * @example
 * argmax(tensor([[1, 5], [3, 2]]), 1); // [1, 0]
 */
export function argmax(x: Tensor, axis: number): number[] {
  tensorArg(x, "argmax");
  requireReal(x, "argmax");
  const [a] = normAxes(axis, x.ndim, "argmax");
  const dim = x.shape[a!]!;
  const inner = sizeOf(x.shape.slice(a! + 1));
  const outer = sizeOf(x.shape.slice(0, a));
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      let best = 0;
      let bv = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < dim; j++) {
        const v = x.data[(o * dim + j) * inner + k];
        if (v > bv) {
          bv = v;
          best = j;
        }
      }
      out.push(best);
    }
  }
  return out;
}

/**
 * Product over `axes` (all when omitted); complex too. The gradient is exact at zeros
 * (products of the other elements, not out / x).
 * @example
 * prod(tensor([2, 3, 4])).item(); // 24
 */
export function prod(x: Tensor, axes?: Axes, keepdim = false): Tensor {
  tensorArg(x, "prod");
  const p = plan(x, axes, keepdim, "prod");
  const c = x.dtype === "complex128";
  const n = sizeOf(p.outShape);
  const o = new Float64Array(c ? 2 * n : n);
  const d = x.data;
  const idx = p.outIdx;
  if (c) {
    for (let j = 0; j < n; j++) o[2 * j] = 1;
    for (let i = 0; i < idx.length; i++) {
      const j = 2 * idx[i];
      const re = o[j] * d[2 * i] - o[j + 1] * d[2 * i + 1];
      o[j + 1] = o[j] * d[2 * i + 1] + o[j + 1] * d[2 * i];
      o[j] = re;
    }
  } else {
    o.fill(1);
    for (let i = 0; i < idx.length; i++) o[idx[i]] *= d[i];
  }
  return record("prod", [x], new Tensor(o, p.outShape, x.dtype), p);
}

/** For each element, the product of the other elements of its group (prefix x suffix). */
function othersProduct(x: Tensor, p: Plan): Tensor {
  const c = x.dtype === "complex128";
  const w = c ? 2 : 1;
  const idx = p.outIdx;
  const nOut = sizeOf(p.keepShape);
  // group members in order (counting sort by output index)
  const start = new Int32Array(nOut + 1);
  for (let i = 0; i < idx.length; i++) start[idx[i] + 1]++;
  for (let j = 0; j < nOut; j++) start[j + 1] += start[j];
  const fill = start.slice(0, nOut);
  const members = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) members[fill[idx[i]]++] = i;
  const d = x.data;
  const out = new Float64Array(d.length);
  for (let j = 0; j < nOut; j++) {
    // prefix pass writes the product of earlier elements, suffix pass multiplies the later ones
    let pr = 1;
    let pi = 0;
    for (let m = start[j]; m < start[j + 1]; m++) {
      const i = members[m];
      out[w * i] = pr;
      if (c) out[w * i + 1] = pi;
      const xr = d[w * i];
      const xi = c ? d[w * i + 1] : 0;
      const nr = pr * xr - pi * xi;
      pi = pr * xi + pi * xr;
      pr = nr;
    }
    let sr = 1;
    let si = 0;
    for (let m = start[j + 1] - 1; m >= start[j]; m--) {
      const i = members[m];
      const ar = out[w * i];
      const ai = c ? out[w * i + 1] : 0;
      out[w * i] = ar * sr - ai * si;
      if (c) out[w * i + 1] = ar * si + ai * sr;
      const xr = d[w * i];
      const xi = c ? d[w * i + 1] : 0;
      const nr = sr * xr - si * xi;
      si = sr * xi + si * xr;
      sr = nr;
    }
  }
  return new Tensor(out, x.shape, x.dtype);
}

/** The gradient rules of this file. */
export const reduceRules: Record<"sum" | "max" | "min" | "prod", GradRule> = {
  sum: (g, { inputs: [x], attrs }) => [spread(g, attrs as Plan, x!)],
  max: (g, { inputs: [x], attrs }) => [pick(g, attrs as Int32Array, x!)],
  min: (g, { inputs: [x], attrs }) => [pick(g, attrs as Int32Array, x!)],
  prod: (g, { inputs: [x], attrs }) => {
    const others = othersProduct(x!, attrs as Plan);
    const conjOthers = x!.dtype === "complex128" ? others.conj() : others;
    return [mul(spread(g, attrs as Plan, x!), conjOthers)];
  },
};

function pick(g: Tensor, arg: Int32Array, x: Tensor): Tensor {
  const o = new Float64Array(x.size);
  for (let j = 0; j < arg.length; j++) if (arg[j] >= 0) o[arg[j]] += g.data[j];
  return new Tensor(o, x.shape);
}
