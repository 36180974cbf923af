/**
 * Barren plateaus (McClean et al. 2018): in deep random circuits the gradient of a cost vanishes
 * exponentially with the number of qubits. For n = 2..12 qubits, draw random circuits (RY(pi/4) on
 * every qubit, then 10 n layers of a random RX/RY/RZ on each qubit followed by a CZ ladder), take the
 * gradient of <Z0 Z1> with respect to the first angle, and estimate its variance over the draws.
 * The log plot is a straight line: Var ~ b^-n, and the fit gives b. A second sweep at n = 6 shows
 * the variance against depth. Both use `gradientVariance` (qml/gradtool.ts, Paddle's `gradtool`).
 */
import {
  Circuit,
  expecVal,
  gradientVariance,
  gradientVarianceFigure,
  type Rng,
  type State,
} from "qoar";
import { fmt, headline } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "barren-plateaus",
  category: "theory",
  summary:
    "gradient variance of random circuits vs qubits (2..12) and depth: exponential decay on a log plot",
  seconds: { full: 40, quick: 5 },
  target: {
    full: "Var[dE/dtheta] ~ b^-n fits with b >= 1.5 and R^2 >= 0.9 (n = 2..12)",
    quick: "the same fit over n = 2..8 with fewer samples",
  },
};

/**
 * One random circuit of `perQubit * n` layers: RY(pi/4) on every qubit, then per layer a random
 * RX/RY/RZ on each qubit and a CZ ladder. Only the first rotation's angle (on qubit 0) is a
 * trainable Parameter (`gradientVariance` draws it); the other angles are drawn here and fixed, so
 * the backward pass tracks one gradient.
 */
function randomCircuit(n: number, perQubit: number, rng: Rng): Circuit {
  const c = new Circuit(n, { seed: rng.int(2 ** 31) });
  c.ry("full", { param: Math.PI / 4 });
  for (let l = 0; l < perQubit * n; l++) {
    for (let q = 0; q < n; q++) {
      const kind = rng.int(3);
      const param = l === 0 && q === 0 ? undefined : 2 * Math.PI * rng.uniform();
      if (kind === 0) c.rx(q, { param });
      else if (kind === 1) c.ry(q, { param });
      else c.rz(q, { param });
    }
    for (let q = 0; q + 1 < n; q++) c.cz([q, q + 1]);
  }
  return c;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run barren-plateaus` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const maxQubits = options.quick ? 8 : 12;
  const samples = options.quick ? 60 : 100;
  // depth grows with n: a random circuit needs depth of order n to look Haar-random (a 2-design)
  const perQubit = 10;
  const qubits = Array.from({ length: maxQubits - 1 }, (_, i) => i + 2);
  const cost = (psi: State) => expecVal(psi, "Z0 Z1");
  log(`random circuits: 10 n layers, ${samples} draws per qubit count, n = 2..${maxQubits}`);
  const depthQubits = 6;
  const depths = options.quick ? [1, 2, 5] : [1, 2, 5, 10, 20];
  const depthSamples = options.quick ? 40 : 100;
  const total = qubits.length * samples + depths.length * depthSamples;
  const byQubits = gradientVariance(randomCircuit, cost, {
    qubits,
    depths: [perQubit],
    samples,
    seed,
    progress: (done) => progress(done, total, "qubit sweep"),
  });
  for (const e of byQubits.entries)
    log(
      `n = ${e.qubits}: mean gradient ${fmt(e.mean, 4)}, variance ${e.variance.toExponential(3)}`,
    );
  const fit = byQubits.fits[0]!;
  log(
    `fit: Var ~ ${fit.prefactor.toExponential(2)} * ${fmt(fit.base, 3)}^-n (R^2 = ${fmt(fit.r2, 4)}); a 2-design gives about 2^-n`,
  );
  // at fixed n the variance falls with depth until the circuits look Haar-random, then levels off
  const byDepth = gradientVariance(randomCircuit, cost, {
    qubits: [depthQubits],
    depths,
    samples: depthSamples,
    seed: seed + 1,
    progress: (done) => progress(qubits.length * samples + done, total, "depth sweep"),
  });
  for (const e of byDepth.entries)
    log(
      `n = ${depthQubits}, ${e.depth * depthQubits} layers: variance ${e.variance.toExponential(3)}`,
    );
  const variances = byQubits.entries.map((e) => e.variance);
  const means = byQubits.entries.map((e) => e.mean);
  const pass = fit.base >= 1.5 && fit.r2 >= 0.9;
  return {
    headline: headline("decay base b of Var ~ b^-n", fit.base, ">= 1.5 with R^2 >= 0.9", pass),
    numbers: {
      qubits,
      samples,
      layers: qubits.map((n) => perQubit * n),
      variances,
      means,
      fit: {
        base: fit.base,
        slope: -Math.log(fit.base),
        intercept: Math.log(fit.prefactor),
        r2: fit.r2,
      },
      depthSweep: {
        qubits: depthQubits,
        samples: depthSamples,
        layers: depths.map((d) => d * depthQubits),
        variances: byDepth.entries.map((e) => e.variance),
      },
    },
    report: {
      title: "Barren plateaus: gradient variance vs qubit count and depth",
      sections: [
        {
          heading: "Variance of dE/dtheta_1, E = <Z0 Z1>, vs qubit count",
          text: `Each point: ${samples} random circuits of 10 n layers. The fitted line is Var = ${fit.prefactor.toExponential(2)} * ${fmt(fit.base, 3)}^-n (R^2 = ${fmt(fit.r2, 4)}).`,
          figures: [gradientVarianceFigure(byQubits, "qubits")],
          table: {
            columns: ["qubits", "mean", "variance"],
            rows: byQubits.entries.map((e) => [
              e.qubits,
              fmt(e.mean, 5),
              e.variance.toExponential(3),
            ]),
          },
        },
        {
          heading: `The same at n = ${depthQubits} vs depth`,
          text: `Depth in layers per qubit (${depths.map((d) => d * depthQubits).join(", ")} layers); ${depthSamples} draws each. The variance falls with depth and levels off once the circuits are deep enough to look Haar-random.`,
          figures: [gradientVarianceFigure(byDepth, "depth")],
        },
      ],
    },
  };
}
