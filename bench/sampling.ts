/**
 * Suite "sampling": `State.measure(shots)` on a random 20-qubit state (2^20 outcomes) for 1e6
 * and 1e12 shots, against `probabilities` (`baseline: "probabilities"`), the pass over the state
 * that every measurement pays. Counts are one multinomial draw (`sampleCounts`), so the time does
 * not grow with the shots: both draw by sequential binomials (per-shot sampling serves only up
 * to 2^19 shots here). Each record also carries `draw_ms` (the sampler alone, from the
 * probabilities to counts per outcome), `counts_ms` (building the bitstring-keyed `Counts`
 * object) and `outcomes` (distinct bitstrings in the result): with up to 2^20 keys, building the
 * object is a large part of the whole. Where the shots fit in memory one by one, `per_shot_ms`
 * is the sampler before (each shot drawn by inverse transform, then counted), the same run.
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import {
  countsFromSamples,
  countsFromTally,
  MAX_INDIVIDUAL_SHOTS,
  sampleCounts,
  sampleIndices,
} from "../src/quantum/state/measure.js";
import { State } from "../src/quantum/state/state.js";
import { Rng } from "../src/random.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "sampling";
const N = 20;

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext): void {
    const cases: [string, number][] = [
      ["measure-1e6", 1e6],
      ["measure-1e12", 1e12],
    ];
    const selected = cases.filter(([name]) => ctx.selected(SUITE, name));
    if (selected.length === 0) return;
    const psi = State.random(N, { seed: 1, backend: new CpuBackend({ threads: 1 }) });
    const options = { runs: ctx.quick ? 3 : 7 };
    const floor = timeIt(() => void psi.probabilities(), options);
    const probs = psi.probabilities();
    for (const [name, shots] of selected) {
      ctx.progress(`${SUITE}/${name} n=${N}`);
      let seed = 0;
      let outcomes = 0;
      const whole = timeIt(() => {
        outcomes = Object.keys(psi.measure(shots, { seed: ++seed })).length;
      }, options);
      let tally: Float64Array = new Float64Array(0);
      const draw = timeIt(() => {
        tally = sampleCounts(probs, shots, new Rng(++seed));
      }, options);
      const counts = timeIt(() => void countsFromTally(tally, N), options);
      const perShot =
        shots <= MAX_INDIVIDUAL_SHOTS
          ? timeIt(
              () => void countsFromSamples(sampleIndices(probs, shots, new Rng(++seed)), N),
              options,
            ).median_ms
          : undefined;
      ctx.report({
        suite: SUITE,
        case: name,
        n: N,
        threads: 1,
        shots,
        sampler: 2 * shots <= 2 ** N ? "per-shot" : "binomials",
        median_ms: whole.median_ms,
        runs: whole.runs,
        baseline: "probabilities",
        baseline_ms: floor.median_ms,
        draw_ms: draw.median_ms,
        counts_ms: counts.median_ms,
        outcomes,
        ...(perShot === undefined ? {} : { per_shot_ms: perShot }),
      });
    }
  },
};
