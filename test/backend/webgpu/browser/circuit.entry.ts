/**
 * Browser side of the circuit-layer suite on WebGPU: qoar's Circuit (templates, encodings) run on
 * the webgpu backend, differentiated with `expecValAsync` + `runBackwardAsync` (the adjoint's
 * two-phase sweep over deferred reads), compared with the cpu backend's sync gradients; a few Adam
 * steps of a small VQE; State's async readers. Writes one JSON report into <pre id="done">.
 */
import type { Backend } from "../../../../src/backend/backend.js";
import { CpuBackend } from "../../../../src/backend/cpu/cpu.js";
import { initWebGpu } from "../../../../src/backend/webgpu/init.js";
import type { WebGpuBackend } from "../../../../src/backend/webgpu/webgpu.js";
import { expecVal, expecValAsync } from "../../../../src/qml/expecval.js";
import "../../../../src/qml/paramshift.js"; // registers "parameter-shift"
import { Circuit } from "../../../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../../../src/quantum/operators/hamiltonian.js";
import { chainLattice } from "../../../../src/quantum/operators/lattice.js";
import { qdriftCircuit } from "../../../../src/quantum/operators/qdrift.js";
import { heisenberg } from "../../../../src/quantum/operators/spin-models.js";
import { trotterCircuit } from "../../../../src/quantum/operators/trotter.js";
import { State } from "../../../../src/quantum/state/state.js";
import { runBackwardAsync } from "../../../../src/tensor/autograd.js";
import { Adam, type Tensor, tensor } from "../../../../src/tensor/index.js";
import { checks, countDiff, publish, relErr, timings } from "./page.js";

function hamiltonian(n: number): Hamiltonian {
  const terms: string[] = [];
  for (let q = 0; q < n - 1; q++) terms.push(`${(0.3 + 0.1 * q).toFixed(2)} Z${q} Z${q + 1}`);
  terms.push(`- 0.5 X0 + 0.4 Y1 Y${n - 1} - 0.25 X${n - 1} Z2`);
  return Hamiltonian.fromString(terms.join(" + ").replace(/\+ -/g, "-"));
}

function build(n: number, backend: Backend): Circuit {
  const c = new Circuit(n, { seed: 21, backend });
  c.angleEncoding({ gate: "ry" });
  c.h(0);
  c.complexEntangledLayer({ depth: 2 });
  c.u3([1]);
  c.rzz([0, n - 1]);
  c.p([2]);
  c.crx([1, 3]);
  c.cnot("cycle");
  c.realEntangledLayer({ depth: 2 });
  c.pauliRotation("X0 Y2 Z3");
  return c;
}

function flatGrads(c: Circuit): number[] {
  return c.parameters().flatMap((p) => Array.from(p.grad?.data ?? []));
}

/** Data [batch, n] and an input state per batch element, the same on both backends. */
function inputs(n: number, batch: number): { data: number[][]; amps: Float64Array } {
  const data = Array.from({ length: batch }, (_, b) =>
    Array.from({ length: n }, (_, f) => Math.sin(1.3 * b + 0.7 * f + 0.2)),
  );
  return { data, amps: State.random(n, { seed: 4, batch }).toArray() };
}

/** Circuit gradients (params, data, input state) on webgpu (async) against cpu (sync). */
async function gradientCheck(gpu: WebGpuBackend, tag: string, n: number, batch: number) {
  const cpu = new CpuBackend();
  const { data, amps } = inputs(n, batch);
  const H = hamiltonian(n);
  const run = async (backend: Backend, async: boolean) => {
    const c = build(n, backend);
    const x = tensor(data, { requiresGrad: true });
    const s0 = new State(backend.fromArray(n, batch, amps), backend);
    s0.requiresGrad = true;
    const t0 = performance.now();
    const psi = c.forward(s0, x);
    let loss: Tensor;
    if (async) {
      loss = (await expecValAsync(psi, H)).sum();
      await runBackwardAsync(loss);
    } else {
      loss = expecVal(psi, H).sum();
      loss.backward();
    }
    const ms = performance.now() - t0;
    return {
      ms,
      loss: loss.item(),
      params: flatGrads(c),
      data: Array.from(x.grad!.data),
      state: Array.from(s0.grad!.data),
    };
  };
  const want = await run(cpu, false);
  const got = await run(gpu, true);
  timings[`${tag} n=${n} batch=${batch} forward+backward webgpu ms`] = Math.round(got.ms);
  timings[`${tag} n=${n} batch=${batch} forward+backward cpu ms`] = Math.round(want.ms);
  checks.push({
    name: `${tag} loss n=${n} batch=${batch}`,
    err: Math.abs(got.loss - want.loss),
    tol: 1e-4,
  });
  checks.push({
    name: `${tag} parameter gradients n=${n} (${want.params.length}), relative`,
    err: relErr(got.params, want.params),
    tol: 1e-4,
  });
  checks.push({
    name: `${tag} data gradients n=${n}, relative`,
    err: relErr(got.data, want.data),
    tol: 1e-4,
  });
  checks.push({
    name: `${tag} input-state gradients n=${n}, relative`,
    err: relErr(got.state, want.state),
    tol: 1e-4,
  });
}

/** `gradMethod = "parameter-shift"` on webgpu (shifted runs recorded, read back once) vs cpu. */
async function parameterShiftCheck(gpu: WebGpuBackend): Promise<void> {
  const n = 6;
  const H = hamiltonian(n);
  const { data, amps } = inputs(n, 2);
  const run = async (backend: Backend, method: "parameter-shift" | "adjoint") => {
    const c = new Circuit(n, { seed: 8, backend });
    c.gradMethod = method;
    c.angleEncoding({ gate: "rx" });
    c.realEntangledLayer({ depth: 2 });
    c.crz([0, 3]);
    const x = tensor(data, { requiresGrad: true });
    const s0 = new State(backend.fromArray(n, 2, amps), backend);
    s0.requiresGrad = true;
    const t0 = performance.now();
    const loss = (await expecValAsync(c.forward(s0, x), H)).sum();
    await runBackwardAsync(loss);
    return {
      ms: performance.now() - t0,
      params: flatGrads(c),
      data: Array.from(x.grad!.data),
      state: Array.from(s0.grad!.data),
    };
  };
  const got = await run(gpu, "parameter-shift");
  const want = await run(new CpuBackend(), "adjoint");
  timings[`parameter shift n=${n} batch=2 webgpu ms`] = Math.round(got.ms);
  checks.push({
    name: "parameter-shift gradients on webgpu vs cpu adjoint, relative",
    err: relErr(got.params, want.params),
    tol: 1e-4,
  });
  checks.push({
    name: "parameter-shift data gradients on webgpu, relative",
    err: relErr(got.data, want.data),
    tol: 1e-4,
  });
  checks.push({
    name: "parameter-shift input-state gradients on webgpu, relative",
    err: relErr(got.state, want.state),
    tol: 1e-4,
  });
}

/** A few Adam steps of a small VQE on both backends: energies and final parameters agree. */
async function vqeCheck(gpu: WebGpuBackend): Promise<void> {
  const n = 6;
  const H = hamiltonian(n);
  const steps = 8;
  const train = async (backend: Backend) => {
    const c = new Circuit(n, { seed: 3, backend });
    c.realEntangledLayer({ depth: 3 });
    const opt = new Adam(c.parameters(), { lr: 0.1 });
    const energies: number[] = [];
    for (let i = 0; i < steps; i++) {
      opt.zeroGrad();
      const loss = await expecValAsync(c.forward(), H);
      await loss.backwardAsync();
      opt.step();
      energies.push(loss.item());
    }
    return { energies, params: c.parameters().flatMap((p) => Array.from(p.data)) };
  };
  const t0 = performance.now();
  const got = await train(gpu);
  timings[`vqe ${steps} Adam steps n=${n} webgpu ms`] = Math.round(performance.now() - t0);
  const want = await train(new CpuBackend());
  checks.push({
    name: `vqe energies over ${steps} Adam steps`,
    err: Math.max(...got.energies.map((e, i) => Math.abs(e - want.energies[i]!))),
    tol: 1e-4,
  });
  checks.push({
    name: "vqe parameters after the steps",
    err: Math.max(...got.params.map((p, i) => Math.abs(p - want.params[i]!))),
    tol: 1e-4,
  });
  checks.push({
    name: "vqe energy went down (last - first, must be < 0)",
    err: Math.max(0, want.energies[steps - 1]! - want.energies[0]! + 1e-3),
    tol: 1e-12,
  });
}

/** State's async readers on webgpu against the sync readers on cpu. */
async function stateReaderCheck(gpu: WebGpuBackend): Promise<void> {
  const n = 7;
  const cpu = new CpuBackend();
  const { data } = inputs(n, 2);
  const g = build(n, gpu).forward(undefined, tensor(data));
  const c = build(n, cpu).forward(undefined, tensor(data));
  const amps = await g.toArrayAsync();
  checks.push({
    name: "State.toArrayAsync",
    err: relErr(Array.from(amps), Array.from(c.toArray())),
    tol: 1e-5,
  });
  checks.push({
    name: "State.probabilitiesAsync([4, 1])",
    err: relErr(
      Array.from(await g.probabilitiesAsync([4, 1])),
      Array.from(c.probabilities([4, 1])),
    ),
    tol: 1e-5,
  });
  // the same seeded sampler: counts equal up to an outcome moved by float32 rounding
  const shots = 2000;
  checks.push({
    name: "State.measureAsync (seeded) vs cpu measure, outcomes moved",
    err: countDiff(
      await g.measureAsync(shots, { seed: 5, qubits: [0, 2, 6] }),
      c.measure(shots, { seed: 5, qubits: [0, 2, 6] }),
    ),
    tol: 4,
  });
  // shot estimates: the same seeded samples over float32 marginals (an outcome may move)
  const sampling = { shots: 4000, seed: 11 };
  const exact = c.expecValBatch(hamiltonian(n));
  const estGpu = await g.expecValBatchAsync(hamiltonian(n), sampling);
  const estCpu = c.expecValBatch(hamiltonian(n), sampling);
  checks.push({
    name: "State.expecValBatchAsync with shots vs cpu's estimate (same seed)",
    err: relErr(Array.from(estGpu), Array.from(estCpu)),
    tol: 1e-2,
  });
  checks.push({
    name: "shot estimate within 5 standard errors of the exact value",
    err: Math.max(...Array.from(estGpu).map((e, i) => Math.abs(e - exact[i]!))),
    tol: (5 * 2.5) / Math.sqrt(4000),
  });
  checks.push({
    name: "State.expecValBatchAsync",
    err: relErr(
      Array.from(await g.expecValBatchAsync(hamiltonian(n))),
      Array.from(c.expecValBatch(hamiltonian(n))),
    ),
    tol: 1e-5,
  });
  // printing never reads synchronously (that throws on webgpu): the header, no amplitudes
  let printed: string;
  try {
    printed = String(g);
  } catch (e) {
    printed = `threw ${(e as Error).message}`;
  }
  checks.push({
    name: `String(State) on webgpu prints without values: ${printed}`,
    err: /^State\(nQubits=7, batch=2, backend=webgpu, gradFn=\w+\) \[values on the device/.test(
      printed,
    )
      ? 0
      : 1,
    tol: 0.5,
  });
  g.free();
}

/** Trotter (trainable) and QDRIFT circuits on webgpu against cpu: energies and angle gradients. */
async function hamiltonianSimulationCheck(gpu: WebGpuBackend): Promise<string> {
  const n = 6;
  const H = heisenberg(chainLattice(n), { J: [1, 0.8, 0.6], h: [0.3, 0, 0.2] });
  const O = hamiltonian(n);
  const run = async (backend: Backend, async: boolean) => {
    const c = trotterCircuit(H, 0.7, { steps: 3, order: 2, trainable: true, backend });
    c.extend(qdriftCircuit(H, 0.2, { samples: 20, seed: 3, backend }));
    const psi = new State(backend.fromArray(n, 1, State.basis(n, "010101").toArray()), backend);
    const out = c.forward(psi);
    const loss = async ? await expecValAsync(out, O) : expecVal(out, O);
    if (async) await runBackwardAsync(loss);
    else loss.backward();
    return { loss: loss.item(), grads: flatGrads(c) };
  };
  const want = await run(new CpuBackend(), false);
  const got = await run(gpu, true);
  checks.push({
    name: "trotter+qdrift energy on webgpu",
    err: Math.abs(got.loss - want.loss),
    tol: 1e-4,
  });
  checks.push({
    name: `trotter trainable-angle gradients on webgpu (${want.grads.length}), relative`,
    err: relErr(got.grads, want.grads),
    tol: 1e-4,
  });
  // exact evolution reads inner products at every Krylov step: refused with a way out
  try {
    new State(gpu.zeros(n), gpu).evolve(H, 1);
    return "no error";
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

async function main(): Promise<Record<string, unknown>> {
  const gpu = await initWebGpu();
  // the sync backward names the async one
  let syncMessage = "";
  try {
    const c = build(5, gpu);
    const loss = await expecValAsync(c.forward(undefined, tensor(inputs(5, 1).data)), "Z0");
    loss.backward();
  } catch (e) {
    syncMessage = `${(e as Error).name}: ${(e as Error).message}`;
  }
  await gradientCheck(gpu, "[whole]", 8, 3);
  await gradientCheck(gpu, "[whole]", 12, 1);
  const small = await initWebGpu({ chunkQubits: 4 });
  await gradientCheck(small, "[split c=4]", 7, 2);
  await vqeCheck(gpu);
  await parameterShiftCheck(gpu);
  await stateReaderCheck(gpu);
  const evolveMessage = await hamiltonianSimulationCheck(gpu);
  return { syncMessage, evolveMessage, checks, timings, live: gpu.stats().live };
}

publish(main);
