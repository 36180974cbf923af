/**
 * A seeded stock-market simulator (Paddle's `DataSimulator` in spirit): prices follow geometric
 * Brownian motion, and the daily returns give the mean returns and covariance that the
 * portfolio Hamiltonian reads.
 */
import { ArgumentError, describe } from "../../errors.js";
import { type Rng, rngOption } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";

/** Options of `simulateStockData`. */
export interface StockDataOptions {
  /** Seed of the price paths. */
  seed?: number;
  /** A generator instead of a seed. */
  rng?: Rng;
  /** Daily drift of each asset's log price (default 0.001). */
  drift?: number;
  /** Daily volatility of each asset's log price (default 0.02). */
  volatility?: number;
  /** Correlation of every pair of assets through one common factor, in [0, 1) (default 0.3). */
  correlation?: number;
}

const STOCK_OPTIONS = optionKeys<StockDataOptions>({
  seed: true,
  rng: true,
  drift: true,
  volatility: true,
  correlation: true,
});

/** Simulated prices and their statistics. */
export interface StockData {
  /** prices[asset][day], starting at 1. */
  readonly prices: number[][];
  /** Daily simple returns, returns[asset][day - 1]. */
  readonly returns: number[][];
  /** Mean daily return per asset. */
  readonly meanReturns: number[];
  /** Sample covariance of the daily returns. */
  readonly covariance: number[][];
}

/**
 * Daily prices of `assets` assets over `days` days, seeded, with their mean returns and covariance.
 * @example
 * const { meanReturns, covariance } = simulateStockData(4, 250, { seed: 1 });
 */
export function simulateStockData(
  assets: number,
  days: number,
  options: StockDataOptions = {},
): StockData {
  checkArity(arguments.length, 3, "simulateStockData");
  checkOptions(options, STOCK_OPTIONS, "simulateStockData");
  if (!Number.isInteger(assets) || assets < 1)
    throw new ArgumentError(
      `simulateStockData: assets must be a positive integer, got ${describe(assets)}`,
    );
  if (!Number.isInteger(days) || days < 3)
    throw new ArgumentError(
      `simulateStockData: days must be an integer >= 3, got ${describe(days)}`,
    );
  const rng = rngOption(options.rng, options.seed, "simulateStockData");
  const number = (v: unknown, fallback: number, name: string, ok: (x: number) => boolean) => {
    const x = v ?? fallback;
    if (typeof x !== "number" || !Number.isFinite(x) || !ok(x))
      throw new ArgumentError(`simulateStockData: ${name} out of range, got ${describe(v)}`);
    return x;
  };
  const mu = number(options.drift, 0.001, "drift", () => true);
  const vol = number(options.volatility, 0.02, "volatility", (x) => x >= 0);
  const rho = number(options.correlation, 0.3, "correlation", (x) => x >= 0 && x < 1);
  const prices = Array.from({ length: assets }, () => [1]);
  for (let t = 1; t < days; t++) {
    const common = rng.normal();
    for (const path of prices) {
      const z = Math.sqrt(rho) * common + Math.sqrt(1 - rho) * rng.normal();
      path.push(path[t - 1]! * Math.exp(mu - (vol * vol) / 2 + vol * z));
    }
  }
  const returns = prices.map((p) => p.slice(1).map((v, t) => v / p[t]! - 1));
  const meanReturns = returns.map((r) => r.reduce((s, v) => s + v, 0) / r.length);
  const covariance = returns.map((ri, i) =>
    returns.map(
      (rj, j) =>
        ri.reduce((s, v, t) => s + (v - meanReturns[i]!) * (rj[t]! - meanReturns[j]!), 0) /
        (ri.length - 1),
    ),
  );
  return { prices, returns, meanReturns, covariance };
}
