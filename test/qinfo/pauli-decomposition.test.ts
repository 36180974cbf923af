import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  hamiltonianFromMatrix,
  pauliComponentsMatrix,
  pauliDecomposition,
  randomHamiltonian,
  randomUnitary,
} from "../../src/qinfo/index.js";
import { fromRows, maxAbsDiff } from "../../src/quantum/linalg.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";

describe("Pauli decomposition", () => {
  it("of single Paulis and of the Hadamard matrix", () => {
    const y = fromRows([
      [0, [0, -1]],
      [[0, 1], 0],
    ]);
    expect(pauliDecomposition(y)).toEqual([{ coefficient: [1, 0], pauli: "Y0" }]);
    const h = fromRows([
      [1, 1],
      [1, -1],
    ]).map((x) => x * Math.SQRT1_2);
    const comps = pauliDecomposition(h);
    expect(comps.map((c) => c.pauli).sort()).toEqual(["X0", "Z0"]);
    for (const c of comps) expect(c.coefficient[0]).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it("recovers a Hamiltonian from its matrix (qubit order included)", () => {
    const h = Hamiltonian.fromString("0.5 Z0 Z1 - 0.3 X2 + 0.1 Y0 Y2 + 0.7 X0 Z1 Y2 + 0.2");
    const back = hamiltonianFromMatrix(h.matrix());
    expect(maxAbsDiff(back.matrix(3), h.matrix())).toBeLessThan(1e-14);
    const byString = new Map(
      back.terms.map((t) => [`${t.letters.join("")}${t.qubits.join("")}`, t.coefficient]),
    );
    expect(byString.get("ZZ01")).toBeCloseTo(0.5, 14);
    expect(byString.get("X2")).toBeCloseTo(-0.3, 14);
    expect(byString.get("XZY012")).toBeCloseTo(0.7, 14);
  });

  it("round-trips random Hamiltonians and non-Hermitian matrices", () => {
    const h = randomHamiltonian(3, { nTerms: 8, seed: 1 });
    expect(maxAbsDiff(hamiltonianFromMatrix(h.matrix()).matrix(3), h.matrix())).toBeLessThan(1e-14);
    const u = randomUnitary(3, { seed: 2 });
    expect(maxAbsDiff(pauliComponentsMatrix(pauliDecomposition(u), 3), u)).toBeLessThan(1e-14);
    // sum |c_P|^2 = tr(U^dagger U) / d = 1 (Parseval for the Pauli basis)
    const norm = pauliDecomposition(u).reduce(
      (s, c) => s + c.coefficient[0] ** 2 + c.coefficient[1] ** 2,
      0,
    );
    expect(norm).toBeCloseTo(1, 12);
    expect(() => hamiltonianFromMatrix(u)).toThrow(/not Hermitian/);
    expect(() => pauliComponentsMatrix([{ coefficient: [1, 0], pauli: "X5" }], 2)).toThrow(
      ArgumentError,
    );
  });
});
