/**
 * Small checks shared by the built-in job kinds: job input arrives as untrusted JSON, so each
 * field is checked for its type before the library sees it (the library checks the values).
 */
import { ArgumentError, describe } from "../../errors.js";

/**
 * `value` as a plain object, or an ArgumentError naming `what`.
 * @example
 * record({ a: 1 }, "input").a; // 1
 */
export function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ArgumentError(`${what} must be an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * Throws when `value` has keys outside `allowed` (a misspelt option should not pass silently).
 * @example
 * onlyKeys({ shots: 1 }, ["shots", "seed"], "input"); // passes
 */
export function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], what: string) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ArgumentError(
        `${what} has an unknown field ${JSON.stringify(key)}; allowed: ${allowed.join(", ")}`,
      );
    }
  }
}

/**
 * A finite number, or an ArgumentError naming `what`.
 * @example
 * finite(0.5, "input.lr"); // 0.5
 */
export function finite(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ArgumentError(`${what} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/**
 * An integer >= min, or an ArgumentError naming `what`.
 * @example
 * integer(100, "input.shots", 1); // 100
 */
export function integer(value: unknown, what: string, min = 0): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new ArgumentError(`${what} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/**
 * A string, or an ArgumentError naming `what`.
 * @example
 * text("Z0 Z1", "input.hamiltonian"); // "Z0 Z1"
 */
export function text(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new ArgumentError(`${what} must be a string, got ${describe(value)}`);
  }
  return value;
}

/**
 * One of `allowed`, or an ArgumentError naming `what`.
 * @example
 * oneOf("vqe", "input.solver.method", ["vqe", "fci"]); // "vqe"
 */
export function oneOf<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new ArgumentError(`${what} must be one of ${allowed.join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

/**
 * A boolean, or an ArgumentError naming `what`.
 * @example
 * flag(true, "input.solver.fci"); // true
 */
export function flag(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") {
    throw new ArgumentError(`${what} must be true or false, got ${describe(value)}`);
  }
  return value;
}
