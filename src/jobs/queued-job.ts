/**
 * What travels through the queue: a job's kind, input and environment with its content hash
 * (the BullMQ job id is derived from it, so the same work submitted twice is one job), and what
 * a worker stores for it in Redis.
 */
import type { JobEnvironment } from "./environment.js";
import type { JobError } from "./execute.js";

/** The BullMQ data of a qoar job. */
export interface QueuedJobData {
  kind: string;
  kindVersion: number;
  input: unknown;
  env: JobEnvironment;
  /** jobKey(kind, kindVersion, input, env). */
  key: string;
}

/** A stored result (the `results` hash, and the job's BullMQ return value). */
export interface StoredResult {
  output: unknown;
  ms: number;
  worker: string;
}

/** A stored failure (the `failures` hash). */
export interface StoredFailure {
  error: JobError;
  worker: string;
}

/** What a refusing worker reports as the job's progress. */
export interface Refusal {
  refusedBy: string;
  reason: string;
}

/** The default queue name. */
export const DEFAULT_QUEUE_NAME = "qoar";
/** BullMQ key prefix of qoar's queues. */
export const QUEUE_PREFIX = "qoar-bull";

/**
 * The BullMQ job id of a content hash (BullMQ ids must not look like integers).
 * @example
 * jobIdOf("3f2a..."); // "job-3f2a..."
 */
export function jobIdOf(key: string): string {
  return `job-${key}`;
}

/**
 * The content hash of a BullMQ job id.
 * @example
 * keyOfJobId("job-3f2a..."); // "3f2a..."
 */
export function keyOfJobId(jobId: string): string {
  return jobId.startsWith("job-") ? jobId.slice(4) : jobId;
}

/**
 * Splits "ArgumentError: message" (a worker's failure reason) into name and message.
 * @example
 * errorOfReason("ArgumentError: x must be 1"); // { name: "ArgumentError", message: "x must be 1" }
 */
export function errorOfReason(reason: string): JobError {
  const m = /^([A-Z][A-Za-z]*Error): ([\s\S]*)$/.exec(reason);
  return m ? { name: m[1]!, message: m[2]! } : { name: "QueueError", message: reason };
}
