import { describe, expect, it } from "vitest";
import { SSVQE } from "../../src/algorithms/ssvqe.js";
import { ArgumentError } from "../../src/errors.js";
import { randomHamiltonian } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { eighHermitian } from "../../src/quantum/linalg.js";

function universal(seed: number): Circuit {
  const c = new Circuit(2, { seed });
  c.universalTwoQubits([0, 1]);
  return c;
}

describe("SSVQE: the k lowest levels from one circuit", () => {
  it("the four levels of a seeded random 2-qubit Hamiltonian match exact diagonalization to 1e-6", () => {
    const H = randomHamiltonian(2, { nTerms: 15, seed: 11 });
    const exact = Array.from(eighHermitian(H.matrix()).values).sort((a, b) => a - b);
    const r = new SSVQE(H, universal(4), {
      k: 4,
      gradientTolerance: 1e-10,
      tolerance: 1e-15,
      maxIterations: 500,
    }).run();
    expect(r.energies.length).toBe(4);
    for (let j = 0; j < 4; j++) expect(Math.abs(r.energies[j]! - exact[j]!)).toBeLessThan(1e-6);
  });

  it("k = 2 with the default weights gives the two lowest levels", () => {
    const H = randomHamiltonian(2, { nTerms: 6, seed: 3 });
    const exact = Array.from(eighHermitian(H.matrix()).values).sort((a, b) => a - b);
    const r = new SSVQE(H, universal(1), { gradientTolerance: 1e-9, tolerance: 1e-14 }).run();
    expect(r.energies[0]!).toBeCloseTo(exact[0]!, 6);
    expect(r.energies[1]!).toBeCloseTo(exact[1]!, 6);
  });

  it("refuses k beyond the space and weights out of order", () => {
    expect(() => new SSVQE("Z0", universal(1), { k: 5 })).toThrow(
      "SSVQE: k must be an integer in [1, 4], got 5",
    );
    expect(() => new SSVQE("Z0", universal(1), { k: 2, weights: [0.5, 1] })).toThrow(ArgumentError);
    expect(() => new SSVQE("Z0", { forward: () => 0, parameters: () => [] } as never)).toThrow(
      /nQubits/,
    );
  });
});
