/**
 * Parameter shift through `runBackwardAsync`: on cpu it equals the sync backward exactly; on a
 * fake asynchronous backend (cpu kernels behind webgpu's surface) its two-phase path (every
 * shifted run recorded, the contractions read back at once) gives the cpu's gradients for
 * parameters, data and the input state. Finite differences refuse float32 backends by name.
 */
import { describe, expect, it } from "vitest";
import type { Backend } from "../../src/backend/backend.js";
import { CpuBackend } from "../../src/backend/cpu/cpu.js";
import { BackendError } from "../../src/errors.js";
import { expecVal, expecValAsync } from "../../src/qml/expecval.js";
import "../../src/qml/paramshift.js"; // registers "parameter-shift" and "finite-diff"
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { State } from "../../src/quantum/state/state.js";
import { runBackwardAsync } from "../../src/tensor/autograd.js";
import { tensor } from "../../src/tensor/index.js";
import { fakeAsyncBackend } from "../quantum/fake-async.js";

const H = Hamiltonian.fromString("0.6 Z0 Z1 - 0.5 X2 + 0.3 Y0 Y2");

async function gradients(backend: Backend, mode: "sync" | "async", method = "parameter-shift") {
  const c = new Circuit(3, { seed: 7, backend });
  c.gradMethod = method as "parameter-shift";
  c.angleEncoding({ gate: "ry" });
  c.complexEntangledLayer({ depth: 1 });
  c.crx([0, 2]);
  c.u3([1]);
  c.rzz([1, 2]);
  const x = tensor(
    [
      [0.3, -0.7, 1.1],
      [0.9, 0.2, -0.4],
    ],
    { requiresGrad: true },
  );
  const s0 = new State(backend.fromArray(3, 1, State.random(3, { seed: 2 }).toArray()), backend);
  s0.requiresGrad = true;
  const psi = c.forward(s0, x);
  const loss = (mode === "sync" ? expecVal(psi, H) : await expecValAsync(psi, H)).sum();
  if (mode === "sync") loss.backward();
  else await runBackwardAsync(loss);
  return {
    loss: loss.item(),
    params: c.parameters().flatMap((p) => Array.from(p.grad!.data)),
    data: Array.from(x.grad!.data),
    state: Array.from(s0.grad!.data),
  };
}

function maxAbsDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

describe("parameter shift through runBackwardAsync", () => {
  it("equals the sync backward exactly on cpu", async () => {
    expect(await gradients(new CpuBackend(), "async")).toEqual(
      await gradients(new CpuBackend(), "sync"),
    );
  });

  it("gives the cpu's gradients on an asynchronous backend (two phases), and the adjoint's", async () => {
    const want = await gradients(new CpuBackend(), "sync");
    const got = await gradients(fakeAsyncBackend(), "async");
    expect(maxAbsDiff(got.params, want.params)).toBeLessThan(1e-12);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-12);
    expect(maxAbsDiff(got.state, want.state)).toBeLessThan(1e-12);
    const adjoint = await gradients(new CpuBackend(), "sync", "adjoint");
    expect(maxAbsDiff(want.params, adjoint.params)).toBeLessThan(1e-9);
    expect(Math.max(...want.params.map(Math.abs))).toBeGreaterThan(1e-2);
  });

  it("finite differences refuse an asynchronous (float32) backend with a BackendError", async () => {
    await expect(gradients(fakeAsyncBackend(), "async", "finite-diff")).rejects.toThrow(
      BackendError,
    );
    await expect(gradients(fakeAsyncBackend(), "async", "finite-diff")).rejects.toThrow(
      /float32.*parameter-shift/,
    );
  });
});
