/**
 * Browser side of the WebGPU kernel suite: runs every kernel and random circuits on the webgpu
 * backend and on the cpu backend from the same random inputs, and writes one JSON report
 * (largest absolute error per check) into <pre id="done">. The vitest file judges it.
 */
import type { Backend, PauliTerm, StateBuffer } from "../../../../src/backend/backend.js";
import { CpuBackend } from "../../../../src/backend/cpu/cpu.js";
import { initWebGpu } from "../../../../src/backend/webgpu/init.js";
import {
  type CircuitStep,
  energyAndGradient,
} from "../../../../src/backend/webgpu/pauli-circuit.js";
import type { WebGpuBackend } from "../../../../src/backend/webgpu/webgpu.js";
import { Circuit } from "../../../../src/quantum/circuit/circuit.js";
import { Rng } from "../../../../src/random.js";
import { absErr, checks, publish, timings } from "./page.js";

function randomState(rng: Rng, n: number, batch: number): Float64Array {
  const dim = 2 ** n;
  const v = new Float64Array(2 * batch * dim);
  for (let b = 0; b < batch; b++) {
    let s = 0;
    for (let i = 0; i < 2 * dim; i++) {
      const x = rng.normal();
      v[2 * b * dim + i] = x;
      s += x * x;
    }
    const f = 1 / Math.sqrt(s);
    for (let i = 0; i < 2 * dim; i++) v[2 * b * dim + i]! *= f;
  }
  return v;
}

/** A random d x d unitary (Gram-Schmidt on a random complex matrix), interleaved row-major. */
function randomUnitary(rng: Rng, d: number): Float64Array {
  const cols: Float64Array[] = [];
  for (let c = 0; c < d; c++) {
    const v = new Float64Array(2 * d);
    for (let i = 0; i < 2 * d; i++) v[i] = rng.normal();
    for (const u of cols) {
      let pr = 0;
      let pi = 0; // <u|v>
      for (let i = 0; i < d; i++) {
        pr += u[2 * i]! * v[2 * i]! + u[2 * i + 1]! * v[2 * i + 1]!;
        pi += u[2 * i]! * v[2 * i + 1]! - u[2 * i + 1]! * v[2 * i]!;
      }
      for (let i = 0; i < d; i++) {
        v[2 * i] -= pr * u[2 * i]! - pi * u[2 * i + 1]!;
        v[2 * i + 1] -= pr * u[2 * i + 1]! + pi * u[2 * i]!;
      }
    }
    let s = 0;
    for (let i = 0; i < 2 * d; i++) s += v[i]! ** 2;
    for (let i = 0; i < 2 * d; i++) v[i]! /= Math.sqrt(s);
    cols.push(v);
  }
  const m = new Float64Array(2 * d * d);
  for (let r = 0; r < d; r++)
    for (let c = 0; c < d; c++) {
      m[2 * (r * d + c)] = cols[c]![2 * r]!;
      m[2 * (r * d + c) + 1] = cols[c]![2 * r + 1]!;
    }
  return m;
}

function repeatBlocks(rng: Rng, make: () => Float64Array, batch: number): Float64Array {
  const one = make();
  const out = new Float64Array(one.length * batch);
  out.set(one, 0);
  for (let b = 1; b < batch; b++) out.set(make(), b * one.length);
  void rng;
  return out;
}

function pickQubits(rng: Rng, n: number, k: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  rng.shuffle(all);
  return all.slice(0, k);
}

function randomPauli(
  rng: Rng,
  n: number,
  k: number,
): { qubits: number[]; letters: ("X" | "Y" | "Z")[] } {
  const qubits = pickQubits(rng, n, k);
  const letters = qubits.map(() => (["X", "Y", "Z"] as const)[rng.int(3)]!);
  return { qubits, letters };
}

function randomPhases(rng: Rng, d: number): Float64Array {
  const p = new Float64Array(2 * d);
  for (let j = 0; j < d; j++) {
    const a = 2 * Math.PI * rng.uniform();
    p[2 * j] = Math.cos(a);
    p[2 * j + 1] = Math.sin(a);
  }
  return p;
}

function randomPerm(rng: Rng, d: number): Int32Array {
  const p = Array.from({ length: d }, (_, i) => i);
  rng.shuffle(p);
  return Int32Array.from(p);
}

/** One random kernel call, applied to both backends. */
type Op = (be: Backend, buf: StateBuffer) => void;

function randomOp(rng: Rng, n: number, batch: number): { name: string; op: Op } {
  const kind = rng.int(9);
  const perBatch = batch > 1 && rng.uniform() < 0.3;
  switch (kind) {
    case 0:
    case 1: {
      const k = 1 + rng.int(Math.min(3, n));
      const q = pickQubits(rng, n, Math.min(n, k + rng.int(2)));
      const targets = q.slice(0, k);
      const controls = q.slice(k);
      const m = perBatch
        ? repeatBlocks(rng, () => randomUnitary(rng, 2 ** k), batch)
        : randomUnitary(rng, 2 ** k);
      return {
        name: `dense k=${k} c=${controls.length}${perBatch ? " batched" : ""}`,
        op: (be, b) => be.applyDense(b, targets, m, controls),
      };
    }
    case 2: {
      const k = 1 + rng.int(Math.min(2, n));
      const q = pickQubits(rng, n, Math.min(n, k + rng.int(2)));
      const d = perBatch
        ? repeatBlocks(rng, () => randomPhases(rng, 2 ** k), batch)
        : randomPhases(rng, 2 ** k);
      return {
        name: `diagonal k=${k} c=${q.length - k}`,
        op: (be, b) => be.applyDiagonal(b, q.slice(0, k), d, q.slice(k)),
      };
    }
    case 3: {
      const k = 1 + rng.int(Math.min(3, n));
      const q = pickQubits(rng, n, Math.min(n, k + rng.int(2)));
      const perm = randomPerm(rng, 2 ** k);
      const phases = rng.uniform() < 0.5 ? randomPhases(rng, 2 ** k) : undefined;
      return {
        name: `permutation k=${k} c=${q.length - k}${phases ? " phased" : ""}`,
        op: (be, b) => be.applyPermutation(b, q.slice(0, k), perm, phases, q.slice(k)),
      };
    }
    case 4:
    case 5: {
      const p = randomPauli(rng, n, 1 + rng.int(Math.min(4, n)));
      const th = new Float64Array(perBatch ? batch : 1).map(() => 4 * rng.uniform() - 2);
      return {
        name: `pauli rotation ${p.letters.join("")}`,
        op: (be, b) => be.applyPauliRotation(b, p, th),
      };
    }
    case 6: {
      const p = randomPauli(rng, n, 1 + rng.int(Math.min(4, n)));
      return {
        name: `pauli string ${p.letters.join("")}`,
        op: (be, b) => be.applyPauliString(b, p),
      };
    }
    case 7: {
      // CNOT / Toffoli-like: the permutation path without phases
      const q = pickQubits(rng, n, Math.min(n, 2));
      return {
        name: "cnot",
        op: (be, b) =>
          q.length === 2
            ? be.applyPermutation(b, [q[1]!], Int32Array.of(1, 0), undefined, [q[0]!])
            : be.applyPermutation(b, [q[0]!], Int32Array.of(1, 0)),
      };
    }
    default: {
      const f = new Float64Array(2 * (perBatch ? batch : 1));
      for (let i = 0; i < f.length; i += 2) {
        const a = rng.uniform() * 6;
        f[i] = Math.cos(a);
        f[i + 1] = Math.sin(a);
      }
      return { name: "scale (phase)", op: (be, b) => be.scale(b, f) };
    }
  }
}

function randomTerms(rng: Rng, n: number, count: number): PauliTerm[] {
  return Array.from({ length: count }, () => ({
    ...randomPauli(rng, n, 1 + rng.int(Math.min(4, n))),
    coefficient: rng.normal(),
  }));
}

/** Every kernel once from fresh random states, then reductions, on one configuration. */
async function kernelChecks(
  gpu: WebGpuBackend,
  cpu: CpuBackend,
  tag: string,
  n: number,
  batch: number,
  seed: number,
): Promise<void> {
  const rng = new Rng(seed);
  const tol = 1e-5;
  /** Applies `op` to the same random states on both backends and checks the amplitudes. */
  const compare = async (name: string, op: Op): Promise<void> => {
    const amps = randomState(rng, n, batch);
    const g = gpu.fromArray(n, batch, amps);
    const c = cpu.fromArray(n, batch, amps);
    op(gpu, g);
    op(cpu, c);
    checks.push({
      name: `${tag} ${name}`,
      err: absErr(await gpu.toArrayAsync(g), cpu.toArray(c)),
      tol,
    });
    gpu.free(g);
    cpu.free(c);
  };
  for (let t = 0; t < 40; t++) {
    const { name, op } = randomOp(rng, n, batch);
    await compare(name, op);
  }
  // the widest kernels: 6 targets (a 3-qubit channel's superoperator), dense with a control,
  // diagonal, and a phased permutation (run as a dense matrix above 5 targets)
  // (6 targets need 6 qubits inside a chunk: not on the split configurations)
  if (n >= 7 && gpu.chunkQubits >= n) {
    const q = pickQubits(rng, n, 7);
    const t6 = q.slice(0, 6);
    const u6 = randomUnitary(rng, 64);
    const diag6 = randomPhases(rng, 64);
    const perm6 = randomPerm(rng, 64);
    const ph6 = repeatBlocks(rng, () => randomPhases(rng, 64), batch);
    const wide: [string, Op][] = [
      ["dense k=6 c=1", (be, b) => be.applyDense(b, t6, u6, q.slice(6))],
      ["diagonal k=6", (be, b) => be.applyDiagonal(b, t6, diag6)],
      ["permutation k=6 phased per batch", (be, b) => be.applyPermutation(b, t6, perm6, ph6)],
    ];
    for (const [name, op] of wide) await compare(name, op);
  }
  const amps = randomState(rng, n, batch);
  const amps2 = randomState(rng, n, batch);
  const g = gpu.fromArray(n, batch, amps);
  const c = cpu.fromArray(n, batch, amps);
  const g2 = gpu.fromArray(n, batch, amps2);
  const c2 = cpu.fromArray(n, batch, amps2);
  checks.push({
    name: `${tag} fromArray/toArray`,
    err: absErr(await gpu.toArrayAsync(g), amps),
    tol: 1e-6,
  });
  const z = gpu.zeros(n, batch);
  checks.push({
    name: `${tag} zeros`,
    err: absErr(await gpu.toArrayAsync(z), cpu.toArray(cpu.zeros(n, batch))),
    tol: 0,
  });
  const p = randomPauli(rng, n, Math.min(n, 3));
  checks.push({
    name: `${tag} expectationPauli`,
    err: absErr(await gpu.expectationPauliAsync(g, p), cpu.expectationPauli(c, p)),
    tol,
  });
  const terms = randomTerms(rng, n, 12);
  checks.push({
    name: `${tag} expectationPauliSum`,
    err: absErr(await gpu.expectationPauliSumAsync(g, terms), cpu.expectationPauliSum(c, terms)),
    tol: 1e-5 * 12,
  });
  // an empty Pauli sum is 0, and the reductions after it still work (its result buffer is pooled)
  const none = await gpu.expectationPauliSumAsync(g, []);
  checks.push({
    name: `${tag} expectationPauliSum of no terms, then normSquared`,
    err:
      Math.max(...Array.from(none).map(Math.abs)) +
      absErr(await gpu.normSquaredAsync(g), cpu.normSquared(c)),
    tol,
  });
  checks.push({
    name: `${tag} probabilities`,
    err: absErr(await gpu.probabilitiesAsync(g), cpu.probabilities(c)),
    tol,
  });
  // marginals are folded on the GPU: random picks, reversed order, the highest qubits, none
  for (const mq of [
    pickQubits(rng, n, Math.min(n, 2)),
    pickQubits(rng, n, Math.min(n, 3)),
    [n - 1, 0],
    [0, 1].slice(0, n),
    [],
  ]) {
    checks.push({
      name: `${tag} probabilities marginal [${mq.join(",")}]`,
      err: absErr(await gpu.probabilitiesAsync(g, mq), cpu.probabilities(c, mq)),
      tol,
    });
  }
  // overlap matrices (the adjoint's fused-block reads), deferred, on 1..3 qubits in any order
  for (const k of [1, 2].filter((k) => k <= n)) {
    const oq = pickQubits(rng, n, k);
    const at = gpu.overlapMatrixDeferred(g, g2, oq);
    const self = gpu.overlapMatrixDeferred(g, g, oq); // one buffer: swapped in once, not twice
    const values = await gpu.resolveDeferred();
    const want = cpu.overlapMatrix(c, c2, oq);
    const wantSelf = cpu.overlapMatrix(c, c, oq);
    checks.push({
      name: `${tag} overlapMatrixDeferred [${oq.join(",")}]`,
      err: absErr(values.subarray(at, at + want.length), want),
      tol,
    });
    checks.push({
      name: `${tag} overlapMatrixDeferred(a, a) [${oq.join(",")}]`,
      err: absErr(values.subarray(self, self + wantSelf.length), wantSelf),
      tol,
    });
  }
  checks.push({
    name: `${tag} innerProduct`,
    err: absErr(await gpu.innerProductAsync(g, g2), cpu.innerProduct(c, c2)),
    tol,
  });
  checks.push({
    name: `${tag} normSquared`,
    err: absErr(await gpu.normSquaredAsync(g), cpu.normSquared(c)),
    tol,
  });
  const out = gpu.zeros(n, batch);
  const outc = cpu.zeros(n, batch);
  gpu.applyPauliSum(out, g, terms);
  cpu.applyPauliSum(outc, c, terms);
  checks.push({
    name: `${tag} applyPauliSum`,
    err: absErr(await gpu.toArrayAsync(out), cpu.toArray(outc)),
    tol: 1e-5 * 12,
  });
  const alpha = Float64Array.of(0.3, -0.7);
  gpu.axpy(g2, alpha, g);
  cpu.axpy(c2, alpha, c);
  checks.push({
    name: `${tag} axpy`,
    err: absErr(await gpu.toArrayAsync(g2), cpu.toArray(c2)),
    tol,
  });
  const cl = gpu.clone(g);
  gpu.scale(g, Float64Array.of(2, 0));
  gpu.copyInto(g2, cl);
  checks.push({
    name: `${tag} clone+copyInto`,
    err: absErr(await gpu.toArrayAsync(g2), amps),
    tol: 1e-6,
  });
  for (const b of [g, g2, z, out, cl]) gpu.free(b);
}

/** A random circuit of `depth` kernel calls on both backends; compares the final states. */
async function circuitCheck(
  gpu: WebGpuBackend,
  cpu: CpuBackend,
  tag: string,
  n: number,
  batch: number,
  depth: number,
  seed: number,
): Promise<void> {
  const rng = new Rng(seed);
  const ops = Array.from({ length: depth }, () => randomOp(rng, n, batch).op);
  const amps = randomState(rng, n, batch);
  const g = gpu.fromArray(n, batch, amps);
  const c = cpu.fromArray(n, batch, amps);
  await gpu.flush();
  let t0 = performance.now();
  for (const op of ops) op(gpu, g);
  await gpu.flush();
  timings[`${tag} gpu ms`] = performance.now() - t0;
  t0 = performance.now();
  for (const op of ops) op(cpu, c);
  timings[`${tag} cpu ms`] = performance.now() - t0;
  checks.push({
    name: `${tag} random circuit n=${n} batch=${batch} depth=${depth}`,
    err: absErr(await gpu.toArrayAsync(g), cpu.toArray(c)),
    tol: 1e-5,
  });
  gpu.free(g);
  cpu.free(c);
}

/** Adjoint gradients of a random rotation circuit: webgpu (deferred reads) vs cpu. */
async function gradientCheck(
  gpu: WebGpuBackend,
  cpu: CpuBackend,
  tag: string,
  n: number,
  depth: number,
  seed: number,
): Promise<void> {
  const rng = new Rng(seed);
  const steps: CircuitStep[] = [];
  let nParams = 0;
  for (let d = 0; d < depth; d++) {
    if (rng.uniform() < 0.6) {
      steps.push({
        kind: "rotation",
        pauli: randomPauli(rng, n, 1 + rng.int(Math.min(3, n))),
        param: nParams++,
      });
    } else if (rng.uniform() < 0.5) {
      const q = pickQubits(rng, n, 2);
      steps.push({
        kind: "permutation",
        targets: [q[1]!],
        perm: Int32Array.of(1, 0),
        controls: [q[0]!],
      });
    } else {
      const k = 1 + rng.int(2);
      steps.push({
        kind: "dense",
        targets: pickQubits(rng, n, k),
        matrix: randomUnitary(rng, 2 ** k),
      });
    }
  }
  const params = new Float64Array(nParams).map(() => 2 * Math.PI * rng.uniform());
  const terms = randomTerms(rng, n, 6);
  const t0 = performance.now();
  const g = await energyAndGradient(gpu, n, steps, params, terms);
  timings[`${tag} gradient gpu ms`] = performance.now() - t0;
  const t1 = performance.now();
  const c = await energyAndGradient(cpu, n, steps, params, terms);
  timings[`${tag} gradient cpu ms`] = performance.now() - t1;
  let scale = 0;
  for (const v of c.gradient) scale = Math.max(scale, Math.abs(v));
  checks.push({
    name: `${tag} energy n=${n} depth=${depth}`,
    err: Math.abs(g.energy - c.energy),
    tol: 1e-5 * 6,
  });
  checks.push({
    name: `${tag} adjoint gradient n=${n} depth=${depth} (${nParams} params), relative`,
    err: absErr(g.gradient, c.gradient) / Math.max(scale, 1e-3),
    tol: 1e-4,
  });
}

/** qoar's Circuit (the layer above the seam) run forward on webgpu and on cpu. */
async function circuitLayerCheck(
  gpu: WebGpuBackend,
  cpu: CpuBackend,
  tag: string,
  n: number,
): Promise<void> {
  const build = (backend: WebGpuBackend | CpuBackend): Circuit => {
    const c = new Circuit(n, { seed: 7, backend });
    c.h("full");
    c.complexEntangledLayer({ depth: 3 });
    c.rzz([0, n - 1]);
    c.cnot("cycle");
    c.realEntangledLayer({ depth: 2 });
    return c;
  };
  const g = build(gpu).forward();
  const c = build(cpu).forward();
  checks.push({
    name: `${tag} Circuit.forward (templates, u3, rzz, cnot ring) n=${n}`,
    err: absErr(await gpu.toArrayAsync(g.buffer), cpu.toArray(c.buffer)),
    tol: 1e-5,
  });
}

/**
 * Per-batch matrices that overflow the parameter arena (4 KiB here): the dense kernel runs over
 * runs of the batch, each binding its range of the state and its slice of the matrices; with
 * 128-byte states the runs keep to 256-byte binding offsets.
 */
async function batchSplitCheck(tiny: WebGpuBackend, cpu: CpuBackend): Promise<void> {
  const rng = new Rng(21);
  for (const [n, batch, k] of [
    [6, 12, 3],
    [4, 11, 3],
    [3, 7, 2],
  ] as const) {
    const amps = randomState(rng, n, batch);
    const m = repeatBlocks(rng, () => randomUnitary(rng, 2 ** k), batch);
    const targets = pickQubits(rng, n, k);
    const g = tiny.fromArray(n, batch, amps);
    const c = cpu.fromArray(n, batch, amps);
    tiny.applyDense(g, targets, m);
    cpu.applyDense(c, targets, m);
    checks.push({
      name: `[tiny arena] per-batch dense k=${k} over ${batch} x ${n} qubits, split into runs`,
      err: absErr(await tiny.toArrayAsync(g), cpu.toArray(c)),
      tol: 1e-5,
    });
    tiny.free(g);
    cpu.free(c);
  }
}

async function main(): Promise<Record<string, unknown>> {
  const cpu = new CpuBackend();
  const gpu = await initWebGpu();
  const info = {
    ...gpu.info,
    chunkQubits: gpu.chunkQubits,
    maxBinding: gpu.device.limits["maxStorageBufferBindingSize"],
  };
  // sync readers must refuse, naming the async twin
  const probe = gpu.zeros(1);
  let syncMessage = "";
  try {
    gpu.toArray(probe);
  } catch (e) {
    syncMessage = `${(e as Error).name}: ${(e as Error).message}`;
  }
  gpu.free(probe);
  await kernelChecks(gpu, cpu, "[whole]", 7, 1, 1);
  await kernelChecks(gpu, cpu, "[batch3]", 7, 3, 2);
  const small = await initWebGpu({ chunkQubits: 4 });
  await kernelChecks(small, cpu, "[split c=4]", 7, 2, 3);
  await kernelChecks(small, cpu, "[multi-chunk batch c=4]", 2, 9, 4);
  await circuitCheck(gpu, cpu, "[whole]", 16, 1, 100, 5);
  await circuitCheck(gpu, cpu, "[batch]", 10, 4, 100, 6);
  await circuitCheck(small, cpu, "[split c=4]", 9, 2, 100, 7);
  const split10 = await initWebGpu({ chunkQubits: 10 });
  await circuitCheck(split10, cpu, "[split c=10]", 14, 1, 100, 8);
  // a 4 KiB parameter arena submits every few dispatches: checks that mid-stream submits are safe
  const tiny = await initWebGpu({ arenaBytes: 4096 });
  await kernelChecks(tiny, cpu, "[tiny arena]", 5, 2, 12);
  await batchSplitCheck(tiny, cpu);
  await circuitCheck(tiny, cpu, "[tiny arena]", 8, 2, 60, 13);
  await gradientCheck(tiny, cpu, "[tiny arena]", 8, 40, 14);
  await circuitLayerCheck(gpu, cpu, "[whole]", 12);
  await circuitLayerCheck(small, cpu, "[split c=4]", 8);
  await gradientCheck(gpu, cpu, "[whole]", 12, 100, 9);
  await gradientCheck(gpu, cpu, "[whole]", 16, 100, 10);
  await gradientCheck(split10, cpu, "[split c=10]", 13, 80, 11);
  return {
    info,
    syncMessage,
    checks,
    timings,
    dispatches: gpu.dispatches,
    submits: gpu.submits,
    tiny: { dispatches: tiny.dispatches, submits: tiny.submits },
  };
}

publish(main);
