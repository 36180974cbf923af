/**
 * Creating the WebGPU backend. Finding a GPU is asynchronous (requestAdapter/requestDevice), so the
 * backend cannot be made on first use like the CPU one: `await initWebGpu()` makes it and registers
 * it as "webgpu", after which `setBackend("webgpu")` and `getBackend("webgpu")` work.
 */

import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { registerBackend } from "../backend.js";
import { type AcquireOptions, acquireDevice } from "./device.js";
import { WebGpuBackend, type WebGpuBackendOptions } from "./webgpu.js";

/** Options of `initWebGpu`: where to find the device, and backend tuning. */
export interface InitWebGpuOptions extends AcquireOptions, WebGpuBackendOptions {}

const INIT_WEBGPU_OPTIONS = optionKeys<InitWebGpuOptions>({
  gpu: true,
  dawnOptions: true,
  featureLevel: true,
  powerPreference: true,
  chunkQubits: true,
  arenaBytes: true,
  errorScopes: true,
  bindGroupCache: true,
  memoryLimit: true,
});

/**
 * Finds a WebGPU device (navigator.gpu, else the optional `webgpu` package in Node), creates the
 * backend and registers it as "webgpu". Throws a `BackendError` saying why when there is none.
 * @example
 * const gpu = await initWebGpu();
 * setBackend("webgpu");
 */
export async function initWebGpu(options: InitWebGpuOptions = {}): Promise<WebGpuBackend> {
  checkArity(arguments.length, 1, "initWebGpu");
  checkOptions(options, INIT_WEBGPU_OPTIONS, "initWebGpu");
  const { device, info } = await acquireDevice(options);
  const backend = new WebGpuBackend(device, info, options);
  registerBackend("webgpu", () => backend);
  return backend;
}
