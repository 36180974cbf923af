/**
 * Suite "fisher": the quantum Fisher information matrix by the derivative-state sweep.
 *
 * - `qfim-full` / `qfim-block`: the full (and block-diagonal) QFIM of a 12-qubit, 100-parameter
 *   circuit (4 layers of RY and RZ on every qubit with a CNOT chain, then RY on qubits 0..3). The
 *   baseline is one forward pass of the same circuit (default fusion); `passes` is the sweep's
 *   own count of operation applications over the circuit's operations (the bound: 2P),
 *   `forward_unfused_ms` the forward pass one gate at a time, as the sweep applies them.
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { quantumFisher } from "../src/qml/fisher/quantum-fisher.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import type { DerivativeSweepStats } from "../src/quantum/gradients/derivative-states.js";
import { noGrad } from "../src/tensor/index.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "fisher";
const cpu = new CpuBackend({ threads: 1 });

function hundredParameters(n: number, fusion?: number): Circuit {
  const c = new Circuit(n, {
    seed: 100,
    backend: cpu,
    ...(fusion === undefined ? {} : { fusion }),
  });
  for (let l = 0; l < 4; l++) c.ry("full").rz("full").cnot("linear");
  c.ry([0, 1, 2, 3]);
  return c;
}

function qfimCases(ctx: BenchContext): void {
  const n = 12;
  for (const [name, blockDiagonal] of [
    ["qfim-full", false],
    ["qfim-block", true],
  ] as const) {
    if (!ctx.selected(SUITE, name)) continue;
    ctx.progress(`${SUITE}/${name} n=${n}`);
    const c = hundredParameters(n);
    const P = c.parameterCount;
    const budgetMs = ctx.quick ? 300 : 3000;
    const forward = timeIt(() => noGrad(() => c.forward()).free(), { budgetMs });
    const unfused = hundredParameters(n, 0);
    const forwardUnfused = timeIt(() => noGrad(() => unfused.forward()).free(), { budgetMs });
    let stats: DerivativeSweepStats | undefined;
    const t = timeIt(
      () => {
        quantumFisher(c, { blockDiagonal, onStats: (s) => (stats = s) });
      },
      { budgetMs, runs: ctx.quick ? 3 : undefined },
    );
    ctx.report({
      suite: SUITE,
      case: name,
      n,
      threads: 1,
      params: P,
      ...t,
      passes: stats!.passes,
      max_passes: 2 * P,
      operations: stats!.operations,
      forward_unfused_ms: forwardUnfused.median_ms,
      baseline: "forward",
      baseline_ms: forward.median_ms,
    });
  }
}

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    qfimCases(ctx);
  },
};
