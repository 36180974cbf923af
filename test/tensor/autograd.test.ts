/** The backward engine, the complex convention, customOp and the error paths. */
import { afterEach, describe, expect, it } from "vitest";
import { DtypeError, ShapeError } from "../../src/errors.js";
import * as T from "../../src/tensor/index.js";
import {
  AnomalyError,
  add,
  customOp,
  type Differentiable,
  detectAnomaly,
  fromData,
  type GradNode,
  isGradEnabled,
  matmul,
  mul,
  noGrad,
  randn,
  relu,
  setAnomalyDetection,
  type Tensor,
  tensor,
  zeros,
} from "../../src/tensor/index.js";
import { expectGrad, rt } from "./helpers.js";

afterEach(() => setAnomalyDetection(false));

describe("complex convention (PyTorch's)", () => {
  it("L = |z|^2 gives z.grad = 2z", () => {
    const z = rt([2, 3], 7, { complex: true });
    z.abs().square().sum().backward();
    const want = z.data.map((v) => 2 * v);
    expect([...z.grad!.data]).toEqual([...want].map((v) => expect.closeTo(v, 12)));
  });
  it("L = |z|^2 via z * conj(z) also gives 2z, and z - lr z.grad descends", () => {
    const z = rt([4], 3, { complex: true });
    T.real(T.mul(z, T.conj(z)))
      .sum()
      .backward();
    z.grad!.data.forEach((g, i) => {
      expect(g).toBeCloseTo(2 * z.data[i]!, 12);
    });
    const before = T.noGrad(() => z.abs().square().sum().item());
    const stepped = fromData(
      z.data.map((v, i) => v - 0.1 * z.grad!.data[i]!),
      z.shape,
      "complex128",
    );
    expect(stepped.abs().square().sum().item()).toBeLessThan(before);
  });
  it("the stored grad is dL/dx + i dL/dy (checked against finite differences on x and y)", () => {
    const z = rt([3], 9, { complex: true });
    // L = Re(c z^2) + Im(z) * 3 with a complex constant c
    const c = tensor([[0.3, -1.2]], { dtype: "complex128" });
    const f = (t: Tensor): Tensor =>
      T.add(T.real(T.mul(c, T.mul(t, t))), T.mul(T.imag(t), 3)).sum();
    f(z).backward();
    const h = 1e-6;
    for (let k = 0; k < z.data.length; k++) {
      const orig = z.data[k]!;
      z.data[k] = orig + h;
      const fp = noGrad(() => f(z).item());
      z.data[k] = orig - h;
      const fm = noGrad(() => f(z).item());
      z.data[k] = orig;
      expect(z.grad!.data[k]).toBeCloseTo((fp - fm) / (2 * h), 6);
    }
  });
  it("a custom holomorphic op w = c z passes back g conj(c) and matches the built-in mul", () => {
    const c = tensor([[0.5, 2]], { dtype: "complex128" });
    const z = rt([3], 4, { complex: true });
    const scale = (x: Tensor): Tensor =>
      customOp({
        name: "scale",
        inputs: [x],
        forward: () => T.mul(x, c),
        backward: (g) => [T.mul(g, T.conj(c))],
      });
    scale(z).abs().square().sum().backward();
    const viaCustom = [...z.grad!.data];
    z.grad = null;
    T.mul(z, c).abs().square().sum().backward();
    viaCustom.forEach((v, i) => {
      expect(v).toBeCloseTo(z.grad!.data[i]!, 12);
    });
    // and 2|c|^2 z analytically
    const c2 = 0.5 * 0.5 + 2 * 2;
    viaCustom.forEach((v, i) => {
      expect(v).toBeCloseTo(2 * c2 * z.data[i]!, 12);
    });
    expectGrad((x) => scale(x).exp(), [z]);
  });
});

/** A non-Tensor value type that sits in the graph (like the quantum State). */
class Box implements Differentiable {
  requiresGrad = false;
  gradFn: GradNode | null = null;
  grad: Tensor | null = null;
  constructor(readonly values: Float64Array) {}
}

describe("customOp", () => {
  const toBox = (x: Tensor): Box =>
    customOp({
      name: "toBox",
      inputs: [x],
      forward: () => new Box(x.data.map((v) => 2 * v)),
      backward: (g) => [T.mul(g, 2)],
    });
  const normSq = (b: Box): Tensor =>
    customOp({
      name: "normSq",
      inputs: [b],
      forward: () => tensor(b.values.reduce((s, v) => s + v * v, 0)),
      backward: (g, _out) => [
        fromData(
          b.values.map((v) => 2 * v * g.item()),
          [b.values.length],
        ),
      ],
    });

  it("a non-Tensor Differentiable in the middle of a graph", () => {
    const x = rt([5], 1);
    const y = T.mul(x, 3); // Tensor -> Box -> Tensor, then more ops
    const loss = T.add(normSq(toBox(y)), T.sum(x));
    loss.backward();
    // L = sum((6x)^2) + sum(x) -> dL/dx = 72 x + 1
    x.grad!.data.forEach((g, i) => {
      expect(g).toBeCloseTo(72 * x.data[i]! + 1, 10);
    });
    expectGrad((t) => normSq(toBox(t.mul(3))), [x]);
  });
  it("a non-Tensor leaf that requires grad receives .grad", () => {
    const b = new Box(new Float64Array([1, 2, 3]));
    b.requiresGrad = true;
    normSq(b).backward();
    expect([...b.grad!.data]).toEqual([2, 4, 6]);
  });
  it("records nothing when no input requires grad or under noGrad", () => {
    const x = rt([2], 2);
    expect(noGrad(() => normSq(toBox(x))).gradFn).toBeNull();
    expect(normSq(toBox(x.detach())).requiresGrad).toBe(false);
    expect(isGradEnabled()).toBe(true);
  });
  it("a backward returning the wrong number of gradients is reported", () => {
    const x = rt([2], 2);
    const bad = customOp({
      name: "bad",
      inputs: [x],
      forward: () => T.mul(x, 1),
      backward: () => [],
    });
    expect(() => bad.sum().backward()).toThrow(/bad.*0 gradients for 1 inputs/);
  });
});

describe("engine", () => {
  it("accumulates over backward calls and over shared uses; zeroGrad clears", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = T.mul(x, x).add(x); // x used three times
    y.sum().backward();
    expect(x.grad!.toArray()).toEqual([3, 5]);
    T.mul(x, 2).sum().backward();
    expect(x.grad!.toArray()).toEqual([5, 7]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });
  it("backward(gradient) for a non-scalar output", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    T.mul(x, x).backward(tensor([1, 0, 2]));
    expect(x.grad!.toArray()).toEqual([2, 0, 12]);
  });
  it("broadcast gradients are summed to the input's shape", () => {
    const a = rt([3, 1], 1);
    const b = rt([4], 2);
    T.mul(a, b).sum().backward();
    expect(a.grad!.shape).toEqual([3, 1]);
    expect(b.grad!.shape).toEqual([4]);
    const sb = b.data.reduce((s, v) => s + v, 0);
    a.grad!.data.forEach((g) => {
      expect(g).toBeCloseTo(sb, 12);
    });
  });
  it("is iterative: a 50,000-op chain does not overflow the stack", () => {
    const x = tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 50_000; i++) y = T.add(y, 1e-6);
    y.sum().backward();
    expect(x.grad!.item()).toBe(1);
  });
  it("noGrad and detach cut the graph", () => {
    const x = tensor([2], { requiresGrad: true });
    const y = noGrad(() => T.mul(x, x));
    expect(y.requiresGrad).toBe(false);
    const z = T.add(T.mul(x.detach(), x), 0);
    z.sum().backward();
    expect(x.grad!.item()).toBe(2); // d/dx (c x) with c = x detached
  });
  it("non-leaf tensors keep no .grad", () => {
    const x = tensor([1], { requiresGrad: true });
    const h = T.mul(x, 2);
    h.sum().backward();
    expect(h.grad).toBeNull();
  });
});

describe("bad inputs", () => {
  it("shape mismatch names both shapes (ShapeError)", () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(ShapeError);
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(/\[2, 3\].*\[4\]/);
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow(/\[2, 3\].*\[4, 5\]/);
    expect(() => T.reshape(zeros([2, 3]), [4])).toThrow(ShapeError);
    expect(() => T.concat([zeros([2, 3]), zeros([2, 4])], 0)).toThrow(/\[2, 3\].*\[2, 4\]/);
  });
  it("dtype mismatch (DtypeError)", () => {
    const z = zeros([2], { dtype: "complex128" });
    expect(() => relu(z)).toThrow(DtypeError);
    expect(() => T.max(z)).toThrow(DtypeError);
    expect(() => T.complex(z, zeros([2]))).toThrow(DtypeError);
    expect(() => T.pow(z, zeros([2]))).toThrow(DtypeError);
    expect(() => tensor([[1, 2, 3]], { dtype: "complex128" })).toThrow(ShapeError);
  });
  it("backward on a non-scalar without a gradient", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => mul(x, 2).backward()).toThrow(/shape \[2\].*backward\(gradient\)/);
    expect(() => tensor([1]).backward()).toThrow(/does not require grad/);
    const z = tensor([[1, 1]], { dtype: "complex128", requiresGrad: true });
    expect(() => T.mul(z, z).sum().backward()).toThrow(/complex output needs an explicit gradient/);
  });
  it("anomaly detection finds NaN/Infinity in forward values and in gradients", () => {
    const neg = tensor([-1], { requiresGrad: true });
    expect(() => T.log(neg)).not.toThrow(); // off by default
    setAnomalyDetection(true);
    expect(() => T.log(neg)).toThrow(AnomalyError);
    expect(() => T.log(neg)).toThrow(/"log"/);
    setAnomalyDetection(false);
    const x = tensor([0], { requiresGrad: true });
    const y = T.sqrt(x).sum(); // forward 0 is fine, d sqrt at 0 is Infinity
    expect(() => detectAnomaly(() => y.backward())).toThrow(/backward of "sqrt"/);
  });
});

describe("randomized values agree with plain loops", () => {
  it("matmul equals a naive triple loop, all transposes, odd sizes", () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [5, 7, 3],
      [13, 300, 9],
      [6, 2, 600],
    ] as const) {
      const a = randn([m, k], { seed: m });
      const b = randn([k, n], { seed: n });
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++)
          for (let p = 0; p < k; p++) want[i * n + j] += a.data[i * k + p]! * b.data[p * n + j]!;
      const check = (c: Tensor): void => {
        c.data.forEach((v, i) => {
          expect(v).toBeCloseTo(want[i]!, 9);
        });
      };
      check(matmul(a, b));
      check(T.mm(a, b.transpose(), false, true));
      check(T.mm(a.transpose(), b, true, false));
      check(T.mm(a.transpose(), b.transpose(), true, true));
    }
  });
});

describe("gradcheck itself", () => {
  it("reports a wrong gradient rule, real and complex", () => {
    for (const complex of [false, true]) {
      const x = rt([3], 1, { complex });
      const wrong = (t: Tensor): Tensor =>
        customOp({
          name: "wrong",
          inputs: [t],
          forward: () => T.mul(t, t),
          backward: (g) => [T.mul(g, t)],
        }); // misses the 2
      const r = T.gradcheck(wrong, [x]);
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/input 0, element 0/);
    }
  });
});
