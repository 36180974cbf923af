/**
 * `qoar bench` end to end (needs `npm run build`): it runs dist/bench/run.js with --quick and
 * --filter passed through, and stdout holds only JSON lines.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { benchCommand } from "../../src/cli/bench.js";
import { ArgumentError, ResourceError } from "../../src/errors.js";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });

describe("qoar bench", () => {
  it("runs the filtered quick benchmarks and prints JSON lines only", () => {
    const r = qoar("bench", "--quick", "--filter", "tensor/matmul-");
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const o = JSON.parse(line) as {
        suite: string;
        case: string;
        median_ms: number;
        runs: number;
      };
      expect(`${o.suite}/${o.case}`).toContain("tensor/matmul-");
      expect(o.median_ms).toBeGreaterThan(0);
      expect(o.runs).toBeGreaterThan(0);
    }
    // progress goes to stderr
    expect(r.stderr).toMatch(/# suite/);
  });

  it("a filter matching nothing says so in one line naming example cases, and exits 2", () => {
    const r = qoar("bench", "--quick", "--filter", "no-such-case-anywhere");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const last = r.stderr.trim().split("\n").pop();
    expect(last).toMatch(
      /^bench: --filter "no-such-case-anywhere" matches no case of --quick; cases are named suite\/case, e\.g\. \w+\/[\w-]+/,
    );
  });

  it("has help with examples, and builds the runner's arguments", () => {
    const h = qoar("bench", "--help");
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/--quick/);
    expect(h.stdout).toMatch(/Examples:/);
    const { script, args } = benchCommand({ quick: true, filter: "gate-h" });
    expect(script).toMatch(/dist[/\\]bench[/\\]run\.js$/);
    expect(args).toEqual(["--quick", "--filter", "gate-h"]);
    expect(benchCommand({}).args).toEqual([]);
    expect(() => benchCommand({ filter: "" })).toThrow(ArgumentError);
    const empty = mkdtempSync(join(tmpdir(), "qoar-bench-"));
    expect(() => benchCommand({}, empty)).toThrow(ResourceError);
    expect(() => benchCommand({}, empty)).toThrow(/npm run build/);
  });
});
