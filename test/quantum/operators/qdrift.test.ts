/**
 * QDRIFT circuits: seeded draws in proportion to |c_j|, angles 2 lambda t / N with the term's
 * sign, the mean infidelity within Campbell's bound lambda^2 t^2 / N and falling as 1 / N, and
 * the bad inputs.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { infidelity } from "../../../src/quantum/operators/evolution.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { qdriftCircuit } from "../../../src/quantum/operators/qdrift.js";
import { State } from "../../../src/quantum/state/state.js";

const H = Hamiltonian.fromString(
  "1.0 Z0 Z1 + 0.6 X0 X1 - 0.4 Y1 Y2 + 0.3 X0 + 0.2 Z2 - 0.15 X1 Z2 + 0.5 I",
);
const LAMBDA = 1 + 0.6 + 0.4 + 0.3 + 0.2 + 0.15;

describe("qdriftCircuit", () => {
  it("draws terms in proportion to |c_j| with angles +-2 lambda t / N, the same for the same seed", () => {
    const N = 6000;
    const c = qdriftCircuit(H, 0.5, { samples: N, seed: 7 });
    expect(c.gateCount).toBe(N);
    expect(c.globalPhase).toBeCloseTo(-0.25, 15);
    const counts = new Map<string, number>();
    for (const op of c.operations) {
      if (op.kind !== "gate" || op.angles[0]!.kind !== "const") throw new Error("fixed gates only");
      const a = op.angles[0]!.value;
      expect(Math.abs(a)).toBeCloseTo((2 * LAMBDA * 0.5) / N, 15);
      const key = `${op.gate.name}:${op.qubits.join("")}:${Math.sign(a)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const expected: [string, number][] = [
      ["rzz:01:1", 1.0],
      ["rxx:01:1", 0.6],
      ["ryy:12:-1", 0.4],
      ["rx:0:1", 0.3],
      ["rz:2:1", 0.2],
      ["pauli_rotation:12:-1", 0.15],
    ];
    for (const [key, w] of expected) {
      const p = w / LAMBDA;
      const sigma = Math.sqrt(N * p * (1 - p));
      expect(Math.abs((counts.get(key) ?? 0) - N * p)).toBeLessThan(5 * sigma);
    }
    const again = qdriftCircuit(H, 0.5, { samples: N, seed: 7 });
    expect(again.operations.map((o) => o.qubits.join(""))).toEqual(
      c.operations.map((o) => o.qubits.join("")),
    );
    const other = qdriftCircuit(H, 0.5, { samples: 50, seed: 8 });
    expect(other.operations.map((o) => o.qubits.join(""))).not.toEqual(
      c.operations.slice(0, 50).map((o) => o.qubits.join("")),
    );
  });

  it("has a mean infidelity within lambda^2 t^2 / N that falls as 1 / N", () => {
    const t = 0.5;
    const psi = State.random(3, { seed: 2 });
    const exact = psi.evolve(H, t);
    const mean = (N: number) => {
      let m = 0;
      for (let s = 0; s < 40; s++)
        m += infidelity(qdriftCircuit(H, t, { samples: N, seed: s }).forward(psi), exact);
      return m / 40;
    };
    const errors = [50, 200, 800].map((N) => {
      const e = mean(N);
      expect(e).toBeLessThan((LAMBDA * LAMBDA * t * t) / N);
      return e;
    });
    expect(errors[0]! / errors[2]!).toBeGreaterThan(8);
  });

  it("rejects a non-Hermitian H, t not finite, samples < 1, unknown options and too few qubits", () => {
    const complex = { terms: [{ coefficient: { re: 1, im: 1 }, qubits: [0], letters: ["Z"] }] };
    expect(() => qdriftCircuit(complex as never, 1)).toThrow(/not Hermitian/);
    expect(() => qdriftCircuit(H, Number.NaN)).toThrow(/t must be a finite number/);
    for (const samples of [0, 2.5, -3])
      expect(() => qdriftCircuit(H, 1, { samples })).toThrow(/samples must be an integer >= 1/);
    expect(() => qdriftCircuit(H, 1, { sample: 3 } as never)).toThrow(
      /unknown option 'sample'(?: \(did you mean '[^']+'\?\))?; valid options: samples, seed, nQubits, backend/,
    );
    expect(() => qdriftCircuit(H, 1, { nQubits: 2 })).toThrow(ArgumentError);
  });
});
