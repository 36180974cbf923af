/**
 * The queue worker: takes qoar jobs from a BullMQ queue and runs them on job threads under each
 * job's environment, storing results by content hash. A job whose qoar version (or kind
 * version) differs from this worker's is refused: put back, delayed, for a compatible worker,
 * and the refusal is reported to the producer. A worker that dies mid-job loses nothing: its
 * lock runs out and BullMQ's stalled-job check (any live worker's) puts the job back.
 */
import { hostname } from "node:os";
import { pathToFileURL } from "node:url";
import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import { ArgumentError } from "../errors.js";
import { jobKey } from "./content-hash.js";
import { qoarVersion } from "./environment.js";
import {
  DEFAULT_QUEUE_NAME,
  QUEUE_PREFIX,
  type QueuedJobData,
  type Refusal,
  type StoredFailure,
  type StoredResult,
} from "./queued-job.js";
import { connectRedis, outcomeKeys, parseRedisUrl, redisOptions } from "./redis.js";
import { jobKind } from "./registry.js";
import { JobThreadPool } from "./thread-pool.js";

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://HOST:PORT[/DB]`. */
  queue: string;
  /** Queue name (default "qoar"). */
  queueName?: string;
  /** Jobs at once, each on its own thread (default 1). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal (default 30000 ms); renewed at half of it. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs of dead workers (default 30000 ms). */
  stalledIntervalMs?: number;
  /** How often a job may stall before it fails (default 3). */
  maxStalledCount?: number;
  /** How long a refused job waits before it is offered again (default 1000 ms). */
  refuseDelayMs?: number;
  /** Modules (paths or URLs) that register extra job kinds, imported here and in each thread. */
  imports?: readonly string[];
  /** This worker's name in logs and results (default host:pid). */
  name?: string;
  /** Receives one line per event (start, done, failed, refused, reused). */
  log?: (line: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  readonly name: string;
  /** Stops taking jobs; waits for running ones unless `force` (those return by stalling). */
  close(force?: boolean): Promise<void>;
}

function positive(value: number | undefined, name: string, fallback: number, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) {
    throw new ArgumentError(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return v;
}

function checkData(data: unknown): QueuedJobData {
  const d = data as Partial<QueuedJobData> | null;
  if (
    d === null ||
    typeof d !== "object" ||
    typeof d.kind !== "string" ||
    typeof d.key !== "string" ||
    typeof d.kindVersion !== "number" ||
    d.env === null ||
    typeof d.env !== "object"
  ) {
    throw new UnrecoverableError(
      "ArgumentError: the job's data is not a qoar job ({ kind, kindVersion, input, env, key })",
    );
  }
  return d as QueuedJobData;
}

/**
 * Starts a worker on `options.queue`; fails within seconds (ResourceError) if Redis is not there.
 * @example
 * const w = await startQueueWorker({ queue: "redis://127.0.0.1:6379", log: console.error });
 * process.on("SIGTERM", () => w.close());
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const address = parseRedisUrl(options.queue);
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const concurrency = positive(options.concurrency, "concurrency", 1);
  const lockDuration = positive(options.lockDurationMs, "lockDurationMs", 30000, 100);
  const stalledInterval = positive(options.stalledIntervalMs, "stalledIntervalMs", 30000, 100);
  const maxStalledCount = positive(options.maxStalledCount, "maxStalledCount", 3, 0);
  const refuseDelay = positive(options.refuseDelayMs, "refuseDelayMs", 1000, 0);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const imports = (options.imports ?? []).map((m) =>
    /^[a-z]+:/.test(m) ? m : pathToFileURL(m).href,
  );
  for (const url of imports) await import(url);
  const version = qoarVersion();
  const redis = await connectRedis(address);
  const { results, failures } = outcomeKeys(queueName);
  const pool = new JobThreadPool(concurrency, { imports });

  const refuse = async (job: Job, token: string | undefined, reason: string): Promise<never> => {
    log(`refused ${job.id}: ${reason}`);
    const refusal: Refusal = { refusedBy: name, reason };
    await job.updateProgress(refusal as unknown as object);
    await job.moveToDelayed(Date.now() + refuseDelay, token);
    throw new DelayedError();
  };

  const processJob = async (job: Job, token?: string): Promise<StoredResult> => {
    const d = checkData(job.data);
    if (d.env.qoarVersion !== version) {
      return refuse(
        job,
        token,
        `it needs qoar ${d.env.qoarVersion}, this worker is qoar ${version}`,
      );
    }
    let kindVersion: number;
    try {
      kindVersion = jobKind(d.kind).version;
    } catch (e) {
      return refuse(job, token, (e as Error).message);
    }
    if (kindVersion !== d.kindVersion) {
      return refuse(
        job,
        token,
        `it needs ${d.kind} version ${d.kindVersion}, this worker has version ${kindVersion}`,
      );
    }
    if (jobKey(d.kind, d.kindVersion, d.input, d.env) !== d.key) {
      throw new UnrecoverableError("ArgumentError: the job's content hash does not match its data");
    }
    const stored = await redis.hget(results, d.key);
    if (stored !== null) {
      log(`reused ${job.id}`);
      return JSON.parse(stored) as StoredResult;
    }
    log(`start ${job.id} ${d.kind}`);
    const r = await pool.run(d.kind, d.input, d.env);
    if (r.ok) {
      const result: StoredResult = { output: r.output, ms: r.ms, worker: name };
      await redis.hset(results, d.key, JSON.stringify(result));
      log(`done ${job.id} ${r.ms.toFixed(0)} ms`);
      return result;
    }
    const failure: StoredFailure = { error: r.error, worker: name };
    await redis.hset(failures, d.key, JSON.stringify(failure));
    log(`failed ${job.id}: ${r.error.name}: ${r.error.message}`);
    throw new UnrecoverableError(`${r.error.name}: ${r.error.message}`);
  };

  const worker = new Worker(queueName, processJob, {
    connection: redisOptions(address, true),
    prefix: QUEUE_PREFIX,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount,
    name,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 0 },
  });
  worker.on("error", (e) => log(`error: ${e.message}`));
  await worker.waitUntilReady();
  log(
    `ready on ${address.display} queue ${queueName} (qoar ${version}, concurrency ${concurrency})`,
  );

  let closing: Promise<void> | undefined;
  return {
    name,
    close(force = false) {
      if (force) {
        return worker.close(true).then(async () => {
          await pool.close();
          await redis.quit().catch(() => redis.disconnect());
        });
      }
      closing ??= (async () => {
        await worker.close();
        await pool.close();
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}
