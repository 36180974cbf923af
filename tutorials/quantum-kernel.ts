/**
 * Quantum kernel classification (Paddle Quantum's quantum kernel tutorial): two-moons data, a
 * two-qubit IQP feature map |phi(x)> = U_Z(x) H^2 |00> (RZ(x_i), then RZZ(x_1 x_2)), the fidelity kernel
 * K(x, y) = |<phi(x)|phi(y)>|^2 and a projected kernel on the one-qubit marginals, each handed to
 * qoar's SVM (SMO). The kernel matrices are computed with one batched simulation per row block.
 */
import { datasets, QuantumKernel, SVM, tensor } from "qoar";
import { fmt, headline } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "quantum-kernel",
  category: "machine-learning",
  summary:
    "SVMs on IQP fidelity and projected quantum kernels classify two moons; kernel matrix, boundary",
  seconds: { full: 3, quick: 1 },
  target: { full: "test accuracy >= 0.9", quick: "test accuracy >= 0.9" },
};

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run quantum-kernel` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const n = options.quick ? 120 : 300;
  const moons = datasets.standardize(datasets.moons(n, { noise: 0.1, seed })).data;
  const { train, test } = datasets.trainTestSplit(moons, {
    testFraction: 0.3,
    stratify: true,
    seed,
  });
  log(
    `two moons: ${train.nSamples} training and ${test.nSamples} test points, noise 0.1, standardized`,
  );
  const kinds = ["fidelity", "projected"] as const;
  const scores: Record<string, { train: number; test: number; support: number }> = {};
  const models: Record<string, { kernel: QuantumKernel; svm: SVM }> = {};
  for (const [i, kind] of kinds.entries()) {
    const kernel = new QuantumKernel({ nQubits: 2, featureMap: "iqp", depth: 1, kind, gamma: 2 });
    const svm = new SVM({ kernel, C: 10 }).fit(train.x, train.y);
    scores[kind] = {
      train: svm.score(train.x, train.y),
      test: svm.score(test.x, test.y),
      support: svm.supportIndices.length,
    };
    log(
      `${kind} kernel: train accuracy ${fmt(scores[kind].train, 3)}, test accuracy ${fmt(scores[kind].test, 3)}, ${scores[kind].support} support vectors`,
    );
    models[kind] = { kernel, svm };
    progress(i + 1, kinds.length + 1, kind);
  }
  const gram = models.fidelity!.kernel.matrix(train.x);
  const svm = models.projected!.svm;
  const side = train.nSamples;
  // rows ordered by class, so the block structure of the kernel shows
  const order = [...Array(side).keys()].sort((a, b) => train.y[a]! - train.y[b]!);
  const z = order.map((i) => order.map((j) => gram.data[i * side + j]!));
  const grid = options.quick ? 31 : 61;
  const axis = Array.from({ length: grid }, (_, i) => -2.5 + (5 * i) / (grid - 1));
  const points: number[][] = [];
  for (const b of axis) for (const a of axis) points.push([a, b]);
  const f = svm.decisionFunction(tensor(points));
  const boundary = axis.map((_, r) => Array.from(f.data.subarray(r * grid, (r + 1) * grid)));
  progress(kinds.length + 1, kinds.length + 1, "boundary");
  const testAccuracy = scores.projected!.test;
  const byClass = (cls: number) =>
    [...Array(test.nSamples).keys()].filter((i) => test.y[i] === cls);
  return {
    headline: headline(
      "test accuracy (projected kernel)",
      testAccuracy,
      ">= 0.9",
      testAccuracy >= 0.9,
    ),
    numbers: {
      trainPoints: train.nSamples,
      testPoints: test.nSamples,
      fidelityTrainAccuracy: scores.fidelity!.train,
      fidelityTestAccuracy: scores.fidelity!.test,
      projectedTrainAccuracy: scores.projected!.train,
      projectedTestAccuracy: scores.projected!.test,
      supportVectors: scores.projected!.support,
    },
    report: {
      title: "Quantum kernel classification",
      sections: [
        {
          heading: "Kernel matrix",
          text: "The fidelity kernel of the training points, ordered by class: two bright blocks.",
          figures: [
            {
              data: [{ type: "heatmap", z, colorscale: "Viridis", zmin: 0, zmax: 1, name: "K" }],
              layout: {
                title: { text: "Fidelity kernel |<phi(x)|phi(y)>|^2 of the training set" },
                xaxis: { title: { text: "training point (by class)" } },
                yaxis: { title: { text: "training point (by class)" } },
              },
            },
          ],
        },
        {
          heading: "Decision boundary",
          text: `SVM decision function on the projected kernel; test accuracy ${fmt(testAccuracy, 3)}.`,
          figures: [
            {
              data: [
                {
                  type: "contour",
                  x: axis,
                  y: axis,
                  z: boundary,
                  colorscale: "RdBu",
                  name: "f(x)",
                },
                ...[0, 1].map((cls) => ({
                  type: "scatter",
                  mode: "markers",
                  name: `test: moon ${cls}`,
                  x: byClass(cls).map((i) => test.x.data[2 * i]!),
                  y: byClass(cls).map((i) => test.x.data[2 * i + 1]!),
                  marker: { size: 6, color: cls === 1 ? "#b2182b" : "#2166ac" },
                })),
              ],
              layout: {
                title: { text: "SVM decision function over the feature plane" },
                xaxis: { title: { text: "feature x1 (standardized)" } },
                yaxis: { title: { text: "feature x2 (standardized)" } },
              },
            },
          ],
        },
      ],
    },
  };
}
