/**
 * QAOA for the travelling salesman (Paddle Quantum's TSP tutorial): 4 cities on (4 - 1)^2 = 9
 * qubits (`tspHamiltonian`, city 3 fixed last). The plain energy objective stalls in the penalty
 * landscape; CVaR (the mean of the best 10% of outcomes) trains the per-term QAOA onto valid,
 * short tours. The headline is the probability of an optimal tour, against the uniform 2/512.
 */
import { decodeTour, QAOA, tspHamiltonian } from "qoar";
import { fmt, headline } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "qaoa-tsp",
  category: "optimization",
  summary: "QAOA (CVaR objective) for a 4-city TSP on 9 qubits: P(optimal tour) vs uniform",
  seconds: { full: 2, quick: 1 },
  target: {
    full: "P(optimal tour) >= 10x uniform and the most likely bitstring is an optimal tour",
    quick: "the same as full (depth 2 only)",
  },
};

const DISTANCES = [
  [0, 3, 4, 2],
  [3, 0, 1, 5],
  [4, 1, 0, 3],
  [2, 5, 3, 0],
];

const tourLength = (t: readonly number[]) =>
  t.reduce((s, c, k) => s + DISTANCES[c]![t[(k + 1) % t.length]!]!, 0);

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run qaoa-tsp` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const H = tspHamiltonian(DISTANCES, { penalty: 6 });
  const depths = options.quick ? [2] : [2, 3];
  const uniform = 2 / 2 ** H.nQubits; // a tour and its reverse are both optimal
  const rows: (string | number)[][] = [];
  const curves: { name: string; y: number[] }[] = [];
  let headlineP = 0;
  let headlineTour: number[] | undefined;
  let step = 0;
  const total = 2 * depths.length;
  for (const depth of depths) {
    for (const objective of ["energy", "cvar"] as const) {
      const qaoa = new QAOA(H, { depth, parameters: "per-term" });
      const { history } = qaoa.optimize({ objective, alpha: 0.1, steps: 100 });
      const optimum = qaoa.bruteForce().cost;
      const p = qaoa.probabilities();
      let pOpt = 0;
      p.forEach((v, i) => {
        if (Math.abs(qaoa.costs[i]! - optimum) < 1e-9) pOpt += v;
      });
      const likely = qaoa.best();
      const tour = decodeTour(likely.bits, 4);
      options.log(
        `p = ${depth}, ${objective}: P(optimal tour) = ${fmt(pOpt, 4)}, most likely ${likely.bits} -> ${tour?.join(" ") ?? "invalid"}`,
      );
      rows.push([depth, objective, fmt(pOpt, 4), likely.bits, tour ? tourLength(tour) : "invalid"]);
      curves.push({ name: `p = ${depth}, ${objective}`, y: history });
      if (objective === "cvar" && pOpt > headlineP) {
        headlineP = pOpt;
        headlineTour = tour;
      }
      options.progress(++step, total, `p=${depth} ${objective}`);
    }
  }
  const optimal = Math.min(
    ...[
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ].map((t) => tourLength([...t, 3])),
  );
  const pass =
    headlineP >= 10 * uniform && headlineTour !== undefined && tourLength(headlineTour) === optimal;
  return {
    headline: headline(
      "P(optimal tour), CVaR-trained QAOA",
      headlineP,
      `>= 10 x uniform (${fmt(10 * uniform, 4)})`,
      pass,
    ),
    numbers: {
      distances: DISTANCES,
      optimalLength: optimal,
      uniform,
      pOptimal: headlineP,
      tour: headlineTour ?? null,
      rows,
    },
    report: {
      title: "QAOA for the travelling salesman",
      sections: [
        {
          heading: "Training",
          text: "Objective during L-BFGS for the energy and CVaR (alpha = 0.1) objectives.",
          figures: [
            {
              data: curves.map((c) => ({
                type: "scatter",
                mode: "lines",
                name: c.name,
                x: c.y.map((_, i) => i + 1),
                y: c.y,
              })),
              layout: {
                title: { text: "QAOA objective during training" },
                xaxis: { title: { text: "evaluation" } },
                yaxis: { title: { text: "objective (tour length + penalties)" } },
              },
            },
          ],
          table: {
            columns: ["p", "objective", "P(optimal tour)", "most likely bits", "its tour length"],
            rows,
          },
        },
      ],
    },
  };
}
