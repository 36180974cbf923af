/**
 * The webgpu backend's command stream: one open command encoder that every kernel records into,
 * the parameter arena that feeds them, the pipeline and bind-group caches, submission, read back,
 * and GPU error checks. Kernels never read back between dispatches; a submit happens when a
 * result is read, `flush()` is awaited, the arena fills, or freed buffers pile up.
 *
 * Per-dispatch parameters (the 512-byte uniform block and the matrix/diagonal/angle floats) go
 * into a CPU-side arena that is written to one GPU buffer with a single `writeBuffer` right before
 * the encoder is submitted (queue order makes that safe when the arena is reused). Each kernel has
 * an explicit bind-group layout whose two arena bindings take dynamic offsets, so a bind group
 * depends only on (kernel, data window, state buffers) and is made once.
 */
import { BackendError, ResourceError } from "../../errors.js";
import {
  BufferUsage,
  type GpuBuffer,
  type GpuBufferBinding,
  type GpuBufferLayoutEntry,
  type GpuCommandEncoder,
  type GpuComputePass,
  type GpuComputePipeline,
  type GpuDevice,
  MAP_MODE_READ,
  SHADER_STAGE_COMPUTE,
} from "./gpu-types.js";
import { type Chunk, type Layout, MAX_GRID } from "./layout.js";
import { type Kernel, type KernelSpec, kernelKey, makeKernel, WG } from "./shaders.js";

const UNIFORM_BYTES = 512;
/** Bind groups kept for reuse (see `bindGroup`). */
const MAX_BIND_GROUPS = 4096;

/** A kernel's pipeline, its bind-group layout, and whether it reads arena data ("m"/"tm"). */
interface CompiledKernel {
  kernel: Kernel;
  pipeline: GpuComputePipeline;
  layout: unknown;
  hasData: boolean;
}

/**
 * The data binding's size for `bytes` of data: 256 x 4^k bytes, the smallest that holds it, so a
 * few window sizes (and bind groups) serve every matrix, diagonal and term list.
 */
function dataWindow(bytes: number): number {
  let w = 256;
  while (w < bytes) w *= 4;
  return w;
}
const ALIGN = 256;
/** Freed-but-not-yet-destroyed bytes that trigger a submit (see `release`). */
const FREED_BYTES_BEFORE_SUBMIT = 256 * 2 ** 20;

/** A dispatch's storage binding: a state chunk or a range of a buffer. */
export type Resource = { buffer: GpuBuffer; offset?: number; size?: number };

/** Options of a command stream (the backend passes its own). */
export interface CommandStreamOptions {
  /** Bytes of the per-submit parameter arena (default 4 MiB). */
  arenaBytes?: number;
  /** Wrap each submitted command buffer in a validation error scope (default true). */
  errorScopes?: boolean;
  /** Reuse bind groups across dispatches (default true). */
  bindGroupCache?: boolean;
}

/**
 * The recording side of one webgpu backend (see the module comment).
 * @example
 * const stream = new CommandStream(device);
 * stream.dispatch({ kind: "setOne" }, u, undefined, [{ buffer }], [1, 1]);
 * await stream.flush();
 */
export class CommandStream {
  /** Dispatches recorded since creation (for tests and benchmarks). */
  dispatches = 0;
  /** Command buffers submitted since creation. */
  submits = 0;
  /** The dispatch grid's limit per dimension. */
  readonly maxWorkgroups: number;
  /** Bytes of the parameter arena: one dispatch's uniform block and data must fit. */
  readonly arenaBytes: number;
  private readonly pipelines = new Map<string, CompiledKernel>();
  private readonly bindGroups = new Map<string, unknown>();
  private readonly bufferIds = new WeakMap<GpuBuffer, number>();
  private nextBufferId = 1;
  private encoder: GpuCommandEncoder | undefined;
  private pass: GpuComputePass | undefined;
  private readonly arena: GpuBuffer;
  private readonly arenaCpu: ArrayBuffer;
  private readonly arenaU32: Uint32Array;
  private readonly arenaF32: Float32Array;
  private arenaUsed = 0;
  private pendingDestroy: GpuBuffer[] = [];
  /** Bytes of freed buffers waiting for the next submit (which destroys them). */
  private pendingBytes = 0;
  private readonly errors: string[] = [];
  private readonly errorChecks: Promise<void>[] = [];
  private readonly errorScopes: boolean;
  private readonly cacheBindGroups: boolean;

  /** A stream recording on `device`. */
  constructor(
    /** The device the pipelines, bind groups and arena live on. */
    readonly device: GpuDevice,
    options: CommandStreamOptions = {},
  ) {
    this.errorScopes = options.errorScopes ?? true;
    this.cacheBindGroups = options.bindGroupCache ?? true;
    this.maxWorkgroups = Math.min(
      device.limits["maxComputeWorkgroupsPerDimension"] ?? 65535,
      MAX_GRID,
    );
    const arenaBytes = options.arenaBytes ?? 4 * 2 ** 20;
    this.arenaBytes = arenaBytes;
    this.arena = device.createBuffer({
      // room for the widest data window past the last arena slice (bindGroup)
      size: arenaBytes + dataWindow(arenaBytes),
      usage: BufferUsage.UNIFORM | BufferUsage.STORAGE | BufferUsage.COPY_DST,
      label: "qoar-arena",
    });
    this.arenaCpu = new ArrayBuffer(arenaBytes);
    this.arenaU32 = new Uint32Array(this.arenaCpu);
    this.arenaF32 = new Float32Array(this.arenaCpu);
  }

  /**
   * The compiled kernel of `spec`, with an explicit bind-group layout whose arena bindings (the
   * uniform block and the "m"/"tm" data) take dynamic offsets: a bind group then depends only on
   * the kernel, the data window and the state buffers, so it is made once and reused.
   */
  private pipeline(spec: KernelSpec): CompiledKernel {
    const key = kernelKey(spec);
    let p = this.pipelines.get(key);
    if (p === undefined) {
      const kernel = makeKernel(spec);
      const module = this.device.createShaderModule({ code: kernel.code, label: key });
      const entries: GpuBufferLayoutEntry[] = [
        {
          binding: 0,
          visibility: SHADER_STAGE_COMPUTE,
          buffer: { type: "uniform", hasDynamicOffset: true },
        },
      ];
      kernel.bindings.forEach((kind, i) => {
        const arena = kind === "m" || kind === "tm";
        const readOnly = arena || kind === "r" || kind === "pr";
        entries.push({
          binding: i + 1,
          visibility: SHADER_STAGE_COMPUTE,
          buffer: { type: readOnly ? "read-only-storage" : "storage", hasDynamicOffset: arena },
        });
      });
      const layout = this.device.createBindGroupLayout({ entries, label: key });
      const pipeline = this.device.createComputePipeline({
        layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout], label: key }),
        compute: { module, entryPoint: "main" },
        label: key,
      });
      const hasData = kernel.bindings.some((k) => k === "m" || k === "tm");
      p = { kernel, pipeline, layout, hasData };
      this.pipelines.set(key, p);
    }
    return p;
  }

  /** The open encoder (a new one, inside a validation error scope, when none is open). */
  private enc(): GpuCommandEncoder {
    if (this.encoder === undefined) {
      if (this.errorScopes) this.device.pushErrorScope("validation");
      this.encoder = this.device.createCommandEncoder();
    }
    return this.encoder;
  }

  private computePass(): GpuComputePass {
    if (this.pass === undefined) this.pass = this.enc().beginComputePass();
    return this.pass;
  }

  /** Ends the open compute pass so copy commands can be recorded. */
  copyEncoder(): GpuCommandEncoder {
    if (this.pass !== undefined) {
      this.pass.end();
      this.pass = undefined;
    }
    return this.enc();
  }

  /** Submits what was recorded (the arena first). Synchronous; results arrive later. */
  submit(): void {
    if (this.encoder === undefined) return;
    const encoder = this.copyEncoder();
    if (this.arenaUsed > 0) {
      this.device.queue.writeBuffer(this.arena, 0, this.arenaCpu, 0, this.arenaUsed);
    }
    this.device.queue.submit([encoder.finish()]);
    this.submits++;
    this.encoder = undefined;
    this.arenaUsed = 0;
    for (const b of this.pendingDestroy) b.destroy();
    this.pendingDestroy = [];
    this.pendingBytes = 0;
    if (this.errorScopes) {
      this.errorChecks.push(
        this.device.popErrorScope().then((e) => {
          if (e !== null) this.errors.push(e.message);
        }),
      );
    }
  }

  /** Throws the first GPU validation error seen since the last check. */
  private async checkErrors(): Promise<void> {
    const checks = this.errorChecks.splice(0);
    await Promise.all(checks);
    if (this.errors.length > 0) {
      const msgs = this.errors.splice(0);
      throw new BackendError(`webgpu backend: the GPU reported: ${msgs.join("; ")}`);
    }
  }

  /** Byte offset of `bytes` of arena space (256-aligned); submits first when the arena is full. */
  private reserve(bytes: number): number {
    const size = Math.ceil(bytes / ALIGN) * ALIGN;
    if (size > this.arenaCpu.byteLength) {
      throw new ResourceError(
        `webgpu backend: one kernel call needs ${bytes} bytes of parameters, more than the arena (${this.arenaCpu.byteLength}); pass a larger arenaBytes`,
      );
    }
    if (this.arenaUsed + size > this.arenaCpu.byteLength) this.submit();
    const off = this.arenaUsed;
    this.arenaUsed += size;
    return off;
  }

  /**
   * Records one dispatch. `u` holds the uniform block's 128 words; `data` goes to the "m"/"tm"
   * binding; `states` fill the other bindings in order; `grid` = workgroups (x, y).
   */
  dispatch(
    spec: KernelSpec,
    u: Uint32Array,
    data: Float32Array | Uint32Array | undefined,
    states: Resource[],
    grid: readonly [number, number],
  ): void {
    const compiled = this.pipeline(spec);
    const dataBytes = data === undefined ? 0 : Math.max(16, data.byteLength);
    const off = this.reserve(UNIFORM_BYTES + dataBytes);
    this.arenaU32.set(u, off / 4);
    const dataOff = off + UNIFORM_BYTES;
    if (data !== undefined) {
      if (data instanceof Float32Array) this.arenaF32.set(data, dataOff / 4);
      else this.arenaU32.set(data, dataOff / 4);
    }
    const window = compiled.hasData ? dataWindow(dataBytes) : 0;
    const group = this.bindGroup(compiled, window, states);
    const pass = this.computePass();
    pass.setPipeline(compiled.pipeline);
    pass.setBindGroup(0, group, compiled.hasData ? [off, dataOff] : [off]);
    pass.dispatchWorkgroups(grid[0], grid[1]);
    this.dispatches++;
  }

  /**
   * The bind group of a kernel on these state buffers with a data window of `window` bytes
   * (cached: making one costs more than the rest of a dispatch's recording). The arena slices
   * are bound at offset 0 and moved by the dynamic offsets of each dispatch.
   */
  private bindGroup(compiled: CompiledKernel, window: number, states: Resource[]): unknown {
    let key = `${compiled.kernel.key}|${window}`;
    for (const r of states) key += `|${this.bufferId(r.buffer)}:${r.offset ?? 0}:${r.size ?? ""}`;
    let group = this.bindGroups.get(key);
    if (group !== undefined) {
      // most recently used last: eviction takes the least recently used first
      this.bindGroups.delete(key);
      this.bindGroups.set(key, group);
      return group;
    }
    const entries: GpuBufferBinding[] = [
      { binding: 0, resource: { buffer: this.arena, offset: 0, size: UNIFORM_BYTES } },
    ];
    let s = 0;
    compiled.kernel.bindings.forEach((kind, i) => {
      if (kind === "m" || kind === "tm") {
        entries.push({ binding: i + 1, resource: { buffer: this.arena, offset: 0, size: window } });
      } else {
        const r = states[s++];
        if (r === undefined) {
          throw new Error(`webgpu: kernel ${compiled.kernel.key} is missing a binding`);
        }
        entries.push({ binding: i + 1, resource: r });
      }
    });
    group = this.device.createBindGroup({ layout: compiled.layout, entries });
    if (!this.cacheBindGroups) return group;
    // bounded: groups of freed buffers are never asked for again and leave first (least recent)
    if (this.bindGroups.size >= MAX_BIND_GROUPS) {
      this.bindGroups.delete(this.bindGroups.keys().next().value as string);
    }
    this.bindGroups.set(key, group);
    return group;
  }

  private bufferId(b: GpuBuffer): number {
    let id = this.bufferIds.get(b);
    if (id === undefined) {
      id = this.nextBufferId++;
      this.bufferIds.set(b, id);
    }
    return id;
  }

  /** An elementwise dispatch over `items` threads for each of the chunk's batch elements. */
  elementwise(
    spec: KernelSpec,
    chunk: Chunk,
    layout: Layout,
    items: number,
    fill: (u: Uint32Array, f: Float32Array) => void,
    data: Float32Array | Uint32Array | undefined,
    states: readonly (GpuBuffer | Resource)[],
  ): void {
    if (items === 0) return;
    const u = new Uint32Array(128);
    const f = new Float32Array(u.buffer);
    u[0] = items;
    u[1] = chunk.count;
    u[2] = chunk.batch0;
    u[3] = chunk.highBase >>> 0;
    u[7] = layout.localQubits;
    fill(u, f);
    const groups = Math.ceil((items * chunk.count) / WG);
    const gx = Math.min(groups, this.maxWorkgroups);
    const gy = Math.ceil(groups / gx);
    if (gy > this.maxWorkgroups) {
      throw new ResourceError(`webgpu backend: ${groups} workgroups exceed the dispatch grid`);
    }
    this.dispatch(
      spec,
      u,
      data,
      states.map((r) => (isGpuBuffer(r) ? { buffer: r } : r)),
      [gx, gy],
    );
  }

  /** Submits everything recorded and waits until the GPU has run it; rethrows GPU errors. */
  async flush(): Promise<void> {
    this.submit();
    await this.device.queue.onSubmittedWorkDone();
    await this.checkErrors();
  }

  /** Copies `parts` (buffer, offset, bytes) into one readback buffer and maps it. */
  async readBack(
    parts: { buffer: GpuBuffer; offset: number; bytes: number }[],
  ): Promise<ArrayBuffer> {
    const total = parts.reduce((s, p) => s + p.bytes, 0);
    const staging = this.device.createBuffer({
      size: Math.max(16, Math.ceil(total / 4) * 4),
      usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST,
    });
    const enc = this.copyEncoder();
    let at = 0;
    for (const p of parts) {
      enc.copyBufferToBuffer(p.buffer, p.offset, staging, at, p.bytes);
      at += p.bytes;
    }
    this.submit();
    try {
      await staging.mapAsync(MAP_MODE_READ);
      const out = staging.getMappedRange().slice(0, total);
      staging.unmap();
      return out;
    } finally {
      staging.destroy();
      await this.checkErrors();
    }
  }

  /**
   * Destroys `buffers` (`bytes` in all) once commands recorded before can no longer need them:
   * at once when nothing is recorded, else after the next submit. Many freed bytes (a sweep's
   * shifted runs or recomputed segments) force that submit, so they don't pile up.
   */
  release(buffers: readonly GpuBuffer[], bytes: number): void {
    if (this.encoder === undefined) {
      for (const b of buffers) b.destroy();
      return;
    }
    this.pendingDestroy.push(...buffers);
    this.pendingBytes += bytes;
    if (this.pendingBytes > FREED_BYTES_BEFORE_SUBMIT) this.submit();
  }

  /** Submits what is recorded and releases the arena. */
  destroy(): void {
    this.submit();
    this.arena.destroy();
  }
}

/** A GPUBuffer (it can be destroyed), as opposed to a binding range of one. */
function isGpuBuffer(r: GpuBuffer | Resource): r is GpuBuffer {
  return typeof (r as GpuBuffer).destroy === "function";
}
