import { describe, expect, it } from "vitest";
import * as pricing from "../../tutorials/option-pricing.js";
import { runQuick } from "./helpers.js";

describe("tutorial option-pricing", () => {
  it("QAE's price is within 1% of the discretized law; the discretized law is near Black-Scholes", async () => {
    const { result } = await runQuick(pricing);
    const n = result.numbers as {
      discretized: number;
      blackScholes: number;
      mle: { price: number }[];
      prices: number[];
      probabilities: number[];
      market: { strike: number; r: number; T: number };
    };
    // the exact value again, from the distribution the tutorial reports
    const e = n.prices.reduce(
      (s, x, i) => s + n.probabilities[i]! * Math.max(x - n.market.strike, 0),
      0,
    );
    expect(n.discretized).toBeCloseTo(Math.exp(-n.market.r * n.market.T) * e, 12);
    expect(Math.abs(n.mle[n.mle.length - 1]!.price / n.discretized - 1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(n.discretized / n.blackScholes - 1)).toBeLessThan(0.1);
  });
});
