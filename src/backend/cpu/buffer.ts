/**
 * CPU state buffers: one Float64Array holding `batch` interleaved complex state vectors, plus the
 * allocation bookkeeping (`stats()`) and the memory guard that refuses a state before allocating it.
 *
 * The bookkeeping counts buffers that are dropped without `free` as gone once the engine has
 * collected them, without any per-buffer record that outlives the buffer (see `Cohort`).
 */
import { ArgumentError, describe, ResourceError } from "../../errors.js";
import type { AllocationStats, StateBuffer } from "../backend.js";
import { type BoundKernels, releaseBlock } from "./wasm.js";

/** Largest qubit count per state: float offsets within one state (2^(n+1)) stay int32. */
export const MAX_QUBITS = 29;

/** Largest Float64Array length this runtime allows (V8's typed-array limit on 64-bit Node 20). */
export const MAX_FLOATS = 2 ** 32;

/**
 * A CPU state buffer. `data` is public for qoar-internal fast paths: interleaved (re, im),
 * batch-major, `2 * batch * 2^nQubits` floats.
 * @example
 * const buf = new CpuBackend().zeros(2) as CpuStateBuffer;
 * buf.data[0]; // 1 (the real part of <00|psi>)
 */
export class CpuStateBuffer implements StateBuffer {
  /** Always `"cpu"`. */
  readonly backend = "cpu";
  /** Amplitudes per batch element (2^nQubits). */
  readonly dim: number;
  private _data: Float64Array;
  private _freed = false;
  private _wasm: BoundKernels | undefined;
  /** The cohort that counts this buffer until `release` (none without a counter). */
  private cohort: Cohort | undefined;

  /**
   * @param nQubits qubits of each state
   * @param batch states in the buffer
   * @param data the amplitudes, interleaved, batch-major (kept, not copied)
   * @param counter allocation statistics to report to
   * @param wasm SIMD kernels bound to `data` when it lives in WebAssembly memory
   */
  constructor(
    readonly nQubits: number,
    readonly batch: number,
    data: Float64Array,
    private readonly counter?: AllocationCounter,
    wasm?: BoundKernels,
  ) {
    this.dim = 1 << nQubits;
    this._data = data;
    this._wasm = wasm;
    this.cohort = counter?.track(data.byteLength);
  }

  /** SIMD kernels bound to `data` when it lives in WebAssembly memory (see wasm.ts). */
  get wasm(): BoundKernels | undefined {
    return this._wasm;
  }

  /** The amplitudes; throws after `free`. */
  get data(): Float64Array {
    if (this._freed) throw new ArgumentError("cpu backend: state buffer used after free()");
    return this._data;
  }

  /** Whether `free()` has released it. */
  get freed(): boolean {
    return this._freed;
  }

  /** @internal drops the data and updates the counters of the backend that allocated it. */
  release(): void {
    const bytes = this._data.byteLength;
    this._freed = true;
    this._data = new Float64Array(0);
    // the memory is kept for the next state of this size, or goes when it is collected
    if (this._wasm !== undefined) releaseBlock(this._wasm.arena);
    this._wasm = undefined;
    if (this.cohort !== undefined) this.counter?.untrack(this.cohort, bytes);
    // a freed buffer that is still referenced no longer keeps its cohort alive
    this.cohort = undefined;
  }
}

/** Physical memory, read once (a system call per allocation showed up in small-state profiles). */
let totalBytes: number | undefined;

/**
 * node:os, loaded lazily so browser bundles carry no Node import; undefined outside Node (then
 * only the index and typed-array limits are checked).
 */
const os = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.("node:os") as { freemem(): number; totalmem(): number } | undefined;

/** Bytes of one amplitude on the cpu backend: a complex128, two float64. */
export const CPU_BYTES_PER_AMPLITUDE = 16;

/**
 * Throws a `ResourceError` if `batch` states of `nQubits` qubits cannot be allocated, before
 * anything is: the message says n, the bytes needed (2^n amplitudes x 16 bytes x batch) and the
 * limit. Limits, in order: the kernels' 32-bit indices (`MAX_QUBITS` per state), the largest
 * Float64Array (`MAX_FLOATS`), `memoryLimit` (the backend's budget, bytes), 90% of the
 * machine's memory, the memory free now.
 * @example
 * checkFits(20, 1); // fine
 * checkFits(40, 1); // throws ResourceError: cpu backend: a state of 40 qubits needs 16.00 TiB ...
 */
export function checkFits(
  nQubits: number,
  batch: number,
  memoryLimit: number = Number.POSITIVE_INFINITY,
): void {
  if (!Number.isInteger(nQubits) || nQubits < 0) {
    throw new ArgumentError(`nQubits must be a non-negative integer, got ${nQubits}`);
  }
  if (!Number.isInteger(batch) || batch < 1) {
    throw new ArgumentError(`batch must be a positive integer, got ${batch}`);
  }
  const bytes = CPU_BYTES_PER_AMPLITUDE * batch * 2 ** nQubits;
  const refuse = (limit: string): never => {
    throw new ResourceError(
      `cpu backend: ${stateSizeText(nQubits, batch, CPU_BYTES_PER_AMPLITUDE)}, more than ${limit}`,
    );
  };
  if (nQubits > MAX_QUBITS) {
    const largest = formatBytes(CPU_BYTES_PER_AMPLITUDE * 2 ** MAX_QUBITS);
    refuse(
      `its largest state, ${MAX_QUBITS} qubits (${largest}; its kernels index with 32-bit integers)`,
    );
  }
  if (2 * batch * 2 ** nQubits > MAX_FLOATS) {
    refuse(`the largest Float64Array (${formatBytes(8 * MAX_FLOATS)}, ${MAX_FLOATS} floats)`);
  }
  if (bytes > memoryLimit) {
    refuse(
      `its memory limit of ${formatBytes(memoryLimit)} (CpuBackend's memoryLimit option, QOAR_MEMORY_LIMIT)`,
    );
  }
  totalBytes ??= os?.totalmem() ?? Number.POSITIVE_INFINITY;
  const total = totalBytes;
  if (bytes > 0.9 * total) {
    refuse(`90% of this machine's memory (${formatBytes(0.9 * total)} of ${formatBytes(total)})`);
  }
  // Small requests skip the free-memory check: it is a system call and page cache makes it noisy.
  if (bytes > 64 * 2 ** 20 && os !== undefined) {
    const free = os.freemem();
    if (bytes > free) refuse(`the memory free now (${formatBytes(free)})`);
  }
}

/**
 * "a state of n qubits needs X (2^n amplitudes x b bytes)", or "k states ... need" for a batch:
 * the first half of every backend's refusal.
 * @example
 * stateSizeText(30, 1, 16); // "a state of 30 qubits needs 16.00 GiB (2^30 amplitudes x 16 bytes)"
 */
export function stateSizeText(nQubits: number, batch: number, bytesPerAmplitude: number): string {
  const bytes = bytesPerAmplitude * batch * 2 ** nQubits;
  const size =
    Number.isFinite(bytes) && bytes < 2 ** 60
      ? formatBytes(bytes)
      : `2^${Math.round(Math.log2(bytesPerAmplitude * batch) + nQubits)} bytes`;
  const per = `2^${nQubits} amplitudes x ${bytesPerAmplitude} bytes`;
  return batch === 1
    ? `a state of ${nQubits} qubits needs ${size} (${per})`
    : `${batch} states of ${nQubits} qubits need ${size} (${batch} x ${per})`;
}

/**
 * Bytes for people: "512 bytes", "4.00 KiB", "1.50 MiB", "16.00 GiB", "2.00 TiB".
 * @example
 * formatBytes(2 ** 34); // "16.00 GiB"
 */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 40) return `${(bytes / 2 ** 40).toFixed(2)} TiB`;
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(2)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(2)} KiB`;
  return `${Math.round(bytes)} bytes`;
}

/**
 * A byte count from text: a number of bytes, or one with a unit (K, M, G, T; KB/KiB alike, all
 * powers of 1024): "1073741824", "512MiB", "8 GiB", "1.5G".
 * @example
 * parseBytes("8GiB", "QOAR_MEMORY_LIMIT"); // 8589934592
 */
export function parseBytes(text: string, name: string): number {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
  const bytes = m
    ? Number(m[1]) * 1024 ** "_kmgt".indexOf((m[2] || "_").toLowerCase())
    : Number.NaN;
  if (!(bytes >= 1) || !Number.isFinite(bytes)) {
    throw new ArgumentError(
      `${name} must be a byte count such as 1073741824, "512MiB" or "8GiB", got ${describe(text)}`,
    );
  }
  return Math.floor(bytes);
}

/**
 * The cpu backend's default memory limit: `QOAR_MEMORY_LIMIT` (bytes, or with a unit: "8GiB")
 * when set, else none (then 90% of the machine's memory bounds a state).
 * @example
 * memoryLimitFromEnv(); // Infinity unless QOAR_MEMORY_LIMIT is set
 */
export function memoryLimitFromEnv(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.QOAR_MEMORY_LIMIT;
  if (env === undefined || env === "") return Number.POSITIVE_INFINITY;
  return parseBytes(env, "QOAR_MEMORY_LIMIT");
}

/** A cohort's buffers not freed explicitly: what its collection takes off the live count. */
interface Unfreed {
  readonly counter: AllocationCounter;
  buffers: number;
  bytes: number;
}

/** Most not-yet-freed buffers in one cohort. */
export const COHORT_BUFFERS = 128;
/** Most not-yet-freed bytes in one cohort (a larger buffer gets a cohort of its own). */
export const COHORT_BYTES = 2 ** 20;

/**
 * Buffers that are never freed but garbage-collected leave the live count too, so `live` means
 * "not freed and still reachable" (a State that forgets `free` does not inflate it forever).
 *
 * A FinalizationRegistry cell per buffer would do that, but the engine keeps a collected
 * target's cell and holdings (about 112 bytes) until the registry's cleanup task runs, and that
 * task runs only when the event loop turns: a synchronous 10,000-step training loop that drops
 * one state per step grew the heap by 1.3 MB. So consecutive buffers share one registered token,
 * a cohort: each buffer holds its cohort, the registry holds the cohort weakly, and the cohort
 * dies (one cell to clean) only after all of its buffers have died or been freed. A cohort takes
 * buffers until it counts `COHORT_BUFFERS` not-yet-freed ones or `COHORT_BYTES` not-yet-freed
 * bytes, or until the current job ends (the event loop turns); explicit frees count at once and
 * leave room. The price: a buffer dropped without `free` leaves the count when the last buffer
 * of its cohort has gone, so one long-lived buffer can keep up to 127 dropped ones (at most
 * 1 MiB) counted.
 */
export class Cohort {
  constructor(readonly unfreed: Unfreed) {}
}

const collected = new FinalizationRegistry<Unfreed>((u) => u.counter.onCollected(u));

/**
 * Allocation counters of one backend instance.
 * @example
 * const c = new AllocationCounter();
 * c.onAlloc(64);
 * c.snapshot(); // { allocated: 1, live: 1, peakLive: 1, liveBytes: 64 }
 */
export class AllocationCounter {
  private allocated = 0;
  private live = 0;
  private peakLive = 0;
  private liveBytes = 0;
  /** The cohort new buffers join; closed when full or when the current job ends. */
  private open: Cohort | undefined;
  /** Whether a microtask that closes `open` at the end of the current job is queued. */
  private closing = false;

  onAlloc(bytes: number): void {
    this.allocated++;
    this.live++;
    this.liveBytes += bytes;
    if (this.live > this.peakLive) this.peakLive = this.live;
  }

  onFree(bytes: number): void {
    this.live--;
    this.liveBytes -= bytes;
  }

  /** A cohort was collected: its buffers that were never freed are gone. */
  onCollected(unfreed: Unfreed): void {
    this.live -= unfreed.buffers;
    this.liveBytes -= unfreed.bytes;
  }

  /**
   * Counts a buffer of `bytes` bytes as allocated and alive until `untrack` or until the
   * returned cohort, which the buffer must hold, is garbage-collected.
   */
  track(bytes: number): Cohort {
    this.onAlloc(bytes);
    let cohort = this.open;
    const u = cohort?.unfreed;
    if (
      cohort === undefined ||
      u!.buffers >= COHORT_BUFFERS ||
      (u!.buffers > 0 && u!.bytes + bytes > COHORT_BYTES)
    ) {
      cohort = new Cohort({ counter: this, buffers: 0, bytes: 0 });
      collected.register(cohort, cohort.unfreed);
      this.open = cohort;
      if (!this.closing) {
        // one microtask per job that allocates: buffers dropped in an event-loop task can leave
        // the count once it is over, not only after more buffers have filled the cohort
        this.closing = true;
        queueMicrotask(() => {
          this.open = undefined;
          this.closing = false;
        });
      }
    }
    cohort.unfreed.buffers++;
    cohort.unfreed.bytes += bytes;
    return cohort;
  }

  /** Counts a buffer of `cohort` as freed (its collection no longer counts it). */
  untrack(cohort: Cohort, bytes: number): void {
    cohort.unfreed.buffers--;
    cohort.unfreed.bytes -= bytes;
    this.onFree(bytes);
  }

  snapshot(): AllocationStats {
    return {
      allocated: this.allocated,
      live: this.live,
      peakLive: this.peakLive,
      liveBytes: this.liveBytes,
    };
  }

  /** Restarts `allocated` and `peakLive` from the buffers alive now. */
  reset(): void {
    this.allocated = 0;
    this.peakLive = this.live;
  }
}
