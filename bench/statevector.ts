/**
 * Suite "statevector": the CPU backend's gate kernels against the memory `floor` (bench/floor.ts:
 * one in-place WebAssembly SIMD pass over the same buffer, measured in the same run, so `ratio`
 * counts floor passes; the plain JavaScript loop rides along as `rmw_pass_js_ms`), with one and
 * two threads; the "layered-10" circuit (DESIGN.md) as real `Circuit` objects, forward with the
 * default gate fusion (and "layered-10-unfused", fusion off), with one and two threads, against
 * the floor; "layered-10-kernels" built from raw backend calls (and "-js", SIMD off); the adjoint
 * gradient of layered-10 (forward + expecVal + backward) against its forward time (`baseline:
 * "forward"`, with `floor_ms`); and a 100-term Pauli-sum expectation. Two-thread records carry
 * `one_thread_ms` and `speedup` from the same run.
 */
import type { PauliLetter, PauliTerm } from "../src/backend/backend.js";
import { CpuBackend, type CpuStateBuffer } from "../src/backend/cpu/cpu.js";
import { expecVal } from "../src/qml/expecval.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { executeOperations } from "../src/quantum/circuit/execute.js";
import { Hamiltonian } from "../src/quantum/operators/hamiltonian.js";
import { Rng } from "../src/random.js";
import { fromData, noGrad } from "../src/tensor/index.js";
import { floorFor, floorOf } from "./floor.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "statevector";
const S = Math.SQRT1_2;
const H = Float64Array.of(S, 0, S, 0, S, 0, -S, 0);

function rx(t: number): Float64Array {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return Float64Array.of(c, 0, 0, -s, 0, -s, c, 0);
}

function ry(t: number): Float64Array {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return Float64Array.of(c, 0, -s, 0, s, 0, c, 0);
}

function rzDiag(t: number): Float64Array {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return Float64Array.of(c, -s, c, s);
}

const X_PERM = Int32Array.of(1, 0);

/** A normalized random state, so repeated gates stay finite. */
function randomState(cpu: CpuBackend, n: number, rng: Rng): CpuStateBuffer {
  const buf = cpu.zeros(n);
  const d = buf.data;
  for (let i = 0; i < d.length; i++) d[i] = rng.normal();
  const norm = cpu.normSquared(buf)[0]!;
  cpu.scale(buf, Float64Array.of(1 / Math.sqrt(norm), 0));
  return buf;
}

function layered10(cpu: CpuBackend, n: number, rng: Rng): () => void {
  const rys = Array.from({ length: 10 * n }, () => ry(rng.uniform() * 2 * Math.PI));
  const rzs = Array.from({ length: 10 * n }, () => rzDiag(rng.uniform() * 2 * Math.PI));
  return () => {
    const psi = cpu.zeros(n);
    for (let l = 0; l < 10; l++) {
      for (let q = 0; q < n; q++) cpu.applyDense(psi, [q], rys[l * n + q]!);
      for (let q = 0; q < n; q++) cpu.applyDiagonal(psi, [q], rzs[l * n + q]!);
      for (let q = 0; q < n - 1; q++) cpu.applyPermutation(psi, [q + 1], X_PERM, undefined, [q]);
    }
    cpu.free(psi);
  };
}

function randomPauliSum(n: number, count: number, rng: Rng): PauliTerm[] {
  const letters: PauliLetter[] = ["X", "Y", "Z"];
  return Array.from({ length: count }, () => {
    const qubits = rng.shuffle([...Array(n).keys()]).slice(0, 1 + rng.int(4));
    return { qubits, letters: qubits.map(() => letters[rng.int(3)]!), coefficient: rng.normal() };
  });
}

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    const cpu = new CpuBackend({ threads: 1 });
    const rng = new Rng(2024);
    const budgetMs = ctx.quick ? 200 : 1000;
    const sizes = ctx.quick ? [16, 20] : [16, 20, 22, 24];
    const gateCases = ["gate-h", "gate-h-low", "gate-h-high", "gate-rx", "gate-rz", "gate-rz-low"]
      .concat(["gate-cnot", "gate-cnot-low", "gate-cnot-high", "expect-pauli-sum-100"])
      .filter((c) => ctx.selected(SUITE, c));
    for (const n of gateCases.length > 0 ? sizes : []) {
      const psi = randomState(cpu, n, rng);
      const mid = n >> 1;
      const gates: [string, number, () => void][] = [
        ["gate-h", mid, () => cpu.applyDense(psi, [mid], H)],
        ["gate-h-low", n - 1, () => cpu.applyDense(psi, [n - 1], H)],
        ["gate-h-high", 0, () => cpu.applyDense(psi, [0], H)],
        ["gate-rx", mid, () => cpu.applyDense(psi, [mid], rx(0.3))],
        ["gate-rz", mid, () => cpu.applyDiagonal(psi, [mid], rzDiag(0.3))],
        ["gate-rz-low", n - 1, () => cpu.applyDiagonal(psi, [n - 1], rzDiag(0.3))],
        ["gate-cnot", mid, () => cpu.applyPermutation(psi, [mid], X_PERM, undefined, [mid - 1])],
        [
          "gate-cnot-low",
          n - 1,
          () => cpu.applyPermutation(psi, [n - 1], X_PERM, undefined, [n - 2]),
        ],
        ["gate-cnot-high", 0, () => cpu.applyPermutation(psi, [0], X_PERM, undefined, [1])],
      ];
      for (const [name, target, fn] of gates) {
        if (!ctx.selected(SUITE, name)) continue;
        ctx.progress(`${SUITE}/${name} n=${n}`);
        const floor = floorOf(psi, budgetMs);
        const t = timeIt(fn, { budgetMs });
        ctx.report({
          suite: SUITE,
          case: name,
          n,
          threads: 1,
          target,
          median_ms: t.median_ms,
          runs: t.runs,
          ...floor,
        });
      }
      if (n === 20 && ctx.selected(SUITE, "expect-pauli-sum-100")) {
        ctx.progress(`${SUITE}/expect-pauli-sum-100 n=${n}`);
        const terms = randomPauliSum(n, 100, new Rng(7));
        const floor = floorOf(psi, budgetMs);
        const t = timeIt(() => cpu.expectationPauliSum(psi, terms), { budgetMs });
        ctx.report({
          suite: SUITE,
          case: "expect-pauli-sum-100",
          n,
          threads: 1,
          params: 100,
          median_ms: t.median_ms,
          runs: t.runs,
          ...floor,
        });
      }
      cpu.free(psi);
    }
    oneQubitGateThreads(ctx, budgetMs);
    layeredCircuits(ctx);
    batchedCircuits(ctx);
    // raw backend calls, one thread; "-js": the WebAssembly SIMD kernels switched off
    const jsOnly = new CpuBackend({ wasm: "never", threads: 1 });
    for (const [name, backend] of [
      ["layered-10-kernels", cpu],
      ["layered-10-kernels-js", jsOnly],
    ] as const) {
      for (const n of [12, 16, 20]) {
        if (!ctx.selected(SUITE, name)) continue;
        ctx.progress(`${SUITE}/${name} n=${n}`);
        const t = timeIt(layered10(backend, n, new Rng(n)), { budgetMs: ctx.quick ? 300 : 4000 });
        ctx.report({
          suite: SUITE,
          case: name,
          n,
          threads: 1,
          params: 20 * n,
          gates: 10 * (3 * n - 1),
          ...t,
          ...floorFor(cpu, n, 300),
        });
      }
    }
  },
};

/** 1-qubit gate (H on the middle qubit) at n = 22, 24, 26 with one and two threads. */
function oneQubitGateThreads(ctx: BenchContext, budgetMs: number): void {
  const name = "gate-h-threads";
  if (!ctx.selected(SUITE, name)) return;
  const backends = [new CpuBackend({ threads: 1 }), new CpuBackend({ threads: 2 })];
  for (const n of ctx.quick ? [20, 22] : [20, 22, 24, 26]) {
    const rng = new Rng(n);
    let oneMs = 0;
    for (const [i, be] of backends.entries()) {
      ctx.progress(`${SUITE}/${name} n=${n} threads=${i + 1}`);
      const psi = randomState(be, n, rng);
      const mid = n >> 1;
      const floor = floorOf(psi, budgetMs);
      const t = timeIt(() => be.applyDense(psi, [mid], H), { budgetMs });
      if (i === 0) oneMs = t.median_ms;
      ctx.report({
        suite: SUITE,
        case: name,
        n,
        threads: i + 1,
        target: mid,
        median_ms: t.median_ms,
        runs: t.runs,
        ...floor,
        ...(i > 0 ? { one_thread_ms: oneMs, speedup: round3(oneMs / t.median_ms) } : {}),
      });
      be.free(psi);
    }
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** layered-10 as a Circuit: 10 x (RY all, RZ all, CNOT chain (0,1), ..., (n-2, n-1)). */
function layeredCircuit(n: number, backend: CpuBackend): Circuit {
  const c = new Circuit(n, { seed: n, backend });
  for (let l = 0; l < 10; l++) {
    c.ry("full");
    c.rz("full");
    c.cnot("linear");
  }
  return c;
}

/**
 * layered-10 through `Circuit`: forward (the default fusion, and off as "layered-10-unfused") at
 * n = 16, 20 and 24 against the floor of the same backend (`ratio`: floor passes), and the adjoint
 * gradient at n = 16 and 20 (forward + expecVal of sum_i Z_i + backward) against the forward time
 * of the same run, each with one and two threads.
 */
function layeredCircuits(ctx: BenchContext): void {
  const backends = [new CpuBackend({ threads: 1 }), new CpuBackend({ threads: 2 })];
  const budgetMs = ctx.quick ? 300 : 4000;
  const forwardMs = new Map<string, number>();
  const forwardOf = (c: Circuit, fusion: number | undefined): (() => void) => {
    const be = c.backend();
    return () => {
      const buf = be.zeros(c.nQubits);
      executeOperations(be, buf, c.operations, {
        nQubits: c.nQubits,
        globalPhase: 0,
        nFeatures: 0,
        fusion,
      });
      be.free(buf);
    };
  };
  for (const [name, fusion] of [
    ["layered-10", undefined],
    ["layered-10-unfused", 0],
  ] as const) {
    if (!ctx.selected(SUITE, name)) continue;
    for (const n of ctx.quick ? [16, 20] : [16, 20, 24]) {
      for (const [i, be] of backends.entries()) {
        ctx.progress(`${SUITE}/${name} n=${n} threads=${i + 1}`);
        const c = layeredCircuit(n, be);
        const floor = floorFor(be, n, 500);
        const t = timeIt(forwardOf(c, fusion), { budgetMs, runs: n > 22 ? 3 : undefined });
        forwardMs.set(`${n}/${i}/${fusion}`, t.median_ms);
        const one = forwardMs.get(`${n}/0/${fusion}`)!;
        ctx.report({
          suite: SUITE,
          case: name,
          n,
          threads: i + 1,
          fusion: fusion ?? "default",
          params: 20 * n,
          gates: 10 * (3 * n - 1),
          ...t,
          ...floor,
          ...(i > 0 ? { one_thread_ms: one, speedup: round3(one / t.median_ms) } : {}),
        });
      }
    }
  }
  const name = "adjoint-layered-10";
  if (!ctx.selected(SUITE, name)) return;
  for (const n of ctx.quick ? [16] : [16, 20]) {
    const H = Hamiltonian.fromString(Array.from({ length: n }, (_, q) => `Z${q}`).join(" + "));
    for (const [i, be] of backends.entries()) {
      ctx.progress(`${SUITE}/${name} n=${n} threads=${i + 1}`);
      const c = layeredCircuit(n, be);
      const forward = timeIt(
        () =>
          noGrad(() => {
            c.forward().free();
          }),
        { budgetMs },
      );
      const grad = timeIt(
        () => {
          const psi = c.forward();
          expecVal(psi, H).backward();
          psi.free();
        },
        { budgetMs },
      );
      ctx.report({
        suite: SUITE,
        case: name,
        n,
        threads: i + 1,
        fusion: "default",
        params: 20 * n,
        median_ms: grad.median_ms,
        runs: grad.runs,
        baseline: "forward",
        baseline_ms: forward.median_ms,
        floor_ms: floorFor(be, n, 300).baseline_ms,
      });
    }
  }
}

/**
 * "layered-10-batch": a batch of inputs through RY angle encoding (one matrix per element) then
 * layered-10 (shared matrices, one sweep over the whole batch), forward, one and two threads.
 */
function batchedCircuits(ctx: BenchContext): void {
  const name = "layered-10-batch";
  if (!ctx.selected(SUITE, name)) return;
  const cases = ctx.quick
    ? [[10, 64]]
    : [
        [10, 256],
        [14, 64],
      ];
  for (const [n, batch] of cases as [number, number][]) {
    const rng = new Rng(n);
    const data = fromData(
      new Float64Array(batch * n).map(() => rng.uniform()),
      [batch, n],
      "float64",
    );
    let oneMs = 0;
    for (const threads of [1, 2]) {
      ctx.progress(`${SUITE}/${name} n=${n} batch=${batch} threads=${threads}`);
      const c = new Circuit(n, { seed: n, backend: new CpuBackend({ threads }) });
      c.angleEncoding({ gate: "ry" });
      for (let l = 0; l < 10; l++) {
        c.ry("full");
        c.rz("full");
        c.cnot("linear");
      }
      const t = timeIt(() => noGrad(() => c.forward(undefined, data).free()), {
        budgetMs: ctx.quick ? 300 : 3000,
      });
      if (threads === 1) oneMs = t.median_ms;
      ctx.report({
        suite: SUITE,
        case: name,
        n,
        batch,
        threads,
        fusion: 2,
        ...t,
        ...(threads > 1 ? { one_thread_ms: oneMs, speedup: round3(oneMs / t.median_ms) } : {}),
      });
    }
  }
}
