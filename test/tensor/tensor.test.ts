/** Tensor creation, conversion, printing and forward values against closed forms. */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import { Rng } from "../../src/random.js";
import * as T from "../../src/tensor/index.js";
import {
  arange,
  eye,
  fromData,
  full,
  linspace,
  ones,
  Parameter,
  rand,
  randn,
  Tensor,
  tensor,
  uniform,
  zeros,
} from "../../src/tensor/index.js";

describe("creation", () => {
  it("nested arrays, scalars, complex pairs and {re, im}", () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.shape).toEqual([2, 3]);
    expect(a.size).toBe(6);
    expect(a.ndim).toBe(2);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(3).item()).toBe(3);
    const z = tensor(
      [
        [1, 2],
        [3, -4],
      ],
      { dtype: "complex128" },
    );
    expect(z.shape).toEqual([2]);
    expect([...z.data]).toEqual([1, 2, 3, -4]);
    expect(z.toArray()).toEqual([
      [1, 2],
      [3, -4],
    ]);
    const w = tensor([{ re: 1, im: -1 }]);
    expect(w.dtype).toBe("complex128");
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([["a"]] as unknown as number[][])).toThrow(ArgumentError);
  });
  it("fromData wraps without copying; Parameter requires grad", () => {
    const d = new Float64Array([1, 2, 3, 4]);
    const t = fromData(d, [2, 2]);
    d[0] = 9;
    expect(t.toArray()[0][0]).toBe(9);
    expect(() => fromData(d, [3])).toThrow(/length 3/);
    const p = new Parameter(d, [4]);
    expect(p.requiresGrad).toBe(true);
    expect(new Parameter(t).shape).toEqual([2, 2]);
  });
  it("zeros, ones, full, eye, arange, linspace", () => {
    expect(zeros([2]).toArray()).toEqual([0, 0]);
    expect(ones([2], { dtype: "complex128" }).toArray()).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(arange(3).toArray()).toEqual([0, 1, 2]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(() => arange(0, 1, 0)).toThrow(ArgumentError);
  });
  it("random creators are seeded (seed or Rng) and have the right moments", () => {
    expect([...rand([5], { seed: 3 }).data]).toEqual([...rand([5], 3).data]);
    expect([...randn([5], new Rng(4)).data]).toEqual([...randn([5], { seed: 4 }).data]);
    const u = uniform([4000], -2, 2, { seed: 1 });
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-2);
    expect(T.mean(u).item()).toBeCloseTo(0, 1);
    const n = randn([4000], { seed: 2 });
    expect(T.mean(T.square(n)).item()).toBeCloseTo(1, 1);
  });
  it("toString and console.log show shape, dtype, autograd role and the leading values", () => {
    expect(String(tensor([1.5, 2]))).toBe("Tensor(shape=[2], dtype=float64) [1.5, 2]");
    expect(String(tensor([[1, -2]], { dtype: "complex128" }))).toBe(
      "Tensor(shape=[1], dtype=complex128) [1-2i]",
    );
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { requiresGrad: true },
    );
    expect(String(x)).toBe(
      "Tensor(shape=[2,3], dtype=float64, requiresGrad) [[1, 2, 3], [4, 5, 6]]",
    );
    expect(String(x.sum())).toBe("Tensor(shape=[], dtype=float64, gradFn=sum) 21");
    expect(String(arange(100))).toBe(
      "Tensor(shape=[100], dtype=float64) [0, 1, 2, 3, 4, 5, 6, 7, ...]",
    );
    // console.log goes through util.inspect: the same text, not the Float64Array and graph fields
    expect(inspect(x)).toBe(String(x));
    expect(inspect({ w: tensor([0.1234567]) })).toBe(
      "{ w: Tensor(shape=[1], dtype=float64) [0.123457] }",
    );
  });
});

describe("forward values", () => {
  it("complex elementwise ops match closed forms", () => {
    const z = tensor([[0, Math.PI]], { dtype: "complex128" });
    const e = T.exp(z).toArray()[0];
    expect(e[0]).toBeCloseTo(-1, 14);
    expect(e[1]).toBeCloseTo(0, 14);
    const s = T.sqrt(tensor([[-4, 0]], { dtype: "complex128" })).toArray()[0];
    expect(s).toEqual([0, 2]);
    const q = tensor([[1, 2]], { dtype: "complex128" });
    const prod = T.mul(q, q).toArray()[0]; // (1+2i)^2 = -3 + 4i
    expect(prod).toEqual([-3, 4]);
    const quo = T.div(q, tensor([[0, 1]], { dtype: "complex128" })).toArray()[0]; // (1+2i)/i = 2 - i
    expect(quo).toEqual([2, -1]);
    expect(T.abs(q).item()).toBeCloseTo(Math.sqrt(5), 15);
    const sinz = T.sin(q).toArray()[0];
    expect(sinz[0]).toBeCloseTo(Math.sin(1) * Math.cosh(2), 13);
    expect(sinz[1]).toBeCloseTo(Math.cos(1) * Math.sinh(2), 13);
    const th = T.tanh(q).toArray()[0]; // tanh = sinh/cosh, checked via exp
    const e2 = T.exp(T.mul(q, 2)).toArray()[0];
    const num = [e2[0] - 1, e2[1]];
    const den = [e2[0] + 1, e2[1]];
    const d2 = den[0] ** 2 + den[1] ** 2;
    expect(th[0]).toBeCloseTo((num[0] * den[0] + num[1] * den[1]) / d2, 13);
    expect(th[1]).toBeCloseTo((num[1] * den[0] - num[0] * den[1]) / d2, 13);
  });
  it("reductions, shape ops, kron, trace, diag", () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(T.sum(a, 0).toArray()).toEqual([4, 6]);
    expect(T.sum(a, 1, true).shape).toEqual([2, 1]);
    expect(T.mean(a).item()).toBe(2.5);
    expect(T.max(a, 0).toArray()).toEqual([3, 4]);
    expect(T.min(a).item()).toBe(1);
    expect(T.prod(a, 1).toArray()).toEqual([2, 12]);
    expect(T.transpose(a).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(T.kron(eye(2), a).toArray()).toEqual([
      [1, 2, 0, 0],
      [3, 4, 0, 0],
      [0, 0, 1, 2],
      [0, 0, 3, 4],
    ]);
    expect(T.trace(a).item()).toBe(5);
    expect(T.diag(a).toArray()).toEqual([1, 4]);
    expect(T.outer(tensor([1, 2]), tensor([3, 4])).toArray()).toEqual([
      [3, 4],
      [6, 8],
    ]);
    const x = arange(24).reshape([2, 3, 4]);
    expect(x.slice([1, [0, 3, 2], [-1]]).toArray()).toEqual([[15], [23]]);
    expect(x.slice([null, null, [undefined, undefined, -2]]).shape).toEqual([2, 3, 2]);
    expect(x.permute([2, 0, 1]).shape).toEqual([4, 2, 3]);
    expect(x.permute([2, 0, 1]).toArray()[3][1][2]).toBe(23);
    expect(x.indexSelect(1, [2, 0]).toArray()[0]).toEqual([
      [8, 9, 10, 11],
      [0, 1, 2, 3],
    ]);
    expect(T.gather(a, 1, [[1], [0]]).toArray()).toEqual([[2], [3]]);
    expect(T.concat([a, a], 1).toArray()[0]).toEqual([1, 2, 1, 2]);
    expect(T.stack([tensor([1, 2]), tensor([3, 4])], 1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(T.where(tensor([1, 0]), tensor([5, 6]), -1).toArray()).toEqual([5, -1]);
    expect(T.clamp(tensor([-2, 0.5, 3]), 0, 1).toArray()).toEqual([0, 0.5, 1]);
    expect(T.logSoftmax(tensor([1000, 1000])).toArray()).toEqual([-Math.LN2, -Math.LN2]);
    expect(T.softplus(tensor([-800, 800])).toArray()).toEqual([0, 800]);
  });
  it("batched matmul with broadcast batch dims equals per-matrix products", () => {
    const a = randn([2, 1, 3, 4], { seed: 1 });
    const b = randn([3, 4, 5], { seed: 2 });
    const c = T.matmul(a, b);
    expect(c.shape).toEqual([2, 3, 3, 5]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const want = T.matmul(a.index(i).index(0), b.index(j)).data;
        const got = c.index(i).index(j).data;
        got.forEach((v, k) => {
          expect(v).toBeCloseTo(want[k]!, 12);
        });
      }
    }
  });
  it("methods and functions agree, numbers act as scalars", () => {
    const x = tensor([1, 2, 3]);
    expect(x.add(1).mul(2).sub(x).div(2).toArray()).toEqual(
      T.div(T.sub(T.mul(T.add(x, 1), 2), x), 2).toArray(),
    );
    expect(x.pow(2).toArray()).toEqual([1, 4, 9]);
    expect(T.pow(2, x).toArray()).toEqual([2, 4, 8]);
    expect(x.neg().abs().toArray()).toEqual([1, 2, 3]);
    expect(x instanceof Tensor).toBe(true);
  });
});
