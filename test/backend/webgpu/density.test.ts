/**
 * Density matrices on WebGPU, in headless Chromium on SwiftShader: noisy circuits (gates, 1- and
 * 2-qubit channels, trainable noise strengths, a NoiseModel) on the webgpu backend against cpu:
 * entries to 1e-5, the GPU reductions (trace, purity, tr(H rho), the diagonal), seeded sampling,
 * and gradients through the checkpointed reverse sweep (two-phase on the GPU) to 1e-4 relative.
 * The browser side is browser/density.entry.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser, findChromium, runPage, serve } from "./harness.js";

const chromium = findChromium();
const SKIP_REASON =
  "SKIPPED: chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
if (chromium === undefined) console.warn(`test/backend/webgpu/density.test.ts ${SKIP_REASON}`);

interface Report {
  error?: string;
  syncMessage: string;
  checks: { name: string; err: number; tol: number }[];
  timings: Record<string, number>;
}

describe.skipIf(chromium === undefined)(
  `density matrices on webgpu in headless Chromium${chromium === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let report: Report;
    let closeServer = (): void => {};

    beforeAll(async () => {
      const bundle = await bundleForBrowser("test/backend/webgpu/browser/density.entry.ts");
      const { url, server } = await serve(bundle.code);
      closeServer = () => server.close();
      const page = await runPage(chromium!, url, "#done", 90_000);
      report = JSON.parse(page.text) as Report;
      if (report.error !== undefined) {
        throw new Error(`browser side failed: ${report.error}\n${page.log.join("\n")}`);
      }
      console.log(
        `webgpu density suite: ${report.checks.length} checks in ${(page.ms / 1000).toFixed(1)} s; timings ${JSON.stringify(report.timings)}\n${report.checks.map((c) => `  ${c.name}: ${c.err.toExponential(2)} (tol ${c.tol})`).join("\n")}`,
      );
    }, 120_000);

    afterAll(() => closeServer());

    it("a sync backward through a noisy circuit on webgpu throws a BackendError naming backwardAsync", () => {
      expect(report.syncMessage).toMatch(/^BackendError: .*backwardAsync/);
    });

    it("agrees with the cpu backend: entries, reductions, sampling, gradients", () => {
      const failed = report.checks.filter((c) => !(c.err <= c.tol));
      expect(failed).toEqual([]);
      const names = report.checks.map((c) => c.name).join("\n");
      for (const what of [
        "[whole] n=4 batch=3 DensityMatrix.toArrayAsync",
        "[split c=4] n=3 batch=2 expecValBatchAsync",
        "[whole] n=4 batch=2 input batch=2 parameter gradients",
        "[whole] n=5 batch=3 input batch=1 input-rho gradients",
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
