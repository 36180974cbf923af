/**
 * Backends that read results back asynchronously (WebGPU: `GPUBuffer.mapAsync`). Their sync
 * readers throw; the layer above the seam (State's `...Async` readers, `expecValAsync`, the
 * adjoint's two-phase sweep) finds their async twins here, by shape, without naming a backend.
 */
import type { Backend, PauliString, PauliTerm, StateBuffer } from "../../backend/backend.js";

/** The async readers and deferred reads an asynchronous backend offers besides `Backend`. */
export interface AsyncReadBackend extends Backend {
  toArrayAsync(buf: StateBuffer): Promise<Float64Array>;
  probabilitiesAsync(buf: StateBuffer, qubits?: readonly number[]): Promise<Float64Array>;
  expectationPauliSumAsync(buf: StateBuffer, terms: readonly PauliTerm[]): Promise<Float64Array>;
  normSquaredAsync(buf: StateBuffer): Promise<Float64Array>;
  innerProductAsync(a: StateBuffer, b: StateBuffer): Promise<Float64Array>;
  /** Records <a|b> into a GPU result slot; returns its offset in what `resolveDeferred` returns. */
  innerProductDeferred(a: StateBuffer, b: StateBuffer): number;
  /** Like `innerProductDeferred` for <a|P|b>, in one pass over both states (optional). */
  pauliInnerDeferred?(a: StateBuffer, pauli: PauliString, b: StateBuffer): number;
  /** Like `Backend.overlapMatrix`, recorded as a deferred read (optional; 2 * 4^k * batch floats). */
  overlapMatrixDeferred?(a: StateBuffer, b: StateBuffer, qubits: readonly number[]): number;
  /** The widest block `overlapMatrixDeferred` takes. */
  readonly maxOverlapQubits?: number;
  /** Submits, then reads every deferred value recorded since the last call. */
  resolveDeferred(): Promise<Float64Array>;
  /** tr(H rho) per batch element of the density matrices vec(rho) in `buf` (optional). */
  densityExpectationAsync?(buf: StateBuffer, terms: readonly PauliTerm[]): Promise<Float64Array>;
  /** tr(rho) per batch element (optional). */
  densityTraceAsync?(buf: StateBuffer): Promise<Float64Array>;
  /** The real diagonals, batch-major (optional): probabilities without reading 4^n entries. */
  densityDiagonalAsync?(buf: StateBuffer): Promise<Float64Array>;
}

const METHODS = [
  "toArrayAsync",
  "probabilitiesAsync",
  "expectationPauliSumAsync",
  "normSquaredAsync",
  "innerProductAsync",
  "innerProductDeferred",
  "resolveDeferred",
] as const;

/**
 * `backend` as an `AsyncReadBackend` when it reads asynchronously (webgpu), else undefined
 * (cpu: its sync readers answer at once).
 * @example
 * const gpu = asyncReader(state.backend);
 * const amps = gpu ? await gpu.toArrayAsync(state.buffer) : state.backend.toArray(state.buffer);
 */
export function asyncReader(backend: Backend): AsyncReadBackend | undefined {
  const b = backend as unknown as Record<string, unknown>;
  return METHODS.every((m) => typeof b[m] === "function")
    ? (backend as AsyncReadBackend)
    : undefined;
}

/** A read the two-phase sweeps take: values handed to `use` once they are known. */
export type UseValues = (values: Float64Array) => void;

/**
 * The reads of a two-phase sweep on an asynchronous backend: each is recorded now as a deferred
 * GPU result with its callback; `deliver()` reads them all back in one copy and runs the
 * callbacks in the order recorded. The adjoint, the density-matrix sweep and parameter shift
 * share it.
 * @example
 * const reads = deferredSweepReads(gpu, batch);
 * reads.innerProduct(lam, psi, (ip) => accumulate(ip));
 * await reads.deliver();
 */
export function deferredSweepReads(
  gpu: AsyncReadBackend,
  batch: number,
): {
  innerProduct(a: StateBuffer, b: StateBuffer, use: UseValues): void;
  /** A deferred result recorded elsewhere: `size` floats from offset `at`. */
  add(at: number, size: number, use: UseValues): void;
  deliver(): Promise<void>;
} {
  const pending: { at: number; size: number; use: UseValues }[] = [];
  const add = (at: number, size: number, use: UseValues): void => {
    pending.push({ at, size, use });
  };
  return {
    innerProduct: (a, b, use) => add(gpu.innerProductDeferred(a, b), 2 * batch, use),
    add,
    deliver: async () => {
      const values = await gpu.resolveDeferred();
      for (const { at, size, use } of pending.splice(0)) use(values.subarray(at, at + size));
    },
  };
}
