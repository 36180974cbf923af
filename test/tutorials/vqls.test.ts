import { describe, expect, it } from "vitest";
import { solveLinear } from "../../src/chem/linalg.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import * as vqls from "../../tutorials/vqls.js";
import { runQuick } from "./helpers.js";

describe("tutorial vqls", () => {
  it("solves A x = b to the dense solution (Gaussian elimination) within 1e-4", async () => {
    const { result } = await runQuick(vqls);
    const n = result.numbers as {
      a: [number, string][];
      b: number[];
      x: number[];
      xImag: number[];
    };
    const dense = new Hamiltonian(n.a, { nQubits: 3 }).matrix();
    const aReal = new Float64Array(64);
    for (let i = 0; i < 64; i++) aReal[i] = dense[2 * i]!;
    const bReal = Float64Array.from({ length: 8 }, (_, i) => n.b[2 * i]!);
    const exact = solveLinear(aReal, bReal, 8)!;
    for (let i = 0; i < 8; i++) {
      expect(Math.abs(n.x[i]! - exact[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(n.xImag[i]!)).toBeLessThan(1e-4);
    }
  });
});
