/**
 * Density matrices on WebGPU, in headless Chromium on SwiftShader: noisy circuits (gates, 1- and
 * 2-qubit channels, trainable noise strengths, a NoiseModel) on the webgpu backend against cpu:
 * entries to 1e-5, the GPU reductions (trace, purity, tr(H rho), the diagonal), seeded sampling,
 * and gradients through the checkpointed reverse sweep (two-phase on the GPU) to 1e-4 relative.
 * The browser side is browser/density.entry.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Check } from "./browser/page.js";
import { chromiumFor, describeChecks, failedChecks, runSuitePage, SKIP_REASON } from "./harness.js";

const chromium = chromiumFor("test/backend/webgpu/density.test.ts");

interface Report {
  syncMessage: string;
  checks: Check[];
  timings: Record<string, number>;
}

describe.skipIf(chromium === undefined)(
  `density matrices on webgpu in headless Chromium${chromium === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let report: Report;

    beforeAll(async () => {
      const run = await runSuitePage<Report>(
        chromium!,
        "test/backend/webgpu/browser/density.entry.ts",
      );
      report = run.report;
      console.log(
        `webgpu density suite: ${report.checks.length} checks in ${(run.page.ms / 1000).toFixed(1)} s; timings ${JSON.stringify(report.timings)}\n${describeChecks(report.checks)}`,
      );
    }, 120_000);

    it("a sync backward through a noisy circuit on webgpu throws a BackendError naming backwardAsync", () => {
      expect(report.syncMessage).toMatch(/^BackendError: .*backwardAsync/);
    });

    it("agrees with the cpu backend: entries, reductions, sampling, gradients", () => {
      expect(failedChecks(report.checks)).toEqual([]);
      const names = report.checks.map((c) => c.name).join("\n");
      for (const what of [
        "[whole] n=4 batch=3 DensityMatrix.toArrayAsync",
        "[split c=4] n=3 batch=2 expecValBatchAsync",
        "[whole] n=4 batch=2 input batch=2 +3-qubit channel parameter gradients",
        "[whole] n=5 batch=3 input batch=1 +3-qubit channel input-rho gradients",
        "[split c=4] n=3 batch=2 input batch=1 data gradients",
        "NoiseModel run: entries",
        "State broadcast: input-state gradient",
        "backend.broadcast(buf, 5) entries",
      ]) {
        expect(names).toContain(what);
      }
    });
  },
);
