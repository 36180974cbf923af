import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { integerFlag, realFlag } from "../../src/cli/numbers.js";
import { ArgumentError } from "../../src/errors.js";

// runs the TypeScript entry through tsx, so no build is needed
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/qoar.ts", ...args], { encoding: "utf8" });

describe("numeric command-line flags (numbers or mathjs expressions)", () => {
  it("reads numbers and expressions, and leaves absent flags undefined", () => {
    expect(realFlag("0.735", "--from")).toBe(0.735);
    expect(realFlag("pi/4", "--angle")).toBeCloseTo(Math.PI / 4, 15);
    expect(realFlag("-3*pi/8", "--angle")).toBeCloseTo((-3 * Math.PI) / 8, 15);
    expect(realFlag(undefined, "--from")).toBeUndefined();
    expect(integerFlag("2^10", "--shots", 1)).toBe(1024);
    expect(integerFlag("1e3", "--shots", 1)).toBe(1000);
  });

  it("refuses what is not a finite real number, or not an integer in range, naming the flag and the text", () => {
    expect(() => realFlag("pi/x", "--from")).toThrow(ArgumentError);
    expect(() => realFlag("pi/x", "--from")).toThrow(
      /^--from: "pi\/x" is not a finite real number \(unknown name "x"/,
    );
    expect(() => realFlag("1/0", "--tolerance")).toThrow(/--tolerance: "1\/0" .*Infinity/);
    expect(() => integerFlag("1.5", "--shots", 1, "a positive integer")).toThrow(
      /--shots must be a positive integer, got "1.5"/,
    );
    expect(() => integerFlag("0", "--steps", 1)).toThrow(/--steps must be an integer >= 1/);
  });

  it("qoar run takes --shots as an expression, and exits 2 with one line on a bad one", () => {
    const r = qoar("run", "circuits/bell.qasm", "--shots", "2^10", "--seed", "3", "--json");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { shots: number; counts: Record<string, number> };
    expect(out.shots).toBe(1024);
    expect(Object.values(out.counts).reduce((a, b) => a + b, 0)).toBe(1024);
    const bad = qoar("run", "circuits/bell.qasm", "--shots", "2*theta");
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/--shots: "2\*theta" is not a finite real number/);
  }, 30_000);
});
