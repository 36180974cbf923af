/**
 * Suite "chem-adapt": ADAPT-VQE for LiH in STO-3G, all electrons (12 qubits), with the
 * generalized fermionic and qubit-excitation pools, against UCCSD's 92 amplitudes. Target
 * (issue #21): FCI to 1e-6 Ha with fewer parameters than UCCSD. Too slow for the tests.
 */
import { type AdaptVQEResult, adaptVQE } from "../src/chem/adapt-vqe.js";
import { Molecule } from "../src/chem/molecule.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "chem-adapt";

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    for (const pool of ["fermionic", "qubit"] as const) {
      const name = `adapt-lih-sto3g-${pool}`;
      // minutes per pool on one thread: not part of --quick
      if (ctx.quick || !ctx.selected(SUITE, name)) continue;
      ctx.progress(`${SUITE}/${name}: ADAPT-VQE, 12 qubits, ${pool} pool`);
      const mol = Molecule.fromName("lih");
      let result: AdaptVQEResult | undefined;
      const t = timeIt(
        () => {
          result = adaptVQE(mol, {
            pool,
            gradientThreshold: 1e-4,
            progress: (line) => ctx.progress(`  ${line}`),
          });
        },
        { runs: 1, warmup: 0 },
      );
      if (result === undefined) return;
      ctx.report({
        suite: SUITE,
        case: name,
        n: result.nQubits,
        threads: 1,
        params: result.nParameters,
        ...t,
        uccsd_params: result.uccsdParameters,
        pool_size: result.poolSize,
        rounds: result.rounds.length,
        converged: result.converged,
        energy: result.energy,
        fci: result.fciEnergy,
        error: result.error,
        target_error: 1e-6,
      });
    }
  },
};
