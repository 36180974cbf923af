import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { applyOnQubits } from "../../../src/qml/locc/local-circuit.js";
import {
  LoccNet,
  probabilityWeighted,
  successProbability,
} from "../../../src/qml/locc/locc-net.js";
import { targetOverlap } from "../../../src/qml/locc/overlap.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import {
  collapse,
  densityExpecVal,
  randomDensityMatrix,
} from "../../../src/quantum/density/states.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { add, neg, type Tensor } from "../../../src/tensor/index.js";

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("applyOnQubits", () => {
  it("equals the same gates written on the global register (qubits 3 and 1 of 4)", () => {
    const rho = randomDensityMatrix(4, { seed: 3 });
    const local = new Circuit(2, { seed: 9 });
    local.u3("full");
    local.cnot([0, 1]);
    local.ry([1]);
    const global = new Circuit(4);
    const [u3, ry] = local.parameters();
    global.u3([3, 1], { param: u3! });
    global.cnot([3, 1]);
    global.ry([1], { param: ry! });
    const a = applyOnQubits(rho, local, [3, 1]).toArray();
    const b = global.forward(rho).toArray();
    expect(maxDiff(a, b)).toBeLessThan(1e-13);
  });
});

describe("applyOnQubits gradients", () => {
  it("equal the adjoint gradients of the same gates on the global register", () => {
    const rho = randomDensityMatrix(3, { seed: 6 });
    const H = Hamiltonian.fromString("0.7 Z0 X2 - 0.4 Y1 + 0.2 X0 Z1 Z2");
    const local = new Circuit(2, { seed: 2 });
    local.u3("full");
    local.cnot([1, 0]);
    local.ry("full");
    const [u3, ry] = local.parameters();
    const global = new Circuit(3);
    global.u3([2, 0], { param: u3! });
    global.cnot([0, 2]);
    global.ry([2, 0], { param: ry! });
    const gradsOf = (loss: () => Tensor): number[] => {
      for (const p of local.parameters()) p.grad = null;
      loss().backward();
      return local.parameters().flatMap((p) => [...p.grad!.data]);
    };
    const mine = gradsOf(() => densityExpecVal(applyOnQubits(rho, local, [2, 0]), H));
    const ref = gradsOf(() => densityExpecVal(global.forward(rho), H));
    expect(mine.length).toBe(8);
    mine.forEach((g, i) => {
      expect(Math.abs(g - ref[i]!)).toBeLessThan(1e-12);
    });
    expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(1e-3);
  });
});

describe("LoccNet", () => {
  function bellNet() {
    const net = new LoccNet();
    net.addParty("Alice", 2);
    net.addParty("Bob", 1);
    net.setInitialState(State.bell(), [
      ["Alice", 1],
      ["Bob", 0],
    ]);
    return net;
  }

  it("orders the initial register as named, unnamed qubits last in |0>", () => {
    const s = bellNet().initialStatus();
    expect(s.qubits).toEqual([
      ["Alice", 1],
      ["Bob", 0],
      ["Alice", 0],
    ]);
    expect(s.probability.item()).toBe(1);
    expect(
      maxDiff(s.state.probabilities(), new Float64Array([0.5, 0, 0, 0, 0, 0, 0.5, 0])),
    ).toBeLessThan(1e-15);
  });

  it("measures into branches whose probability-weighted sum is the dephased state (a second method: collapse)", () => {
    const net = new LoccNet();
    net.addParty("A", 2);
    net.addParty("B", 1);
    const rho = randomDensityMatrix(3, { seed: 12 });
    net.setInitialState(rho, [
      ["A", 0],
      ["A", 1],
      ["B", 0],
    ]);
    const branches = net.measure(net.initialStatus(), [
      ["B", 0],
      ["A", 0],
    ]);
    expect(branches.map((b) => b.outcomes[0])).toEqual(["00", "01", "10", "11"]);
    expect(Math.abs(successProbability(branches).item() - 1)).toBeLessThan(1e-14);
    for (const b of branches) {
      const ref = collapse(rho, [2, 0], { outcome: b.outcomes[0]! });
      expect(Math.abs(b.probability.item() - ref.probabilities[0]!)).toBeLessThan(1e-14);
      expect(maxDiff(b.state.toArray(), ref.state.toArray())).toBeLessThan(1e-14);
    }
  });

  it("trains through local circuits, measurement and partial trace: gradient = finite differences to 1e-7", () => {
    const net = bellNet();
    const a = net.localCircuit("Alice", { seed: 4 });
    a.u3("full");
    a.cnot([0, 1]);
    const b = net.localCircuit("Bob", { seed: 5 });
    b.u3("full");
    const target = State.zero(2);
    const loss = () => {
      const branches = net.measure(net.apply(net.initialStatus(), a), [["Alice", 0]]);
      const ends = branches.map((s) =>
        net.partialState(net.apply(s, b), [
          ["Alice", 1],
          ["Bob", 0],
        ]),
      );
      return probabilityWeighted(ends, (s) => add(neg(targetOverlap(s.state, target)), 1));
    };
    for (const p of net.parameters()) p.grad = null;
    loss().backward();
    const params = net.parameters();
    expect(params.length).toBe(2);
    const h = 1e-5;
    let worst = 0;
    let largest = 0;
    for (const p of params) {
      for (let i = 0; i < p.data.length; i++) {
        const v = p.data[i]!;
        p.data[i] = v + h;
        const up = loss().item();
        p.data[i] = v - h;
        const down = loss().item();
        p.data[i] = v;
        worst = Math.max(worst, Math.abs(p.grad!.data[i]! - (up - down) / (2 * h)));
        largest = Math.max(largest, Math.abs(p.grad!.data[i]!));
      }
    }
    expect(worst).toBeLessThan(1e-7);
    expect(largest).toBeGreaterThan(1e-3);
  });

  it("startFrom runs the same protocol on another input, keeping the other initial states", () => {
    const net = new LoccNet();
    net.addParty("A", 2);
    net.addParty("B", 1);
    net.setInitialState(State.bell(), [
      ["A", 1],
      ["B", 0],
    ]);
    const s = net.startFrom(State.basis(1, 1), [["A", 0]]);
    // the Bell pair first (as set), then the new piece |1> on A0
    expect(s.qubits).toEqual([
      ["A", 1],
      ["B", 0],
      ["A", 0],
    ]);
    expect(
      maxDiff(s.state.probabilities(), new Float64Array([0, 0.5, 0, 0, 0, 0, 0, 0.5])),
    ).toBeLessThan(1e-15);
    const replaced = net.startFrom(State.bell("psi-"), [
      ["B", 0],
      ["A", 1],
    ]);
    expect(replaced.qubits[0]).toEqual(["B", 0]);
    expect(
      maxDiff(replaced.state.probabilities([0, 1]), new Float64Array([0, 0.5, 0.5, 0])),
    ).toBeLessThan(1e-15);
    expect(() => net.startFrom(State.zero(1), [["A", 1]])).toThrow(/only partly/);
  });

  it("keeps the measured qubits collapsed, or drops them with discard", () => {
    const net = bellNet();
    const kept = net.measure(net.initialStatus(), [["Bob", 0]], ["1"]);
    expect(kept[0]!.state.nQubits).toBe(3);
    expect(kept[0]!.probability.item()).toBeCloseTo(0.5, 14);
    const dropped = net.measure(net.initialStatus(), [["Bob", 0]], ["1"], { discard: true });
    expect(dropped[0]!.qubits).toEqual([
      ["Alice", 1],
      ["Alice", 0],
    ]);
    expect(dropped[0]!.state.probabilities()).toEqual(new Float64Array([0, 0, 1, 0]));
    expect(() => net.partialState(dropped[0]!, [["Bob", 0]])).toThrow(/not in this branch/);
  });

  it("refuses unknown parties, foreign circuits, bad qubit references and impossible outcomes", () => {
    const net = bellNet();
    expect(() => net.localCircuit("Eve")).toThrow(/unknown party "Eve".*"Alice", "Bob"/);
    expect(() => net.apply(net.initialStatus(), new Circuit(1))).toThrow(/localCircuit/);
    expect(() => net.measure(net.initialStatus(), [["Bob", 1]])).toThrow(/not a qubit of "Bob"/);
    expect(() =>
      net.measure(net.initialStatus(), [
        ["Bob", 0],
        ["Bob", 0],
      ]),
    ).toThrow(/named twice/);
    expect(() => net.measure(net.initialStatus(), [["Alice", 0]], ["1"])).toThrow(/probability 0/);
    expect(() => net.addParty("Carol", 1)).toThrow(/before setInitialState/);
    expect(() =>
      net.setInitialState(State.bell(), [
        ["Alice", 1],
        ["Alice", 0],
      ]),
    ).toThrow(/already holds/);
    expect(() => new LoccNet().initialStatus()).toThrow(ArgumentError);
    expect(() =>
      net.setInitialState(DensityMatrix.zero(1), [
        ["Alice", 0],
        ["Bob", 0],
      ]),
    ).toThrow(/1 qubits but 2/);
  });
});
