/**
 * WebGPU in Node through Dawn (the optional `webgpu` package) on its OpenGL ES backend over
 * Mesa's llvmpipe: no GPU needed, any Linux with Mesa's EGL. scripts/webgpu-node.ts runs random
 * circuits and their adjoint gradients on webgpu and cpu in child processes with a timeout; each
 * child prints its result before tearing down, and the parent judges what was printed
 * (amplitudes 1e-5 absolute, gradients 1e-4 relative) at n = 12, 16 and 20 (depth 60 to 100),
 * so a crash or hang, before or after the result, fails the run visibly. Before qoar kept Dawn's GPU object alive (device.ts) most such
 * runs crashed (docs/dawn-node-study.md); every run must now end cleanly.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { dawnSkipReason } from "./harness.js";

const skip = dawnSkipReason();
if (skip !== undefined) console.warn(`test/backend/webgpu/dawn-node.test.ts SKIPPED: ${skip}`);

interface Summary {
  runs: number;
  ok: number;
  okThenCrashed: number;
  noResult: number;
  wrong: number;
}

/** Runs scripts/webgpu-node.ts with `args`; returns its summary and the per-run lines. */
function children(args: string[]): { summary: Summary; lines: string[]; status: number | null } {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/webgpu-node.ts", "--opengles", ...args],
    { encoding: "utf8", timeout: 150_000 },
  );
  const lines = r.stdout.split("\n").filter((l) => l.startsWith("{"));
  const summaryLine = r.stdout.split("\n").find((l) => l.startsWith("SUMMARY "));
  if (summaryLine === undefined)
    throw new Error(`no summary (status ${r.status}):\n${r.stdout}\n${r.stderr.slice(-2000)}`);
  return { summary: JSON.parse(summaryLine.slice(8)) as Summary, lines, status: r.status };
}

describe.skipIf(skip !== undefined)(
  `webgpu in Node (Dawn, OpenGL ES)${skip === undefined ? "" : ` (SKIPPED: ${skip})`}`,
  () => {
    it("random circuits and gradients match cpu in every child, which ends cleanly (destroy)", () => {
      const { summary, lines } = children([
        "--runs",
        "4",
        "--n",
        "12",
        "--depth",
        "60",
        "--teardown",
        "destroy",
        "--timeout",
        "30",
      ]);
      console.log(lines.join("\n"));
      expect(summary).toEqual({ runs: 4, ok: 4, okThenCrashed: 0, noResult: 0, wrong: 0 });
    }, 160_000);

    it.each([
      [16, 100],
      [20, 60],
    ])(
      "the same at n = %i, depth %i, ending without teardown (the process exits on its own)",
      (n, depth) => {
        const { summary, lines } = children(
          ["--runs", "1", "--n", n, "--depth", depth, "--teardown", "none", "--timeout", "60"].map(
            String,
          ),
        );
        console.log(lines.join("\n"));
        expect(summary).toEqual({ runs: 1, ok: 1, okThenCrashed: 0, noResult: 0, wrong: 0 });
      },
      160_000,
    );
  },
);
