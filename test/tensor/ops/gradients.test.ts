/**
 * gradcheck on every op, real and complex, on random shapes (fast-check), broadcasting included.
 * Autograd is compared with central finite differences of the forward op.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import type { Tensor } from "../../../src/tensor/index.js";
import * as T from "../../../src/tensor/index.js";
import { broadcastPairArb, expectGrad, fcOpts, rt, shapeArb } from "../helpers.js";

const seedArb = fc.integer({ min: 1, max: 1_000_000 });

describe("binary ops with broadcasting", () => {
  const cases: [string, (a: Tensor, b: Tensor) => Tensor, boolean][] = [
    ["add", T.add, true],
    ["sub", T.sub, true],
    ["mul", T.mul, true],
    ["div", T.div, true],
    ["pow", T.pow, false],
  ];
  for (const [name, f, complexToo] of cases) {
    for (const complex of complexToo ? [false, true] : [false]) {
      it(`${name} ${complex ? "complex128" : "float64"}`, () => {
        fc.assert(
          fc.property(broadcastPairArb, seedArb, ([sa, sb], seed) => {
            const pos = name === "pow" || name === "div";
            const a = rt(sa, seed, { complex, positive: pos });
            const b = rt(sb, seed + 1, { complex, positive: pos });
            expectGrad(f, [a, b]);
          }),
          fcOpts,
        );
      });
    }
  }
  it("mixed float64 and complex128 operands (real input gets the real part)", () => {
    fc.assert(
      fc.property(broadcastPairArb, seedArb, ([sa, sb], seed) => {
        const a = rt(sa, seed);
        const b = rt(sb, seed + 1, { complex: true, positive: true });
        expectGrad((x, y) => T.div(T.mul(x, y), y.add(x)), [a, b]);
      }),
      fcOpts,
    );
  });
  it("numbers as scalars", () => {
    const a = rt([2, 3], 5);
    expectGrad((x) => T.add(T.mul(x, 3), 1).div(2).sub(0.5).pow(2), [a]);
    expectGrad((x) => T.pow(2, x), [a]);
  });
});

describe("unary ops", () => {
  type U = [string, (x: Tensor) => Tensor, boolean, { positive?: boolean; awayFromZero?: boolean }];
  const cases: U[] = [
    ["neg", T.neg, true, {}],
    ["exp", T.exp, true, {}],
    ["log", T.log, true, { positive: true }],
    ["sqrt", T.sqrt, true, { positive: true }],
    ["abs", T.abs, true, { awayFromZero: true }],
    ["sin", T.sin, true, {}],
    ["cos", T.cos, true, {}],
    ["tanh", T.tanh, true, {}],
    ["sigmoid", T.sigmoid, true, {}],
    ["square", T.square, true, {}],
    ["pow 2.5 / 3", (x) => (x.isComplex ? T.pow(x, 3) : T.pow(x, 2.5)), true, { positive: true }],
    ["clone", T.clone, true, {}],
    ["conj", T.conj, true, {}],
    ["real", T.real, true, {}],
    ["imag", T.imag, true, {}],
    ["relu", T.relu, false, { awayFromZero: true }],
    ["leakyRelu", (x) => T.leakyRelu(x, 0.1), false, { awayFromZero: true }],
    ["gelu", T.gelu, false, {}],
    ["softplus", T.softplus, false, {}],
    ["clamp", (x) => T.clamp(x, -0.5, 0.5), false, {}],
    ["softmax", (x) => T.softmax(x, -1), false, {}],
    ["logSoftmax", (x) => T.logSoftmax(x, 0), false, {}],
  ];
  for (const [name, f, complexToo, dom] of cases) {
    for (const complex of complexToo ? [false, true] : [false]) {
      it(`${name} ${complex ? "complex128" : "float64"}`, () => {
        fc.assert(
          fc.property(shapeArb(1, 3), seedArb, (s, seed) => {
            expectGrad(f, [rt(s, seed, { ...dom, complex })]);
          }),
          fcOpts,
        );
      });
    }
  }
  it("complex(re, im)", () => {
    fc.assert(
      fc.property(broadcastPairArb, seedArb, ([sa, sb], seed) => {
        expectGrad(
          (re, im) => T.complex(re, im).mul(T.complex(im, re)),
          [rt(sa, seed), rt(sb, seed + 1)],
        );
      }),
      fcOpts,
    );
  });
});

describe("reductions over random axes", () => {
  const axesArb = shapeArb(1, 3).chain((s) =>
    fc.tuple(fc.constant(s), fc.subarray(s.map((_, i) => i)), fc.boolean()),
  );
  const cases: [string, (x: Tensor, ax: number[], k: boolean) => Tensor, boolean][] = [
    ["sum", (x, ax, k) => T.sum(x, ax, k), true],
    ["mean", (x, ax, k) => T.mean(x, ax, k), true],
    ["prod", (x, ax, k) => T.prod(x, ax, k), true],
    ["max", (x, ax, k) => T.max(x, ax.length ? ax : undefined, k), false],
    ["min", (x, ax, k) => T.min(x, ax.length ? ax : undefined, k), false],
  ];
  for (const [name, f, complexToo] of cases) {
    for (const complex of complexToo ? [false, true] : [false]) {
      it(`${name} ${complex ? "complex128" : "float64"}`, () => {
        fc.assert(
          fc.property(axesArb, seedArb, ([s, ax, k], seed) => {
            expectGrad((x) => f(x, ax, k), [rt(s, seed, { complex })]);
          }),
          fcOpts,
        );
      });
    }
  }
  it("prod with a zero element has the exact gradient", () => {
    const x = T.tensor([2, 0, 3], { requiresGrad: true });
    x.prod().backward();
    // d/dx_i prod = product of the others
    const g = x.grad!.toArray();
    if (g[0] !== 0 || g[1] !== 6 || g[2] !== 0) throw new Error(`got ${g}`);
  });
});

describe("shape ops", () => {
  for (const complex of [false, true]) {
    const dt = complex ? "complex128" : "float64";
    it(`reshape / transpose / permute / flatten / squeeze / unsqueeze / expand ${dt}`, () => {
      fc.assert(
        fc.property(shapeArb(2, 3), seedArb, (s, seed) => {
          const x = rt(s, seed, { complex });
          expectGrad((t) => t.reshape([-1]).mul(t.reshape([-1])), [x]);
          expectGrad((t) => t.transpose(0, -1).exp(), [x]);
          expectGrad((t) => t.permute([...t.shape.keys()].reverse()).sin(), [x]);
          expectGrad((t) => t.flatten(1).unsqueeze(0).squeeze(0).mul(2), [x]);
          expectGrad(
            (t) =>
              t
                .unsqueeze(0)
                .expand([2, ...t.shape])
                .mul(t),
            [x],
          );
        }),
        fcOpts,
      );
    });
    it(`slice / index / indexSelect / gather ${dt}`, () => {
      fc.assert(
        fc.property(shapeArb(2, 3), seedArb, (s, seed) => {
          const x = rt(s, seed, { complex });
          const last = s[s.length - 1]!;
          expectGrad(
            (t) => t.slice([null, [0, last, 2]]).mul(t.slice([null, [-1, undefined, -1]]).sum()),
            [x],
          );
          expectGrad((t) => t.index(-1).exp(), [x]);
          expectGrad((t) => t.indexSelect(-1, [0, 0, last - 1]).mul(3), [x]);
          const idx = T.tensor(
            Array.from({ length: s[0]! }, (_, i) =>
              Array.from({ length: 2 }, (_, j) => (i + j) % s[1]!),
            ),
          ).reshape([s[0]!, 2, ...s.slice(2).map(() => 1)]);
          expectGrad((t) => t.gather(1, idx).square(), [x]);
        }),
        fcOpts,
      );
    });
    it(`concat / stack / where ${dt}`, () => {
      fc.assert(
        fc.property(shapeArb(1, 3), seedArb, (s, seed) => {
          const a = rt(s, seed, { complex });
          const b = rt(s, seed + 1);
          expectGrad((x, y) => T.concat([x, y, x], 0).square(), [a, b]);
          expectGrad((x, y) => T.stack([x, y], -1).exp(), [a, b]);
          const cond = T.tensor(Array.from({ length: s[s.length - 1]! }, (_, i) => i % 2));
          expectGrad((x, y) => T.where(cond, x, y).mul(x), [a, b]);
        }),
        fcOpts,
      );
    });
  }
});

describe("linear algebra ops", () => {
  for (const complex of [false, true]) {
    const dt = complex ? "complex128" : "float64";
    it(`matmul batched with broadcast batch dims ${dt}`, () => {
      const arb = fc.tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        broadcastPairArb.map(([a, b]) => [a.slice(0, 2), b.slice(0, 2)]),
      );
      fc.assert(
        fc.property(arb, seedArb, ([m, k, n, [ba, bb]], seed) => {
          const a = rt([...ba!, m, k], seed, { complex });
          const b = rt([...bb!, k, n], seed + 1, { complex: !complex || seed % 2 === 0 });
          expectGrad(T.matmul, [a, b]);
        }),
        fcOpts,
      );
    });
    it(`matmul with vectors, mm with transposes ${dt}`, () => {
      const A = rt([3, 4], 1, { complex });
      const v = rt([4], 2, { complex });
      const w = rt([3], 3, { complex });
      expectGrad(T.matmul, [A, v]);
      expectGrad(T.matmul, [w, A]);
      expectGrad(T.matmul, [v, v]);
      const B = rt([5, 4], 4, { complex });
      const C = rt([3, 5], 5, { complex });
      for (const [ta, tb, x, y] of [
        [false, true, A, B],
        [true, false, A, C],
        [true, true, A, rt([5, 3], 6, { complex })],
      ] as const) {
        expectGrad((p, q) => T.mm(p, q, ta, tb), [x, y]);
      }
    });
    it(`kron / outer / trace / diag ${dt}`, () => {
      const A = rt([2, 3], 11, { complex });
      const B = rt([3, 2], 12, { complex });
      const v = rt([3], 13, { complex });
      const u = rt([2], 14, { complex });
      expectGrad(T.kron, [A, B]);
      expectGrad(T.kron, [v, u]);
      expectGrad(T.outer, [v, u]);
      expectGrad((m) => T.trace(m.matmul(m.transpose())), [A]);
      expectGrad(T.diag, [B]);
      expectGrad(T.diag, [v]);
    });
  }
});
