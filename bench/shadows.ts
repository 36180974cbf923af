/**
 * Classical shadows (suite "shadows"), on one thread, from a seeded random state:
 * - `pauli-snapshots` (n = 12, 10,000 snapshots; `--quick`: n = 8, 2,000): `classicalShadow` with
 *   uniform Pauli bases (one basis rotation and one probability pass per distinct setting).
 * - `pauli-estimate` (the same shadow): `estimate(H)` of a 300-term random Pauli Hamiltonian.
 * - `clifford-snapshots` (n = 5, 1,000 snapshots; `--quick`: n = 4, 300): global-Clifford
 *   snapshots by rejection from uniform stabilizer states (about 2^n draws each).
 * Each line carries `snapshots` and `us_per_snapshot`.
 */
import { CpuBackend } from "../src/backend/cpu/cpu.js";
import { classicalShadow } from "../src/qinfo/shadow/shadow.js";
import { Hamiltonian } from "../src/quantum/operators/hamiltonian.js";
import { State } from "../src/quantum/state/state.js";
import { Rng } from "../src/random.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { round, timeIt } from "./harness.js";

/** A seeded random Pauli Hamiltonian: `terms` strings of weight 1 to 4 on n qubits. */
function randomHamiltonian(n: number, terms: number, rng: Rng): Hamiltonian {
  const list: [number, string][] = [];
  for (let t = 0; t < terms; t++) {
    const qubits = rng.shuffle(Array.from({ length: n }, (_, q) => q)).slice(0, 1 + rng.int(4));
    list.push([rng.normal(), qubits.map((q) => `${"XYZ"[rng.int(3)]}${q}`).join(", ")]);
  }
  return new Hamiltonian(list, { nQubits: n });
}

export const suite: BenchSuite = {
  name: "shadows",
  async run(ctx: BenchContext): Promise<void> {
    const backend = new CpuBackend({ threads: 1 });
    const n = ctx.quick ? 8 : 12;
    const snapshots = ctx.quick ? 2000 : 10000;
    const psi = State.random(n, { seed: 1, backend });
    const perSnapshot = (ms: number, count: number) => round((1000 * ms) / count, 3);
    if (ctx.selected("shadows", "pauli-snapshots")) {
      const t = timeIt(() => classicalShadow(psi, snapshots, { seed: 2 }), { runs: 3 });
      ctx.report({
        suite: "shadows",
        case: "pauli-snapshots",
        n,
        threads: 1,
        ...t,
        snapshots,
        us_per_snapshot: perSnapshot(t.median_ms, snapshots),
      });
    }
    if (ctx.selected("shadows", "pauli-estimate")) {
      const shadow = classicalShadow(psi, snapshots, { seed: 2 });
      const H = randomHamiltonian(n, 300, new Rng(3));
      const t = timeIt(() => shadow.estimate(H), { runs: 3 });
      ctx.report({
        suite: "shadows",
        case: "pauli-estimate",
        n,
        threads: 1,
        ...t,
        snapshots,
        terms: H.nTerms,
        us_per_snapshot: perSnapshot(t.median_ms, snapshots),
      });
    }
    if (ctx.selected("shadows", "clifford-snapshots")) {
      const m = ctx.quick ? 4 : 5;
      const count = ctx.quick ? 300 : 1000;
      const phi = State.random(m, { seed: 4, backend });
      const t = timeIt(() => classicalShadow(phi, count, { seed: 5, ensemble: "clifford" }), {
        runs: 3,
      });
      ctx.report({
        suite: "shadows",
        case: "clifford-snapshots",
        n: m,
        threads: 1,
        ...t,
        snapshots: count,
        us_per_snapshot: perSnapshot(t.median_ms, count),
      });
    }
  },
};
