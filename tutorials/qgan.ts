/**
 * A quantum GAN learns a target state. The generator G prepares |g> on the data qubits; the
 * discriminator D acts on the data qubits and one ancilla, and its score <Z_anc> says "real" (+1)
 * or "generated" (-1). D maximizes score(target) - score(g), G maximizes score(g). The best
 * discriminator measures the positive part of rho_target - rho_g, so its advantage is the trace
 * distance: with D trained close to optimal each round (L-BFGS, warm-started) and G taking one
 * Adam step, G descends the trace distance. The fidelity |<target|g>|^2 is only watched, never
 * used in training. The library's `QGAN` runs the rounds.
 */
import { Circuit, QGAN, State } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "qgan",
  category: "machine-learning",
  summary: "a quantum GAN: generator and discriminator circuits learn a random target state",
  seconds: { full: 8, quick: 4 },
  target: {
    full: "fidelity |<target|g>|^2 >= 0.999 (4 data qubits)",
    quick: "fidelity >= 0.999 (3 data qubits)",
  },
};

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run qgan` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const n = options.quick ? 3 : 4;
  const rounds = options.quick ? 100 : 200;
  const dataQubits = Array.from({ length: n }, (_, q) => q);
  const target = State.random(n, { seed });
  log(`target: a Haar-random ${n}-qubit state (seed ${seed}); ancilla = qubit ${n}`);

  const G = new Circuit(n + 1, { seed: seed + 1 });
  G.complexEntangledLayer({ qubitsIdx: dataQubits, depth: n });
  const D = new Circuit(n + 1, { seed: seed + 2 });
  D.complexEntangledLayer({ depth: 3 });
  log(
    `generator: ${G.parameterCount} angles on qubits 0..${n - 1}; discriminator: ${D.parameterCount} angles on all ${n + 1} qubits`,
  );
  const { fidelities, advantage } = new QGAN(target, G, D, {
    rounds,
    lr: 0.08,
    discriminatorIterations: 30,
    onRound: (r, fidelity, adv) => {
      if (r % 25 === 0 || r === rounds) {
        log(`round ${r}: discriminator advantage ${fmt(adv, 5)}, fidelity ${fmt(fidelity, 6)}`);
      }
      progress(r, rounds, `fidelity ${fmt(fidelity, 5)}`);
    },
  }).run();
  const final = fidelities[rounds]!;
  return {
    headline: headline("fidelity |<target|g>|^2", final, ">= 0.999", final >= 0.999),
    numbers: { dataQubits: n, rounds, fidelity: final, fidelities, advantage },
    report: {
      title: "Quantum GAN: learning a target state",
      sections: [
        {
          heading: "Training",
          text: `Generator ${G.parameterCount} angles, discriminator ${D.parameterCount} angles; final fidelity ${fmt(final, 6)}.`,
          figures: [
            lineFigure("Fidelity with the target", "round", "|<target|g>|^2", [
              { name: "fidelity", y: fidelities, x: fidelities.map((_, i) => i) },
            ]),
            lineFigure(
              "Infidelity and the discriminator's advantage",
              "round",
              "infidelity / advantage",
              [
                {
                  name: "1 - fidelity",
                  y: fidelities.map((f) => Math.max(1 - f, 1e-16)),
                  x: fidelities.map((_, i) => i),
                },
                {
                  name: "advantage (score difference / 2)",
                  y: advantage.map((a) => Math.max(a, 1e-16)),
                },
              ],
              { logY: true },
            ),
          ],
        },
        {
          heading: "Circuits",
          text: [
            "Generator:",
            ...G.toString().split("\n"),
            "Discriminator:",
            ...D.toString().split("\n"),
          ],
        },
      ],
    },
  };
}
