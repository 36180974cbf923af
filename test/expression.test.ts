import { describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors.js";
import { evaluateExpression, tryEvaluateExpression } from "../src/expression.js";

describe("evaluateExpression (numeric expressions through a restricted mathjs)", () => {
  it("evaluates angles with pi, e, tau, operators and functions to the analytic values", () => {
    const cases: [string, number][] = [
      ["pi/4", Math.PI / 4],
      ["-3*pi/8", (-3 * Math.PI) / 8],
      ["2pi", 2 * Math.PI], // implicit multiplication
      ["tau / 2", Math.PI],
      ["e^2", Math.E ** 2],
      ["2 * asin(sqrt(0.3))", 2 * Math.asin(Math.sqrt(0.3))],
      ["log(8, 2)", 3],
      ["log(e)", 1],
      ["atan2(1, -1)", (3 * Math.PI) / 4],
      ["1e-3", 0.001],
      ["(1 + 2) * -(3 - 4)", 3],
      [" 0.735 ", 0.735],
    ];
    for (const [text, want] of cases) expect(evaluateExpression(text), text).toBeCloseTo(want, 15);
    expect(evaluateExpression(0.25)).toBe(0.25);
  });

  it("refuses what is not a finite real number with an ArgumentError naming the expression", () => {
    const bad: [string, RegExp][] = [
      ["2*theta", /unknown name "theta"/],
      ["sqrt(-1)", /NaN is not a finite real number/],
      ["1/0", /Infinity is not a finite real number/],
      ["x = 3", /AssignmentNode/],
      ["f(x) = x", /FunctionAssignmentNode/],
      ["[1, 2]", /ArrayNode/],
      ["'a'", /is not a number/],
      ["true", /is not a number/],
      ["2 > 1", /operator ">" is not allowed/],
      ["5 mod 2", /operator "mod" is not allowed/],
      ["import(1)", /unknown function "import"/],
      ["evaluate('1')", /unknown function "evaluate"/],
      ["sin", /unknown name "sin"/],
      ["2 *", /Unexpected end of expression/],
      ["", /empty/],
    ];
    for (const [text, why] of bad) {
      let err: unknown;
      try {
        evaluateExpression(text, "--from");
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(ArgumentError);
      const message = (err as Error).message;
      expect(
        message.startsWith(`--from: ${JSON.stringify(text)} is not a finite real number (`),
      ).toBe(true);
      expect(message).toMatch(why);
      expect(tryEvaluateExpression(text).reason).toMatch(why);
    }
    expect(() => evaluateExpression(Number.NaN, "angle")).toThrow(
      /angle: expected a finite real number, got NaN/,
    );
  });
});

describe("plain numbers skip mathjs", () => {
  it("reads decimal literals exactly as Number() does, and loads no mathjs for them", async () => {
    const { spawnSync } = await import("node:child_process");
    const script = [
      'import { evaluateExpression } from "./src/expression.ts";',
      'import { createRequire } from "node:module";',
      'const values = ["1", "-0.735", "1e-3", " 2.5E+4 ", ".5", "1000"].map((t) => evaluateExpression(t));',
      "const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('mathjs'));",
      "console.log(JSON.stringify({ values, loaded }));",
    ].join("\n");
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { values: number[]; loaded: boolean };
    expect(out.values).toEqual([1, -0.735, 0.001, 25000, 0.5, 1000]);
    expect(out.loaded).toBe(false);
    // an expression still goes through mathjs, with the same value as the literal
    expect(evaluateExpression("1e-3 * 1")).toBe(evaluateExpression("1e-3"));
  });
});
