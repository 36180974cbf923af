/**
 * The gate dispatcher: applies a gate-table entry to a backend buffer by reading its structure,
 * in a fixed order: named Pauli-rotation kernel (multi-qubit strings with X or Y), diagonal,
 * permutation, dense; a controlled gate hands its target part to the chosen kernel with the
 * control qubits. No gate names appear here.
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { conjugateInPlace, daggerBlocksInPlace, invertPermutation, stackSets } from "./arrays.js";
import type { GateEntry } from "./table.js";

/** Options of `applyGate`. */
export interface ApplyOptions {
  /** Apply the inverse U^dagger instead of U (for reverse sweeps). */
  adjoint?: boolean;
}

const APPLY_OPTIONS = optionKeys<ApplyOptions>({ adjoint: true });

function checkBufferArgs(backend: unknown, buf: unknown, where: string): void {
  if (
    backend === null ||
    typeof backend !== "object" ||
    typeof (backend as Backend).zeros !== "function"
  )
    throw new ArgumentError(
      `${where}: backend must be a Backend (getBackend()), got ${describe(backend)}`,
    );
  if (buf === null || typeof buf !== "object" || typeof (buf as StateBuffer).nQubits !== "number")
    throw new ArgumentError(
      `${where}: buf must be a state buffer (state.buffer), got ${describe(buf)}`,
    );
}

/**
 * Checks a list of distinct qubit indices of any length on an n-qubit register.
 * @example
 * checkQubitIndices([2, 0], 3, "probabilities: qubits"); // ok
 */
export function checkQubitIndices(
  qubits: readonly number[],
  nQubits: number,
  argName = "qubits",
): void {
  if (!Array.isArray(qubits)) {
    throw new ArgumentError(
      `${argName}: expected an array of qubit indices, got ${describe(qubits)}`,
    );
  }
  checkQubits(qubits, nQubits, qubits.length, argName);
}

/**
 * Checks a qubit list for a k-qubit operation on an n-qubit register: length k, integers in
 * [0, n), no repeats. Throws `ArgumentError` naming `argName`.
 * @example
 * checkQubits([0, 2], 3, 2); // ok
 */
export function checkQubits(
  qubits: readonly number[],
  nQubits: number,
  k: number,
  argName = "qubits",
): void {
  if (!Array.isArray(qubits) || qubits.length !== k) {
    throw new ArgumentError(
      `${argName}: expected ${k} qubit index${k === 1 ? "" : "es"}, got ${describe(qubits)}`,
    );
  }
  for (const q of qubits) {
    if (!Number.isInteger(q) || q < 0 || q >= nQubits) {
      throw new ArgumentError(
        `${argName}: qubit index ${describe(q)} is out of range for ${nQubits} qubits (expected an integer in [0, ${nQubits - 1}])`,
      );
    }
  }
  if (new Set(qubits).size !== qubits.length) {
    throw new ArgumentError(`${argName}: repeated qubit in ${describe(qubits)}`);
  }
}

/**
 * Normalizes gate parameters: `nParams` values shared by the batch, or `batch * nParams` values
 * (element b's parameters at [b * nParams, (b+1) * nParams)). Returns the per-element count of
 * distinct parameter sets (1 or batch). Throws `ArgumentError` on a wrong count or NaN.
 * @example
 * checkParams(getGate("rx"), new Float64Array([0.1, 0.2]), 2); // 2 (one angle per element)
 */
export function checkParams(
  entry: GateEntry,
  params: ArrayLike<number> | undefined,
  batch: number,
): number {
  const n = params?.length ?? 0;
  const k = entry.nParams;
  if (k === 0) {
    if (n !== 0)
      throw new ArgumentError(
        `${entry.name}: params has ${n} values; the gate takes no parameters`,
      );
    return 1;
  }
  if (n !== k && n !== k * batch) {
    throw new ArgumentError(
      `${entry.name}: params has ${n} values, expected ${k} (shared) or ${k * batch} (${k} per batch element, batch ${batch})`,
    );
  }
  for (let i = 0; i < n; i++) {
    const v = params![i]!;
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ArgumentError(
        `${entry.name}: params[${i}] = ${describe(v)} is not a finite number`,
      );
    }
  }
  return n / k;
}

/**
 * Applies `entry` on `qubits` (the gate's qubit i = `qubits[i]`; for controlled gates the
 * controls come first) to every state of `buf`, in place.
 * `params`: `nParams` angles, or `batch * nParams` (per batch element, for data encoding).
 * @example
 * const be = getBackend();
 * const buf = be.zeros(2);
 * applyGate(be, buf, getGate("h"), [0]);
 * applyGate(be, buf, getGate("cnot"), [0, 1]);
 * applyGate(be, buf, getGate("ry"), [1], new Float64Array([0.3]));
 */
export function applyGate(
  backend: Backend,
  buf: StateBuffer,
  entry: GateEntry,
  qubits: readonly number[],
  params?: ArrayLike<number>,
  options: ApplyOptions = {},
): void {
  checkArity(arguments.length, 6, "applyGate");
  checkOptions(options, APPLY_OPTIONS, "applyGate");
  checkBufferArgs(backend, buf, "applyGate");
  if (entry === null || typeof entry !== "object" || typeof entry.nParams !== "number")
    throw new ArgumentError(
      `applyGate: entry must be a gate-table entry (getGate("h")), got ${describe(entry)}`,
    );
  checkQubits(qubits, buf.nQubits, entry.nQubits);
  const sets = checkParams(entry, params, buf.batch);
  const k = entry.nParams;
  const adjoint = options.adjoint === true;

  // 1. named kernel: multi-qubit, non-diagonal Pauli rotations exp(-i t P / 2) (for one qubit
  // the dense kernel measured faster, for all-Z strings the diagonal one)
  if (
    entry.pauliRotation !== undefined &&
    k === 1 &&
    entry.nQubits > 1 &&
    entry.structure !== "diagonal"
  ) {
    const thetas = Float64Array.from(params!);
    if (adjoint) for (let i = 0; i < thetas.length; i++) thetas[i] = -thetas[i]!;
    backend.applyPauliRotation(buf, { qubits: [...qubits], letters: entry.pauliRotation }, thetas);
    return;
  }

  const nc = entry.controlled?.nControls ?? 0;
  const core = entry.controlled?.target ?? entry;
  const controls = nc > 0 ? qubits.slice(0, nc) : undefined;
  const targets = nc > 0 ? qubits.slice(nc) : [...qubits];
  const all = Float64Array.from(params ?? []);
  const paramsOf = (b: number): Float64Array => all.subarray(b * k, (b + 1) * k);

  // 2. diagonal
  if (core.structure === "diagonal" && core.diagonal !== undefined) {
    const diag = stackSets(sets, (b) => core.diagonal!(paramsOf(b)));
    if (adjoint) conjugateInPlace(diag);
    backend.applyDiagonal(buf, targets, diag, controls);
    return;
  }
  // 3. permutation (parameter-free)
  if (core.structure === "permutation" && core.permutation !== undefined) {
    let { perm, phases } = core.permutation;
    if (adjoint) [perm, phases] = invertPermutation(perm, phases);
    backend.applyPermutation(buf, targets, perm, phases, controls);
    return;
  }
  // 4. dense (1, 2, ... qubits), controlled or not
  const dense = stackSets(sets, (b) => core.matrix(paramsOf(b)));
  if (adjoint) daggerBlocksInPlace(dense, 1 << targets.length);
  backend.applyDense(buf, targets, dense, controls);
}

/**
 * Applies a raw matrix (interleaved complex, 2^k x 2^k for k = `qubits.length`, or `batch` of
 * them back to back) on `qubits`, optionally controlled on `controls`. No unitarity check.
 * @example
 * applyMatrix(be, buf, [0], new Float64Array([0, 0, 1, 0, 1, 0, 0, 0])); // X on qubit 0
 */
export function applyMatrix(
  backend: Backend,
  buf: StateBuffer,
  qubits: readonly number[],
  matrix: Float64Array,
  controls?: readonly number[],
): void {
  checkArity(arguments.length, 5, "applyMatrix");
  checkBufferArgs(backend, buf, "applyMatrix");
  checkQubitIndices(qubits, buf.nQubits);
  if (controls !== undefined) {
    checkQubits(
      [...controls, ...qubits],
      buf.nQubits,
      controls.length + qubits.length,
      "controls and qubits",
    );
  }
  const size = 2 * 4 ** qubits.length;
  if (
    !(matrix instanceof Float64Array) ||
    (matrix.length !== size && matrix.length !== size * buf.batch)
  ) {
    throw new ShapeError(
      `applyMatrix: matrix ${describe(matrix)} has the wrong length for ${qubits.length} qubits (expected ${size}${buf.batch > 1 ? ` or ${size * buf.batch}` : ""} interleaved values)`,
    );
  }
  backend.applyDense(buf, [...qubits], matrix, controls ? [...controls] : undefined);
}
