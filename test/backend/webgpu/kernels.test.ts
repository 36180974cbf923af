/**
 * The WebGPU kernel suite, run in headless Chromium on SwiftShader (no GPU needed): every kernel,
 * random circuits of depth 100 (n up to 16, split states with a small chunk limit, batches) and
 * adjoint gradients, each compared with the cpu backend: amplitudes to 1e-5 absolute, gradients to
 * 1e-4 relative (float32). The browser side is browser/kernels.entry.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Check } from "./browser/page.js";
import { chromiumFor, failedChecks, runSuitePage, SKIP_REASON } from "./harness.js";

const chromium = chromiumFor("test/backend/webgpu/kernels.test.ts");

interface Report {
  info: { architecture: string; chunkQubits: number };
  syncMessage: string;
  checks: Check[];
  timings: Record<string, number>;
  tiny: { dispatches: number; submits: number };
}

describe.skipIf(chromium === undefined)(
  `webgpu backend in headless Chromium${chromium === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let report: Report;
    let shimmed: string[] = [];

    beforeAll(async () => {
      const run = await runSuitePage<Report>(
        chromium!,
        "test/backend/webgpu/browser/kernels.entry.ts",
      );
      report = run.report;
      shimmed = run.shimmed;
      console.log(
        `webgpu suite: ${report.checks.length} checks in ${(run.page.ms / 1000).toFixed(1)} s on ${report.info.architecture}; timings ${JSON.stringify(report.timings)}`,
      );
    }, 120_000);

    it("bundles for the browser needing no node: module but node:os (stubbed)", () => {
      expect(shimmed.filter((s) => !s.startsWith("node:os "))).toEqual([]);
    });

    it("runs on a WebGPU adapter", () => {
      expect(report.info.chunkQubits).toBeGreaterThanOrEqual(20);
    });

    it("records many dispatches per submit, and splits streams safely when the arena fills", () => {
      // with a 4 KiB arena (5 dispatches' parameters) the tiny-arena checks above needed many submits
      expect(report.tiny.submits).toBeGreaterThan(report.tiny.dispatches / 8);
    });

    it("refuses synchronous reads with a BackendError naming the async method", () => {
      expect(report.syncMessage).toMatch(/^BackendError: .*toArrayAsync/);
    });

    it("agrees with the cpu backend on every kernel, circuit and gradient", () => {
      expect(failedChecks(report.checks)).toEqual([]);
      // the suite covered what it claims
      const names = report.checks.map((c) => c.name).join("\n");
      for (const what of [
        "dense k=3",
        "dense k=6",
        "permutation k=6",
        "diagonal",
        "permutation",
        "pauli rotation",
        "pauli string",
        "expectationPauliSum",
        "probabilities marginal",
        "innerProduct",
        "overlapMatrixDeferred",
        "overlapMatrixDeferred(a, a)",
        "expectationPauliSum of no terms",
        "split into runs",
        "applyPauliSum",
        "axpy",
        "[split c=4]",
        "random circuit n=16 batch=1 depth=100",
        "adjoint gradient",
        "Circuit.forward",
      ]) {
        expect(names).toContain(what);
      }
    });
  },
);
