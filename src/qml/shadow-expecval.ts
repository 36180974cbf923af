/**
 * <H> estimated from a classical shadow instead of computed exactly: the measurement-cost view of
 * `expecVal`, with a confidence interval. The snapshots are taken from `state` (seeded); LBCS and
 * APS choose their bases for `H` itself.
 */
import { ArgumentError, describe } from "../errors.js";
import {
  type ClassicalShadowOptions,
  classicalShadow,
  type ShadowEstimate,
  type ShadowEstimateOptions,
  type ShadowObservable,
} from "../qinfo/shadow/shadow.js";
import { DensityMatrix } from "../quantum/density/density.js";
import { State } from "../quantum/state/state.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";

/** Options of `expecValShadow`. */
export interface ExpecValShadowOptions
  extends Omit<ClassicalShadowOptions, "hamiltonian">,
    ShadowEstimateOptions {
  /** Number of snapshots (measured copies of the state). */
  snapshots: number;
}

const EXPEC_VAL_SHADOW_OPTIONS = optionKeys<ExpecValShadowOptions>({
  snapshots: true,
  seed: true,
  ensemble: true,
  sampling: true,
  groups: true,
  confidence: true,
});

/**
 * Checks shadow-estimate options before any work is done: an object with valid keys and
 * `snapshots` a positive integer; `where` names the caller in the ArgumentError.
 * @example
 * checkExpecValShadowOptions({ snapshots: 1000, seed: 1 }, "vqe: shadow"); // ok
 */
export function checkExpecValShadowOptions(options: unknown, where: string): void {
  if (options === undefined || options === null || typeof options !== "object")
    throw new ArgumentError(
      `${where}: options must be an object with snapshots (a positive integer), got ${describe(options)}`,
    );
  checkOptions(options, EXPEC_VAL_SHADOW_OPTIONS, where);
  const snapshots = (options as ExpecValShadowOptions).snapshots;
  if (!Number.isSafeInteger(snapshots) || snapshots < 1)
    throw new ArgumentError(
      `${where}: snapshots must be a positive integer, got ${describe(snapshots)}`,
    );
}

/**
 * The shadow estimate of <psi|H|psi> from `snapshots` random measurements, with its standard
 * error and confidence interval (not differentiable; `expecVal` is the exact, differentiable one).
 * @example
 * const e = expecValShadow(circuit.forward(), "Z0 Z1 + 0.5 X0", { snapshots: 5000, seed: 1 });
 * e.value; // within a few e.standardError of expecVal(circuit.forward(), H)
 * e.confidenceInterval; // [low, high] at 95%
 */
export function expecValShadow(
  state: State | DensityMatrix,
  H: ShadowObservable,
  options: ExpecValShadowOptions,
): ShadowEstimate {
  checkArity(arguments.length, 3, "expecValShadow");
  if (!(state instanceof State) && !(state instanceof DensityMatrix))
    throw new ArgumentError(
      `expecValShadow: state must be a State or a DensityMatrix, got ${describe(state)}`,
    );
  checkExpecValShadowOptions(options, "expecValShadow");
  const { snapshots, groups, confidence, ...shadowOptions } = options;
  const needsH = shadowOptions.sampling === "lbcs" || shadowOptions.sampling === "aps";
  const shadow = classicalShadow(
    state,
    snapshots,
    needsH ? { ...shadowOptions, hamiltonian: H } : shadowOptions,
  );
  return shadow.estimate(H, { groups, confidence });
}
