/**
 * Analytic Hartree-Fock nuclear gradients (RHF, ROHF, UHF) from derivative integrals.
 *
 * For a converged determinant with spin densities D^α, D^β and Fock matrices F^α, F^β,
 *   dE/dR = Σ D dh/dR + Σ Γ d(μν|λσ)/dR - Σ W dS/dR + dV_nn/dR,
 * D = D^α + D^β, Γ the Hartree-Fock two-particle density (integrals/derivatives.ts) and
 * W = D^α F^α D^α + D^β F^β D^β the energy-weighted density: the Lagrange multipliers of the
 * orbital orthonormality, which the basis functions moving with the nuclei (the Pulay terms)
 * bring in. W has this one form for all three references: for ROHF the terms that would
 * distinguish it are the docc-socc blocks of F^β, which vanish at convergence.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { oneElectronGradient, toCartesian, twoElectronGradient } from "../integrals/derivatives.js";
import { nucleiOf } from "../integrals/one-electron.js";
import { matmul } from "../linalg.js";
import { Molecule } from "../molecule.js";
import { runSCF, type SCFOptions, type SCFResult } from "../scf.js";
import { nuclearRepulsionGradient } from "./geometry.js";

/** A nuclear gradient and the energy it belongs to. */
export interface NuclearGradient {
  /** Total energy at this geometry (Hartree). */
  energy: number;
  /** dE/dR: x, y, z per atom (Hartree/Bohr), in the molecule's own frame. */
  gradient: Float64Array;
  /** How it was computed: from derivative integrals, or central finite differences of energies. */
  method: "analytic" | "finite-difference";
}

/** The gradient of a Hartree-Fock energy, with the SCF it came from. */
export interface SCFGradient extends NuclearGradient {
  /** The converged SCF at this geometry. */
  scf: SCFResult;
}

/** Options of {@link scfGradient}. */
export interface SCFGradientOptions {
  /** Options of the SCF run (reference, tolerances, basis, ...); tighter defaults: 1e-12 and 1e-10. */
  scf?: SCFOptions;
  /** A converged SCF of this molecule to differentiate instead of running one. */
  result?: SCFResult;
}

const OPTIONS = optionKeys<SCFGradientOptions>({ scf: true, result: true });

/**
 * The analytic RHF/ROHF/UHF gradient of a molecule's Hartree-Fock energy.
 * @example
 * const { energy, gradient } = scfGradient(Molecule.fromName("h2o", { basis: "6-31g*" }));
 * gradient[2]; // dE/dz of the oxygen, Hartree/Bohr
 */
export function scfGradient(molecule: Molecule, options: SCFGradientOptions = {}): SCFGradient {
  checkArity(arguments.length, 2, "scfGradient");
  checkOptions(options, OPTIONS, "scfGradient");
  if (!(molecule instanceof Molecule))
    throw new ArgumentError(`scfGradient: expected a Molecule, got ${describe(molecule)}`);
  if (options.scf !== undefined && (options.scf === null || typeof options.scf !== "object"))
    throw new ArgumentError(`scfGradient: scf must be SCF options, got ${describe(options.scf)}`);
  const given = options.result;
  if (
    given !== undefined &&
    (given === null || typeof given !== "object" || !(given.densityAlpha instanceof Float64Array))
  ) {
    throw new ArgumentError(
      `scfGradient: result must be a runSCF() result, got ${describe(given)}`,
    );
  }
  if (given !== undefined && !given.converged)
    throw new ArgumentError(
      "scfGradient: the SCF result given is not converged; its gradient would be meaningless",
    );
  const scf =
    given ?? runSCF(molecule, { energyTolerance: 1e-12, gradientTolerance: 1e-10, ...options.scf });
  const basis = scf.integrals.basis;
  const atoms = molecule.atoms;
  const foreign =
    Math.abs(scf.eNuc - molecule.nuclearRepulsion()) > 1e-10 ||
    basis.shells.some((s) => {
      const a = atoms[s.atom];
      return a === undefined || a.x !== s.x || a.y !== s.y || a.z !== s.z;
    });
  if (foreign)
    throw new ArgumentError("scfGradient: the SCF result given does not belong to this molecule");
  const n = scf.nbf;
  const W = matmul(matmul(scf.densityAlpha, scf.fockAlpha, n, n, n), scf.densityAlpha, n, n, n);
  const Wb = matmul(matmul(scf.densityBeta, scf.fockBeta, n, n, n), scf.densityBeta, n, n, n);
  for (let i = 0; i < W.length; i++) W[i]! += Wb[i]!;
  const nAtoms = molecule.atoms.length;
  const Dc = toCartesian(basis, scf.density);
  const gradient = nuclearRepulsionGradient(molecule);
  const one = oneElectronGradient(basis, nucleiOf(molecule), Dc, toCartesian(basis, W), nAtoms);
  const two = twoElectronGradient(
    basis,
    Dc,
    toCartesian(basis, scf.densityAlpha),
    toCartesian(basis, scf.densityBeta),
    nAtoms,
  );
  for (let i = 0; i < gradient.length; i++) gradient[i]! += one[i]! + two[i]!;
  return { energy: scf.energy, gradient, method: "analytic", scf };
}
