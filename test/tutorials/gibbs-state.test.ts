import { describe, expect, it } from "vitest";
import { purity, reducedState } from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { entropySurrogate, meta, run } from "../../tutorials/gibbs-state.js";
import { figureLabelProblems, reportFigures } from "../viz/figure-labels.js";

const quiet = { log: () => {}, progress: () => {} };

/** The surrogate from the reduced state by plain matrix algebra: (2 tr rho^2 - (tr rho^3 + 3)/2) / beta. */
function surrogateDirect(c: Circuit, beta: number): number {
  const rho = reducedState(c.forward(), [0, 1]);
  const d = 4;
  const rho2 = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++)
      for (let j = 0; j < d; j++) {
        const ar = rho[2 * (i * d + k)]!;
        const ai = rho[2 * (i * d + k) + 1]!;
        const br = rho[2 * (k * d + j)]!;
        const bi = rho[2 * (k * d + j) + 1]!;
        rho2[2 * (i * d + j)]! += ar * br - ai * bi;
        rho2[2 * (i * d + j) + 1]! += ar * bi + ai * br;
      }
  // tr(rho^3) = sum_ij rho2_ij rho_ji
  let t3 = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      t3 +=
        rho2[2 * (i * d + j)]! * rho[2 * (j * d + i)]! -
        rho2[2 * (i * d + j) + 1]! * rho[2 * (j * d + i) + 1]!;
    }
  return (2 * purity(rho) - (t3 + 3) / 2) / beta;
}

describe("tutorial gibbs-state", () => {
  it("the entropy surrogate's value and gradient match the matrix formula and finite differences", () => {
    const c = new Circuit(3, { seed: 4 });
    c.ry("full");
    c.cnot("linear");
    c.rx("full");
    c.cnot([2, 0]);
    c.ry("full");
    const beta = 1.3;
    const loss = entropySurrogate(c.forward(), 2, beta);
    expect(loss.item()).toBeCloseTo(surrogateDirect(c, beta), 12);
    loss.backward();
    const params = c.parameters();
    const h = 1e-6;
    for (const p of params) {
      for (let i = 0; i < p.data.length; i++) {
        const x = p.data[i]!;
        p.data[i] = x + h;
        const up = surrogateDirect(c, beta);
        p.data[i] = x - h;
        const down = surrogateDirect(c, beta);
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
    // the prepared state's fidelity can't beat the surrogate's own minimizer by more than noise
    expect(result.headline.value).toBeLessThanOrEqual(
      (result.numbers.surrogateLimit as number) + 1e-6,
    );
  }, 30000);
});
