/**
 * The shape of one gate-table entry. A gate is data: qubit and parameter counts, a matrix
 * function, the structure that picks its kernel, and what differentiation needs (a generator or
 * a list of one-parameter factors). Nothing above the table switches on gate names.
 */
import type { PauliLetter } from "../../backend/backend.js";

/** Which kernel family can apply the gate: a diagonal, a (phased) permutation, or a dense matrix. */
export type GateStructure = "diagonal" | "permutation" | "dense";

/** A gate made of a target gate and `nControls` control qubits (all 1), listed first. */
export interface ControlledSpec {
  /** The number of control qubits; they are the gate's first `nControls` qubits. */
  readonly nControls: number;
  /** The gate applied to the remaining qubits when every control is 1 (same parameters). */
  readonly target: GateEntry;
}

/** A (phased) permutation: basis state |j> goes to `phases[j] |perm[j]>` (phases omitted = 1). */
export interface PermutationSpec {
  /** `perm[j]`: the basis state that |j> goes to. */
  readonly perm: Int32Array;
  /** Interleaved complex phases, one per basis state; `undefined` when all are 1. */
  readonly phases: Float64Array | undefined;
}

/**
 * One factor of a multi-parameter gate's decomposition. The factor applies `gate` to the parent
 * gate's qubits `qubits` (positions 0..nQubits-1 of the parent, not circuit qubits). A parametric
 * factor takes angle `scale * theta[param] + offset`; a fixed factor (`param` undefined) has no
 * parameter (CNOT, H, S, ...).
 */
export interface GateFactor {
  /** The factor's gate. */
  readonly gate: GateEntry;
  /** Parent-gate qubit positions it acts on. */
  readonly qubits: readonly number[];
  /** Index of the parent parameter it reads; undefined for a fixed factor. */
  readonly param: number | undefined;
  /** Multiplier of `theta[param]`. */
  readonly scale: number;
  /** Added to the scaled angle. */
  readonly offset: number;
}

/** A global phase linear in the parameters: `phase(theta) = offset + sum_j coefficients[j] theta[j]`. */
export interface GlobalPhase {
  /** Coefficient of each parameter. */
  readonly coefficients: readonly number[];
  /** Constant part (radians). */
  readonly offset: number;
}

/** One frozen gate-table entry. */
export interface GateEntry {
  /** Canonical name (Paddle Quantum's, e.g. `"cnot"`, `"universal_two_qubits"`). */
  readonly name: string;
  /** Other names `getGate` accepts (`"cx"`, `"toffoli"`, camelCase spellings). */
  readonly aliases: readonly string[];
  /** Number of qubits it acts on. */
  readonly nQubits: number;
  /** Number of angle parameters. */
  readonly nParams: number;
  /** Kernel family: diagonal, permutation or dense. */
  readonly structure: GateStructure;
  /**
   * The 2^k x 2^k matrix (interleaved complex, row-major, the gate's first qubit is the most
   * significant bit). Validates `theta`: `nParams` finite numbers.
   */
  matrix(theta?: ArrayLike<number>): Float64Array;
  /** For `structure === "diagonal"`: the 2^k diagonal entries (interleaved complex). */
  readonly diagonal: ((theta?: ArrayLike<number>) => Float64Array) | undefined;
  /** For `structure === "permutation"` (parameter-free gates): the permutation and phases. */
  readonly permutation: PermutationSpec | undefined;
  /** For controlled gates: how many controls and the target gate. */
  readonly controlled: ControlledSpec | undefined;
  /** For one-parameter gates: G with `matrix(t) = exp(-i t G / 2)` (interleaved, Hermitian). */
  readonly generator: Float64Array | undefined;
  /**
   * For multi-parameter gates: one-parameter (or fixed) factors in time order (first applied
   * first), so `matrix(theta) = e^{i phase(theta)} F_last ... F_first`.
   */
  readonly factors: readonly GateFactor[] | undefined;
  /** The global phase of the factor decomposition (absent = 0). */
  readonly globalPhase: GlobalPhase | undefined;
  /** For Pauli rotations exp(-i t P / 2): the letters of P on the gate's qubits (named kernel). */
  readonly pauliRotation: readonly PauliLetter[] | undefined;
}
