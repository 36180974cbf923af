import { describe, expect, it } from "vitest";
import { QoarError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { resolveAngles } from "../../../src/quantum/circuit/operation.js";
import { GATES, getGate } from "../../../src/quantum/gates/table.js";
import {
  dagger,
  expandOperator,
  identity,
  matmul,
  matvec,
  maxAbsDiff,
} from "../../../src/quantum/linalg.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";
import { Parameter, tensor } from "../../../src/tensor/index.js";

/** The circuit's unitary the slow way: product of kron-expanded gate matrices. */
function naiveUnitary(c: Circuit): Float64Array {
  let u = identity(2 ** c.nQubits);
  for (const op of c.operations) {
    if (op.kind !== "gate") throw new Error("gates only");
    let m = op.gate.matrix(resolveAngles(op, undefined, 0, 1));
    if (op.adjoint) m = dagger(m);
    u = matmul(expandOperator(m, op.qubits, c.nQubits), u);
  }
  return u;
}

function randomCircuit(n: number, gates: number, seed: number): Circuit {
  const rng = new Rng(seed);
  const c = new Circuit(n, { seed });
  const usable = GATES.filter((g) => g.nQubits <= n);
  for (let i = 0; i < gates; i++) {
    const g = usable[rng.int(usable.length)]!;
    const qubits = rng.shuffle(Array.from({ length: n }, (_, q) => q)).slice(0, g.nQubits);
    c.addOperation(
      g,
      qubits,
      Array.from({ length: g.nParams }, () => ({
        kind: "const" as const,
        value: rng.uniformIn(-Math.PI, Math.PI),
      })),
    );
  }
  return c;
}

describe("Circuit builder", () => {
  it("expands qubitsIdx like Paddle Quantum", () => {
    const c = new Circuit(3, { seed: 1 });
    c.cnot(); // 'cycle'
    c.rx(); // 'full'
    c.crz("linear", { depth: 2 });
    expect(c.operations.slice(0, 3).map((o) => o.qubits)).toEqual([
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
    expect(c.operations.slice(3, 6).map((o) => o.qubits)).toEqual([[0], [1], [2]]);
    const ps = c.parameters();
    expect(ps.map((p) => p.shape)).toEqual([
      [1, 3, 1],
      [2, 2, 1],
    ]);
    expect(c.parameterCount).toBe(7);
  });

  it("shares one parameter set per layer with paramSharing", () => {
    const c = new Circuit(4, { seed: 1 });
    c.ry("full", { depth: 3, paramSharing: true });
    expect(c.parameters()[0]!.shape).toEqual([3, 1]);
    const a = c.operations.map((o) => o.angles[0]!);
    expect(a[0]).toEqual(a[3]);
    expect(a[0]).not.toEqual(a[4]);
  });

  it("initializes parameters from the seed, uniformly in [0, 2 pi)", () => {
    const a = new Circuit(3, { seed: 42 }).u3();
    const b = new Circuit(3, { seed: 42 }).u3();
    const c = new Circuit(3, { seed: 43 }).u3();
    const pa = a.parameters()[0]!.data;
    expect(Array.from(pa)).toEqual(Array.from(b.parameters()[0]!.data));
    expect(Array.from(pa)).not.toEqual(Array.from(c.parameters()[0]!.data));
    for (const v of pa) expect(v >= 0 && v < 2 * Math.PI).toBe(true);
  });

  it("accepts fixed angles and user Parameters", () => {
    const c = new Circuit(2);
    c.rz(0, { param: 0.5 });
    const theta = new Parameter(new Float64Array([0.1, 0.2]), [1, 2, 1]);
    c.ry("full", { param: theta });
    expect(c.parameters()).toEqual([theta]);
    expect(() => c.rx("full", { param: [1, 2, 3] })).toThrow(/3 values, expected 2/);
  });

  it("counts gates and depth", () => {
    const c = new Circuit(3);
    c.h("full");
    c.cnot([0, 1]);
    c.cnot([1, 2]);
    expect(c.gateCount).toBe(5);
    expect(c.gateCounts()).toEqual({ h: 3, cnot: 2 });
    expect(c.depth).toBe(3);
  });

  it("draws the circuit as text", () => {
    const c = new Circuit(2);
    c.h(0);
    c.cnot([0, 1]);
    c.ry(1, { param: 1.234 });
    const text = c.toString();
    expect(text.split("\n")).toHaveLength(2);
    expect(text).toContain("H");
    expect(text).toContain("*");
    expect(text).toContain("Ry(1.23)");
  });

  it("rejects bad input with messages that name the argument", () => {
    const c = new Circuit(2);
    expect(() => c.h(2)).toThrow(QoarError);
    expect(() => c.h(2)).toThrow(/qubitsIdx.*out of range/);
    expect(() => c.cnot([0, 0])).toThrow(/repeated/);
    expect(() => c.rx(0, { param: Number.NaN })).toThrow(/not a finite number/);
    expect(() => c.ry(0, { depth: 0 })).toThrow(/depth/);
    expect(() => new Circuit(0)).toThrow(/nQubits/);
    expect(() =>
      c.oracle(
        [
          [1, 1],
          [0, 1],
        ],
        0,
      ),
    ).toThrow(QoarError);
    expect(() => c.pauliRotation("X0 Q1")).toThrow(/malformed/);
  });
});

describe("Circuit simulation", () => {
  it("makes a Bell state", () => {
    const c = new Circuit(2);
    c.h(0);
    c.cnot([0, 1]);
    const p = c.forward().probabilities();
    expect(Array.from(p)).toEqual([expect.closeTo(0.5, 14), 0, 0, expect.closeTo(0.5, 14)]);
  });

  it("equals the naive dense product on seeded random circuits with every gate kind", () => {
    for (const seed of [1, 2, 3]) {
      const c = randomCircuit(4, 40, seed);
      c.universalTwoQubits([1, 3]);
      c.universalThreeQubits([2, 0, 1]);
      c.pauliRotation("X0 Y2 Z3", { param: 0.7 });
      const u = naiveUnitary(c);
      expect(maxAbsDiff(c.unitary(), u)).toBeLessThan(1e-12);
      const psi = State.random(4, { seed });
      const out = c.forward(psi).toArray();
      expect(
        maxAbsDiff(out as Float64Array, matvec(u, psi.toArray() as Float64Array)),
      ).toBeLessThan(1e-12);
    }
  });

  it("inverts: U^dagger U = I and inverse().unitary() = U^dagger", () => {
    const c = randomCircuit(3, 30, 9);
    c.u3("full");
    const u = c.unitary();
    expect(maxAbsDiff(c.inverse().unitary(), dagger(u))).toBeLessThan(1e-12);
    const both = new Circuit(3).extend(c).extend(c.inverse());
    expect(maxAbsDiff(both.unitary(), identity(8))).toBeLessThan(1e-12);
  });

  it("runs a batch of data encodings as one simulation", () => {
    const c = new Circuit(2, { seed: 3 });
    c.angleEncoding({ gate: "ry" });
    c.cnot([0, 1]);
    c.rx("full");
    const x = tensor([
      [0.1, 0.2],
      [0.3, -0.4],
      [1.5, 2.5],
    ]);
    const batched = c.forward(undefined, x).toArray() as Float64Array;
    for (let b = 0; b < 3; b++) {
      const single = c
        .forward(undefined, tensor([[x.data[2 * b]!, x.data[2 * b + 1]!]]))
        .toArray() as Float64Array;
      expect(maxAbsDiff(batched.subarray(8 * b, 8 * b + 8), single)).toBeLessThan(1e-14);
    }
    expect(() => c.forward()).toThrow(/data tensor/);
  });

  it("uses the gate table's matrices (a spot check: RX(pi) |0> = -i |1>)", () => {
    const c = new Circuit(1);
    c.rx(0, { param: Math.PI });
    const a = c.forward().toArray() as Float64Array;
    expect(a[0]).toBeCloseTo(0, 14);
    expect(a[3]).toBeCloseTo(-1, 14);
    expect(getGate("rx").nParams).toBe(1);
  });
});

describe("layer templates", () => {
  it("have Paddle's parameter shapes and gate counts", () => {
    const n = 4;
    const c = new Circuit(n, { seed: 1 });
    c.superpositionLayer();
    c.weakSuperpositionLayer();
    c.linearEntangledLayer({ depth: 2 });
    c.realEntangledLayer({ depth: 2 });
    c.complexEntangledLayer();
    c.realBlockLayer();
    c.complexBlockLayer({ depth: 2 });
    c.qaoaLayer(
      [
        [0, 1],
        [1, 2],
      ],
      { depth: 3 },
    );
    expect(c.parameters().map((p) => p.shape)).toEqual([
      [2, 4, 2],
      [2, 4],
      [1, 4, 3],
      [1, 3, 4],
      [2, 3, 12],
      [3, 2],
    ]);
    const counts = c.gateCounts();
    // linear: 2*(4 ry + 4 rz + 3 + 3 cnot); real: 2*(4 ry + 4 cnot); complex: 4 u3 + 4 cnot;
    // realBlock: 3 blocks of 4 ry + 1 cnot; complexBlock: 2 * 3 blocks of 4 u3 + 1 cnot; qaoa: 3*(2 rzz + 4 rx)
    expect(counts.h).toBe(4);
    expect(counts.cnot).toBe(12 + 8 + 4 + 3 + 6);
    expect(counts.u3).toBe(4 + 24);
    expect(counts.rzz).toBe(6);
    expect(counts.rx).toBe(12);
    expect(counts.ry).toBe(4 + 8 + 8 + 12);
  });

  it("equal the same gates written out by hand (realEntangledLayer, qaoaLayer)", () => {
    const a = new Circuit(3, { seed: 5 });
    a.realEntangledLayer({ depth: 2 });
    const theta = a.parameters()[0]!.data;
    const b = new Circuit(3);
    for (let d = 0; d < 2; d++) {
      for (let q = 0; q < 3; q++) b.ry(q, { param: theta[3 * d + q]! });
      b.cnot("cycle");
    }
    expect(maxAbsDiff(a.unitary(), b.unitary())).toBeLessThan(1e-14);

    const q = new Circuit(3, { seed: 2 });
    q.qaoaLayer([[0, 2]]);
    const [gamma, beta] = q.parameters()[0]!.data;
    const r = new Circuit(3);
    r.rzz([0, 2], { param: 2 * gamma! });
    r.rx("full", { param: 2 * beta! });
    expect(maxAbsDiff(q.unitary(), r.unitary())).toBeLessThan(1e-14);
  });

  it("train: a complexEntangledLayer finds the ground state of Z0 Z1 + X2 by adjoint gradients", async () => {
    const { expecVal } = await import("../../../src/qml/expecval.js");
    const { Adam } = await import("../../../src/tensor/index.js");
    const c = new Circuit(3, { seed: 4 });
    c.complexEntangledLayer({ depth: 2 });
    const opt = new Adam(c.parameters(), { lr: 0.1 });
    let e = 0;
    for (let i = 0; i < 300; i++) {
      opt.zeroGrad();
      const loss = expecVal(c.forward(), "Z0 Z1 + X2");
      loss.backward();
      opt.step();
      e = loss.item();
    }
    expect(e).toBeLessThan(-2 + 1e-4);
  });
});
