/**
 * Suite "circuit": circuits as differentiable layers, timed through the public `Circuit` API.
 *
 * - `layered-10-forward` / `layered-10-gradient` at n = 12, 16, 20 (`--quick`: 12): DESIGN.md's
 *   layered-10 (20n parameters) built as a real Circuit. The forward case's baseline is the
 *   memory `floor` (bench/floor.ts, so `ratio` counts floor passes), and
 *   `layered-10-forward-unfused` is the same with fusion off. The gradient case is one training
 *   step's quantum part: forward with autograd, expecVal(Z0), backward by the adjoint method;
 *   its baseline is the forward pass in the same run and fusion setting (`QOAR_FUSION`), so
 *   `ratio` is gradient/forward (the target: <= 4).
 * - `encode-batch-64` / `encode-batch-64-gradient`: 64 samples angle-encoded into a 10-qubit
 *   circuit (2 variational layers), time per sample of one batched run against 64 separate
 *   runs (baseline `separate-runs`).
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { expecVal } from "../src/qml/expecval.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { Rng } from "../src/random.js";
import { noGrad, type Tensor, tensor } from "../src/tensor/index.js";
import { floorFor } from "./floor.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { round, timeIt } from "./harness.js";

const SUITE = "circuit";
const fusion = process.env.QOAR_FUSION ?? "default";
/** One thread, as the targets are stated (the default backend would use every core). */
const cpu = new CpuBackend({ threads: 1 });

function layered10(n: number, options: { fusion?: number } = {}): Circuit {
  const c = new Circuit(n, { seed: n, backend: cpu, ...options });
  for (let l = 0; l < 10; l++) c.ry("full").rz("full").cnot("linear");
  return c;
}

function encoder(n: number): Circuit {
  const c = new Circuit(n, { seed: 3, backend: cpu });
  c.angleEncoding({ gate: "ry" });
  for (let l = 0; l < 2; l++) c.ry("full").rz("full").cnot("linear");
  return c;
}

function forwardOnce(c: Circuit, x?: Tensor): void {
  noGrad(() => c.forward(undefined, x)).free();
}

function gradientOnce(c: Circuit, x?: Tensor): void {
  for (const p of c.parameters()) p.grad = null;
  const psi = c.forward(undefined, x);
  expecVal(psi, "Z0").sum().backward();
  psi.free();
}

function layeredCases(ctx: BenchContext): void {
  const wantF = ctx.selected(SUITE, "layered-10-forward");
  const wantU = ctx.selected(SUITE, "layered-10-forward-unfused");
  const wantG = ctx.selected(SUITE, "layered-10-gradient");
  if (!wantF && !wantG && !wantU) return;
  for (const n of ctx.quick ? [12] : [12, 16, 20]) {
    const c = layered10(n);
    const budgetMs = ctx.quick ? 300 : 3000;
    ctx.progress(`${SUITE}/layered-10 n=${n}`);
    const floor = floorFor(cpu, n, 300);
    const fwd = timeIt(() => forwardOnce(c), { budgetMs });
    const common = { suite: SUITE, n, threads: 1, params: 20 * n, fusion };
    if (wantF) ctx.report({ ...common, case: "layered-10-forward", ...fwd, ...floor });
    if (wantU) {
      const unfused = layered10(n, { fusion: 0 });
      const t = timeIt(() => forwardOnce(unfused), { budgetMs });
      ctx.report({
        ...common,
        case: "layered-10-forward-unfused",
        fusion: 0,
        ...t,
        ...floor,
        fused_ms: fwd.median_ms,
      });
    }
    if (wantG) {
      const grad = timeIt(() => gradientOnce(c), { budgetMs });
      ctx.report({
        ...common,
        case: "layered-10-gradient",
        method: "adjoint",
        ...grad,
        baseline: "forward",
        baseline_ms: fwd.median_ms,
      });
    }
  }
}

function batchCases(ctx: BenchContext): void {
  const n = 10;
  const batch = 64;
  const rng = new Rng(64);
  const rows = Array.from({ length: batch }, () =>
    Array.from({ length: n }, () => rng.uniformIn(-Math.PI, Math.PI)),
  );
  const all = tensor(rows);
  const single = rows.map((r) => tensor([r]));
  const c = encoder(n);
  const budgetMs = ctx.quick ? 300 : 2000;
  for (const [name, once] of [
    ["encode-batch-64", forwardOnce],
    ["encode-batch-64-gradient", gradientOnce],
  ] as const) {
    if (!ctx.selected(SUITE, name)) continue;
    ctx.progress(`${SUITE}/${name} n=${n}`);
    const together = timeIt(() => once(c, all), { budgetMs });
    const apart = timeIt(
      () => {
        for (const x of single) once(c, x);
      },
      { budgetMs },
    );
    ctx.report({
      suite: SUITE,
      case: name,
      n,
      threads: 1,
      batch,
      fusion,
      per_sample: true,
      median_ms: round(together.median_ms / batch),
      runs: together.runs,
      baseline: "separate-runs",
      baseline_ms: round(apart.median_ms / batch),
    });
  }
}

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    layeredCases(ctx);
    batchCases(ctx);
  },
};
