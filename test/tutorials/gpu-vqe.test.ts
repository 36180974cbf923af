/**
 * The gpu-vqe tutorial end to end, in a child process (Dawn is native code): `qoar tutorial run
 * gpu-vqe --quick --json` on the default WebGPU adapter, or Dawn's OpenGL ES backend on Mesa,
 * must train the same curve as the cpu backend to 1e-4 and write its report.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/viz/report.js";
import { dawnSkipReason } from "../backend/webgpu/harness.js";
import { axisTitle, figureLabelProblems } from "../viz/figure-labels.js";

const skip = dawnSkipReason();
if (skip !== undefined) console.warn(`test/tutorials/gpu-vqe.test.ts SKIPPED: ${skip}`);

describe.skipIf(skip !== undefined)(
  `tutorial gpu-vqe${skip === undefined ? "" : ` (SKIPPED: ${skip})`}`,
  () => {
    it("trains on webgpu beside cpu: every step within 1e-4, the energy falls, a report", () => {
      const out = mkdtempSync(join(tmpdir(), "qoar-gpu-vqe-"));
      try {
        const r = spawnSync(
          process.execPath,
          [
            "--import",
            "tsx",
            "bin/qoar.ts",
            "tutorial",
            "run",
            "gpu-vqe",
            "--quick",
            "--json",
          ].concat(["--out", out]),
          {
            encoding: "utf8",
            timeout: 90_000,
            env: { ...process.env, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), "qoar-xdg-")) },
          },
        );
        expect(r.status, r.stderr.slice(-2000)).toBe(0);
        const rec = JSON.parse(r.stdout) as {
          headline: { pass: boolean; value: number };
          numbers: {
            nQubits: number;
            steps: number;
            energies: { gpu: number[]; cpu: number[] };
            maxDiff: number;
            exact: number;
          };
          files: { html: string };
        };
        expect(rec.headline.pass).toBe(true);
        const n = rec.numbers;
        expect(n.energies.gpu).toHaveLength(n.steps);
        expect(n.energies.cpu).toHaveLength(n.steps);
        // the headline is what the curves say
        const diff = Math.max(...n.energies.gpu.map((e, i) => Math.abs(e - n.energies.cpu[i]!)));
        expect(diff).toBeCloseTo(n.maxDiff, 12);
        expect(diff).toBeLessThan(1e-4);
        // variational: never below the exact ground energy
        expect(Math.min(...n.energies.cpu)).toBeGreaterThan(n.exact - 1e-9);
        expect(existsSync(rec.files.html)).toBe(true);
        const html = readFileSync(rec.files.html, "utf8");
        const figures = JSON.parse(
          /<script id="qoar-figures" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!,
        ) as Figure[];
        expect(figureLabelProblems(figures)).toEqual([]);
        // a transverse-field Ising ring is not a molecule: its energies are in units of J, not Ha
        expect(axisTitle(figures[0]!, "yaxis")).toBe("E (units of J)");
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 100_000);
  },
);
