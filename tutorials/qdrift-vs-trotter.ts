/**
 * QDRIFT vs Trotter at a fixed gate budget. The Hamiltonian looks like a molecular one: a few
 * strong terms (|c| ~ 0.5-1) and a long tail of about 300 weak ones (|c| ~ 0.01), on 6 qubits.
 * One first-order Trotter step already costs one rotation per term (L gates), and its error comes
 * from the strong terms that do not commute; a QDRIFT circuit of N rotations draws terms in
 * proportion to |c_j|, so its error depends on lambda = sum |c_j| and N, not on L (Campbell 2019:
 * within 2 lambda^2 t^2 / N of the exact channel). For each budget G (Pauli rotations) the
 * tutorial compares the infidelity of Trotter orders 1 and 2 (as many whole steps as fit) with
 * QDRIFT's, averaged over seeds: the mean infidelity over draws is 1 - <exact|rho|exact> for the
 * QDRIFT channel's output rho. QDRIFT wins at small budgets (around one Trotter step) and loses
 * at large ones, where Trotter's error falls as 1/r^p against QDRIFT's 1/N.
 */
import { Hamiltonian, infidelity, qdriftCircuit, Rng, State, trotterCircuit } from "qoar";
import { headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "qdrift-vs-trotter",
  category: "theory",
  summary:
    "QDRIFT vs Trotter (orders 1, 2) at a fixed gate budget on a Hamiltonian with ~300 terms: who wins where",
  seconds: { full: 12, quick: 3 },
  target: {
    full: "at a budget of one Trotter step (G = L) QDRIFT's mean infidelity <= 0.5 x Trotter's; at 16 L Trotter order 2 beats QDRIFT",
    quick: "the same, budgets up to 4 L and fewer QDRIFT draws",
  },
};

/** A random Pauli string on n qubits (not the identity). */
function randomPauli(n: number, rng: Rng): string {
  for (;;) {
    const parts: string[] = [];
    for (let q = 0; q < n; q++) {
      const r = rng.int(4);
      if (r < 3) parts.push(`${"XYZ"[r]}${q}`);
    }
    if (parts.length > 0) return parts.join(" ");
  }
}

/** A few strong terms and a long weak tail (seeded). */
function skewedHamiltonian(n: number, rng: Rng): Hamiltonian {
  const list: [number, string][] = [];
  const sign = () => (rng.uniform() < 0.5 ? -1 : 1);
  for (let k = 0; k < 6; k++)
    list.push([(0.5 + 0.5 * rng.uniform()) * sign(), randomPauli(n, rng)]);
  for (let k = 0; k < 300; k++)
    list.push([0.01 * Math.exp(0.7 * rng.normal()) * sign(), randomPauli(n, rng)]);
  return new Hamiltonian(list).compress();
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run qdrift-vs-trotter` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress } = options;
  const n = 6;
  const t = 1;
  const H = skewedHamiltonian(n, new Rng(5));
  const L = H.nTerms;
  const lambda = H.terms.reduce((s, term) => s + Math.abs(term.coefficient), 0);
  const psi = State.basis(n, "010101");
  const exact = psi.evolve(H, t);
  log(`H: ${L} Pauli terms on ${n} qubits, lambda = sum |c_j| = ${lambda.toFixed(3)}; t = ${t}`);
  const multiples = options.quick ? [0.25, 0.5, 1, 2, 4] : [0.25, 0.5, 1, 2, 4, 8, 16];
  const draws = options.quick ? 8 : 40;
  const budgets = multiples.map((m) => Math.round(m * L));
  const qdrift: number[] = [];
  const trotter1: (number | null)[] = [];
  const trotter2: (number | null)[] = [];
  budgets.forEach((G, i) => {
    let mean = 0;
    for (let s = 0; s < draws; s++) {
      const c = qdriftCircuit(H, t, { samples: G, seed: 1000 * options.seed + s });
      mean += infidelity(c.forward(psi), exact);
    }
    qdrift.push(mean / draws);
    // as many whole steps as the budget holds: order 1 takes L rotations per step, order 2 2L - 2 (+1)
    const r1 = Math.floor(G / L);
    const r2 = Math.floor((G - 1) / (2 * L - 2));
    trotter1.push(
      r1 >= 1
        ? infidelity(trotterCircuit(H, t, { steps: r1, order: 1 }).forward(psi), exact)
        : null,
    );
    trotter2.push(
      r2 >= 1
        ? infidelity(trotterCircuit(H, t, { steps: r2, order: 2 }).forward(psi), exact)
        : null,
    );
    const show = (e: number | null) => (e === null ? "-" : e.toExponential(2));
    log(
      `G = ${G} (${multiples[i]} L): QDRIFT ${show(qdrift[i]!)}, Trotter-1 (${r1} steps) ${show(trotter1[i]!)}, Trotter-2 (${r2} steps) ${show(trotter2[i]!)}`,
    );
    progress(i + 1, budgets.length, `G = ${G}`);
  });
  const atL = multiples.indexOf(1);
  const ratio = qdrift[atL]! / trotter1[atL]!;
  const last = budgets.length - 1;
  const trotterWinsLate = (trotter2[last] ?? 1) < qdrift[last]!;
  log(
    `at G = L: QDRIFT / Trotter-1 = ${ratio.toFixed(3)}; at the largest budget Trotter-2 ${trotterWinsLate ? "wins" : "does not win"}`,
  );
  const bound = budgets.map((G) => (lambda * lambda * t * t) / G);
  const pass = ratio <= 0.5 && trotterWinsLate;
  return {
    headline: headline(
      "QDRIFT / Trotter-1 mean infidelity at G = L",
      ratio,
      "<= 0.5, and Trotter-2 ahead at the largest budget",
      pass,
    ),
    numbers: { L, lambda, t, budgets, draws, qdrift, trotter1, trotter2, bound },
    report: {
      title: "QDRIFT vs Trotter at a fixed gate budget",
      sections: [
        {
          heading: `${L} terms, lambda = ${lambda.toFixed(2)}, t = ${t}`,
          text: `QDRIFT: mean over ${draws} seeded circuits (the QDRIFT channel's infidelity). Trotter: as many whole steps as the budget holds (none below G = L for order 1, G = 2L - 1 for order 2). The line lambda^2 t^2 / G is the bound that the mean infidelity stays under.`,
          figures: [
            {
              ...lineFigure(
                "Infidelity at a fixed number of Pauli rotations (log-log)",
                "gate budget G: Pauli rotations (count)",
                "infidelity 1 - <exact|rho|exact> (dimensionless)",
                [
                  { name: "QDRIFT (mean)", x: budgets, y: qdrift, mode: "lines+markers" },
                  ...[
                    ["Trotter order 1", trotter1],
                    ["Trotter order 2", trotter2],
                  ].map(([name, ys]) => {
                    const keep = (ys as (number | null)[])
                      .map((y, i) => [budgets[i]!, y] as const)
                      .filter((p) => p[1] !== null);
                    return {
                      name: name as string,
                      x: keep.map((p) => p[0]),
                      y: keep.map((p) => p[1]!),
                      mode: "lines+markers",
                    };
                  }),
                  { name: "lambda^2 t^2 / G", x: budgets, y: bound },
                ],
                { logY: true, logX: true },
              ),
            },
          ],
          table: {
            columns: ["G", "G / L", "QDRIFT", "Trotter-1", "Trotter-2"],
            rows: budgets.map((G, i) => [
              G,
              multiples[i]!,
              qdrift[i]!.toExponential(3),
              trotter1[i] === null ? "-" : trotter1[i]!.toExponential(3),
              trotter2[i] === null ? "-" : trotter2[i]!.toExponential(3),
            ]),
          },
        },
      ],
    },
  };
}
