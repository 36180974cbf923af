/**
 * `qoar run --backend webgpu` in plain Node (a child process, since Dawn is native and may crash):
 * without a GPU adapter (this machine: Dawn finds none) it must exit with status 2 and one qoar
 * line saying why; with an adapter it must print the same result as --backend cpu (float32).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const qoar = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/qoar.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });

/** qoar's own stderr lines (Dawn may print native warnings of its own). */
const qoarLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("qoar:"));

/**
 * Runs `args` with --backend webgpu: without an adapter (exit 2) expects one qoar line saying why
 * and no output; with one, the same probabilities and expectation value as --backend cpu (float32).
 */
function expectWebGpuLikeCpu(args: string[]): void {
  const gpu = qoar(...args, "--backend", "webgpu");
  expect([0, 2]).toContain(gpu.status);
  if (gpu.status === 2) {
    expect(qoarLines(gpu.stderr)).toHaveLength(1);
    expect(qoarLines(gpu.stderr)[0]).toMatch(
      /^qoar: --backend webgpu: no WebGPU device \(.+\); use --backend cpu$/,
    );
    expect(gpu.stdout).toBe("");
    return;
  }
  const cpu = qoar(...args);
  const g = JSON.parse(gpu.stdout) as {
    probabilities: Record<string, number>;
    expectation: { value: number }[];
  };
  const c = JSON.parse(cpu.stdout) as typeof g;
  expect(Object.keys(g.probabilities).sort()).toEqual(Object.keys(c.probabilities).sort());
  for (const k of Object.keys(c.probabilities))
    expect(g.probabilities[k]).toBeCloseTo(c.probabilities[k]!, 5);
  expect(g.expectation[0]!.value).toBeCloseTo(c.expectation[0]!.value, 5);
}

describe("qoar run --backend webgpu", () => {
  it("exits 2 with one line when there is no adapter, or matches cpu when there is", () => {
    expectWebGpuLikeCpu(["run", "circuits/ghz.qasm", "--expect", "Z0 Z1", "--json"]);
  }, 60_000);

  it("--noise with webgpu: exits 2 with one line without an adapter, or matches cpu's noisy run", () => {
    const dir = mkdtempSync(join(tmpdir(), "qoar-noise-gpu-"));
    const model = join(dir, "noise.json");
    writeFileSync(
      model,
      JSON.stringify({
        channels: [{ channel: "depolarizing", params: [0.05] }],
        readout: [
          {
            qubits: [0],
            matrix: [
              [0.97, 0.05],
              [0.03, 0.95],
            ],
          },
        ],
      }),
    );
    try {
      expectWebGpuLikeCpu([
        "run",
        "circuits/bell.qasm",
        "--noise",
        model,
        "--expect",
        "Z0 Z1",
        "--json",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
