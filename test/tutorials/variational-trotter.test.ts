import { describe, expect, it } from "vitest";
import * as tutorial from "../../tutorials/variational-trotter.js";
import { runQuick } from "./helpers.js";

describe("tutorial variational-trotter", () => {
  it("trains Trotter layers to the Heisenberg chain's ground state (energy and fidelity)", async () => {
    const { result } = await runQuick(tutorial);
    const n = result.numbers as {
      groundEnergy: number;
      results: { energy: number; relError: number; fidelity: number }[];
    };
    const last = n.results.at(-1)!;
    expect(last.relError).toBeLessThan(1e-4);
    expect(last.energy).toBeGreaterThanOrEqual(n.groundEnergy - 1e-9); // variational: never below E0
    expect(last.fidelity).toBeGreaterThan(0.999);
  });
});
