/**
 * The options-object check of the Hamiltonian-simulation entry points: a misspelled key
 * (`{ step: 10 }` for `steps`) would otherwise be ignored silently.
 */
import { ArgumentError, describe } from "../../errors.js";

/**
 * Throws an `ArgumentError` naming `fn`, the first unknown key and the valid ones when `options`
 * has a key outside `valid`; also when `options` is not a plain object.
 * @example
 * checkOptionKeys("trotterCircuit", { steps: 4 }, ["steps", "order"]); // fine
 * checkOptionKeys("trotterCircuit", { step: 4 }, ["steps", "order"]); // ArgumentError
 */
export function checkOptionKeys(fn: string, options: unknown, valid: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new ArgumentError(
      `${fn}: options must be an object with keys ${valid.join(", ")}; got ${describe(options)}`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!valid.includes(key)) {
      throw new ArgumentError(
        `${fn}: unknown option ${JSON.stringify(key)}; valid options are ${valid.join(", ")}`,
      );
    }
  }
}
