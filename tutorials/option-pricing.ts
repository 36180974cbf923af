/**
 * Option pricing by amplitude estimation (Paddle Quantum's finance tutorial): a European call
 * with S0 = 2.0, K = 1.896, sigma = 0.4, r = 0.05, T = 40/365. The log-normal law of S_T is
 * loaded into 3 price qubits, the payoff into one objective qubit, and the expected payoff is read
 * by canonical QAE (phase estimation, m evaluation qubits) and by maximum-likelihood QAE, next to
 * the exact expectation of the discretized law and Black-Scholes.
 */
import { blackScholesCall, priceEuropeanCall } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "option-pricing",
  category: "optimization",
  summary:
    "European call by amplitude estimation on 3 price qubits vs the discretized law and Black-Scholes",
  seconds: { full: 1, quick: 1 },
  target: {
    full: "MLAE's price within 1% of the discretized law's exact value",
    quick: "the same as full (fewer canonical QAE sizes)",
  },
};

const MARKET = { s0: 2.0, strike: 1.896, sigma: 0.4, r: 0.05, T: 40 / 365 };

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run option-pricing` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const evalQubits = options.quick ? [4, 6, 8] : [4, 5, 6, 7, 8, 9, 10];
  const rounds = options.quick ? [3, 5, 7] : [2, 3, 4, 5, 6, 7, 8];
  const total = evalQubits.length + rounds.length;
  let step = 0;
  const canonical = evalQubits.map((m) => {
    const p = priceEuropeanCall(MARKET, { method: "canonical", evalQubits: m });
    options.log(
      `canonical QAE, m = ${m}: price ${fmt(p.estimate, 5)} (${p.oracleCalls} oracle calls)`,
    );
    options.progress(++step, total, `canonical m=${m}`);
    return p;
  });
  const mle = rounds.map((k) => {
    const p = priceEuropeanCall(MARKET, {
      method: "mle",
      rounds: k,
      shots: 2000,
      seed: options.seed,
    });
    options.log(`ML-QAE, ${k} rounds: price ${fmt(p.estimate, 5)} (${p.oracleCalls} oracle calls)`);
    options.progress(++step, total, `mle rounds=${k}`);
    return p;
  });
  const exact = mle[0]!.discretized;
  const bs = blackScholesCall(MARKET);
  const final = mle[mle.length - 1]!;
  const relError = Math.abs(final.estimate / exact - 1);
  options.log(
    `discretized law: ${fmt(exact, 5)}, Black-Scholes: ${fmt(bs, 5)}, ML-QAE error ${fmt(100 * relError, 3)}%`,
  );
  const err = (ps: typeof mle) => ps.map((p) => Math.max(Math.abs(p.estimate / exact - 1), 1e-8));
  const dist = final.distribution;
  return {
    headline: headline(
      "|QAE price / exact discretized price - 1|",
      relError,
      "<= 0.01",
      relError <= 0.01,
    ),
    numbers: {
      market: MARKET,
      discretized: exact,
      blackScholes: bs,
      canonical: canonical.map((p, i) => ({
        evalQubits: evalQubits[i],
        price: p.estimate,
        oracleCalls: p.oracleCalls,
      })),
      mle: mle.map((p, i) => ({
        rounds: rounds[i],
        price: p.estimate,
        oracleCalls: p.oracleCalls,
      })),
      prices: Array.from(dist.prices),
      probabilities: Array.from(dist.probabilities),
    },
    report: {
      title: "Option pricing by amplitude estimation",
      sections: [
        {
          heading: "The loaded distribution",
          text: `Log-normal law of S_T on 8 price points; strike ${MARKET.strike}.`,
          figures: [
            {
              data: [
                {
                  type: "bar",
                  name: "P(S_T)",
                  x: Array.from(dist.prices),
                  y: Array.from(dist.probabilities),
                },
              ],
              layout: {
                title: { text: "Discretized log-normal distribution (3 qubits)" },
                xaxis: { title: { text: "S_T" } },
                yaxis: { title: { text: "probability" } },
              },
            },
          ],
        },
        {
          heading: "Error against oracle calls",
          text: `Exact discretized price ${fmt(exact, 5)}; Black-Scholes ${fmt(bs, 5)}.`,
          figures: [
            lineFigure(
              "Relative price error",
              "oracle calls",
              "|estimate / exact - 1|",
              [
                {
                  name: "canonical QAE",
                  x: canonical.map((p) => p.oracleCalls),
                  y: err(canonical),
                  mode: "lines+markers",
                },
                {
                  name: "maximum-likelihood QAE",
                  x: mle.map((p) => p.oracleCalls),
                  y: err(mle),
                  mode: "lines+markers",
                },
              ],
              { logX: true, logY: true },
            ),
          ],
        },
      ],
    },
  };
}
