/**
 * Portfolio optimization as a QUBO (Paddle's `portfolio_optimization_hamiltonian`): choose
 * `budget` of n assets (bit i = asset i held) minimizing q x^T Sigma x - mu^T x plus
 * penalty (budget - sum x)^2.
 */
import { ArgumentError, describe } from "../../errors.js";
import type { Hamiltonian } from "../../quantum/operators/hamiltonian.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { checkSquare, quboHamiltonian } from "../qaoa/ising.js";

/** Options of `portfolioHamiltonian`. */
export interface PortfolioOptions {
  /** How many assets to hold (required). */
  budget: number;
  /** Weight q of the risk term x^T Sigma x (default 0.5). */
  riskAversion?: number;
  /** Weight of the budget constraint (default 1 + the sum of |mu| and q |Sigma| entries). */
  penalty?: number;
}

const PORTFOLIO_OPTIONS = optionKeys<PortfolioOptions>({
  budget: true,
  riskAversion: true,
  penalty: true,
});

/**
 * The portfolio Hamiltonian from mean returns `mu` and covariance `sigma`.
 * @example
 * const { meanReturns, covariance } = simulateStockData(4, 250, { seed: 1 });
 * const H = portfolioHamiltonian(meanReturns, covariance, { budget: 2 });
 */
export function portfolioHamiltonian(
  mu: readonly number[],
  sigma: readonly (readonly number[])[],
  options: PortfolioOptions,
): Hamiltonian {
  checkArity(arguments.length, 3, "portfolioHamiltonian");
  checkOptions(options, PORTFOLIO_OPTIONS, "portfolioHamiltonian");
  if (options === undefined)
    throw new ArgumentError("portfolioHamiltonian: options { budget } is required");
  const cov = checkSquare(sigma, "sigma", "portfolioHamiltonian");
  const n = cov.length;
  if (
    !Array.isArray(mu) ||
    mu.length !== n ||
    !mu.every((v) => typeof v === "number" && Number.isFinite(v))
  )
    throw new ArgumentError(
      `portfolioHamiltonian: mu must be ${n} finite numbers (one per row of sigma), got ${describe(mu)}`,
    );
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++)
      if (Math.abs(cov[i]![j]! - cov[j]![i]!) > 1e-12 * (1 + Math.abs(cov[i]![j]!)))
        throw new ArgumentError(
          `portfolioHamiltonian: sigma must be symmetric, [${i}][${j}] = ${cov[i]![j]} but [${j}][${i}] = ${cov[j]![i]}`,
        );
  const B = options.budget;
  if (!Number.isInteger(B) || B < 1 || B > n)
    throw new ArgumentError(
      `portfolioHamiltonian: budget must be an integer in [1, ${n}], got ${describe(B)}`,
    );
  const q = options.riskAversion ?? 0.5;
  if (typeof q !== "number" || !Number.isFinite(q) || q < 0)
    throw new ArgumentError(
      `portfolioHamiltonian: riskAversion must be a number >= 0, got ${describe(q)}`,
    );
  let scale = 1;
  for (let i = 0; i < n; i++) {
    scale += Math.abs(mu[i]!);
    for (let j = 0; j < n; j++) scale += q * Math.abs(cov[i]![j]!);
  }
  const A = options.penalty ?? scale;
  if (typeof A !== "number" || !Number.isFinite(A) || A <= 0)
    throw new ArgumentError(
      `portfolioHamiltonian: penalty must be a positive number, got ${describe(A)}`,
    );
  // A (B - sum x)^2 = A B^2 + A sum_i (1 - 2B) x_i + 2A sum_{i<j} x_i x_j
  const Q = cov.map((row, i) =>
    row.map((s, j) => q * s + (i === j ? -mu[i]! + A * (1 - 2 * B) : i < j ? 2 * A : 0)),
  );
  return quboHamiltonian(Q, A * B * B);
}
