import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { expecVal } from "../../src/qml/expecval.js";
import { gradientVariance } from "../../src/qml/gradtool.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import type { State } from "../../src/quantum/state/state.js";
import { gradientVarianceFigure } from "../../src/viz/gradient-variance.js";

/** RY on every qubit, `depth` times: C = <Z...Z> = prod_q cos(sum of its angles). */
function product(n: number, depth: number): Circuit {
  const c = new Circuit(n, { seed: 1 });
  for (let d = 0; d < depth; d++) c.ry("full");
  return c;
}

const allZ = (psi: State) =>
  expecVal(psi, Array.from({ length: psi.nQubits }, (_, q) => `Z${q}`).join(" "));

describe("gradientVariance", () => {
  it("matches Var[dC/dtheta_1] = 2^-n of a product of RY rotations, and fits the base 2", () => {
    // dC/dtheta_1 = -sin(t1) prod_{q > 0} cos(t_q), each factor of mean square 1/2
    const r = gradientVariance(product, allZ, { qubits: [1, 2, 3, 4], samples: 3000, seed: 7 });
    expect(r.entries.map((e) => e.qubits)).toEqual([1, 2, 3, 4]);
    for (const e of r.entries) {
      expect(e.parameters).toBe(e.qubits);
      expect(Math.abs(e.mean)).toBeLessThan(0.05);
      // the sample variance of a mean square: well within 20% at 3000 draws
      expect(Math.abs(e.variance / 2 ** -e.qubits - 1)).toBeLessThan(0.2);
    }
    expect(r.fits).toHaveLength(1);
    expect(Math.abs(r.fits[0]!.base - 2)).toBeLessThan(0.2);
    expect(r.fits[0]!.r2).toBeGreaterThan(0.99);
  });

  it("averages every entry with parameter: 'all', sweeps depths and reports progress", () => {
    let calls = 0;
    const r = gradientVariance(product, allZ, {
      qubits: [2],
      depths: [1, 2],
      samples: 2000,
      parameter: "all",
      seed: 3,
      progress: () => calls++,
    });
    expect(calls).toBe(4000);
    // at depth 2 a qubit's two angles add: cos(a + b) has the same statistics, so 2^-n again
    for (const e of r.entries) expect(Math.abs(e.variance / 0.25 - 1)).toBeLessThan(0.2);
    expect(r.entries.map((e) => e.parameters)).toEqual([2, 4]);
    expect(r.fits).toEqual([]);
    const fig = gradientVarianceFigure(r, "depth");
    expect(fig.data).toHaveLength(1);
    expect((fig.layout as { yaxis: { type: string } }).yaxis.type).toBe("log");
  });

  it("plots one series per depth against qubits, with the fitted line", () => {
    const r = gradientVariance(product, allZ, { qubits: [1, 2, 3], samples: 50, seed: 1 });
    const fig = gradientVarianceFigure(r);
    expect(fig.data).toHaveLength(2);
    expect(fig.data[0]!.x).toEqual([1, 2, 3]);
    expect(() => gradientVarianceFigure(r, "width" as never)).toThrow(ArgumentError);
  });

  it("refuses bad options and builders", () => {
    const ok = { qubits: [1], samples: 5 };
    expect(() => gradientVariance(product, allZ, { ...ok, samples: 1 })).toThrow(/samples/);
    expect(() => gradientVariance(product, allZ, { qubits: [] })).toThrow(/qubits/);
    expect(() => gradientVariance(product, allZ, { ...ok, depths: [0] })).toThrow(/depths/);
    expect(() => gradientVariance(product, allZ, { ...ok, parameter: 3 })).toThrow(/outside/);
    expect(() => gradientVariance((() => 1) as never, allZ, ok)).toThrow(/return a Circuit/);
    const fixed = (n: number) => new Circuit(n).h(0);
    expect(() => gradientVariance(fixed, allZ, ok)).toThrow(/no trainable parameters/);
    expect(() => gradientVariance(product, (() => 0) as never, ok)).toThrow(/scalar tensor/);
    expect(() => gradientVariance(product, allZ, undefined as never)).toThrow(/qubits/);
  });
});
