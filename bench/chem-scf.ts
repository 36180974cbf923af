/**
 * Quantum chemistry, classical half: AO integrals and RHF for water in STO-3G, 6-31G and
 * cc-pVDZ (one thread). Cases: `integrals-<basis>` (one-electron + ERIs), `rhf-<basis>` (SCF on
 * precomputed integrals), `total-<basis>` (both, what a user waits for). `n` is the number of
 * basis functions. Reference point: Psi4 does H2O/cc-pVDZ RHF in about 0.5 s.
 */
import { computeIntegrals } from "../src/chem/integrals/index.js";
import { Molecule } from "../src/chem/molecule.js";
import { runSCF } from "../src/chem/scf.js";
import { type BenchSuite, timeIt } from "./harness.js";

const BASES = ["sto-3g", "6-31g", "cc-pvdz"];

export const suite: BenchSuite = {
  name: "chem",
  run(ctx) {
    for (const basis of ctx.quick ? ["sto-3g", "cc-pvdz"] : BASES) {
      const mol = Molecule.fromName("h2o", { basis });
      const ints = computeIntegrals(mol);
      const n = ints.nbf;
      const cases: [string, () => void][] = [
        [`integrals-${basis}`, () => void computeIntegrals(mol)],
        [`rhf-${basis}`, () => void runSCF(mol, { integrals: ints })],
        [`total-${basis}`, () => void runSCF(mol)],
      ];
      for (const [name, fn] of cases) {
        if (!ctx.selected("chem", name)) continue;
        ctx.progress(`chem/${name}`);
        const t = timeIt(fn, { budgetMs: ctx.quick ? 300 : 1000, warmup: 5 });
        ctx.report({
          suite: "chem",
          case: name,
          n,
          threads: 1,
          median_ms: t.median_ms,
          runs: t.runs,
          molecule: "h2o",
        });
      }
    }
  },
};
