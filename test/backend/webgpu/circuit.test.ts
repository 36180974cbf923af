/**
 * The circuit layer on WebGPU, in headless Chromium on SwiftShader: Circuit (templates, encodings)
 * differentiated with expecValAsync + runBackwardAsync (the adjoint's two-phase sweep) against the
 * cpu backend's sync gradients to 1e-4 relative; Adam steps of a small VQE; State's async readers.
 * The browser side is browser/circuit.entry.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser, findChromium, runPage, serve } from "./harness.js";

const chromium = findChromium();
const SKIP_REASON =
  "SKIPPED: chromium is not installed (apt-get install -y chromium; .ci/run installs it)";
if (chromium === undefined) console.warn(`test/backend/webgpu/circuit.test.ts ${SKIP_REASON}`);

interface Report {
  error?: string;
  syncMessage: string;
  checks: { name: string; err: number; tol: number }[];
  timings: Record<string, number>;
}

describe.skipIf(chromium === undefined)(
  `circuit layer on webgpu in headless Chromium${chromium === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let report: Report;
    let closeServer = (): void => {};

    beforeAll(async () => {
      const bundle = await bundleForBrowser("test/backend/webgpu/browser/circuit.entry.ts");
      const { url, server } = await serve(bundle.code);
      closeServer = () => server.close();
      const page = await runPage(chromium!, url, "#done", 90_000);
      report = JSON.parse(page.text) as Report;
      if (report.error !== undefined) {
        throw new Error(`browser side failed: ${report.error}\n${page.log.join("\n")}`);
      }
      console.log(
        `webgpu circuit suite: ${report.checks.length} checks in ${(page.ms / 1000).toFixed(1)} s; timings ${JSON.stringify(report.timings)}\n${report.checks.map((c) => `  ${c.name}: ${c.err.toExponential(2)} (tol ${c.tol})`).join("\n")}`,
      );
    }, 120_000);

    afterAll(() => closeServer());

    it("a sync backward through async reads throws a BackendError naming backwardAsync", () => {
      expect(report.syncMessage).toMatch(/^BackendError: .*backwardAsync/);
    });

    it("agrees with the cpu backend: gradients, VQE steps, async readers", () => {
      const failed = report.checks.filter((c) => !(c.err <= c.tol));
      expect(failed).toEqual([]);
      const names = report.checks.map((c) => c.name).join("\n");
      for (const what of [
        "[whole] parameter gradients n=8",
        "[whole] parameter gradients n=12",
        "[split c=4] parameter gradients n=7",
        "data gradients",
        "input-state gradients",
        "vqe energies",
        "vqe parameters",
        "State.measureAsync",
        "State.probabilitiesAsync",
      ]) {
        expect(names).toContain(what);
      }
    });
  },
);
