import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { targetOverlap } from "../../../src/qml/locc/overlap.js";
import { projectOutcome } from "../../../src/qml/locc/projection.js";
import { reduceDensity } from "../../../src/qml/locc/reduce.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { collapse, randomDensityMatrix } from "../../../src/quantum/density/states.js";
import { State } from "../../../src/quantum/state/state.js";
import { add, mul, type Parameter, type Tensor } from "../../../src/tensor/index.js";

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Central differences of `loss` in every entry of `params` (step 1e-5). */
function numericGrad(params: readonly Parameter[], loss: () => number): number[] {
  const out: number[] = [];
  const h = 1e-5;
  for (const p of params) {
    for (let i = 0; i < p.data.length; i++) {
      const v = p.data[i]!;
      p.data[i] = v + h;
      const up = loss();
      p.data[i] = v - h;
      const down = loss();
      p.data[i] = v;
      out.push((up - down) / (2 * h));
    }
  }
  return out;
}

describe("projectOutcome", () => {
  it("agrees with collapse (state and probability) for every outcome of a random 3-qubit state", () => {
    const rho = randomDensityMatrix(3, { seed: 5 });
    for (const outcome of ["00", "01", "10", "11"]) {
      const mine = projectOutcome(rho, [2, 0], outcome);
      const ref = collapse(rho, [2, 0], { outcome });
      expect(Math.abs(mine.probability.item() - ref.probabilities[0]!)).toBeLessThan(1e-14);
      expect(maxDiff(mine.state.toArray(), ref.state.toArray())).toBeLessThan(1e-14);
      // discard: the collapsed state with the measured qubits traced out
      const dropped = projectOutcome(rho, [2, 0], outcome, { discard: true });
      expect(dropped.state.nQubits).toBe(1);
      expect(maxDiff(dropped.state.toArray(), ref.state.reduce([1]).toArray())).toBeLessThan(1e-14);
    }
  });

  it("has probabilities summing to 1 and a post-measurement state of trace 1", () => {
    const rho = randomDensityMatrix(2, { seed: 8 });
    const ps = ["0", "1"].map((o) => projectOutcome(rho, [1], o));
    expect(Math.abs(ps[0]!.probability.item() + ps[1]!.probability.item() - 1)).toBeLessThan(1e-14);
    for (const b of ps) expect(Math.abs(b.state.trace()[0]! - 1)).toBeLessThan(1e-14);
  });

  it("is differentiable: the gradient of a loss on the projected state and its probability equals finite differences to 1e-7", () => {
    const c = new Circuit(3, { seed: 11 });
    c.u3("full");
    c.cnot("cycle");
    c.ry("full");
    const rho0 = randomDensityMatrix(3, { seed: 2 });
    const target = State.ghz(2);
    const lossOf = (): Tensor => {
      const { state, probability } = projectOutcome(c.forward(rho0), [1], "1", { discard: true });
      // p * F + p^2: both the state's and the probability's dependence on the angles matter
      return add(mul(probability, targetOverlap(state, target)), mul(probability, probability));
    };
    for (const p of c.parameters()) p.grad = null;
    lossOf().backward();
    const analytic = c.parameters().flatMap((p) => [...p.grad!.data]);
    const numeric = numericGrad(c.parameters(), () => lossOf().item());
    expect(analytic.length).toBe(numeric.length);
    let worst = 0;
    analytic.forEach((g, i) => {
      worst = Math.max(worst, Math.abs(g - numeric[i]!));
    });
    expect(worst).toBeLessThan(1e-7);
    expect(Math.max(...analytic.map(Math.abs))).toBeGreaterThan(1e-3); // not a vacuous zero gradient
  });

  it("refuses an outcome of probability 0 with the probability, and malformed outcomes", () => {
    const rho = DensityMatrix.zero(2);
    expect(() => projectOutcome(rho, [0], "1")).toThrow(/probability 0/);
    expect(() => projectOutcome(rho, [0], "01")).toThrow(ArgumentError);
    expect(() => projectOutcome(rho, [0, 0], "00")).toThrow(ArgumentError);
    expect(() => projectOutcome(rho, [0, 1], "00", { discard: true })).toThrow(/every qubit/);
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => projectOutcome(rho, [0], "0", { dicard: true } as any)).toThrow(/discard/);
  });
});

describe("reduceDensity", () => {
  it("equals DensityMatrix.reduce, in the order given", () => {
    const rho = randomDensityMatrix(3, { seed: 4 });
    expect(
      maxDiff(reduceDensity(rho, [2, 0]).toArray(), rho.reduce([2, 0]).toArray()),
    ).toBeLessThan(1e-15);
  });
});
