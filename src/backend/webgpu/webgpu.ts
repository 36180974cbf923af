/**
 * `WebGpuBackend`: complex64 state vectors in GPU storage buffers, WGSL kernels (shaders.ts).
 *
 * Design (docs/webgpu.md): every kernel call validates its arguments like the CPU backend, then
 * only records a dispatch into the backend's one open command encoder; nothing is submitted until a
 * result is read, the parameter arena fills up, or `flush()` is awaited. So a circuit run is one
 * command buffer with no read back between gates. WebGPU readback is asynchronous (`mapAsync`), so
 * the Backend interface's synchronous readers (`toArray`, `probabilities`, `expectationPauli*`,
 * `innerProduct`, `normSquared`) throw a `BackendError` naming their `...Async` twin, which this
 * class offers. Reductions (reductions.ts) run on the GPU and only their results are read back.
 * This class validates, allocates buffers and records the gate kernels; the command stream they
 * all share (encoder, parameter arena, pipelines and bind groups, submits) is stream.ts.
 */
import { ArgumentError, BackendError, describe, ResourceError } from "../../errors.js";
import type { AllocationStats, Backend, PauliString, PauliTerm, StateBuffer } from "../backend.js";
import { AllocationCounter, formatBytes, stateSizeText } from "../cpu/buffer.js";
import {
  batchStride,
  checkBroadcast,
  checkPerm,
  checkQubits,
  sameShape,
  targetOffsets,
} from "../cpu/common.js";
import { type PauliMasks, pauliMasks, pauliSumMasks } from "../cpu/pauli.js";
import { classifyMatrix } from "../cpu/structure.js";
import type { GpuDeviceInfo } from "./device.js";
import { BufferUsage, type GpuBuffer, type GpuDevice } from "./gpu-types.js";
import { type Chunk, chunkIndex, makeLayout } from "./layout.js";
import { groupTerms } from "./pauli-groups.js";
import { GpuReductions } from "./reductions.js";
import { WebGpuStateBuffer } from "./state-buffer.js";
import { CommandStream, type Resource } from "./stream.js";

export { WebGpuStateBuffer } from "./state-buffer.js";

const NO_CONTROLS: readonly number[] = [];
/**
 * Most targets of one dense or diagonal kernel (2^6 amplitudes per thread: a 3-qubit channel's
 * superoperator on a density matrix). Permutations take at most 5 (their table has 32 entries in
 * the uniform block); a 6-target permutation runs as a dense matrix.
 */
export const MAX_TARGETS = 6;
const MAX_PERM_TARGETS = 5;
/** Word offsets of the target offsets and the permutation in the uniform block (shaders.ts). */
const U_OFFS = 28;
const U_PERM = 92;
/**
 * Most qubits of one overlap matrix: 4^k accumulators per thread, and 4^k sums per lane in
 * workgroup memory (16 KiB at k = 2; the default fusion makes blocks of at most 2 qubits).
 */
export const MAX_OVERLAP_TARGETS = 2;

/**
 * Largest state: the shaders index amplitudes (and a split state's high-qubit offsets) with
 * 32-bit unsigned integers. The device's buffer limits (maxBufferSize,
 * maxStorageBufferBindingSize) bound one chunk, not the state: larger states are split over
 * several buffers (layout.ts).
 */
export const GPU_MAX_QUBITS = 31;

/** Bytes of one amplitude on the GPU: a complex64, two float32. */
export const GPU_BYTES_PER_AMPLITUDE = 8;

/** Options of `WebGpuBackend`. */
export interface WebGpuBackendOptions {
  /**
   * Largest chunk as log2(amplitudes); default from the device's binding and buffer size limits.
   * Smaller values force the split-state code paths (tests).
   */
  chunkQubits?: number;
  /** Bytes of the per-submit parameter arena (default 4 MiB). */
  arenaBytes?: number;
  /**
   * Wrap each submitted command buffer in a validation error scope and rethrow its errors at the
   * next read (default true). Off, GPU errors only reach the device's uncaptured-error handler.
   */
  errorScopes?: boolean;
  /**
   * Reuse bind groups across dispatches (default true). Off, every dispatch makes its own, as
   * before the cache: the `webgpu/record-dispatch` benchmark's baseline.
   */
  bindGroupCache?: boolean;
  /**
   * The most bytes one state buffer may take on the GPU (2^n x 8 bytes per batch element);
   * larger ones are refused with a `ResourceError` before anything is allocated. WebGPU does not
   * report the device's memory, so the default is no limit: an allocation the GPU cannot hold
   * then fails on the device.
   */
  memoryLimit?: number;
}

/**
 * The WebGPU backend. Create it with `initWebGpu()` (which also registers it as "webgpu").
 * @example
 * const gpu = await initWebGpu();
 * const psi = gpu.zeros(2);
 * gpu.applyDense(psi, [0], H);
 * await gpu.probabilitiesAsync(psi); // ~[0.5, 0, 0.5, 0]
 */
export class WebGpuBackend implements Backend {
  /** The registry name, "webgpu". */
  readonly name = "webgpu";
  /** The widest block `overlapMatrixDeferred` takes. */
  readonly maxOverlapQubits = MAX_OVERLAP_TARGETS;
  /** Largest chunk, log2 of amplitudes. */
  readonly chunkQubits: number;
  private readonly counter = new AllocationCounter();
  /** See `WebGpuBackendOptions.memoryLimit`. */
  readonly memoryLimit: number;
  private readonly stream: CommandStream;
  private readonly reductions: GpuReductions;

  /** Dispatches recorded since creation (for tests and benchmarks). */
  get dispatches(): number {
    return this.stream.dispatches;
  }

  /** Command buffers submitted since creation. */
  get submits(): number {
    return this.stream.submits;
  }

  /**
   * A backend on `device` (prefer `initWebGpu()`, which finds the device and registers the backend).
   * @example
   * const { device, info } = await acquireDevice();
   * const gpu = new WebGpuBackend(device, info, { chunkQubits: 10 });
   */
  constructor(
    /** The WebGPU device all buffers and pipelines live on. */
    readonly device: GpuDevice,
    /** Where the device came from and what adapter it is. */
    readonly info: GpuDeviceInfo,
    options: WebGpuBackendOptions = {},
  ) {
    if (device === null || typeof device !== "object" || typeof device.limits !== "object")
      throw new ArgumentError(
        `WebGpuBackend: device must be a GPUDevice (use initWebGpu()), got ${describe(device)}`,
      );
    if (info === null || typeof info !== "object")
      throw new ArgumentError(
        `WebGpuBackend: info must describe the adapter, got ${describe(info)}`,
      );
    const lim = device.limits;
    const bytes = Math.min(
      lim["maxStorageBufferBindingSize"] ?? 2 ** 27,
      lim["maxBufferSize"] ?? 2 ** 28,
    );
    const fromLimits = Math.floor(Math.log2(bytes / 8));
    const cq = options.chunkQubits ?? fromLimits;
    if (!Number.isInteger(cq) || cq < 2 || cq > fromLimits) {
      throw new ArgumentError(
        `WebGpuBackend: options.chunkQubits must be an integer in [2, ${fromLimits}], got ${describe(options.chunkQubits)}`,
      );
    }
    this.chunkQubits = cq;
    const limit = options.memoryLimit ?? Number.POSITIVE_INFINITY;
    if (typeof limit !== "number" || !(limit > 0)) {
      throw new ArgumentError(
        `WebGpuBackend: options.memoryLimit must be a positive number of bytes, got ${describe(options.memoryLimit)}`,
      );
    }
    this.memoryLimit = limit;
    this.stream = new CommandStream(device, options);
    this.reductions = new GpuReductions(this.stream, (b) => this.toArrayAsync(b));
  }

  private asGpu(buf: StateBuffer, arg: string): WebGpuStateBuffer {
    if (!(buf instanceof WebGpuStateBuffer) || buf.owner !== this) {
      throw new ArgumentError(
        `${arg} must be a state buffer of this webgpu backend, got ${describe(buf)}`,
      );
    }
    if (buf.freed) throw new ArgumentError(`${arg} was already freed`);
    return buf;
  }

  /**
   * Throws before anything is allocated: an `ArgumentError` for a malformed shape, a
   * `ResourceError` saying n, the bytes needed and the limit for a state this backend cannot hold.
   */
  private checkFits(nQubits: number, batch: number): void {
    if (!Number.isInteger(nQubits) || nQubits < 0) {
      throw new ArgumentError(
        `webgpu backend: nQubits must be a non-negative integer, got ${describe(nQubits)}`,
      );
    }
    if (!Number.isInteger(batch) || batch < 1) {
      throw new ArgumentError(
        `webgpu backend: batch must be a positive integer, got ${describe(batch)}`,
      );
    }
    const refuse = (limit: string): never => {
      throw new ResourceError(
        `webgpu backend: ${stateSizeText(nQubits, batch, GPU_BYTES_PER_AMPLITUDE)}, more than ${limit}`,
      );
    };
    if (nQubits > GPU_MAX_QUBITS) {
      const largest = formatBytes(GPU_BYTES_PER_AMPLITUDE * 2 ** GPU_MAX_QUBITS);
      refuse(
        `its largest state, ${GPU_MAX_QUBITS} qubits (${largest}; its shaders index with 32-bit integers)`,
      );
    }
    if (GPU_BYTES_PER_AMPLITUDE * batch * 2 ** nQubits > this.memoryLimit) {
      refuse(
        `its memory limit of ${formatBytes(this.memoryLimit)} (WebGpuBackend's memoryLimit option)`,
      );
    }
  }

  private allocate(nQubits: number, batch: number): WebGpuStateBuffer {
    this.checkFits(nQubits, batch);
    const layout = makeLayout(nQubits, batch, this.chunkQubits);
    const per = 2 ** layout.localQubits;
    const chunks = layout.chunks.map((c) =>
      this.device.createBuffer({
        size: Math.max(16, 8 * per * c.count),
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST,
      }),
    );
    this.counter.onAlloc(8 * batch * 2 ** nQubits);
    return new WebGpuStateBuffer(nQubits, batch, layout, chunks, this);
  }

  /**
   * Submits everything recorded and waits until the GPU has run it; rethrows GPU errors.
   * @example
   * await gpu.flush();
   */
  flush(): Promise<void> {
    return this.stream.flush();
  }

  /** Releases the arena and the device. The backend is unusable afterwards. */
  destroy(): void {
    this.stream.destroy();
    this.reductions.destroy();
    this.device.destroy();
  }

  // --- buffers -------------------------------------------------------------------------------

  zeros(nQubits: number, batch = 1): WebGpuStateBuffer {
    const buf = this.allocate(nQubits, batch);
    buf.layout.chunks.forEach((c, i) => {
      if (c.high !== 0) return;
      this.stream.elementwise({ kind: "setOne" }, c, buf.layout, 1, () => {}, undefined, [
        buf.chunks[i]!,
      ]);
    });
    return buf;
  }

  fromArray(nQubits: number, batch: number, amplitudes: Float64Array): WebGpuStateBuffer {
    this.checkFits(nQubits, batch);
    const expected = 2 * batch * 2 ** nQubits;
    if (!(amplitudes instanceof Float64Array) || amplitudes.length !== expected) {
      throw new ArgumentError(
        `fromArray: amplitudes must be a Float64Array of length ${expected} (2 * batch ${batch} * 2^${nQubits}), got ${describe(amplitudes)}`,
      );
    }
    const layout = makeLayout(nQubits, batch, this.chunkQubits);
    const per = 2 ** layout.localQubits;
    let at = 0;
    const chunks = layout.chunks.map((c) => {
      const floats = 2 * per * c.count;
      const b = this.device.createBuffer({
        size: Math.max(16, 4 * floats),
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST,
        mappedAtCreation: true,
      });
      new Float32Array(b.getMappedRange(), 0, floats).set(amplitudes.subarray(at, at + floats));
      b.unmap();
      at += floats;
      return b;
    });
    this.counter.onAlloc(8 * batch * 2 ** nQubits);
    return new WebGpuStateBuffer(nQubits, batch, layout, chunks, this);
  }

  toArray(_buf: StateBuffer): Float64Array {
    throw syncRead("toArray", "toArrayAsync(buf)");
  }

  /** The amplitudes (interleaved, batch-major), read back from the GPU. */
  async toArrayAsync(buf: StateBuffer): Promise<Float64Array> {
    const b = this.asGpu(buf, "toArrayAsync: buf");
    const data = await this.stream.readBack(
      b.chunks.map((buffer, i) => ({ buffer, offset: 0, bytes: this.chunkBytes(b, i) })),
    );
    return Float64Array.from(new Float32Array(data).subarray(0, 2 * b.batch * 2 ** b.nQubits));
  }

  private chunkBytes(b: WebGpuStateBuffer, i = 0): number {
    return 8 * 2 ** b.layout.localQubits * b.layout.chunks[i]!.count;
  }

  /** A new buffer with a copy of `buf`'s states (a GPU-side copy). @example const b = gpu.clone(psi); */
  clone(buf: StateBuffer): WebGpuStateBuffer {
    const src = this.asGpu(buf, "clone: buf");
    const out = this.allocate(src.nQubits, src.batch);
    this.copyChunks(out, src);
    return out;
  }

  /**
   * `batch` copies of the single state in `buf` (batch 1), copied on the GPU.
   * @example
   * const many = gpu.broadcast(gpu.zeros(3), 8); // 8 x |000>
   */
  broadcast(buf: StateBuffer, batch: number): WebGpuStateBuffer {
    const s = this.asGpu(buf, "broadcast: buf");
    checkBroadcast(s, batch);
    const out = this.allocate(s.nQubits, batch);
    const enc = this.stream.copyEncoder();
    const L = out.layout;
    if (L.slices > 1) {
      L.chunks.forEach((c, i) => {
        enc.copyBufferToBuffer(s.chunks[c.high]!, 0, out.chunks[i]!, 0, this.chunkBytes(out, i));
      });
    } else {
      const per = 8 * 2 ** s.nQubits;
      L.chunks.forEach((c, i) => {
        for (let k = 0; k < c.count; k++) {
          enc.copyBufferToBuffer(s.chunks[0]!, 0, out.chunks[i]!, k * per, per);
        }
      });
    }
    return out;
  }

  copyInto(dst: StateBuffer, src: StateBuffer): void {
    const d = this.asGpu(dst, "copyInto: dst");
    const s = this.asGpu(src, "copyInto: src");
    sameShape(d, s, "copyInto");
    if (d !== s) this.copyChunks(d, s);
  }

  private copyChunks(d: WebGpuStateBuffer, s: WebGpuStateBuffer): void {
    const enc = this.stream.copyEncoder();
    s.chunks.forEach((c, i) => {
      enc.copyBufferToBuffer(c, 0, d.chunks[i]!, 0, this.chunkBytes(s, i));
    });
  }

  free(buf: StateBuffer): void {
    const b = this.asGpu(buf, "free: buf");
    const bytes = 8 * b.batch * 2 ** b.nQubits;
    this.counter.onFree(bytes);
    this.stream.release(b.release(), bytes);
  }

  /** Buffer counts and live bytes (see `AllocationStats`). @example gpu.stats().live */
  stats(): AllocationStats {
    return this.counter.snapshot();
  }

  /** Restarts the `allocated` and `peakLive` counts. @example gpu.resetStats(); */
  resetStats(): void {
    this.counter.reset();
  }

  // --- gate kernels --------------------------------------------------------------------------

  applyDense(
    buf: StateBuffer,
    targets: readonly number[],
    matrix: Float64Array,
    controls: readonly number[] = NO_CONTROLS,
  ): void {
    const b = this.asGpu(buf, "applyDense: buf");
    checkQubits(b.nQubits, targets, controls, "applyDense");
    checkTargetCount(targets, "applyDense");
    const d = 1 << targets.length;
    const mStride = batchStride(matrix, 2 * d * d, b.batch, "matrix", "applyDense");
    if (mStride === 0 && targets.length <= 3) {
      const st = classifyMatrix(matrix, d);
      if (st.kind === "diagonal") {
        this.diagonal(b, targets, st.diagonal, 0, controls);
        return;
      }
      if (st.kind === "permutation") {
        this.permutation(b, targets, st.perm, undefined, 0, controls);
        return;
      }
    }
    this.targetKernel(b, targets, controls, "dense", mStride, Float32Array.from(matrix));
  }

  applyDiagonal(
    buf: StateBuffer,
    targets: readonly number[],
    diagonal: Float64Array,
    controls: readonly number[] = NO_CONTROLS,
  ): void {
    const b = this.asGpu(buf, "applyDiagonal: buf");
    checkQubits(b.nQubits, targets, controls, "applyDiagonal");
    checkTargetCount(targets, "applyDiagonal");
    const dStride = batchStride(
      diagonal,
      2 << targets.length,
      b.batch,
      "diagonal",
      "applyDiagonal",
    );
    this.diagonal(b, targets, diagonal, dStride, controls);
  }

  private diagonal(
    b: WebGpuStateBuffer,
    targets: readonly number[],
    diagonal: Float64Array,
    dStride: number,
    controls: readonly number[],
  ): void {
    const n = b.nQubits;
    const bits = targets.map((q) => n - 1 - q);
    const ctrl = maskOfQubits(n, controls);
    const data = Float32Array.from(diagonal);
    b.layout.chunks.forEach((c, i) => {
      if (!controlsMatch(c, ctrl, b.layout.localQubits)) return;
      this.stream.elementwise(
        { kind: "diag", k: targets.length },
        c,
        b.layout,
        2 ** b.layout.localQubits,
        (u) => {
          u[4] = ctrl;
          u[5] = ctrl;
          u[6] = dStride / 2;
          u.set(bits, 20);
        },
        data,
        [b.chunks[i]!],
      );
    });
  }

  applyPermutation(
    buf: StateBuffer,
    targets: readonly number[],
    perm: Int32Array,
    phases?: Float64Array,
    controls: readonly number[] = NO_CONTROLS,
  ): void {
    const b = this.asGpu(buf, "applyPermutation: buf");
    checkQubits(b.nQubits, targets, controls, "applyPermutation");
    checkTargetCount(targets, "applyPermutation");
    const d = 1 << targets.length;
    checkPerm(perm, d);
    const pStride =
      phases === undefined ? 0 : batchStride(phases, 2 * d, b.batch, "phases", "applyPermutation");
    if (targets.length > MAX_PERM_TARGETS) {
      const stride = pStride === 0 ? 0 : 2 * d * d;
      this.targetKernel(
        b,
        targets,
        controls,
        "dense",
        stride,
        permutationMatrices(perm, phases, d),
      );
      return;
    }
    this.permutation(b, targets, perm, phases, pStride, controls);
  }

  private permutation(
    b: WebGpuStateBuffer,
    targets: readonly number[],
    perm: Int32Array,
    phases: Float64Array | undefined,
    pStride: number,
    controls: readonly number[],
  ): void {
    const data = phases === undefined ? new Float32Array(4) : Float32Array.from(phases);
    this.targetKernel(b, targets, controls, "perm", pStride, data, (u) => {
      u[8] = phases === undefined ? 0 : 1;
      u.set(perm, U_PERM);
    });
  }

  /**
   * Dispatches a kernel that walks the 2^k amplitudes of `targets` for every other index (dense
   * matrices, permutations), chunk by chunk, with targets moved inside a chunk first. `stride` is
   * the per-batch stride of `data` in floats (0: shared); `extra` fills kind-specific uniforms.
   */
  private targetKernel(
    b: WebGpuStateBuffer,
    targets: readonly number[],
    controls: readonly number[],
    kind: "dense" | "perm",
    stride: number,
    data: Float32Array,
    extra?: (u: Uint32Array) => void,
  ): void {
    this.withLocalTargets(b, targets, controls, (bits, ctrl) => {
      const offs = targetOffsets(bits);
      const sorted = [...bits].sort((x, y) => x - y);
      b.layout.chunks.forEach((c, i) => {
        if (!controlsMatch(c, ctrl, b.layout.localQubits)) return;
        for (const part of this.batchParts(b, c, i, stride, data)) {
          this.stream.elementwise(
            { kind, k: targets.length },
            part.chunk,
            b.layout,
            2 ** (b.layout.localQubits - targets.length),
            (u) => {
              u[4] = ctrl;
              u[5] = ctrl;
              u[6] = stride / 2;
              u.set(sorted, 20);
              u.set(offs, U_OFFS);
              extra?.(u);
            },
            part.data,
            [part.state],
          );
        }
      });
    });
  }

  /**
   * Chunk `c` (index `i` of `b`) as dispatches whose per-batch data (`stride` floats per batch
   * element) fits the parameter arena: the whole chunk when it does (or the data is shared),
   * else runs of its batch elements, each binding its range of the chunk and its slice of the
   * data (a batch of 6-target matrices is 32 KiB per element).
   */
  private batchParts(
    b: WebGpuStateBuffer,
    c: Chunk,
    i: number,
    stride: number,
    data: Float32Array,
  ): { chunk: Chunk; data: Float32Array; state: GpuBuffer | Resource }[] {
    const room = this.stream.arenaBytes - 1024; // the uniform block and alignment
    if (stride === 0 || 4 * stride * c.count <= room) {
      return [{ chunk: c, data, state: b.chunks[i]! }];
    }
    const stateBytes = 8 * 2 ** b.layout.localQubits;
    // storage bindings start at multiples of 256 bytes
    const unit = Math.max(1, Math.ceil(256 / stateBytes));
    const per = Math.max(unit, Math.floor(room / (4 * stride) / unit) * unit);
    const parts: { chunk: Chunk; data: Float32Array; state: Resource }[] = [];
    for (let s = 0; s < c.count; s += per) {
      const count = Math.min(per, c.count - s);
      const first = c.batch0 + s;
      parts.push({
        // batch0 0: the kernels index the data slice from its first element
        chunk: { batch0: 0, count, high: c.high, highBase: c.highBase },
        data: data.subarray(first * stride, (first + count) * stride),
        state: { buffer: b.chunks[i]!, offset: s * stateBytes, size: count * stateBytes },
      });
    }
    return parts;
  }

  /**
   * Runs `apply` with every target on a bit inside a chunk: a target on a high qubit (a split
   * state) is first swapped with a free low qubit (in each of `buffers`, which share a layout),
   * and swapped back afterwards. `apply` gets the
   * targets' bit positions and the control mask (global bits).
   */
  private withLocalTargets(
    buffers: WebGpuStateBuffer | readonly WebGpuStateBuffer[],
    targets: readonly number[],
    controls: readonly number[],
    apply: (bits: number[], ctrlMask: number) => void,
  ): void {
    // each buffer once: swapping the same buffer twice would undo the swap
    const list = [...new Set(Array.isArray(buffers) ? buffers : [buffers as WebGpuStateBuffer])];
    const b = list[0]!;
    const n = b.nQubits;
    const nLocal = b.layout.localQubits;
    const ctrl = maskOfQubits(n, controls);
    const bits = targets.map((q) => n - 1 - q);
    if (bits.every((p) => p < nLocal)) {
      apply(bits, ctrl);
      return;
    }
    const used = new Set([...bits, ...controls.map((q) => n - 1 - q)]);
    const free: number[] = [];
    for (let p = 0; p < nLocal; p++) if (!used.has(p)) free.push(p);
    const swaps: [number, number][] = [];
    const mapped = bits.map((p) => {
      if (p < nLocal) return p;
      const ql = free.pop();
      if (ql === undefined) {
        throw new BackendError(
          `webgpu backend: a ${targets.length}-target gate${controls.length > 0 ? ` with ${controls.length} controls` : ""} needs that many qubits inside one GPU buffer, but this state is split into chunks of 2^${nLocal} amplitudes (chunkQubits ${this.chunkQubits})`,
        );
      }
      swaps.push([p, ql]);
      return ql;
    });
    for (const x of list) for (const [qh, ql] of swaps) this.swapBits(x, qh, ql);
    apply(mapped, ctrl);
    for (const x of list)
      for (let s = swaps.length - 1; s >= 0; s--) this.swapBits(x, swaps[s]![0], swaps[s]![1]);
  }

  /** Exchanges the high bit `qh` (above the chunk) with the chunk bit `ql`, pairing chunks. */
  private swapBits(b: WebGpuStateBuffer, qh: number, ql: number): void {
    const L = b.layout;
    const hb = 1 << (qh - L.localQubits);
    for (let bi = 0; bi < b.batch; bi++) {
      for (let h = 0; h < L.slices; h++) {
        if (h & hb) continue;
        const ia = chunkIndex(L, bi, h);
        const ib = chunkIndex(L, bi, h | hb);
        this.stream.elementwise(
          { kind: "swap" },
          L.chunks[ia]!,
          L,
          2 ** (L.localQubits - 1),
          (u) => {
            u[8] = ql;
          },
          undefined,
          [b.chunks[ia]!, b.chunks[ib]!],
        );
      }
    }
  }

  applyPauliString(
    buf: StateBuffer,
    pauli: PauliString,
    coefficient: readonly [number, number] = [1, 0],
  ): void {
    const b = this.asGpu(buf, "applyPauliString: buf");
    const masks = pauliMasks(b.nQubits, pauli, "applyPauliString");
    if (
      !Array.isArray(coefficient) ||
      coefficient.length !== 2 ||
      !coefficient.every(Number.isFinite)
    ) {
      throw new ArgumentError(
        `applyPauliString: coefficient must be [re, im] finite numbers, got ${describe(coefficient)}`,
      );
    }
    const [pr, pi] = iPow(masks.nY);
    const wr = coefficient[0] * pr - coefficient[1] * pi;
    const wi = coefficient[0] * pi + coefficient[1] * pr;
    this.pauli(b, masks, "apply", new Float32Array(4), 0, [wr, wi]);
  }

  applyPauliRotation(buf: StateBuffer, pauli: PauliString, thetas: Float64Array): void {
    const b = this.asGpu(buf, "applyPauliRotation: buf");
    const masks = pauliMasks(b.nQubits, pauli, "applyPauliRotation");
    const tStride = batchStride(thetas, 1, b.batch, "thetas", "applyPauliRotation");
    const cs = new Float32Array(2 * thetas.length);
    for (let i = 0; i < thetas.length; i++) {
      cs[2 * i] = Math.cos(thetas[i]! / 2);
      cs[2 * i + 1] = Math.sin(thetas[i]! / 2);
    }
    this.pauli(b, masks, "rot", cs, tStride, [0, 0]);
  }

  private pauli(
    b: WebGpuStateBuffer,
    masks: PauliMasks,
    op: "apply" | "rot",
    data: Float32Array,
    stride: number,
    w: readonly [number, number],
  ): void {
    const L = b.layout;
    const nLocal = L.localQubits;
    const xl = masks.x & (2 ** nLocal - 1);
    const xh = Math.floor(masks.x / 2 ** nLocal);
    const fill =
      (hbit: number, highB: number) =>
      (u: Uint32Array, f: Float32Array): void => {
        u[6] = stride;
        u[8] = xl;
        u[9] = masks.z >>> 0;
        u[10] = masks.nY;
        u[11] = hbit;
        u[14] = highB >>> 0;
        f[16] = w[0];
        f[17] = w[1];
      };
    if (masks.x === 0 || xh === 0) {
      const mode = masks.x === 0 ? "diag" : "single";
      const items = mode === "diag" ? 2 ** nLocal : 2 ** (nLocal - 1);
      const hbit = mode === "diag" ? 0 : 31 - Math.clz32(xl);
      L.chunks.forEach((c, i) => {
        this.stream.elementwise(
          { kind: "pauli", op, mode },
          c,
          L,
          items,
          fill(hbit, c.highBase),
          data,
          [b.chunks[i]!],
        );
      });
      return;
    }
    for (let bi = 0; bi < b.batch; bi++) {
      for (let h = 0; h < L.slices; h++) {
        const h2 = h ^ xh;
        if (h2 < h) continue;
        const ia = chunkIndex(L, bi, h);
        const ib = chunkIndex(L, bi, h2);
        const cb = L.chunks[ib]!;
        this.stream.elementwise(
          { kind: "pauli", op, mode: "twin" },
          L.chunks[ia]!,
          L,
          2 ** nLocal,
          fill(0, cb.highBase),
          data,
          [b.chunks[ia]!, b.chunks[ib]!],
        );
      }
    }
  }

  // --- reductions ----------------------------------------------------------------------------

  applyPauliSum(out: StateBuffer, buf: StateBuffer, terms: readonly PauliTerm[]): void {
    const o = this.asGpu(out, "applyPauliSum: out");
    const b = this.asGpu(buf, "applyPauliSum: buf");
    sameShape(o, b, "applyPauliSum");
    if (o === b) throw new ArgumentError("applyPauliSum: out must be a different buffer from buf");
    const { masks, coefficients } = pauliSumMasks(b.nQubits, terms, "applyPauliSum");
    const L = b.layout;
    const groups = groupTerms(masks, coefficients, L.localQubits);
    if (groups.length === 0) {
      const enc = this.stream.copyEncoder();
      o.chunks.forEach((c, i) => {
        enc.clearBuffer(c, 0, this.chunkBytes(o, i));
      });
      return;
    }
    groups.forEach((g, gi) => {
      L.chunks.forEach((c, i) => {
        const src = L.slices > 1 ? chunkIndex(L, c.batch0, c.high ^ g.xh) : i;
        this.stream.elementwise(
          { kind: "pauliSum" },
          c,
          L,
          2 ** L.localQubits,
          (u) => {
            u[8] = g.count;
            u[9] = gi > 0 ? 1 : 0;
            u[14] = L.chunks[src]!.highBase >>> 0;
          },
          g.terms,
          [o.chunks[i]!, b.chunks[src]!],
        );
      });
    });
  }

  expectationPauli(_buf: StateBuffer, _pauli: PauliString): Float64Array {
    throw syncRead("expectationPauli", "expectationPauliAsync(buf, pauli)");
  }

  expectationPauliSum(_buf: StateBuffer, _terms: readonly PauliTerm[]): Float64Array {
    throw syncRead("expectationPauliSum", "expectationPauliSumAsync(buf, terms)");
  }

  probabilities(_buf: StateBuffer, _qubits?: readonly number[]): Float64Array {
    throw syncRead("probabilities", "probabilitiesAsync(buf, qubits)");
  }

  innerProduct(_a: StateBuffer, _b: StateBuffer): Float64Array {
    throw syncRead("innerProduct", "innerProductAsync(a, b)");
  }

  normSquared(_buf: StateBuffer): Float64Array {
    throw syncRead("normSquared", "normSquaredAsync(buf)");
  }

  /** <psi|P|psi> per batch element, reduced on the GPU. */
  expectationPauliAsync(buf: StateBuffer, pauli: PauliString): Promise<Float64Array> {
    const b = this.asGpu(buf, "expectationPauliAsync: buf");
    const masks = pauliMasks(b.nQubits, pauli, "expectationPauliAsync");
    return this.reductions.expectation(b, [masks], [1]);
  }

  /** <psi|H|psi> per batch element for H = sum_j c_j P_j, reduced on the GPU. */
  expectationPauliSumAsync(buf: StateBuffer, terms: readonly PauliTerm[]): Promise<Float64Array> {
    const b = this.asGpu(buf, "expectationPauliSumAsync: buf");
    const { masks, coefficients } = pauliSumMasks(b.nQubits, terms, "expectationPauliSumAsync");
    return this.reductions.expectation(b, masks, coefficients);
  }

  /**
   * Probabilities of the basis states of `qubits` (all when omitted), per batch element. A
   * marginal is summed on the GPU (one qubit folded out per pass): only the outcomes asked for
   * are read back.
   */
  probabilitiesAsync(buf: StateBuffer, qubits?: readonly number[]): Promise<Float64Array> {
    const b = this.asGpu(buf, "probabilitiesAsync: buf");
    if (qubits !== undefined) {
      if (!Array.isArray(qubits)) {
        throw new ArgumentError(
          `probabilitiesAsync: qubits must be an array of qubit indices, got ${describe(qubits)}`,
        );
      }
      if (qubits.length > 0) checkQubits(b.nQubits, qubits, NO_CONTROLS, "probabilitiesAsync");
    }
    return this.reductions.probabilities(b, qubits);
  }

  /** <a|b> per batch element (interleaved complex), reduced on the GPU. */
  innerProductAsync(a: StateBuffer, b: StateBuffer): Promise<Float64Array> {
    const [x, y] = this.pair(a, b, "innerProductAsync");
    return this.reductions.innerProduct(x, y);
  }

  /** Squared norms per batch element, reduced on the GPU. */
  normSquaredAsync(buf: StateBuffer): Promise<Float64Array> {
    return this.reductions.normSquared(this.asGpu(buf, "normSquaredAsync: buf"));
  }

  private pair(a: StateBuffer, b: StateBuffer, fn: string): [WebGpuStateBuffer, WebGpuStateBuffer] {
    const x = this.asGpu(a, `${fn}: a`);
    const y = this.asGpu(b, `${fn}: b`);
    sameShape(x, y, fn);
    return [x, y];
  }

  // --- deferred results (many reductions, one read back) ---------------------------------------

  /**
   * Records <a|b> per batch element into a GPU results list without reading it back. Returns the
   * offset of its first float in what the next `resolveDeferred()` returns: batch complex values
   * (re, im) from there. The adjoint sweep takes one inner product per parameter this way and
   * reads them all at once.
   * @example
   * const at = gpu.innerProductDeferred(lam, psi);
   * const values = await gpu.resolveDeferred(); // values[at], values[at + 1] = <lam|psi>
   */
  innerProductDeferred(a: StateBuffer, b: StateBuffer): number {
    const [x, y] = this.pair(a, b, "innerProductDeferred");
    return this.reductions.innerProductDeferred(x, y);
  }

  /**
   * Like `innerProductDeferred` for <a|P|b> (P a Pauli string) in one pass over both states, no
   * scratch state: the adjoint's per-parameter term Im<lambda|G|psi> for Pauli generators.
   * @example
   * const at = gpu.pauliInnerDeferred(lam, { qubits: [0], letters: ["X"] }, psi);
   */
  pauliInnerDeferred(a: StateBuffer, pauli: PauliString, b: StateBuffer): number {
    const [x, y] = this.pair(a, b, "pauliInnerDeferred");
    const m = pauliMasks(x.nQubits, pauli, "pauliInnerDeferred");
    return this.reductions.pauliInnerDeferred(x, m, y);
  }

  /**
   * Like `innerProductDeferred` for <psi|H|psi> (the real parts hold the values).
   * @example
   * const at = gpu.expectationPauliSumDeferred(psi, H.terms);
   */
  expectationPauliSumDeferred(buf: StateBuffer, terms: readonly PauliTerm[]): number {
    const b = this.asGpu(buf, "expectationPauliSumDeferred: buf");
    const { masks, coefficients } = pauliSumMasks(b.nQubits, terms, "expectationPauliSumDeferred");
    return this.reductions.expectationDeferred(b, masks, coefficients);
  }

  /**
   * Like `Backend.overlapMatrix` (M[i][j] = sum_r conj(a[i, r]) b[j, r] on `qubits`, batch blocks
   * of 2^k x 2^k interleaved complex), recorded into the deferred results: returns the offset of
   * its first float in what the next `resolveDeferred()` returns (2 * 4^k * batch floats). One
   * pass over both states per fused block: the adjoint's fast path on the GPU. At most
   * `MAX_OVERLAP_TARGETS` qubits; qubits above a split state's chunks are swapped in first.
   * @example
   * const at = gpu.overlapMatrixDeferred(lam, psi, [0, 1]);
   * const m = (await gpu.resolveDeferred()).subarray(at, at + 32); // batch 1: 4 x 4 complex
   */
  overlapMatrixDeferred(a: StateBuffer, b: StateBuffer, qubits: readonly number[]): number {
    const [x, y] = this.pair(a, b, "overlapMatrixDeferred");
    const k = Array.isArray(qubits) ? qubits.length : 0;
    if (k < 1 || k > MAX_OVERLAP_TARGETS) {
      throw new ArgumentError(
        `overlapMatrixDeferred: qubits must list 1 to ${MAX_OVERLAP_TARGETS} qubits, got ${describe(qubits)}`,
      );
    }
    checkQubits(x.nQubits, qubits, NO_CONTROLS, "overlapMatrixDeferred");
    let at = -1;
    this.withLocalTargets([x, y], qubits, NO_CONTROLS, (bits) => {
      at = this.reductions.overlapDeferred(x, y, bits);
    });
    return at;
  }

  /**
   * Submits, then reads every deferred result recorded since the last call in one copy.
   * @example
   * const values = await gpu.resolveDeferred();
   */
  resolveDeferred(): Promise<Float64Array> {
    return this.reductions.resolveDeferred();
  }

  // --- density matrices: vec(rho) on 2n qubits (quantum/density/density.ts) ---------------------------

  /**
   * tr(H rho) per batch element for the density matrices stored as vec(rho) (row-major) in `buf`
   * (2n qubits; H = sum_j c_j P_j over the n system qubits): one GPU pass over the 2^n rows, each
   * thread summing every term's entry rho[r, r ^ x] of its row. The real parts are returned.
   * @example
   * const rho = gpu.zeros(4);                                    // |00><00| of 2 qubits
   * await gpu.densityExpectationAsync(rho, [{ coefficient: 1, qubits: [0], letters: "Z" }]); // [1]
   */
  densityExpectationAsync(buf: StateBuffer, terms: readonly PauliTerm[]): Promise<Float64Array> {
    const b = this.asGpu(buf, "densityExpectationAsync: buf");
    const n = densityQubits(b, "densityExpectationAsync");
    const { masks, coefficients } = pauliSumMasks(n, terms, "densityExpectationAsync");
    return this.reductions.densityExpectation(b, n, masks, coefficients);
  }

  /**
   * tr(rho) per batch element of the density matrices in `buf` (see `densityExpectationAsync`).
   * @example
   * await gpu.densityTraceAsync(rho.buffer); // [1]
   */
  densityTraceAsync(buf: StateBuffer): Promise<Float64Array> {
    return this.densityExpectationAsync(buf, [{ coefficient: 1, qubits: [], letters: [] }]);
  }

  /**
   * The diagonals of the density matrices in `buf` (real parts), batch-major: length batch * 2^n.
   * Only the diagonal is read back, not the 4^n entries.
   * @example
   * await gpu.densityDiagonalAsync(gpu.zeros(2)); // [1, 0]
   */
  densityDiagonalAsync(buf: StateBuffer): Promise<Float64Array> {
    const b = this.asGpu(buf, "densityDiagonalAsync: buf");
    return this.reductions.densityDiagonal(b, densityQubits(b, "densityDiagonalAsync"));
  }

  scale(buf: StateBuffer, factors: Float64Array): void {
    const b = this.asGpu(buf, "scale: buf");
    const fStride = batchStride(factors, 2, b.batch, "factors", "scale");
    const data = Float32Array.from(factors);
    b.layout.chunks.forEach((c, i) => {
      this.stream.elementwise(
        { kind: "scale" },
        c,
        b.layout,
        2 ** b.layout.localQubits,
        (u) => {
          u[6] = fStride / 2;
        },
        data,
        [b.chunks[i]!],
      );
    });
  }

  axpy(dst: StateBuffer, alpha: Float64Array, src: StateBuffer): void {
    const d = this.asGpu(dst, "axpy: dst");
    const s = this.asGpu(src, "axpy: src");
    sameShape(d, s, "axpy");
    const aStride = batchStride(alpha, 2, d.batch, "alpha", "axpy");
    const data = Float32Array.from(alpha);
    if (d === s) {
      // dst + alpha dst = (1 + alpha) dst
      const f = new Float64Array(alpha.length);
      for (let i = 0; i < alpha.length; i += 2) {
        f[i] = 1 + alpha[i]!;
        f[i + 1] = alpha[i + 1]!;
      }
      this.scale(d, f);
      return;
    }
    d.layout.chunks.forEach((c, i) => {
      this.stream.elementwise(
        { kind: "axpy" },
        c,
        d.layout,
        2 ** d.layout.localQubits,
        (u) => {
          u[6] = aStride / 2;
        },
        data,
        [d.chunks[i]!, s.chunks[i]!],
      );
    });
  }
}

function syncRead(fn: string, alt: string): BackendError {
  return new BackendError(
    `webgpu backend: ${fn} must return a value now, but WebGPU reads results back asynchronously; use \`await backend.${alt}\` (kernels are recorded synchronously and run when a result is read or \`await backend.flush()\`)`,
  );
}

function maskOfQubits(n: number, qubits: readonly number[]): number {
  let m = 0;
  for (const q of qubits) m |= 1 << (n - 1 - q);
  return m >>> 0;
}

/** False when the chunk's high bits already fail a control (the dispatch would do nothing). */
function controlsMatch(c: Chunk, ctrl: number, nLocal: number): boolean {
  const high = Math.floor(ctrl / 2 ** nLocal) * 2 ** nLocal;
  return (c.highBase & high) >>> 0 === high >>> 0;
}

function iPow(nY: number): [number, number] {
  switch (nY & 3) {
    case 0:
      return [1, 0];
    case 1:
      return [0, 1];
    case 2:
      return [-1, 0];
    default:
      return [0, -1];
  }
}

/** The dense matrices (one per phase set) of a phased permutation: M[perm[j]][j] = phase_j. */
function permutationMatrices(
  perm: Int32Array,
  phases: Float64Array | undefined,
  d: number,
): Float32Array {
  const sets = phases === undefined ? 1 : phases.length / (2 * d);
  const out = new Float32Array(2 * d * d * sets);
  for (let s = 0; s < sets; s++) {
    for (let j = 0; j < d; j++) {
      const at = s * 2 * d * d + 2 * (perm[j]! * d + j);
      out[at] = phases === undefined ? 1 : phases[s * 2 * d + 2 * j]!;
      out[at + 1] = phases === undefined ? 0 : phases[s * 2 * d + 2 * j + 1]!;
    }
  }
  return out;
}

function checkTargetCount(targets: readonly number[], fn: string): void {
  if (targets.length > MAX_TARGETS) {
    throw new ArgumentError(
      `${fn}: the webgpu backend applies at most ${MAX_TARGETS} targets at once, got ${targets.length} (${describe(targets)})`,
    );
  }
}

/** n for a density-matrix buffer of 2n qubits whose rows each fit in one chunk. */
function densityQubits(b: WebGpuStateBuffer, fn: string): number {
  if (b.nQubits % 2 !== 0) {
    throw new ArgumentError(
      `${fn}: a density matrix is stored as vec(rho) on an even number of qubits, got ${b.nQubits}`,
    );
  }
  const n = b.nQubits / 2;
  if (b.layout.localQubits < n) {
    throw new ResourceError(
      `${fn}: one row of a ${n}-qubit density matrix (2^${n} entries) must fit in one GPU buffer of 2^${b.layout.localQubits}`,
    );
  }
  return n;
}
