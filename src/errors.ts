/**
 * The error policy of qoar: every public entry point validates its input and throws a
 * `QoarError` (or a subclass) whose message names the argument, the value and what was expected.
 * The CLI prints the message and exits with status 2.
 */

/** Base class of every error qoar throws on purpose. */
export class QoarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An argument has the wrong value, type or range (a qubit index out of range, a NaN angle, ...). */
export class ArgumentError extends QoarError {}

/** Two tensors' shapes (or a tensor's shape and an expected one) do not fit together. */
export class ShapeError extends QoarError {}

/** Two tensors' dtypes do not fit together. */
export class DtypeError extends QoarError {}

/** Text input (QASM, XYZ, basis-set files, Pauli strings) could not be parsed. */
export class ParseError extends QoarError {}

/** A request that does not fit in memory (a state too large, ...). */
export class ResourceError extends QoarError {}

/** An iterative method did not converge (SCF, Lanczos, ...). */
export class ConvergenceError extends QoarError {}

/** A backend is missing or unavailable (no WebGPU adapter, ...). */
export class BackendError extends QoarError {}

/** Formats a value for an error message: short, and readable for arrays. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const inner = value.slice(0, 8).map(describe).join(", ");
    return `[${inner}${value.length > 8 ? ", ..." : ""}]`;
  }
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as Float64Array).length})`;
  if (value !== null && typeof value === "object") return value.constructor?.name ?? "object";
  return String(value);
}
