/**
 * Variational quantum state diagonalization (VQSD, LaRose et al. 2019; Paddle Quantum's
 * tutorial): learn a unitary U that makes U rho U^dagger diagonal, so its diagonal is the
 * spectrum of rho, for a rank-4 two-qubit density matrix with eigenvalues (0.5, 0.3, 0.1, 0.1).
 *
 * No density-matrix simulation is needed: rho is the reduced state of a 4-qubit pure state
 * |Psi> = sum_k sqrt(p_k) |v_k>_S |k>_A (a purification; S = qubits 0, 1, A = qubits 2, 3).
 * The ansatz acts on S only, so the reduced state of the output is U rho U^dagger, and the loss
 * tr(U rho U^dagger H) = <Psi'|H (x) I|Psi'> for a diagonal H with distinct entries is an
 * ordinary expectation value. By the rearrangement inequality it is smallest when U rho
 * U^dagger is diagonal with its eigenvalues sorted opposite to H's entries.
 */

import {
  hamiltonianFromMatrix,
  purity,
  randomUnitary,
  reducedState,
  traceDistance,
} from "../src/qinfo/index.js";
import { expecVal } from "../src/qml/expecval.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { dagger, fromRows, matmul } from "../src/quantum/linalg.js";
import { Hamiltonian } from "../src/quantum/operators/hamiltonian.js";
import { State } from "../src/quantum/state/state.js";
import { Adam } from "../src/tensor/index.js";
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
  const check = traceDistance(rho, matmul(matmul(v, diagP), dagger(v))).item();
  log(`rho = V diag(${SPECTRUM.join(", ")}) V^dagger as the reduced state of a 4-qubit pure state`);
  log(`  (trace distance to the direct construction: ${check.toExponential(1)})`);

  // 2. The loss observable: H = diag(0.1, 0.2, 0.3, 0.4) on the system qubits, as a Pauli sum.
  const weights = [0.1, 0.2, 0.3, 0.4];
  const hDiag = fromRows(weights.map((x, i) => weights.map((_, j) => (i === j ? x : 0))));
  // Pauli coefficients from the matrix, rounded so the printed sum reads cleanly.
  const H = new Hamiltonian(
    hamiltonianFromMatrix(hDiag)
      .toList()
      .map(([c, p]) => [Number(c.toFixed(12)), p] as [number, string]),
  );
  log(`H = ${H.toString()} on qubits 0, 1`);
  const optimum = SPECTRUM.reduce((s, p, i) => s + p * weights[i]!, 0);

  // 3. The ansatz: a universal two-qubit gate (15 angles) on the system qubits.
  const circuit = new Circuit(4, { seed: seed + 1 });
  circuit.universalTwoQubits([0, 1]);
  const opt = new Adam(circuit.parameters(), { lr: 0.1 });
  const losses: number[] = [];
  for (let step = 1; step <= steps; step++) {
    opt.zeroGrad();
    const loss = expecVal(circuit.forward(psi), H);
    loss.backward();
    opt.step();
    losses.push(loss.item());
    options.progress(step, steps, `loss ${fmt(loss.item())}`);
    if (step % 50 === 0 || step === 1)
      log(`step ${step}: loss ${fmt(loss.item())} (optimum ${fmt(optimum)})`);
  }

  // 4. The diagonal of U rho U^dagger: the probabilities of the system qubits.
  const out = circuit.forward(psi);
  const learned = Array.from(out.probabilities([0, 1]));
  const errors = learned.map((x, i) => Math.abs(x - SPECTRUM[i]!));
  const maxError = Math.max(...errors);
  // The off-diagonal weight left over: how far from diagonal U rho U^dagger still is.
  // sum_{i != j} |rho'_ij|^2 = tr(rho'^2) - sum_i rho'_ii^2 (the purity is invariant under U)
  const offDiag = purity(reducedState(out, [0, 1])).item() - learned.reduce((s, x) => s + x * x, 0);
  // Learned eigenvectors: U^dagger |k>, i.e. the conjugated row k of U (U (x) I is the circuit's
  // 16 x 16 unitary, so U[i][j] sits at row 4i, column 4j). Compare with the true v_0, v_1 (the
  // 0.1 eigenspace is degenerate, so its vectors are not unique).
  const big = circuit.unitary();
  const vectorFidelity = [0, 1].map((k) => {
    let re = 0;
    let im = 0;
    for (let s = 0; s < 4; s++) {
      // <v_k | U^dagger k>: conj(V[s, k]) * conj(U[k, s])
      const vr = v[2 * (s * 4 + k)]!;
      const vi = v[2 * (s * 4 + k) + 1]!;
      const ur = big[2 * (4 * k * 16 + 4 * s)]!;
      const ui = big[2 * (4 * k * 16 + 4 * s) + 1]!;
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
            `Ansatz: one universal two-qubit gate (15 angles) on the system qubits; Adam, learning rate 0.1, ${steps} steps, adjoint gradients.`,
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
