/**
 * The AO integrals of a molecule in one object: what the SCF needs, and what the MO transform
 * (active-space.ts `transformToMO`) takes: `hCore` (nbf x nbf) and `eri` (flat nbf^4, chemists'
 * notation, index with {@link eriIndex}).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { BasisSet, type BasisSetData } from "../basis.js";
import type { Molecule } from "../molecule.js";
import { electronRepulsion, eriIndex } from "./eri.js";
import { oneElectronIntegrals } from "./one-electron.js";

export { eriIndex };

/** AO-basis integrals of a molecule; matrices row-major nbf x nbf. */
export interface AOIntegrals {
  /** Number of basis functions. */
  nbf: number;
  /** The basis set the integrals were computed in. */
  basis: BasisSet;
  /** Overlap matrix S. */
  overlap: Float64Array;
  /** Kinetic-energy matrix T. */
  kinetic: Float64Array;
  /** Nuclear-attraction matrix V. */
  potential: Float64Array;
  /** Core Hamiltonian T + V. */
  hCore: Float64Array;
  /** (μν|λσ) at `eriIndex(nbf, μ, ν, λ, σ)`. */
  eri: Float64Array;
  /** Dipole matrices <μ|x|ν>, <μ|y|ν>, <μ|z|ν> about the origin (no electron charge). */
  dipole: [Float64Array, Float64Array, Float64Array];
  /** Nuclear repulsion energy (Hartree). */
  nuclearRepulsion: number;
}

/** Options of {@link computeIntegrals}. */
export interface IntegralOptions {
  /** Basis name or parsed data (default: the molecule's basis). */
  basis?: string | BasisSetData;
  /** Override the basis file's spherical/Cartesian choice for d and higher shells. */
  pure?: boolean;
  /** Schwarz screening threshold for ERIs (default 1e-12). */
  screening?: number;
}

const INTEGRAL_OPTIONS = optionKeys<IntegralOptions>({ basis: true, pure: true, screening: true });

/**
 * Overlap, kinetic, nuclear, core Hamiltonian, dipole and ERIs of a molecule in its basis.
 * @example
 * const ints = computeIntegrals(Molecule.fromName("h2o", { basis: "6-31g" }));
 * ints.eri[eriIndex(ints.nbf, 0, 0, 1, 1)]; // (00|11)
 */
export function computeIntegrals(molecule: Molecule, options: IntegralOptions = {}): AOIntegrals {
  checkArity(arguments.length, 2, "computeIntegrals");
  checkOptions(options, INTEGRAL_OPTIONS, "computeIntegrals");
  if (molecule === null || typeof molecule !== "object" || !Array.isArray(molecule.atoms))
    throw new ArgumentError(`computeIntegrals: expected a Molecule, got ${describe(molecule)}`);
  if (options.pure !== undefined && typeof options.pure !== "boolean") {
    throw new ArgumentError(
      `computeIntegrals: pure must be a boolean, got ${describe(options.pure)}`,
    );
  }
  const basis = new BasisSet(
    molecule,
    options.basis ?? molecule.basis,
    options.pure === undefined ? {} : { pure: options.pure },
  );
  const one = oneElectronIntegrals(basis, molecule);
  const hCore = new Float64Array(one.kinetic.length);
  for (let i = 0; i < hCore.length; i++) hCore[i] = one.kinetic[i]! + one.potential[i]!;
  return {
    nbf: basis.nbf,
    basis,
    overlap: one.overlap,
    kinetic: one.kinetic,
    potential: one.potential,
    hCore,
    eri: electronRepulsion(
      basis,
      options.screening === undefined ? {} : { screening: options.screening },
    ),
    dipole: one.dipole,
    nuclearRepulsion: molecule.nuclearRepulsion(),
  };
}
