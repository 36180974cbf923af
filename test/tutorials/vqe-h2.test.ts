import { describe, expect, it } from "vitest";
import * as vqeH2 from "../../tutorials/vqe-h2.js";
import { runQuick } from "./helpers.js";

describe("tutorial vqe-h2", () => {
  it("reaches the FCI energy of H2 at 0.735 A to 1e-6 with both ansatzes", async () => {
    const { result } = await runQuick(vqeH2);
    const n = result.numbers as {
      fci: number;
      lanczos: number;
      hartreeFock: number;
      ucc: { energy: number };
      hardwareEfficient: { energy: number };
    };
    // FCI (determinant space) and Lanczos (qubit space) are two routes to the same number
    expect(Math.abs(n.fci - -1.137306)).toBeLessThan(1e-6);
    expect(Math.abs(n.lanczos - n.fci)).toBeLessThan(1e-8);
    expect(Math.abs(n.ucc.energy - n.fci)).toBeLessThan(1e-6);
    expect(Math.abs(n.hardwareEfficient.energy - n.fci)).toBeLessThan(1e-6);
    expect(n.hartreeFock).toBeGreaterThan(n.fci + 0.01); // correlation energy ~ -0.02 Ha
  });
});
