/**
 * Density matrices on asynchronous backends, in plain Node: the async readers equal the sync ones
 * on cpu; on a fake asynchronous backend (cpu kernels behind webgpu's surface, without its
 * density-matrix reductions, so the readers take their read-everything fallback) the noisy
 * circuit's two-phase reverse sweep (deferred inner products) gives the cpu's gradients for gate
 * angles, noise strengths, data and the input rho, and the sync backward names the async one.
 */
import { describe, expect, it } from "vitest";
import type { Backend } from "../../../src/backend/backend.js";
import { CpuBackend } from "../../../src/backend/cpu/cpu.js";
import { BackendError } from "../../../src/errors.js";
import { expecVal, expecValAsync } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { NoiseModel } from "../../../src/quantum/density/noise.js";
import { depolarizing } from "../../../src/quantum/density/standard-channels.js";
import { randomDensityMatrix } from "../../../src/quantum/density/states.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { runBackwardAsync } from "../../../src/tensor/autograd.js";
import { Parameter, tensor } from "../../../src/tensor/index.js";
import { fakeAsyncBackend } from "../fake-async.js";

const H = Hamiltonian.fromString("0.7 Z0 Z1 - 0.4 X2 + 0.3 Y1 Y2 + 0.2 Z2");

function build(backend: Backend) {
  const p = new Parameter(new Float64Array([0.08]), [1]);
  const c = new Circuit(3, { seed: 5, backend });
  c.angleEncoding({ gate: "rx" });
  c.complexEntangledLayer({ depth: 1 });
  c.depolarizing(p, [1]);
  c.crz([0, 2]);
  c.amplitudeDamping(0.1, "full");
  c.realEntangledLayer({ depth: 1 });
  return c;
}

async function gradients(backend: Backend, mode: "sync" | "async") {
  const c = build(backend);
  const x = tensor(
    [
      [0.2, -0.4, 0.7],
      [1.1, 0.3, -0.6],
    ],
    { requiresGrad: true },
  );
  const rho0 = new DensityMatrix(
    backend.fromArray(6, 1, randomDensityMatrix(3, { rank: 2, seed: 4 }).toArray()),
    backend,
  );
  rho0.requiresGrad = true;
  const rho = c.forward(rho0, x);
  const loss = (mode === "sync" ? expecVal(rho, H) : await expecValAsync(rho, H)).sum();
  if (mode === "sync") loss.backward();
  else await runBackwardAsync(loss);
  return {
    loss: loss.item(),
    params: c.parameters().flatMap((q) => Array.from(q.grad!.data)),
    data: Array.from(x.grad!.data),
    rho: Array.from(rho0.grad!.data),
  };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe("DensityMatrix async readers", () => {
  it("equal the sync readers on cpu", async () => {
    const rho = build(new CpuBackend()).forward(DensityMatrix.zero(3), tensor([[0.3, 0.1, -0.2]]));
    expect(await rho.toArrayAsync()).toEqual(rho.toArray());
    expect(await rho.traceAsync()).toEqual(rho.trace());
    expect(await rho.purityAsync()).toEqual(rho.purity());
    expect(await rho.probabilitiesAsync([2, 0])).toEqual(rho.probabilities([2, 0]));
    expect(await rho.expecValBatchAsync(H)).toEqual(rho.expecValBatch(H));
    expect(await rho.measureAsync(500, { seed: 3 })).toEqual(rho.measure(500, { seed: 3 }));
  });

  it("read everything back and agree with cpu on a backend without density reductions", async () => {
    const fake = fakeAsyncBackend();
    const x = tensor([
      [0.3, 0.1, -0.2],
      [0.9, -0.5, 0.4],
    ]);
    const g = build(fake).forward(DensityMatrix.zero(3, { backend: fake }), x);
    const c = build(new CpuBackend()).forward(DensityMatrix.zero(3), x);
    expect(() => g.trace()).toThrow(BackendError);
    expect(maxAbsDiff(await g.traceAsync(), c.trace())).toBeLessThan(1e-14);
    expect(maxAbsDiff(await g.probabilitiesAsync([1]), c.probabilities([1]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(await g.expecValBatchAsync(H), c.expecValBatch(H))).toBeLessThan(1e-14);
    expect(maxAbsDiff(await g.purityAsync(), c.purity())).toBeLessThan(1e-14);
  });

  it("NoisyRun's async readers equal its sync ones (readout errors included)", async () => {
    const noise = new NoiseModel().addChannel(depolarizing(0.05)).addReadoutError(
      [0, 1],
      [
        [0.95, 0.05],
        [0.08, 0.92],
      ],
    );
    const c = new Circuit(2);
    c.h(0);
    c.cnot([0, 1]);
    const run = noise.simulate(c);
    expect(await run.probabilitiesAsync()).toEqual(run.probabilities());
    expect(await run.measureAsync(300, { seed: 2 })).toEqual(run.measure(300, { seed: 2 }));
    const zz = Hamiltonian.fromString("Z0 Z1");
    expect(await run.expecValAsync(zz)).toBe(run.expecVal(zz));
  });
});

describe("the density-matrix reverse sweep on an asynchronous backend", () => {
  it("gives the cpu's gradients (angles, noise strength, data, input rho) in two phases", async () => {
    const want = await gradients(new CpuBackend(), "sync");
    const got = await gradients(fakeAsyncBackend(), "async");
    expect(Math.abs(got.loss - want.loss)).toBeLessThan(1e-13);
    expect(maxAbsDiff(got.params, want.params)).toBeLessThan(1e-12);
    expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-12);
    expect(maxAbsDiff(got.rho, want.rho)).toBeLessThan(1e-12);
    // the gradients are not trivially zero
    expect(Math.max(...want.params.map(Math.abs))).toBeGreaterThan(1e-3);
    expect(Math.max(...want.data.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it("on cpu the async backward equals the sync one exactly", async () => {
    expect(await gradients(new CpuBackend(), "async")).toEqual(
      await gradients(new CpuBackend(), "sync"),
    );
  });

  it("a sync backward on the asynchronous backend names backwardAsync", async () => {
    const fake = fakeAsyncBackend();
    const rho = build(fake).forward(DensityMatrix.zero(3, { backend: fake }), tensor([[0, 0, 0]]));
    const loss = await expecValAsync(rho, H);
    expect(() => loss.backward()).toThrow(/backwardAsync/);
  });
});
