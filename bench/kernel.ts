/**
 * Suite "kernel": the quantum kernel matrix of 200 x 200 samples on 8 qubits (IQP feature map,
 * depth 2; fidelity and projected kernels). Each sample is simulated once, a row block per
 * batched run, and the entries are dot products of the read-back states, so the cost of one
 * entry is compared with one 8-qubit forward pass of the same feature map (batch 1).
 * Target: per-entry cost <= 0.05x one forward pass. Single thread, CPU backend.
 */
import { datasets, QuantumKernel } from "../src/algorithms/learning.js";
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { Rng } from "../src/random.js";
import { fromData, noGrad } from "../src/tensor/index.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "kernel";

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    const cases = ["fidelity-200x200", "projected-200x200"].filter((c) => ctx.selected(SUITE, c));
    if (cases.length === 0) return;
    const n = 8;
    const rows = ctx.quick ? 50 : 200;
    ctx.progress(`kernel matrix ${rows} x ${rows}, n=${n}`);
    const cpu = new CpuBackend({ threads: 1 });
    const map = datasets.addEncoding(new Circuit(n, { backend: cpu }), "iqp", { depth: 2 });
    const rng = new Rng(1);
    const sample = () =>
      fromData(
        Float64Array.from({ length: rows * n }, () => rng.uniformIn(-1, 1)),
        [rows, n],
        "float64",
      );
    const x = sample();
    const y = sample();
    const one = fromData(x.data.slice(0, n), [1, n], "float64");
    const forward = timeIt(() => noGrad(() => map.forward(undefined, one)).free(), {
      budgetMs: 1000,
      runs: 200,
    });
    for (const name of cases) {
      const kernel = new QuantumKernel({
        featureMap: map,
        kind: name.startsWith("fidelity") ? "fidelity" : "projected",
      });
      const t = timeIt(() => kernel.matrix(x, y), { budgetMs: 3000 });
      const perEntry = t.median_ms / (rows * rows);
      ctx.report({
        suite: SUITE,
        case: name,
        n,
        threads: 1,
        batch: rows,
        median_ms: t.median_ms,
        runs: t.runs,
        per_entry_ms: perEntry,
        baseline: "forward",
        baseline_ms: forward.median_ms,
        ratio: Math.round((perEntry / forward.median_ms) * 1e4) / 1e4,
      });
    }
  },
};
