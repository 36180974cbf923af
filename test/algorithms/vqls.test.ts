import { describe, expect, it } from "vitest";
import { VQLS } from "../../src/algorithms/vqls.js";
import { solveLinear } from "../../src/chem/linalg.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { State } from "../../src/quantum/state/state.js";

describe("VQLS: A x = b through a circuit", () => {
  it("matches the dense solution of a real 4 x 4 system (A a Pauli sum, b a given state)", () => {
    const A = Hamiltonian.fromString("1 + 0.2 X0 + 0.3 Z1 - 0.15 X0 X1");
    const bAmps = [0.5, -0.3, 0.7, 0.2];
    const norm = Math.hypot(...bAmps);
    const b = State.fromAmplitudes(bAmps.map((x) => x / norm));
    const dense = A.matrix(2);
    const aReal = new Float64Array(16);
    for (let i = 0; i < 16; i++) aReal[i] = dense[2 * i]!;
    const exact = solveLinear(aReal, Float64Array.from(bAmps.map((x) => x / norm)), 4)!;
    const c = new Circuit(2, { seed: 5 });
    c.universalTwoQubits([0, 1]);
    const r = new VQLS(A, b, c, { gradientTolerance: 1e-9, tolerance: 1e-15 }).run();
    expect(r.cost).toBeLessThan(1e-10);
    for (let i = 0; i < 4; i++) {
      expect(r.solution[2 * i]!).toBeCloseTo(exact[i]!, 5);
      expect(r.solution[2 * i + 1]!).toBeCloseTo(0, 5);
    }
  });

  it("accepts a dense complex matrix and refuses a b on other qubits", () => {
    const c = new Circuit(1, { seed: 1 });
    c.u3(0);
    // A = [[2, i], [-i, 3]], b = |0>: x = A^-1 b = [3, i] / 5
    const a = new Float64Array([2, 0, 0, 1, 0, -1, 3, 0]);
    const r = new VQLS(a, State.basis(1, 0), c, {
      gradientTolerance: 1e-10,
      tolerance: 1e-15,
    }).run();
    expect(r.solution[0]!).toBeCloseTo(0.6, 6);
    expect(r.solution[1]!).toBeCloseTo(0, 6);
    expect(r.solution[2]!).toBeCloseTo(0, 6);
    expect(r.solution[3]!).toBeCloseTo(0.2, 6);
    expect(() => new VQLS(a, State.zero(2), c)).toThrow(/b must be a batch-1 State/);
  });
});
