/**
 * Suite "hamsim": Hamiltonian simulation on the Heisenberg chain H = sum_i (X_i X_(i+1) +
 * Y_i Y_(i+1) + Z_i Z_(i+1)) (open, unit couplings), one thread.
 *
 * - `evolve-heisenberg` (n = 20; `--quick`: 12): `State.evolve(H, 1, { tol: 1e-8 })` from the Neel
 *   state |0101...>, and `evolve-heisenberg-random` from a random state, against one application
 *   of H (`backend.applyPauliSum`, baseline `apply-H`, timed before and after every evolution so
 *   both see the same load): `ratio` is the cost in H applications (the issue's target: <= 55);
 *   `matvecs` and `error_estimate` come from `krylovEvolve`.
 * - `trotter2-100` (n = 20; `--quick`: 12): the forward pass of `trotterCircuit(H, 1, { steps: 100,
 *   order: 2 })` from the Neel state, fused (`QOAR_FUSION`'s default, 2-qubit blocks) against the
 *   same circuit unfused (baseline `unfused`, fusion 0): the issue's target ratio is <= 0.6.
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { krylovEvolve } from "../src/quantum/operators/evolution.js";
import type { EvolutionInfo } from "../src/quantum/operators/evolve.js";
import { chainLattice } from "../src/quantum/operators/lattice.js";
import { heisenberg } from "../src/quantum/operators/spin-models.js";
import { trotterCircuit } from "../src/quantum/operators/trotter.js";
import { State } from "../src/quantum/state/state.js";
import { noGrad } from "../src/tensor/index.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { median, round, timeIt } from "./harness.js";

const SUITE = "hamsim";
/** One thread, as the targets are stated. */
const cpu = new CpuBackend({ threads: 1 });

function neel(n: number): State {
  return State.basis(n, "01".repeat(n / 2), { backend: cpu });
}

function evolveCases(ctx: BenchContext): void {
  const cases = ["evolve-heisenberg", "evolve-heisenberg-random"].filter((c) =>
    ctx.selected(SUITE, c),
  );
  if (cases.length === 0) return;
  const n = ctx.quick ? 12 : 20;
  const H = heisenberg(chainLattice(n));
  const out = cpu.zeros(n);
  const clock = (fn: () => void): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  for (const name of cases) {
    const psi = name === "evolve-heisenberg" ? neel(n) : State.random(n, { seed: 1, backend: cpu });
    ctx.progress(`${SUITE}/${name} n=${n}`);
    const evolveOnce = (): EvolutionInfo => {
      const r = krylovEvolve(psi, H, 1, { tol: 1e-8 });
      r.state.free();
      return r.info;
    };
    const applyH = () => cpu.applyPauliSum(out, psi.buffer, H.terms);
    evolveOnce(); // warm-up: the Krylov basis' memory, the JIT
    applyH();
    // the yardstick is timed between the evolutions, so both see the same machine load
    const runs = ctx.quick ? 5 : 3;
    const evolveMs: number[] = [];
    const applyMs: number[] = [];
    let info: EvolutionInfo | undefined;
    for (let r = 0; r < runs; r++) {
      applyMs.push(clock(applyH));
      evolveMs.push(clock(() => (info = evolveOnce())));
      applyMs.push(clock(applyH));
    }
    ctx.report({
      suite: SUITE,
      case: name,
      n,
      threads: 1,
      t: 1,
      tol: 1e-8,
      matvecs: info?.matvecs,
      substeps: info?.substeps,
      error_estimate: info?.errorEstimate,
      terms: H.nTerms,
      median_ms: round(median(evolveMs)),
      runs,
      baseline: "apply-H",
      baseline_ms: round(median(applyMs)),
    });
  }
  cpu.free(out);
}

function trotterCases(ctx: BenchContext): void {
  if (!ctx.selected(SUITE, "trotter2-100")) return;
  const n = ctx.quick ? 12 : 20;
  const H = heisenberg(chainLattice(n));
  const c = trotterCircuit(H, 1, { steps: 100, order: 2, backend: cpu });
  const psi = neel(n);
  const run = (fusion: number) => () => {
    c.fusion = fusion;
    noGrad(() => c.forward(psi)).free();
  };
  ctx.progress(`${SUITE}/trotter2-100 n=${n} (${c.gateCount} gates), unfused`);
  const unfused = timeIt(run(0), ctx.quick ? { runs: 3 } : { runs: 1, warmup: 1 });
  ctx.progress(`${SUITE}/trotter2-100 n=${n}, fused`);
  const fused = timeIt(run(2), ctx.quick ? { runs: 3 } : { runs: 3, warmup: 1 });
  ctx.report({
    suite: SUITE,
    case: "trotter2-100",
    n,
    threads: 1,
    steps: 100,
    order: 2,
    gates: c.gateCount,
    fusion: 2,
    ...fused,
    baseline: "unfused",
    baseline_ms: unfused.median_ms,
  });
}

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx) {
    evolveCases(ctx);
    trotterCases(ctx);
  },
};
