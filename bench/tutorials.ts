/**
 * Suite "tutorials": every tutorial in its full mode (seed 1), timed, with its headline number and
 * whether it reached the full target. CI runs the tutorials only in `--quick` mode; this is where
 * the full-size numbers of the issue are asserted. `--quick` skips the suite (the full runs take
 * minutes).
 */
import { BackendError } from "../src/errors.js";
import { tutorials } from "../tutorials/index.js";
import type { BenchContext, BenchSuite } from "./harness.js";

const SUITE = "tutorials";

export const suite: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext) {
    if (ctx.quick) return;
    for (const t of tutorials) {
      const name = t.meta.name;
      if (!ctx.selected(SUITE, name)) continue;
      ctx.progress(`${SUITE}/${name}: full run (expected about ${t.meta.seconds.full} s)`);
      const t0 = performance.now();
      let result: Awaited<ReturnType<typeof t.run>>;
      try {
        result = await t.run({ quick: false, seed: 1, log: () => {}, progress: () => {} });
      } catch (e) {
        // gpu-vqe on a machine with no WebGPU adapter at all: say so and go on
        if (!(e instanceof BackendError)) throw e;
        ctx.progress(`${SUITE}/${name}: skipped (${e.message.slice(0, 200)})`);
        continue;
      }
      const ms = performance.now() - t0;
      ctx.report({
        suite: SUITE,
        case: name,
        threads: 1,
        median_ms: Math.round(ms),
        runs: 1,
        headline: result.headline.name,
        value: result.headline.value,
        target: result.headline.target,
        pass: result.headline.pass,
      });
      if (!result.headline.pass) process.exitCode = 1;
    }
  },
};
