import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { expecVal } from "../../src/qml/expecval.js";
import { QNG } from "../../src/qml/qng.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { tensor } from "../../src/tensor/index.js";
import { SGD } from "../../src/tensor/optim/sgd.js";

/** RY(a) then RZ(b) on |0>: g = diag(1/4, sin^2(a) / 4). */
function rotations(a: number, b: number): Circuit {
  const c = new Circuit(1);
  c.ry(0, { param: tensor([[[a]]], { requiresGrad: true }) });
  c.rz(0, { param: tensor([[[b]]], { requiresGrad: true }) });
  return c;
}

describe("QNG", () => {
  it("steps by lr g^-1 grad: the analytic metric diag(1/4, sin^2 a / 4) of RY RZ", () => {
    const a = 0.9;
    const b = 0.4;
    const c = rotations(a, b);
    const H = "X0";
    const opt = new QNG(c, { lr: 0.1, regularization: 0 });
    opt.zeroGrad();
    expecVal(c.forward(), H).backward();
    const [pa, pb] = c.parameters();
    const ga = pa!.grad!.data[0]!;
    const gb = pb!.grad!.data[0]!;
    // <X> = sin a cos b
    expect(ga).toBeCloseTo(Math.cos(a) * Math.cos(b), 12);
    expect(gb).toBeCloseTo(-Math.sin(a) * Math.sin(b), 12);
    opt.step();
    expect(pa!.data[0]).toBeCloseTo(a - 0.1 * 4 * ga, 10);
    expect(pb!.data[0]).toBeCloseTo(b - (0.1 * 4 * gb) / Math.sin(a) ** 2, 10);
  });

  it("regularization shifts the diagonal, and the block-diagonal metric is used when asked", () => {
    const a = 0.9;
    const c = rotations(a, 0.4);
    const opt = new QNG(c, { lr: 0.1, regularization: 0.5, blockDiagonal: true });
    const [pa, pb] = c.parameters();
    const closure = () => {
      opt.zeroGrad();
      const loss = expecVal(c.forward(), "X0");
      loss.backward();
      return loss;
    };
    const grads: number[] = [];
    const loss = opt.step(() => {
      const l = closure();
      // remember the gradients before the step moves the parameters
      grads.push(pa!.grad!.data[0]!, pb!.grad!.data[0]!);
      return l;
    });
    expect(typeof loss).toBe("number");
    expect(pa!.data[0]).toBeCloseTo(a - (0.1 * grads[0]!) / (0.25 + 0.5), 10);
    expect(pb!.data[0]).toBeCloseTo(0.4 - (0.1 * grads[1]!) / (Math.sin(a) ** 2 / 4 + 0.5), 10);
  });

  it("converges in fewer steps than gradient descent with the same step size", () => {
    const run = (natural: boolean): number => {
      const c = new Circuit(2, { seed: 3 });
      c.ry("full");
      c.cnot([0, 1]);
      c.ry("full");
      const H = "0.5 Z0 Z1 + 0.8 X0 + 0.3 X1";
      const opt = natural ? new QNG(c, { lr: 0.1 }) : new SGD(c.parameters(), { lr: 0.1 });
      let last = Number.POSITIVE_INFINITY;
      for (let i = 1; i <= 1000; i++) {
        opt.zeroGrad();
        const e = expecVal(c.forward(), H);
        e.backward();
        const v = e.item();
        if (Math.abs(v - last) < 1e-10) return i;
        last = v;
        opt.step();
      }
      return 1000;
    };
    const natural = run(true);
    const plain = run(false);
    expect(natural).toBeLessThan(plain);
  });

  it("refuses a singular metric without regularization, and bad options", () => {
    const c = new Circuit(1, { seed: 1 });
    c.rz(0); // on |0> RZ only adds a phase: a zero row in the metric
    c.ry(0);
    const opt = new QNG(c, { regularization: 0 });
    expecVal(c.forward(), "Z0").backward();
    expect(() => opt.step()).toThrow(ArgumentError);
    expect(() => opt.step()).toThrow(/singular.*regularization/);
    const ok = new QNG(c, { regularization: 1e-3 });
    expect(() => ok.step()).not.toThrow();
    const empty = new Circuit(1);
    empty.h(0);
    expect(() => new QNG(empty)).toThrow(/no trainable parameters/);
    expect(() => new QNG({} as Circuit)).toThrow(/circuit must be a Circuit/);
    expect(() => new QNG(c, { regularization: -1 })).toThrow(/regularization/);
    expect(() => new QNG(c, { lr: 0.1, regularisation: 1 } as never)).toThrow(/regularization/);
  });
});
