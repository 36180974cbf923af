import { describe, expect, it } from "vitest";
import { QuantumAutoencoder } from "../../src/algorithms/quantum-autoencoder.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { State } from "../../src/quantum/state/state.js";
import { noGrad } from "../../src/tensor/index.js";

/** The family V (|phi> ⊗ |0>) on 3 qubits: random 2-qubit |phi>, a fixed hidden circuit V. */
function family(count: number, seed: number): State {
  const V = new Circuit(3, { seed: 77 });
  V.complexEntangledLayer({ depth: 2 });
  return noGrad(() => V.forward(State.random(2, { seed, batch: count }).kron(State.zero(1))));
}

function encoder(seed: number): Circuit {
  const U = new Circuit(3, { seed });
  U.complexEntangledLayer({ depth: 4 });
  return U;
}

/**
 * Reconstruction fidelity from the amplitudes: with U|psi> = sum_t |a_t>|t> (t the last qubit),
 * it is <a_0| rho_latent |a_0> = sum_t |<a_0|a_t>|^2.
 */
function fidelityFromAmplitudes(amps: Float64Array): number {
  // interleaved complex, index = 2 * latent + t (the last qubit is the lowest bit)
  const a = [0, 1].map((t) =>
    [0, 1, 2, 3].map((l) => [amps[2 * (2 * l + t)]!, amps[2 * (2 * l + t) + 1]!]),
  );
  let f = 0;
  for (const at of a) {
    let re = 0;
    let im = 0;
    for (let l = 0; l < 4; l++) {
      const [xr, xi] = a[0]![l]!;
      const [yr, yi] = at[l]!;
      re += xr! * yr! + xi! * yi!;
      im += xr! * yi! - xi! * yr!;
    }
    f += re * re + im * im;
  }
  return f;
}

describe("QuantumAutoencoder", () => {
  it("compresses a 3-qubit family into 2 qubits: training and unseen states reconstruct to >= 0.999", () => {
    const ae = new QuantumAutoencoder(family(12, 1), encoder(3), 1, {
      gradientTolerance: 1e-9,
      tolerance: 1e-14,
      maxIterations: 400,
    });
    const r = ae.run();
    expect(r.trashProbability).toBeGreaterThan(0.999);
    expect(Math.min(...r.fidelities)).toBeGreaterThan(0.999);
    const test = family(10, 2);
    const f = ae.reconstructionFidelity(test);
    expect(Math.min(...f)).toBeGreaterThan(0.999);
    // the same numbers from the encoded amplitudes directly
    const encoded = noGrad(() => (ae.encoder as Circuit).forward(test)).toArray();
    for (let k = 0; k < 10; k++) {
      expect(f[k]!).toBeCloseTo(fidelityFromAmplitudes(encoded.subarray(16 * k, 16 * (k + 1))), 10);
    }
  });

  it("an untrained encoder: fidelities match the amplitude formula, P(trash = 0) its mean, F_k >= P_k^2", () => {
    const states = family(5, 4);
    const ae = new QuantumAutoencoder(states, encoder(5), 1);
    const f = ae.reconstructionFidelity(states);
    const encoded = noGrad(() => (ae.encoder as Circuit).forward(states)).toArray();
    let meanP = 0;
    for (let k = 0; k < 5; k++) {
      const amps = encoded.subarray(16 * k, 16 * (k + 1));
      expect(f[k]!).toBeCloseTo(fidelityFromAmplitudes(amps), 10);
      // P_k = ||a_0||^2: the even indices (trash qubit 0)
      let pk = 0;
      for (let l = 0; l < 4; l++) pk += amps[4 * l]! ** 2 + amps[4 * l + 1]! ** 2;
      expect(f[k]!).toBeGreaterThanOrEqual(pk * pk - 1e-12);
      meanP += pk / 5;
    }
    expect(noGrad(() => ae.trashProbability().item())).toBeCloseTo(meanP, 12);
    expect(meanP).toBeLessThan(0.99); // untrained: not yet compressed
  });

  it("the gradient of P(trash = 0) matches central finite differences", () => {
    const U = encoder(6);
    const ae = new QuantumAutoencoder(family(4, 5), U, 1);
    const loss = ae.trashProbability();
    loss.backward();
    const p = U.parameters()[0]!;
    const h = 1e-6;
    for (let i = 0; i < Math.min(p.data.length, 8); i++) {
      const x = p.data[i]!;
      p.data[i] = x + h;
      const up = noGrad(() => ae.trashProbability().item());
      p.data[i] = x - h;
      const down = noGrad(() => ae.trashProbability().item());
      p.data[i] = x;
      expect(p.grad!.data[i]!).toBeCloseTo((up - down) / (2 * h), 7);
    }
  });

  it("known cases with an empty encoder on 4 qubits, 2 of them trash", () => {
    const ae = new QuantumAutoencoder(State.zero(4), new Circuit(4), 2);
    // a state already in the latent space (trash qubits |00>) is reconstructed exactly
    const inside = State.random(2, { seed: 3 }).kron(State.zero(2));
    expect(ae.reconstructionFidelity(inside)[0]).toBeCloseTo(1, 12);
    // (|0000> + |0011>)/sqrt 2: resetting the trash gives |0000>, fidelity 1/2
    const half = new Float64Array(32);
    half[0] = Math.SQRT1_2;
    half[2 * 3] = Math.SQRT1_2;
    expect(ae.reconstructionFidelity(State.fromAmplitudes(half))[0]).toBeCloseTo(0.5, 12);
  });

  it("refuses states on other qubits and a bad trash count", () => {
    expect(() => new QuantumAutoencoder(State.zero(2), encoder(1), 1)).toThrow(
      /states must be a State on the encoder's 3 qubits/,
    );
    expect(() => new QuantumAutoencoder(State.zero(3), encoder(1), 3)).toThrow(
      /trashQubits must be an integer from 1 to 2, got 3/,
    );
  });
});
