/**
 * The seam between the simulator and the hardware. A `Backend` owns state buffers and offers the
 * kernels; circuit-level work (gate fusion, the adjoint sweep, batching) is written once above it.
 *
 * Conventions every backend follows:
 * - A buffer holds `batch` states of `nQubits` qubits: `batch * 2^nQubits` complex amplitudes,
 *   interleaved (re, im), batch-major. Qubit 0 is the most significant bit of a basis index.
 * - Matrices are complex, interleaved, row-major, 2^k x 2^k for k targets; `targets[0]` is the most
 *   significant bit of the matrix index. A matrix (or diagonal) argument holds either one matrix,
 *   shared by the whole batch, or `batch` of them back to back (one per batch element).
 * - Kernels update in place and never allocate state-sized memory.
 */
import { ArgumentError, BackendError, describe } from "../errors.js";

/** A handle to `batch` state vectors of `nQubits` qubits owned by a backend. */
export interface StateBuffer {
  /** Name of the backend that owns it (`"cpu"`, `"webgpu"`). */
  readonly backend: string;
  /** Qubits of each state. */
  readonly nQubits: number;
  /** How many states the buffer holds. */
  readonly batch: number;
}

/** One Pauli factor on one qubit. */
export type PauliLetter = "X" | "Y" | "Z";

/** A Pauli string: letters on distinct qubits; identity elsewhere. */
export interface PauliString {
  /** The qubits the letters act on, one per letter. */
  readonly qubits: readonly number[];
  /** X, Y or Z for each qubit in `qubits`. */
  readonly letters: readonly PauliLetter[];
}

/** A weighted Pauli string, one term of a Pauli sum. */
export interface PauliTerm extends PauliString {
  /** The real weight of the string in the sum. */
  readonly coefficient: number;
}

/** Allocation statistics, for memory tests (e.g. the adjoint gradient's buffer count). */
export interface AllocationStats {
  /** Buffers allocated since the last `resetStats`. */
  allocated: number;
  /** Buffers alive now. */
  live: number;
  /** Most buffers alive at once since the last `resetStats`. */
  peakLive: number;
  /** Bytes of state memory alive now. */
  liveBytes: number;
}

export interface Backend {
  /** The name it is registered under (`getBackend(name)`). */
  readonly name: string;

  // --- buffers -------------------------------------------------------------------------------
  /** `batch` states, each |0...0>. Throws a `ResourceError` before allocating what cannot fit. */
  zeros(nQubits: number, batch?: number): StateBuffer;
  /** A buffer holding a copy of `amplitudes` (interleaved, batch-major, length 2 * batch * 2^n). */
  fromArray(nQubits: number, batch: number, amplitudes: Float64Array): StateBuffer;
  /** A copy of the amplitudes (interleaved, batch-major). */
  toArray(buf: StateBuffer): Float64Array;
  /** A new buffer holding a copy of `buf`. */
  clone(buf: StateBuffer): StateBuffer;
  /** Copies `src` into `dst` (same shape). */
  copyInto(dst: StateBuffer, src: StateBuffer): void;
  /** A new buffer of `batch` copies of the single state in `buf` (batch 1), without a read back. */
  broadcast(buf: StateBuffer, batch: number): StateBuffer;
  /**
   * Optional: a new buffer whose element e is a copy of element `sources[e]` of `buf` (the branch
   * engine's split after a mid-circuit measurement). Callers fall back to `toArray`/`fromArray`.
   */
  gatherBatch?(buf: StateBuffer, sources: Int32Array): StateBuffer;
  /** Releases the buffer; using it afterwards is an error. */
  free(buf: StateBuffer): void;
  /** Buffer allocation counts since the last `resetStats` (for memory tests). */
  stats(): AllocationStats;
  /** Starts a new allocation count (`allocated` and `peakLive` restart from what is live). */
  resetStats(): void;

  // --- gate kernels (in place) ---------------------------------------------------------------
  /** Applies a dense 2^k x 2^k matrix on `targets`, optionally controlled on `controls` (all 1). */
  applyDense(
    buf: StateBuffer,
    targets: readonly number[],
    matrix: Float64Array,
    controls?: readonly number[],
  ): void;
  /** Multiplies by a diagonal (2^k complex entries) on `targets`, optionally controlled. */
  applyDiagonal(
    buf: StateBuffer,
    targets: readonly number[],
    diagonal: Float64Array,
    controls?: readonly number[],
  ): void;
  /**
   * Applies a (phased) permutation on `targets`: basis state |i> goes to phase_i |perm[i]>
   * (`phases` interleaved complex, omitted = all 1), optionally controlled. No arithmetic
   * when `phases` is omitted.
   */
  applyPermutation(
    buf: StateBuffer,
    targets: readonly number[],
    perm: Int32Array,
    phases?: Float64Array,
    controls?: readonly number[],
  ): void;
  /** Multiplies every state by the Pauli string times `coefficient` (complex, default 1). */
  applyPauliString(
    buf: StateBuffer,
    pauli: PauliString,
    coefficient?: readonly [number, number],
  ): void;
  /** Applies exp(-i theta/2 P); `thetas` holds one angle or one per batch element. */
  applyPauliRotation(buf: StateBuffer, pauli: PauliString, thetas: Float64Array): void;

  // --- reductions ----------------------------------------------------------------------------
  /** out <- (sum_j c_j P_j) |psi>, for every batch element; `out` has the shape of `buf`. */
  applyPauliSum(out: StateBuffer, buf: StateBuffer, terms: readonly PauliTerm[]): void;
  /** <psi|P|psi> of one Pauli string per batch element (real). */
  expectationPauli(buf: StateBuffer, pauli: PauliString): Float64Array;
  /** <psi|H|psi> for H = sum_j c_j P_j, per batch element (real). */
  expectationPauliSum(buf: StateBuffer, terms: readonly PauliTerm[]): Float64Array;
  /**
   * Probabilities of the basis states of `qubits` (all qubits when omitted), per batch element:
   * length batch * 2^len(qubits); qubits[0] is the most significant bit of the outcome.
   */
  probabilities(buf: StateBuffer, qubits?: readonly number[]): Float64Array;
  /** <a|b> per batch element, interleaved complex (length 2 * batch). */
  innerProduct(a: StateBuffer, b: StateBuffer): Float64Array;
  /** Squared norms <psi|psi> per batch element. */
  normSquared(buf: StateBuffer): Float64Array;
  /** buf <- buf * factor (per batch element when `factors` has batch complex entries). */
  scale(buf: StateBuffer, factors: Float64Array): void;
  /** dst <- dst + alpha * src (alpha complex, one or per batch element). */
  axpy(dst: StateBuffer, alpha: Float64Array, src: StateBuffer): void;
  /**
   * Optional: dst <- sum_k coefficients[k] * sources[k] in one pass over the amplitudes (each
   * coefficient complex, one or one per batch element); `dst` may be one of the sources. Returns
   * <dst|dst> per batch element. Callers fall back to `scale`, `axpy` and `normSquared`.
   */
  linearCombination?(
    dst: StateBuffer,
    coefficients: readonly Float64Array[],
    sources: readonly StateBuffer[],
  ): Float64Array;

  // --- optional (callers fall back when a backend lacks them) --------------------------------
  /**
   * Optional: the widest fused block the backend takes (the mps backend: 2); circuits fuse to
   * at most this many qubits, whatever `QOAR_FUSION` says.
   */
  readonly maxFusedQubits?: number;
  /**
   * Optional: true when gradients with respect to this backend's states must travel as buffers
   * of the backend (a matrix product state), not as dense tensors (see `stateCotangent`).
   */
  readonly stateCotangents?: boolean;
  /**
   * The overlap of `a` and `b` traced over every qubit except `qubits` (k of them), per batch
   * element: M[i][j] = sum_r conj(a[i, r]) b[j, r], where i, j index the basis of `qubits`
   * (qubits[0] the most significant bit) and r the other qubits. Returns batch blocks of
   * 2^k x 2^k interleaved complex, row-major. For any operator A on `qubits`,
   * <a|A|b> = sum_ij A[i][j] M[i][j]: one sweep gives the gradients of every gate in a fused
   * block (the adjoint method's inner products without a scratch state).
   */
  overlapMatrix?(a: StateBuffer, b: StateBuffer, qubits: readonly number[]): Float64Array;
  /**
   * A clone of `psi` and a buffer holding the amplitudes `lambda` (same shape), allocated
   * together where that lets `adjointStep` / `overlapMatrix` read both in one pass.
   */
  clonePair?(psi: StateBuffer, lambda: Float64Array): [StateBuffer, StateBuffer];
  /**
   * One step of the adjoint sweep in one pass where the backend can: returns
   * `overlapMatrix(lam, psi, qubits)` as it was before, then applies `matrix` (one 2^k x 2^k
   * matrix shared by the batch) on `qubits` to both `psi` and `lam`.
   */
  adjointStep?(
    psi: StateBuffer,
    lam: StateBuffer,
    qubits: readonly number[],
    matrix: Float64Array,
  ): Float64Array;
  /**
   * A run of adjoint steps in time order (of the reverse sweep), in one call so the backend can
   * keep both states in cache across steps (the cpu runs consecutive steps on low qubits chunk
   * by chunk). Each step applies its `matrix` (shared by the batch) to both `psi` and `lam`;
   * for a step with `overlap` the result at its index is `overlapMatrix(lam, psi, qubits)` as it
   * was before that step, else undefined. Same results as one `adjointStep` (or two
   * `applyDense`) per step.
   */
  adjointSteps?(
    psi: StateBuffer,
    lam: StateBuffer,
    steps: readonly AdjointStepSpec[],
  ): (Float64Array | undefined)[];
}

/** One step of `Backend.adjointSteps`. */
export interface AdjointStepSpec {
  /** The step's qubits (qubits[0] the most significant bit of `matrix`). */
  readonly qubits: readonly number[];
  /** The 2^k x 2^k matrix (interleaved complex, row-major) applied to both states. */
  readonly matrix: Float64Array;
  /** Whether the overlap matrix before the step is wanted. */
  readonly overlap: boolean;
}

const factories = new Map<string, () => Backend>();
/** Backends that exist but must be created asynchronously before use, and how. */
const NOT_YET = new Map<string, string>([
  [
    "webgpu",
    "not initialized; WebGPU finds its device asynchronously: call `await initWebGpu()` first (it registers the backend, or throws a BackendError saying why no GPU is available)",
  ],
]);
const instances = new Map<string, Backend>();
let current = "cpu";

/** Makes a backend available to `setBackend`/`getBackend` under `name`. */
export function registerBackend(name: string, factory: () => Backend): void {
  checkArity(arguments.length, 2, "registerBackend");
  if (typeof name !== "string" || name === "" || typeof factory !== "function") {
    throw new ArgumentError(
      `registerBackend: expected a name and a factory function, got ${describe(name)} and ${describe(factory)}`,
    );
  }
  factories.set(name, factory);
  instances.delete(name);
}

/** The names of the registered backends. */
export function listBackends(): string[] {
  checkArity(arguments.length, 0, "listBackends");
  return [...factories.keys()];
}

/**
 * Every backend qoar has: the registered ones and those that must be initialized first
 * (webgpu, by `initWebGpu()`), whether or not they can start on this machine.
 * @example
 * knownBackends(); // ["cpu", "mps", "webgpu"]
 */
export function knownBackends(): string[] {
  return [...new Set([...factories.keys(), ...NOT_YET.keys()])];
}

/**
 * The backend called `name`, or the current one.
 * @example
 * const cpu = getBackend("cpu");
 */
export function getBackend(name?: string | Backend): Backend {
  checkArity(arguments.length, 1, "getBackend");
  if (name !== undefined && typeof name !== "string") {
    if (name !== null && typeof name === "object" && typeof name.zeros === "function") return name;
    throw new ArgumentError(`backend must be a name or a Backend, got ${describe(name)}`);
  }
  const key = name ?? current;
  let backend = instances.get(key);
  if (backend === undefined) {
    const factory = factories.get(key);
    if (factory === undefined) {
      const hint = NOT_YET.get(key);
      if (hint !== undefined) throw new BackendError(`backend ${JSON.stringify(key)}: ${hint}`);
      throw new BackendError(
        `unknown backend ${JSON.stringify(key)}; known: ${knownBackends().join(", ")}`,
      );
    }
    backend = factory();
    instances.set(key, backend);
  }
  return backend;
}

/**
 * Chooses the backend used when a call does not name one.
 * @example
 * setBackend("cpu");
 */
export function setBackend(name: string): void {
  checkArity(arguments.length, 1, "setBackend");
  const hint = NOT_YET.get(name);
  if (!factories.has(name) && hint !== undefined) {
    throw new BackendError(`setBackend: backend ${JSON.stringify(name)}: ${hint}`);
  }
  if (!factories.has(name)) {
    throw new ArgumentError(
      `setBackend: unknown backend ${JSON.stringify(name)}; known: ${knownBackends().join(", ")}`,
    );
  }
  current = name;
}

/** The name of the current backend. */
export function currentBackendName(): string {
  return current;
}

import { checkArity } from "../validate.js";
import { CpuBackend } from "./cpu/cpu.js";
import { MpsBackend } from "./mps/mps-backend.js";

export {
  MPS_BACKEND_OPTIONS,
  MpsBackend,
  type MpsBackendOptions,
  MpsStateBuffer,
} from "./mps/mps-backend.js";
export type { LikelyOutcome } from "./mps/outcomes.js";

export type { GpuDeviceInfo } from "./webgpu/device.js";
export { type InitWebGpuOptions, initWebGpu } from "./webgpu/init.js";
export type { Layout as WebGpuLayout } from "./webgpu/layout.js";
export { WebGpuBackend, type WebGpuBackendOptions, WebGpuStateBuffer } from "./webgpu/webgpu.js";

registerBackend("cpu", () => new CpuBackend());
registerBackend("mps", () => new MpsBackend());
