/**
 * The quantum circuit Born machine (Liu and Wang 2018; Paddle Quantum's QCBM tutorial): a circuit
 * U(θ) is a generative model whose samples are the measurement outcomes of U(θ)|0...0>, with
 * probabilities p_θ(x) = |<x|U(θ)|0>|^2. It is trained by the squared maximum mean discrepancy
 * MMD^2 = (p_θ - π)^T K (p_θ - π) with a Gaussian kernel mixture K, which the library's `QCBM`
 * differentiates exactly. The target π is a Gaussian discretized on the 2^3 = 8 outcomes; the
 * circuit is a hardware-efficient stack of R_y layers and CNOT rings. The headline is the total
 * variation distance between the learned and the target distribution.
 */
import { Circuit, QCBM, type QCBMResult } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "qcbm",
  category: "machine-learning",
  summary: "quantum circuit Born machine: a 3-qubit circuit learns a discretized Gaussian by MMD",
  seconds: { full: 1, quick: 1 },
  target: { full: "total variation distance <= 1e-4", quick: "the same as full" },
};

const N_QUBITS = 3;

/** A Gaussian of mean mu and width sigma on the outcomes 0..2^n - 1, normalized. */
function discretizedGaussian(mu: number, sigma: number): number[] {
  const w = Array.from({ length: 2 ** N_QUBITS }, (_, x) =>
    Math.exp(-((x - mu) ** 2) / (2 * sigma ** 2)),
  );
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

function ansatz(layers: number, seed: number): Circuit {
  const c = new Circuit(N_QUBITS, { seed });
  for (let l = 0; l < layers; l++) {
    c.ry("full");
    c.cnot("cycle");
  }
  c.ry("full");
  return c;
}

function totalVariation(p: readonly number[], q: readonly number[]): number {
  return p.reduce((acc, x, i) => acc + Math.abs(x - q[i]!), 0) / 2;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run qcbm` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const target = discretizedGaussian(3.5, 1.5);
  log(`target: a Gaussian (mean 3.5, width 1.5) on ${target.length} outcomes`);

  const restarts = options.quick ? 2 : 4;
  let best: { tv: number; result: QCBMResult } | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = new QCBM(target, ansatz(3, seed * 100 + r), {
      gradientTolerance: 1e-10,
      tolerance: 1e-16,
      maxIterations: 500,
    }).run();
    const tv = totalVariation(result.distribution, target);
    log(`start ${r + 1}: MMD^2 ${fmt(result.mmd, 3)}, total variation ${fmt(tv, 3)}`);
    if (best === undefined || tv < best.tv) best = { tv, result };
    progress(r + 1, restarts, `TV ${fmt(tv, 3)}`);
  }
  const { tv, result } = best!;
  const outcomes = target.map((_, x) => x.toString(2).padStart(N_QUBITS, "0"));
  return {
    headline: headline("total variation distance", tv, "<= 1e-4", tv <= 1e-4),
    numbers: { target, learned: result.distribution, mmd: result.mmd, totalVariation: tv },
    report: {
      title: "Quantum circuit Born machine on 3 qubits",
      sections: [
        {
          heading: "Learned distribution",
          text: `MMD^2 ${fmt(result.mmd, 3)}, total variation distance ${fmt(tv, 3)}.`,
          figures: [
            {
              data: [
                { type: "bar", name: "target", x: outcomes, y: target },
                { type: "bar", name: "QCBM", x: outcomes, y: result.distribution },
              ],
              layout: {
                title: { text: "Target and learned distribution" },
                xaxis: { title: { text: "outcome x" } },
                yaxis: { title: { text: "probability" } },
              },
            },
          ],
        },
        {
          heading: "Training of the best start",
          figures: [
            lineFigure(
              "MMD loss",
              "iteration",
              "MMD^2",
              [{ name: "MMD^2", y: result.history.map((v) => Math.max(v, 1e-16)) }],
              { logY: true },
            ),
          ],
        },
      ],
    },
  };
}
