/**
 * k-UpCCGSD (Lee, Huggins, Head-Gordon and Whaley, 2019): k layers, each the product of
 * generalized paired doubles (both electrons of spatial orbital p to spatial orbital q, for every
 * pair p < q, occupied or not) and generalized singles (p -> q in each spin), every layer with
 * its own amplitudes. Its parameter count grows as k n^2 (3 n(n-1)/2 per layer for n spatial
 * orbitals), against n_occ^2 n_virt^2 for UCCSD, and a few layers reach near-FCI energies.
 */
import { ArgumentError, describe } from "../../errors.js";
import { Rng } from "../../random.js";
import { Parameter } from "../../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../../validate.js";
import type { Molecule } from "../molecule.js";
import {
  type ElectronicProblem,
  PROBLEM_OPTIONS,
  type ProblemOptions,
  problemFromSource,
} from "../problem.js";
import {
  type ExcitationFlavour,
  excitationRotations,
  RotationProgramAnsatz,
} from "./excitation-rotations.js";
import type { Excitation } from "./excitations.js";
import type { PauliRotationStep } from "./rotation-program.js";
import type { Ansatz } from "./uccsd.js";

/** Options of {@link UpCCGSD}. */
export interface UpCCGSDOptions extends ProblemOptions {
  /** Number of layers k (default 2). */
  k?: number;
  /** Fermionic excitations (default) or qubit excitations (Jordan-Wigner only). */
  flavour?: ExcitationFlavour;
  /** Seed of small random initial amplitudes in [-0.05, 0.05]; without it they start at zero. */
  seed?: number;
}

const UPCCGSD_OPTIONS = mergeKeys(
  PROBLEM_OPTIONS,
  optionKeys<Omit<UpCCGSDOptions, keyof ProblemOptions>>({ k: true, flavour: true, seed: true }),
);

/**
 * One layer's excitations over `nOrbitals` spatial orbitals: paired doubles first, then alpha and
 * beta singles, each for every pair p < q.
 * @example
 * generalizedPairedExcitations(2); // H2: 1 paired double, 2 singles
 */
export function generalizedPairedExcitations(nOrbitals: number): Excitation[] {
  checkArity(arguments.length, 1, "generalizedPairedExcitations");
  if (!Number.isInteger(nOrbitals) || nOrbitals < 1 || nOrbitals > 64)
    throw new ArgumentError(
      `generalizedPairedExcitations: nOrbitals must be an integer in [1, 64], got ${describe(nOrbitals)}`,
    );
  const doubles: Excitation[] = [];
  const singles: Excitation[] = [];
  for (let p = 0; p < nOrbitals; p++) {
    for (let q = p + 1; q < nOrbitals; q++) {
      doubles.push({ kind: "double", from: [2 * p, 2 * p + 1], to: [2 * q, 2 * q + 1] });
      singles.push({ kind: "single", from: [2 * p], to: [2 * q] });
      singles.push({ kind: "single", from: [2 * p + 1], to: [2 * q + 1] });
    }
  }
  return [...doubles, ...singles];
}

/**
 * The k-UpCCGSD ansatz of a molecule (or of a prepared {@link ElectronicProblem}).
 * @example
 * const ansatz = new UpCCGSD(Molecule.fromName("h4"), { k: 2 });
 * const result = vqe(ansatz.problem.molecule, { ansatz });
 */
export class UpCCGSD extends RotationProgramAnsatz implements Ansatz {
  /** Always "k-upccgsd". */
  readonly name = "k-upccgsd";
  /** The molecule's problem: Hamiltonian, mapping, reference. */
  readonly problem: ElectronicProblem;
  /** Number of layers. */
  readonly k: number;
  /** The excitations of one layer (every layer has the same list). */
  readonly layerExcitations: readonly Excitation[];
  /** The Pauli rotations in order of application; `param` indexes the flattened {@link theta}. */
  readonly steps: readonly PauliRotationStep[];
  /** Amplitudes, shape [k, excitations per layer]. */
  readonly theta: Parameter;
  /** Always true: every excitation keeps particle number and Sz. */
  readonly conservesParticles = true;

  constructor(source: Molecule | ElectronicProblem, options: UpCCGSDOptions = {}) {
    super();
    checkArity(arguments.length, 2, "UpCCGSD");
    checkOptions(options, UPCCGSD_OPTIONS, "UpCCGSD");
    const k = options.k ?? 2;
    if (!Number.isInteger(k) || k < 1 || k > 100)
      throw new ArgumentError(`UpCCGSD: k must be an integer in [1, 100], got ${describe(k)}`);
    if (options.seed !== undefined && !Number.isInteger(options.seed))
      throw new ArgumentError(`UpCCGSD: seed must be an integer, got ${describe(options.seed)}`);
    this.problem = problemFromSource(source, options, "UpCCGSD");
    this.k = k;
    const layer = generalizedPairedExcitations(this.problem.nOrbitals);
    this.layerExcitations = layer;
    const flavour = options.flavour ?? "fermionic";
    const steps: PauliRotationStep[] = [];
    for (let l = 0; l < k; l++) {
      layer.forEach((ex, j) => {
        steps.push(...excitationRotations(this.problem, ex, l * layer.length + j, 1, flavour));
      });
    }
    this.steps = steps;
    const values = new Float64Array(k * layer.length);
    if (options.seed !== undefined) {
      const rng = new Rng(options.seed);
      for (let i = 0; i < values.length; i++) values[i] = rng.uniformIn(-0.05, 0.05);
    }
    this.theta = new Parameter(values, [k, layer.length]);
  }

  /** Number of qubits of the problem. */

  /** Number of amplitudes: k times the excitations per layer. */
  get nParameters(): number {
    return this.theta.size;
  }
}
