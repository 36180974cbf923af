import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { State } from "../../../src/quantum/state/state.js";

/** DESIGN.md's "layered-10": per layer RY on every qubit, RZ on every qubit, CNOTs (0,1)..(n-2,n-1). */
function layered(n: number, layers = 10): Circuit {
  const c = new Circuit(n, { seed: n });
  for (let l = 0; l < layers; l++) c.ry("full").rz("full").cnot("linear");
  return c;
}

/** Buffers alive at the peak and allocated, from just before forward to after backward. */
function gradientBuffers(c: Circuit, batch: number): { peak: number; allocated: number } {
  const be = getBackend();
  const input = batch > 1 ? State.zero(c.nQubits, { batch }) : undefined;
  const live0 = be.stats().live;
  be.resetStats();
  const psi = c.forward(input);
  expecVal(psi, "Z0").sum().backward();
  const s = be.stats();
  psi.free();
  input?.free();
  expect(c.parameters()[0]!.grad).not.toBeNull();
  return { peak: s.peakLive - live0, allocated: s.allocated };
}

describe("adjoint gradient memory (backend allocation statistics)", () => {
  for (const n of [12, 14, 16]) {
    it(`layered-10 at n = ${n} (${20 * n} parameters) needs at most 4 state buffers`, () => {
      const c = layered(n);
      expect(c.parameterCount).toBe(20 * n);
      const { peak, allocated } = gradientBuffers(c, 1);
      expect(peak).toBeLessThanOrEqual(4);
      expect(allocated).toBeLessThanOrEqual(4);
    });
  }

  it("is the same per batch element for a batch, and independent of depth", () => {
    const one = gradientBuffers(layered(12), 1);
    const batched = gradientBuffers(layered(12), 3); // each buffer holds the 3 states
    const deep = gradientBuffers(layered(12, 30), 1);
    expect(batched.peak).toBeLessThanOrEqual(4);
    expect(batched.allocated).toBeLessThanOrEqual(4);
    expect(deep.peak).toBe(one.peak);
    expect(deep.allocated).toBe(one.allocated);
  });
});
