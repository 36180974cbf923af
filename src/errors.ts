/**
 * The error policy of qoar: every public entry point validates its input and throws a
 * `QoarError` (or a subclass) whose message names the argument, the value and what was expected.
 * The CLI prints the message and exits with status 2.
 */

/**
 * Base class of every error qoar throws on purpose; `name` is the subclass name.
 * @example
 * try {
 *   State.zero(40);
 * } catch (e) {
 *   if (e instanceof QoarError) console.error(`${e.name}: ${e.message}`);
 * }
 */
export class QoarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * An argument has the wrong value, type or range (a qubit index out of range, a NaN angle, ...).
 * @example
 * new Rng(Number.NaN); // throws ArgumentError: seed must be a finite number, got NaN
 */
export class ArgumentError extends QoarError {}

/**
 * Two tensors' shapes (or a tensor's shape and an expected one) do not fit together.
 * @example
 * add(tensor([1, 2]), tensor([1, 2, 3])); // throws ShapeError
 */
export class ShapeError extends QoarError {}

/**
 * Two tensors' dtypes do not fit together.
 * @example
 * relu(tensor([1]).toComplex()); // throws DtypeError: relu expects float64
 */
export class DtypeError extends QoarError {}

/**
 * Text input (QASM, XYZ, basis-set files, Pauli strings) could not be parsed.
 * @example
 * parsePauli("Q0"); // throws ParseError
 */
export class ParseError extends QoarError {}

/**
 * A request that does not fit in memory (a state too large, ...).
 * @example
 * State.zero(40); // throws ResourceError on the cpu backend
 */
export class ResourceError extends QoarError {}

/**
 * An iterative method did not converge (SCF, Lanczos, ...).
 * @example
 * runSCF(Molecule.fromName("h2o"), { maxIterations: 1 }); // throws ConvergenceError
 */
export class ConvergenceError extends QoarError {}

/**
 * A backend is missing or unavailable (no WebGPU adapter, ...).
 * @example
 * getBackend("nope"); // throws BackendError: unknown backend
 */
export class BackendError extends QoarError {}

/**
 * Formats a value for an error message: short, and readable for arrays.
 * @example
 * describe("x"); // '"x"'
 * describe([1, 2, 3]); // "[1, 2, 3]"
 * describe(new Float64Array(4)); // "Float64Array(4)"
 */
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
