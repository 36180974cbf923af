import { describe, expect, it } from "vitest";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { derivativeSweep } from "../../../src/quantum/gradients/derivative-states.js";
import { noGrad, type Tensor, tensor } from "../../../src/tensor/index.js";

const cpu = new CpuBackend({ threads: 1 });

/** Every gate kind the sweep treats differently, an inverted copy, data encoding, a shared angle. */
function circuit(): Circuit {
  const c = new Circuit(3, { seed: 21, backend: cpu });
  c.angleEncoding({ gate: "rx" });
  c.ry("full");
  c.cnot("cycle");
  c.u3([2]);
  c.cry([1, 0]);
  c.pauliRotation("Y0 X2");
  const shared = c.parameters()[0]!;
  c.rz([0, 1, 2], { param: shared }); // reads the first RY layer's angles again
  const inv = new Circuit(3, { seed: 22, backend: cpu });
  inv.rxx([0, 1]);
  inv.universalTwoQubits([1, 2]);
  c.extend(inv.inverse());
  return c;
}

/** The derivative states d psi / d theta_p of every batch row, by central differences. */
function finiteDifferences(c: Circuit, x: Tensor, h = 1e-6): Float64Array[] {
  const run = () => noGrad(() => c.forward(undefined, x).toArray());
  const out: Float64Array[] = [];
  for (const p of c.parameters())
    for (let i = 0; i < p.size; i++) {
      const v = p.data[i]!;
      p.data[i] = v + h;
      const up = run();
      p.data[i] = v - h;
      const dn = run();
      p.data[i] = v;
      out.push(up.map((a, k) => (a - dn[k]!) / (2 * h)));
    }
  return out;
}

describe("derivativeSweep", () => {
  it("gives d psi / d theta_p for every entry and batch row, equal to central differences", () => {
    const c = circuit();
    const x = tensor([
      [0.3, -0.8, 1.2],
      [2.0, 0.1, -0.4],
    ]);
    const P = c.parameterCount;
    const want = finiteDifferences(c, x);
    const got: Float64Array[] = [];
    let psi: Float64Array | undefined;
    const initial = cpu.zeros(3, 2);
    const stats = derivativeSweep({
      backend: cpu,
      operations: c.operations,
      nQubits: 3,
      initial,
      density: false,
      data: x.data,
      nFeatures: 3,
      parameters: c.parameters(),
      groups: [Array.from({ length: P }, (_, i) => i)],
      finalFrame: true,
      complete: (_, out, ds) => {
        psi = cpu.toArray(out);
        for (const d of ds) got.push(cpu.toArray(d!));
      },
    });
    cpu.free(initial);
    // the output state itself is the circuit's
    const direct = noGrad(() => c.forward(undefined, x).toArray());
    for (let k = 0; k < direct.length; k++)
      expect(Math.abs(psi![k]! - direct[k]!)).toBeLessThan(1e-12);
    expect(got).toHaveLength(P);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < want[p]!.length; k++)
        expect(Math.abs(got[p]![k]! - want[p]![k]!)).toBeLessThan(1e-8);
    expect(stats.passes).toBeLessThanOrEqual(P + 1);
    expect(stats.operations).toBe(c.operations.length);
  });

  it("counts one pass for psi plus the tail after each entry's first gate", () => {
    // L one-parameter gates: psi takes L, entry i (born at gate i) L - 1 - i, each one G term
    const L = 6;
    const c = new Circuit(2, { seed: 1, backend: cpu });
    for (let i = 0; i < L; i++) c.ry(i % 2);
    const liveBefore = cpu.stats().live;
    const initial = cpu.zeros(2, 1);
    const stats = derivativeSweep({
      backend: cpu,
      operations: c.operations,
      nQubits: 2,
      initial,
      density: false,
      data: undefined,
      nFeatures: 0,
      parameters: c.parameters(),
      groups: [Array.from({ length: L }, (_, i) => i)],
      finalFrame: true,
      complete: () => {},
    });
    cpu.free(initial);
    expect(stats.applications).toBe(L + (L * (L - 1)) / 2 + L);
    expect(stats.passes).toBeCloseTo((L + (L * (L - 1)) / 2 + L) / L, 12);
    // nothing leaks: psi, the scratch state and every derivative buffer are freed
    expect(cpu.stats().live).toBe(liveBefore);
  });
});
