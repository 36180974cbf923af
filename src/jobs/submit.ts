/**
 * `submitSweep(kind, inputs, options)`: the one entry for many independent jobs. With
 * `options.queue` the jobs go to a BullMQ queue on Redis and any number of `qoar worker`s on any
 * number of machines run them; without it they run here (one after the other, or on
 * `options.workers` threads). Either way the outcomes arrive through the same `Sweep`.
 */
import { ArgumentError } from "../errors.js";
import { canonicalJson, jobKey } from "./content-hash.js";
import { currentJobEnvironment, type JobEnvironment } from "./environment.js";
import { runLocally } from "./local.js";
import type { QueueSweepOptions } from "./producer.js";
import { jobKind } from "./registry.js";
import { Sweep, type SweepProgress } from "./sweep.js";

/** Options of {@link submitSweep}. */
export interface SweepOptions extends Partial<QueueSweepOptions> {
  /** Without `queue`: job threads to use (default 0: run on the calling thread). */
  workers?: number;
  /** Without `queue`: modules the job threads import to register extra kinds. */
  imports?: readonly string[];
  /**
   * The environment the jobs run in and are hashed with (default: this thread's backend,
   * threads and fusion setting, so results equal a local run's bit for bit).
   */
  environment?: Partial<JobEnvironment>;
  /** Called after every outcome and for notices (a worker refused a job, ...). */
  onProgress?: (p: SweepProgress) => void;
}

/**
 * Starts a sweep of `kind` jobs, one per input, and returns it at once; read the outcomes as they
 * arrive (`for await`), by index (`outcome(k)`) or all together (`done()`).
 * @example
 * const sweep = submitSweep("chem.ground-state", molecules.map((m) => groundStateJobInput(m)), {
 *   queue: "redis://127.0.0.1:6379",
 *   onProgress: (p) => console.error(`${p.done}/${p.total}`),
 * });
 * const report = await sweep.done();
 * report.failed; // [] when every input was fine
 */
export function submitSweep<O = unknown>(
  kind: string,
  inputs: readonly unknown[],
  options: SweepOptions = {},
): Sweep<O> {
  const k = jobKind(kind);
  if (!Array.isArray(inputs)) {
    throw new ArgumentError(`submitSweep: inputs must be an array, got ${typeof inputs}`);
  }
  if (options.queue !== undefined && options.workers !== undefined) {
    throw new ArgumentError(
      "submitSweep: give queue (workers run elsewhere) or workers (local threads), not both",
    );
  }
  const env: JobEnvironment = { ...currentJobEnvironment(), ...options.environment };
  const keys = inputs.map((input, i) => {
    canonicalJson(input, `inputs[${i}]`);
    return jobKey(kind, k.version, input, env);
  });
  const sweep = new Sweep<O>(kind, inputs, keys, options.onProgress);
  const run =
    options.queue === undefined
      ? runLocally(sweep as Sweep, env, {
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          ...(options.imports === undefined ? {} : { imports: options.imports }),
        })
      : // BullMQ and ioredis load only when a queue is used (a local sweep starts faster)
        import("./producer.js").then(({ runOnQueue }) =>
          runOnQueue(sweep as Sweep, k.version, env, options as QueueSweepOptions),
        );
  run.catch((e: unknown) => sweep.abort(e instanceof Error ? e : new Error(String(e))));
  return sweep;
}
