/**
 * Suite "webgpu": the WebGPU backend's kernels and gradient (bench/webgpu-cases.ts) on whatever
 * adapter `initWebGpu()` finds: in Node, Dawn's default (Vulkan: a real GPU), or the backend
 * named by QOAR_DAWN_OPTIONS / QOAR_WEBGPU_FEATURE_LEVEL. Without an adapter the suite says why
 * on stderr and reports nothing (a CPU-only machine). n = 16..24 (`--quick`: 12, 16); on a
 * software adapter (llvmpipe) the numbers are a CPU's, not a GPU's: `device` says which.
 */
import { initWebGpu } from "../src/backend/webgpu/init.js";
import { WebGpuBackend } from "../src/backend/webgpu/webgpu.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { benchWebGpu, recordCase } from "./webgpu-cases.js";

export const suite: BenchSuite = {
  name: "webgpu",
  async run(ctx: BenchContext) {
    const cases = ["record-dispatch", "gate-ry", "layered-10", "layered-10-gradient"];
    if (!cases.some((c) => ctx.selected("webgpu", c))) return;
    let gpu: Awaited<ReturnType<typeof initWebGpu>>;
    try {
      gpu = await initWebGpu({ powerPreference: "high-performance" });
    } catch (e) {
      ctx.progress(`webgpu: skipped, no WebGPU adapter (${(e as Error).message.slice(0, 200)})`);
      return;
    }
    ctx.progress(`webgpu: ${JSON.stringify(gpu.info)}`);
    try {
      if (ctx.selected("webgpu", "record-dispatch")) {
        const uncached = new WebGpuBackend(gpu.device, gpu.info, { bindGroupCache: false });
        await recordCase(gpu, uncached, { report: (r) => ctx.report(r), progress: () => {} });
      }
      await benchWebGpu(gpu, ctx.quick ? [12, 16] : [16, 18, 20, 22, 24], {
        report: (r) => ctx.report(r),
        progress: (m) => ctx.progress(m),
        selected: (c) => ctx.selected("webgpu", c),
      });
    } finally {
      gpu.destroy();
    }
  },
};
