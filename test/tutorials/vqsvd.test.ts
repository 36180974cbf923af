import { describe, expect, it } from "vitest";
import { dagger, eighHermitian, matmul } from "../../src/quantum/linalg.js";
import * as vqsvd from "../../tutorials/vqsvd.js";
import { runQuick } from "./helpers.js";

describe("tutorial vqsvd", () => {
  it("learns the singular values of its matrix (dense eigenvalues of M^† M) to 1e-5", async () => {
    const { result } = await runQuick(vqsvd);
    const n = result.numbers as {
      matrix: number[];
      singularValues: number[];
      lowRankError: number[];
      eckartYoung: number[];
    };
    const m = Float64Array.from(n.matrix);
    const exact = Array.from(eighHermitian(matmul(dagger(m), m)).values)
      .map((x) => Math.sqrt(Math.max(x, 0)))
      .sort((a, b) => b - a);
    for (let j = 0; j < 4; j++)
      expect(Math.abs(n.singularValues[j]! - exact[j]!)).toBeLessThan(1e-5);
    // the rank-t approximations reach the Eckart-Young bound
    for (let t = 0; t <= 4; t++) expect(n.lowRankError[t]!).toBeCloseTo(n.eckartYoung[t]!, 4);
  });
});
