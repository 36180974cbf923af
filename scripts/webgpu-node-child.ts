/**
 * One Node + Dawn run of the WebGPU backend (a child of scripts/webgpu-node.ts): a random circuit
 * and its adjoint gradient on webgpu and cpu. Prints one `RESULT {json}` line BEFORE tearing down,
 * so a crash or hang in Dawn's teardown cannot hide or fake a result.
 * Env: QOAR_DAWN_OPTIONS (comma list for create(), e.g. "backend=opengles") and
 * QOAR_WEBGPU_FEATURE_LEVEL ("compatibility" for OpenGL ES), read by `initWebGpu` itself;
 * QOAR_N (qubits, default 12), QOAR_DEPTH (default 60), QOAR_TEARDOWN ("destroy" | "exit" | "none").
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { initWebGpu } from "../src/backend/webgpu/init.js";
import {
  type CircuitStep,
  energyAndGradient,
  runCircuit,
} from "../src/backend/webgpu/pauli-circuit.js";
import { Rng } from "../src/random.js";

const env = process.env;
const n = Number(env["QOAR_N"] ?? 12);
const depth = Number(env["QOAR_DEPTH"] ?? 60);
const teardown = env["QOAR_TEARDOWN"] ?? "exit";
const t0 = performance.now();
const gpu = await initWebGpu({ errorScopes: env["QOAR_ERROR_SCOPES"] !== "0" });
const cpu = new CpuBackend({ wasm: env["QOAR_CPU_WASM"] === "never" ? "never" : "auto" });
const rng = new Rng(Number(env["QOAR_SEED"] ?? 1));
const letters = ["X", "Y", "Z"] as const;
const steps: CircuitStep[] = [];
let p = 0;
for (let d = 0; d < depth; d++) {
  const q = rng.int(n);
  if (rng.uniform() < 0.7) {
    steps.push({
      kind: "rotation",
      pauli: { qubits: [q], letters: [letters[rng.int(3)]!] },
      param: p++,
    });
  } else {
    steps.push({
      kind: "permutation",
      targets: [(q + 1) % n],
      perm: Int32Array.of(1, 0),
      controls: [q],
    });
  }
}
const params = new Float64Array(p).map(() => 6 * rng.uniform());
const terms = [
  { qubits: [0, 1], letters: ["Z", "Z"] as ("X" | "Y" | "Z")[], coefficient: 1 },
  { qubits: [n - 1], letters: ["X"] as ("X" | "Y" | "Z")[], coefficient: 0.5 },
];
const g = runCircuit(gpu, n, steps, params);
const c = runCircuit(cpu, n, steps, params);
const ga = await gpu.toArrayAsync(g);
const ca = cpu.toArray(c);
let ampErr = 0;
for (let i = 0; i < ga.length; i++) ampErr = Math.max(ampErr, Math.abs(ga[i]! - ca[i]!));
const gg = await energyAndGradient(gpu, n, steps, params, terms);
const cg = await energyAndGradient(cpu, n, steps, params, terms);
let gradErr = 0;
let scale = 1e-3;
for (let i = 0; i < p; i++) {
  gradErr = Math.max(gradErr, Math.abs(gg.gradient[i]! - cg.gradient[i]!));
  scale = Math.max(scale, Math.abs(cg.gradient[i]!));
}
console.log(
  `RESULT ${JSON.stringify({ n, depth, ampErr, gradRelErr: gradErr / scale, energyErr: Math.abs(gg.energy - cg.energy), ms: Math.round(performance.now() - t0), chunkQubits: gpu.chunkQubits })}`,
);
if (teardown === "destroy") {
  gpu.free(g);
  gpu.destroy();
} else if (teardown === "exit") {
  process.exit(0);
}
