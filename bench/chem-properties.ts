/**
 * Suite "chem-properties": what reading properties off a correlated state costs next to the
 * state itself. RDMs of FCI vectors (H2O/STO-3G: 441 determinants, 1- and 2-RDM; N2/STO-3G:
 * 14400 determinants, 1-RDM and <S^2>, what `vqe` computes for its dipole), with the FCI time as
 * the baseline; and tapering (symmetries, Clifford, sector) of the Jordan-Wigner Hamiltonians
 * of LiH and H2O, with the mapping as the baseline. `--quick` leaves out N2.
 */

import { fci } from "../src/chem/fci.js";
import { Molecule } from "../src/chem/molecule.js";
import { activeSpaceProblem, electronicProblem } from "../src/chem/problem.js";
import { correlatedDipole, rdmsFromFCI } from "../src/chem/rdm.js";
import { taper } from "../src/chem/tapering.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { timeIt } from "./harness.js";

const SUITE = "chem-properties";

const H2O = "O 0 0 0.1173; H 0 0.7572 -0.4692; H 0 -0.7572 -0.4692";

const RDM_CASES = [
  { case: "rdm12-fci-h2o-sto3g", geometry: H2O, twoBody: true, heavy: false },
  { case: "rdm1-fci-n2-sto3g", geometry: "N 0 0 0; N 0 0 1.0977", twoBody: false, heavy: true },
];

const TAPER_CASES = [
  { case: "taper-jw-lih-sto3g", geometry: "Li 0 0 0; H 0 0 1.5949" },
  { case: "taper-jw-h2o-sto3g", geometry: H2O },
];

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    for (const c of RDM_CASES) {
      if ((ctx.quick && c.heavy) || !ctx.selected(SUITE, c.case)) continue;
      ctx.progress(`${SUITE}/${c.case}: SCF, FCI`);
      const p = activeSpaceProblem(Molecule.fromGeometry(c.geometry, { basis: "sto-3g" }));
      const counts = { nAlpha: p.nAlpha, nBeta: p.nBeta };
      let exact = fci(p.integrals, counts);
      const base = timeIt(
        () => {
          exact = fci(p.integrals, counts);
        },
        { runs: 3 },
      );
      let s2 = 0;
      let dipole = 0;
      const t = timeIt(
        () => {
          const rdms = rdmsFromFCI(exact, p.nOrbitals, { twoBody: c.twoBody });
          s2 = rdms.s2;
          dipole = correlatedDipole(p, rdms).debye;
        },
        { runs: ctx.quick ? 3 : 5 },
      );
      ctx.report({
        suite: SUITE,
        case: c.case,
        n: exact.nDeterminants,
        threads: 1,
        ...t,
        baseline: "fci",
        baseline_ms: base.median_ms,
        ratio: t.median_ms / base.median_ms,
        spin_squared: s2,
        dipole_debye: dipole,
      });
    }
    for (const c of TAPER_CASES) {
      if (!ctx.selected(SUITE, c.case)) continue;
      ctx.progress(`${SUITE}/${c.case}: SCF, mapping`);
      const mol = Molecule.fromGeometry(c.geometry, { basis: "sto-3g" });
      const scfResult = activeSpaceProblem(mol).scf;
      let p = electronicProblem(mol, { scfResult });
      const base = timeIt(
        () => {
          p = electronicProblem(mol, { scfResult });
        },
        { runs: 3 },
      );
      let nTapered = 0;
      const t = timeIt(
        () => {
          nTapered = taper(p.qubitOperator, { referenceBits: p.hartreeFockBits }).nTapered;
        },
        { runs: ctx.quick ? 3 : 5 },
      );
      ctx.report({
        suite: SUITE,
        case: c.case,
        n: p.nQubits,
        threads: 1,
        ...t,
        baseline: "mapping",
        baseline_ms: base.median_ms,
        ratio: t.median_ms / base.median_ms,
        tapered_qubits: nTapered,
        terms: p.qubitOperator.nTerms,
      });
    }
  },
};
