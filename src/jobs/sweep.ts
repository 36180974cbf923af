/**
 * A sweep in flight: many jobs of one kind, whose outcomes arrive in any order. Read them as
 * they arrive (`for await`), by index (`outcome(k)`, what an ordered table needs), or all at
 * once (`done()`, a report that says which inputs failed). The local runner and the queue
 * producer both fill one of these.
 */
import { ArgumentError } from "../errors.js";
import type { JobError } from "./execute.js";

/** A finished job of a sweep. */
export type JobOutcome<O = unknown> =
  | {
      index: number;
      key: string;
      ok: true;
      output: O;
      /** Whether a stored result of an earlier run was reused. */
      reused: boolean;
      /** Compute time of the job (when it was run, not reused). */
      ms: number;
      /** Who ran it: "local", "thread", or the queue worker's name. */
      worker: string;
    }
  | { index: number; key: string; ok: false; error: JobError; worker: string };

/** Counts so far, passed to `onProgress` after every outcome and on notices. */
export interface SweepProgress {
  total: number;
  done: number;
  failed: number;
  reused: number;
  /** The outcome that caused this call (absent for notices). */
  last?: JobOutcome;
  /** A line worth showing: a worker refused jobs of this version, ... */
  notice?: string;
}

/** What a finished sweep gives. */
export interface SweepReport<O = unknown> {
  kind: string;
  /** One outcome per input, in input order. */
  outcomes: JobOutcome<O>[];
  /** The inputs that failed, with their recorded errors. */
  failed: { index: number; input: unknown; error: JobError }[];
  /** How many results were reused from earlier runs. */
  reused: number;
  /** Wall time from submission to the last outcome. */
  wallMs: number;
}

/**
 * Outcomes of one sweep; filled by a runner through `settle` and `abort`.
 * @example
 * const sweep = submitSweep("circuit.run", inputs);
 * for await (const o of sweep) console.log(o.index, o.ok);
 * const report = await sweep.done();
 */
export class Sweep<O = unknown> implements AsyncIterable<JobOutcome<O>> {
  private readonly results: (JobOutcome<O> | undefined)[];
  private readonly arrivals: JobOutcome<O>[] = [];
  private listeners: (() => void)[] = [];
  private error: Error | undefined;
  private counts = { done: 0, failed: 0, reused: 0 };
  private readonly t0 = performance.now();
  private wallMs = 0;
  private closer: (() => Promise<void>) | undefined;

  constructor(
    readonly kind: string,
    readonly inputs: readonly unknown[],
    readonly keys: readonly string[],
    private readonly onProgress?: (p: SweepProgress) => void,
  ) {
    this.results = new Array(inputs.length).fill(undefined);
  }

  /** Number of jobs. */
  get size(): number {
    return this.inputs.length;
  }

  /** The outcome of job `index`, when it is in. Rejects if the sweep was aborted first. */
  async outcome(index: number): Promise<JobOutcome<O>> {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new ArgumentError(`outcome: index must be in 0..${this.size - 1}, got ${index}`);
    }
    for (;;) {
      const r = this.results[index];
      if (r !== undefined) return r;
      if (this.error) throw this.error;
      await this.change();
    }
  }

  /** All outcomes in input order and which inputs failed; rejects if the sweep was aborted. */
  async done(): Promise<SweepReport<O>> {
    while (this.counts.done < this.size) {
      if (this.error) throw this.error;
      await this.change();
    }
    const outcomes = this.results as JobOutcome<O>[];
    return {
      kind: this.kind,
      outcomes,
      failed: outcomes.flatMap((o) =>
        o.ok ? [] : [{ index: o.index, input: this.inputs[o.index], error: o.error }],
      ),
      reused: this.counts.reused,
      wallMs: this.wallMs,
    };
  }

  /** Outcomes in the order they arrive. */
  async *[Symbol.asyncIterator](): AsyncIterator<JobOutcome<O>> {
    let next = 0;
    for (;;) {
      while (next < this.arrivals.length) yield this.arrivals[next++]!;
      if (next === this.size) return;
      if (this.error) throw this.error;
      await this.change();
    }
  }

  /** Whether the sweep was aborted (closed, timed out, lost its queue). */
  get aborted(): boolean {
    return this.error !== undefined;
  }

  /** Whether every job has an outcome. */
  get finished(): boolean {
    return this.counts.done === this.size;
  }

  /** Resolves once every job has an outcome or the sweep is aborted. */
  async finishedOrAborted(): Promise<void> {
    while (!this.finished && !this.error) await this.change();
  }

  /** Indices that have no outcome yet. */
  pending(): number[] {
    return this.results.flatMap((r, i) => (r === undefined ? [i] : []));
  }

  /** Stops waiting: closes the runner's connections and threads (queued jobs stay queued). */
  async close(): Promise<void> {
    const c = this.closer;
    this.closer = undefined;
    if (!this.finished && !this.error) this.abort(new ArgumentError("the sweep was closed"));
    await c?.();
  }

  // --- for runners ----------------------------------------------------------------------------

  /** Registers what `close()` must release. */
  onClose(closer: () => Promise<void>): void {
    this.closer = closer;
  }

  /** Records the outcome of one job (the first outcome of an index wins). */
  settle(outcome: JobOutcome<O>): void {
    if (this.results[outcome.index] !== undefined || this.error) return;
    this.results[outcome.index] = outcome;
    this.arrivals.push(outcome);
    this.counts.done++;
    if (!outcome.ok) this.counts.failed++;
    else if (outcome.reused) this.counts.reused++;
    if (this.finished) this.wallMs = performance.now() - this.t0;
    this.onProgress?.({ total: this.size, ...this.counts, last: outcome });
    this.wake();
  }

  /** Passes a line to `onProgress` (no outcome). */
  notify(notice: string): void {
    this.onProgress?.({ total: this.size, ...this.counts, notice });
  }

  /** Ends the sweep with an error: pending and later reads reject with it. */
  abort(error: Error): void {
    if (this.error || this.finished) return;
    this.error = error;
    this.wake();
  }

  private change(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  private wake(): void {
    const l = this.listeners;
    this.listeners = [];
    for (const f of l) f();
  }
}
