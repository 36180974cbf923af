/** Standard operators as dense matrices: the quantum Fourier transform and Grover's iterate. */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { matrixDim } from "../quantum/linalg.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { isUnitary } from "./checks.js";

function checkN(n: number, fn: string): number {
  if (!Number.isInteger(n) || n < 1 || n > 12) {
    throw new ArgumentError(`${fn}: nQubits must be an integer in [1, 12], got ${describe(n)}`);
  }
  return 1 << n;
}

/**
 * The QFT on n qubits: F[j, k] = exp(2 pi i j k / d) / sqrt(d), d = 2^n, with qubit 0 the most
 * significant bit of j and k (no final bit reversal needed in this convention).
 * @example
 * qftMatrix(1); // the Hadamard matrix
 */
export function qftMatrix(nQubits: number): Float64Array {
  checkArity(arguments.length, 1, "qftMatrix");
  const d = checkN(nQubits, "qftMatrix");
  const out = new Float64Array(2 * d * d);
  const s = 1 / Math.sqrt(d);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < d; k++) {
      const phase = (2 * Math.PI * ((j * k) % d)) / d;
      out[2 * (j * d + k)] = s * Math.cos(phase);
      out[2 * (j * d + k) + 1] = s * Math.sin(phase);
    }
  }
  return out;
}

/** Options of `groverOperator`. */
export interface GroverOptions {
  /** The number of qubits (needed when `oracle` is a list of marked states). */
  nQubits?: number;
  /** A unitary A that prepares the start state A|0> (default: H on every qubit). */
  statePrep?: Float64Array;
}

const GROVER_OPTIONS = optionKeys<GroverOptions>({ nQubits: true, statePrep: true });

/**
 * Grover's iterate G = (2|s><s| - I) O with |s> = A|0...0> (default the uniform superposition),
 * O the oracle: a unitary matrix, or the list of marked basis indices (O = I - 2 sum |m><m|).
 * @example
 * const g = groverOperator([5], { nQubits: 3 }); // one Grover step that searches for |101>
 */
export function groverOperator(
  oracle: Float64Array | readonly number[],
  options: GroverOptions = {},
): Float64Array {
  checkArity(arguments.length, 2, "groverOperator");
  checkOptions(options, GROVER_OPTIONS, "groverOperator");
  let d: number;
  let o: Float64Array | undefined;
  let marked: Set<number> | undefined;
  if (oracle instanceof Float64Array) {
    d = matrixDim(oracle, "oracle");
    if ((d & (d - 1)) !== 0 || d < 2) throw new ShapeError(`oracle: dimension ${d} is not 2^n`);
    if (options.nQubits !== undefined && 1 << options.nQubits !== d) {
      throw new ShapeError(`oracle: dimension ${d} does not fit nQubits = ${options.nQubits}`);
    }
    if (!isUnitary(oracle)) throw new ArgumentError("oracle: the matrix is not unitary");
    o = oracle;
  } else if (Array.isArray(oracle)) {
    if (options.nQubits === undefined) {
      throw new ArgumentError(
        "groverOperator: nQubits is required when oracle is a list of marked states",
      );
    }
    d = checkN(options.nQubits, "groverOperator");
    for (const m of oracle) {
      if (!Number.isInteger(m) || m < 0 || m >= d) {
        throw new ArgumentError(`oracle: marked state ${describe(m)} out of range [0, ${d - 1}]`);
      }
    }
    marked = new Set(oracle);
  } else {
    throw new ArgumentError(
      `oracle: expected a unitary matrix or marked indices, got ${describe(oracle)}`,
    );
  }
  // |s> = A|0> = the first column of A
  const s = new Float64Array(2 * d);
  if (options.statePrep !== undefined) {
    if (matrixDim(options.statePrep, "statePrep") !== d) {
      throw new ShapeError(
        `statePrep: dimension ${matrixDim(options.statePrep, "statePrep")}, expected ${d}`,
      );
    }
    if (!isUnitary(options.statePrep))
      throw new ArgumentError("statePrep: the matrix is not unitary");
    for (let i = 0; i < d; i++) {
      s[2 * i] = options.statePrep[2 * i * d]!;
      s[2 * i + 1] = options.statePrep[2 * i * d + 1]!;
    }
  } else {
    for (let i = 0; i < d; i++) s[2 * i] = 1 / Math.sqrt(d);
  }
  // D = 2|s><s| - I
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const ar = s[2 * i]!;
      const ai = s[2 * i + 1]!;
      const br = s[2 * j]!;
      const bi = -s[2 * j + 1]!;
      out[2 * (i * d + j)] = 2 * (ar * br - ai * bi) - (i === j ? 1 : 0);
      out[2 * (i * d + j) + 1] = 2 * (ar * bi + ai * br);
    }
  }
  if (marked !== undefined) {
    // D O: negate the columns of the marked states.
    for (const m of marked) {
      for (let i = 0; i < d; i++) {
        out[2 * (i * d + m)] = -out[2 * (i * d + m)]!;
        out[2 * (i * d + m) + 1] = -out[2 * (i * d + m) + 1]!;
      }
    }
    return out;
  }
  const res = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const ar = out[2 * (i * d + k)]!;
      const ai = out[2 * (i * d + k) + 1]!;
      for (let j = 0; j < d; j++) {
        const br = o![2 * (k * d + j)]!;
        const bi = o![2 * (k * d + j) + 1]!;
        res[2 * (i * d + j)]! += ar * br - ai * bi;
        res[2 * (i * d + j) + 1]! += ar * bi + ai * br;
      }
    }
  }
  return res;
}
