/**
 * Worker threads for the SIMD kernels: a persistent pool of `worker_threads` that instantiate
 * the kernel module over a state's shared WebAssembly memory (wasm.ts), so a kernel call is split
 * into byte ranges of the same state buffer and nothing is copied. The Backend interface is
 * synchronous, so the calling thread takes one share itself and then blocks in `Atomics.wait`
 * until the workers are done (allowed on Node's main thread).
 *
 * Commands go through a SharedArrayBuffer, not messages: per worker a sequence word, a done
 * word, the kernel index and up to 48 float arguments. A worker spins briefly on its sequence
 * word, then sleeps in `Atomics.wait`; a round trip costs some microseconds, not the ~50 us of
 * `postMessage`.
 *
 * `node:worker_threads` is loaded lazily through `process.getBuiltinModule` (Node >= 20.16), so
 * bundles for browsers carry no Node import; where it is missing (browsers, Deno, older Node),
 * everything runs on the calling thread. The worker's code is a string evaluated by the Worker
 * (`eval: true`), so it works the same from the TypeScript sources and the compiled dist.
 */
import { BackendError } from "../../errors.js";
import type { WasmArena } from "./wasm.js";

/** Kernel indices shared with the worker code. */
export const KERNEL_NAMES = [
  "real1",
  "cplx1",
  "diag1",
  "swapRuns",
  "dense2",
  "overlap1",
  "adjoint1",
  "floorPass",
  "densek",
] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];

/** Most threads per call (the arena's scratch area holds 32 result slots). */
export const MAX_THREADS = 32;

/** Float arguments per command (several calls of one kernel may share a command). */
const MAX_ARGS = 4096;
/** Int32 words per worker in the control block (one cache line apart: 64 bytes = 16 words). */
const CTL_STRIDE = 16;

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
}
interface PortLike {
  postMessage(message: unknown): void;
  unref?(): void;
}
interface WorkerThreadsModule {
  Worker: new (
    code: string,
    options: { eval: true; workerData: unknown; transferList: unknown[] },
  ) => WorkerLike;
  MessageChannel: new () => { port1: PortLike; port2: unknown };
  isMainThread: boolean;
}
interface NodeProcess {
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

const proc = (globalThis as { process?: NodeProcess }).process;

/**
 * The worker: serve commands forever. A command names the memory (arena id) it works on; when
 * that memory is new to this worker, the main thread has posted it on the worker's port just
 * before, and the worker takes it synchronously (`receiveMessageOnPort`) and instantiates the
 * kernels over it. Only the latest memory is kept, so a worker never keeps a dropped state alive
 * for more than one command.
 */
const WORKER_CODE = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
const { module, port, ctl, args, index, names, stride, maxArgs } = workerData;
const I = new Int32Array(ctl);
const A = new Float64Array(args);
const base = index * stride;
const off = index * maxArgs;
const list = [];
let fns = null;
let ballast = null;
let seq = 0;
for (;;) {
  let spins = 0;
  while (Atomics.load(I, base) === seq) {
    if (++spins > 20000) Atomics.wait(I, base, seq);
  }
  seq = Atomics.load(I, base);
  const op = I[base + 2];
  if (op < 0) break;
  const n = I[base + 3];
  const per = I[base + 5];
  list.length = per;
  try {
    if (I[base + 6] !== 0) {
      fns = null;
      let msg;
      while ((msg = receiveMessageOnPort(port)) !== undefined) {
        const mem = msg.message;
        const k = new WebAssembly.Instance(module, { env: { mem } }).exports;
        fns = names.map((name) => k[name]);
        // GC pressure for this isolate too (see wasm.ts, ballast): else the memories this
        // worker dropped stay alive as long as its heap sees no reason to collect
        const pages = mem.buffer.byteLength / 65536;
        try {
          ballast = new WebAssembly.Memory({ initial: pages, maximum: pages });
        } catch {
          ballast = null;
        }
      }
    }
    for (let c = 0; c < n; c += per) {
      for (let i = 0; i < per; i++) list[i] = A[off + c + i];
      fns[op].apply(null, list);
    }
  } catch {
    I[base + 4] = 1;
  }
  Atomics.store(I, base + 1, seq);
  Atomics.notify(I, base + 1);
}
`;

/**
 * The number of threads the CPU backend uses by default: `QOAR_THREADS` when set (a positive
 * integer), else the number of cores.
 * @example
 * defaultThreads(); // 2 on a 2-core machine, 1 with QOAR_THREADS=1
 */
export function defaultThreads(): number {
  const env = proc?.env?.QOAR_THREADS;
  if (env !== undefined && env !== "") {
    const t = Number(env);
    if (Number.isInteger(t) && t >= 1) return Math.min(t, MAX_THREADS);
  }
  const os = proc?.getBuiltinModule?.("node:os") as
    | { availableParallelism?: () => number; cpus?: () => unknown[] }
    | undefined;
  return Math.min(
    MAX_THREADS,
    Math.max(1, os?.availableParallelism?.() ?? os?.cpus?.().length ?? 1),
  );
}

/**
 * A pool of worker threads running the SIMD kernels on shared state memories.
 * @example
 * const pool = threadPool(2, wasmModule(true)!);
 * pool?.size; // 1 worker besides the calling thread
 */
export class ThreadPool {
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private readonly workers: WorkerLike[] = [];
  private readonly ports: PortLike[] = [];
  private readonly seqs: number[] = [];
  /** The arena id each worker holds an instance for (mirrors the worker's one-entry cache). */
  private readonly loaded: number[] = [];
  private readonly mainArgs: number[] = [];

  constructor(mod: WorkerThreadsModule, module: object, count: number) {
    const ctlBuf = new SharedArrayBuffer(4 * CTL_STRIDE * count);
    const argBuf = new SharedArrayBuffer(8 * MAX_ARGS * count);
    this.ctl = new Int32Array(ctlBuf);
    this.args = new Float64Array(argBuf);
    for (let i = 0; i < count; i++) {
      const { port1, port2 } = new mod.MessageChannel();
      const w = new mod.Worker(WORKER_CODE, {
        eval: true,
        workerData: {
          module,
          port: port2,
          ctl: ctlBuf,
          args: argBuf,
          index: i,
          names: KERNEL_NAMES,
          stride: CTL_STRIDE,
          maxArgs: MAX_ARGS,
        },
        transferList: [port2],
      });
      w.unref(); // an idle pool never keeps the process alive
      port1.unref?.();
      this.workers.push(w);
      this.ports.push(port1);
      this.seqs.push(0);
      this.loaded.push(0);
    }
  }

  /** Workers besides the calling thread. */
  get size(): number {
    return this.workers.length;
  }

  /** Most calls of `perCall` arguments one command (one thread's share) can carry. */
  static callsPerCommand(perCall: number): number {
    return Math.floor(MAX_ARGS / perCall);
  }

  /**
   * Runs kernel `op` on every argument list: `jobs[0]` on the calling thread, `jobs[t]` on
   * worker t - 1; returns when all are done. A job may hold several calls back to back,
   * `perCall` arguments each (default: one call per job).
   */
  run(
    arena: WasmArena,
    op: KernelName,
    jobs: readonly (readonly number[])[],
    perCall?: number,
  ): void {
    const code = KERNEL_NAMES.indexOf(op);
    const I = this.ctl;
    for (let t = 1; t < jobs.length; t++) {
      const w = t - 1;
      const job = jobs[t]!;
      if (job.length > MAX_ARGS)
        throw new BackendError(`thread pool: a job of ${job.length} arguments`);
      const off = w * MAX_ARGS;
      for (let i = 0; i < job.length; i++) this.args[off + i] = job[i]!;
      const base = w * CTL_STRIDE;
      I[base + 2] = code;
      I[base + 3] = job.length;
      I[base + 5] = perCall ?? job.length;
      if (this.loaded[w] !== arena.id) {
        // the worker instantiates the kernels over this memory when it takes the command
        this.ports[w]!.postMessage(arena.memory);
        this.loaded[w] = arena.id;
        I[base + 6] = 1;
      } else I[base + 6] = 0;
      const seq = ++this.seqs[w]!;
      Atomics.store(I, base, seq);
      Atomics.notify(I, base);
    }
    const own = jobs[0]!;
    const fn = arena.kernels[op] as (...a: number[]) => void;
    const per = perCall ?? own.length;
    let failed = false;
    try {
      for (let c = 0; c < own.length; c += per) {
        this.mainArgs.length = 0;
        for (let i = 0; i < per; i++) this.mainArgs.push(own[c + i]!);
        fn.apply(null, this.mainArgs);
      }
    } catch (err) {
      failed = true;
      if (!(err instanceof Error)) throw err;
    }
    for (let t = 1; t < jobs.length; t++) {
      const w = t - 1;
      const base = w * CTL_STRIDE;
      const seq = this.seqs[w]!;
      let spins = 0;
      while (Atomics.load(I, base + 1) !== seq) {
        if (++spins > 2000) Atomics.wait(I, base + 1, Atomics.load(I, base + 1), 50);
      }
      if (I[base + 4] !== 0) {
        I[base + 4] = 0;
        failed = true;
      }
    }
    if (failed) throw new BackendError(`cpu backend: the ${op} kernel failed in a worker thread`);
  }
}

let pool: ThreadPool | null | undefined;

/**
 * The process-wide pool with `threads - 1` workers (made on first use; later calls get it as it
 * is), or undefined where worker threads are unavailable (browsers) or `threads` is 1.
 * @example
 * const p = threadPool(defaultThreads(), wasmModule(true)!);
 */
export function threadPool(threads: number, module: object): ThreadPool | undefined {
  if (threads <= 1) return undefined;
  if (pool === undefined) {
    pool = null;
    try {
      const mod = proc?.getBuiltinModule?.("node:worker_threads") as
        | WorkerThreadsModule
        | undefined;
      if (mod?.isMainThread) pool = new ThreadPool(mod, module, threads - 1);
    } catch {
      pool = null; // no worker threads here: single-threaded
    }
  }
  return pool ?? undefined;
}
