/**
 * Finding a WebGPU device: `navigator.gpu` where it exists (browsers, Deno), else the `webgpu`
 * npm package (Dawn's Node bindings, an optional dependency) loaded lazily, so the CPU-only
 * library never needs it. Every way this can fail ends in a `BackendError` that says which step
 * failed and why; there is no silent fallback to the CPU.
 */
import { BackendError } from "../../errors.js";
import type { Gpu, GpuAdapter, GpuDevice } from "./gpu-types.js";

/** Where the device came from and what it is. */
export interface GpuDeviceInfo {
  /** `navigator.gpu`, the `webgpu` npm package (Dawn), or a GPU object passed in options. */
  source: "navigator.gpu" | "webgpu-package" | "given";
  /** The adapter's vendor ("" when not reported). */
  vendor: string;
  /** The adapter's architecture ("" when not reported). */
  architecture: string;
  /** The adapter's description ("" when not reported). */
  description: string;
  /** Whether it is a software fallback adapter (e.g. SwiftShader). */
  isFallbackAdapter: boolean;
}

/** Options of `acquireDevice` / `initWebGpu`. */
export interface AcquireOptions {
  /** Use this GPU object instead of looking one up (e.g. one made by `create([...])` of `webgpu`). */
  gpu?: Gpu;
  /** Options passed to the `webgpu` package's `create` (e.g. `["backend=opengles"]`). */
  dawnOptions?: string[];
  /** Passed to `requestAdapter` (e.g. "compatibility" for Dawn's OpenGL ES backend). */
  featureLevel?: string;
  /** Passed to `requestAdapter`: which GPU to prefer on a machine with several. */
  powerPreference?: "low-power" | "high-performance";
}

/** Limits requested at the adapter's maximum (storage sizes decide how states are split). */
const WANTED_LIMITS = [
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxStorageBuffersPerShaderStage",
  "maxComputeWorkgroupsPerDimension",
  // compatibility mode (Dawn on OpenGL ES) defaults to 128 invocations; the kernels use 256
  "maxComputeWorkgroupSizeX",
  "maxComputeInvocationsPerWorkgroup",
];

/**
 * The Dawn instances `loadDawn` made, kept for the life of the process. dawn.node's GPU object
 * owns the Dawn instance, but adapters and devices poll it through a raw pointer: once V8
 * collected the GPU object, the next poll read freed memory (SIGSEGV, std::system_error, mutex
 * assertions, hangs at random points: docs/dawn-node-study.md).
 */
const dawnInstances = new Map<string, Gpu>();
/** Each device's GPU object, alive as long as the device (also for a GPU object passed in). */
const owners = new WeakMap<GpuDevice, Gpu>();

/** Imported lazily; the string is in a variable so bundlers leave the optional package alone. */
async function loadDawn(options: string[]): Promise<Gpu> {
  const key = options.join(",");
  const known = dawnInstances.get(key);
  if (known !== undefined) return known;
  // Dawn's OpenGL ES backend on a machine without a display: EGL's surfaceless platform
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process
    ?.env;
  if (env !== undefined && options.includes("backend=opengles"))
    env["EGL_PLATFORM"] ??= "surfaceless";
  const name = "webgpu";
  let mod: { create?: (o: string[]) => Gpu; globals?: object };
  try {
    mod = (await import(/* @vite-ignore */ name)) as typeof mod;
  } catch (e) {
    throw new BackendError(
      `webgpu backend: no navigator.gpu here and the optional package "webgpu" (Dawn for Node) could not be loaded: ${(e as Error).message}. Install it with \`npm install webgpu\`, or run in a browser with WebGPU`,
    );
  }
  if (typeof mod.create !== "function") {
    throw new BackendError(`webgpu backend: the "webgpu" package has no create() function`);
  }
  try {
    const gpu = mod.create(options);
    dawnInstances.set(key, gpu);
    return gpu;
  } catch (e) {
    throw new BackendError(
      `webgpu backend: the "webgpu" package failed to start Dawn: ${(e as Error).message}`,
    );
  }
}

/**
 * A WebGPU device with the adapter's maximum storage limits, and where it came from.
 * @example
 * const { device, info } = await acquireDevice();
 */
export async function acquireDevice(
  options: AcquireOptions = {},
): Promise<{ device: GpuDevice; adapter: GpuAdapter; info: GpuDeviceInfo }> {
  let gpu = options.gpu;
  let source: GpuDeviceInfo["source"] = "given";
  if (gpu === undefined) {
    const nav = (globalThis as { navigator?: { gpu?: Gpu } }).navigator;
    if (nav?.gpu !== undefined) {
      gpu = nav.gpu;
      source = "navigator.gpu";
    } else {
      const isNode =
        typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
          ?.node === "string";
      if (!isNode) {
        throw new BackendError(
          "webgpu backend: this JavaScript runtime has no navigator.gpu (WebGPU is not available or not enabled here; in Chromium it needs a secure context, e.g. https or localhost)",
        );
      }
      gpu = await loadDawn(options.dawnOptions ?? dawnOptionsFromEnv());
      source = "webgpu-package";
    }
  }
  const request: { powerPreference?: "low-power" | "high-performance"; featureLevel?: string } = {};
  if (options.powerPreference !== undefined) request.powerPreference = options.powerPreference;
  const featureLevel =
    options.featureLevel ?? (source === "webgpu-package" ? featureLevelFromEnv() : undefined);
  if (featureLevel !== undefined) request.featureLevel = featureLevel;
  let adapter: GpuAdapter | null;
  try {
    adapter = await gpu.requestAdapter(request);
  } catch (e) {
    throw new BackendError(`webgpu backend: requestAdapter failed: ${(e as Error).message}`);
  }
  if (adapter === null) {
    throw new BackendError(
      `webgpu backend: ${source} found no GPU adapter (no GPU, or no driver WebGPU can use: Vulkan, Metal, D3D12${source === "webgpu-package" ? "; in Node, Dawn needs a Vulkan driver, e.g. Mesa's lavapipe, or its OpenGL ES backend: QOAR_DAWN_OPTIONS=backend=opengles QOAR_WEBGPU_FEATURE_LEVEL=compatibility" : ""})`,
    );
  }
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) {
    const v = adapter.limits[name];
    if (typeof v === "number") requiredLimits[name] = v;
  }
  let device: GpuDevice;
  try {
    device = await adapter.requestDevice({ requiredLimits });
  } catch (e) {
    throw new BackendError(`webgpu backend: requestDevice failed: ${(e as Error).message}`);
  }
  owners.set(device, gpu);
  const ai = adapter.info ?? {};
  return {
    device,
    adapter,
    info: {
      source,
      vendor: ai.vendor ?? "",
      architecture: ai.architecture ?? "",
      description: ai.description ?? "",
      isFallbackAdapter: adapter.isFallbackAdapter ?? false,
    },
  };
}

/**
 * `QOAR_DAWN_OPTIONS`: comma-separated options for the `webgpu` package's `create` when none are
 * given in code, e.g. "backend=opengles" (Dawn's OpenGL ES backend on a machine without Vulkan).
 */
function dawnOptionsFromEnv(): string[] {
  const v = envVar("QOAR_DAWN_OPTIONS");
  return v === undefined
    ? []
    : v
        .split(",")
        .map((o) => o.trim())
        .filter((o) => o !== "");
}

/** `QOAR_WEBGPU_FEATURE_LEVEL`: `requestAdapter`'s featureLevel for Dawn, e.g. "compatibility". */
function featureLevelFromEnv(): string | undefined {
  return envVar("QOAR_WEBGPU_FEATURE_LEVEL");
}

function envVar(name: string): string | undefined {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process
    ?.env;
  const v = env?.[name];
  return v === undefined || v === "" ? undefined : v;
}
