/**
 * WebGPU kernel benchmark for a real GPU (run by scripts/gpu-check.sh, bundled, on plain node):
 * a 1-qubit dense gate and the layered-10 circuit at n = QOAR_NMIN..QOAR_NMAX (complex64).
 * Many gates are recorded into one command stream and timed from before recording to the GPU
 * finishing (wall) and from submit to finish (gpu), so launch overhead does not hide the kernel.
 * Bandwidth counts 2 x 8 x 2^n bytes per 1-qubit gate (read and write every amplitude).
 * Prints one JSON line per case (the bench format of DESIGN.md), progress on stderr.
 */
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

const c = Math.cos(0.15);
const s = Math.sin(0.15);
const RY = Float64Array.of(c, 0, -s, 0, s, 0, c, 0); // dense (not diagonal, not a permutation)
const RZ = Float64Array.of(c, -s, s, c);
const X = Int32Array.of(1, 0);

function median(xs: number[]): number {
  const a = [...xs].sort((p, q) => p - q);
  return a[Math.floor(a.length / 2)]!;
}

/** Records `record()` then times the GPU: returns [wall ms, submit-to-done ms]. */
async function timeStream(record: () => void): Promise<[number, number]> {
  await gpu.flush();
  const t0 = performance.now();
  record();
  const t1 = performance.now();
  await gpu.flush();
  const t2 = performance.now();
  return [t2 - t0, t2 - t1];
}

for (let n = nMin; n <= nMax; n++) {
  const psi = gpu.zeros(n);
  const gates = n >= 26 ? 40 : 200;
  // warm-up: compiles the pipelines, touches the memory
  await timeStream(() => {
    for (let g = 0; g < 4; g++) gpu.applyDense(psi, [g % n], RY);
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
  console.log(
    JSON.stringify({
      suite: "webgpu",
      case: "gate-ry",
      n,
      median_ms: ms,
      gpu_ms: median(gpus),
      runs: 5,
      gates_per_stream: gates,
      gbps: bytes / (ms * 1e-3) / 1e9,
      gbps_gpu: bytes / (median(gpus) * 1e-3) / 1e9,
      device: `${gpu.info.vendor} ${gpu.info.architecture} ${gpu.info.description}`.trim(),
    }),
  );
  // layered-10: 10 x (RY on every qubit, RZ on every qubit, CNOT chain)
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
  console.log(
    JSON.stringify({
      suite: "webgpu",
      case: "layered-10",
      n,
      median_ms: median(layered),
      runs: 3,
      gates: 10 * (3 * n - 1),
    }),
  );
  const norm = await gpu.normSquaredAsync(psi);
  process.stderr.write(`n=${n} done, norm^2 ${norm[0]}\n`);
  gpu.free(psi);
  await gpu.flush();
}
process.exit(0);
