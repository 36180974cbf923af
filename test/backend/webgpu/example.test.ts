/**
 * End-to-end test of examples/browser: builds the page with its own build script, opens it in
 * headless Chromium (WebGPU on SwiftShader), waits for the DOM marker and checks that the VQE
 * trained on WebGPU came close to the exact ground energy and that plotly drew both traces.
 */
import { describe, expect, it } from "vitest";
import { buildExample } from "../../../examples/browser/build.js";
import { chromiumFor, runPage, SKIP_REASON, serve } from "./harness.js";

const chromium = chromiumFor("test/backend/webgpu/example.test.ts");

describe.skipIf(chromium === undefined)(
  `examples/browser VQE page${chromium === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    it("trains a VQE on WebGPU and plots the energy", async () => {
      const { html, code } = await buildExample();
      const { url, server } = await serve(code, html);
      try {
        const page = await runPage(chromium!, url, "#done", 90_000);
        const r = JSON.parse(page.text) as {
          error?: string;
          energies: number[];
          exact: number;
          plotted: number;
          msPerStep: number;
        };
        expect(r.error, page.log.join("\n")).toBeUndefined();
        console.log(
          `browser VQE: ${r.energies[0]!.toFixed(4)} -> ${r.energies.at(-1)!.toFixed(4)} (exact ${r.exact.toFixed(4)}), ${r.msPerStep.toFixed(1)} ms/step, page ${(page.ms / 1000).toFixed(1)} s`,
        );
        const first = r.energies[0]!;
        const last = r.energies.at(-1)!;
        // variational: never below the exact ground energy (float32 slack), and most of the gap closed
        expect(last).toBeGreaterThan(r.exact - 1e-4);
        expect(last - r.exact).toBeLessThan(0.1 * (first - r.exact));
        expect(r.plotted).toBe(2);
      } finally {
        server.close();
      }
    }, 120_000);
  },
);
