import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { randomHamiltonian } from "../../src/qinfo/index.js";
import type { VQEIteration } from "../../src/qml/variational-loop.js";
import { VQE } from "../../src/qml/vqe.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { State } from "../../src/quantum/state/state.js";

function universal(seed: number): Circuit {
  const c = new Circuit(2, { seed });
  c.universalTwoQubits([0, 1]);
  return c;
}

describe("VQE for any Hamiltonian and ansatz", () => {
  it("a universal 2-qubit circuit reaches the exact ground energy of a random Hamiltonian", () => {
    const H = randomHamiltonian(2, { nTerms: 8, seed: 5 });
    const exact = H.groundState({ k: 1, seed: 1, tol: 1e-12 }).energies[0]!;
    const r = new VQE(H, universal(2), { gradientTolerance: 1e-8, tolerance: 1e-13 }).run();
    expect(r.energy).toBeCloseTo(exact, 8);
    expect(r.converged).toBe(true);
    expect(r.history.length).toBe(r.iterations);
    expect(r.parameters.length).toBe(15);
  });

  it("Adam: the callback sees every iteration's energy and can stop early", () => {
    const seen: VQEIteration[] = [];
    const r = new VQE("Z0 Z1 + 0.5 X0 + 0.5 X1", universal(3), {
      optimizer: "adam",
      lr: 0.1,
      callback: (it) => {
        seen.push(it);
        return it.iteration >= 7;
      },
    }).run();
    expect(r.iterations).toBe(7);
    expect(seen.map((s) => s.energy)).toEqual(r.history);
    expect(r.converged).toBe(false);
    // Adam lowers the energy over the first steps
    expect(r.history[6]!).toBeLessThan(r.history[0]!);
  });

  it("starts from the given input state: Z0 from |1> is minimal at the identity", () => {
    const c = new Circuit(1, { seed: 1 });
    c.rz(0);
    // RZ cannot change <Z>: from |1> the energy stays -1, from |0> it would stay +1
    const r = new VQE("Z0", c, { initialState: State.basis(1, 1) }).run();
    expect(r.energy).toBeCloseTo(-1, 12);
  });

  it("refuses a bad ansatz, an unknown key and a callback by name", () => {
    expect(() => new VQE("Z0", {} as never)).toThrow(ArgumentError);
    expect(() => new VQE("Z0", universal(1), { lr: -1 })).toThrow(
      "lr must be a positive number, got -1",
    );
    expect(() => new VQE("Z0", universal(1), { depth: 2 } as never)).toThrow(/unknown option/);
    expect(() => new VQE("Z0", universal(1), { callback: 1 } as never)).toThrow(
      "VQE: callback must be a function, got 1",
    );
  });
});
