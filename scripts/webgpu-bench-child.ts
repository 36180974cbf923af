/**
 * WebGPU benchmark for a real GPU (run by scripts/gpu-check.sh, bundled, on plain node): the
 * cases of bench/webgpu-cases.ts (a 1-qubit dense gate with its bandwidth, layered-10, and its
 * adjoint gradient on the GPU) at n = QOAR_NMIN..QOAR_NMAX (complex64). Prints one JSON line per
 * case (the bench format of DESIGN.md), progress on stderr.
 */

import { benchWebGpu } from "../bench/webgpu-cases.js";
import { initWebGpu } from "../src/backend/webgpu/init.js";
import type { WebGpuBackend } from "../src/backend/webgpu/webgpu.js";

const env = process.env;
const nMin = Number(env["QOAR_NMIN"] ?? 20);
const nMax = Number(env["QOAR_NMAX"] ?? 28);
// Dawn options: QOAR_DAWN_OPTIONS / QOAR_WEBGPU_FEATURE_LEVEL, read by initWebGpu
const gpu: WebGpuBackend = await initWebGpu({ powerPreference: "high-performance" });
process.stderr.write(
  `device: ${JSON.stringify(gpu.info)} chunkQubits=${gpu.chunkQubits} maxBinding=${gpu.device.limits["maxStorageBufferBindingSize"]}\n`,
);

const sizes: number[] = [];
for (let n = nMin; n <= nMax; n++) sizes.push(n);
await benchWebGpu(gpu, sizes, {
  report: (r) => console.log(JSON.stringify(r)),
  progress: (m) => process.stderr.write(`${m}\n`),
});
process.exit(0);
