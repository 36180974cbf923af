import { describe, expect, it } from "vitest";
import * as qaoa from "../../tutorials/qaoa-maxcut.js";
import { runQuick } from "./helpers.js";

interface GraphNumbers {
  edges: [number, number][];
  maxCut: number;
  bestCut: number;
  bestBits: string;
  approximationRatio: number[];
}

function cut(edges: readonly [number, number][], bits: string): number {
  return edges.filter(([a, b]) => bits[a] !== bits[b]).length;
}

describe("tutorial qaoa-maxcut", () => {
  it("finds the maximum cut of both graphs and the ratio grows with p", async () => {
    const { result } = await runQuick(qaoa);
    for (const key of ["graph4", "graph10"]) {
      const g = (result.numbers as Record<string, GraphNumbers>)[key]!;
      const n = key === "graph4" ? 4 : 10;
      // brute force again, here, over bitstrings
      let best = 0;
      for (let i = 0; i < 2 ** n; i++)
        best = Math.max(best, cut(g.edges, i.toString(2).padStart(n, "0")));
      expect(g.maxCut).toBe(best);
      expect(cut(g.edges, g.bestBits)).toBe(g.bestCut);
      expect(g.bestCut).toBe(best);
      expect(g.approximationRatio).toHaveLength(4);
      for (let p = 1; p < 4; p++)
        expect(g.approximationRatio[p]!).toBeGreaterThanOrEqual(
          g.approximationRatio[p - 1]! - 1e-9,
        );
      expect(g.approximationRatio[0]!).toBeGreaterThan(0.6);
      expect(g.approximationRatio[3]!).toBeLessThanOrEqual(1 + 1e-9);
    }
  });
});
