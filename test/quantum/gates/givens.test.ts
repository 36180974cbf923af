import { describe, expect, it } from "vitest";
import { circuitToQasm } from "../../../src/io/circuit-qasm.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { gateShiftRule } from "../../../src/qml/paramshift.js";
import { Circuit, type GradientMethod } from "../../../src/quantum/circuit/circuit.js";
import { DOUBLE_EXCITATION, SINGLE_EXCITATION } from "../../../src/quantum/gates/givens.js";
import { pauliRotationGate } from "../../../src/quantum/gates/table.js";
import { expmHermitian, isUnitary, maxAbsDiff } from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { Parameter } from "../../../src/tensor/index.js";

const s2 = Math.SQRT2;

describe("Givens excitation gates", () => {
  it("are exp(-i t G / 2) of their generator and keep the number of ones", () => {
    for (const g of [SINGLE_EXCITATION, DOUBLE_EXCITATION]) {
      for (const t of [0.3, -1.7, 4.1]) {
        const u = g.matrix([t]);
        expect(isUnitary(u)).toBe(true);
        // a second method: the matrix exponential of the generator by eigendecomposition
        expect(maxAbsDiff(u, expmHermitian(g.generator!, [0, -t / 2]))).toBeLessThan(1e-12);
        const dim = 1 << g.nQubits;
        const ones = (i: number) => i.toString(2).replaceAll("0", "").length;
        for (let i = 0; i < dim; i++)
          for (let j = 0; j < dim; j++)
            if (ones(i) !== ones(j))
              expect(Math.hypot(u[2 * (i * dim + j)]!, u[2 * (i * dim + j) + 1]!)).toBe(0);
      }
    }
    // |01> -> cos|01> + sin|10> (row-major: column 1)
    const u = SINGLE_EXCITATION.matrix([1]);
    expect(u[2 * (1 * 4 + 1)]).toBeCloseTo(Math.cos(0.5), 14);
    expect(u[2 * (2 * 4 + 1)]).toBeCloseTo(Math.sin(0.5), 14);
  });

  it("single_excitation equals the Pauli rotations exp(-i t (YX - XY) / 4)", () => {
    const t = 0.83;
    const c = new Circuit(2);
    c.addOperation(pauliRotationGate(["Y", "X"]), [0, 1], [{ kind: "const", value: t / 2 }]);
    c.addOperation(pauliRotationGate(["X", "Y"]), [0, 1], [{ kind: "const", value: -t / 2 }]);
    const viaGate = new Circuit(2);
    viaGate.addOperation(SINGLE_EXCITATION, [0, 1], [{ kind: "const", value: t }]);
    for (const prep of [
      [0, 1],
      [1, 0],
    ]) {
      const a = new Circuit(2);
      const b = new Circuit(2);
      for (const [q, bit] of prep.entries()) {
        if (bit) {
          a.x(q);
          b.x(q);
        }
      }
      a.extend(c);
      b.extend(viaGate);
      expect(
        maxAbsDiff(a.forward().toArray() as Float64Array, b.forward().toArray() as Float64Array),
      ).toBeLessThan(1e-12);
    }
  });

  it("have the exact four-term rule for expectation values and two terms for states", () => {
    for (const g of [SINGLE_EXCITATION, DOUBLE_EXCITATION]) {
      const r = gateShiftRule(g, 0, "expectation");
      expect(r.shifts).toHaveLength(2);
      expect(r.shifts[0]).toBeCloseTo(Math.PI / 2, 12);
      expect(r.shifts[1]).toBeCloseTo((3 * Math.PI) / 2, 12);
      expect(r.coefficients[0]).toBeCloseTo((s2 + 1) / (4 * s2), 12);
      expect(r.coefficients[1]).toBeCloseTo(-(s2 - 1) / (4 * s2), 12);
      // the state functional has exponents {-1/2, 0, 1/2}: one frequency, shift pi, weight 1/4
      const st = gateShiftRule(g, 0, "state");
      expect(st.shifts).toEqual([expect.closeTo(Math.PI, 12)]);
      expect(st.coefficients[0]).toBeCloseTo(0.25, 12);
      // the four-term rule is exact on an expectation value (the adjoint is the yardstick)
      const theta = new Parameter(Float64Array.from([0.7]), [1]);
      // seeded: the gradient must be clearly non-zero at these angles (some draws give ~1e-5)
      const c = new Circuit(g.nQubits, { seed: 1 });
      c.ry("full");
      c.addOperation(
        g,
        Array.from({ length: g.nQubits }, (_, q) => q),
        [{ kind: "param", param: theta, index: 0, scale: 1 }],
      );
      const H = Hamiltonian.fromString("0.7 Z0 + 0.4 X0 X1 - 0.2 Y1 Z0");
      const energy = (t: number) => {
        theta.data[0] = t;
        return expecVal(c.forward(), H).item();
      };
      let shifted = 0;
      r.shifts.forEach((x, mu) => {
        shifted += r.coefficients[mu]! * (energy(0.7 + x) - energy(0.7 - x));
      });
      theta.data[0] = 0.7;
      theta.grad = null;
      expecVal(c.forward(), H).backward();
      expect(Math.abs(theta.grad!.data[0]!)).toBeGreaterThan(1e-3);
      expect(Math.abs(shifted - theta.grad!.data[0]!)).toBeLessThan(1e-12);
    }
  });

  it("differentiate the same by adjoint, parameter shift and finite differences", () => {
    const theta = new Parameter(Float64Array.from([0.4, -1.1, 0.9, 2.3]), [4]);
    const c = new Circuit(5, { seed: 3 });
    c.x(0).x(1).x(3);
    c.ry(2);
    const p = (index: number, scale = 1) => ({
      kind: "param" as const,
      param: theta,
      index,
      scale,
    });
    c.addOperation(DOUBLE_EXCITATION, [2, 4, 0, 1], [p(0)]);
    c.addOperation(SINGLE_EXCITATION, [1, 4], [p(1)]);
    c.addOperation(SINGLE_EXCITATION, [3, 2], [p(2, 0.5)]);
    c.addOperation(DOUBLE_EXCITATION, [0, 3, 1, 2], [p(3)]);
    c.addOperation(SINGLE_EXCITATION, [0, 4], [p(1, -0.7)]); // shared entry
    const H = Hamiltonian.fromString("0.5 Z0 Z1 - 0.3 X2 X4 + 0.2 Y0 Y3 + 0.4 Z4 + 0.1 X1 Y2 Z3");
    const grads = (["adjoint", "parameter-shift", "finite-diff"] as GradientMethod[]).map((m) => {
      c.gradMethod = m;
      for (const q of c.parameters()) q.grad = null;
      expecVal(c.forward(), H).sum().backward();
      return c.parameters().flatMap((q) => Array.from(q.grad!.data));
    });
    const [adj, ps, fd] = grads as [number[], number[], number[]];
    expect(Math.max(...adj.slice(0, 4).map(Math.abs))).toBeGreaterThan(1e-2);
    for (let i = 0; i < adj.length; i++) {
      expect(Math.abs(adj[i]! - ps[i]!)).toBeLessThan(1e-10);
      expect(Math.abs(adj[i]! - fd[i]!)).toBeLessThan(1e-7);
    }
  });

  it("are not table gates: JSON and OpenQASM export refuse them by name", () => {
    const c = new Circuit(2);
    c.addOperation(SINGLE_EXCITATION, [0, 1], [{ kind: "const", value: 0.3 }]);
    expect(() => c.toJSON()).toThrow(/single_excitation/);
    expect(() => circuitToQasm(c)).toThrow(/single_excitation.*no OpenQASM 2 form/);
  });
});
