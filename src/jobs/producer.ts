/**
 * The queue producer: sends a sweep's jobs to a BullMQ queue on Redis and gathers the outcomes.
 * Finished results of the same work (same content hash) are read from the results hash and
 * reused; the rest are added with their hash as job id, so concurrent identical submissions
 * share one job. Outcomes come from the queue's event stream, with a periodic read of the
 * results and failures hashes as a safety net (an event missed while reconnecting).
 */
import { Queue, QueueEvents } from "bullmq";
import { ResourceError } from "../errors.js";
import type { JobEnvironment } from "./environment.js";
import {
  DEFAULT_QUEUE_NAME,
  errorOfReason,
  jobIdOf,
  keyOfJobId,
  QUEUE_PREFIX,
  type QueuedJobData,
  type Refusal,
  type StoredFailure,
  type StoredResult,
} from "./queued-job.js";
import { connectRedis, outcomeKeys, parseRedisUrl, redisOptions } from "./redis.js";
import type { Sweep } from "./sweep.js";

/** Queue options of a sweep. */
export interface QueueSweepOptions {
  /** `redis://HOST:PORT[/DB]`. */
  queue: string;
  /** Queue name (default "qoar"); workers must listen on the same one. */
  queueName?: string;
  /** Give up (ResourceError) when the sweep is not finished after this long. Default: wait. */
  timeoutMs?: number;
  /** How long the first connection may take (default 4000 ms). */
  connectTimeoutMs?: number;
  /** How often the stored outcomes are read besides the events (default 1000 ms). */
  pollMs?: number;
}

/**
 * Runs `sweep` on the queue; resolves when every job has an outcome or the sweep is aborted.
 * @example
 * await runOnQueue(sweep, 1, currentJobEnvironment(), { queue: "redis://127.0.0.1:6379" });
 */
export async function runOnQueue(
  sweep: Sweep,
  kindVersion: number,
  env: JobEnvironment,
  options: QueueSweepOptions,
): Promise<void> {
  const address = parseRedisUrl(options.queue);
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const redis = await connectRedis(address, options.connectTimeoutMs);
  const { results, failures } = outcomeKeys(name);
  const queue = new Queue(name, { connection: redisOptions(address, false), prefix: QUEUE_PREFIX });
  const events = new QueueEvents(name, {
    connection: redisOptions(address, true),
    prefix: QUEUE_PREFIX,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.allSettled([events.close(), queue.close()]);
    await redis.quit().catch(() => redis.disconnect());
  };
  sweep.onClose(close);
  queue.on("error", () => {}); // reconnects; the timeout and the poll deal with a lost Redis
  events.on("error", () => {});

  // a key may stand for several inputs (the same input twice)
  const indicesOf = new Map<string, number[]>();
  sweep.pending().forEach((i) => {
    const key = sweep.keys[i]!;
    indicesOf.set(key, [...(indicesOf.get(key) ?? []), i]);
  });
  const open = new Set(indicesOf.keys());
  const succeed = (key: string, r: StoredResult, reused: boolean) => {
    if (!open.delete(key)) return;
    for (const index of indicesOf.get(key)!) {
      sweep.settle({ index, key, ok: true, output: r.output, reused, ms: r.ms, worker: r.worker });
    }
  };
  const fail = (key: string, f: StoredFailure) => {
    if (!open.delete(key)) return;
    for (const index of indicesOf.get(key)!) {
      sweep.settle({ index, key, ok: false, error: f.error, worker: f.worker });
    }
  };
  const noticed = new Set<string>();

  try {
    events.on("completed", ({ jobId, returnvalue }) => {
      succeed(keyOfJobId(jobId), returnvalue as unknown as StoredResult, false);
    });
    events.on("failed", ({ jobId, failedReason }) => {
      fail(keyOfJobId(jobId), { error: errorOfReason(failedReason), worker: "queue" });
    });
    events.on("progress", ({ jobId, data }) => {
      const r = data as unknown as Partial<Refusal>;
      const key = keyOfJobId(jobId);
      if (!open.has(key) || typeof r?.reason !== "string") return;
      const line = `worker ${r.refusedBy} refused a job: ${r.reason}; waiting for a compatible worker`;
      if (!noticed.has(line)) {
        noticed.add(line);
        sweep.notify(line);
      }
    });
    await events.waitUntilReady();
    await queue.waitUntilReady();

    // reuse what is stored; forget stored failures, so a resubmitted sweep retries them
    const readStored = async (reused: boolean) => {
      const keys = [...open];
      if (keys.length === 0) return;
      const [stored, failed] = await Promise.all([
        redis.hmget(results, ...keys),
        reused ? Promise.resolve(keys.map(() => null)) : redis.hmget(failures, ...keys),
      ]);
      keys.forEach((key, k) => {
        if (stored[k]) succeed(key, JSON.parse(stored[k]!) as StoredResult, reused);
        else if (failed[k]) fail(key, JSON.parse(failed[k]!) as StoredFailure);
      });
    };
    await readStored(true);
    if (open.size > 0) await redis.hdel(failures, ...open);
    await queue.addBulk(
      [...open].map((key) => {
        const index = indicesOf.get(key)![0]!;
        const data: QueuedJobData = {
          kind: sweep.kind,
          kindVersion,
          input: sweep.inputs[index],
          env,
          key,
        };
        return {
          name: sweep.kind,
          data,
          opts: { jobId: jobIdOf(key), removeOnComplete: true, removeOnFail: true, attempts: 1 },
        };
      }),
    );

    const pollMs = options.pollMs ?? 1000;
    const deadline =
      options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
    while (!sweep.finished && !sweep.aborted) {
      if (Date.now() > deadline) {
        const refusals = noticed.size > 0 ? `; ${[...noticed].join("; ")}` : "";
        sweep.abort(
          new ResourceError(
            `the sweep on ${address.display} timed out after ${options.timeoutMs} ms with ${open.size} of ${indicesOf.size} jobs unfinished (are workers running? \`qoar worker --queue ${address.display}\`)${refusals}`,
          ),
        );
        break;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now())));
        sweep.finishedOrAborted().then(() => {
          clearTimeout(t);
          resolve();
        });
      });
      if (!sweep.finished && !sweep.aborted) await readStored(false);
    }
  } finally {
    await close();
  }
}
