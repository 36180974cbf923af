import { describe, expect, it } from "vitest";
import { vonNeumannEntropy } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { noGrad } from "../../src/tensor/index.js";
import { freeEnergy, meta, run } from "../../tutorials/gibbs-state.js";
import { figureLabelProblems, reportFigures } from "../viz/figure-labels.js";

const quiet = { log: () => {}, progress: () => {} };

/** The free energy by a second route: the density matrix of the whole state, traced by DensityMatrix. */
function freeEnergyDirect(c: Circuit, H: Hamiltonian, beta: number): number {
  const rho = DensityMatrix.fromState(c.forward());
  const energy = rho.expecVal(H);
  return energy - vonNeumannEntropy(rho.partialTrace([2]), { base: Math.E }).item() / beta;
}

describe("tutorial gibbs-state", () => {
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

  it("quick mode reaches fidelity >= 0.99 with the exact Gibbs state", async () => {
    const result = await run({ quick: true, seed: 1, ...quiet });
    expect(figureLabelProblems(reportFigures(result.report))).toEqual([]);
    expect(meta.name).toBe("gibbs-state");
    expect(result.headline.value).toBeGreaterThanOrEqual(0.99);
    expect(result.headline.pass).toBe(true);
    // a state of rank 2 (one ancilla) can't beat the best rank-2 fidelity by more than noise
    expect(result.headline.value).toBeLessThanOrEqual((result.numbers.rankLimit as number) + 1e-6);
  }, 30000);
});
