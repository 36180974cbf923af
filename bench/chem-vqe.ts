/**
 * Suite "chem": UCCSD-VQE for LiH in STO-3G, all electrons (12 qubits, 92 amplitudes, Jordan-
 * Wigner, MP2 start, L-BFGS), the whole pipeline timed: SCF, integrals, Hamiltonian, ansatz and
 * optimization. Target (issue #6): within 1e-4 Ha of FCI in under 20 s on one thread.
 */
import { vqe } from "../src/chem/groundstate.js";
import { Molecule } from "../src/chem/molecule.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "chem";

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    const name = "vqe-uccsd-lih-sto3g";
    if (!ctx.selected(SUITE, name)) return;
    ctx.progress(`${SUITE}/${name}: UCCSD-VQE, 12 qubits`);
    const mol = Molecule.fromName("lih");
    let result = vqe(mol);
    const t = timeIt(
      () => {
        result = vqe(mol);
      },
      { runs: ctx.quick ? 1 : 3, warmup: 0 },
    );
    ctx.report({
      suite: SUITE,
      case: name,
      n: result.nQubits,
      threads: 1,
      params: result.nParameters,
      ...t,
      iterations: result.iterations,
      evaluations: result.evaluations,
      energy: result.vqeEnergy,
      fci: result.fciEnergy,
      error: result.error,
      target_error: 1e-4,
      target_ms: 20000,
      vqe_ms: Math.round(result.timings.vqe),
    });
  },
};
