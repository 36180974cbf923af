/**
 * `qoar run --backend webgpu` in plain Node (child processes: Dawn is native code). With Dawn's
 * OpenGL ES backend (any Linux with Mesa's EGL, selected by QOAR_DAWN_OPTIONS and
 * QOAR_WEBGPU_FEATURE_LEVEL) it must print what --backend cpu prints, to float32 accuracy: pure
 * states, seeded counts, and density matrices under a noise model. Without an adapter it must
 * exit with status 2 and one qoar line saying why.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dawnOpenGlesEnv, dawnSkipReason } from "../backend/webgpu/harness.js";

const qoar = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, ["--import", "tsx", "bin/qoar.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env,
  });

/** qoar's own stderr lines (Dawn may print native warnings of its own). */
const qoarLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("qoar:"));

interface RunJson {
  probabilities?: Record<string, number>;
  counts?: Record<string, number>;
  expectation: { value: number }[];
}

/** The webgpu run's JSON equals the cpu run's: probabilities and <H> to 1e-5, counts exactly. */
function expectSameResult(gpuOut: string, cpuOut: string): void {
  const g = JSON.parse(gpuOut) as RunJson;
  const c = JSON.parse(cpuOut) as RunJson;
  if (c.probabilities !== undefined) {
    expect(Object.keys(g.probabilities!).sort()).toEqual(Object.keys(c.probabilities).sort());
    for (const k of Object.keys(c.probabilities))
      expect(Math.abs(g.probabilities![k]! - c.probabilities[k]!)).toBeLessThan(1e-5);
  }
  // the same seeded sampler over float32 probabilities: an outcome may move, rarely
  if (c.counts !== undefined) {
    let moved = 0;
    for (const k of new Set([...Object.keys(c.counts), ...Object.keys(g.counts!)]))
      moved += Math.abs((g.counts![k] ?? 0) - (c.counts[k] ?? 0));
    expect(moved).toBeLessThanOrEqual(2);
  }
  expect(Math.abs(g.expectation[0]!.value - c.expectation[0]!.value)).toBeLessThan(1e-5);
}

function withNoiseModel<T>(use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "qoar-noise-gpu-"));
  const model = join(dir, "noise.json");
  writeFileSync(
    model,
    JSON.stringify({
      channels: [
        { channel: "depolarizing", params: [0.05] },
        { channel: "amplitude_damping", params: [0.1], gates: ["cx"] },
      ],
      readout: [
        {
          qubits: [0],
          matrix: [
            [0.97, 0.03],
            [0.05, 0.95],
          ],
        },
      ],
    }),
  );
  try {
    return use(model);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const skip = dawnSkipReason();
if (skip !== undefined) console.warn(`test/cli/run-webgpu.test.ts: Dawn cases SKIPPED: ${skip}`);

describe("qoar run --backend webgpu", () => {
  it("without an adapter: exit 2 and one line saying why (Vulkan only: none here; on a GPU, cpu's result)", () => {
    const args = ["run", "circuits/ghz.qasm", "--expect", "Z0 Z1", "--json"];
    const gpu = qoar([...args, "--backend", "webgpu"], {
      ...process.env,
      QOAR_DAWN_OPTIONS: "backend=vulkan",
    });
    expect([0, 2]).toContain(gpu.status);
    if (gpu.status === 0) {
      expectSameResult(gpu.stdout, qoar(args).stdout);
      return;
    }
    expect(qoarLines(gpu.stderr)).toHaveLength(1);
    expect(qoarLines(gpu.stderr)[0]).toMatch(
      /^qoar: --backend webgpu: no WebGPU device \(.+\); use --backend cpu$/,
    );
    expect(gpu.stdout).toBe("");
  }, 60_000);

  describe.skipIf(skip !== undefined)("on Dawn's OpenGL ES backend (no GPU needed)", () => {
    it.each([
      ["circuits/random-12.qasm", ["--expect", "Z0 Z1 + 0.5 X3"]],
      ["circuits/qft-4.qasm", ["--expect", "X0", "--shots", "2000", "--seed", "4"]],
      ["circuits/grover-3.qasm", ["--expect", "Z2", "--shots", "500"]],
    ])(
      "%s %s: the same result as --backend cpu",
      (file, extra) => {
        const args = ["run", file, ...extra, "--json"];
        const gpu = qoar([...args, "--backend", "webgpu"], dawnOpenGlesEnv());
        expect(gpu.status, gpu.stderr).toBe(0);
        expectSameResult(gpu.stdout, qoar(args).stdout);
        const out = JSON.parse(gpu.stdout) as { backend: string; device: string };
        expect(out.backend).toBe("webgpu");
        expect(out.device).toMatch(/OpenGL/);
      },
      60_000,
    );

    it("--noise: density matrices on the GPU give cpu's noisy probabilities and <Z0 Z1>", () => {
      withNoiseModel((model) => {
        for (const extra of [[], ["--shots", "1000"]]) {
          const args = [
            "run",
            "circuits/ghz.qasm",
            "--noise",
            model,
            "--expect",
            "Z0 Z1",
            ...extra,
          ];
          const gpu = qoar([...args, "--json", "--backend", "webgpu"], dawnOpenGlesEnv());
          expect(gpu.status, gpu.stderr).toBe(0);
          expectSameResult(gpu.stdout, qoar([...args, "--json"]).stdout);
        }
      });
    }, 60_000);
  });
});
