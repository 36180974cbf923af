import { describe, expect, it } from "vitest";
import { VQSD } from "../../src/algorithms/vqsd.js";
import { randomUnitary } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { dagger, eighHermitian, fromRows, matmul } from "../../src/quantum/linalg.js";

describe("VQSD: the spectrum of a mixed state", () => {
  it("the learned diagonal matches the dense eigenvalues of a random rank-3 two-qubit state", () => {
    const p = [0.55, 0.3, 0.15, 0];
    const v = randomUnitary(2, { seed: 4 });
    const diag = fromRows(p.map((x, i) => p.map((_, j) => (i === j ? x : 0))));
    const m = matmul(matmul(v, diag), dagger(v));
    const exact = Array.from(eighHermitian(m).values).sort((a, b) => b - a);
    const c = new Circuit(2, { seed: 3 });
    c.universalTwoQubits([0, 1]);
    const r = new VQSD(DensityMatrix.fromMatrix(m), c, {
      gradientTolerance: 1e-9,
      tolerance: 1e-14,
    }).run();
    for (let j = 0; j < 4; j++) expect(r.eigenvalues[j]!).toBeCloseTo(exact[j]!, 5);
  });

  it("refuses a pure State and a mismatched ansatz", () => {
    const c = new Circuit(1);
    expect(() => new VQSD(DensityMatrix.zero(2), c)).toThrow(
      "VQSD: the ansatz acts on 1 qubits, rho has 2",
    );
    expect(() => new VQSD({} as never, c)).toThrow(/rho must be a DensityMatrix/);
  });
});
