import { describe, expect, it } from "vitest";
import { VQD } from "../../src/algorithms/vqd.js";
import { randomHamiltonian, stateFidelitySquared } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { eighHermitian } from "../../src/quantum/linalg.js";

describe("VQD: levels by deflation", () => {
  it("three levels of a random 2-qubit Hamiltonian match exact diagonalization; the states are orthogonal", () => {
    const H = randomHamiltonian(2, { nTerms: 10, seed: 7 });
    const exact = Array.from(eighHermitian(H.matrix()).values).sort((a, b) => a - b);
    const make = (level: number) => {
      const c = new Circuit(2, { seed: 20 + level });
      c.universalTwoQubits([0, 1]);
      return c;
    };
    const r = new VQD(H, make, { k: 3, gradientTolerance: 1e-9, tolerance: 1e-14 }).run();
    for (let j = 0; j < 3; j++) expect(r.energies[j]!).toBeCloseTo(exact[j]!, 5);
    expect(stateFidelitySquared(r.states[0]!, r.states[1]!).item()).toBeLessThan(1e-6);
    expect(stateFidelitySquared(r.states[1]!, r.states[2]!).item()).toBeLessThan(1e-6);
  });

  it("refuses an ansatz that is not a function and a bad beta", () => {
    expect(() => new VQD("Z0", new Circuit(1) as never)).toThrow(/must be a function/);
    expect(() => new VQD("Z0", () => new Circuit(1), { beta: -1 })).toThrow(
      "VQD: beta must be a positive number, got -1",
    );
  });
});
