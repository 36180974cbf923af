/**
 * The AO integrals of a molecule in one object: what the SCF needs, and what the MO transform
 * (active-space.ts `transformToMO`) takes: `hCore` (nbf x nbf) and `eri` (flat nbf^4, chemists'
 * notation, index with {@link eriIndex}).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { auxiliaryBasisNames, BasisSet, type BasisSetData, loadBasisData } from "../basis.js";
import type { Molecule } from "../molecule.js";
import { DFJKBuilder } from "./density-fitting.js";
import { eriIndex } from "./eri.js";
import { JKBuilder, type JKMode } from "./jk.js";
import { oneElectronIntegrals } from "./one-electron.js";

export { DFJKBuilder, eriIndex, JKBuilder, type JKMode };

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
  /**
   * (μν|λσ) at `eriIndex(nbf, μ, ν, λ, σ)`. From {@link computeIntegrals} this is computed on
   * first read (nbf^4 numbers: 866 MB at 102 functions); the SCF itself uses `jk`.
   */
  eri: Float64Array;
  /**
   * Builds J and K from shell quartets (in core or direct), or by density fitting when asked;
   * absent for hand-made integrals.
   */
  jk?: JKBuilder | DFJKBuilder;
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
  /**
   * Bytes the stored two-electron integrals may take (default 2^30, 1 GiB); above it J and K
   * are built integral-direct.
   */
  memoryBudget?: number;
  /** Force the two-electron path instead of choosing by the budget (default "auto"). */
  jkMode?: JKMode | "auto";
  /**
   * Build J and K by density fitting in this auxiliary basis (a name such as "cc-pvdz-jkfit" or
   * parsed data); `eri` stays exact.
   */
  auxiliaryBasis?: string | BasisSetData;
}

const INTEGRAL_OPTIONS = optionKeys<IntegralOptions>({
  basis: true,
  pure: true,
  screening: true,
  memoryBudget: true,
  jkMode: true,
  auxiliaryBasis: true,
});

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
  const exact = (): JKBuilder =>
    new JKBuilder(basis, {
      ...(options.screening === undefined ? {} : { screening: options.screening }),
      ...(options.memoryBudget === undefined ? {} : { memoryBudget: options.memoryBudget }),
      ...(options.jkMode === undefined ? {} : { mode: options.jkMode }),
    });
  const jk =
    options.auxiliaryBasis === undefined
      ? exact()
      : new DFJKBuilder(basis, auxiliaryBasisOn(molecule, options.auxiliaryBasis), {
          ...(options.memoryBudget === undefined ? {} : { memoryBudget: options.memoryBudget }),
        });
  const ints = {
    nbf: basis.nbf,
    basis,
    overlap: one.overlap,
    kinetic: one.kinetic,
    potential: one.potential,
    hCore,
    dipole: one.dipole,
    nuclearRepulsion: molecule.nuclearRepulsion(),
    jk,
  } as Omit<AOIntegrals, "eri"> as AOIntegrals;
  // The dense array only when someone reads it (MO transforms of small molecules, tests).
  let dense: Float64Array | undefined;
  Object.defineProperty(ints, "eri", {
    enumerable: true,
    configurable: true,
    get: () => {
      dense ??= (jk instanceof JKBuilder ? jk : exact()).denseEri();
      return dense;
    },
    set: (v: Float64Array) => {
      dense = v;
    },
  });
  return ints;
}

/**
 * The auxiliary basis on the molecule, or an ArgumentError naming the element it lacks (the
 * JKFIT sets skip some elements: cc-pVDZ-JKFIT has no Li or Be).
 */
function auxiliaryBasisOn(molecule: Molecule, auxiliary: string | BasisSetData): BasisSet {
  const data = typeof auxiliary === "string" ? loadBasisData(auxiliary) : auxiliary;
  if (data === null || typeof data !== "object" || !(data.elements instanceof Map)) {
    throw new ArgumentError(
      `computeIntegrals: auxiliaryBasis must be a basis-set name or parsed data, got ${describe(auxiliary)}`,
    );
  }
  for (const atom of molecule.atoms) {
    if (!data.elements.has(atom.symbol)) {
      throw new ArgumentError(
        `density fitting: the auxiliary basis ${describe(data.name)} has no functions for element ${atom.symbol}; choose another auxiliaryBasis (${auxiliaryBasisNames().join(", ")})`,
      );
    }
  }
  return new BasisSet(molecule, data);
}
