/**
 * Dynamic circuits: mid-circuit measurement, reset, classical control and postselection, on
 * state vectors (exact branch mixture, shot trajectories) and density matrices (exact channel),
 * with gradients of the exact mixture checked against parameter shift and finite differences.
 */
import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { ArgumentError, ResourceError } from "../../../src/errors.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { probabilities } from "../../../src/qml/losses.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { add, mul, Parameter, sum, tensor } from "../../../src/tensor/index.js";

const TARGET = [1.1, 0.7, -0.4] as const;

/** The Bloch vector of u3(t, p, l)|0>: (sin t cos p, sin t sin p, cos t). */
function blochOfU3(t: number, p: number): number[] {
  return [Math.sin(t) * Math.cos(p), Math.sin(t) * Math.sin(p), Math.cos(t)];
}

function teleportation(): Circuit {
  const c = new Circuit(3);
  c.u3(0, { param: [...TARGET] });
  c.h(1).cnot([1, 2]).cnot([0, 1]).h(0);
  c.measure([0, 1], { key: "m" });
  c.cond([1], 1, (sub) => sub.x(2));
  c.cond([0], 1, (sub) => sub.z(2));
  return c;
}

const PAULI_2 = ["X2", "Y2", "Z2"].map((s) => Hamiltonian.fromString(s));

describe("teleportation", () => {
  it("the exact branch mixture has four branches of probability 1/4 and q2 in the sent state", () => {
    const psi = teleportation().forward();
    const br = psi.branches!;
    expect(br.records.map((r) => r.join(""))).toEqual(["00", "01", "10", "11"]);
    for (const p of br.probabilities) expect(p).toBeCloseTo(0.25, 12);
    const bloch = PAULI_2.map((h) => psi.expecVal(h));
    const want = blochOfU3(TARGET[0], TARGET[1]);
    for (let i = 0; i < 3; i++) expect(Math.abs(bloch[i]! - want[i]!)).toBeLessThan(1e-12);
  });

  it("the density-matrix run gives the same reduced state (the measurement channel, exactly)", () => {
    const rho = teleportation().forward(DensityMatrix.zero(3));
    const want = blochOfU3(TARGET[0], TARGET[1]);
    PAULI_2.forEach((h, i) => {
      expect(Math.abs(rho.expecVal(h) - want[i]!)).toBeLessThan(1e-12);
    });
    expect(rho.branches!.records).toHaveLength(4);
    expect(rho.trace()).toBeCloseTo(1, 12);
  });

  it("a backend without gatherBatch splits through toArray/fromArray to the same mixture", () => {
    const be = new CpuBackend({ threads: 1 });
    Object.defineProperty(be, "gatherBatch", { value: undefined });
    const c = new Circuit(3, { backend: be });
    c.extend(teleportation());
    const psi = c.forward();
    const want = blochOfU3(TARGET[0], TARGET[1]);
    PAULI_2.forEach((h, i) => {
      expect(Math.abs(psi.expecVal(h) - want[i]!)).toBeLessThan(1e-12);
    });
  });

  it("draws its measurements and conditions, and has no unitary", () => {
    const drawing = teleportation().toString();
    expect(drawing).toMatch(/measure/);
    expect(drawing).toMatch(/if x/);
    expect(() => teleportation().unitary()).toThrow(/measure operation, which is not unitary/);
  });

  it("without the z correction q2 is not the sent state (the check sees a broken cond)", () => {
    const c = new Circuit(3);
    c.u3(0, { param: [...TARGET] });
    c.h(1).cnot([1, 2]).cnot([0, 1]).h(0);
    c.measure([0, 1]);
    c.cond([1], 1, (sub) => sub.x(2));
    const psi = c.forward();
    const want = blochOfU3(TARGET[0], TARGET[1]);
    expect(Math.abs(psi.expecVal(PAULI_2[0]!) - want[0]!)).toBeGreaterThan(0.1);
  });

  it("shots: seeded trajectories share states (at most 4) and sample the 1/4 outcomes", () => {
    const a = teleportation().forward(undefined, undefined, { shots: 10000, seed: 1 });
    const b = teleportation().forward(undefined, undefined, { shots: 10000, seed: 1 });
    const counts = a.branches!.counts!;
    expect(a.batch).toBe(4);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(10000);
    expect(b.branches!.counts).toEqual(counts);
    // 4 sigma of a binomial(10000, 1/4)
    for (const k of counts) expect(Math.abs(k - 2500)).toBeLessThan(4 * Math.sqrt(10000 * 0.1875));
    // each trajectory still carries q2 in the sent state
    const want = blochOfU3(TARGET[0], TARGET[1]);
    expect(Math.abs(a.expecVal(PAULI_2[2]!) - want[2]!)).toBeLessThan(1e-12);
  });
});

describe("classical control reads bits[0] as the least significant bit (OpenQASM 2)", () => {
  /** X on qubit `set` (0 or 1), measure q0 -> bit 0, q1 -> bit 1, then cond(value) X on q2. */
  function flipped(set: number, value: number): number {
    const c = new Circuit(3);
    c.x(set);
    c.measure([0, 1], { bits: [0, 1] });
    c.cond([0, 1], value, (sub) => sub.x(2));
    return c.forward().probabilities([2])[1]!;
  }
  it("v = 1 matches bit 0 set (qubit 0 measured 1)", () => {
    expect(flipped(0, 1)).toBeCloseTo(1, 14);
    expect(flipped(1, 1)).toBeCloseTo(0, 14);
  });
  it("v = 2 matches bit 1 set (qubit 1 measured 1)", () => {
    expect(flipped(1, 2)).toBeCloseTo(1, 14);
    expect(flipped(0, 2)).toBeCloseTo(0, 14);
  });
});

describe("state vectors and density matrices agree", () => {
  it("on a data batch through measure, cond, reset and postselect", () => {
    const c = new Circuit(3, { seed: 3 });
    c.angleEncoding({ qubitsIdx: [0, 1, 2] });
    c.cnot([0, 1]).ry(2);
    c.measure(0).measure(1);
    c.cond([0, 1], 3, (sub) => sub.rx(2).cnot([2, 0]));
    c.reset(1).h(1).cry([1, 2]);
    c.postselect(2, 1);
    const x = tensor([
      [0.3, 1.9, 0.4],
      [2.2, 0.7, -1.3],
    ]);
    const psi = c.forward(undefined, x);
    const rho = c.forward(DensityMatrix.zero(3), x);
    const a = psi.probabilities();
    const b = rho.probabilities();
    expect(a).toHaveLength(16);
    for (let i = 0; i < 16; i++) expect(a[i]).toBeCloseTo(b[i]!, 13);
    const kept = psi.branches!.postselection!.data;
    rho.branches!.postselection!.data.forEach((p, i) => {
      expect(kept[i]).toBeCloseTo(p, 13);
    });
  });
});

describe("reset and measurement", () => {
  it("reset puts a qubit in |0> and keeps the rest as the mixture (state vector = density)", () => {
    const c = new Circuit(2);
    c.ry(0, { param: 1.2 }).cnot([0, 1]).reset(0).h(0);
    const psi = c.forward();
    const rho = c.forward(DensityMatrix.zero(2));
    const pState = psi.probabilities();
    const pRho = rho.probabilities();
    for (let i = 0; i < 4; i++) expect(pState[i]).toBeCloseTo(pRho[i]!, 14);
    // qubit 1 keeps its marginal; qubit 0 is |+>
    expect(psi.expecVal(Hamiltonian.fromString("X0"))).toBeCloseTo(1, 14);
    expect(psi.probabilities([1])[1]).toBeCloseTo(Math.sin(0.6) ** 2, 14);
    expect(psi.branches!.records).toHaveLength(2);
  });

  it("measuring a qubit twice without a gate between gives the same bit", () => {
    const c = new Circuit(1);
    c.h(0).measure(0).measure(0);
    const psi = c.forward();
    expect(psi.branches!.records.map((r) => r.join(""))).toEqual(["00", "11"]);
  });

  it("probabilities and expectation values average over the branches", () => {
    const c = new Circuit(2);
    c.ry(0, { param: 0.8 })
      .measure(0)
      .cond([0], 1, (s) => s.ry(1, { param: 0.5 }));
    const psi = c.forward();
    const p1 = Math.sin(0.4) ** 2;
    const z1 = 1 - p1 + p1 * Math.cos(0.5);
    expect(psi.expecVal(Hamiltonian.fromString("Z1"))).toBeCloseTo(z1, 14);
    expect(expecVal(psi, "Z1").item()).toBeCloseTo(z1, 14);
    const p = probabilities(psi, [0]).data;
    expect(p[1]).toBeCloseTo(p1, 14);
    const counts = psi.measure(1000, { seed: 1, qubits: [0] }) as Record<string, number>;
    expect((counts["0"] ?? 0) + (counts["1"] ?? 0)).toBe(1000);
  });
});

/** A small dynamic circuit with trainable angles before, inside and after a measurement. */
function trainable(values: readonly number[]): { c: Circuit; params: Parameter[] } {
  const params = values.map((v) => new Parameter(new Float64Array([v]), [1, 1, 1]));
  const c = new Circuit(3);
  c.ry(0, { param: params[0] });
  c.rx(1, { param: params[1] });
  c.cnot([0, 1]);
  c.measure(1);
  c.cond([0], 1, (sub) => sub.ry(2, { param: params[2] }));
  c.reset(1);
  c.crx([0, 2], { param: params[3] });
  c.ry(1, { param: params[4] });
  return { c, params };
}

const H = Hamiltonian.fromString("0.7 Z0 Z2 - 0.4 X2 + 0.3 Y1 + 0.2 Z1");
const THETA = [0.3, 1.1, -0.7, 0.9, 0.4];

function lossAt(values: readonly number[]): number {
  return expecVal(trainable(values).c.forward(), H).item();
}

describe("gradients of the exact branch mixture", () => {
  it("the adjoint per branch equals finite differences and parameter shift", () => {
    const { c, params } = trainable(THETA);
    const loss = expecVal(c.forward(), H);
    loss.backward();
    const adjoint = params.map((p) => p.grad!.data[0]!);
    const h = 1e-6;
    THETA.forEach((_, j) => {
      const up = THETA.map((v, i) => (i === j ? v + h : v));
      const dn = THETA.map((v, i) => (i === j ? v - h : v));
      const fd = (lossAt(up) - lossAt(dn)) / (2 * h);
      expect(Math.abs(adjoint[j]! - fd)).toBeLessThan(1e-8);
    });
    // ry, rx: two-term rule; the controlled rx (generator spectrum {0, +-1}) needs four terms
    for (const j of [0, 1, 2, 4]) {
      const at = (d: number) => lossAt(THETA.map((v, i) => (i === j ? v + d : v)));
      const shift = (at(Math.PI / 2) - at(-Math.PI / 2)) / 2;
      expect(Math.abs(adjoint[j]! - shift)).toBeLessThan(1e-12);
    }
  });

  it("the branch-probability term is included (a loss on one branch weight)", () => {
    const p = new Parameter(new Float64Array([0.9]), [1, 1, 1]);
    const c = new Circuit(1);
    c.ry(0, { param: p }).measure(0);
    const psi = c.forward();
    // probabilities of the mixture do not depend on the branch split: p(1) = sin^2(t/2)
    const p1 = probabilities(psi).data[1]!;
    expect(p1).toBeCloseTo(Math.sin(0.45) ** 2, 14);
    const loss = sum(probabilities(psi, [0]));
    loss.backward();
    expect(Math.abs(p.grad!.data[0]!)).toBeLessThan(1e-14); // total probability is 1
    p.grad = null;
    const z = expecVal(c.forward(), "Z0");
    z.backward();
    expect(p.grad!.data[0]).toBeCloseTo(-Math.sin(0.9), 12);
  });

  it("data and input-state gradients reach through the branches", () => {
    const c = new Circuit(2);
    c.angleEncoding({ qubitsIdx: [0, 1] });
    c.measure(0);
    c.cond([0], 1, (sub) => sub.h(1));
    const x = tensor(
      [
        [0.3, 0.8],
        [1.2, -0.4],
      ],
      { requiresGrad: true },
    );
    const loss = sum(expecVal(c.forward(undefined, x), "X1 + 0.5 Z1"));
    loss.backward();
    const g = x.grad!.data;
    const at = (i: number, d: number): number => {
      const v = Float64Array.from(x.data);
      v[i] += d;
      const y = tensor(
        [
          [v[0]!, v[1]!],
          [v[2]!, v[3]!],
        ],
        {},
      );
      return sum(expecVal(c.forward(undefined, y), "X1 + 0.5 Z1")).item();
    };
    for (let i = 0; i < 4; i++) {
      const fd = (at(i, 1e-6) - at(i, -1e-6)) / 2e-6;
      expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-8);
    }
  });
});

describe("postselection", () => {
  function post(t: number[]): { c: Circuit; p: Parameter } {
    const p = new Parameter(Float64Array.from(t), [1, 2, 1]);
    const c = new Circuit(2);
    c.ry([0, 1], { param: p });
    c.cnot([0, 1]);
    c.postselect(0, 1);
    return { c, p };
  }

  it("projects and renormalizes; its probability is a tensor", () => {
    const { c } = post([0.8, 0.3]);
    const psi = c.forward();
    expect(psi.normSquared()[0]).toBeCloseTo(1, 14);
    expect(psi.probabilities([0])[1]).toBeCloseTo(1, 14);
    expect(psi.branches!.postselection!.item()).toBeCloseTo(Math.sin(0.4) ** 2, 14);
    // density matrices agree
    const rho = c.forward(DensityMatrix.zero(2));
    expect(rho.expecVal(Hamiltonian.fromString("Z1"))).toBeCloseTo(
      psi.expecVal(Hamiltonian.fromString("Z1")),
      13,
    );
  });

  it("the gradient of a loss on the postselected state and its probability equals finite differences to 1e-7", () => {
    const t = [0.8, 0.3];
    const f = (v: number[]): number => {
      const psi = post(v).c.forward();
      return expecVal(psi, "X1 + 0.3 Z1").item() + 0.5 * psi.branches!.postselection!.item();
    };
    const { c, p } = post(t);
    const psi = c.forward();
    const loss = add(expecVal(psi, "X1 + 0.3 Z1"), mul(psi.branches!.postselection!, 0.5));
    loss.backward();
    for (let j = 0; j < 2; j++) {
      const up = t.map((v, i) => (i === j ? v + 1e-5 : v));
      const dn = t.map((v, i) => (i === j ? v - 1e-5 : v));
      const fd = (f(up) - f(dn)) / 2e-5;
      expect(Math.abs(p.grad!.data[j]! - fd)).toBeLessThan(1e-7);
    }
  });

  it("an outcome of probability 0 is an error that gives the probability", () => {
    const c = new Circuit(1);
    c.postselect(0, 1);
    expect(() => c.forward()).toThrow(ArgumentError);
    expect(() => c.forward()).toThrow(/outcome 1 on qubit 0 has probability 0/);
  });
});

describe("bad input", () => {
  it("conditioning on a bit never written, a value out of range, and cond with non-gates are refused", () => {
    const c = new Circuit(2);
    expect(() => c.cond([0], 1, (s) => s.x(1))).toThrow(/never written/);
    c.measure(0);
    expect(() => c.cond([0], 2, (s) => s.x(1))).toThrow(/value must be an integer in \[0, 1\]/);
    expect(() => c.cond([3], 1, (s) => s.x(1))).toThrow(/bit 3 is never written/);
    expect(() => c.cond("nope", 1, (s) => s.x(1))).toThrow(/key "nope"/);
    expect(() => c.cond([0], 1, (s) => s.measure(1))).toThrow(/gates only/);
  });

  it("shots with a density matrix, and a branch count above the cap, are errors that say what to do", () => {
    const c = new Circuit(3);
    c.h("full").measure("full");
    expect(() => c.forward(DensityMatrix.zero(3), undefined, { shots: 10 })).toThrow(
      /density-matrix runs are exact/,
    );
    expect(() => c.forward(undefined, undefined, { maxBranches: 4 })).toThrow(ResourceError);
    expect(() => c.forward(undefined, undefined, { maxBranches: 4 })).toThrow(/shots/);
    expect(c.forward(undefined, undefined, { shots: 50, seed: 2 }).batch).toBeLessThanOrEqual(8);
    expect(() => c.forward(undefined, undefined, { seed: 2 })).toThrow(/needs options.shots/);
  });

  it("a State input takes its gradient through the branches", () => {
    // H, measure, Z: the mixture's <Z> is <psi| H (P0 Z P0 + P1 Z P1) H |psi> = <psi|X|psi>,
    // whose gradient (PyTorch's convention) is 2 X psi
    const c = new Circuit(1);
    c.h(0).measure(0);
    const s = State.fromAmplitudes(
      [
        { re: 0.6, im: 0.1 },
        { re: 0.2, im: -0.3 },
      ],
      { normalize: true },
    );
    s.requiresGrad = true;
    const psi = c.forward(s);
    expect(psi.branches!.records).toHaveLength(2);
    expecVal(psi, "Z0").backward();
    const g = s.grad!.data;
    const a = s.toArray();
    const want = [2 * a[2]!, 2 * a[3]!, 2 * a[0]!, 2 * a[1]!];
    for (let i = 0; i < 4; i++) expect(g[i]).toBeCloseTo(want[i]!, 13);
  });

  it("a gradient method other than the adjoint is refused (it would re-run a unitary circuit)", () => {
    const c = new Circuit(1);
    c.ry(0).measure(0);
    c.gradMethod = "finite-diff";
    expect(() => c.forward()).toThrow(/set gradMethod = "adjoint"/);
  });

  it("classical bits out of range are refused", () => {
    expect(() => new Circuit(1).measure(0, { bits: [2000] })).toThrow(
      /options.bits must be 1 classical bit indices in \[0, 1023\]/,
    );
    expect(() => new Circuit(2).measure([0, 1], { bits: [0] })).toThrow(/2 classical bit indices/);
  });
});

describe("circuit JSON", () => {
  it("round-trips measure, reset, cond and postselect", () => {
    const c = teleportation();
    c.reset(0).postselect(1, 0);
    const back = Circuit.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    expect(back.operations.map((o) => o.kind)).toEqual(c.operations.map((o) => o.kind));
    const a = c.forward();
    const b = back.forward();
    expect(b.branches!.records).toEqual(a.branches!.records);
    for (const h of PAULI_2) expect(b.expecVal(h)).toBeCloseTo(a.expecVal(h), 14);
  });

  it("refuses a cond on a bit no earlier measure writes, naming the path", () => {
    const j = teleportation().toJSON();
    const ops = j.operations as { kind: string; bits?: number[] }[];
    const at = ops.findIndex((o) => o.kind === "cond");
    ops[at]!.bits = [5];
    expect(() => Circuit.fromJSON(j)).toThrow(
      new RegExp(
        `operations\\[${at}\\]\\.bits\\[0\\]: expected a classical bit written by an earlier measure`,
      ),
    );
  });
});
