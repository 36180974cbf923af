/**
 * Variational quantum state diagonalization (VQSD, LaRose et al. 2019; Paddle Quantum's
 * tutorial): learn a unitary U that makes U rho U^dagger diagonal, so its diagonal is the
 * spectrum of rho, for a rank-4 two-qubit density matrix with eigenvalues (0.5, 0.3, 0.1, 0.1).
 *
 * rho is built as the reduced state of a 4-qubit purification |Psi> = sum_k sqrt(p_k) |v_k>|k>
 * (checked against V diag(p) V^dagger) and handed to the library's `VQSD`, which trains U on the
 * density matrix: the loss tr(U rho U^dagger H) for a diagonal H with entries increasing in the
 * basis index is smallest, by the rearrangement inequality, when U rho U^dagger is diagonal with
 * its eigenvalues in decreasing order.
 */

import {
  Circuit,
  DensityMatrix,
  denseDagger,
  denseMatmul,
  fromRows,
  purity,
  randomUnitary,
  reducedState,
  State,
  traceDistance,
  VQSD,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

export const meta: TutorialMeta = {
  name: "vqsd",
  category: "theory",
  summary: "Variational quantum state diagonalization: the spectrum of a 2-qubit mixed state",
  seconds: { full: 1, quick: 1 },
  target: {
    full: "max |learned - true eigenvalue| <= 1e-3",
    quick: "max |learned - true eigenvalue| <= 1e-2",
  },
};

/** The spectrum to recover (two eigenvalues equal, so one eigenspace is degenerate). */
export const SPECTRUM = [0.5, 0.3, 0.1, 0.1] as const;

/**
 * The purification sum_k sqrt(p_k) |v_k>|k> of V diag(p) V^dagger (V's columns are the v_k),
 * as a 4-qubit state: system qubits 0, 1, ancilla qubits 2, 3.
 * @example
 * const psi = purification(randomUnitary(2, { seed: 1 }), SPECTRUM);
 * reducedState(psi, [0, 1]); // V diag(0.5, 0.3, 0.1, 0.1) V^dagger
 */
export function purification(v: Float64Array, p: readonly number[]): State {
  const d = p.length;
  const amps = new Float64Array(2 * d * d);
  for (let s = 0; s < d; s++) {
    for (let k = 0; k < d; k++) {
      const w = Math.sqrt(p[k]!);
      amps[2 * (s * d + k)] = w * v[2 * (s * d + k)]!;
      amps[2 * (s * d + k) + 1] = w * v[2 * (s * d + k) + 1]!;
    }
  }
  return State.fromAmplitudes(amps);
}

/**
 * Runs the tutorial: builds rho, trains the ansatz, compares the learned eigenvalues.
 * @example
 * const { headline } = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, seed, quick } = options;
  const steps = quick ? 150 : 400;
  const tol = quick ? 1e-2 : 1e-3;

  // 1. The target: rho = V diag(p) V^dagger with a seeded Haar-random eigenbasis V.
  const v = randomUnitary(2, { seed });
  const psi = purification(v, SPECTRUM);
  const rho = reducedState(psi, [0, 1]);
  const diagP = fromRows(SPECTRUM.map((x, i) => SPECTRUM.map((_, j) => (i === j ? x : 0))));
  const rhoMatrix = denseMatmul(denseMatmul(v, diagP), denseDagger(v));
  const check = traceDistance(rho, rhoMatrix).item();
  log(`rho = V diag(${SPECTRUM.join(", ")}) V^dagger as the reduced state of a 4-qubit pure state`);
  log(`  (trace distance to the direct construction: ${check.toExponential(1)})`);

  // 2. The library's VQSD: the loss tr(U rho U^dagger H) for a diagonal H whose entries grow
  // with the basis index, trained here by Adam on one universal two-qubit gate (15 angles).
  const circuit = new Circuit(2, { seed: seed + 1 });
  circuit.universalTwoQubits([0, 1]);
  const vqsd = new VQSD(DensityMatrix.fromMatrix(rhoMatrix), circuit, {
    optimizer: "adam",
    lr: 0.1,
    maxIterations: steps,
    gradientTolerance: 1e-12,
    callback: ({ iteration, energy }) => {
      options.progress(iteration, steps, `loss ${fmt(energy)}`);
      if (iteration % 50 === 0 || iteration === 1) log(`step ${iteration}: loss ${fmt(energy)}`);
      return undefined;
    },
  });
  const H = vqsd.hamiltonian;
  log(`H = ${H.toString()} on qubits 0, 1`);
  const weights = Array.from({ length: 4 }, (_, x) => -0.75 + x / 2);
  const optimum = SPECTRUM.reduce((s, p, i) => s + p * weights[i]!, 0);
  const result = vqsd.run();
  const losses = result.history;

  // 3. The diagonal of U rho U^dagger: the learned eigenvalues.
  const learned = result.eigenvalues;
  const errors = learned.map((x, i) => Math.abs(x - SPECTRUM[i]!));
  const maxError = Math.max(...errors);
  // The off-diagonal weight left over: how far from diagonal U rho U^dagger still is.
  // sum_{i != j} |rho'_ij|^2 = tr(rho'^2) - sum_i rho'_ii^2 (the purity is invariant under U)
  const offDiag = purity(rho).item() - learned.reduce((s, x) => s + x * x, 0);
  // Learned eigenvectors: U^dagger |k>, i.e. the conjugated row k of U. Compare with the true
  // v_0, v_1 (the 0.1 eigenspace is degenerate, so its vectors are not unique).
  const u = circuit.unitary();
  const vectorFidelity = [0, 1].map((k) => {
    let re = 0;
    let im = 0;
    for (let s = 0; s < 4; s++) {
      // <v_k | U^dagger k>: conj(V[s, k]) * conj(U[k, s])
      const vr = v[2 * (s * 4 + k)]!;
      const vi = v[2 * (s * 4 + k) + 1]!;
      const ur = u[2 * (k * 4 + s)]!;
      const ui = u[2 * (k * 4 + s) + 1]!;
      re += vr * ur - vi * ui;
      im += -(vr * ui + vi * ur);
    }
    return Math.hypot(re, im);
  });
  log(
    `|<v_k|learned v_k>| for the non-degenerate eigenvalues 0.5, 0.3: ${vectorFidelity.map((x) => fmt(x)).join(", ")}`,
  );
  for (let i = 0; i < 4; i++)
    log(
      `eigenvalue ${i}: learned ${fmt(learned[i]!)}, true ${SPECTRUM[i]} (error ${errors[i]!.toExponential(2)})`,
    );
  log(`off-diagonal Frobenius norm of U rho U^dagger: ${Math.sqrt(offDiag).toExponential(2)}`);

  const pass = maxError <= tol;
  const rows = learned.map((x, i) => [
    `|${i.toString(2).padStart(2, "0")}>`,
    SPECTRUM[i]!,
    Number(x.toFixed(6)),
    Number(errors[i]!.toExponential(2)),
  ]);
  return {
    headline: headline("max |learned - true eigenvalue|", maxError, `<= ${tol}`, pass),
    numbers: {
      spectrum: [...SPECTRUM],
      learned,
      errors,
      maxError,
      finalLoss: losses[losses.length - 1],
      optimalLoss: optimum,
      offDiagonalNorm: Math.sqrt(offDiag),
      eigenvectorOverlaps: vectorFidelity,
      steps,
      hamiltonian: H.toString(),
    },
    report: {
      title: "Variational quantum state diagonalization",
      sections: [
        {
          heading: "Setup",
          text: [
            `rho = V diag(${SPECTRUM.join(", ")}) V^dagger on two qubits, V Haar-random (seed ${seed}); rho is the reduced state of a 4-qubit purification, so the simulation stays with state vectors.`,
            `Loss: tr(U rho U^dagger H) with H = ${H.toString()} = diag(${weights.join(", ")}); its minimum ${fmt(optimum)} is reached when U rho U^dagger is diagonal with the eigenvalues in decreasing order.`,
            `Ansatz: one universal two-qubit gate (15 angles) on rho's qubits, run on the density matrix by the library's VQSD; Adam, learning rate 0.1, ${steps} steps, adjoint gradients.`,
          ],
        },
        {
          heading: "Training",
          figures: [
            lineFigure("VQSD loss", "step", "tr(U rho U^dagger H)", [
              { name: "loss", y: losses },
              { name: "optimum", y: losses.map(() => optimum) },
            ]),
          ],
        },
        {
          heading: "Learned vs true eigenvalues",
          table: { columns: ["basis state", "true", "learned", "|error|"], rows },
        },
      ],
    },
  };
}
