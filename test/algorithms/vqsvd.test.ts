import { describe, expect, it } from "vitest";
import { VQSVD } from "../../src/algorithms/vqsvd.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { dagger, eighHermitian, matmul, matvec } from "../../src/quantum/linalg.js";
import { Rng } from "../../src/random.js";

function universal(seed: number): Circuit {
  const c = new Circuit(2, { seed });
  c.universalTwoQubits([0, 1]);
  return c;
}

describe("VQSVD: singular values from two circuits", () => {
  it("the singular values of a seeded random complex 4 x 4 matrix match the dense SVD", () => {
    const rng = new Rng(9);
    const m = new Float64Array(32);
    for (let i = 0; i < 32; i++) m[i] = rng.uniformIn(-1, 1);
    const exact = Array.from(eighHermitian(matmul(dagger(m), m)).values)
      .map((x) => Math.sqrt(Math.max(x, 0)))
      .sort((a, b) => b - a);
    const r = new VQSVD(m, universal(1), universal(2), {
      rank: 4,
      gradientTolerance: 1e-9,
      tolerance: 1e-15,
      maxIterations: 1000,
    }).run();
    for (let j = 0; j < 4; j++) expect(r.singularValues[j]!).toBeCloseTo(exact[j]!, 5);
    // M V|j> = s_j U|j>
    for (let j = 0; j < 4; j++) {
      const mv = matvec(m, r.right[j]!);
      for (let i = 0; i < 8; i++) expect(mv[i]!).toBeCloseTo(exact[j]! * r.left[j]![i]!, 4);
    }
  });

  it("refuses circuits of different sizes and a wrong-sized matrix", () => {
    expect(() => new VQSVD(new Float64Array(32), universal(1), new Circuit(1))).toThrow(
      "VQSVD: u acts on 2 qubits, v on 1",
    );
    expect(() => new VQSVD(new Float64Array(8), universal(1), universal(2))).toThrow(
      /matrix is 2 x 2, the ansatz needs 4 x 4/,
    );
  });
});
