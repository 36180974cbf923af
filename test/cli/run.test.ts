import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

describe("qoar run (end to end; needs `npm run build`)", () => {
  it("samples a Bell state with a seed and prints JSON", () => {
    const r = qoar("run", "circuits/bell.qasm", "--shots", "1000", "--seed", "7", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { counts: Record<string, number>; nQubits: number };
    expect(out.nQubits).toBe(2);
    expect(Object.keys(out.counts).sort()).toEqual(["00", "11"]);
    expect(out.counts["00"]! + out.counts["11"]!).toBe(1000);
    const again = JSON.parse(
      qoar("run", "circuits/bell.qasm", "--shots", "1000", "--seed", "7", "--json").stdout,
    );
    expect(again.counts).toEqual(out.counts);
  });

  it("computes expectation values exactly", () => {
    const r = qoar("run", "circuits/ghz.qasm", "--expect", "Z0 Z1", "--json");
    const out = JSON.parse(r.stdout) as { expectation: { value: number }[] };
    expect(out.expectation[0]!.value).toBeCloseTo(1, 12);
  });

  it("exits with status 2 and one line on bad input", () => {
    const r = qoar("run", "no-such-file.qasm");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-file/);
    expect(qoar("run", "circuits/bell.qasm", "--shots", "-3").status).toBe(2);
  });
});
