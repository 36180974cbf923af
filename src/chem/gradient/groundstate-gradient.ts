/**
 * Nuclear gradients of correlated ground-state energies (VQE or FCI/CASCI).
 *
 * On closed-shell RHF orbitals, FCI/CASCI and UCCSD-VQE get the analytic gradient: the RDMs of
 * the state, relaxed by the orbital response (correlated-gradient.ts). Everything else (ROHF
 * orbitals, the hardware-efficient ansatz, or `numerical: true`) gets central finite
 * differences of the whole pipeline: SCF, active space, qubit Hamiltonian and solver run again
 * at every displaced geometry, labelled `method: "finite-difference"`. Either way the solver is
 * converged tighter than its defaults (energy change 1e-12, gradient 1e-8, SCF 1e-12/1e-10):
 * finite differences would be noise otherwise, and the analytic gradient assumes a stationary
 * state (it is first-order in the solver's residual).
 */
import { ArgumentError, describe } from "../../errors.js";
import { noGrad } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { fci } from "../fci.js";
import {
  type GroundStateSolverOptions,
  type GroundStateSolverResult,
  makeAnsatz,
  vqe,
} from "../groundstate.js";
import { Molecule } from "../molecule.js";
import { activeSpaceProblem, electronicProblem, problemOptionsOf } from "../problem.js";
import { rdmsFromFCI, rdmsFromState } from "../rdm.js";
import { runSCF } from "../scf.js";
import { correlatedGradient } from "./correlated-gradient.js";
import { finiteDifferenceGradient } from "./finite-difference.js";
import type { NuclearGradient } from "./scf-gradient.js";

/** Options of {@link groundStateGradient}. */
export interface GroundStateGradientOptions {
  /** The ground-state solver (method, ansatz, active space, mapping, ...), as for `vqe`. */
  solver?: GroundStateSolverOptions;
  /** Finite differences even where the analytic gradient exists (default false). */
  numerical?: boolean;
  /** Finite-difference displacement (Bohr, default 1e-3). */
  step?: number;
  /** Finite differences: called after every displaced energy with the count done and the total (6N). */
  onProgress?: (done: number, total: number) => void;
}

const OPTIONS = optionKeys<GroundStateGradientOptions>({
  solver: true,
  numerical: true,
  step: true,
  onProgress: true,
});

/** The gradient of a VQE or FCI energy, with the solver's result at the geometry itself. */
export interface GroundStateGradient extends NuclearGradient {
  /** The ground-state calculation at the undisplaced geometry. */
  result: GroundStateSolverResult;
}

/**
 * dE/dR of the VQE (default) or FCI energy: analytic (relaxed densities and the Z-vector) on
 * closed-shell RHF orbitals for FCI and UCCSD, else central differences of the whole calculation.
 * @example
 * const g = await groundStateGradient(Molecule.fromName("h2"), { solver: { method: "fci" } });
 * g.method; // "analytic"
 * const fd = await groundStateGradient(Molecule.fromName("h2"), { numerical: true }); // "finite-difference"
 */
export async function groundStateGradient(
  molecule: Molecule,
  options: GroundStateGradientOptions = {},
): Promise<GroundStateGradient> {
  checkArity(arguments.length, 2, "groundStateGradient");
  checkOptions(options, OPTIONS, "groundStateGradient");
  if (!(molecule instanceof Molecule))
    throw new ArgumentError(`groundStateGradient: expected a Molecule, got ${describe(molecule)}`);
  const solver = options.solver ?? {};
  if (solver === null || typeof solver !== "object")
    throw new ArgumentError(
      `groundStateGradient: solver must be ground-state solver options, got ${describe(solver)}`,
    );
  if (typeof solver.ansatz === "object") {
    throw new ArgumentError(
      "groundStateGradient: give the ansatz by name (uccsd or hea): a ready ansatz belongs to one geometry",
    );
  }
  const h = options.step;
  if (h !== undefined && !(typeof h === "number" && h > 0 && h < 0.1))
    throw new ArgumentError(
      `groundStateGradient: step must be a number of Bohr in (0, 0.1), got ${describe(h)}`,
    );
  if (options.numerical !== undefined && typeof options.numerical !== "boolean")
    throw new ArgumentError(
      `groundStateGradient: numerical must be a boolean, got ${describe(options.numerical)}`,
    );
  const settings: GroundStateSolverOptions = {
    tolerance: 1e-12,
    gradientTolerance: 1e-8,
    ...solver,
    scf: { energyTolerance: 1e-12, gradientTolerance: 1e-10, ...solver.scf },
    fci: solver.method === "fci",
  };
  // the hardware-efficient ansatz is rarely stationary enough for the analytic route (FCI ignores it)
  const analyticAnsatz = solver.method === "fci" || (solver.ansatz ?? "uccsd") === "uccsd";
  if (options.numerical !== true && analyticAnsatz) {
    const analytic = analyticGradient(molecule, settings);
    if (analytic !== undefined) return analytic;
  }
  let result: GroundStateSolverResult | undefined;
  const fd = await finiteDifferenceGradient(
    molecule,
    (m) => {
      const r = vqe(m, settings);
      if (m === molecule) result = r;
      return r.energy;
    },
    {
      ...(options.step === undefined ? {} : { step: options.step }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    },
  );
  return { ...fd, result: result! };
}

/**
 * The analytic gradient, or undefined where it does not apply (open-shell or ROHF orbitals).
 * FCI solves to a residual of 1e-10 for its RDMs (the gradient's error is first order in it).
 */
function analyticGradient(
  molecule: Molecule,
  settings: GroundStateSolverOptions,
): GroundStateGradient | undefined {
  const scf = settings.scfResult ?? runSCF(molecule, settings.scf ?? {});
  if (scf.reference !== "rhf" || scf.nAlpha !== scf.nBeta || !scf.converged) return undefined;
  const withScf: GroundStateSolverOptions = { ...settings, scfResult: scf };
  if (settings.method === "fci") {
    const { mapping: _m, taper: _t, ...fermionic } = problemOptionsOf(withScf);
    const problem = activeSpaceProblem(molecule, fermionic);
    const exact = fci(problem.integrals, {
      nAlpha: problem.nAlpha,
      nBeta: problem.nBeta,
      tol: 1e-10,
    });
    const g = correlatedGradient(problem, rdmsFromFCI(exact, problem.nOrbitals), true);
    const result = vqe(molecule, withScf);
    return { energy: exact.energy, gradient: g.gradient, method: "analytic", result };
  }
  const problem = electronicProblem(molecule, problemOptionsOf(withScf));
  const ansatz = makeAnsatz(problem, withScf);
  const result = vqe(molecule, { ...withScf, ansatz });
  const psi = noGrad(() => ansatz.forward());
  const full = problem.tapering === undefined ? psi : problem.tapering.untaperState(psi);
  const g = correlatedGradient(problem, rdmsFromState(full, problem), false);
  return { energy: result.energy, gradient: g.gradient, method: "analytic", result };
}
