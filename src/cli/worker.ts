/**
 * `qoar worker --queue redis://HOST:PORT[/DB]`: serve qoar jobs (chemistry single points, circuit
 * runs, training runs, kinds registered by --import modules) from a BullMQ queue on Redis until
 * SIGTERM/SIGINT: the first signal lets running jobs finish, a second one stops at once (those
 * jobs go back to the queue when their lock runs out). Log lines go to stderr.
 */
import type { Command } from "commander";
import { ArgumentError } from "../errors.js";
import { BUILTIN_JOB_KIND_NAMES } from "../jobs/kinds/names.js";

interface WorkerFlags {
  queue?: string;
  queueName?: string;
  concurrency?: string;
  lockDuration?: string;
  stalledInterval?: string;
  maxStalled?: string;
  import?: string[];
  name?: string;
  quiet?: boolean;
}

function int(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min)
    throw new ArgumentError(`${name} must be an integer >= ${min}, got ${JSON.stringify(text)}`);
  return v;
}

/**
 * Registers `qoar worker`.
 * @example
 * const program = new Command("qoar");
 * registerWorker(program); // qoar worker --queue redis://127.0.0.1:6379 --concurrency 2
 */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run qoar jobs from a Redis queue (BullMQ) until SIGTERM")
    .option("--queue <url>", "the queue: redis://HOST:PORT[/DB]")
    .option("--queue-name <name>", "queue name (producers must use the same)", "qoar")
    .option("--concurrency <n>", "jobs at once, one thread each", "1")
    .option(
      "--lock-duration <ms>",
      "job lock duration; a dead worker's jobs return after it",
      "30000",
    )
    .option("--stalled-interval <ms>", "how often to look for jobs of dead workers", "30000")
    .option("--max-stalled <n>", "how often a job may stall before it fails", "3")
    .option(
      "--import <module...>",
      "modules that register extra job kinds (registerJobKind from qoar/jobs)",
    )
    .option("--name <name>", "this worker's name in logs and results (default host:pid)")
    .option("--quiet", "no log lines")
    .addHelpText(
      "after",
      `
Job kinds: ${BUILTIN_JOB_KIND_NAMES.join(", ")} (and those of --import modules).
Results are stored in Redis by content hash (input, kind version, qoar version, backend,
threads, fusion); jobs run under the producer's QOAR_THREADS/QOAR_FUSION. Jobs of another
qoar version are refused and left for a compatible worker.

Examples:
  $ redis-server --port 6379 --save "" --appendonly no &
  $ qoar worker --queue redis://127.0.0.1:6379 --concurrency 2 &
  $ qoar chem curve --molecule lih --steps 11 --queue redis://127.0.0.1:6379`,
    )
    .action(async (o: WorkerFlags) => {
      if (o.queue === undefined) throw new ArgumentError("qoar worker: --queue <url> is required");
      const log = o.quiet
        ? () => {}
        : (line: string) => process.stderr.write(`qoar worker: ${line}\n`);
      // loaded here, so other commands do not load BullMQ
      const { startQueueWorker } = await import("../jobs/worker.js");
      const worker = await startQueueWorker({
        queue: o.queue,
        ...(o.queueName === undefined ? {} : { queueName: o.queueName }),
        concurrency: int(o.concurrency, "--concurrency", 1)!,
        lockDurationMs: int(o.lockDuration, "--lock-duration", 100)!,
        stalledIntervalMs: int(o.stalledInterval, "--stalled-interval", 100)!,
        maxStalledCount: int(o.maxStalled, "--max-stalled", 0)!,
        ...(o.import === undefined ? {} : { imports: o.import }),
        ...(o.name === undefined ? {} : { name: o.name }),
        log,
      });
      await new Promise<void>((resolve) => {
        let signals = 0;
        const stop = (signal: string) => {
          signals++;
          if (signals === 1) {
            log(`${signal}: finishing running jobs, then exiting (again to stop at once)`);
            worker.close().then(resolve, resolve);
          } else {
            log(`${signal}: stopping now; running jobs return to the queue`);
            worker.close(true).then(resolve, resolve);
          }
        };
        process.on("SIGTERM", () => stop("SIGTERM"));
        process.on("SIGINT", () => stop("SIGINT"));
      });
      log("stopped");
    });
}
