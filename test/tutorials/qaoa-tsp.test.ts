import { describe, expect, it } from "vitest";
import * as tsp from "../../tutorials/qaoa-tsp.js";
import { runQuick } from "./helpers.js";

describe("tutorial qaoa-tsp", () => {
  it("CVaR-trained QAOA puts >= 10x the uniform mass on the optimal tour", async () => {
    const { result } = await runQuick(tsp);
    const n = result.numbers as {
      pOptimal: number;
      uniform: number;
      tour: number[];
      optimalLength: number;
      distances: number[][];
    };
    expect(n.pOptimal).toBeGreaterThanOrEqual(10 * n.uniform);
    // the decoded tour visits every city once and has the brute-force length
    expect([...n.tour].sort()).toEqual([0, 1, 2, 3]);
    const len = n.tour.reduce((s, c, k) => s + n.distances[c]![n.tour[(k + 1) % 4]!]!, 0);
    expect(len).toBe(n.optimalLength);
  });
});
