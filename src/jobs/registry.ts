/**
 * The registry of job kinds: the built-in ones (chemistry single points, circuit runs, training
 * runs) and any a user registers. A worker runs only kinds registered in its process (and in its
 * job threads, which import the same modules: see `imports` in the worker and sweep options).
 */
import { ArgumentError } from "../errors.js";
import type { JobKind } from "./job-kind.js";
import { BUILTIN_JOB_KINDS } from "./kinds/index.js";

const kinds = new Map<string, JobKind>(BUILTIN_JOB_KINDS.map((k) => [k.name, k]));

/**
 * Adds a job kind (or replaces one of the same name).
 * @example
 * registerJobKind({
 *   name: "demo.square", version: 1, description: "x squared",
 *   validate: (x) => { if (typeof x !== "number") throw new ArgumentError("x must be a number"); return x; },
 *   run: (x: number) => x * x,
 * });
 */
export function registerJobKind<I, O>(kind: JobKind<I, O>): void {
  if (kind === null || typeof kind !== "object") {
    throw new ArgumentError(`registerJobKind: kind must be an object, got ${String(kind)}`);
  }
  if (typeof kind.name !== "string" || !/^[A-Za-z0-9][\w.-]*$/.test(kind.name)) {
    throw new ArgumentError(
      `registerJobKind: kind.name must be letters, digits, ".", "_" or "-", got ${JSON.stringify(kind.name)}`,
    );
  }
  if (!Number.isInteger(kind.version) || kind.version < 0) {
    throw new ArgumentError(
      `registerJobKind: ${kind.name}: version must be an integer >= 0, got ${String(kind.version)}`,
    );
  }
  if (typeof kind.validate !== "function" || typeof kind.run !== "function") {
    throw new ArgumentError(`registerJobKind: ${kind.name}: validate and run must be functions`);
  }
  kinds.set(kind.name, kind as JobKind);
}

/**
 * The kind called `name`; an ArgumentError listing the known ones otherwise.
 * @example
 * jobKind("chem.ground-state").version; // 1
 */
export function jobKind(name: string): JobKind {
  const kind = typeof name === "string" ? kinds.get(name) : undefined;
  if (kind === undefined) {
    throw new ArgumentError(
      `unknown job kind ${JSON.stringify(name)}; known: ${jobKindNames().join(", ")}`,
    );
  }
  return kind;
}

/**
 * The names of the registered job kinds.
 * @example
 * jobKindNames(); // ["chem.ground-state", "circuit.run", "circuit.train", ...]
 */
export function jobKindNames(): string[] {
  return [...kinds.keys()];
}
