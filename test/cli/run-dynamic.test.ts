/**
 * `qoar run` on circuits with mid-circuit measurement, reset and `if`: the teleportation example
 * end to end (exact register distribution, q[2]'s reduced state, seeded shots), and every
 * QASMBench file of at most 20 qubits through `run FILE --shots 100` (in process; the larger
 * files run in the bench).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { registerRun } from "../../src/cli/run.js";
import { qasmbenchFiles } from "../reference/load.js";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

describe("qoar run circuits/teleportation.qasm (end to end; needs `npm run build`)", () => {
  it("--json gives the exact classical-register distribution and --state q[2]'s reduced state", () => {
    const r = qoar("run", "circuits/teleportation.qasm", "--json", "--state");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      probabilities: Record<string, number>;
      reducedState: { qubits: number[]; bloch: Record<string, number[]>; matrix: number[][][] };
    };
    // m0, m1 uniform; out = q[2] measured in the sent state: P(1) = sin^2(1.1 / 2)
    const p1 = Math.sin(0.55) ** 2;
    expect(Object.keys(out.probabilities).sort()).toEqual([
      "000",
      "001",
      "010",
      "011",
      "100",
      "101",
      "110",
      "111",
    ]);
    for (const [k, p] of Object.entries(out.probabilities))
      expect(p).toBeCloseTo((k[2] === "1" ? p1 : 1 - p1) / 4, 14);
    expect(out.reducedState.qubits).toEqual([2]);
    const want = [Math.sin(1.1) * Math.cos(0.7), Math.sin(1.1) * Math.sin(0.7), Math.cos(1.1)];
    out.reducedState.bloch["2"]!.forEach((v, i) => {
      expect(Math.abs(v - want[i]!)).toBeLessThan(1e-12);
    });
    expect(out.reducedState.matrix[0]![0]![0]).toBeCloseTo((1 + want[2]!) / 2, 12);
  });

  it("--shots 10000 --seed 1 samples it, the same counts for the same seed", () => {
    const run = () =>
      JSON.parse(
        qoar("run", "circuits/teleportation.qasm", "--shots", "10000", "--seed", "1", "--json")
          .stdout,
      ) as { counts: Record<string, number>; branches: number };
    const a = run();
    expect(run().counts).toEqual(a.counts);
    expect(a.branches).toBeLessThanOrEqual(4);
    const total = Object.values(a.counts).reduce((x, y) => x + y, 0);
    expect(total).toBe(10000);
    const ones = Object.entries(a.counts)
      .filter(([k]) => k[2] === "1")
      .reduce((s, [, v]) => s + v, 0);
    const p1 = Math.sin(0.55) ** 2;
    expect(Math.abs(ones - 10000 * p1)).toBeLessThan(4 * Math.sqrt(10000 * p1 * (1 - p1)));
  });

  it("an exact run above the branch cap says to use --shots (one line, status 2)", () => {
    // 11 qubits in |+>, each measured mid-circuit: 2048 branches, above the 1024 cap
    const body = Array.from(
      { length: 11 },
      (_, q) => `h q[${q}]; measure q[${q}] -> c[${q}]; x q[${q}];`,
    );
    const file = join(mkdtempSync(join(tmpdir(), "qoar-dyn-")), "wide.qasm");
    writeFileSync(
      file,
      `OPENQASM 2.0; include "qelib1.inc"; qreg q[11]; creg c[11]; ${body.join(" ")}`,
    );
    const r = qoar("run", file);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/2048 branches, above maxBranches = 1024.*--shots/);
    expect(qoar("run", file, "--shots", "50", "--json").status).toBe(0);
  });
});

/** Runs `qoar run <args>` in this process and returns what it printed. */
async function runInProcess(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerRun(program);
  let out = "";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(["node", "qoar", "run", ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

describe("qoar run FILE --shots 100 on every QASMBench file of at most 20 qubits", () => {
  const { dir, files } = qasmbenchFiles();
  const small = files.filter((f) => Number(/_n(\d+)/.exec(f)?.[1]) <= 20);

  it("covers the corpus but its three files above 20 qubits", () => {
    expect(files.filter((f) => !small.includes(f))).toEqual([
      "ghz_state_n23.qasm",
      "ising_n26.qasm",
      "wstate_n27.qasm",
    ]);
  });

  it("succeeds on each, with 100 counts", async () => {
    for (const f of small) {
      const out = JSON.parse(
        await runInProcess([join(dir, f), "--shots", "100", "--seed", "3", "--json"]),
      ) as { counts: Record<string, number> };
      const total = Object.values(out.counts).reduce((a, b) => a + b, 0);
      expect(total, f).toBe(100);
    }
  }, 120_000);
});
