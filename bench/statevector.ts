/**
 * Suite "statevector": the CPU backend's gate kernels against the memory floor `rmw-pass` (one
 * in-place pass negating every float of the same buffer, measured in the same run), the
 * "layered-10" circuit built from backend calls (also as "layered-10-js", with the WebAssembly
 * SIMD kernels off), and a 100-term Pauli-sum expectation. Single thread. States of 12+ qubits
 * live in WebAssembly memory (see src/backend/cpu/wasm.ts), so their gates can run faster than
 * `rmw-pass`, which is a plain JavaScript loop.
 */
import type { PauliLetter, PauliTerm } from "../src/backend/backend.js";
import { CpuBackend, type CpuStateBuffer } from "../src/backend/cpu/cpu.js";
import { Rng } from "../src/random.js";
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

/** The memory floor: one read-modify-write pass over every float. */
function rmwPass(data: Float64Array): void {
  const len = data.length;
  for (let i = 0; i < len; i++) data[i] = -data[i]!;
}

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
    const cpu = new CpuBackend();
    const rng = new Rng(2024);
    const budgetMs = ctx.quick ? 200 : 1000;
    const sizes = ctx.quick ? [16, 20] : [16, 20, 22, 24];
    const gateCases = ["gate-h", "gate-h-low", "gate-h-high", "gate-rx", "gate-rz", "gate-rz-low"]
      .concat(["gate-cnot", "gate-cnot-low", "gate-cnot-high", "expect-pauli-sum-100"])
      .filter((c) => ctx.selected(SUITE, c));
    for (const n of gateCases.length > 0 ? sizes : []) {
      const psi = randomState(cpu, n, rng);
      const data = psi.data;
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
        const base = timeIt(() => rmwPass(data), { budgetMs });
        const t = timeIt(fn, { budgetMs });
        ctx.report({
          suite: SUITE,
          case: name,
          n,
          threads: 1,
          target,
          median_ms: t.median_ms,
          runs: t.runs,
          baseline: "rmw-pass",
          baseline_ms: base.median_ms,
        });
      }
      if (n === 20 && ctx.selected(SUITE, "expect-pauli-sum-100")) {
        ctx.progress(`${SUITE}/expect-pauli-sum-100 n=${n}`);
        const terms = randomPauliSum(n, 100, new Rng(7));
        const base = timeIt(() => rmwPass(data), { budgetMs });
        const t = timeIt(() => cpu.expectationPauliSum(psi, terms), { budgetMs });
        ctx.report({
          suite: SUITE,
          case: "expect-pauli-sum-100",
          n,
          threads: 1,
          params: 100,
          median_ms: t.median_ms,
          runs: t.runs,
          baseline: "rmw-pass",
          baseline_ms: base.median_ms,
        });
      }
      cpu.free(psi);
    }
    // "layered-10-js": the same circuit with the WebAssembly SIMD kernels switched off
    const jsOnly = new CpuBackend({ wasm: "never" });
    for (const [name, backend] of [
      ["layered-10", cpu],
      ["layered-10-js", jsOnly],
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
        });
      }
    }
  },
};
