/**
 * Barren plateaus (McClean et al. 2018): in deep random circuits the gradient of a cost vanishes
 * exponentially with the number of qubits. For n = 2..12 qubits, draw random circuits (RY(pi/4) on
 * every qubit, then 10 n layers of a random RX/RY/RZ on each qubit followed by a CZ ladder), take the
 * gradient of <Z0 Z1> with respect to the first angle, and estimate its variance over the draws.
 * The log plot is a straight line: Var ~ b^-n, and the fit gives b.
 */
import { Circuit, expecVal, Rng } from "../src/index.js";
import { fmt, headline } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "barren-plateaus",
  category: "theory",
  summary:
    "gradient variance of random circuits vs qubit count (2..12): exponential decay on a log plot",
  seconds: { full: 40, quick: 5 },
  target: {
    full: "Var[dE/dtheta] ~ b^-n fits with b >= 1.5 and R^2 >= 0.9 (n = 2..12)",
    quick: "the same fit over n = 2..8 with fewer samples",
  },
};

/**
 * One random circuit; returns dE/dtheta for E = <Z0 Z1> and theta the first rotation angle (on
 * qubit 0). Only that angle is a trainable Parameter; the other angles are drawn uniformly and
 * fixed, so the backward pass tracks one gradient.
 */
function sampleGradient(n: number, layers: number, rng: Rng): number {
  const c = new Circuit(n, { seed: rng.int(2 ** 31) });
  c.ry("full", { param: Math.PI / 4 });
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) {
      const kind = rng.int(3);
      const param = l === 0 && q === 0 ? undefined : 2 * Math.PI * rng.uniform();
      if (kind === 0) c.rx(q, { param });
      else if (kind === 1) c.ry(q, { param });
      else c.rz(q, { param });
    }
    for (let q = 0; q + 1 < n; q++) c.cz([q, q + 1]);
  }
  const [theta] = c.parameters();
  expecVal(c.forward(), "Z0 Z1").backward();
  return theta!.grad!.data[0]!;
}

/** Least-squares line y = a + b x; returns [a, b, R^2]. */
function fitLine(x: readonly number[], y: readonly number[]): [number, number, number] {
  const m = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / m;
  const my = y.reduce((s, v) => s + v, 0) / m;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const b = sxy / sxx;
  return [my - b * mx, b, (sxy * sxy) / (sxx * syy)];
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run barren-plateaus` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const rng = new Rng(seed);
  const maxQubits = options.quick ? 8 : 12;
  const samples = options.quick ? 60 : 100;
  // depth grows with n: a random circuit needs depth of order n to look Haar-random (a 2-design)
  const layersFor = (n: number): number => 10 * n;
  const qubits = Array.from({ length: maxQubits - 1 }, (_, i) => i + 2);
  log(`random circuits: 10 n layers, ${samples} draws per qubit count, n = 2..${maxQubits}`);
  const variances: number[] = [];
  const means: number[] = [];
  let step = 0;
  for (const n of qubits) {
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < samples; s++) {
      const g = sampleGradient(n, layersFor(n), rng);
      sum += g;
      sumSq += g * g;
      progress(++step, qubits.length * samples, `n = ${n}`);
    }
    const mean = sum / samples;
    const variance = sumSq / samples - mean * mean;
    means.push(mean);
    variances.push(variance);
    log(`n = ${n}: mean gradient ${fmt(mean, 4)}, variance ${variance.toExponential(3)}`);
  }
  const [a, slope, r2] = fitLine(
    qubits,
    variances.map((v) => Math.log(v)),
  );
  const base = Math.exp(-slope);
  log(
    `fit: Var ~ ${Math.exp(a).toExponential(2)} * ${fmt(base, 3)}^-n (R^2 = ${fmt(r2, 4)}); a 2-design gives about 2^-n`,
  );
  const pass = base >= 1.5 && r2 >= 0.9;
  return {
    headline: headline("decay base b of Var ~ b^-n", base, ">= 1.5 with R^2 >= 0.9", pass),
    numbers: {
      qubits,
      samples,
      layers: qubits.map(layersFor),
      variances,
      means,
      fit: { base, slope, intercept: a, r2 },
    },
    report: {
      title: "Barren plateaus: gradient variance vs qubit count",
      sections: [
        {
          heading: "Variance of dE/dtheta_1, E = <Z0 Z1>",
          text: `Each point: ${samples} random circuits of 10 n layers. The fitted line is Var = ${Math.exp(a).toExponential(2)} * ${fmt(base, 3)}^-n (R^2 = ${fmt(r2, 4)}).`,
          figures: [
            {
              data: [
                {
                  type: "scatter",
                  mode: "markers",
                  name: "sample variance",
                  x: qubits,
                  y: variances,
                  marker: { size: 9 },
                },
                {
                  type: "scatter",
                  mode: "lines",
                  name: `fit ${fmt(base, 3)}^-n`,
                  x: qubits,
                  y: qubits.map((n) => Math.exp(a + slope * n)),
                  line: { dash: "dash" },
                },
              ],
              layout: {
                title: { text: "Gradient variance (log scale)" },
                xaxis: { title: { text: "qubits n" } },
                yaxis: { title: { text: "Var[dE/dtheta]" }, type: "log" },
              },
            },
          ],
          table: {
            columns: ["qubits", "mean", "variance"],
            rows: qubits.map((n, i) => [n, fmt(means[i]!, 5), variances[i]!.toExponential(3)]),
          },
        },
      ],
    },
  };
}
