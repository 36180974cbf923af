/**
 * Subspace-search VQE (Nakanishi, Mitarai, Fujii 2019): one circuit U maps the orthogonal inputs
 * |00>, |01>, |10>, |11> to the four lowest eigenstates of a Hamiltonian at once, by minimizing the
 * weighted sum sum_k w_k <k|U^dagger H U|k> with w_0 > w_1 > w_2 > w_3 > 0. Orthogonality is free:
 * U is unitary. Here H is a seeded random 2-qubit Hamiltonian (all 15 Pauli strings) and U one
 * general two-qubit gate (15 angles), trained by the library's `SSVQE`; the levels are compared
 * with exact diagonalization.
 */
import { Circuit, Hamiltonian, Rng, SSVQE } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "ssvqe",
  category: "theory",
  summary: "subspace-search VQE: the four levels of a random 2-qubit Hamiltonian from one circuit",
  seconds: { full: 3, quick: 2 },
  target: { full: "max_k |E_k - E_k(exact)| <= 1e-3", quick: "the same as full" },
};

const WEIGHTS = [1, 0.75, 0.5, 0.25];

function randomHamiltonian(rng: Rng): Hamiltonian {
  const letters = ["I", "X", "Y", "Z"];
  const terms: [number, string][] = [];
  for (let a = 0; a < 4; a++) {
    for (let b = 0; b < 4; b++) {
      if (a === 0 && b === 0) continue;
      const label = [a ? `${letters[a]}0` : "", b ? `${letters[b]}1` : ""]
        .filter(Boolean)
        .join(", ");
      terms.push([Number(rng.uniformIn(-1, 1).toFixed(4)), label]);
    }
  }
  return new Hamiltonian(terms, { nQubits: 2 });
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run ssvqe` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const rng = new Rng(seed);
  const H = randomHamiltonian(rng);
  log(`random 2-qubit Hamiltonian (seed ${seed}): H = ${H.toString()}`);
  const exact = Array.from(H.groundState({ k: 4, seed, tol: 1e-12 }).energies);
  log(`exact levels: ${exact.map((e) => fmt(e)).join(", ")}`);

  const restarts = options.quick ? 2 : 4;
  let best: { loss: number; levels: number[]; trace: number[] } | undefined;
  for (let r = 0; r < restarts; r++) {
    const c = new Circuit(2, { seed: seed * 100 + r });
    c.universalTwoQubits([0, 1]);
    // the library's SSVQE: inputs |00>..|11>, weights WEIGHTS, L-BFGS to a tight tolerance
    const result = new SSVQE(H, c, {
      k: 4,
      weights: WEIGHTS,
      gradientTolerance: 1e-10,
      tolerance: 1e-14,
      maxIterations: 300,
    }).run();
    const levels = result.energies;
    const loss = result.loss;
    log(
      `start ${r + 1}: weighted loss ${fmt(loss)}, levels ${levels.map((e) => fmt(e)).join(", ")}`,
    );
    if (best === undefined || loss < best.loss) best = { loss, levels, trace: result.history };
    progress(r + 1, restarts, `loss ${fmt(loss)}`);
  }
  const { levels, trace } = best!;
  const errors = levels.map((e, k) => Math.abs(e - exact[k]!));
  const maxErr = Math.max(...errors);
  log(`largest level error ${fmt(maxErr, 3)}`);
  return {
    headline: headline("max_k |E_k - E_k(exact)|", maxErr, "<= 1e-3", maxErr <= 1e-3),
    numbers: { hamiltonian: H.toList(), exact, ssvqe: levels, errors, weights: WEIGHTS },
    report: {
      title: "Subspace-search VQE on a random 2-qubit Hamiltonian",
      sections: [
        {
          heading: "Levels",
          text: `H = ${H.toString()}`,
          table: {
            columns: ["level", "input", "SSVQE", "exact", "error"],
            rows: levels.map((e, k) => [
              k,
              k.toString(2).padStart(2, "0"),
              fmt(e, 8),
              fmt(exact[k]!, 8),
              fmt(errors[k]!, 3),
            ]),
          },
          figures: [
            {
              data: [
                {
                  type: "scatter",
                  mode: "markers",
                  name: "exact",
                  x: [0, 1, 2, 3],
                  y: exact,
                  marker: { size: 14, symbol: "line-ew-open" },
                },
                {
                  type: "scatter",
                  mode: "markers",
                  name: "SSVQE",
                  x: [0, 1, 2, 3],
                  y: levels,
                  marker: { size: 8 },
                },
              ],
              layout: {
                title: { text: "Energy levels" },
                xaxis: { title: { text: "level k" } },
                yaxis: { title: { text: "energy E_k (units of H)" } },
              },
            },
          ],
        },
        {
          heading: "Convergence of the best start",
          figures: [
            lineFigure("Weighted loss", "iteration", "sum_k w_k E_k", [{ name: "loss", y: trace }]),
          ],
        },
      ],
    },
  };
}
