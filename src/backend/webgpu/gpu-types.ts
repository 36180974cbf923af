/**
 * The slice of the WebGPU API this backend uses, typed structurally. qoar compiles without the DOM
 * library or `@webgpu/types` (an optional dependency's dependency), so it declares what it calls;
 * both `navigator.gpu` objects and the `webgpu` package's (Dawn) objects satisfy these shapes.
 */

/** GPUBufferUsage flags (WebGPU spec values). */
export const BufferUsage = {
  MAP_READ: 0x1,
  COPY_SRC: 0x4,
  COPY_DST: 0x8,
  UNIFORM: 0x40,
  STORAGE: 0x80,
} as const;

/** GPUMapMode.READ. */
export const MAP_MODE_READ = 0x1;

/** GPUShaderStage.COMPUTE. */
export const SHADER_STAGE_COMPUTE = 0x4;

/** A GPUBindGroupLayoutEntry for a buffer binding. */
export interface GpuBufferLayoutEntry {
  binding: number;
  visibility: number;
  buffer: { type: "uniform" | "storage" | "read-only-storage"; hasDynamicOffset?: boolean };
}

/** A GPUBuffer: storage, uniform or readback memory on the device. */
export interface GpuBuffer {
  readonly size: number;
  destroy(): void;
  mapAsync(mode: number, offset?: number, size?: number): Promise<void>;
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  unmap(): void;
}

/** A GPUBindGroupEntry that binds (a range of) a buffer. */
export interface GpuBufferBinding {
  binding: number;
  resource: { buffer: GpuBuffer; offset?: number; size?: number };
}

/** A GPUComputePipeline (one compiled WGSL kernel). */
export interface GpuComputePipeline {
  getBindGroupLayout(index: number): unknown;
}

/** A GPUComputePassEncoder. */
export interface GpuComputePass {
  setPipeline(p: GpuComputePipeline): void;
  setBindGroup(index: number, group: unknown, dynamicOffsets?: number[]): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

/** A GPUCommandEncoder: records passes and copies into a command buffer. */
export interface GpuCommandEncoder {
  beginComputePass(): GpuComputePass;
  copyBufferToBuffer(
    src: GpuBuffer,
    srcOffset: number,
    dst: GpuBuffer,
    dstOffset: number,
    size: number,
  ): void;
  clearBuffer(buf: GpuBuffer, offset?: number, size?: number): void;
  finish(): unknown;
}

/** A GPUQueue: submits command buffers and writes buffers. */
export interface GpuQueue {
  submit(buffers: unknown[]): void;
  writeBuffer(
    buf: GpuBuffer,
    offset: number,
    data: ArrayBufferView | ArrayBuffer,
    dataOffset?: number,
    size?: number,
  ): void;
  onSubmittedWorkDone(): Promise<void>;
}

/** A GPUError, as popped from an error scope. */
export interface GpuError {
  readonly message: string;
}

/** A GPUDevice: creates buffers, pipelines and encoders; owns the queue. */
export interface GpuDevice {
  readonly limits: Readonly<Record<string, number>>;
  readonly queue: GpuQueue;
  readonly lost: Promise<{ message: string; reason?: string }>;
  createBuffer(d: {
    size: number;
    usage: number;
    mappedAtCreation?: boolean;
    label?: string;
  }): GpuBuffer;
  createShaderModule(d: { code: string; label?: string }): unknown;
  createComputePipeline(d: {
    layout: "auto" | unknown;
    compute: { module: unknown; entryPoint: string };
    label?: string;
  }): GpuComputePipeline;
  createBindGroupLayout(d: { entries: GpuBufferLayoutEntry[]; label?: string }): unknown;
  createPipelineLayout(d: { bindGroupLayouts: unknown[]; label?: string }): unknown;
  createBindGroup(d: { layout: unknown; entries: GpuBufferBinding[] }): unknown;
  createCommandEncoder(): GpuCommandEncoder;
  pushErrorScope(filter: "validation" | "out-of-memory" | "internal"): void;
  popErrorScope(): Promise<GpuError | null>;
  destroy(): void;
}

/** A GPUAdapterInfo (fields may be empty or missing). */
export interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
}

/** A GPUAdapter: a physical (or fallback) GPU that hands out devices. */
export interface GpuAdapter {
  readonly limits: Readonly<Record<string, number>>;
  readonly info?: GpuAdapterInfo;
  readonly isFallbackAdapter?: boolean;
  readonly features: { has(name: string): boolean };
  requestDevice(d?: { requiredLimits?: Record<string, number> }): Promise<GpuDevice>;
}

/** The GPU object (`navigator.gpu`, or the `webgpu` package's `create([...])`). */
export interface Gpu {
  requestAdapter(options?: {
    powerPreference?: "low-power" | "high-performance";
    featureLevel?: string;
  }): Promise<GpuAdapter | null>;
}
