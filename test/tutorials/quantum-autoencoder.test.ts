import { describe, expect, it } from "vitest";
import { State } from "../../src/quantum/state/state.js";
import * as autoencoder from "../../tutorials/quantum-autoencoder.js";
import { runQuick } from "./helpers.js";

describe("tutorial quantum-autoencoder", () => {
  it("reconstructs unseen states of the family with mean fidelity >= 0.85", async () => {
    const { result } = await runQuick(autoencoder);
    const n = result.numbers as { meanFidelity: number; fidelities: number[] };
    expect(n.meanFidelity).toBeGreaterThanOrEqual(0.85);
    for (const f of n.fidelities) expect(f).toBeLessThanOrEqual(1 + 1e-12);
  });

  it("computes the reconstruction fidelity of known cases", () => {
    // a state already in the latent space (trash qubits |00>) is reconstructed exactly
    const inside = State.random(2, { seed: 3 }).kron(State.zero(2));
    expect(autoencoder.reconstructionFidelity(inside)[0]).toBeCloseTo(1, 12);
    // (|0000> + |0011>)/sqrt 2: resetting the trash gives |0000>, fidelity 1/2
    const half = new Float64Array(32);
    half[0] = Math.SQRT1_2;
    half[2 * 3] = Math.SQRT1_2;
    expect(autoencoder.reconstructionFidelity(State.fromAmplitudes(half))[0]).toBeCloseTo(0.5, 12);
  });
});
