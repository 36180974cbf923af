/**
 * What a job kind is: a named, versioned, pure function from JSON input to JSON output, with a
 * validator that turns untrusted input (from a queue, from another machine) into typed input or
 * throws a `QoarError` that names what is wrong.
 */

/** A value that survives `JSON.stringify`/`JSON.parse` unchanged (finite numbers only). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * One kind of job: a chemistry single point, a circuit run, a training run, or anything a user
 * registers with `registerJobKind`.
 * @typeParam I the validated input
 * @typeParam O the output (JSON data: it travels through Redis and between threads)
 */
export interface JobKind<I = unknown, O = unknown> {
  /** Unique name, e.g. "chem.ground-state". */
  readonly name: string;
  /**
   * The kind's own version: part of every content hash, so changing what a kind computes (bump
   * it) never reuses results of the old code.
   */
  readonly version: number;
  /** One line for `qoar worker --help` and docs. */
  readonly description: string;
  /** Checks untrusted input and returns it typed; throws a `QoarError` naming what is wrong. */
  validate(input: unknown): I;
  /** Runs the job on the current thread. Deterministic for a given input and environment. */
  run(input: I): O | Promise<O>;
}
