/**
 * The asynchronous backward (runBackwardAsync) and the adjoint's two-phase path, in plain Node:
 * on cpu it must equal the sync backward exactly; on a fake asynchronous backend (cpu kernels
 * behind webgpu's surface: sync readers throw, deferred inner products, no overlapMatrix) the
 * two-phase sweep must give the cpu's gradients.
 */
import { describe, expect, it } from "vitest";
import type { Backend } from "../../../src/backend/backend.js";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { BackendError } from "../../../src/errors.js";
import { expecVal, expecValAsync } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { asyncReader } from "../../../src/quantum/state/async-reads.js";
import { State } from "../../../src/quantum/state/state.js";
import { runBackwardAsync } from "../../../src/tensor/autograd.js";
import { Adam, fromData, tensor } from "../../../src/tensor/index.js";
import { fakeAsyncBackend } from "../fake-async.js";

const H = Hamiltonian.fromString("0.7 Z0 Z1 - 0.4 X2 + 0.3 Y1 Y3 + 0.2 Z3");

function build(backend: Backend): Circuit {
  const c = new Circuit(4, { seed: 11, backend });
  c.angleEncoding({ gate: "ry" });
  c.h(0);
  c.complexEntangledLayer({ depth: 2 });
  c.u3([1]);
  c.rzz([0, 2]);
  c.p([3]);
  c.crx([1, 2]);
  c.realEntangledLayer({ depth: 1 });
  return c;
}

function grads(c: Circuit): number[] {
  return c.parameters().flatMap((p) => Array.from(p.grad!.data));
}

function maxRelErr(a: readonly number[], b: readonly number[]): number {
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]!))) / scale;
}

describe("runBackwardAsync", () => {
  it("equals backward() on cpu (circuit with encodings, data and state gradients)", async () => {
    const results: { p: number[]; x: number[]; s: number[]; loss: number }[] = [];
    for (const mode of ["sync", "async"] as const) {
      const c = build(new CpuBackend());
      const x = tensor([[0.1, -0.5, 0.9, 0.3]], { requiresGrad: true });
      const s0 = State.random(4, { seed: 3 });
      s0.requiresGrad = true;
      const loss = expecVal(c.forward(s0, x), H).mul(2).add(x.sum());
      if (mode === "sync") loss.backward();
      else await runBackwardAsync(loss);
      results.push({
        p: grads(c),
        x: Array.from(x.grad!.data),
        s: Array.from(s0.grad!.data),
        loss: loss.item(),
      });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]!.p.some((g) => Math.abs(g) > 1e-3)).toBe(true);
  });

  it("validates like backward()", async () => {
    const x = tensor([1, 2], { requiresGrad: true });
    await expect(runBackwardAsync(x.mul(2))).rejects.toThrow(/one-element/);
    await expect(runBackwardAsync(tensor([1]).sum())).rejects.toThrow(/does not require grad/);
  });
});

describe("the adjoint's two-phase path on an asynchronous backend", () => {
  it("the fake backend is seen as asynchronous, cpu is not", () => {
    expect(asyncReader(fakeAsyncBackend())).toBeDefined();
    expect(asyncReader(new CpuBackend())).toBeUndefined();
  });

  it.each([
    ["per-step inner products", false],
    ["deferred overlap matrices of fused blocks", true],
  ])(
    "gives the cpu gradients of parameters, data and input state (batch 3): %s",
    async (_, overlap) => {
      const data = [
        [0.1, -0.5, 0.9, 0.3],
        [0.7, 0.2, -0.4, 1.1],
        [-0.3, 0.8, 0.5, -0.9],
      ];
      const run = async (backend: Backend, async: boolean) => {
        const c = build(backend);
        const x = tensor(data, { requiresGrad: true });
        const amps = State.random(4, { seed: 5, batch: 3 }).toArray();
        const s0 = new State(backend.fromArray(4, 3, amps), backend);
        s0.requiresGrad = true;
        const psi = c.forward(s0, x);
        const loss = async ? (await expecValAsync(psi, H)).sum() : expecVal(psi, H).sum();
        if (async) await runBackwardAsync(loss);
        else loss.backward();
        return {
          loss: loss.item(),
          g: [...grads(c), ...Array.from(x.grad!.data), ...Array.from(s0.grad!.data)],
        };
      };
      const ref = await run(new CpuBackend(), false);
      const got = await run(fakeAsyncBackend({ overlap }), true);
      expect(got.loss).toBeCloseTo(ref.loss, 12);
      expect(maxRelErr(got.g, ref.g)).toBeLessThan(1e-12);
    },
  );

  it("the circuit node's sync backward on an asynchronous backend names backwardAsync", () => {
    const backend = fakeAsyncBackend();
    const psi = build(backend).forward(undefined, tensor([[0.1, 0.2, 0.3, 0.4]]));
    const cot = fromData(
      Float64Array.from({ length: 32 }, (_, i) => (i % 3) - 1),
      [1, 16],
      "complex128",
    );
    expect(() => psi.gradFn!.backward(cot)).toThrow(/backwardAsync/);
    // expecVal reads synchronously: the backend's own error
    expect(() => expecVal(psi, H)).toThrow(BackendError);
  });

  it("expecValAsync's sync backward and the circuit's sync backward throw a BackendError", async () => {
    const backend = fakeAsyncBackend();
    const c = build(backend);
    const loss = await expecValAsync(c.forward(undefined, tensor([[0.1, 0.2, 0.3, 0.4]])), H);
    expect(() => loss.backward()).toThrow(/backwardAsync/);
  });

  it("toTensorAsync feeds a classical loss whose gradient reaches the circuit", async () => {
    const out: number[][] = [];
    for (const backend of [new CpuBackend(), fakeAsyncBackend()]) {
      const c = build(backend);
      const psi = c.forward(undefined, tensor([[0.3, -0.2, 0.5, 0.1]]));
      const amps = await psi.toTensorAsync();
      // |amplitude 5|^2 + |amplitude 9|^2 as a plain tensor expression
      const loss = amps
        .abs()
        .pow(2)
        .reshape([16])
        .mul(tensor(Array.from({ length: 16 }, (_, i) => (i === 5 || i === 9 ? 1 : 0))))
        .sum();
      await runBackwardAsync(loss);
      out.push(grads(c));
    }
    expect(maxRelErr(out[1]!, out[0]!)).toBeLessThan(1e-12);
    expect(out[0]!.some((g) => Math.abs(g) > 1e-4)).toBe(true);
  });

  it("a few Adam steps match cpu", async () => {
    const energies: number[][] = [];
    for (const backend of [new CpuBackend(), fakeAsyncBackend()]) {
      const c = new Circuit(4, { seed: 2, backend });
      c.realEntangledLayer({ depth: 2 });
      const opt = new Adam(c.parameters(), { lr: 0.1 });
      const es: number[] = [];
      for (let i = 0; i < 5; i++) {
        opt.zeroGrad();
        const loss = await expecValAsync(c.forward(), H);
        await runBackwardAsync(loss);
        opt.step();
        es.push(loss.item());
      }
      energies.push(es);
    }
    for (let i = 0; i < 5; i++) expect(energies[1]![i]).toBeCloseTo(energies[0]![i]!, 10);
    expect(energies[0]![4]).toBeLessThan(energies[0]![0]!);
  });
});

describe("State async readers", () => {
  it("equal the sync readers on cpu, and work on an asynchronous backend", async () => {
    const cpuState = State.random(3, { seed: 9, batch: 2 });
    const fake = fakeAsyncBackend();
    const fakeState = new State(fake.fromArray(3, 2, cpuState.toArray()), fake);
    expect(() => fakeState.probabilities()).toThrow(BackendError);
    for (const s of [cpuState, fakeState]) {
      expect(await s.toArrayAsync()).toEqual(cpuState.toArray());
      expect(await s.probabilitiesAsync([2, 0])).toEqual(cpuState.probabilities([2, 0]));
      expect(await s.measureAsync(500, { seed: 4, qubits: [1, 2] })).toEqual(
        cpuState.measure(500, { seed: 4, qubits: [1, 2] }),
      );
      expect(await s.expecValBatchAsync(Hamiltonian.fromString("Z0 X2"))).toEqual(
        cpuState.expecValBatch(Hamiltonian.fromString("Z0 X2")),
      );
      expect(await s.normSquaredAsync()).toEqual(cpuState.normSquared());
      // shot estimates: the same groups, rotations and seeded samples as the sync estimate
      const H = Hamiltonian.fromString("0.5 X0 X1 - 0.7 Y2 + 0.3 Z0 Z2 + 0.2");
      expect(await s.expecValBatchAsync(H, { shots: 400, seed: 6 })).toEqual(
        cpuState.expecValBatch(H, { shots: 400, seed: 6 }),
      );
    }
    await expect(cpuState.probabilitiesAsync([5])).rejects.toThrow(/qubits/);
  });
});
