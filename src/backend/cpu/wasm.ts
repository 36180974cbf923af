/**
 * WebAssembly SIMD kernels for the hottest loops: dense 1-qubit (real and complex), diagonal
 * 1-qubit, dense 2-qubit and swapping runs (X, CNOT, SWAP, Toffoli on neighbouring bits). One
 * f64x2 vector holds one complex amplitude and there are no bounds checks, so these measured ~2x
 * faster than the JavaScript loops at n = 20 (RY 0.59 vs 1.27 ms, a dense 4x4 1.6 vs 3.2 ms).
 * Two reductions serve the adjoint sweep: the 1-qubit overlap matrix of two states, and the
 * fused adjoint step (that overlap, then a 2x2 matrix on both states, in one pass). `floorPass`
 * is the benchmarks' yardstick: one in-place pass over a buffer.
 *
 * The kernels' source is kernels/kernels.wat (WebAssembly text, commented); scripts/
 * build-kernels.ts assembles it with wabt into kernels/module.ts, which this file compiles. A
 * state (or the adjoint's pair of states) lives in a `WasmArena`: its own WebAssembly.Memory,
 * shared where SharedArrayBuffer works so worker threads (pool.ts) instantiate the same module
 * over it, plain elsewhere (browsers without cross-origin isolation), with the main thread's
 * instance. Kernel offsets are byte offsets into the memory; `BoundKernels` adds a buffer's base
 * and splits large ranges across threads.
 */

import { KERNELS_PLAIN_HEX, KERNELS_SHARED_HEX } from "./kernels/module.js";
import { type KernelName, ThreadPool } from "./pool.js";

/**
 * The kernels of one instance. Offsets are in bytes; each walks blocks from `start` to `stop`:
 * the pair kernels treat [blk, blk + half) and [blk + half, blk + 2 half) as the two halves of a
 * 1-qubit pair block; `swapRuns` swaps [blk, blk + run) with [blk + delta, ...) every `period`.
 */
export interface WasmKernels {
  /** Real 2x2 [[a, b], [c, d]]. `run` (default `half`): bytes of each block's first half to visit. */
  real1(
    start: number,
    stop: number,
    half: number,
    a: number,
    b: number,
    c: number,
    d: number,
    run?: number,
  ): void;
  /** Complex 2x2, entries interleaved row-major (u00r, u00i, u01r, ...). */
  cplx1(
    start: number,
    stop: number,
    half: number,
    u00r: number,
    u00i: number,
    u01r: number,
    u01i: number,
    u10r: number,
    u10i: number,
    u11r: number,
    u11i: number,
    run?: number,
  ): void;
  /** diag(d0, d1). */
  diag1(
    start: number,
    stop: number,
    half: number,
    d0r: number,
    d0i: number,
    d1r: number,
    d1i: number,
    run?: number,
  ): void;
  swapRuns(start: number, stop: number, period: number, run: number, delta: number): void;
  /** One adjoint step on one qubit (see kernels.wat): overlap of lambda and psi, then V on both. */
  adjoint1(
    start: number,
    stop: number,
    half: number,
    run: number,
    delta: number,
    out: number,
    ...matrix: number[]
  ): void;
  /** One-qubit overlap partial sums (see kernels.wat); `out` is a byte offset for 16 floats. */
  overlap1(
    start: number,
    stop: number,
    half: number,
    run: number,
    delta: number,
    out: number,
  ): void;
  /** Dense k-qubit matrix (see kernels.wat), its tables laid out in the scratch area. */
  densek(
    base: number,
    o0: number,
    oEnd: number,
    k: number,
    tab: number,
    mat: number,
    gat: number,
  ): void;
  /** The memory floor: negates every float of [start, stop) in place (a multiple of 16 bytes). */
  floorPass(start: number, stop: number): void;
  /** Dense 4x4 (see kernels.wat): the 32 floats of the matrix follow the six integer arguments. */
  dense2(
    start: number,
    stop: number,
    hiHalf: number,
    loHalf: number,
    o1: number,
    o2: number,
    ...matrix: number[]
  ): void;
}

/** The slice of the WebAssembly API used here (the project's TypeScript lib has no DOM types). */
interface WasmMemory {
  buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
const compiled: { plain?: object | null; shared?: object | null } = {};

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * The compiled module (memory imported plain or shared), or null where SIMD is unavailable.
 * @example
 * wasmModule(true); // the module worker threads instantiate over the shared arena
 */
export function wasmModule(shared: boolean): object | null {
  const key = shared ? "shared" : "plain";
  if (compiled[key] === undefined) {
    try {
      const hex = shared ? KERNELS_SHARED_HEX : KERNELS_PLAIN_HEX;
      compiled[key] = api === undefined ? null : new api.Module(hexBytes(hex));
    } catch {
      compiled[key] = null; // no WebAssembly SIMD (or threads) here: the JavaScript kernels run
    }
  }
  return compiled[key]!;
}

/**
 * Whether the SIMD kernels can run here (the module compiles once, on first use).
 * @example
 * wasmAvailable(); // true on Node 20
 */
export function wasmAvailable(): boolean {
  return wasmModule(false) !== null;
}

/**
 * Bytes at the start of an arena kept for the kernels' own use: reduction results (16 floats
 * per thread, 4 KiB), then the dense k-qubit kernel's matrix (a 5-qubit one as splatted vectors,
 * 32 KiB), its index table and one gather area per thread (1 KiB each).
 */
export const SCRATCH_BYTES = 69888;
const DENSEK_MAT = 4096;
const DENSEK_TAB = DENSEK_MAT + 32768;
const DENSEK_GATHER = DENSEK_TAB + 256;
/** Largest k the dense k-qubit kernel takes (its matrix must fit the scratch area). */
export const DENSEK_MAX_QUBITS = 5;
const PAGE = 65536;

let nextArenaId = 1;

/**
 * One WebAssembly.Memory holding one state buffer, or two (the adjoint sweep's pair, so one
 * kernel reads both), with the main thread's kernel instance over it. The memory is shared
 * where SharedArrayBuffer works (Node, cross-origin-isolated pages), so worker threads
 * instantiate the same module over it (pool.ts), else plain. Each buffer owning its memory means
 * the engine frees a forgotten state when it collects it, also inside a long synchronous loop
 * (a process-wide arena could only take blocks back in FinalizationRegistry callbacks, which
 * run only when the loop yields: a training loop that dropped its outputs grew it by a state per
 * step).
 * @example
 * const arena = new WasmArena(wasmModule(true)!, true, 16 << 12); // room for a 12-qubit state
 * const psi = arena.view(SCRATCH_BYTES, 2 << 12);
 */
export class WasmArena {
  readonly memory: WasmMemory;
  readonly kernels: WasmKernels;
  /** Identifies the memory to worker threads (they cache an instance per memory). */
  readonly id = nextArenaId++;
  /** Buffers in this memory not yet freed explicitly (see `releaseBlock`). */
  live = 0;
  /** How many buffers of how many bytes the memory was made for. */
  blocks = 1;
  blockBytes = 0;
  /** See `ballast`. */
  readonly ballast: unknown;

  /**
   * @param shared a SharedArrayBuffer-backed memory (worker threads can use it)
   * @param bytes room for the buffers after the scratch area
   */
  constructor(
    module: object,
    readonly shared: boolean,
    bytes: number,
  ) {
    const pages = Math.ceil((SCRATCH_BYTES + bytes) / PAGE);
    this.memory = shared
      ? new api!.Memory({ initial: pages, maximum: pages, shared: true })
      : new api!.Memory({ initial: pages, maximum: pages });
    if (shared) this.ballast = ballast(pages);
    this.kernels = new api!.Instance(module, { env: { mem: this.memory } }).exports as WasmKernels;
  }

  /** A Float64Array view of `floats` floats at byte `offset`. */
  view(offset: number, floats: number): Float64Array {
    return new Float64Array(this.memory.buffer, offset, floats);
  }

  /** The 16 floats a reduction kernel wrote at scratch slot `slot`. */
  scratch(slot: number): Float64Array {
    return new Float64Array(this.memory.buffer, 128 * slot, 16);
  }
}

/**
 * An untouched plain WebAssembly.Memory as large as a shared one, held by its arena. V8 does not
 * count shared memories towards the external memory that triggers garbage collection, so states
 * dropped without `free` inside a long synchronous loop piled up (measured: 2 GB after 500
 * dropped 4 MiB states, flat with the ballast). A plain memory counts and, never written, takes
 * address space but no physical pages.
 */
function ballast(pages: number): unknown {
  try {
    return new api!.Memory({ initial: pages, maximum: pages });
  } catch {
    return undefined;
  }
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}

/**
 * `count` blocks of `bytes` bytes in one new WebAssembly memory (shared where possible), each
 * with its bound kernels; undefined without SIMD or memory (callers use a Float64Array).
 * @example
 * const [k] = wasmBlocks(16 << 12, 1)!; // a 12-qubit state
 */
export function wasmBlocks(
  bytes: number,
  count: number,
  threads = 1,
  pool?: (module: object) => ThreadPool | undefined,
): BoundKernels[] | undefined {
  const reused = takeCached(bytes, count);
  const candidates = reused === undefined ? [true, false] : [reused.shared];
  for (const shared of candidates) {
    const module = wasmModule(shared);
    if (module === null) continue;
    let arena = reused;
    if (arena === undefined) {
      try {
        arena = new WasmArena(module, shared, count * roundUp(bytes));
      } catch {
        continue; // no shared memory here (or no memory at all): try the next kind
      }
    }
    arena.live = count;
    arena.blocks = count;
    arena.blockBytes = bytes;
    const p = shared && threads > 1 ? pool?.(module) : undefined;
    const out: BoundKernels[] = [];
    for (let i = 0; i < count; i++) {
      const base = SCRATCH_BYTES + i * roundUp(bytes);
      out.push(new BoundKernels(arena, base, p, threads));
    }
    return out;
  }
  return undefined;
}

/**
 * Memories of explicitly freed buffers, by size, for the next allocation of that size: a fresh
 * memory costs page faults on first touch and, with threads, a new instance in every worker
 * (measured: layered-10 at n = 20 on two threads, 250 ms with a new state per run, 190 ms
 * reusing one). Forgotten buffers are not cached; the engine frees their memories.
 */
const cached = new Map<string, WasmArena[]>();
let cachedBytes = 0;
/** Most bytes kept in the cache. */
const CACHE_BYTES = 2 ** 29;

function cacheKey(bytes: number, count: number): string {
  return `${roundUp(bytes)}x${count}`;
}

function takeCached(bytes: number, count: number): WasmArena | undefined {
  const list = cached.get(cacheKey(bytes, count));
  const arena = list?.pop();
  if (arena === undefined) return undefined;
  cachedBytes -= arena.memory.buffer.byteLength;
  new Uint8Array(arena.memory.buffer).fill(0);
  return arena;
}

/**
 * Called when a buffer in `arena` is freed explicitly; once all its buffers are, the memory is
 * kept for reuse (up to 512 MiB in all).
 * @example
 * releaseBlock(buf.wasm.arena);
 */
export function releaseBlock(arena: WasmArena): void {
  arena.live--;
  if (arena.live > 0) return;
  const bytes = arena.blockBytes;
  const count = arena.blocks;
  const size = arena.memory.buffer.byteLength;
  if (cachedBytes + size > CACHE_BYTES) return;
  const key = cacheKey(bytes, count);
  let list = cached.get(key);
  if (list === undefined) {
    list = [];
    cached.set(key, list);
  }
  list.push(arena);
  cachedBytes += size;
}

/**
 * Smallest range (bytes) split across threads: 2^17 amplitudes (2 MiB). Below it a hand-off (some
 * microseconds with a spinning worker, ~0.1 ms when the other core is busy) costs more than
 * half of the sweep (an H gate takes ~0.03 ms at n = 16, ~0.2 ms at n = 18).
 */
export const THREAD_MIN_BYTES = 16 << 17;

/**
 * The kernels of one buffer: the arena's kernels with the buffer's byte offset added to the
 * range arguments, so the call sites work with offsets relative to the buffer. With a thread
 * pool, ranges of at least `THREAD_MIN_BYTES` are split: whole blocks per thread when there are
 * enough blocks, else every block's run is cut into pieces (the `run` arguments).
 * @example
 * const k = wasmBlock(16 << 20, 2)!; // a 20-qubit state, 2 threads
 * k.real1(0, 16 << 20, 16 << 10, 0.6, -0.8, 0.8, 0.6); // RY-like on bit 10
 */
export class BoundKernels implements WasmKernels {
  constructor(
    readonly arena: WasmArena,
    readonly base: number,
    readonly pool?: ThreadPool,
    threads?: number,
  ) {
    this.threads = pool === undefined ? 1 : Math.min(threads ?? pool.size + 1, pool.size + 1);
  }

  /** Threads a split call uses (the calling thread included). */
  readonly threads: number;

  /**
   * Runs many calls of one kernel (per-batch matrices: one call per batch element), each call's
   * first two arguments a (start, stop) range relative to the buffer; `bytes` is the whole span.
   * With a pool and at least `THREAD_MIN_BYTES`, consecutive calls go to each thread.
   */
  calls(op: KernelName, calls: number[][], bytes: number): void {
    for (const c of calls) {
      c[0] += this.base;
      c[1] += this.base;
    }
    const fn = this.arena.kernels[op] as (...a: number[]) => void;
    const pool = this.pool;
    if (pool === undefined || bytes < THREAD_MIN_BYTES || calls.length < 2) {
      for (const c of calls) fn(...c);
      return;
    }
    const per = calls[0]!.length;
    const threads = Math.min(this.threads, calls.length);
    const round = threads * ThreadPool.callsPerCommand(per);
    for (let r0 = 0; r0 < calls.length; r0 += round) {
      const chunk = calls.slice(r0, r0 + round);
      const jobs: number[][] = [];
      for (let t = 0; t < threads; t++) {
        const a = Math.floor((chunk.length * t) / threads);
        const b = Math.floor((chunk.length * (t + 1)) / threads);
        if (b > a) jobs.push(chunk.slice(a, b).flat());
      }
      pool.run(this.arena, op, jobs, per);
    }
  }

  /** Per-thread (start, stop, run) of a pair kernel's range, or undefined to run it here. */
  private split(start: number, stop: number, period: number, run: number): number[][] | undefined {
    const pool = this.pool;
    if (pool === undefined || stop - start < THREAD_MIN_BYTES) return undefined;
    const threads = this.threads;
    const blocks = Math.ceil((stop - start) / period);
    const out: number[][] = [];
    if (blocks >= threads) {
      for (let t = 0; t < threads; t++) {
        const b0 = Math.floor((blocks * t) / threads);
        const b1 = Math.floor((blocks * (t + 1)) / threads);
        if (b1 > b0) out.push([start + b0 * period, Math.min(stop, start + b1 * period), run]);
      }
    } else {
      const units = run / 16;
      for (let t = 0; t < threads; t++) {
        const a0 = 16 * Math.floor((units * t) / threads);
        const a1 = 16 * Math.floor((units * (t + 1)) / threads);
        if (a1 > a0) out.push([start + a0, stop, a1 - a0]);
      }
    }
    return out;
  }

  real1(
    start: number,
    stop: number,
    half: number,
    a: number,
    b: number,
    c: number,
    d: number,
    run = half,
  ): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const parts = this.split(s0, s1, 2 * half, run);
    if (parts === undefined) this.arena.kernels.real1(s0, s1, half, a, b, c, d, run);
    else
      this.pool!.run(
        this.arena,
        "real1",
        parts.map(([x, y, r]) => [x!, y!, half, a, b, c, d, r!]),
      );
  }

  cplx1(
    start: number,
    stop: number,
    half: number,
    u00r: number,
    u00i: number,
    u01r: number,
    u01i: number,
    u10r: number,
    u10i: number,
    u11r: number,
    u11i: number,
    run = half,
  ): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const m = [u00r, u00i, u01r, u01i, u10r, u10i, u11r, u11i] as const;
    const parts = this.split(s0, s1, 2 * half, run);
    if (parts === undefined) this.arena.kernels.cplx1(s0, s1, half, ...m, run);
    else
      this.pool!.run(
        this.arena,
        "cplx1",
        parts.map(([x, y, r]) => [x!, y!, half, ...m, r!]),
      );
  }

  diag1(
    start: number,
    stop: number,
    half: number,
    d0r: number,
    d0i: number,
    d1r: number,
    d1i: number,
    run = half,
  ): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const parts = this.split(s0, s1, 2 * half, run);
    if (parts === undefined) this.arena.kernels.diag1(s0, s1, half, d0r, d0i, d1r, d1i, run);
    else
      this.pool!.run(
        this.arena,
        "diag1",
        parts.map(([x, y, r]) => [x!, y!, half, d0r, d0i, d1r, d1i, r!]),
      );
  }

  swapRuns(start: number, stop: number, period: number, run: number, delta: number): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const parts = this.split(s0, s1, period, run);
    if (parts === undefined) this.arena.kernels.swapRuns(s0, s1, period, run, delta);
    else
      this.pool!.run(
        this.arena,
        "swapRuns",
        parts.map(([x, y, r]) => [x!, y!, period, r!, delta]),
      );
  }

  /** Results land in scratch slot `out / 128` (slot 0 when split: the threads' slots are summed). */
  overlap1(
    start: number,
    stop: number,
    half: number,
    run: number,
    delta: number,
    out: number,
  ): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const parts = this.split(s0, s1, 2 * half, run);
    if (parts === undefined) {
      this.arena.kernels.overlap1(s0, s1, half, run, delta, out);
      return;
    }
    this.pool!.run(
      this.arena,
      "overlap1",
      parts.map(([x, y, r], t) => [x!, y!, half, r!, delta, 128 * t]),
    );
    const sum = this.arena.scratch(0);
    for (let t = 1; t < parts.length; t++) {
      const part = this.arena.scratch(t);
      for (let i = 0; i < 16; i++) sum[i] += part[i]!;
    }
  }

  /** Results land in scratch slot 0 (the threads' slots summed), as for `overlap1`. */
  adjoint1(
    start: number,
    stop: number,
    half: number,
    run: number,
    delta: number,
    out: number,
    ...matrix: number[]
  ): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const parts = this.split(s0, s1, 2 * half, run);
    if (parts === undefined) {
      this.arena.kernels.adjoint1(s0, s1, half, run, delta, out, ...matrix);
      return;
    }
    this.pool!.run(
      this.arena,
      "adjoint1",
      parts.map(([x, y, r], t) => [x!, y!, half, r!, delta, 128 * t, ...matrix]),
    );
    const sum = this.arena.scratch(0);
    for (let t = 1; t < parts.length; t++) {
      const part = this.arena.scratch(t);
      for (let i = 0; i < 16; i++) sum[i] += part[i]!;
    }
  }

  /** The raw kernel on this thread, `base` relative to the buffer (see `denseK`). */
  densek(
    base: number,
    o0: number,
    oEnd: number,
    k: number,
    tab: number,
    mat: number,
    gat: number,
  ): void {
    this.arena.kernels.densek(this.base + base, o0, oEnd, k, tab, mat, gat);
  }

  /**
   * Dense k-qubit `matrix` (interleaved complex 2^k x 2^k, k <= DENSEK_MAX_QUBITS) on the state
   * starting `start` bytes into the buffer: `bits` are the target bit positions ascending and
   * `offsets` the amplitude offsets of the matrix indices (common.ts's targetOffsets), `groups`
   * the number of 2^k-amplitude groups. Large states split the groups across threads.
   */
  denseK(
    start: number,
    bits: Int32Array,
    offsets: Int32Array,
    matrix: Float64Array,
    groups: number,
  ): void {
    const k = bits.length;
    const d = 1 << k;
    const buffer = this.arena.memory.buffer;
    const tab = new Int32Array(buffer, DENSEK_TAB, k + d);
    tab.set(bits);
    for (let j = 0; j < d; j++) tab[k + j] = 16 * offsets[j]!;
    // each entry as splat(re) and (-im, im): the kernel's complex product (kernels.wat)
    const m = new Float64Array(buffer, DENSEK_MAT, 4 * d * d);
    for (let e = 0; e < d * d; e++) {
      const re = matrix[2 * e]!;
      const im = matrix[2 * e + 1]!;
      m[4 * e] = re;
      m[4 * e + 1] = re;
      m[4 * e + 2] = -im;
      m[4 * e + 3] = im;
    }
    const base = this.base + start;
    const pool = this.pool;
    if (pool === undefined || groups * d * 16 < THREAD_MIN_BYTES) {
      this.arena.kernels.densek(base, 0, groups, k, DENSEK_TAB, DENSEK_MAT, DENSEK_GATHER);
      return;
    }
    const jobs: number[][] = [];
    for (let t = 0; t < this.threads; t++) {
      const g0 = Math.floor((groups * t) / this.threads);
      const g1 = Math.floor((groups * (t + 1)) / this.threads);
      const gat = DENSEK_GATHER + 1024 * t;
      if (g1 > g0) jobs.push([base, g0, g1, k, DENSEK_TAB, DENSEK_MAT, gat]);
    }
    pool.run(this.arena, "densek", jobs);
  }

  /** The memory floor over [start, stop), split across threads like a gate. */
  floorPass(start: number, stop: number): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const parts = this.split(s0, s1, 64, 64);
    if (parts === undefined) this.arena.kernels.floorPass(s0, s1);
    else
      this.pool!.run(
        this.arena,
        "floorPass",
        parts.map(([x, y]) => [x!, y!]),
      );
  }

  dense2(
    start: number,
    stop: number,
    hiHalf: number,
    loHalf: number,
    o1: number,
    o2: number,
    ...matrix: number[]
  ): void {
    const s0 = this.base + start;
    const s1 = this.base + stop;
    const pool = this.pool;
    const period = 2 * hiHalf;
    const blocks = (s1 - s0) / period;
    if (pool === undefined || s1 - s0 < THREAD_MIN_BYTES || blocks < this.threads) {
      this.arena.kernels.dense2(s0, s1, hiHalf, loHalf, o1, o2, ...matrix);
      return;
    }
    const parts = this.split(s0, s1, period, hiHalf)!;
    this.pool!.run(
      this.arena,
      "dense2",
      parts.map(([x, y]) => [x!, y!, hiHalf, loHalf, o1, o2, ...matrix]),
    );
  }
}
