import { describe, expect, it } from "vitest";
import * as quickstart from "../../tutorials/quickstart.js";
import { runQuick } from "./helpers.js";

describe("tutorial quickstart", () => {
  it("prepares Bell and GHZ states that match the textbook numbers", async () => {
    const { result, lines } = await runQuick(quickstart);
    const n = result.numbers as {
      bellProbabilities: number[];
      bellCounts: Record<string, number>;
      ghzCounts: Record<string, number>;
      ghzQubits: number;
      shots: number;
      expectations: Record<string, number>;
    };
    expect(n.bellProbabilities[0]).toBeCloseTo(0.5, 12);
    expect(n.bellProbabilities[3]).toBeCloseTo(0.5, 12);
    expect(Object.keys(n.bellCounts).sort()).toEqual(["00", "11"]);
    expect(Object.keys(n.ghzCounts).sort()).toEqual([
      "0".repeat(n.ghzQubits),
      "1".repeat(n.ghzQubits),
    ]);
    expect(n.expectations["Y0 Y1"]).toBeCloseTo(-1, 12);
    // the drawing is printed
    expect(lines.some((l) => l.includes("q1: ") && l.includes("X"))).toBe(true);
  });
});
