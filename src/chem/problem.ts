/**
 * The electronic-structure problem a quantum solver works on: molecule -> SCF -> MO integrals ->
 * active space -> fermion Hamiltonian -> qubit Hamiltonian under one mapping, together with the
 * active electron counts (the particle-number and Sz sector) and the mapping itself, so ansatzes
 * can map their excitation operators the same way and prepare the matching Hartree-Fock state.
 */
import { ArgumentError, describe } from "../errors.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { type ActiveSpace, activeSpace, type MOIntegrals, transformToMO } from "./active-space.js";
import { type FermionOperator, molecularHamiltonian } from "./fermion.js";
import {
  hartreeFockBits,
  type MappingName,
  mapFermionOperator,
  parityReduced,
  type QubitEncoding,
  type QubitOperator,
} from "./mappings.js";
import { Molecule } from "./molecule.js";
import { runSCF, type SCFOptions, type SCFResult } from "./scf.js";
import { type Tapering, taperProblem } from "./tapering.js";

/** A fermion-to-qubit mapping as the solvers name it: the three mappings and parity with the two-qubit reduction. */
export type QubitMapping = MappingName | "parity-reduced";

const MAPPING_ALIASES: Record<string, QubitMapping> = {
  jw: "jordan-wigner",
  "jordan-wigner": "jordan-wigner",
  bk: "bravyi-kitaev",
  "bravyi-kitaev": "bravyi-kitaev",
  parity: "parity",
  "parity-reduced": "parity-reduced",
  pr: "parity-reduced",
};

/**
 * A mapping from its name or short alias (jw, bk, parity, parity-reduced / pr).
 * @example parseMapping("bk"); // "bravyi-kitaev"
 */
export function parseMapping(name: string): QubitMapping {
  checkArity(arguments.length, 1, "parseMapping");
  const m = typeof name === "string" ? MAPPING_ALIASES[name.toLowerCase()] : undefined;
  if (m === undefined) {
    throw new ArgumentError(
      `mapping must be one of jw, bk, parity, parity-reduced (or jordan-wigner, bravyi-kitaev), got ${describe(name)}`,
    );
  }
  return m;
}

/** Options of {@link electronicProblem}. */
export interface ProblemOptions {
  /** Fermion-to-qubit mapping (default "jordan-wigner"; aliases accepted). */
  mapping?: QubitMapping | string;
  /** Active electrons (with {@link activeOrbitals}; the rest are frozen in doubly occupied core orbitals). */
  activeElectrons?: number;
  /** Active spatial orbitals after the frozen core (default: all the rest). */
  activeOrbitals?: number;
  /** SCF options (reference, guess, tolerances); UHF is not supported here. */
  scf?: SCFOptions;
  /** A converged SCF to reuse instead of running one. */
  scfResult?: SCFResult;
  /** Taper the qubit Hamiltonian by its Z2 symmetries in the Hartree-Fock sector (default false). */
  taper?: boolean;
}

/** The fermionic side: SCF, active-space integrals and the sector (no qubits yet). */
export interface ActiveSpaceProblem {
  /** The molecule. */
  molecule: Molecule;
  /** The converged SCF the orbitals come from. */
  scf: SCFResult;
  /** Active-space integrals (constant = nuclear repulsion + frozen-core energy). */
  integrals: MOIntegrals;
  /** Which orbitals are frozen and which are active. */
  activeSpace: ActiveSpace;
  /** Active alpha and beta electrons: the sector of the ground state sought. */
  nAlpha: number;
  /** Active beta electrons. */
  nBeta: number;
  /** Active spatial orbitals; 2 * nOrbitals spin orbitals (interleaved, 2p alpha, 2p+1 beta). */
  nOrbitals: number;
  /** Wall time of the SCF and of the integral transform (ms). */
  timings: {
    /** Hartree-Fock. */
    scf: number;
    /** Integral transform (and, for an ElectronicProblem, the qubit mapping). */
    hamiltonian: number;
  };
}

/** Everything a ground-state solver needs about one molecule under one mapping. */
export interface ElectronicProblem extends ActiveSpaceProblem {
  /** The fermion-to-qubit mapping. */
  mapping: QubitMapping;
  /** How occupations become qubit basis states under `mapping`. */
  encoding: QubitEncoding;
  /** Number of qubits of the mapped Hamiltonian. */
  nQubits: number;
  /** The active-space Hamiltonian as a fermion operator. */
  fermionHamiltonian: FermionOperator;
  /** `fermionHamiltonian` mapped to qubits. */
  qubitOperator: QubitOperator;
  /** `qubitOperator` as a Hamiltonian, ready for `expecVal`. */
  hamiltonian: Hamiltonian;
  /** Maps another operator on the same spin orbitals with the same mapping (and reduction). */
  map(op: FermionOperator): QubitOperator;
  /** Qubit bits (entry q = qubit q) of the Hartree-Fock determinant under this mapping. */
  hartreeFockBits: Uint8Array;
  /**
   * Set when the problem was tapered (`taper: true`): `qubitOperator`, `hamiltonian`, `nQubits`,
   * `map` and `hartreeFockBits` are then the tapered ones, while `encoding` stays the full
   * mapping's (untaper a state with `tapering.untaperState` before reading occupations from it).
   */
  tapering?: Tapering;
  /** The problem before tapering (set with `tapering`). */
  untapered?: ElectronicProblem;
}

function nonNegativeInt(v: unknown, name: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new ArgumentError(`${name} must be an integer >= 0, got ${describe(v)}`);
  }
  return v;
}

/** The keys of `ProblemOptions`. */
export const PROBLEM_OPTIONS = optionKeys<ProblemOptions>({
  mapping: true,
  activeElectrons: true,
  activeOrbitals: true,
  scf: true,
  scfResult: true,
  taper: true,
});

/**
 * The `ProblemOptions` part of a larger options object (an ansatz's, a solver's), for the
 * `electronicProblem` call it makes.
 * @example
 * electronicProblem(molecule, problemOptionsOf(solverOptions));
 */
export function problemOptionsOf(options: ProblemOptions): ProblemOptions {
  const out: Record<string, unknown> = {};
  for (const k of PROBLEM_OPTIONS) {
    const v = (options as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as ProblemOptions;
}

/**
 * The electronic problem an ansatz works on: `source` itself when it is one, else the problem
 * of the molecule built from the `ProblemOptions` part of `options`; `where` names the caller
 * in the error for anything else.
 * @example
 * const problem = problemFromSource(Molecule.fromName("h2"), {}, "UCCSD");
 */
export function problemFromSource(
  source: Molecule | ElectronicProblem,
  options: ProblemOptions,
  where: string,
): ElectronicProblem {
  if (source instanceof Molecule) return electronicProblem(source, problemOptionsOf(options));
  if (source === null || typeof source !== "object" || !("integrals" in source))
    throw new ArgumentError(
      `${where}: source must be a Molecule or an electronic problem, got ${describe(source)}`,
    );
  return source;
}

/**
 * SCF, MO transform and active space of a molecule: what FCI needs.
 * @example
 * const p = activeSpaceProblem(Molecule.fromName("lih"), { activeElectrons: 2, activeOrbitals: 3 });
 * fci(p.integrals, p).energy;
 */
export function activeSpaceProblem(
  molecule: Molecule,
  options: Omit<ProblemOptions, "mapping" | "taper"> = {},
): ActiveSpaceProblem {
  checkArity(arguments.length, 2, "activeSpaceProblem");
  checkOptions(
    options,
    PROBLEM_OPTIONS.filter((k) => k !== "mapping" && k !== "taper"),
    "activeSpaceProblem",
  );
  return buildActiveSpace(molecule, options);
}

/** `activeSpaceProblem` without the argument checks (callers pass a superset of its options). */
function buildActiveSpace(
  molecule: Molecule,
  options: Omit<ProblemOptions, "mapping">,
): ActiveSpaceProblem {
  if (!(molecule instanceof Molecule)) {
    throw new ArgumentError(`expected a Molecule, got ${describe(molecule)}`);
  }
  const given = options.scfResult;
  if (
    given !== undefined &&
    (given === null || typeof given !== "object" || !(given.coefficients instanceof Float64Array))
  ) {
    throw new ArgumentError(`scfResult must be a runSCF() result, got ${describe(given)}`);
  }
  const t0 = performance.now();
  const scf = options.scfResult ?? runSCF(molecule, options.scf ?? {});
  if (scf.reference === "uhf") {
    throw new ArgumentError(
      "electronicProblem: UHF orbitals differ between spins; use an RHF or ROHF reference",
    );
  }
  const tScf = performance.now() - t0;
  const t1 = performance.now();
  const mo = transformToMO(scf.integrals.hCore, scf.integrals.eri, scf.coefficients, scf.eNuc);
  const nmo = mo.nOrbitals;
  let nCore = 0;
  if (options.activeElectrons !== undefined) {
    const ne = nonNegativeInt(options.activeElectrons, "activeElectrons");
    const frozen = molecule.nElectrons - ne;
    if (frozen < 0 || frozen % 2 !== 0 || frozen / 2 > molecule.nBeta) {
      throw new ArgumentError(
        `activeElectrons must leave an even number of core electrons (at most ${2 * molecule.nBeta} of ${molecule.nElectrons}), got ${ne}`,
      );
    }
    nCore = frozen / 2;
  }
  let nAct = nmo - nCore;
  if (options.activeOrbitals !== undefined) {
    nAct = nonNegativeInt(options.activeOrbitals, "activeOrbitals");
    if (nAct < 1 || nCore + nAct > nmo) {
      throw new ArgumentError(
        `activeOrbitals must be in [1, ${nmo - nCore}] (${nmo} orbitals, ${nCore} frozen), got ${nAct}`,
      );
    }
  }
  const nAlpha = molecule.nAlpha - nCore;
  const nBeta = molecule.nBeta - nCore;
  if (nAlpha > nAct) {
    throw new ArgumentError(
      `the active space of ${nAct} orbitals cannot hold ${nAlpha} alpha electrons; raise activeOrbitals`,
    );
  }
  const as = activeSpace(mo, { nCore, nActiveOrbitals: nAct });
  return {
    molecule,
    scf,
    integrals: as.integrals,
    activeSpace: as,
    nAlpha,
    nBeta,
    nOrbitals: nAct,
    timings: { scf: tScf, hamiltonian: performance.now() - t1 },
  };
}

/**
 * Builds the qubit Hamiltonian of a molecule and everything around it.
 * @example
 * const p = electronicProblem(Molecule.fromName("lih"), { activeElectrons: 2, activeOrbitals: 3 });
 * p.nQubits; // 6
 */
export function electronicProblem(
  molecule: Molecule,
  options: ProblemOptions = {},
): ElectronicProblem {
  checkArity(arguments.length, 2, "electronicProblem");
  checkOptions(options, PROBLEM_OPTIONS, "electronicProblem");
  const mapping = parseMapping(options.mapping ?? "jordan-wigner");
  const base = buildActiveSpace(molecule, options);
  const { integrals, nAlpha, nBeta, nOrbitals: nAct } = base;
  const t1 = performance.now();
  const nModes = 2 * nAct;
  const map = (op: FermionOperator): QubitOperator =>
    mapping === "parity-reduced"
      ? parityReduced(op, { nAlpha, nBeta, nModes })
      : mapFermionOperator(op, { mapping, order: "interleaved", nModes });
  const fermionHamiltonian = molecularHamiltonian(integrals);
  const qubitOperator = map(fermionHamiltonian).simplified(1e-12);
  const encoding = qubitOperator.encoding!;
  const hamiltonian = new Hamiltonian(qubitOperator.toList(), { nQubits: qubitOperator.nQubits });
  const tHam = performance.now() - t1;
  const problem: ElectronicProblem = {
    ...base,
    mapping,
    encoding,
    nQubits: qubitOperator.nQubits,
    fermionHamiltonian,
    qubitOperator,
    hamiltonian,
    map,
    hartreeFockBits: hartreeFockBits(encoding, { nAlpha, nBeta }),
    timings: { scf: base.timings.scf, hamiltonian: base.timings.hamiltonian + tHam },
  };
  if (options.taper !== undefined && typeof options.taper !== "boolean") {
    throw new ArgumentError(
      `electronicProblem: taper must be a boolean, got ${describe(options.taper)}`,
    );
  }
  return options.taper === true ? taperProblem(problem) : problem;
}
