/**
 * qoar's jobs tier (`import { ... } from "qoar/jobs"`, Node only): many independent runs as
 * jobs, here or on a BullMQ queue on Redis served by `qoar worker`s on many machines. See
 * docs/jobs.md.
 */
export { canonicalJson, jobKey } from "./content-hash.js";
export { currentJobEnvironment, type JobEnvironment, qoarVersion } from "./environment.js";
export { type ExecutedJob, executeJob, type JobError } from "./execute.js";
export type { JobKind, JsonValue } from "./job-kind.js";
export {
  type CircuitRunInput,
  type CircuitRunOutput,
  circuitRunKind,
} from "./kinds/circuit-run.js";
export {
  type CircuitTrainInput,
  type CircuitTrainOutput,
  circuitTrainKind,
} from "./kinds/circuit-train.js";
export {
  type GroundStateJobInput,
  type GroundStateJobSolver,
  groundStateJobInput,
  groundStateKind,
  type MoleculeJobData,
} from "./kinds/ground-state.js";
export type { QueueSweepOptions } from "./producer.js";
export { parseRedisUrl, type RedisAddress } from "./redis.js";
export { jobKind, jobKindNames, registerJobKind } from "./registry.js";
export { type SweepOptions, submitSweep } from "./submit.js";
export { type JobOutcome, Sweep, type SweepProgress, type SweepReport } from "./sweep.js";
export { JobThreadPool, type JobThreadPoolOptions } from "./thread-pool.js";
export { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from "./worker.js";
