import { describe, expect, it } from "vitest";
import {
  amplitudeEstimation,
  mlAmplitudeEstimation,
} from "../../../src/algorithms/finance/amplitude-estimation.js";
import { simulateStockData } from "../../../src/algorithms/finance/market-data.js";
import {
  blackScholesCall,
  europeanCallCircuit,
  logNormalDistribution,
  priceEuropeanCall,
} from "../../../src/algorithms/finance/option-pricing.js";
import { portfolioHamiltonian } from "../../../src/algorithms/finance/portfolio.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";

const MARKET = { s0: 2.0, strike: 1.896, sigma: 0.4, r: 0.05, T: 40 / 365 };

describe("amplitude estimation", () => {
  it("canonical QAE finds a = sin^2(theta) within its resolution; MLAE to shot noise", () => {
    for (const a of [0.1, 0.3, 0.62]) {
      const A = new Circuit(2);
      A.ry(0, { param: 2 * Math.asin(Math.sqrt(a)) });
      A.h(1);
      const m = 7;
      const qae = amplitudeEstimation(A, { objective: 0, evalQubits: m });
      expect(qae.exact).toBeCloseTo(a, 12);
      // Brassard et al.'s bound for the most likely outcome (k = 1)
      const bound = (2 * Math.PI * Math.sqrt(a * (1 - a))) / 2 ** m + Math.PI ** 2 / 4 ** m;
      expect(Math.abs(qae.estimate - a)).toBeLessThanOrEqual(bound);
      expect(qae.outcomes.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 10);
      const ml = mlAmplitudeEstimation(A, { objective: 0, rounds: 6, shots: 2000, seed: 3 });
      // Fisher information of the schedule: sd ~ 1 / sqrt(N sum (2k + 1)^2) in theta
      const sd =
        (2 * Math.sqrt(a * (1 - a))) /
        Math.sqrt(2000 * ml.powers.reduce((s, k) => s + (2 * k + 1) ** 2, 0));
      expect(Math.abs(ml.estimate - a)).toBeLessThan(5 * sd);
    }
  });
});

describe("European call pricing", () => {
  it("the loaded state holds the discretized log-normal law and the payoff amplitude", () => {
    const dist = logNormalDistribution(MARKET, 3);
    expect(dist.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    const { circuit, scale } = europeanCallCircuit(dist, MARKET.strike);
    const probs = circuit.forward().probabilities() as Float64Array;
    let a = 0;
    for (let i = 0; i < 8; i++) {
      expect(probs[2 * i]! + probs[2 * i + 1]!).toBeCloseTo(dist.probabilities[i]!, 12);
      a += probs[2 * i + 1]!;
    }
    const payoff = dist.prices.reduce(
      (s, x, i) => s + dist.probabilities[i]! * Math.max(x - MARKET.strike, 0),
      0,
    );
    expect(a * scale).toBeCloseTo(payoff, 12);
  });

  it("S0 = 2, K = 1.896, sigma = 0.4, r = 0.05, T = 40/365 on 3 price qubits: QAE within 1% of the discretized value", () => {
    const p = priceEuropeanCall(MARKET, { seed: 1 });
    expect(Math.abs(p.estimate / p.discretized - 1)).toBeLessThan(0.01);
    const c = priceEuropeanCall(MARKET, { method: "canonical", evalQubits: 10 });
    expect(Math.abs(c.estimate / c.discretized - 1)).toBeLessThan(0.01);
    // 8 price points approximate the continuous law: close to Black-Scholes, not equal
    expect(Math.abs(p.discretized / p.blackScholes - 1)).toBeLessThan(0.1);
    // more price qubits come closer to Black-Scholes
    const fine = priceEuropeanCall(MARKET, { qubits: 6, seed: 1 });
    expect(Math.abs(fine.discretized - fine.blackScholes)).toBeLessThan(
      Math.abs(p.discretized - p.blackScholes),
    );
  });

  it("Black-Scholes against a Monte Carlo of the log-normal law, and put-call parity's bound", () => {
    const bs = blackScholesCall(MARKET);
    const { s0, strike, sigma, r, T } = MARKET;
    // midpoint quadrature of the risk-neutral expectation over z ~ N(0, 1)
    let e = 0;
    const N = 200000;
    for (let k = 0; k < N; k++) {
      const z = -8 + (16 * (k + 0.5)) / N;
      const sT = s0 * Math.exp((r - (sigma * sigma) / 2) * T + sigma * Math.sqrt(T) * z);
      e +=
        ((Math.max(sT - strike, 0) * Math.exp(-(z * z) / 2)) / Math.sqrt(2 * Math.PI)) * (16 / N);
    }
    expect(bs).toBeCloseTo(Math.exp(-r * T) * e, 6);
    expect(bs).toBeGreaterThan(s0 - strike * Math.exp(-r * T));
  });

  it("refuses bad markets and grids", () => {
    expect(() => priceEuropeanCall({ ...MARKET, sigma: -0.4 })).toThrow(
      "priceEuropeanCall: market.sigma must be a positive number, got -0.4",
    );
    expect(() => blackScholesCall({ ...MARKET, vol: 1 } as never)).toThrow(/unknown option 'vol'/);
    expect(() => europeanCallCircuit(logNormalDistribution(MARKET, 2), 100)).toThrow(
      /above every price/,
    );
    expect(() => priceEuropeanCall(MARKET, { method: "mc" as never })).toThrow(/method must be/);
    expect(() => amplitudeEstimation(new Circuit(1), { objective: 3 })).toThrow(
      /objective must be a qubit/,
    );
  });
});

describe("portfolio optimization", () => {
  it("seeded market data: returns and covariance agree with the prices; the Hamiltonian's minimum is the best budgeted portfolio", () => {
    const data = simulateStockData(4, 200, { seed: 5 });
    const again = simulateStockData(4, 200, { seed: 5 });
    expect(again.prices).toEqual(data.prices);
    expect(data.returns[2]![10]!).toBeCloseTo(data.prices[2]![11]! / data.prices[2]![10]! - 1, 14);
    for (let i = 0; i < 4; i++) expect(data.covariance[i]![i]!).toBeGreaterThan(0);
    const q = 0.5;
    const H = portfolioHamiltonian(data.meanReturns, data.covariance, {
      budget: 2,
      riskAversion: q,
    });
    const m = H.matrix();
    const d = (i: number) => m[2 * (i * 16 + i)]!;
    let best = Number.POSITIVE_INFINITY;
    let bestIndex = -1;
    for (let i = 0; i < 16; i++) {
      const x = [...i.toString(2).padStart(4, "0")].map(Number);
      let risk = 0;
      for (let a = 0; a < 4; a++)
        for (let b = 0; b < 4; b++) risk += data.covariance[a]![b]! * x[a]! * x[b]!;
      const ret = x.reduce((s, v, a) => s + v * data.meanReturns[a]!, 0);
      const held = x.reduce((s, v) => s + v, 0);
      if (held === 2) {
        expect(d(i)).toBeCloseTo(q * risk - ret, 12);
        if (q * risk - ret < best) {
          best = q * risk - ret;
          bestIndex = i;
        }
      }
    }
    let argmin = 0;
    for (let i = 1; i < 16; i++) if (d(i) < d(argmin)) argmin = i;
    expect(argmin).toBe(bestIndex);
    expect(() => portfolioHamiltonian([0.1], data.covariance, { budget: 2 })).toThrow(
      /mu must be 4 finite numbers/,
    );
    expect(() => portfolioHamiltonian(data.meanReturns, data.covariance, { budget: 5 })).toThrow(
      /budget must be an integer in \[1, 4\]/,
    );
  });
});
