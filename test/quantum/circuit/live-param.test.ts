import { describe, expect, it } from "vitest";
import { ArgumentError, QoarError } from "../../../src/errors.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { parameterShift } from "../../../src/qml/paramshift.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { Adam, noGrad, Parameter, type Tensor, tensor } from "../../../src/tensor/index.js";

const H = Hamiltonian.fromString("0.7 Z0 Z1 - 0.4 X0 + 0.3 Y1");

/** Central differences of `loss` with respect to every entry of `t`. */
function centralDifferences(loss: () => Tensor, t: Tensor, h = 1e-6): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.size; i++) {
    const x = t.data[i]!;
    t.data[i] = x + h;
    const up = noGrad(loss).item();
    t.data[i] = x - h;
    const down = noGrad(loss).item();
    t.data[i] = x;
    out.push((up - down) / (2 * h));
  }
  return out;
}

describe("Parameter from plain numbers and arrays", () => {
  it("new Parameter([0.5]), a number and nested arrays are float64 data of the inferred shape", () => {
    const p = new Parameter([0.5]);
    expect(p.shape).toEqual([1]);
    expect([...p.data]).toEqual([0.5]);
    expect(p.requiresGrad).toBe(true);
    expect(new Parameter(2).shape).toEqual([]);
    const m = new Parameter([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(m.shape).toEqual([2, 3]);
    expect(m.dtype).toBe("float64");
    expect([...m.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Parameter([1, 2, 3, 4], [2, 2]).shape).toEqual([2, 2]);
  });

  it("a Parameter made from an array trains like any other (c.ry with it, Adam steps it)", () => {
    const theta = new Parameter([0.5, 1.5]);
    const c = new Circuit(2, { seed: 1 });
    c.ry("full", { param: theta });
    c.cnot([0, 1]);
    const opt = new Adam(c.parameters(), { lr: 0.1 });
    const before = expecVal(c.forward(), H).item();
    for (let i = 0; i < 20; i++) {
      opt.zeroGrad();
      expecVal(c.forward(), H).backward();
      opt.step();
    }
    expect(expecVal(c.forward(), H).item()).toBeLessThan(before);
  });

  it("anything else is refused with a QoarError naming what is accepted", () => {
    expect(() => new Parameter("abc" as never)).toThrow(/Parameter: data must be a number/);
    expect(() => new Parameter({} as never)).toThrow(QoarError);
    expect(() => new Parameter([[1, 2], [3]])).toThrow(QoarError);
    // @ts-expect-error: an extra positional argument, as plain JS may pass
    expect(() => new Parameter([1], [1], "float64", 4)).toThrow(/at most 3 arguments/);
  });
});

describe("a requiresGrad tensor as a gate's param stays live", () => {
  it("gradients flow into it: adjoint = parameter shift = central differences", () => {
    const theta = tensor([0.3, -1.1], { requiresGrad: true });
    const phi = tensor([0.8], { requiresGrad: true });
    const c = new Circuit(2, { seed: 2 });
    c.ry("full", { param: theta });
    c.cnot([0, 1]);
    c.rx(1, { param: phi });
    expect(c.parameters()).toContain(theta);
    const loss = () => expecVal(c.forward(), H);
    loss().backward();
    const adjoint = [...theta.grad!.data, ...phi.grad!.data];
    const fd = [...centralDifferences(loss, theta), ...centralDifferences(loss, phi)];
    theta.grad = null;
    phi.grad = null;
    c.gradMethod = parameterShift();
    loss().backward();
    const shift = [...theta.grad!.data, ...phi.grad!.data];
    for (let i = 0; i < fd.length; i++) {
      expect(adjoint[i]).toBeCloseTo(fd[i]!, 7);
      expect(shift[i]).toBeCloseTo(fd[i]!, 7);
    }
    expect(Math.max(...adjoint.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it("the circuit reads the tensor's current values at every run", () => {
    const theta = tensor([0], { requiresGrad: true });
    const c = new Circuit(1);
    c.ry(0, { param: theta });
    const z = Hamiltonian.fromString("Z0");
    expect(expecVal(c.forward(), z).item()).toBeCloseTo(1, 12);
    theta.data[0] = Math.PI;
    expect(expecVal(c.forward(), z).item()).toBeCloseTo(-1, 12);
  });

  it("a channel strength given as a requiresGrad tensor gets its gradient (density matrices)", () => {
    const gamma = tensor([0.3], { requiresGrad: true });
    const c = new Circuit(1, { seed: 3 });
    c.rx(0, { param: 1.2 });
    c.amplitudeDamping(gamma, 0);
    const loss = () => expecVal(c.forward(DensityMatrix.zero(1)), Hamiltonian.fromString("Z0"));
    loss().backward();
    expect(gamma.grad!.data[0]).toBeCloseTo(centralDifferences(loss, gamma)[0]!, 7);
    // a plain tensor is a fixed value, copied
    const fixed = new Circuit(1);
    expect(() => fixed.amplitudeDamping(tensor([0.1]), 0)).not.toThrow();
    expect(fixed.parameters()).toHaveLength(0);
  });

  it("a computed tensor (with a gradient history) is refused, pointing to Parameter", () => {
    const w = new Parameter([0.5]);
    const c = new Circuit(1);
    expect(() => c.ry(0, { param: w.mul(2) })).toThrow(ArgumentError);
    expect(() => c.ry(0, { param: w.mul(2) })).toThrow(/computed tensor.*Parameter/);
    // plain tensors stay fixed angles, as before
    c.ry(0, { param: tensor([0.25]) });
    expect(c.parameters()).toHaveLength(0);
  });
});
