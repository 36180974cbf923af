/**
 * Suite "jobs": sweeps on the BullMQ/Redis queue against the same sweep run serially here.
 * Needs redis-server on the PATH (skipped with a line on stderr otherwise); starts its own on a
 * loopback port and two `qoar worker` processes (QOAR_THREADS=1, as the serial run).
 *
 * - "lih-curve-2-workers": the 11-point all-electron LiH UCCSD-VQE curve (12 qubits, about 2.5 s
 *   a point), queued on 2 workers vs serial; target (issue #23) ratio <= 0.65 on 2 cores. The
 *   queued energies must equal the serial ones bit for bit.
 * - "overhead-per-job": 200 trivial circuit.run jobs on 1 worker; (wall - compute) / jobs is
 *   what the queue adds per job; target < 20 ms.
 * `--quick` runs the overhead case with 50 jobs only.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { Molecule } from "../src/chem/molecule.js";
import { qoarPackageRoot } from "../src/jobs/environment.js";
import { groundStateJobInput } from "../src/jobs/kinds/ground-state.js";
import { startTestRedis, stopChild } from "../src/jobs/local-redis.js";
import { submitSweep } from "../src/jobs/submit.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { round } from "./harness.js";

const SUITE = "jobs";
const BOHR = 0.52917721067;

/** Waits (at most `ms`) for a line matching `pattern` on the child's stderr or stdout. */
function waitForLine(child: ChildProcess, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const t = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms: ${seen}`)), ms);
    const on = (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(t);
        resolve();
      }
    };
    child.stdout?.on("data", on);
    child.stderr?.on("data", on);
  });
}

/** LiH stretched to `r` Angstrom along its bond. */
function lih(r: number): Molecule {
  return new Molecule(
    [
      { symbol: "Li", Z: 3, x: 0, y: 0, z: 0 },
      { symbol: "H", Z: 1, x: 0, y: 0, z: r / BOHR },
    ],
    { name: "lih" },
  );
}

export const suite: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext) {
    if (spawnSync("redis-server", ["--version"]).error) {
      ctx.progress(`${SUITE}: skipped (no redis-server; apt-get install -y redis-server)`);
      return;
    }
    const redis = await startTestRedis();
    const queue = redis.url;
    const children: ChildProcess[] = [];
    const bin = join(qoarPackageRoot(), "dist", "bin", "qoar.js");
    const startWorker = async (name: string) => {
      const w = spawn(process.execPath, [bin, "worker", "--queue", queue, "--name", name], {
        env: { ...process.env, QOAR_THREADS: "1" },
        stdio: ["ignore", "ignore", "pipe"],
      });
      children.push(w);
      await waitForLine(w, /ready on/, 20_000);
      return w;
    };
    try {
      await startWorker("bench-1");

      if (ctx.selected(SUITE, "overhead-per-job")) {
        const jobs = ctx.quick ? 50 : 200;
        ctx.progress(`${SUITE}/overhead-per-job: ${jobs} trivial circuit.run jobs on 1 worker`);
        const qasm = (k: number) =>
          `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nrx(${k / jobs}) q[0];\n`;
        // warm the worker's job thread first
        await submitSweep("circuit.run", [{ circuit: qasm(-1) }], { queue }).done();
        const inputs = Array.from({ length: jobs }, (_, k) => ({ circuit: qasm(k) }));
        const t0 = performance.now();
        const report = await submitSweep("circuit.run", inputs, { queue }).done();
        const wall = performance.now() - t0;
        const compute = report.outcomes.reduce((s, o) => s + (o.ok ? o.ms : 0), 0);
        ctx.report({
          suite: SUITE,
          case: "overhead-per-job",
          threads: 1,
          batch: jobs,
          median_ms: round(wall),
          runs: 1,
          compute_ms: round(compute),
          overhead_per_job_ms: round((wall - compute) / jobs),
          target_overhead_ms: 20,
          failed: report.failed.length,
        });
      }

      if (!ctx.quick && ctx.selected(SUITE, "lih-curve-2-workers")) {
        ctx.progress(`${SUITE}/lih-curve-2-workers: 11-point LiH UCCSD-VQE, serial then queued`);
        await startWorker("bench-2");
        const rs = Array.from({ length: 11 }, (_, k) => 1.0 + (2.0 * k) / 10);
        // the serial run and the workers use one kernel thread; the bench process may have more
        const inputs = rs.map((r) => groundStateJobInput(lih(r)));
        const environment = { threads: 1 };
        const t0 = performance.now();
        const serial = await submitSweep("chem.ground-state", inputs, {
          workers: 1,
          environment,
        }).done();
        const serialMs = performance.now() - t0;
        const t1 = performance.now();
        const queued = await submitSweep("chem.ground-state", inputs, {
          queue,
          environment,
        }).done();
        const queuedMs = performance.now() - t1;
        const energies = (r: typeof serial) =>
          r.outcomes.map((o) => (o.ok ? (o.output as { vqeEnergy: number }).vqeEnergy : null));
        const equal = JSON.stringify(energies(serial)) === JSON.stringify(energies(queued));
        ctx.report({
          suite: SUITE,
          case: "lih-curve-2-workers",
          n: 12,
          threads: 1,
          batch: 11,
          median_ms: round(queuedMs),
          runs: 1,
          baseline: "serial",
          baseline_ms: round(serialMs),
          target_ratio: 0.65,
          bitwise_equal: equal,
          reused: queued.reused,
          failed: queued.failed.length + serial.failed.length,
        });
      }
    } finally {
      for (const c of children.reverse()) await stopChild(c, "SIGTERM", 10_000);
      await redis.stop();
    }
  },
};
