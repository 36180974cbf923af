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

  it("matches the amplitude formula F = sum_t |sum_i conj(a[i, 0]) a[i, t]|^2 on random states", () => {
    const batch = State.random(4, { seed: 8, batch: 3 });
    const amps = batch.toArray();
    const got = autoencoder.reconstructionFidelity(batch);
    for (let b = 0; b < 3; b++) {
      const at = (i: number, t: number) => 2 * (b * 16 + 4 * i + t);
      let f = 0;
      for (let t = 0; t < 4; t++) {
        let sr = 0;
        let si = 0;
        for (let i = 0; i < 4; i++) {
          const [xr, xi, yr, yi] = [
            amps[at(i, 0)]!,
            amps[at(i, 0) + 1]!,
            amps[at(i, t)]!,
            amps[at(i, t) + 1]!,
          ];
          sr += xr * yr + xi * yi;
          si += xr * yi - xi * yr;
        }
        f += sr * sr + si * si;
      }
      expect(got[b]).toBeCloseTo(f, 10);
    }
  });
});
