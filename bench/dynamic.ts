/**
 * Suite "dynamic": circuits with mid-circuit measurements and classical control.
 *
 * - "teleport-shots-1e4": a teleportation-style circuit on n = 20 qubits (a 3-layer RY/RZ/CNOT
 *   register on qubits 3..19 beside the teleported qubit 0 and the Bell pair 1, 2; two
 *   mid-circuit measurements, an X and a Z conditioned on them), 10,000 shot trajectories,
 *   against one forward pass of the same circuit with its measurements and conditions removed
 *   (`baseline: "forward"`). Shots that agree on both outcomes share one state (at most 4), so
 *   the target is ratio <= 4; `branches` says how many states the run held.
 * - "teleport-exact": the exact branch mixture of the same circuit, same baseline.
 * - "qasmbench-<file>": `qoar run FILE --shots 100` (in process) on the corpus files above 20
 *   qubits, which the tests leave out (wstate_n27 alone needs 2 GiB); not in `--quick`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { registerRun } from "../src/cli/run.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt, timeItAsync } from "./harness.js";

const SUITE = "dynamic";
const N = 20;
// the corpus from the repository root (where `npm run bench` runs), in source and dist alike
const CORPUS = "test/reference/qasmbench";

/** The teleportation-style circuit; `dynamic` false drops the measurements and conditions. */
function teleportStyle(dynamic: boolean, backend: CpuBackend): Circuit {
  const c = new Circuit(N, { seed: 5, backend });
  const rest = Array.from({ length: N - 3 }, (_, i) => i + 3);
  c.u3(0, { param: [1.1, 0.7, -0.4] });
  for (let layer = 0; layer < 3; layer++) {
    c.ry([...rest.map((q) => [q])]);
    c.rz([...rest.map((q) => [q])]);
    c.cnot(rest.slice(0, -1).map((q) => [q, q + 1]));
  }
  c.h(1).cnot([1, 2]).cnot([0, 1]).h(0);
  if (dynamic) {
    c.measure([0, 1]);
    c.cond([1], 1, (sub) => sub.x(2));
    c.cond([0], 1, (sub) => sub.z(2));
  }
  return c;
}

/** `qoar run <args>` in this process; its JSON line is kept off stdout. */
async function runQuietly(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerRun(program);
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await program.parseAsync(["node", "qoar", "run", ...args]);
  } finally {
    process.stdout.write = write;
  }
}

export const suite: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext): Promise<void> {
    const backend = new CpuBackend({ threads: 1 });
    const options = { runs: ctx.quick ? 3 : 7 };
    const cases = [
      { name: "teleport-shots-1e4", opts: { shots: 10_000, seed: 1 } },
      { name: "teleport-exact", opts: { maxBranches: 1024 } },
    ].filter((k) => ctx.selected(SUITE, k.name));
    if (cases.length > 0) {
      const plain = teleportStyle(false, backend);
      const dyn = teleportStyle(true, backend);
      for (const p of [...plain.parameters(), ...dyn.parameters()]) p.requiresGrad = false;
      const base = timeIt(() => plain.forward().free(), options);
      for (const k of cases) {
        ctx.progress(`${SUITE}/${k.name} n=${N}`);
        let branches = 0;
        const t = timeIt(() => {
          const psi = dyn.forward(undefined, undefined, k.opts);
          branches = psi.batch;
          psi.free();
        }, options);
        ctx.report({
          suite: SUITE,
          case: k.name,
          n: N,
          threads: 1,
          ...("shots" in k.opts ? { shots: k.opts.shots } : {}),
          median_ms: t.median_ms,
          runs: t.runs,
          baseline: "forward",
          baseline_ms: base.median_ms,
          ratio: Number((t.median_ms / base.median_ms).toFixed(3)),
          branches,
        });
      }
    }
    if (ctx.quick) return; // minutes each: not part of --quick
    const large = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".qasm") && Number(/_n(\d+)/.exec(f)?.[1]) > 20)
      .sort();
    for (const f of large) {
      const name = `qasmbench-${f.replace(/\.qasm$/, "")}`;
      if (!ctx.selected(SUITE, name)) continue;
      ctx.progress(`${SUITE}/${name}`);
      const t = await timeItAsync(
        () => runQuietly([join(CORPUS, f), "--shots", "100", "--seed", "1", "--json"]),
        { runs: 1, warmup: 0 },
      );
      ctx.report({
        suite: SUITE,
        case: name,
        n: Number(/_n(\d+)/.exec(f)![1]),
        threads: 1,
        shots: 100,
        median_ms: t.median_ms,
        runs: t.runs,
      });
    }
  },
};
