/**
 * The WebGPU benchmark cases, shared by the `webgpu` bench suite (`npm run bench`, in-process)
 * and scripts/webgpu-bench-child.ts (the bundled child `scripts/gpu-check.sh` runs on a lent GPU):
 *
 * - `gate-ry`: a dense 1-qubit gate, many per command stream (200; 40 at n >= 26), so launch
 *   overhead does not hide the kernel. `median_ms` is per gate from before recording to the GPU
 *   finishing; `gpu_ms` from submit to finish. `gbps` counts 2 x 8 x 2^n bytes per gate (read
 *   and write every complex64 amplitude): compare it with the card's memory bandwidth.
 * - `layered-10`: 10 x (RY on every qubit, RZ on every qubit, CNOT chain) as raw kernels.
 * - `record-dispatch` (run by `recordCase`): the CPU cost of recording one 1-qubit gate (4 qubits,
 *   5000 gates, GPU time excluded), against a backend that makes a bind group per dispatch
 *   (`bindGroupCache: false`, the baseline): what bounds small circuits on a real GPU.
 * - `layered-10-gradient`: the same circuit as a qoar `Circuit` (20n parameters), forward +
 *   `expecValAsync(Z0)` + `runBackwardAsync` (the adjoint on the GPU, fused blocks), against the
 *   forward pass alone in the same run (`ratio` = gradient / forward).
 */
import type { WebGpuBackend } from "../src/backend/webgpu/webgpu.js";
import { expecValAsync } from "../src/qml/expecval.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { runBackwardAsync } from "../src/tensor/autograd.js";
import type { BenchRecord } from "./harness.js";
import { median, round } from "./harness.js";

const c = Math.cos(0.15);
const s = Math.sin(0.15);
const RY = Float64Array.of(c, 0, -s, 0, s, 0, c, 0); // dense (not diagonal, not a permutation)
const RZ = Float64Array.of(c, -s, c, s); // diag(e^{-i t/2}, e^{i t/2})
const X = Int32Array.of(1, 0);

/** Where results and progress go. */
export interface WebGpuBenchOutput {
  report(record: BenchRecord): void;
  progress(message: string): void;
  /** Which cases to run (default all). */
  selected?(caseName: string): boolean;
}

/**
 * Runs the cases at every n of `sizes` on `gpu`.
 * @example
 * await benchWebGpu(gpu, [20, 22, 24], { report: (r) => console.log(JSON.stringify(r)), progress: console.error });
 */
export async function benchWebGpu(
  gpu: WebGpuBackend,
  sizes: readonly number[],
  out: WebGpuBenchOutput,
): Promise<void> {
  const want = (name: string): boolean => out.selected?.(name) ?? true;
  const device = `${gpu.info.vendor} ${gpu.info.architecture} ${gpu.info.description}`.trim();
  /** Records `record()` then waits for the GPU: [wall ms, submit-to-done ms]. */
  const timeStream = async (record: () => void): Promise<[number, number]> => {
    await gpu.flush();
    const t0 = performance.now();
    record();
    const t1 = performance.now();
    await gpu.flush();
    const t2 = performance.now();
    return [t2 - t0, t2 - t1];
  };
  for (const n of sizes) {
    const psi = gpu.zeros(n);
    if (want("gate-ry")) {
      const gates = n >= 26 ? 40 : 200;
      await timeStream(() => {
        for (let g = 0; g < 4; g++) gpu.applyDense(psi, [g % n], RY); // compiles, touches memory
      });
      const walls: number[] = [];
      const gpus: number[] = [];
      for (let r = 0; r < 5; r++) {
        const [w, g] = await timeStream(() => {
          for (let i = 0; i < gates; i++) gpu.applyDense(psi, [i % n], RY);
        });
        walls.push(w / gates);
        gpus.push(g / gates);
      }
      const bytes = 2 * 8 * 2 ** n;
      const ms = median(walls);
      const gms = median(gpus);
      out.report({
        suite: "webgpu",
        case: "gate-ry",
        n,
        median_ms: round(ms),
        gpu_ms: round(gms),
        runs: 5,
        gates_per_stream: gates,
        gbps: round(bytes / (ms * 1e-3) / 1e9),
        gbps_gpu: round(bytes / (gms * 1e-3) / 1e9),
        device,
      });
    }
    if (want("layered-10")) {
      const layered: number[] = [];
      for (let r = 0; r < 3; r++) {
        const [w] = await timeStream(() => {
          for (let l = 0; l < 10; l++) {
            for (let q = 0; q < n; q++) gpu.applyDense(psi, [q], RY);
            for (let q = 0; q < n; q++) gpu.applyDiagonal(psi, [q], RZ);
            for (let q = 0; q + 1 < n; q++) gpu.applyPermutation(psi, [q + 1], X, undefined, [q]);
          }
        });
        layered.push(w);
      }
      out.report({
        suite: "webgpu",
        case: "layered-10",
        n,
        median_ms: round(median(layered)),
        runs: 3,
        gates: 10 * (3 * n - 1),
        device,
      });
    }
    gpu.free(psi);
    if (want("layered-10-gradient")) await gradientCase(gpu, n, device, out);
    out.progress(`webgpu n=${n} done`);
  }
}

/** Forward vs forward + adjoint gradient of layered-10 as a Circuit on the GPU. */
async function gradientCase(
  gpu: WebGpuBackend,
  n: number,
  device: string,
  out: WebGpuBenchOutput,
): Promise<void> {
  const circuit = new Circuit(n, { seed: n, backend: gpu });
  for (let l = 0; l < 10; l++) circuit.ry("full").rz("full").cnot("linear");
  const forward = async (): Promise<void> => {
    const psi = circuit.forward();
    await psi.normSquaredAsync(); // runs the recorded stream
    psi.free();
  };
  const gradient = async (): Promise<void> => {
    for (const p of circuit.parameters()) p.grad = null;
    const psi = circuit.forward();
    await runBackwardAsync(await expecValAsync(psi, "Z0"));
    psi.free();
  };
  const time = async (fn: () => Promise<void>): Promise<number> => {
    await fn(); // warm-up
    const xs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await fn();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const fwd = await time(forward);
  const grad = await time(gradient);
  out.report({
    suite: "webgpu",
    case: "layered-10-gradient",
    n,
    params: 20 * n,
    median_ms: round(grad),
    runs: 3,
    baseline: "forward",
    baseline_ms: round(fwd),
    ratio: round(grad / fwd, 3),
    device,
  });
}

/**
 * The `record-dispatch` case: microseconds of CPU per recorded gate, with cached bind groups
 * (`gpu`) and without (`uncached`, the same device's baseline).
 * @example
 * await recordCase(gpu, uncachedGpu, out);
 */
export async function recordCase(
  gpu: WebGpuBackend,
  uncached: WebGpuBackend,
  out: WebGpuBenchOutput,
): Promise<void> {
  const gates = 5000;
  const time = async (b: WebGpuBackend): Promise<number> => {
    const psi = b.zeros(4);
    const xs: number[] = [];
    for (let r = 0; r < 4; r++) {
      await b.flush();
      const t0 = performance.now();
      for (let i = 0; i < gates; i++) b.applyDense(psi, [i % 4], RY);
      xs.push((performance.now() - t0) / gates);
      await b.flush();
    }
    b.free(psi);
    return median(xs.slice(1)); // the first run compiles and fills the caches
  };
  const ms = await time(gpu);
  const base = await time(uncached);
  out.report({
    suite: "webgpu",
    case: "record-dispatch",
    n: 4,
    median_ms: round(ms),
    runs: 3,
    gates,
    baseline: "bind group per dispatch",
    baseline_ms: round(base),
    ratio: round(ms / base, 3),
    device: `${gpu.info.vendor} ${gpu.info.architecture} ${gpu.info.description}`.trim(),
  });
}
