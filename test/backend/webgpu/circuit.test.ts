/**
 * The circuit layer on WebGPU, in headless Chromium on SwiftShader: Circuit (templates, encodings)
 * differentiated with expecValAsync + runBackwardAsync (the adjoint's two-phase sweep) against the
 * cpu backend's sync gradients to 1e-4 relative; Adam steps of a small VQE; State's async readers.
 * The browser side is browser/circuit.entry.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Check } from "./browser/page.js";
import { chromiumFor, describeChecks, failedChecks, runSuitePage, SKIP_REASON } from "./harness.js";

const chromium = chromiumFor("test/backend/webgpu/circuit.test.ts");

interface Report {
  syncMessage: string;
  evolveMessage: string;
  checks: Check[];
  timings: Record<string, number>;
}

describe.skipIf(chromium === undefined)(
  `circuit layer on webgpu in headless Chromium${chromium === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let report: Report;

    beforeAll(async () => {
      const run = await runSuitePage<Report>(
        chromium!,
        "test/backend/webgpu/browser/circuit.entry.ts",
      );
      report = run.report;
      console.log(
        `webgpu circuit suite: ${report.checks.length} checks in ${(run.page.ms / 1000).toFixed(1)} s; timings ${JSON.stringify(report.timings)}\n${describeChecks(report.checks)}`,
      );
    }, 120_000);

    it("a sync backward through async reads throws a BackendError naming backwardAsync", () => {
      expect(report.syncMessage).toMatch(/^BackendError: .*backwardAsync/);
    });

    it("State.evolve on webgpu throws a BackendError pointing to cpu or trotterCircuit", () => {
      expect(report.evolveMessage).toMatch(/^BackendError: .*trotterCircuit/);
    });

    it("agrees with the cpu backend: gradients, VQE steps, async readers, Trotter and QDRIFT circuits", () => {
      expect(failedChecks(report.checks)).toEqual([]);
      const names = report.checks.map((c) => c.name).join("\n");
      for (const what of [
        "[whole] parameter gradients n=8",
        "[whole] parameter gradients n=12",
        "[split c=4] parameter gradients n=7",
        "data gradients",
        "input-state gradients",
        "vqe energies",
        "parameter-shift gradients on webgpu",
        "vqe parameters",
        "State.measureAsync",
        "State.probabilitiesAsync",
        "trotter+qdrift energy on webgpu",
        "trotter trainable-angle gradients on webgpu",
      ]) {
        expect(names).toContain(what);
      }
    });
  },
);
