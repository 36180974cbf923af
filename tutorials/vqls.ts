/**
 * The variational quantum linear solver (Bravo-Prieto et al. 2019; Paddle Quantum's VQLS
 * tutorial): a circuit V(θ) prepares |x> = V|0> and is trained until A|x> is parallel to |b>,
 * so |x> is the normalized solution of A x = b. Here A = 1 + 0.2 X0 + 0.2 X0 Z1 on three qubits
 * (the example of the paper) and |b> = H⊗H⊗H |000>, the uniform superposition. The library's
 * `VQLS` trains V and scales |x> by least squares; the headline is the relative residual
 * ||A x - b|| / ||b|| of that solution.
 */
import { Circuit, Hamiltonian, State, VQLS } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "vqls",
  category: "theory",
  summary: "variational quantum linear solver: A x = b on 3 qubits, A a sum of Pauli strings",
  seconds: { full: 1, quick: 1 },
  target: { full: "||A x - b|| / ||b|| <= 1e-4", quick: "the same as full" },
};

const N_QUBITS = 3;
const A_TERMS = "1 + 0.2 X0 + 0.2 X0 Z1";

/** Real hardware-efficient layers: R_y on every qubit, then a CNOT ring (real amplitudes suffice). */
function ansatz(layers: number, seed: number): Circuit {
  const c = new Circuit(N_QUBITS, { seed });
  for (let l = 0; l < layers; l++) {
    c.ry("full");
    c.cnot("cycle");
  }
  c.ry("full");
  return c;
}

/** ||A x - b|| / ||b|| with A dense (interleaved complex) and x, b interleaved complex vectors. */
function relativeResidual(a: Float64Array, x: Float64Array, b: Float64Array): number {
  const d = b.length / 2;
  let res = 0;
  let nb = 0;
  for (let i = 0; i < d; i++) {
    let re = -b[2 * i]!;
    let im = -b[2 * i + 1]!;
    for (let j = 0; j < d; j++) {
      const ar = a[2 * (i * d + j)]!;
      const ai = a[2 * (i * d + j) + 1]!;
      re += ar * x[2 * j]! - ai * x[2 * j + 1]!;
      im += ar * x[2 * j + 1]! + ai * x[2 * j]!;
    }
    res += re * re + im * im;
    nb += b[2 * i]! ** 2 + b[2 * i + 1]! ** 2;
  }
  return Math.sqrt(res / nb);
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run vqls` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const A = Hamiltonian.fromString(A_TERMS);
  const d = 2 ** N_QUBITS;
  const b = State.fromAmplitudes(new Array<number>(d).fill(1 / Math.sqrt(d)));
  log(`A = ${A.toString()}, |b> = H⊗H⊗H |000>`);

  const restarts = options.quick ? 2 : 4;
  let best: { cost: number; solution: Float64Array; history: number[] } | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = new VQLS(A, b, ansatz(3, seed * 100 + r), {
      gradientTolerance: 1e-10,
      tolerance: 1e-15,
      maxIterations: 500,
    }).run();
    log(`start ${r + 1}: cost 1 - |<b|A|x>|^2 / <x|A^†A|x> = ${fmt(result.cost, 3)}`);
    if (best === undefined || result.cost < best.cost) best = result;
    progress(r + 1, restarts, `cost ${fmt(result.cost, 3)}`);
  }
  const { cost, solution, history } = best!;
  const residual = relativeResidual(A.matrix(N_QUBITS), solution, b.toArray());
  const x = Array.from({ length: 2 ** N_QUBITS }, (_, i) => solution[2 * i]!);
  const xImag = Array.from({ length: 2 ** N_QUBITS }, (_, i) => solution[2 * i + 1]!);
  log(`solution x = [${x.map((v) => fmt(v, 5)).join(", ")}]`);
  log(`relative residual ||A x - b|| / ||b|| = ${fmt(residual, 3)}`);
  return {
    headline: headline("||A x - b|| / ||b||", residual, "<= 1e-4", residual <= 1e-4),
    numbers: { a: A.toList(), b: Array.from(b.toArray()), cost, x, xImag, residual },
    report: {
      title: "Variational quantum linear solver on 3 qubits",
      sections: [
        {
          heading: "Solution",
          text: `A = ${A.toString()}, |b> the uniform superposition; x = c V(θ)|0>.`,
          table: {
            columns: ["basis state", "x (real part)", "x (imaginary part)"],
            rows: x.map((v, i) => [
              i.toString(2).padStart(N_QUBITS, "0"),
              fmt(v, 6),
              fmt(xImag[i]!, 3),
            ]),
          },
          figures: [
            {
              data: [
                {
                  type: "bar",
                  name: "x",
                  x: x.map((_, i) => i.toString(2).padStart(N_QUBITS, "0")),
                  y: x,
                },
              ],
              layout: {
                title: { text: "The solution x of A x = b" },
                xaxis: { title: { text: "basis state" } },
                yaxis: { title: { text: "x_i (real part)" } },
              },
            },
          ],
        },
        {
          heading: "Training",
          figures: [
            lineFigure(
              "VQLS cost",
              "iteration",
              "1 - |<b|A|x>|^2 / <x|A^†A|x>",
              [{ name: "cost", y: history.map((c) => Math.max(c, 1e-16)) }],
              { logY: true },
            ),
          ],
        },
      ],
    },
  };
}
