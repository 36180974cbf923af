import { describe, expect, it } from "vitest";
import { QGAN } from "../../src/algorithms/qgan.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { State } from "../../src/quantum/state/state.js";
import { noGrad } from "../../src/tensor/index.js";

function circuits(n: number, seed: number): { G: Circuit; D: Circuit } {
  const G = new Circuit(n + 1, { seed });
  G.complexEntangledLayer({ qubitsIdx: Array.from({ length: n }, (_, q) => q), depth: n });
  const D = new Circuit(n + 1, { seed: seed + 1 });
  D.complexEntangledLayer({ depth: 3 });
  return { G, D };
}

describe("QGAN: a generator learns a target state against a discriminator", () => {
  it("learns a Haar-random 2-qubit state to fidelity >= 0.999; the advantage tracks the trace distance", () => {
    const target = State.random(2, { seed: 4 });
    const { G, D } = circuits(2, 5);
    const rounds: number[] = [];
    const r = new QGAN(target, G, D, { rounds: 80, onRound: (k) => rounds.push(k) }).run();
    expect(rounds).toEqual(Array.from({ length: 80 }, (_, k) => k + 1));
    expect(r.fidelity).toBeGreaterThan(0.999);
    expect(r.fidelities[0]!).toBeLessThan(0.9);
    // for pure states the trace distance is sqrt(1 - F); the optimal discriminator's advantage
    // cannot exceed it, and D is close to optimal in the first round
    const td0 = Math.sqrt(1 - r.fidelities[0]!);
    expect(r.advantage[0]!).toBeLessThanOrEqual(td0 + 1e-9);
    expect(r.advantage[0]!).toBeGreaterThan(0.9 * td0);
  });

  it("the generator's loss gradient matches central finite differences", () => {
    const { G, D } = circuits(2, 7);
    const qgan = new QGAN(State.random(2, { seed: 8 }), G, D);
    qgan.generatorLoss().backward();
    const h = 1e-6;
    for (const p of G.parameters()) {
      for (let i = 0; i < Math.min(p.data.length, 6); i++) {
        const x = p.data[i]!;
        p.data[i] = x + h;
        const up = noGrad(() => qgan.generatorLoss().item());
        p.data[i] = x - h;
        const down = noGrad(() => qgan.generatorLoss().item());
        p.data[i] = x;
        expect(p.grad!.data[i]!).toBeCloseTo((up - down) / (2 * h), 7);
      }
    }
  });

  it("refuses circuits without the ancilla and bad options", () => {
    const { G, D } = circuits(2, 1);
    expect(() => new QGAN(State.random(3, { seed: 1 }), G, D)).toThrow(
      /generator and discriminator must act on 4 qubits/,
    );
    expect(() => new QGAN(State.random(2, { seed: 1 }), G, D, { rounds: 0 })).toThrow(
      "QGAN: rounds must be a positive integer, got 0",
    );
  });
});
