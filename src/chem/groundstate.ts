/**
 * Ground-state energies of molecules: molecule -> SCF -> active space -> mapping -> ansatz -> VQE
 * in the molecule's particle-number and Sz sector, or the exact answer (FCI) directly.
 *
 * UCCSD stays in the sector by construction (spin-conserving excitations of the Hartree-Fock
 * determinant). The hardware-efficient ansatz does not, so its loss is <H> + μ <(N - N0)^2> +
 * μ <(Sz - Sz0)^2> (μ = `penalty`, default 0.5 Hartree: without it HeH+ drifts to neutral HeH;
 * larger weights add local minima); the energy reported is <H> alone, with <N>.
 */
import { ArgumentError, describe } from "../errors.js";
import type { ShadowEstimate } from "../qinfo/shadow/shadow.js";
import { checkExpecValShadowOptions, type ExpecValShadowOptions } from "../qml/shadow-expecval.js";
import { loopOptionsOf, loopSettings, type VQEIteration } from "../qml/variational-loop.js";
import { VQE } from "../qml/vqe.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import type { State } from "../quantum/state/state.js";
import { noGrad } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { HardwareEfficient, type RotationType } from "./ansatz/hea.js";
import { type Ansatz, UCCSD } from "./ansatz/uccsd.js";
import { fci } from "./fci.js";
import { FermionOperator, numberOperator, szOperator } from "./fermion.js";
import { Molecule } from "./molecule.js";
import {
  activeSpaceProblem,
  type ElectronicProblem,
  electronicProblem,
  PROBLEM_OPTIONS,
  type ProblemOptions,
  parseMapping,
  problemOptionsOf,
} from "./problem.js";
import { correlatedDipole, rdmsFromFCI, rdmsFromState } from "./rdm.js";
import type { Dipole, Reference } from "./scf.js";
import { shadowEnergy as shadowEnergyOf } from "./shadow-energy.js";

export type { VQEIteration } from "../qml/variational-loop.js";

/** Options of {@link vqe} and {@link GroundStateSolver}. */
export interface GroundStateSolverOptions extends ProblemOptions {
  /** "vqe" (default) or "fci" (exact, no circuit). */
  method?: "vqe" | "fci";
  /** "uccsd" (default) or "hea"; or a ready ansatz (its problem is used). */
  ansatz?: "uccsd" | "hea" | Ansatz;
  /** UCCSD initial amplitudes (default "mp2"). */
  initial?: "mp2" | "zero";
  /** HEA: depth (default 3), rotation (default "ry"), entangler (default "cnot"). */
  depth?: number;
  /** HEA rotation layer (default "ry"). */
  rotation?: RotationType;
  /** HEA entangling gate (default "cnot"). */
  entangler?: "cz" | "cnot";
  /** Seed of random initial angles (HEA; default 1). */
  seed?: number;
  /** "lbfgs" (default, strong-Wolfe line search) or "adam". */
  optimizer?: "lbfgs" | "adam";
  /** Learning rate (default 1 for L-BFGS, 0.05 for Adam). */
  lr?: number;
  /** Most optimizer iterations (default 200 for L-BFGS, 1000 for Adam). */
  maxIterations?: number;
  /** Converged when the energy changes by less than this between iterations (default 1e-9 Ha) ... */
  tolerance?: number;
  /** ... or the largest gradient component is below this (default 1e-6). */
  gradientTolerance?: number;
  /** Weight μ of the sector penalty for ansatzes that do not conserve particles (default 0.5). */
  penalty?: number;
  /** Also compute FCI in the active space (default true). */
  fci?: boolean;
  /** Called after every iteration; return true to stop. */
  callback?: (info: VQEIteration) => boolean | undefined;
  /** Receives human-readable progress lines (e.g. write them to stderr). */
  progress?: (line: string) => void;
  /**
   * Also estimate the final VQE state's energy from a classical shadow (`snapshots`, `seed`,
   * `sampling`, ...): the result's `shadowEnergy`, with its confidence interval.
   */
  shadow?: ExpecValShadowOptions;
}

/** What a ground-state calculation returns. Energies in Hartree, times in ms. */
export interface GroundStateSolverResult {
  /** The molecule's name. */
  molecule: string;
  /** Basis-set name. */
  basis: string;
  /** The method that produced `energy`. */
  method: "vqe" | "fci";
  /** Fermion-to-qubit mapping name. */
  mapping: string;
  /** Ansatz name (VQE only). */
  ansatz?: string;
  /** Optimizer name (VQE only). */
  optimizer?: string;
  /** Number of qubits of the mapped Hamiltonian. */
  nQubits: number;
  /** With `taper: true`: the qubits before tapering (`nQubits` is after). */
  taperedFrom?: number;
  /** Number of variational parameters (0 for FCI). */
  nParameters: number;
  /** Active space: electrons, spatial orbitals, frozen core orbitals. */
  activeElectrons: number;
  /** Active spatial orbitals. */
  activeOrbitals: number;
  /** Frozen core orbitals. */
  frozenCore: number;
  /** Pauli terms of the qubit Hamiltonian (absent for method "fci", which never maps to qubits). */
  hamiltonianTerms?: number;
  /** Which Hartree-Fock determinant the orbitals come from: "rhf" or "rohf". */
  reference: Reference;
  /** Nuclear repulsion energy (Hartree), included in every energy here. */
  nuclearRepulsion: number;
  /** Spatial molecular orbitals of the whole basis; fewer active ones make FCI a CASCI. */
  nMolecularOrbitals: number;
  /** Hartree-Fock energy. */
  hfEnergy: number;
  /** VQE energy (method "vqe"). */
  vqeEnergy?: number;
  /**
   * FCI energy in the active space (when computed): a CASCI(activeElectrons, activeOrbitals)
   * energy when orbitals are frozen (`frozenCore` > 0 or `activeOrbitals` < `nMolecularOrbitals`).
   */
  fciEnergy?: number;
  /** The method's energy: VQE or FCI. */
  energy: number;
  /** vqeEnergy - fciEnergy when both exist. */
  error?: number;
  /** <N> of the final VQE state (the active electron count when it stays in the sector). */
  particleNumber?: number;
  /**
   * Dipole moment of the method's state (VQE or FCI) from its 1-RDM, frozen core included, about
   * the coordinate origin (for ions it depends on the origin: see its `note`).
   */
  dipole?: Dipole;
  /** <S^2> of the method's state. */
  spinSquared?: number;
  /** The FCI state's dipole, when FCI ran beside VQE. */
  fciDipole?: Dipole;
  /** The FCI state's <S^2>, when FCI ran beside VQE. */
  fciSpinSquared?: number;
  /** The `shadow` option's estimate of the final VQE state's energy (with nuclear repulsion). */
  shadowEnergy?: ShadowEstimate;
  /** Final variational parameters, flattened. */
  parameters: number[];
  /** Energy per iteration (the loss: penalized for HEA). */
  history: number[];
  /** Optimizer iterations run. */
  iterations: number;
  /** Energy-and-gradient evaluations (L-BFGS line searches need several per iteration). */
  evaluations: number;
  /** Whether a tolerance was met before `maxIterations` (always true for FCI). */
  converged: boolean;
  /** Milliseconds per stage: SCF, Hamiltonian build, VQE, FCI and total. */
  timings: {
    /** Hartree-Fock. */
    scf: number;
    /** Integral transform and qubit mapping. */
    hamiltonian: number;
    /** VQE optimization (0 for FCI). */
    vqe: number;
    /** FCI reference (0 when skipped). */
    fci: number;
    /** Whole calculation. */
    total: number;
  };
}

/** (O - c)^2 for a fermion operator O, mapped like the problem's Hamiltonian. */
function squaredDeviation(
  problem: ElectronicProblem,
  op: FermionOperator,
  c: number,
): [number, string][] {
  const d = op.sub(FermionOperator.identity(c));
  return problem.map(d.multiply(d).normalOrdered()).toList(1e-12);
}

const SOLVER_OPTIONS = mergeKeys(
  PROBLEM_OPTIONS,
  optionKeys<Omit<GroundStateSolverOptions, keyof ProblemOptions>>({
    method: true,
    ansatz: true,
    initial: true,
    depth: true,
    rotation: true,
    entangler: true,
    seed: true,
    optimizer: true,
    lr: true,
    maxIterations: true,
    tolerance: true,
    gradientTolerance: true,
    penalty: true,
    fci: true,
    callback: true,
    progress: true,
    shadow: true,
  }),
);

function withoutMapping(options: ProblemOptions): Omit<ProblemOptions, "mapping" | "taper"> {
  const { mapping: _mapping, taper: _taper, ...rest } = options;
  return rest;
}

/**
 * The ansatz `vqe` builds for a problem from the solver options (UCCSD by default, or hea).
 * @example const a = makeAnsatz(electronicProblem(Molecule.fromName("h2")), {}); // UCCSD
 */
export function makeAnsatz(problem: ElectronicProblem, options: GroundStateSolverOptions): Ansatz {
  const a = options.ansatz ?? "uccsd";
  if (typeof a === "object") return a;
  if (a === "uccsd") return new UCCSD(problem, { initial: options.initial ?? "mp2" });
  if (a === "hea") {
    return new HardwareEfficient(problem, {
      ...(options.depth === undefined ? {} : { depth: options.depth }),
      ...(options.rotation === undefined ? {} : { rotation: options.rotation }),
      ...(options.entangler === undefined ? {} : { entangler: options.entangler }),
      seed: options.seed ?? 1,
    });
  }
  throw new ArgumentError(`ansatz must be "uccsd" or "hea", got ${describe(a)}`);
}

function fmt(e: number): string {
  return e.toFixed(10);
}

/**
 * Ground-state energy of a molecule by VQE (default) or FCI, in its active space and sector.
 * @example
 * const r = vqe(Molecule.fromName("h2"));                  // UCCSD, Jordan-Wigner, L-BFGS
 * r.vqeEnergy; // -1.1373060358, r.error ~ 1e-12
 * const lih = vqe(Molecule.fromName("lih"), { activeElectrons: 2, activeOrbitals: 3, ansatz: "hea" });
 */
export function vqe(
  molecule: Molecule,
  options: GroundStateSolverOptions = {},
): GroundStateSolverResult {
  checkArity(arguments.length, 2, "vqe");
  checkOptions(options, SOLVER_OPTIONS, "vqe");
  if (options.shadow !== undefined) checkExpecValShadowOptions(options.shadow, "vqe: shadow");
  const tStart = performance.now();
  const method = options.method ?? "vqe";
  if (method !== "vqe" && method !== "fci") {
    throw new ArgumentError(`method must be "vqe" or "fci", got ${describe(method)}`);
  }
  const { optimizer } = loopSettings(options, "vqe");
  const penalty = options.penalty ?? 0.5;
  if (!(penalty >= 0) || !Number.isFinite(penalty)) {
    throw new ArgumentError(`penalty must be a number >= 0, got ${describe(penalty)}`);
  }
  const say = options.progress ?? (() => {});
  const given = typeof options.ansatz === "object" ? options.ansatz : undefined;
  // FCI alone needs no qubit Hamiltonian (for N2 its mapping takes longer than the FCI)
  const mapping = parseMapping(options.mapping ?? "jordan-wigner");
  const fermionic =
    given?.problem ??
    (method === "fci"
      ? activeSpaceProblem(molecule, withoutMapping(problemOptionsOf(options)))
      : electronicProblem(molecule, problemOptionsOf(options)));
  const qubitSide = "qubitOperator" in fermionic ? (fermionic as ElectronicProblem) : undefined;
  const nQubits =
    qubitSide?.nQubits ?? 2 * fermionic.nOrbitals - (mapping === "parity-reduced" ? 2 : 0);
  say(
    `${molecule.name} (${molecule.basis}): HF ${fmt(fermionic.scf.energy)} Ha; ${nQubits} qubits${
      qubitSide ? `, ${qubitSide.qubitOperator.nTerms} Pauli terms (${qubitSide.mapping})` : ""
    }`,
  );

  const activeElectrons = fermionic.nAlpha + fermionic.nBeta;
  // FCI in a reduced orbital space is a CASCI: say so in the progress lines
  const fullSpace = fermionic.activeSpace.nCore === 0 && fermionic.nOrbitals === fermionic.scf.nmo;
  const fciName = fullSpace ? "FCI" : `CASCI(${activeElectrons}, ${fermionic.nOrbitals})`;
  let fciEnergy: number | undefined;
  let fciProps: { dipole: Dipole; spinSquared: number } | undefined;
  let tFci = 0;
  if (options.fci !== false || method === "fci") {
    const t = performance.now();
    const exact = fci(fermionic.integrals, {
      nAlpha: fermionic.nAlpha,
      nBeta: fermionic.nBeta,
      tol: 1e-8,
    });
    fciEnergy = exact.energy;
    tFci = performance.now() - t;
    const rdms = rdmsFromFCI(exact, fermionic.nOrbitals, { twoBody: false });
    fciProps = { dipole: correlatedDipole(fermionic, rdms), spinSquared: rdms.s2 };
    say(`${fciName} ${fmt(fciEnergy)} Ha (${tFci.toFixed(0)} ms)`);
  }
  const base = {
    molecule: molecule.name,
    basis: molecule.basis,
    mapping: qubitSide?.mapping ?? mapping,
    nQubits,
    ...(qubitSide?.tapering === undefined ? {} : { taperedFrom: qubitSide.tapering.nQubits }),
    activeElectrons,
    activeOrbitals: fermionic.nOrbitals,
    frozenCore: fermionic.activeSpace.nCore,
    ...(qubitSide ? { hamiltonianTerms: qubitSide.qubitOperator.nTerms } : {}),
    reference: fermionic.scf.reference,
    nuclearRepulsion: fermionic.scf.eNuc,
    nMolecularOrbitals: fermionic.scf.nmo,
    hfEnergy: fermionic.scf.energy,
  };
  if (method === "fci" || qubitSide === undefined) {
    return {
      ...base,
      method: "fci",
      nParameters: 0,
      fciEnergy: fciEnergy!,
      energy: fciEnergy!,
      ...fciProps!,
      parameters: [],
      history: [],
      iterations: 0,
      evaluations: 0,
      converged: true,
      timings: {
        ...fermionic.timings,
        vqe: 0,
        fci: tFci,
        total: performance.now() - tStart,
      },
    };
  }
  const problem = qubitSide;

  const ansatz = given ?? makeAnsatz(problem, options);
  const H = problem.hamiltonian;
  let loss = H;
  const nOp = numberOperator(problem.nOrbitals);
  if (!ansatz.conservesParticles && penalty > 0) {
    const pen = [
      ...squaredDeviation(problem, nOp, problem.nAlpha + problem.nBeta),
      ...squaredDeviation(
        problem,
        szOperator(problem.nOrbitals),
        (problem.nAlpha - problem.nBeta) / 2,
      ),
    ].map(([c, l]) => [penalty * c, l] as [number, string]);
    loss = new Hamiltonian([...H.toList(), ...pen], { nQubits: problem.nQubits });
  }
  const params = ansatz.parameters();
  const nParameters = params.reduce((s, p) => s + p.size, 0);
  say(`VQE: ${ansatz.name}, ${nParameters} parameters, ${optimizer}`);

  const { history, iterations, evaluations, converged, elapsedMs } = new VQE(
    loss,
    ansatz,
    loopOptionsOf(options),
  ).run();
  const t0 = performance.now() - elapsedMs;
  // final energy <H> and <N> at the final parameters
  const { energy, nExp, psi, shadowEnergy } = noGrad(() => {
    const psi: State = ansatz.forward();
    return {
      energy: H.expectation(psi),
      nExp: problem.map(nOp).toHamiltonian().expectation(psi),
      psi,
      shadowEnergy:
        options.shadow === undefined ? undefined : shadowEnergyOf(problem, psi, options.shadow),
    };
  });
  const tVqe = performance.now() - t0;
  // properties of the final state, read in the full (untapered) space
  const full = problem.tapering === undefined ? psi : problem.tapering.untaperState(psi);
  const rdms = rdmsFromState(full, problem, { twoBody: false });
  say(
    `VQE ${fmt(energy)} Ha after ${iterations} iterations (${tVqe.toFixed(0)} ms)${
      fciEnergy === undefined
        ? ""
        : `, error vs ${fciName} ${(energy - fciEnergy).toExponential(2)}`
    }`,
  );
  const parameters: number[] = [];
  for (const p of params) parameters.push(...p.data);
  return {
    ...base,
    method,
    ansatz: ansatz.name,
    optimizer,
    nParameters,
    vqeEnergy: energy,
    ...(fciEnergy === undefined ? {} : { fciEnergy, error: energy - fciEnergy }),
    energy,
    particleNumber: nExp,
    dipole: correlatedDipole(problem, rdms),
    spinSquared: rdms.s2,
    ...(fciProps === undefined
      ? {}
      : { fciDipole: fciProps.dipole, fciSpinSquared: fciProps.spinSquared }),
    ...(shadowEnergy === undefined ? {} : { shadowEnergy }),
    parameters,
    history,
    iterations,
    evaluations,
    converged,
    timings: { ...problem.timings, vqe: tVqe, fci: tFci, total: performance.now() - tStart },
  };
}

/**
 * Ground states with fixed options, Paddle Quantum style.
 * @example
 * const mol = Molecule.fromGeometry("Li 0 0 0; H 0 0 1.5949");
 * const result = await new GroundStateSolver({ optimizer: "lbfgs" }).solve(new UCCSD(mol), mol);
 */
export class GroundStateSolver {
  /** @param options - Defaults for every `solve` call. */
  constructor(readonly options: GroundStateSolverOptions = {}) {
    checkArity(arguments.length, 1, "GroundStateSolver");
    checkOptions(options, SOLVER_OPTIONS, "GroundStateSolver");
  }

  /**
   * Solves for a molecule, or for a ready ansatz (then `molecule` may be omitted).
   * @example await solver.solve(Molecule.fromName("h2"));
   */
  async solve(target: Molecule | Ansatz, molecule?: Molecule): Promise<GroundStateSolverResult> {
    checkArity(arguments.length, 2, "GroundStateSolver.solve");
    if (target instanceof Molecule) return vqe(target, this.options);
    if (target === null || typeof target !== "object" || !("problem" in target)) {
      throw new ArgumentError(
        `GroundStateSolver.solve: expected a Molecule or an ansatz, got ${describe(target)}`,
      );
    }
    return vqe(molecule ?? target.problem.molecule, { ...this.options, ansatz: target });
  }
}
