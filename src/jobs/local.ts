/**
 * The embedded runner: a sweep on this machine, with no queue. `workers: 0` (the default) runs
 * the jobs one after the other on the calling thread, exactly as a plain loop would (yielding
 * to the event loop between jobs so outcomes can be read as they arrive); `workers: k` runs
 * them on k job threads.
 */
import { ArgumentError } from "../errors.js";
import type { JobEnvironment } from "./environment.js";
import { executeJob } from "./execute.js";
import type { Sweep } from "./sweep.js";
import { JobThreadPool } from "./thread-pool.js";

/**
 * Runs every job of `sweep` locally; returns when all have outcomes (or the sweep was closed).
 * @example
 * await runLocally(sweep, currentJobEnvironment(), { workers: 2 });
 */
export async function runLocally(
  sweep: Sweep,
  env: JobEnvironment,
  options: { workers?: number; imports?: readonly string[] } = {},
): Promise<void> {
  const workers = options.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
    throw new ArgumentError(`workers must be an integer in 0..256, got ${String(workers)}`);
  }
  const indices = sweep.pending();
  if (workers === 0) {
    for (const index of indices) {
      await new Promise((resolve) => setImmediate(resolve));
      if (sweep.finished || sweep.aborted) return;
      const r = await executeJob(sweep.kind, sweep.inputs[index]);
      sweep.settle(
        r.ok
          ? {
              index,
              key: sweep.keys[index]!,
              ok: true,
              output: r.output,
              reused: false,
              ms: r.ms,
              worker: "local",
            }
          : { index, key: sweep.keys[index]!, ok: false, error: r.error, worker: "local" },
      );
    }
    return;
  }
  const pool = new JobThreadPool(Math.min(workers, Math.max(1, indices.length)), options);
  sweep.onClose(() => pool.close());
  let next = 0;
  const lane = async () => {
    while (next < indices.length && !sweep.aborted) {
      const index = indices[next++]!;
      const r = await pool.run(sweep.kind, sweep.inputs[index], env);
      sweep.settle(
        r.ok
          ? {
              index,
              key: sweep.keys[index]!,
              ok: true,
              output: r.output,
              reused: false,
              ms: r.ms,
              worker: "thread",
            }
          : { index, key: sweep.keys[index]!, ok: false, error: r.error, worker: "thread" },
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    await pool.close();
  }
}
