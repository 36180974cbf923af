/** The built-in job kinds, registered by `registry.ts` at load. */
import type { JobKind } from "../job-kind.js";
import { circuitRunKind } from "./circuit-run.js";
import { circuitTrainKind } from "./circuit-train.js";
import { groundStateKind } from "./ground-state.js";

/** Every built-in kind, in the order `jobKindNames()` lists them. */
export const BUILTIN_JOB_KINDS: readonly JobKind[] = [
  groundStateKind as JobKind,
  circuitRunKind as JobKind,
  circuitTrainKind as JobKind,
];
