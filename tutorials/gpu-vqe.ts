/**
 * VQE on a GPU: a transverse-field Ising ring, H = -sum Z_i Z_(i+1) - g sum X_i, minimized by a
 * hardware-efficient circuit trained with Adam twice from the same parameters, on the webgpu
 * backend (float32 WGSL kernels) and on the cpu backend (float64). On the GPU each step records
 * the circuit, reads the energy back (`expecValAsync`: one GPU reduction), and runs the adjoint
 * gradient as one command stream with one read back (`loss.backwardAsync()`). The two training
 * curves must agree to float32 accuracy, step after step.
 *
 * Finding a GPU: `initWebGpu()` takes `navigator.gpu` in a browser and Dawn (the optional
 * `webgpu` package) in Node. On a Node machine without a GPU this tutorial asks Dawn for its
 * OpenGL ES backend on Mesa's llvmpipe instead, and says so: then the "GPU" is the CPU and its
 * timings are not a GPU's, but every number it computes is still checked against the cpu backend.
 */
import {
  Adam,
  Circuit,
  CpuBackend,
  expecValAsync,
  Hamiltonian,
  initWebGpu,
  type WebGpuBackend,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

export const meta: TutorialMeta = {
  name: "gpu-vqe",
  category: "basics",
  summary: "VQE trained on a GPU (WebGPU, float32) beside the CPU: the same curve to 1e-4",
  seconds: { full: 5, quick: 2 },
  target: {
    full: "every step's energy on webgpu within 1e-4 of cpu's (12 qubits, 60 steps); the energy falls",
    quick: "the same on 6 qubits, 15 steps",
  },
};

/** The transverse-field Ising ring on n qubits. */
function isingRing(n: number, g: number): Hamiltonian {
  const terms: string[] = [];
  for (let q = 0; q < n; q++) terms.push(`- Z${q} Z${(q + 1) % n}`);
  for (let q = 0; q < n; q++) terms.push(`- ${g} X${q}`);
  return Hamiltonian.fromString(terms.join(" "));
}

/**
 * A WebGPU device: the default adapter, else (in Node) Dawn's OpenGL ES backend, named in the log.
 */
async function findGpu(log: (line: string) => void): Promise<WebGpuBackend> {
  try {
    return await initWebGpu({ powerPreference: "high-performance" });
  } catch (first) {
    const inNode = typeof process !== "undefined" && typeof process.versions?.node === "string";
    if (!inNode) throw first;
    log(`no default WebGPU adapter (${(first as Error).message.slice(0, 120)}...)`);
    log(
      "asking Dawn for its OpenGL ES backend (Mesa's llvmpipe: a CPU, so timings are not a GPU's)",
    );
    return initWebGpu({ dawnOptions: ["backend=opengles"], featureLevel: "compatibility" });
  }
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run gpu-vqe` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const n = options.quick ? 6 : 12;
  const steps = options.quick ? 15 : 60;
  const H = isingRing(n, 1.2);
  const exact = H.groundState().energy;
  const gpu = await findGpu(log);
  const device = [gpu.info.vendor, gpu.info.architecture, gpu.info.description]
    .filter((s) => s !== "")
    .join(" ");
  log(
    `device: ${device || "(not reported)"}, ${gpu.info.source}; ${n} qubits, ${steps} Adam steps`,
  );

  const build = (backend: CpuBackend | WebGpuBackend): Circuit => {
    const c = new Circuit(n, { seed, backend });
    c.ry("full");
    c.realEntangledLayer({ depth: 3 });
    return c;
  };
  const cpu = new CpuBackend({ threads: 1 });
  const onGpu = build(gpu);
  const onCpu = build(cpu);
  const optGpu = new Adam(onGpu.parameters(), { lr: 0.05 });
  const optCpu = new Adam(onCpu.parameters(), { lr: 0.05 });
  const energies = { gpu: [] as number[], cpu: [] as number[] };
  const ms = { gpu: 0, cpu: 0 };
  let maxDiff = 0;
  try {
    for (let step = 0; step < steps; step++) {
      let t0 = performance.now();
      optGpu.zeroGrad();
      const lossGpu = await expecValAsync(onGpu.forward(), H); // the energy, read back
      await lossGpu.backwardAsync(); // the adjoint: one command stream, one read back
      optGpu.step();
      ms.gpu += performance.now() - t0;
      t0 = performance.now();
      optCpu.zeroGrad();
      const lossCpu = await expecValAsync(onCpu.forward(), H); // on cpu: the sync value
      await lossCpu.backwardAsync();
      optCpu.step();
      ms.cpu += performance.now() - t0;
      energies.gpu.push(lossGpu.item());
      energies.cpu.push(lossCpu.item());
      maxDiff = Math.max(maxDiff, Math.abs(lossGpu.item() - lossCpu.item()));
      progress(step + 1, steps, `E = ${fmt(lossGpu.item(), 5)}`);
      if (step % 5 === 0 || step === steps - 1)
        log(
          `step ${step + 1}: E(webgpu) = ${fmt(lossGpu.item())}, E(cpu) = ${fmt(lossCpu.item())}`,
        );
    }
  } finally {
    gpu.destroy();
  }
  const first = energies.cpu[0]!;
  const last = energies.cpu[steps - 1]!;
  const fell = last < first - 0.1 * Math.abs(first - exact);
  log(`largest |E(webgpu) - E(cpu)| over ${steps} steps: ${maxDiff.toExponential(2)}`);
  log(`energy ${fmt(first)} -> ${fmt(last)} (exact ground energy ${fmt(exact)})`);
  log(`per step: webgpu ${fmt(ms.gpu / steps, 4)} ms, cpu ${fmt(ms.cpu / steps, 4)} ms`);
  return {
    headline: headline(
      "max |E_webgpu - E_cpu| over the steps",
      maxDiff,
      "<= 1e-4 (units of the coupling J, float32), and the energy falls",
      maxDiff <= 1e-4 && fell,
    ),
    numbers: {
      nQubits: n,
      steps,
      device,
      source: gpu.info.source,
      exact,
      energies,
      maxDiff,
      msPerStep: { webgpu: ms.gpu / steps, cpu: ms.cpu / steps },
    },
    report: {
      title: "VQE on a GPU (WebGPU) beside the CPU",
      sections: [
        {
          heading: "Training curves",
          text: `A ${n}-qubit transverse-field Ising ring trained with Adam on ${device || "a WebGPU adapter"} (float32) and on the cpu backend (float64) from the same start. The curves lie on top of each other: the largest difference over ${steps} steps is ${maxDiff.toExponential(2)} (energies in units of the coupling J = 1).`,
          figures: [
            lineFigure("Energy per Adam step", "Adam step", "E (units of J)", [
              { name: "webgpu (float32)", y: energies.gpu },
              { name: "cpu (float64)", y: energies.cpu, mode: "markers" },
              { name: "exact ground energy", y: energies.cpu.map(() => exact) },
            ]),
          ],
        },
      ],
    },
  };
}
