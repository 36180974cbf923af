/**
 * Runs one job on the calling thread: look the kind up, validate the input, run it. A thrown
 * error (a `QoarError` for bad input, a molecule that makes no sense, ...; anything else is a
 * bug, but one job's bug must not take a worker down) becomes a failed outcome that records the
 * error's name and message.
 */
import { jobKind } from "./registry.js";

/** A job's error as it is recorded: the QoarError subclass name and its message. */
export interface JobError {
  name: string;
  message: string;
}

/** What running one job gives: the output, or the recorded error; and the time it took. */
export type ExecutedJob =
  | { ok: true; output: unknown; ms: number }
  | { ok: false; error: JobError; ms: number };

/**
 * Runs `kind` on `input` here and now.
 * @example
 * const r = await executeJob("circuit.run", { circuit: "OPENQASM 2.0; qreg q[1]; h q[0];" });
 * r.ok && r.output; // { nQubits: 1, expectations: [], probabilities: [0.5, 0.5] }
 */
export async function executeJob(kind: string, input: unknown): Promise<ExecutedJob> {
  const t0 = performance.now();
  try {
    const k = jobKind(kind);
    const output = await k.run(k.validate(input));
    return { ok: true, output, ms: performance.now() - t0 };
  } catch (e) {
    const error =
      e instanceof Error
        ? { name: e.name, message: e.message }
        : { name: "Error", message: String(e) };
    return { ok: false, error, ms: performance.now() - t0 };
  }
}
