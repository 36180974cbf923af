import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { GATES } from "../../../src/quantum/gates/table.js";
import { dagger, matvec } from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";
import {
  fromData,
  noGrad,
  type Parameter,
  type Tensor,
  tensor,
} from "../../../src/tensor/index.js";

function randomHamiltonian(n: number, terms: number, seed: number): Hamiltonian {
  const rng = new Rng(seed);
  const list: [number, string][] = [];
  for (let t = 0; t < terms; t++) {
    const parts: string[] = [];
    for (let q = 0; q < n; q++) {
      const l = "IXYZ"[rng.int(4)]!;
      if (l !== "I") parts.push(`${l}${q}`);
    }
    if (parts.length > 0) list.push([rng.uniformIn(-1, 1), parts.join(", ")]);
  }
  return new Hamiltonian(list, { nQubits: n });
}

/** Central finite differences of f over every entry of p. */
function fdGrad(values: Float64Array, f: () => number, h = 1e-6): Float64Array {
  const g = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    values[i] = v + h;
    const fp = f();
    values[i] = v - h;
    const fm = f();
    values[i] = v;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function lossOf(c: Circuit, H: Hamiltonian, state?: State, data?: Tensor): Tensor {
  return expecVal(c.forward(state, data), H);
}

function checkParams(c: Circuit, H: Hamiltonian, state?: State, data?: Tensor): void {
  for (const p of c.parameters()) p.grad = null;
  lossOf(c, H, state, data).backward();
  for (const p of c.parameters()) {
    const fd = fdGrad(p.data, () => noGrad(() => lossOf(c, H, state, data).item()));
    expect(maxDiff(p.grad!.data, fd)).toBeLessThan(1e-7);
  }
}

describe("adjoint gradients", () => {
  const n = 3;
  const H = randomHamiltonian(n, 8, 11);
  const prep = State.random(n, { seed: 5 });

  for (const gate of GATES.filter((g) => g.nParams > 0)) {
    it(`match finite differences for ${gate.name}`, () => {
      const qubits = Array.from({ length: gate.nQubits }, (_, i) => (i + 1) % n);
      const c = new Circuit(n, { seed: 2 });
      c.ry("full");
      (c as unknown as Record<string, (q: unknown) => Circuit>)[camel(gate.name)]!.call(c, qubits);
      c.cnot("linear");
      checkParams(c, H, prep);
    });
  }

  it("match finite differences through inverse() (adjoint operations) and Pauli rotations", () => {
    const c = new Circuit(n, { seed: 4 });
    c.u3("full");
    c.cu([0, 2]);
    c.pauliRotation("X0 Y1 Z2");
    c.universalTwoQubits([2, 1]);
    const both = new Circuit(n)
      .extend(c)
      .extend(new Circuit(n, { seed: 8 }).rxx([0, 1]).inverse())
      .extend(c.inverse());
    both.rzz([1, 2]);
    checkParams(both, H);
  });

  it("add up shared parameters", () => {
    const c = new Circuit(n, { seed: 6 });
    c.ry("full", { depth: 3, paramSharing: true });
    c.cnot("cycle");
    const shared = c.parameters()[0] as Parameter;
    c.rx([0, 1, 2], { param: shared });
    checkParams(c, H);
  });

  it("reach batched encoded data and the input state", () => {
    const c = new Circuit(n, { seed: 7 });
    c.h("full");
    c.angleEncoding({ gate: "rz", scale: 0.7 });
    c.cry("cycle");
    c.angleEncoding({ gate: "rx", qubitsIdx: [0, 2] });
    c.u3("full");
    const x = tensor(
      [
        [0.1, 0.2, 0.3, -0.4, 0.5],
        [1.1, -0.2, 0.9, 0.4, 2.5],
      ],
      { requiresGrad: true },
    );
    const sumLoss = (): Tensor => lossOf(c, H, undefined, x).sum();
    sumLoss().backward();
    const fd = fdGrad(x.data, () => noGrad(() => sumLoss().item()));
    expect(maxDiff(x.grad!.data, fd)).toBeLessThan(1e-7);
    for (const p of c.parameters()) {
      const fdp = fdGrad(p.data, () => noGrad(() => sumLoss().item()));
      expect(maxDiff(p.grad!.data, fdp)).toBeLessThan(1e-7);
    }
  });

  it("give the input-state gradient 2 U^dagger H U psi", () => {
    const c = new Circuit(n, { seed: 9 });
    c.u3("full");
    c.cnot("cycle");
    c.crx([2, 0]);
    const amps = State.random(n, { seed: 1 }).toArray();
    const t = fromData(amps, [1, 2 ** n], "complex128", { requiresGrad: true });
    expecVal(c.forward(State.fromTensor(t)), H).backward();
    const f = (): number =>
      noGrad(() =>
        expecVal(c.forward(State.fromTensor(fromData(amps, [1, 2 ** n], "complex128"))), H).item(),
      );
    const fd = fdGrad(amps, f);
    expect(maxDiff(t.grad!.data, fd)).toBeLessThan(1e-7);
    // and the closed form 2 U^dagger H U psi
    const u = c.unitary();
    const hm = H.matrix();
    const expected = matvec(dagger(u), matvec(hm, matvec(u, amps)));
    for (let i = 0; i < expected.length; i++) expected[i] *= 2;
    expect(maxDiff(t.grad!.data, expected)).toBeLessThan(1e-12);
  });

  it("keep at most 4 state buffers alive per batch element (layered circuit, n = 10)", () => {
    const m = 10;
    const c = new Circuit(m, { seed: 1 });
    for (let l = 0; l < 4; l++) {
      c.ry("full");
      c.rz("full");
      c.cnot("linear");
    }
    const Hm = new Hamiltonian([[1, "Z0, Z1"]], { nQubits: m });
    const be = getBackend();
    be.resetStats();
    const before = be.stats().live;
    expecVal(c.forward(), Hm).backward();
    expect(be.stats().peakLive - before).toBeLessThanOrEqual(4);
  });
});

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}
