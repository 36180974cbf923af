/**
 * Job threads: a pool of `worker_threads`, each running thread-entry.js under one job
 * environment (its QOAR_THREADS and QOAR_FUSION are the job's, so the cpu backend it loads has
 * the job's thread count). A thread is reused while the next job has the same environment and
 * replaced when not. Running jobs off the calling thread keeps that thread's event loop free,
 * which a queue worker needs to renew its job locks while a job computes for seconds.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { ArgumentError, ResourceError } from "../errors.js";
import { type JobEnvironment, qoarPackageRoot, threadEnvironment } from "./environment.js";
import type { ExecutedJob } from "./execute.js";

/** The thread's module: next to this file in dist/; from the sources, the compiled copy. */
function threadEntry(): URL {
  if (!fileURLToPath(import.meta.url).endsWith(".ts")) {
    return new URL("./thread-entry.js", import.meta.url);
  }
  const built = join(qoarPackageRoot(), "dist", "src", "jobs", "thread-entry.js");
  if (!existsSync(built)) {
    throw new ResourceError(
      `job threads run the compiled ${built}, which is missing: run \`npm run build\` first`,
    );
  }
  return pathToFileURL(built);
}

interface Slot {
  thread: Worker | undefined;
  signature: string;
  busy: boolean;
  pending: ((r: ExecutedJob) => void) | undefined;
  fail: ((e: Error) => void) | undefined;
}

/** Options of {@link JobThreadPool}. */
export interface JobThreadPoolOptions {
  /** Module URLs (or paths) each thread imports first: they register extra job kinds. */
  imports?: readonly string[];
}

/**
 * A fixed number of job threads.
 * @example
 * const pool = new JobThreadPool(2);
 * const r = await pool.run("circuit.run", { circuit: qasm }, currentJobEnvironment());
 * await pool.close();
 */
export class JobThreadPool {
  private readonly slots: Slot[];
  private readonly waiting: (() => void)[] = [];
  private readonly imports: string[];
  private nextId = 0;
  private closed = false;

  constructor(size: number, options: JobThreadPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1 || size > 256) {
      throw new ArgumentError(`JobThreadPool: size must be an integer in 1..256, got ${size}`);
    }
    this.imports = (options.imports ?? []).map((m) =>
      /^[a-z]+:/.test(m) ? m : pathToFileURL(m).href,
    );
    this.slots = Array.from({ length: size }, () => ({
      thread: undefined,
      signature: "",
      busy: false,
      pending: undefined,
      fail: undefined,
    }));
  }

  /** Runs one job on a free thread under `env` (waits for a free thread). */
  async run(kind: string, input: unknown, env: JobEnvironment): Promise<ExecutedJob> {
    const slot = await this.acquire();
    try {
      const signature = JSON.stringify(env);
      if (slot.thread === undefined || slot.signature !== signature) {
        await this.retire(slot);
        slot.thread = this.spawn(slot, env);
        slot.signature = signature;
      }
      const thread = slot.thread;
      thread.ref();
      const result = await new Promise<ExecutedJob>((resolve, reject) => {
        slot.pending = resolve;
        slot.fail = reject;
        thread.postMessage({ id: this.nextId++, kind, input });
      });
      thread.unref();
      return result;
    } finally {
      slot.pending = undefined;
      slot.fail = undefined;
      this.release(slot);
    }
  }

  /** Stops every thread (a job still running is abandoned). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => this.retire(s)));
  }

  private spawn(slot: Slot, env: JobEnvironment): Worker {
    const thread = new Worker(threadEntry(), {
      env: threadEnvironment(env),
      workerData: { backend: env.backend, imports: this.imports },
    });
    thread.on("message", (m: ExecutedJob) => slot.pending?.(m));
    const lost = (why: string) => {
      if (slot.thread === thread) slot.thread = undefined;
      slot.fail?.(new ResourceError(`a job thread stopped while running a job: ${why}`));
    };
    thread.on("error", (e) => lost(e.message));
    thread.on("exit", (code) => lost(`exit code ${code}`));
    return thread;
  }

  private async retire(slot: Slot): Promise<void> {
    const t = slot.thread;
    slot.thread = undefined;
    if (t !== undefined) await t.terminate();
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new ResourceError("JobThreadPool: the pool is closed");
      const free = this.slots.find((s) => !s.busy);
      if (free !== undefined) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(slot: Slot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }
}
