/**
 * ADAPT-VQE: grow the ansatz one pool operator at a time. Each round screens the pool by energy
 * gradient at the current state (`AdaptAnsatz.poolGradients`), stops when the gradient norm is
 * below `gradientThreshold`, else appends the operator with the largest |gradient| (operators may
 * return) at amplitude zero and re-optimizes every amplitude with `vqe`, starting from the
 * previous ones.
 */
import { ArgumentError, describe } from "../errors.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { AdaptAnsatz, adaptPool, type PoolSpan } from "./ansatz/adapt.js";
import type { ExcitationFlavour } from "./ansatz/excitation-rotations.js";
import { spinConservingExcitations } from "./ansatz/excitations.js";
import { fci } from "./fci.js";
import { vqe } from "./groundstate.js";
import type { Molecule } from "./molecule.js";
import {
  electronicProblem,
  PROBLEM_OPTIONS,
  type ProblemOptions,
  problemOptionsOf,
} from "./problem.js";

/** Options of {@link adaptVQE}. */
export interface AdaptVQEOptions extends ProblemOptions {
  /** Operator pool: fermionic (default) or qubit excitations (Jordan-Wigner only). */
  pool?: ExcitationFlavour;
  /** Generalized excitations (default) or only those out of the Hartree-Fock determinant. */
  poolSpan?: PoolSpan;
  /** Stop when the norm of the pool gradients falls below this (default 1e-3 Ha). */
  gradientThreshold?: number;
  /** Most operators to add (default 100); reaching it leaves `converged` false. */
  maxOperators?: number;
  /** Compute FCI in the active space for the error (default true). */
  fci?: boolean;
  /** Receives one line per round (e.g. write them to stderr). */
  progress?: (line: string) => void;
}

/** One ADAPT round: the screening and the re-optimized energy after adding the operator. */
export interface AdaptRound {
  /** Norm of the pool gradients before the round's operator was added. */
  gradientNorm: number;
  /** The operator added (pool label). */
  operator: string;
  /** Energy after re-optimizing all amplitudes (Hartree). */
  energy: number;
}

/** What {@link adaptVQE} returns. Energies in Hartree. */
export interface AdaptVQEResult {
  /** Final energy. */
  energy: number;
  /** Hartree-Fock energy. */
  hfEnergy: number;
  /** FCI energy in the active space (when computed). */
  fciEnergy?: number;
  /** energy - fciEnergy (when computed). */
  error?: number;
  /** Number of qubits. */
  nQubits: number;
  /** Pool flavour. */
  pool: ExcitationFlavour;
  /** Pool size. */
  poolSize: number;
  /** Amplitudes of the final ansatz (one per chosen operator). */
  nParameters: number;
  /** Amplitudes UCCSD has for the same problem (its singles and doubles), for comparison. */
  uccsdParameters: number;
  /** Labels of the chosen operators in order. */
  operators: string[];
  /** The rounds, in order. */
  rounds: AdaptRound[];
  /** Norm of the pool gradients at the final state. */
  finalGradientNorm: number;
  /** Whether the gradient norm fell below the threshold before `maxOperators`. */
  converged: boolean;
  /** The final ansatz (its amplitudes at the optimum). */
  ansatz: AdaptAnsatz;
}

const ADAPT_OPTIONS = mergeKeys(
  PROBLEM_OPTIONS,
  optionKeys<Omit<AdaptVQEOptions, keyof ProblemOptions>>({
    pool: true,
    poolSpan: true,
    gradientThreshold: true,
    maxOperators: true,
    fci: true,
    progress: true,
  }),
);

/**
 * ADAPT-VQE ground state of a molecule.
 * @example
 * const r = adaptVQE(Molecule.fromName("h4"), { gradientThreshold: 1e-4 });
 * r.error; // ~1e-7 Ha, with r.nParameters against r.uccsdParameters
 */
export function adaptVQE(molecule: Molecule, options: AdaptVQEOptions = {}): AdaptVQEResult {
  checkArity(arguments.length, 2, "adaptVQE");
  checkOptions(options, ADAPT_OPTIONS, "adaptVQE");
  const threshold = options.gradientThreshold ?? 1e-3;
  if (typeof threshold !== "number" || !(threshold > 0) || !Number.isFinite(threshold))
    throw new ArgumentError(
      `adaptVQE: gradientThreshold must be a positive number, got ${describe(threshold)}`,
    );
  const maxOperators = options.maxOperators ?? 100;
  if (!Number.isInteger(maxOperators) || maxOperators < 1)
    throw new ArgumentError(
      `adaptVQE: maxOperators must be a positive integer, got ${describe(maxOperators)}`,
    );
  if (options.progress !== undefined && typeof options.progress !== "function")
    throw new ArgumentError(
      `adaptVQE: progress must be a function, got ${describe(options.progress)}`,
    );
  const say = options.progress ?? (() => {});
  const flavour = options.pool ?? "fermionic";
  const problem = electronicProblem(molecule, problemOptionsOf(options));
  const pool = adaptPool(problem, flavour, options.poolSpan ?? "generalized");
  let ansatz = new AdaptAnsatz(problem, []);
  const rounds: AdaptRound[] = [];
  let energy = problem.scf.energy;
  let norm = Number.POSITIVE_INFINITY;
  let converged = false;
  for (;;) {
    const g = ansatz.poolGradients(pool);
    let best = 0;
    norm = 0;
    for (let i = 0; i < g.length; i++) {
      norm += g[i]! * g[i]!;
      if (Math.abs(g[i]!) > Math.abs(g[best]!)) best = i;
    }
    norm = Math.sqrt(norm);
    if (norm < threshold) {
      converged = true;
      break;
    }
    if (ansatz.nParameters >= maxOperators) break;
    ansatz = new AdaptAnsatz(problem, [...ansatz.operators, pool[best]!], ansatz.theta.data);
    energy = vqe(molecule, {
      ansatz,
      fci: false,
      tolerance: 1e-12,
      gradientTolerance: 1e-8,
    }).energy;
    rounds.push({ gradientNorm: norm, operator: pool[best]!.label, energy });
    say(
      `ADAPT ${rounds.length}: |grad| ${norm.toExponential(2)}, added ${pool[best]!.label}, E = ${energy.toFixed(10)}`,
    );
  }
  const fciEnergy =
    options.fci === false
      ? undefined
      : fci(problem.integrals, { nAlpha: problem.nAlpha, nBeta: problem.nBeta, tol: 1e-8 }).energy;
  return {
    energy,
    hfEnergy: problem.scf.energy,
    ...(fciEnergy === undefined ? {} : { fciEnergy, error: energy - fciEnergy }),
    nQubits: problem.nQubits,
    pool: flavour,
    poolSize: pool.length,
    nParameters: ansatz.nParameters,
    uccsdParameters: spinConservingExcitations(problem.nOrbitals, problem.nAlpha, problem.nBeta)
      .length,
    operators: ansatz.operators.map((o) => o.label),
    rounds,
    finalGradientNorm: norm,
    converged,
    ansatz,
  };
}
