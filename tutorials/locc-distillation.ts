/**
 * Entanglement distillation with BBPSSW and DEJMPS, simulated as LOCC protocols (`LoccNet`):
 * two noisy pairs in, one better pair out with some probability. The simulation must reproduce
 * the published formulas to 1e-10: BBPSSW's output fidelity and success probability for Werner
 * pairs (in the isotropic Phi+ form, and in the singlet form after Bob's unilateral Y), and
 * DEJMPS's map of the four Bell-diagonal coefficients for random Bell-diagonal pairs. Iterating
 * DEJMPS then shows the fidelity climbing towards 1 round by round.
 */
import { bellDiagonalState, isotropicState, Rng } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import {
  type BellCoefficients,
  bbpsswFormula,
  bellCoefficients,
  dejmpsFormula,
  recurrenceRound,
} from "./locc/protocols.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "locc-distillation",
  category: "theory",
  summary:
    "BBPSSW and DEJMPS entanglement distillation as LOCC protocols, reproducing their published fidelity and success-probability formulas",
  seconds: { full: 3, quick: 1 },
  target: {
    full: "max |simulated - formula| <= 1e-10 over 21 Werner fidelities (two forms) and 20 random Bell-diagonal pairs",
    quick: "the same over 6 Werner fidelities and 5 Bell-diagonal pairs",
  },
};

/** Bell-diagonal pair [Phi+, Psi-, Psi+, Phi-] as a density matrix (bellDiagonalState orders Phi+, Psi+, Phi-, Psi-). */
function bellPair(c: BellCoefficients) {
  return bellDiagonalState([c[0], c[2], c[3], c[1]]);
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run locc-distillation` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress } = options;
  const nF = options.quick ? 6 : 21;
  const nBell = options.quick ? 5 : 20;
  const total = nF + nBell;
  let done = 0;
  let worst = 0;
  const fidelities: number[] = [];
  const iso = { fidelity: [] as number[], probability: [] as number[] };
  const werner = { fidelity: [] as number[], probability: [] as number[] };
  const formula = { fidelity: [] as number[], probability: [] as number[] };
  for (let i = 0; i < nF; i++) {
    const F = 0.5 + (0.49 * i) / (nF - 1); // distillable range F > 1/2
    const p = (4 * F - 1) / 3; // isotropic weight of Phi+
    const q = (1 - F) / 3;
    const f = bbpsswFormula(F);
    const a = recurrenceRound(isotropicState(2, p), "bbpssw");
    // singlet-form Werner pair F|Psi-><Psi-| + q (I - |Psi-><Psi-|); Bob's Y maps Psi- to Phi+
    const b = recurrenceRound(bellDiagonalState([q, q, q, F]), "bbpssw", (c) => {
      c.y("full");
    });
    for (const r of [a, b])
      worst = Math.max(
        worst,
        Math.abs(r.fidelity - f.fidelity),
        Math.abs(r.probability - f.probability),
      );
    fidelities.push(F);
    iso.fidelity.push(a.fidelity);
    iso.probability.push(a.probability);
    werner.fidelity.push(b.fidelity);
    werner.probability.push(b.probability);
    formula.fidelity.push(f.fidelity);
    formula.probability.push(f.probability);
    progress(++done, total, `BBPSSW F = ${fmt(F, 3)}`);
  }
  log(
    `BBPSSW, ${nF} Werner fidelities in [0.5, 0.99], isotropic and singlet forms: max deviation from the formula ${worst.toExponential(2)}`,
  );

  const rng = new Rng(options.seed);
  let worstDejmps = 0;
  const bellRows: (string | number)[][] = [];
  for (let i = 0; i < nBell; i++) {
    // a random Bell-diagonal pair with A > 1/2 (DEJMPS's regime)
    const A = 0.55 + 0.4 * rng.uniform();
    const w = [rng.uniform(), rng.uniform(), rng.uniform()];
    const s = w.reduce((x, y) => x + y, 0);
    const c: BellCoefficients = [
      A,
      ((1 - A) * w[0]!) / s,
      ((1 - A) * w[1]!) / s,
      ((1 - A) * w[2]!) / s,
    ];
    const r = recurrenceRound(bellPair(c), "dejmps");
    const f = dejmpsFormula(c);
    const got = bellCoefficients(r.state);
    worstDejmps = Math.max(
      worstDejmps,
      Math.abs(r.probability - f.probability),
      ...got.map((x, k) => Math.abs(x - f.coefficients[k]!)),
    );
    if (i < 5)
      bellRows.push([
        c.map((x) => fmt(x, 4)).join(", "),
        fmt(r.fidelity, 6),
        fmt(f.coefficients[0], 6),
        fmt(r.probability, 6),
        fmt(f.probability, 6),
      ]);
    progress(++done, total, `DEJMPS pair ${i + 1}`);
  }
  log(
    `DEJMPS, ${nBell} random Bell-diagonal pairs: max deviation of the four coefficients and the success probability ${worstDejmps.toExponential(2)}`,
  );

  // iterating DEJMPS on the isotropic pair of Paddle Quantum's LOCCNet tutorial (p = 0.7, F = 0.775)
  const rounds = 4;
  let pair = isotropicState(2, 0.7);
  const roundFidelity = [bellCoefficients(pair)[0]];
  const roundYield: number[] = [1];
  for (let k = 0; k < rounds; k++) {
    const r = recurrenceRound(pair, "dejmps");
    pair = r.state;
    roundFidelity.push(r.fidelity);
    roundYield.push((roundYield[k]! * r.probability) / 2); // pairs out per pair in
  }
  log(`DEJMPS rounds from F = 0.775: ${roundFidelity.map((x) => fmt(x, 5)).join(" -> ")}`);

  const deviation = Math.max(worst, worstDejmps);
  const pass = deviation <= 1e-10;
  return {
    headline: headline(
      "max |simulated - published formula| (fidelity, success probability, Bell coefficients)",
      deviation,
      "<= 1e-10",
      pass,
    ),
    numbers: {
      fidelities,
      bbpssw: { isotropic: iso, singletWerner: werner, formula },
      bbpsswMaxDeviation: worst,
      dejmpsMaxDeviation: worstDejmps,
      dejmpsRounds: { fidelity: roundFidelity, yieldPerInputPair: roundYield },
    },
    report: {
      title: "Entanglement distillation: BBPSSW and DEJMPS as LOCC protocols",
      sections: [
        {
          heading: "BBPSSW on Werner pairs",
          text: [
            "Alice and Bob share two pairs of fidelity F with |Phi+>. Each applies CNOT from the first pair's qubit to the second's, measures the second pair and keeps the first when the outcomes agree.",
            `Largest deviation of the simulation from F' = (F^2 + ((1-F)/3)^2) / N and N = F^2 + 2F(1-F)/3 + 5((1-F)/3)^2: ${worst.toExponential(2)}.`,
          ],
          figures: [
            lineFigure(
              "BBPSSW output fidelity",
              "input fidelity F (dimensionless)",
              "output fidelity F' (dimensionless)",
              [
                { name: "formula", x: fidelities, y: formula.fidelity },
                {
                  name: "LOCC simulation (isotropic form)",
                  x: fidelities,
                  y: iso.fidelity,
                  mode: "markers",
                },
                {
                  name: "LOCC simulation (singlet form + Y)",
                  x: fidelities,
                  y: werner.fidelity,
                  mode: "markers",
                },
                { name: "no distillation", x: fidelities, y: fidelities },
              ],
            ),
            lineFigure(
              "BBPSSW success probability",
              "input fidelity F (dimensionless)",
              "success probability N (dimensionless)",
              [
                { name: "formula", x: fidelities, y: formula.probability },
                { name: "LOCC simulation", x: fidelities, y: iso.probability, mode: "markers" },
              ],
            ),
          ],
        },
        {
          heading: "DEJMPS on Bell-diagonal pairs",
          text: `Alice rotates by RX(pi/2), Bob by RX(-pi/2), then the same bilateral CNOT and comparison. Largest deviation from the DEJMPS map of (A, B, C, D) and N over ${nBell} random pairs: ${worstDejmps.toExponential(2)}.`,
          table: {
            columns: ["(A, B, C, D) in", "F' simulated", "F' formula", "N simulated", "N formula"],
            rows: bellRows,
          },
          figures: [
            lineFigure(
              "DEJMPS repeated on the isotropic pair p = 0.7",
              "rounds of DEJMPS (count)",
              "fidelity with Phi+ (dimensionless)",
              [
                {
                  name: "fidelity",
                  x: roundFidelity.map((_, k) => k),
                  y: roundFidelity,
                  mode: "lines+markers",
                },
              ],
              { integerX: true },
            ),
          ],
        },
      ],
    },
  };
}
