/**
 * Trotter-Suzuki circuits: the product-formula schedules, the fragments of each grouping, the
 * convergence orders against the exact evolution (state, infidelity and operator errors), the
 * issue's "Must show" ratio, trainable angles, QASM export and fusion, and the bad inputs.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { circuitFromQasm, circuitToQasm } from "../../../src/io/circuit-qasm.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { parameterShift } from "../../../src/qml/paramshift.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { maxAbsDiff } from "../../../src/quantum/linalg.js";
import {
  evolutionOperator,
  infidelity,
  operatorDistance,
  stateDistance,
} from "../../../src/quantum/operators/evolution.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { chainLattice } from "../../../src/quantum/operators/lattice.js";
import { heisenberg } from "../../../src/quantum/operators/spin-models.js";
import {
  productFormula,
  trotterCircuit,
  trotterFragments,
} from "../../../src/quantum/operators/trotter.js";
import { State } from "../../../src/quantum/state/state.js";
import { heisenbergChainList } from "./dense-reference.js";

/** log2 of consecutive error ratios when the steps double: the observed convergence orders. */
function observedOrders(errors: readonly number[]): number[] {
  return errors.slice(1).map((e, i) => Math.log2(errors[i]! / e));
}

describe("productFormula", () => {
  it("gives each fragment the whole time, merges neighbours, and is symmetric from order 2 on", () => {
    for (const [order, k, steps] of [
      [1, 3, 2],
      [2, 4, 3],
      [4, 3, 2],
      [6, 2, 1],
    ] as const) {
      const f = productFormula(k, order, steps);
      for (let frag = 0; frag < k; frag++) {
        const total = f.filter((x) => x.fragment === frag).reduce((s, x) => s + x.fraction, 0);
        expect(total).toBeCloseTo(steps, 12);
      }
      for (let i = 1; i < f.length; i++) expect(f[i]!.fragment).not.toBe(f[i - 1]!.fragment);
      if (order >= 2) {
        const rev = [...f].reverse();
        f.forEach((x, i) => {
          expect(x.fragment).toBe(rev[i]!.fragment);
          expect(x.fraction).toBeCloseTo(rev[i]!.fraction, 12);
        });
      }
    }
    // r steps of order 2 over K fragments: r (2K - 2) + 1 exponentials
    expect(productFormula(4, 2, 3).length).toBe(3 * 6 + 1);
    expect(productFormula(2, 2, 1)).toEqual([
      { fragment: 0, fraction: 0.5 },
      { fragment: 1, fraction: 1 },
      { fragment: 0, fraction: 0.5 },
    ]);
    // Suzuki's order 4 has a negative middle step: p = 1 / (4 - 4^(1/3))
    const p = 1 / (4 - 4 ** (1 / 3));
    expect(Math.min(...productFormula(1, 4, 1).map((x) => x.fraction))).toBeCloseTo(1, 12);
    expect(productFormula(2, 4, 1).some((x) => x.fraction < 0)).toBe(true);
    expect(productFormula(2, 4, 1)[0]!.fraction).toBeCloseTo(p / 2, 12);
  });
});

describe("trotterFragments", () => {
  const H = heisenberg(chainLattice(5));

  it('"none" keeps one term per fragment in H\'s order (or the permutation), without identity terms', () => {
    const withConst = H.add(2);
    expect(trotterFragments(withConst.terms).length).toBe(H.nTerms);
    const perm = H.terms.map((_, i) => H.nTerms - 1 - i);
    expect(trotterFragments(H.terms, "none", perm).map((g) => g[0])).toEqual(perm);
  });

  it('"commuting" splits a nearest-neighbour chain into its even and odd bonds', () => {
    const groups = trotterFragments(H.terms, "commuting");
    expect(groups.length).toBe(2);
    const bonds = (g: number[]) => [...new Set(g.map((i) => H.terms[i]!.qubits[0]))];
    expect(bonds(groups[0]!)).toEqual([0, 2]);
    expect(bonds(groups[1]!)).toEqual([1, 3]);
  });

  it('"qubitwise" groups only terms that agree letter by letter', () => {
    const groups = trotterFragments(H.terms, "qubitwise");
    // X0 X1 and X1 X2 agree on qubit 1: all XX bonds share a group, likewise YY and ZZ
    expect(groups.map((g) => [...new Set(g.map((i) => H.terms[i]!.letters.join("")))])).toEqual([
      ["XX"],
      ["YY"],
      ["ZZ"],
    ]);
  });
});

describe("trotterCircuit", () => {
  it("Must show: order 2 on the 6-site Heisenberg chain (t = 1, Neel start): distance ratio between 10 and 20 steps is 4 +- 0.3", () => {
    const H = new Hamiltonian(heisenbergChainList(6));
    const neel = State.basis(6, "010101");
    const exact = neel.evolve(H, 1);
    const dist = (steps: number) =>
      stateDistance(trotterCircuit(H, 1, { steps, order: 2 }).forward(neel), exact);
    const d10 = dist(10);
    const d20 = dist(20);
    expect(d10).toBeGreaterThan(1e-4); // far above the exact evolution's 1e-12
    expect(Math.abs(d10 / d20 - 4)).toBeLessThan(0.3);
  });

  it("converges as steps^-p in state and operator distance and steps^-2p in infidelity (orders 1, 2, 4)", () => {
    const H = heisenberg(chainLattice(4), { J: [1, 0.7, 0.4], h: [0.3, 0.2, 0.5] });
    const psi = State.random(4, { seed: 1 });
    const t = 2;
    const exact = psi.evolve(H, t);
    const U = evolutionOperator(H, t);
    for (const [p, steps] of [
      [1, [8, 16, 32]],
      [2, [4, 8, 16]],
      [4, [4, 8, 16]],
    ] as const) {
      const state: number[] = [];
      const infid: number[] = [];
      const op: number[] = [];
      for (const s of steps) {
        const c = trotterCircuit(H, t, { steps: s, order: p });
        const out = c.forward(psi);
        state.push(stateDistance(out, exact));
        infid.push(infidelity(out, exact));
        op.push(operatorDistance(c.unitary(), U));
      }
      expect(Math.min(...state, ...infid, ...op)).toBeGreaterThan(1e-12);
      for (const o of observedOrders(state)) expect(Math.abs(o - p)).toBeLessThan(0.15);
      for (const o of observedOrders(op)) expect(Math.abs(o - p)).toBeLessThan(0.15);
      for (const o of observedOrders(infid)) expect(Math.abs(o - 2 * p)).toBeLessThan(0.3);
    }
  });

  it("is exact for commuting terms in one step, including the identity terms' global phase", () => {
    const H = Hamiltonian.fromString("0.7 I + 0.5 Z0 Z1 - 0.3 Z1 + 0.2 Z0 Z2");
    const c = trotterCircuit(H, 1.3);
    expect(c.globalPhase).toBeCloseTo(-0.7 * 1.3, 15);
    expect(maxAbsDiff(c.unitary(), evolutionOperator(H, 1.3))).toBeLessThan(1e-13);
    // the XX + YY + ZZ of one bond commute: grouped by commuting sets, one step is exact
    const bond = Hamiltonian.fromString("X0 X1 + Y0 Y1 + Z0 Z1");
    const g = trotterCircuit(bond, 0.9, { grouping: "commuting", order: 2 });
    expect(g.gateCount).toBe(3);
    expect(maxAbsDiff(g.unitary(), evolutionOperator(bond, 0.9))).toBeLessThan(1e-13);
  });

  it("uses the named rotation gates and merges neighbouring halves (order 2: r (2K - 2) + 1 fragments)", () => {
    const H = Hamiltonian.fromString("X0 X1 + 0.5 Z1 Z2 + 0.2 Y0 + X0 Y1 Z2");
    const c = trotterCircuit(H, 1, { steps: 5, order: 2 });
    expect(c.gateCount).toBe(5 * 6 + 1);
    expect(Object.keys(c.gateCounts()).sort()).toEqual(["pauli_rotation", "rxx", "ry", "rzz"]);
  });

  it("gives the same state fused and unfused, through QASM export (up to phase) and circuit JSON", () => {
    const H = heisenberg(chainLattice(4), { J: [1, 0.8, 0.6], h: [0.2, 0, 0.1] }).add(
      Hamiltonian.fromString("0.3 X0 Y1 Z2"),
    );
    const c = trotterCircuit(H, 0.7, { steps: 3, order: 2 });
    const psi = State.random(4, { seed: 3 });
    c.fusion = 0;
    const unfused = c.forward(psi);
    c.fusion = 2;
    const fused = c.forward(psi);
    expect(stateDistance(fused, unfused)).toBeLessThan(1e-13);
    const back = circuitFromQasm(circuitToQasm(c)).circuit;
    expect(stateDistance(back.forward(psi), fused)).toBeLessThan(1e-12);
    // the circuit JSON format keeps it exactly, phase included
    const json = Circuit.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
    const a = json.forward(psi).toArray();
    const b = fused.toArray();
    expect(Math.max(...a.map((v, i) => Math.abs(v - b[i]!)))).toBeLessThan(1e-15);
  });

  it("with trainable: true starts at the formula's angles and differentiates by the adjoint method", () => {
    const H = heisenberg(chainLattice(3), { h: 0.4 });
    const fixed = trotterCircuit(H, 0.8, { steps: 2, order: 2 });
    const c = trotterCircuit(H, 0.8, { steps: 2, order: 2, trainable: true });
    const [theta] = c.parameters();
    expect(c.parameters().length).toBe(1);
    expect(theta!.size).toBe(c.gateCount);
    const psi = State.basis(3, "010");
    expect(stateDistance(c.forward(psi), fixed.forward(psi))).toBeLessThan(1e-14);
    const O = Hamiltonian.fromString("Z0 Z1 + 0.5 X2");
    expecVal(c.forward(psi), O).backward();
    const adjoint = Float64Array.from(theta!.grad!.data);
    theta!.grad = null;
    c.gradMethod = parameterShift();
    expecVal(c.forward(psi), O).backward();
    const shift = theta!.grad!.data;
    expect(Math.max(...adjoint.map((g, i) => Math.abs(g - shift[i]!)))).toBeLessThan(1e-10);
  });

  it("accepts a user order (permutation) and explicit commuting groups", () => {
    const H = Hamiltonian.fromString("X0 X1 + Z0 Z1 + Y1 Y2 + Z2");
    const perm = [3, 2, 1, 0];
    const c = trotterCircuit(H, 0.5, { permutation: perm });
    expect(c.operations.map((op) => op.qubits.join(""))).toEqual(["2", "12", "01", "01"]);
    const grouped = trotterCircuit(H, 0.5, { grouping: [[0, 1], [2], [3]], order: 2, steps: 2 });
    const exact = evolutionOperator(H, 0.5);
    expect(operatorDistance(grouped.unitary(), exact)).toBeLessThan(0.05);
  });
});

describe("trotterCircuit: bad input", () => {
  const H = Hamiltonian.fromString("X0 X1 + Z0");

  it("rejects a non-Hermitian H (complex coefficients)", () => {
    const complex = { terms: [{ coefficient: [1, 2], qubits: [0], letters: ["X"] }] };
    expect(() => trotterCircuit(complex as never, 1)).toThrow(/not Hermitian/);
  });

  it("rejects t that is not finite", () => {
    expect(() => trotterCircuit(H, Number.NaN)).toThrow(/t must be a finite number/);
    expect(() => trotterCircuit(H, Number.NEGATIVE_INFINITY)).toThrow(ArgumentError);
  });

  it("rejects steps < 1 and non-integer steps", () => {
    for (const steps of [0, -1, 1.5]) {
      expect(() => trotterCircuit(H, 1, { steps })).toThrow(/steps must be an integer >= 1/);
    }
  });

  it("rejects an order other than 1, 2 or an even number", () => {
    for (const order of [0, 3, 5, 2.5]) {
      expect(() => trotterCircuit(H, 1, { order })).toThrow(/order must be 1, 2 or an even/);
    }
  });

  it("rejects terms on qubits beyond the circuit", () => {
    expect(() => trotterCircuit(H, 1, { nQubits: 1 })).toThrow(/nQubits must be an integer >= 2/);
    const c = trotterCircuit(H, 1);
    expect(() => c.forward(State.zero(3))).toThrow(/qubits/);
  });

  it("rejects unknown options (naming the valid keys), bad groupings and bad permutations", () => {
    expect(() => trotterCircuit(H, 1, { step: 3 } as never)).toThrow(
      /unknown option 'step'(?: \(did you mean '[^']+'\?\))?; valid options: steps, order, grouping, permutation, trainable, nQubits, backend/,
    );
    expect(() => trotterCircuit(H, 1, { grouping: "pairs" as never })).toThrow(ArgumentError);
    expect(() => trotterCircuit(H, 1, { grouping: [[0, 1]] })).toThrow(/do not commute/);
    expect(() => trotterCircuit(H, 1, { grouping: [[0]] })).toThrow(/leaves out term 1/);
    expect(() => trotterCircuit(H, 1, { permutation: [0, 0] })).toThrow(/exactly once/);
    expect(() => trotterCircuit(H, 1, { trainable: 1 as never })).toThrow(ArgumentError);
  });
});
