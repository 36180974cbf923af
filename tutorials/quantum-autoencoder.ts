/**
 * A quantum autoencoder (Romero, Olson, Aspuru-Guzik 2017) compresses a family of 4-qubit states
 * into 2 qubits. The family: |psi> = V (|phi> (x) |00>) for random 2-qubit states |phi> and a fixed
 * hidden circuit V, so the states fill a 4-dimensional subspace. The encoder U is trained to send
 * the "trash" qubits 2 and 3 to |00> (maximizing P(trash = 00) over training states); decoding
 * resets the trash qubits to |00> and applies U^dagger. The reconstruction fidelity on unseen
 * members of the family measures the compression. The library's `QuantumAutoencoder` does the
 * training (Adam) and scores the reconstruction.
 */
import { Circuit, noGrad, QuantumAutoencoder, State } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "quantum-autoencoder",
  category: "machine-learning",
  summary: "compress a family of 4-qubit states into 2 qubits; reconstruction fidelity",
  seconds: { full: 6, quick: 2 },
  target: { full: "mean test reconstruction fidelity >= 0.85", quick: "the same as full" },
};

const N = 4;
const TRASH_QUBITS = 2;

/** Members of the family: V (|phi> (x) |00>), one per batch element. */
function family(V: Circuit, count: number, seed: number): State {
  return noGrad(() => V.forward(State.random(2, { seed, batch: count }).kron(State.zero(2))));
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run quantum-autoencoder` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const V = new Circuit(N, { seed: seed + 1000 });
  V.complexEntangledLayer({ depth: 2 });
  const nTrain = options.quick ? 20 : 50;
  const nTest = 50;
  const train = family(V, nTrain, seed);
  const test = family(V, nTest, seed + 1);
  log(
    `state family: V (|phi> (x) |00>) on ${N} qubits; ${nTrain} training and ${nTest} test states`,
  );

  // a few random starts of the encoder; keep the one that compresses the training states best
  const starts = options.quick ? 3 : 5;
  const steps = options.quick ? 200 : 400;
  const depth = 5;
  let best:
    | { ae: QuantumAutoencoder; p: number; trashTrace: number[]; testFidelity: number[] }
    | undefined;
  for (let r = 0; r < starts; r++) {
    const U = new Circuit(N, { seed: seed * 100 + r });
    U.complexEntangledLayer({ depth });
    const testFidelity: number[] = [];
    // the library's autoencoder, trained by Adam; every 10 steps the unseen states are scored
    const ae: QuantumAutoencoder = new QuantumAutoencoder(train, U, TRASH_QUBITS, {
      optimizer: "adam",
      lr: 0.05,
      maxIterations: steps,
      tolerance: 1e-15,
      gradientTolerance: 1e-15,
      callback: ({ iteration, energy }) => {
        if (iteration % 10 === 0) {
          const f = ae.reconstructionFidelity(test);
          testFidelity.push(f.reduce((s, v) => s + v, 0) / f.length);
        }
        progress(
          r * steps + iteration,
          starts * steps,
          `start ${r + 1}: P(trash=00) ${fmt(1 - energy, 4)}`,
        );
        return undefined;
      },
    });
    const result = ae.run();
    const p = result.trashProbability;
    log(
      `start ${r + 1}: encoder with ${U.parameterCount} angles, P(trash = 00) ${fmt(p, 5)} on the training states`,
    );
    const trashTrace = result.history.map((loss) => 1 - loss);
    if (best === undefined || p > best.p) best = { ae, p, trashTrace, testFidelity };
  }
  const { ae, trashTrace, testFidelity } = best!;
  const U = ae.encoder as Circuit;
  const fidelities = ae.reconstructionFidelity(test);
  const mean = fidelities.reduce((s, v) => s + v, 0) / fidelities.length;
  const worst = Math.min(...fidelities);
  log(`test reconstruction fidelity: mean ${fmt(mean, 5)}, worst ${fmt(worst, 5)}`);
  return {
    headline: headline("mean test reconstruction fidelity", mean, ">= 0.85", mean >= 0.85),
    numbers: {
      qubits: N,
      latent: 2,
      trainStates: nTrain,
      testStates: nTest,
      steps,
      meanFidelity: mean,
      worstFidelity: worst,
      fidelities,
    },
    report: {
      title: "Quantum autoencoder: 4 qubits into 2",
      sections: [
        {
          heading: "Training",
          text: `Encoder with ${U.parameterCount} angles, trained on ${nTrain} states to send qubits 2 and 3 to |00>.`,
          figures: [
            lineFigure("Compression", "training step", "probability / fidelity", [
              { name: "P(trash = 00), training states", y: trashTrace },
              {
                name: "reconstruction fidelity, test states",
                y: testFidelity,
                x: testFidelity.map((_, i) => Math.min(10 * (i + 1), steps)),
              },
            ]),
          ],
        },
        {
          heading: "Reconstruction of unseen states",
          figures: [
            {
              data: [{ type: "histogram", x: fidelities, nbinsx: 20 }],
              layout: {
                title: { text: `Test fidelities (mean ${fmt(mean, 4)})` },
                xaxis: { title: { text: "fidelity" } },
                yaxis: { title: { text: "states" } },
              },
            },
          ],
        },
      ],
    },
  };
}
