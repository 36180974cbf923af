import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

describe("qoar run --backend mps (end to end; needs `npm run build`)", () => {
  it("gives probability 0.5 for all-zeros and all-ones of a 60-qubit GHZ file", () => {
    const r = qoar("run", "circuits/ghz-60.qasm", "--backend", "mps", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      nQubits: number;
      backend: string;
      probabilities: Record<string, number>;
    };
    expect(out.nQubits).toBe(60);
    expect(out.backend).toBe("mps");
    expect(Object.keys(out.probabilities).sort()).toEqual(["0".repeat(60), "1".repeat(60)]);
    expect(out.probabilities["0".repeat(60)]).toBeCloseTo(0.5, 12);
    expect(out.probabilities["1".repeat(60)]).toBeCloseTo(0.5, 12);
  });

  it("samples the 60-qubit GHZ state (only the two outcomes) and computes expectation values", () => {
    const r = qoar(
      "run",
      "circuits/ghz-60.qasm",
      "--backend",
      "mps",
      "--shots",
      "1000",
      "--seed",
      "3",
      "--expect",
      "Z0 Z59",
      "--json",
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      counts: Record<string, number>;
      expectation: { value: number }[];
    };
    const zeros = out.counts["0".repeat(60)] ?? 0;
    const ones = out.counts["1".repeat(60)] ?? 0;
    expect(zeros + ones).toBe(1000);
    expect(Math.abs(zeros - 500)).toBeLessThan(80); // 5 standard deviations
    expect(out.expectation[0]!.value).toBeCloseTo(1, 12);
  });

  it("refuses the full state vector above 30 qubits and noise, in one line with status 2", () => {
    for (const args of [["--state"], ["--noise", "circuits/noise.json"]]) {
      const r = qoar("run", "circuits/ghz-60.qasm", "--backend", "mps", ...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/mps/);
    }
  });
});
