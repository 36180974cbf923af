/**
 * Browser side of the density-matrix suite on WebGPU: noisy circuits (gates, 1- and 2-qubit
 * channels, trainable noise strengths, a NoiseModel) run on DensityMatrix buffers of the webgpu
 * backend and compared with the cpu backend: the entries, the GPU reductions (trace, purity,
 * tr(H rho), the diagonal), seeded sampling, and the gradients of tr(H rho) through the
 * checkpointed reverse sweep (two-phase on the GPU) for gate angles, noise strengths, data and the
 * input rho, on whole and split (chunkQubits 4) buffers; batch-1 inputs broadcast on the GPU.
 * Writes one JSON report into <pre id="done">.
 */
import type { Backend } from "../../../../src/backend/backend.js";
import { CpuBackend } from "../../../../src/backend/cpu/cpu.js";
import { initWebGpu } from "../../../../src/backend/webgpu/init.js";
import type { WebGpuBackend } from "../../../../src/backend/webgpu/webgpu.js";
import { expecVal, expecValAsync } from "../../../../src/qml/expecval.js";
import { Circuit } from "../../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../../src/quantum/density/density.js";
import { NoiseModel } from "../../../../src/quantum/density/noise.js";
import {
  amplitudeDamping,
  depolarizing,
} from "../../../../src/quantum/density/standard-channels.js";
import { randomDensityMatrix } from "../../../../src/quantum/density/states.js";
import { Hamiltonian } from "../../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../../src/quantum/state/state.js";
import { runBackwardAsync } from "../../../../src/tensor/autograd.js";
import { Parameter, type Tensor, tensor } from "../../../../src/tensor/index.js";
import { absErr, checks, countDiff, publish, relErr, timings } from "./page.js";

function hamiltonian(n: number): Hamiltonian {
  const terms: string[] = [];
  for (let q = 0; q < n - 1; q++) terms.push(`${(0.3 + 0.1 * q).toFixed(2)} Z${q} Z${q + 1}`);
  terms.push(`0.5 X0 + 0.4 Y1 Y${n - 1} + 0.25 X${n - 1} Z${n - 2} + 0.2 Z1`);
  return Hamiltonian.fromString(terms.join(" + "));
}

/** A noisy circuit: encodings, templates, 1- and 2-qubit channels with trainable strengths. */
/**
 * The noisy circuit; with `p3`, also a 3-qubit depolarizing channel of trainable strength (its
 * superoperator has 6 targets: whole buffers only, a split one has 4 qubits per chunk).
 */
function build(
  n: number,
  backend: Backend,
  p: Parameter,
  gamma: Parameter,
  p3?: Parameter,
): Circuit {
  const c = new Circuit(n, { seed: 17, backend });
  c.angleEncoding({ gate: "ry" });
  c.h(0);
  c.complexEntangledLayer({ depth: 1 });
  c.depolarizing(p, [0, 2]);
  c.rzz([0, n - 1]);
  c.crx([1, 2]);
  c.amplitudeDamping(gamma, [1]);
  c.generalizedDepolarizing(0.04, [[0, 1]]);
  if (p3 !== undefined) c.generalizedDepolarizing(p3, [[0, 1, 2]]);
  c.u3([2]);
  c.phaseDamping(0.07, "full");
  c.cnot("cycle");
  c.toffoli([0, 1, 2]);
  c.realEntangledLayer({ depth: 1 });
  return c;
}

interface RunResult {
  ms: number;
  loss: number;
  params: number[];
  data: number[];
  rho: number[];
}

/**
 * tr(H rho) summed over the batch and its gradients for the circuit's parameters (gate angles and
 * noise strengths), the data and the input rho; on webgpu via the async readers.
 */
async function runGradients(
  backend: Backend,
  gpu: boolean,
  n: number,
  batch: number,
  inputBatch: number,
  wide: boolean,
): Promise<RunResult> {
  const p = new Parameter(new Float64Array([0.06]), [1]);
  const gamma = new Parameter(new Float64Array([0.12]), [1]);
  const p3 = wide ? new Parameter(new Float64Array([0.05]), [1]) : undefined;
  const c = build(n, backend, p, gamma, p3);
  const data = Array.from({ length: batch }, (_, b) =>
    Array.from({ length: n }, (_, f) => Math.cos(0.9 * b + 0.5 * f + 0.1)),
  );
  const x = tensor(data, { requiresGrad: true });
  const rhoArr = randomDensityMatrix(n, { rank: 2, seed: 8, batch: inputBatch }).toArray();
  const rho0 = new DensityMatrix(backend.fromArray(2 * n, inputBatch, rhoArr), backend);
  rho0.requiresGrad = true;
  const H = hamiltonian(n);
  const t0 = performance.now();
  const rho = c.forward(rho0, x);
  let loss: Tensor;
  if (gpu) {
    loss = (await expecValAsync(rho, H)).sum();
    await runBackwardAsync(loss);
  } else {
    loss = expecVal(rho, H).sum();
    loss.backward();
  }
  const ms = performance.now() - t0;
  return {
    ms,
    loss: loss.item(),
    params: c.parameters().flatMap((q) => Array.from(q.grad?.data ?? [])),
    data: Array.from(x.grad!.data),
    rho: Array.from(rho0.grad!.data),
  };
}

async function gradientCheck(
  gpu: WebGpuBackend,
  tag: string,
  n: number,
  batch: number,
  inputBatch: number,
) {
  // a 3-qubit channel where a chunk holds the 6 qubits of its superoperator
  const wide = gpu.chunkQubits >= 2 * n;
  const want = await runGradients(new CpuBackend(), false, n, batch, inputBatch, wide);
  const got = await runGradients(gpu, true, n, batch, inputBatch, wide);
  const id = `${tag} n=${n} batch=${batch} input batch=${inputBatch}${wide ? " +3-qubit channel" : ""}`;
  timings[`${id} forward+backward webgpu ms`] = Math.round(got.ms);
  timings[`${id} forward+backward cpu ms`] = Math.round(want.ms);
  checks.push({ name: `${id} loss`, err: Math.abs(got.loss - want.loss), tol: 1e-4 });
  checks.push({
    name: `${id} parameter gradients (${want.params.length}: angles, noise strengths), relative`,
    err: relErr(got.params, want.params),
    tol: 1e-4,
  });
  checks.push({
    name: `${id} data gradients, relative`,
    err: relErr(got.data, want.data),
    tol: 1e-4,
  });
  checks.push({
    name: `${id} input-rho gradients, relative`,
    err: relErr(got.rho, want.rho),
    tol: 1e-4,
  });
}

/** The forward run and DensityMatrix's async readers on webgpu against the sync ones on cpu. */
async function readerCheck(gpu: WebGpuBackend, tag: string, n: number, batch: number) {
  const cpu = new CpuBackend();
  const data = tensor(
    Array.from({ length: batch }, (_, b) => Array.from({ length: n }, (_, f) => 0.3 * b - 0.2 * f)),
  );
  const run = (backend: Backend) => {
    const p = new Parameter(new Float64Array([0.1]), [1]);
    const gamma = new Parameter(new Float64Array([0.2]), [1]);
    return build(n, backend, p, gamma).forward(DensityMatrix.zero(n, { backend }), data);
  };
  const t0 = performance.now();
  const g = run(gpu);
  const entries = await g.toArrayAsync();
  timings[`${tag} forward n=${n} batch=${batch} webgpu ms`] = Math.round(performance.now() - t0);
  const c = run(cpu);
  const id = `${tag} n=${n} batch=${batch}`;
  checks.push({
    name: `${id} DensityMatrix.toArrayAsync (entries, absolute)`,
    err: absErr(entries, c.toArray()),
    tol: 1e-5,
  });
  checks.push({
    name: `${id} traceAsync`,
    err: absErr(await g.traceAsync(), c.trace()),
    tol: 1e-5,
  });
  checks.push({
    name: `${id} purityAsync`,
    err: absErr(await g.purityAsync(), c.purity()),
    tol: 1e-5,
  });
  checks.push({
    name: `${id} probabilitiesAsync()`,
    err: absErr(await g.probabilitiesAsync(), c.probabilities()),
    tol: 1e-5,
  });
  checks.push({
    name: `${id} probabilitiesAsync([2, 0])`,
    err: absErr(await g.probabilitiesAsync([2, 0]), c.probabilities([2, 0])),
    tol: 1e-5,
  });
  const H = hamiltonian(n);
  checks.push({
    name: `${id} expecValBatchAsync (tr(H rho) on the GPU)`,
    err: absErr(await g.expecValBatchAsync(H), c.expecValBatch(H)),
    tol: 1e-5,
  });
  checks.push({
    name: `${id} measureAsync (seeded) vs cpu measure, outcomes moved`,
    err: countDiff(
      await g.measureAsync(2000, { seed: 9, qubits: [1, 2] }),
      c.measure(2000, { seed: 9, qubits: [1, 2] }),
    ),
    tol: 4,
  });
  g.free();
  c.free();
}

/** A NoiseModel run (channels inserted after gates) on both backends. */
async function noiseModelCheck(gpu: WebGpuBackend): Promise<void> {
  const n = 4;
  const noise = new NoiseModel()
    .addChannel(depolarizing(0.03))
    .addChannel(amplitudeDamping(0.05), { gates: "cx" });
  const run = (backend: Backend) => {
    const c = new Circuit(n, { seed: 5, backend });
    c.h();
    c.cnot("linear");
    c.rx([2]);
    return c.forward(DensityMatrix.zero(n, { backend }), undefined, { noise });
  };
  const g = run(gpu);
  const c = run(new CpuBackend());
  checks.push({
    name: "NoiseModel run: entries (absolute)",
    err: absErr(await g.toArrayAsync(), c.toArray()),
    tol: 1e-5,
  });
  checks.push({
    name: "NoiseModel run: purity went below 1 (1 - purity must be > 0.01)",
    err: Math.max(0, 0.01 - (1 - (await g.purityAsync())[0]!)),
    tol: 1e-12,
  });
}

/** A batch-1 pure State broadcast over a data batch by Circuit.forward (GPU copies). */
async function broadcastCheck(gpu: WebGpuBackend): Promise<void> {
  const n = 5;
  const data = tensor([
    [0.1, 0.2, 0.3, 0.4, 0.5],
    [0.5, -0.4, 0.3, -0.2, 0.1],
    [1.1, 0.7, -0.3, 0.2, 0.9],
  ]);
  const run = async (backend: Backend) => {
    const c = new Circuit(n, { seed: 2, backend });
    c.angleEncoding({ gate: "rx" });
    c.realEntangledLayer({ depth: 2 });
    const s0 = new State(backend.fromArray(n, 1, State.random(n, { seed: 12 }).toArray()), backend);
    s0.requiresGrad = true;
    const loss = (await expecValAsync(c.forward(s0, data), hamiltonian(n))).sum();
    await runBackwardAsync(loss);
    return {
      loss: loss.item(),
      params: c.parameters().flatMap((q) => Array.from(q.grad!.data)),
      state: Array.from(s0.grad!.data),
    };
  };
  const got = await run(gpu);
  const want = await run(new CpuBackend());
  checks.push({
    name: "State broadcast over a data batch: loss",
    err: Math.abs(got.loss - want.loss),
    tol: 1e-4,
  });
  checks.push({
    name: "State broadcast: parameter gradients, relative",
    err: relErr(got.params, want.params),
    tol: 1e-4,
  });
  checks.push({
    name: "State broadcast: input-state gradient (summed over the batch), relative",
    err: relErr(got.state, want.state),
    tol: 1e-4,
  });
  const one = gpu.fromArray(3, 1, State.random(3, { seed: 1 }).toArray());
  const many = gpu.broadcast(one, 5);
  const cpu = new CpuBackend();
  const ref = cpu.broadcast(cpu.fromArray(3, 1, State.random(3, { seed: 1 }).toArray()), 5);
  checks.push({
    name: "backend.broadcast(buf, 5) entries",
    err: absErr(await gpu.toArrayAsync(many), cpu.toArray(ref)),
    tol: 1e-6,
  });
  gpu.free(one);
  gpu.free(many);
}

async function main(): Promise<Record<string, unknown>> {
  const gpu = await initWebGpu();
  const small = await initWebGpu({ chunkQubits: 4 });
  let syncMessage = "";
  try {
    const p = new Parameter(new Float64Array([0.05]), [1]);
    const g = new Parameter(new Float64Array([0.1]), [1]);
    const rho = build(3, gpu, p, g).forward(
      DensityMatrix.zero(3, { backend: gpu }),
      tensor([[0.1, 0.2, 0.3]]),
    );
    const loss = await expecValAsync(rho, "Z0");
    loss.backward();
  } catch (e) {
    syncMessage = `${(e as Error).name}: ${(e as Error).message}`;
  }
  await readerCheck(gpu, "[whole]", 4, 3);
  await readerCheck(small, "[split c=4]", 3, 2);
  await gradientCheck(gpu, "[whole]", 4, 2, 2);
  await gradientCheck(gpu, "[whole]", 5, 3, 1);
  await gradientCheck(small, "[split c=4]", 3, 2, 1);
  await noiseModelCheck(gpu);
  await broadcastCheck(gpu);
  return { syncMessage, checks, timings };
}

publish(main);
