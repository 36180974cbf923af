/**
 * `WebGpuStateBuffer`: a [batch, 2^n] complex64 state in one or more GPU storage buffers, cut by
 * `layout.ts`; made by `WebGpuBackend`, read by its kernels and reductions.
 */
import { ArgumentError } from "../../errors.js";
import type { StateBuffer } from "../backend.js";
import type { GpuBuffer } from "./gpu-types.js";
import type { Layout } from "./layout.js";
import type { WebGpuBackend } from "./webgpu.js";

/**
 * A state buffer on the GPU: one or more storage buffers (see layout.ts).
 * @example
 * const psi = backend.zeros(3) as WebGpuStateBuffer;
 * psi.layout.chunks.length; // 1
 */
export class WebGpuStateBuffer implements StateBuffer {
  /** The owning backend's registry name, always "webgpu". */
  readonly backend = "webgpu";
  private _chunks: GpuBuffer[];
  private _freed = false;

  /**
   * Wraps GPU buffers already laid out as `layout` (made by `WebGpuBackend.allocate`, not by users).
   * @example
   * const psi = gpu.zeros(3) as WebGpuStateBuffer; // rather than new WebGpuStateBuffer(...)
   */
  constructor(
    /** Qubits per state. */
    readonly nQubits: number,
    /** Number of states. */
    readonly batch: number,
    /** How the states are cut into GPU buffers. */
    readonly layout: Layout,
    chunks: GpuBuffer[],
    /** The backend whose device holds the buffers. */
    readonly owner: WebGpuBackend,
  ) {
    this._chunks = chunks;
  }

  /** The GPU buffers, in `layout.chunks` order; throws after `free`. */
  get chunks(): GpuBuffer[] {
    if (this._freed) throw new ArgumentError("webgpu backend: state buffer used after free()");
    return this._chunks;
  }

  /** Whether the buffer was freed (its chunks are gone). */
  get freed(): boolean {
    return this._freed;
  }

  /** @internal */
  release(): GpuBuffer[] {
    const c = this._chunks;
    this._freed = true;
    this._chunks = [];
    return c;
  }
}
