/**
 * qoar in a browser: trains a VQE on the WebGPU backend and plots the energy with plotly.
 * Build and open: `npm run example:browser` (then visit the printed URL).
 * When done, the page appends <pre id="done"> with a JSON summary (the end-to-end test waits for it).
 */
import Plotly from "plotly.js-cartesian-dist-min";
import { initWebGpu } from "../../src/backend/backend.js";
import { type CircuitStep, energyAndGradient } from "../../src/backend/webgpu/pauli-circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";

const N = 6;
const LAYERS = 3;
const STEPS = 60;

const status = document.getElementById("status")!;
const say = (text: string): void => {
  status.textContent = text;
};

/** Hardware-efficient ansatz: per layer RY and RZ on every qubit, then a CNOT chain. */
function ansatz(n: number, layers: number): { steps: CircuitStep[]; nParams: number } {
  const steps: CircuitStep[] = [];
  let p = 0;
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) {
      steps.push({ kind: "rotation", pauli: { qubits: [q], letters: ["Y"] }, param: p++ });
      steps.push({ kind: "rotation", pauli: { qubits: [q], letters: ["Z"] }, param: p++ });
    }
    for (let q = 0; q + 1 < n; q++) {
      steps.push({
        kind: "permutation",
        targets: [q + 1],
        perm: Int32Array.of(1, 0),
        controls: [q],
      });
    }
  }
  for (let q = 0; q < n; q++) {
    steps.push({ kind: "rotation", pauli: { qubits: [q], letters: ["Y"] }, param: p++ });
  }
  return { steps, nParams: p };
}

async function main(): Promise<Record<string, unknown>> {
  say("looking for a WebGPU adapter…");
  const gpu = await initWebGpu();
  const device = `${gpu.info.vendor} ${gpu.info.architecture}`.trim() || gpu.info.source;
  const parts: string[] = [];
  for (let q = 0; q + 1 < N; q++) parts.push(`- Z${q} Z${q + 1}`);
  for (let q = 0; q < N; q++) parts.push(`- 0.7 X${q}`);
  const H = Hamiltonian.fromString(parts.join(" "));
  const exact = H.groundState({ backend: "cpu" }).energy;
  const { steps, nParams } = ansatz(N, LAYERS);
  // small deterministic start (a fixed LCG, so every run trains the same way)
  let seed = 12345;
  const params = new Float64Array(nParams).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return 0.2 * (seed / 2 ** 31 - 0.5);
  });
  const m = new Float64Array(nParams);
  const v = new Float64Array(nParams);
  const [lr, b1, b2, eps] = [0.08, 0.9, 0.999, 1e-8];
  const energies: number[] = [];
  const plot = document.getElementById("plot")!;
  const draw = (): Promise<unknown> =>
    Plotly.react(
      plot,
      [
        { y: energies, mode: "lines+markers", name: "VQE energy (WebGPU)" },
        {
          y: energies.map(() => exact),
          mode: "lines",
          name: "exact ground energy",
          line: { dash: "dash" },
        },
      ],
      {
        title: { text: `VQE, ${N}-qubit Ising chain on ${device}` },
        xaxis: { title: { text: "step" } },
        yaxis: { title: { text: "energy" } },
      },
    );
  const t0 = performance.now();
  for (let it = 1; it <= STEPS; it++) {
    const { energy, gradient } = await energyAndGradient(gpu, N, steps, params, H.terms);
    energies.push(energy);
    for (let i = 0; i < nParams; i++) {
      const g = gradient[i]!;
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      params[i] -= (lr * (m[i]! / (1 - b1 ** it))) / (Math.sqrt(v[i]! / (1 - b2 ** it)) + eps);
    }
    if (it % 5 === 0 || it === STEPS) {
      say(`step ${it}/${STEPS}: energy ${energy.toFixed(5)} (exact ${exact.toFixed(5)})`);
      await draw();
    }
  }
  const ms = performance.now() - t0;
  say(
    `done: energy ${energies.at(-1)!.toFixed(5)}, exact ${exact.toFixed(5)}, ${(ms / STEPS).toFixed(1)} ms per step on ${device}`,
  );
  return {
    energies,
    exact,
    device,
    msPerStep: ms / STEPS,
    plotted: plot.querySelectorAll(".scatterlayer .trace").length,
  };
}

const done = document.createElement("pre");
done.id = "done";
main()
  .then((r) => {
    done.textContent = JSON.stringify(r);
  })
  .catch((e: Error) => {
    say(`failed: ${e.message}`);
    done.textContent = JSON.stringify({ error: `${e.name}: ${e.message}` });
  })
  .finally(() => document.body.appendChild(done));
