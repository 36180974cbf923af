import { describe, expect, it } from "vitest";
import { QCBM } from "../../src/algorithms/qcbm.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { noGrad } from "../../src/tensor/index.js";

/** MMD^2 computed directly from the probabilities, with the default bandwidths. */
function mmdDirect(p: Float64Array, target: number[]): number {
  let s = 0;
  for (let x = 0; x < p.length; x++) {
    for (let y = 0; y < p.length; y++) {
      const k = (Math.exp(-((x - y) ** 2) / 0.5) + Math.exp(-((x - y) ** 2) / 8)) / 2;
      s += (p[x]! - target[x]!) * k * (p[y]! - target[y]!);
    }
  }
  return s;
}

function hea(seed: number): Circuit {
  const c = new Circuit(3, { seed });
  c.ry("full");
  c.cnot("cycle");
  c.ry("full");
  c.cnot("cycle");
  c.ry("full");
  return c;
}

const TARGET = [0.05, 0.1, 0.2, 0.15, 0.15, 0.2, 0.1, 0.05];

describe("QCBM: a Born machine trained by MMD", () => {
  it("the MMD loss equals the direct sum, and its gradient matches finite differences", () => {
    const c = hea(2);
    const qcbm = new QCBM(TARGET, c);
    const loss = qcbm.mmd();
    expect(loss.item()).toBeCloseTo(mmdDirect(c.forward().probabilities(), TARGET), 12);
    loss.backward();
    const p = c.parameters()[1]!;
    const h = 1e-6;
    for (let i = 0; i < p.data.length; i++) {
      const x = p.data[i]!;
      p.data[i] = x + h;
      const up = noGrad(() => qcbm.mmd().item());
      p.data[i] = x - h;
      const down = noGrad(() => qcbm.mmd().item());
      p.data[i] = x;
      expect(p.grad!.data[i]!).toBeCloseTo((up - down) / (2 * h), 7);
    }
  });

  it("a universal 2-qubit circuit learns a 4-outcome distribution exactly", () => {
    const c = new Circuit(2, { seed: 3 });
    c.universalTwoQubits([0, 1]);
    const target = [0.4, 0.1, 0.2, 0.3];
    const r = new QCBM(target, c, { gradientTolerance: 1e-10, tolerance: 1e-16 }).run();
    expect(r.mmd).toBeLessThan(1e-10);
    for (let x = 0; x < 4; x++) expect(r.distribution[x]!).toBeCloseTo(target[x]!, 4);
  });

  it("refuses a target that is not a distribution and bad bandwidths", () => {
    expect(() => new QCBM([0.5, 0.6], new Circuit(1))).toThrow(
      /target must be 2 non-negative numbers summing to 1/,
    );
    expect(() => new QCBM([0.5, 0.5], new Circuit(1), { bandwidths: [0] })).toThrow(
      /bandwidths must be a non-empty list/,
    );
  });
});
