/**
 * European call pricing by amplitude estimation (Stamatopoulos et al. 2020, Paddle's
 * `EuroOptionEstimator`): the log-normal distribution of S_T, discretized on 2^k points, is
 * loaded into k price qubits; one objective qubit is rotated by the normalized payoff of each
 * price point, so P(objective = 1) = E[payoff] / scale, which QAE estimates.
 */
import { ArgumentError, describe } from "../../errors.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import type { Rng } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { amplitudeEstimation, mlAmplitudeEstimation } from "./amplitude-estimation.js";

/** The market of a European option. */
export interface OptionMarket {
  /** Spot price S0. */
  s0: number;
  /** Strike K. */
  strike: number;
  /** Yearly volatility sigma. */
  sigma: number;
  /** Yearly risk-free rate r. */
  r: number;
  /** Time to maturity T in years. */
  T: number;
}

/** A distribution on a grid of prices. */
export interface PriceDistribution {
  readonly prices: Float64Array;
  readonly probabilities: Float64Array;
}

function checkMarket(m: unknown, where: string): OptionMarket {
  if (m === null || typeof m !== "object")
    throw new ArgumentError(
      `${where}: market must be an object { s0, strike, sigma, r, T }, got ${describe(m)}`,
    );
  checkOptions(m, MARKET_KEYS, where);
  const o = m as Record<string, unknown>;
  for (const k of MARKET_KEYS) {
    const v = o[k];
    const ok = typeof v === "number" && Number.isFinite(v) && (k === "r" ? true : v > 0);
    if (!ok)
      throw new ArgumentError(
        `${where}: market.${k} must be a ${k === "r" ? "finite" : "positive"} number, got ${describe(v)}`,
      );
  }
  return m as OptionMarket;
}

const MARKET_KEYS = optionKeys<OptionMarket>({
  s0: true,
  strike: true,
  sigma: true,
  r: true,
  T: true,
});

/**
 * The risk-neutral log-normal law of S_T on 2^k evenly spaced prices over mean +- 3 standard
 * deviations (clipped at 0), probabilities proportional to the density at each point.
 * @example
 * logNormalDistribution({ s0: 2, strike: 1.896, sigma: 0.4, r: 0.05, T: 40 / 365 }, 3).prices.length; // 8
 */
export function logNormalDistribution(market: OptionMarket, qubits: number): PriceDistribution {
  checkArity(arguments.length, 2, "logNormalDistribution");
  const { s0, sigma, r, T } = checkMarket(market, "logNormalDistribution");
  if (!Number.isInteger(qubits) || qubits < 1 || qubits > 9)
    throw new ArgumentError(
      `logNormalDistribution: qubits must be an integer in [1, 9], got ${describe(qubits)}`,
    );
  const mu = (r - (sigma * sigma) / 2) * T + Math.log(s0);
  const s = sigma * Math.sqrt(T);
  const mean = Math.exp(mu + (s * s) / 2);
  const std = Math.sqrt((Math.exp(s * s) - 1) * Math.exp(2 * mu + s * s));
  const low = Math.max(1e-12, mean - 3 * std);
  const high = mean + 3 * std;
  const m = 2 ** qubits;
  const prices = Float64Array.from({ length: m }, (_, i) => low + ((high - low) * i) / (m - 1));
  const density = prices.map(
    (x) => Math.exp(-((Math.log(x) - mu) ** 2) / (2 * s * s)) / (x * s * Math.sqrt(2 * Math.PI)),
  );
  const total = density.reduce((a, b) => a + b, 0);
  return { prices, probabilities: density.map((d) => d / total) };
}

/**
 * The state preparation A for a call on `dist`: k price qubits (a Householder reflection that maps
 * |0> to sum_i sqrt(p_i)|i>), then the payoff rotation RY(2 asin sqrt(f_i)) of the last qubit
 * for each price point i, f_i = max(S_i - K, 0) / scale. `scale` turns a back into a payoff.
 * @example
 * const { circuit, scale } = europeanCallCircuit(dist, 1.896);
 */
export function europeanCallCircuit(
  dist: PriceDistribution,
  strike: number,
): { circuit: Circuit; scale: number } {
  checkArity(arguments.length, 2, "europeanCallCircuit");
  if (
    dist === null ||
    typeof dist !== "object" ||
    !(dist.prices instanceof Float64Array) ||
    !(dist.probabilities instanceof Float64Array) ||
    dist.prices.length !== dist.probabilities.length
  )
    throw new ArgumentError(
      `europeanCallCircuit: dist must be { prices, probabilities } (Float64Arrays of one length), got ${describe(dist)}`,
    );
  const m = dist.prices.length;
  const k = Math.log2(m);
  if (!Number.isInteger(k) || k < 1)
    throw new ArgumentError(`europeanCallCircuit: dist must have 2^k points, got ${m}`);
  if (typeof strike !== "number" || !Number.isFinite(strike) || strike <= 0)
    throw new ArgumentError(
      `europeanCallCircuit: strike must be a positive number, got ${describe(strike)}`,
    );
  const payoff = dist.prices.map((x) => Math.max(x - strike, 0));
  const scale = Math.max(...payoff);
  if (scale === 0)
    throw new ArgumentError(
      `europeanCallCircuit: strike ${strike} is above every price of the grid (max ${dist.prices[m - 1]}); the payoff is 0`,
    );
  // Householder: H = I - 2 v v^T / (v^T v), v = e0 - psi, maps e0 to psi (real, orthogonal)
  const psi = dist.probabilities.map((p) => Math.sqrt(Math.max(p, 0)));
  const v = psi.map((x, i) => (i === 0 ? 1 : 0) - x);
  const vv = v.reduce((s, x) => s + x * x, 0);
  const load = new Float64Array(2 * m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      load[2 * (i * m + j)] = (i === j ? 1 : 0) - (vv < 1e-30 ? 0 : (2 * v[i]! * v[j]!) / vv);
  // block diagonal over the price index: RY(2 asin sqrt(f_i)) on the objective qubit
  const d = 2 * m;
  const rot = new Float64Array(2 * d * d);
  for (let i = 0; i < m; i++) {
    const t = Math.asin(Math.sqrt(payoff[i]! / scale));
    const [c, s] = [Math.cos(t), Math.sin(t)];
    const at = (r: number, col: number) => 2 * ((2 * i + r) * d + 2 * i + col);
    rot[at(0, 0)] = c;
    rot[at(0, 1)] = -s;
    rot[at(1, 0)] = s;
    rot[at(1, 1)] = c;
  }
  const circuit = new Circuit(k + 1);
  circuit.oracle(load, [Array.from({ length: k }, (_, q) => q)], { name: "load" });
  circuit.oracle(rot, [Array.from({ length: k + 1 }, (_, q) => q)], { name: "payoff" });
  return { circuit, scale };
}

function normalCdf(x: number): number {
  // Abramowitz-Stegun 7.1.26 is too coarse for 1e-6 checks: use the complementary error function
  // by its continued-fraction-free Chebyshev fit (Numerical Recipes erfc, |error| < 1.2e-7)
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * The Black-Scholes price of a European call, e^(-rT) E[max(S_T - K, 0)] under the continuous law.
 * @example
 * blackScholesCall({ s0: 2, strike: 1.896, sigma: 0.4, r: 0.05, T: 40 / 365 }); // about 0.1696
 */
export function blackScholesCall(market: OptionMarket): number {
  checkArity(arguments.length, 1, "blackScholesCall");
  const { s0, strike, sigma, r, T } = checkMarket(market, "blackScholesCall");
  const d1 = (Math.log(s0 / strike) + (r + (sigma * sigma) / 2) * T) / (sigma * Math.sqrt(T));
  const d2 = d1 - sigma * Math.sqrt(T);
  return s0 * normalCdf(d1) - strike * Math.exp(-r * T) * normalCdf(d2);
}

/** Options of `priceEuropeanCall`. */
export interface CallPricingOptions {
  /** Price qubits k (default 3). */
  qubits?: number;
  /** "mle" (maximum-likelihood QAE, default) or "canonical" (phase estimation). */
  method?: "mle" | "canonical";
  /** Canonical QAE's evaluation qubits (default 8). */
  evalQubits?: number;
  /** MLAE's rounds (default 7) and shots per round (default 2000). */
  rounds?: number;
  shots?: number;
  seed?: number;
  rng?: Rng;
}

const PRICING_OPTIONS = optionKeys<CallPricingOptions>({
  qubits: true,
  method: true,
  evalQubits: true,
  rounds: true,
  shots: true,
  seed: true,
  rng: true,
});

/** A call price three ways. */
export interface CallPrice {
  /** e^(-rT) times QAE's expected payoff. */
  readonly estimate: number;
  /** e^(-rT) times the exact expected payoff of the discretized distribution. */
  readonly discretized: number;
  /** Black-Scholes. */
  readonly blackScholes: number;
  /** The distribution loaded into the price qubits. */
  readonly distribution: PriceDistribution;
  readonly oracleCalls: number;
}

/**
 * Prices a European call by amplitude estimation on `qubits` price qubits, beside the exact value
 * of the discretized distribution and Black-Scholes.
 * @example
 * const p = priceEuropeanCall({ s0: 2, strike: 1.896, sigma: 0.4, r: 0.05, T: 40 / 365 }, { seed: 1 });
 * Math.abs(p.estimate / p.discretized - 1) < 0.01; // true
 */
export function priceEuropeanCall(
  market: OptionMarket,
  options: CallPricingOptions = {},
): CallPrice {
  checkArity(arguments.length, 2, "priceEuropeanCall");
  checkOptions(options, PRICING_OPTIONS, "priceEuropeanCall");
  const mk = checkMarket(market, "priceEuropeanCall");
  const dist = logNormalDistribution(mk, options.qubits ?? 3);
  const { circuit, scale } = europeanCallCircuit(dist, mk.strike);
  const method = options.method ?? "mle";
  let est: { estimate: number; oracleCalls: number };
  if (method === "mle") {
    est = mlAmplitudeEstimation(circuit, {
      rounds: options.rounds ?? 7,
      shots: options.shots ?? 2000,
      seed: options.seed,
      rng: options.rng,
    });
  } else if (method === "canonical") {
    est = amplitudeEstimation(circuit, { evalQubits: options.evalQubits ?? 8 });
  } else {
    throw new ArgumentError(
      `priceEuropeanCall: method must be "mle" or "canonical", got ${describe(method)}`,
    );
  }
  const discount = Math.exp(-mk.r * mk.T);
  let exact = 0;
  dist.prices.forEach((x, i) => {
    exact += dist.probabilities[i]! * Math.max(x - mk.strike, 0);
  });
  return {
    estimate: discount * est.estimate * scale,
    discretized: discount * exact,
    blackScholes: blackScholesCall(mk),
    distribution: dist,
    oracleCalls: est.oracleCalls,
  };
}
