/**
 * Ground states of many molecules (a dissociation curve, a geometry scan) as a sweep of
 * "chem.ground-state" jobs, read back in order as `GroundStateSolverResult`s: what
 * `qoar chem curve` uses with and without `--queue`.
 */
import type { GroundStateSolverOptions, GroundStateSolverResult } from "../chem/groundstate.js";
import type { Molecule } from "../chem/molecule.js";
import {
  ArgumentError,
  BackendError,
  ConvergenceError,
  ParseError,
  type QoarError,
  ResourceError,
  ShapeError,
} from "../errors.js";
import type { JobError } from "./execute.js";
import { groundStateJobInput, groundStateKind } from "./kinds/ground-state.js";
import { submitSweep } from "./submit.js";

/** Where the points run. */
export interface GroundStateSweepOptions {
  /** `redis://HOST:PORT[/DB]`: run on the queue's workers. */
  queue?: string;
  /** Without a queue: local job threads (default 0: one after the other here). */
  workers?: number;
  /** Give up after this long on the queue (ms). */
  timeoutMs?: number;
  /** Receives notices (a worker refused jobs, ...). */
  onNotice?: (line: string) => void;
}

const ERRORS: Record<string, new (message: string) => QoarError> = {
  ArgumentError,
  ParseError,
  QasmError: ParseError,
  ShapeError,
  ResourceError,
  ConvergenceError,
  BackendError,
};

/**
 * A recorded job error as a QoarError again (of its class when it was one).
 * @example
 * jobErrorToQoarError({ name: "ArgumentError", message: "bad" }, "point 2 of 11"); // ArgumentError "point 2 of 11: bad"
 */
export function jobErrorToQoarError(error: JobError, context: string): QoarError {
  const ErrorClass = ERRORS[error.name] ?? ResourceError;
  return new ErrorClass(`${context}: ${error.message}`);
}

/**
 * Starts the ground states of `molecules` under one set of solver options.
 * @example
 * const points = solveGroundStates([mol1, mol2], { fci: true }, { workers: 2 });
 * const first = await points.result(0); // GroundStateSolverResult
 */
export function solveGroundStates(
  molecules: readonly Molecule[],
  options: GroundStateSolverOptions,
  where: GroundStateSweepOptions = {},
): {
  /** The result of molecule `index`; rejects with the point's error if it failed (and closes). */
  result(index: number): Promise<GroundStateSolverResult>;
  /** Releases connections and threads. */
  close(): Promise<void>;
} {
  if (where.queue !== undefined && where.workers !== undefined && where.workers > 0) {
    throw new ArgumentError("give a queue or local workers, not both");
  }
  const inputs = molecules.map((m) => groundStateJobInput(m, options));
  const sweep = submitSweep<GroundStateSolverResult>(groundStateKind.name, inputs, {
    ...(where.queue === undefined ? {} : { queue: where.queue }),
    ...(where.workers === undefined || where.queue !== undefined ? {} : { workers: where.workers }),
    ...(where.timeoutMs === undefined ? {} : { timeoutMs: where.timeoutMs }),
    onProgress: (p) => {
      if (p.notice !== undefined) where.onNotice?.(p.notice);
    },
  });
  return {
    async result(index) {
      try {
        const o = await sweep.outcome(index);
        if (o.ok) return o.output;
        throw jobErrorToQoarError(o.error, `point ${index + 1} of ${molecules.length}`);
      } catch (e) {
        await sweep.close(); // the caller stops here: release the queue or the threads
        throw e;
      }
    },
    close: () => sweep.close(),
  };
}
