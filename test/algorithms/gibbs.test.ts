import { describe, expect, it } from "vitest";
import { freeEnergy } from "../../src/algorithms/gibbs.js";
import { vonNeumannEntropy } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { State } from "../../src/quantum/state/state.js";
import { noGrad } from "../../src/tensor/index.js";

/** The free energy by a second route: the density matrix of the whole state, traced by DensityMatrix. */
function freeEnergyDirect(c: Circuit, H: Hamiltonian, beta: number): number {
  const rho = DensityMatrix.fromState(c.forward());
  const energy = rho.expecVal(H);
  return energy - vonNeumannEntropy(rho.partialTrace([2]), { base: Math.E }).item() / beta;
}

describe("freeEnergy (Gibbs-state preparation's loss)", () => {
  it("the free-energy loss matches the density-matrix route and finite differences", () => {
    const c = new Circuit(3, { seed: 4 });
    c.ry("full");
    c.cnot("linear");
    c.rx("full");
    c.cnot([2, 0]);
    c.ry("full");
    const beta = 1.3;
    const H = Hamiltonian.fromString("-Z0 Z1 + 0.4 X0");
    const loss = freeEnergy(c.forward(), H, [0, 1], beta);
    expect(loss.item()).toBeCloseTo(freeEnergyDirect(c, H, beta), 10);
    loss.backward();
    const h = 1e-6;
    for (const p of c.parameters()) {
      for (let i = 0; i < p.data.length; i++) {
        const x = p.data[i]!;
        p.data[i] = x + h;
        const up = noGrad(() => freeEnergy(c.forward(), H, [0, 1], beta).item());
        p.data[i] = x - h;
        const down = noGrad(() => freeEnergy(c.forward(), H, [0, 1], beta).item());
        p.data[i] = x;
        expect(p.grad!.data[i]!).toBeCloseTo((up - down) / (2 * h), 7);
      }
    }
  });

  it("is -log(Z) / beta at the purified Gibbs state of -Z0 (one system qubit, one ancilla)", () => {
    // |psi> = sqrt(p0)|00> + sqrt(p1)|11>, p_k = e^{-beta E_k} / Z with E = (-1, +1)
    const beta = 0.8;
    const z = Math.exp(beta) + Math.exp(-beta);
    const amps = [Math.sqrt(Math.exp(beta) / z), 0, 0, Math.sqrt(Math.exp(-beta) / z)];
    const f = freeEnergy(State.fromAmplitudes(amps), Hamiltonian.fromString("-Z0"), [0], beta);
    expect(f.item()).toBeCloseTo(-Math.log(z) / beta, 12);
  });

  it("refuses a bad beta and bad system qubits", () => {
    const H = Hamiltonian.fromString("Z0");
    expect(() => freeEnergy(State.zero(2), H, [0], 0)).toThrow(
      "freeEnergy: beta must be a positive number, got 0",
    );
    expect(() => freeEnergy(State.zero(2), H, [0, 2], 1)).toThrow(
      /system must be distinct qubit indices below 2/,
    );
  });
});
