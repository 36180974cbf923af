/** expecValShadow against the exact expecVal of a circuit's output, and its bad input. */
import { describe, expect, it } from "vitest";
import { expecVal } from "../../src/qml/expecval.js";
import { expecValShadow } from "../../src/qml/shadow-expecval.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { State } from "../../src/quantum/state/state.js";

describe("expecValShadow", () => {
  it("agrees with expecVal within its interval, for every sampling", () => {
    const c = new Circuit(3, { seed: 2 });
    c.ry("full");
    c.cnot("linear");
    c.rx("full");
    const H = "0.7 Z0 Z1 - 0.4 X1 X2 + 0.3 Y0 + 0.5 Z2 - 1";
    const psi = c.forward();
    const exact = expecVal(psi, H).item();
    for (const sampling of ["uniform", "lbcs", "aps"] as const) {
      const e = expecValShadow(psi, H, { snapshots: 6000, seed: 3, sampling, confidence: 0.9999 });
      expect(e.confidenceInterval[0]).toBeLessThan(exact);
      expect(e.confidenceInterval[1]).toBeGreaterThan(exact);
      expect(e.snapshots).toBe(6000);
    }
    const clifford = expecValShadow(psi, H, {
      snapshots: 3000,
      seed: 4,
      ensemble: "clifford",
      groups: 5,
    });
    expect(Math.abs(clifford.value - exact)).toBeLessThan(4 * clifford.standardError);
  });

  it("refuses bad input", () => {
    const bell = State.bell();
    expect(() => expecValShadow(bell, "Z0", { snapshots: 0 })).toThrow(
      /snapshots must be a positive integer, got 0/,
    );
    expect(() => expecValShadow(bell, "Z3", { snapshots: 10 })).toThrow(
      /acts on qubit 3, outside the 2-qubit state/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: plain-JS mistakes
    expect(() => expecValShadow(bell, "Z0", undefined as any)).toThrow(
      /options must be an object with snapshots/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: plain-JS mistakes
    expect(() => expecValShadow(bell, "Z0", { snapshots: 10, hamiltonian: "Z0" } as any)).toThrow(
      /unknown option 'hamiltonian'/,
    );
  });
});
