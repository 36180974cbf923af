/**
 * Unitary coupled cluster with singles and doubles, Trotterized (once by default, `steps` times
 * with amplitudes θ/steps on request): |ψ(θ)> = [Π_k exp(θ_k/steps (T_k - T_k†))]^steps |HF>, the excitations spin-conserving. Each generator is
 * mapped to qubits (A = i Σ c P, real c, commuting strings) and becomes the rotations
 * exp(-i (-2 c θ) P / 2), all sharing the excitation's one parameter θ_k. Doubles act first on
 * the reference, then singles. Initial amplitudes: zero (the HF energy) or MP2. On a tapered
 * problem (`taper: true`) the generators are tapered too, and excitations that break one of the
 * tapered symmetries (they leave the reference's symmetry sector) are left out.
 */

import { ArgumentError, describe } from "../../errors.js";
import type { State } from "../../quantum/state/state.js";
import { Parameter } from "../../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../../validate.js";
import type { Molecule } from "../molecule.js";
import {
  type ElectronicProblem,
  PROBLEM_OPTIONS,
  type ProblemOptions,
  problemFromSource,
} from "../problem.js";
import { excitationRotations, RotationProgramAnsatz } from "./excitation-rotations.js";
import {
  type Excitation,
  excitationGenerator,
  mp2Amplitudes,
  spinConservingExcitations,
} from "./excitations.js";
import type { PauliRotationStep } from "./rotation-program.js";

/** What every chemistry ansatz offers the ground-state solver. */
export interface Ansatz {
  /** Short name for reports ("uccsd", "hea"). */
  readonly name: string;
  /** The problem: Hamiltonian, mapping and reference. */
  readonly problem: ElectronicProblem;
  /** Number of qubits. */
  readonly nQubits: number;
  /** Whether every state it makes stays in the particle-number and Sz sector of the reference. */
  readonly conservesParticles: boolean;
  /** The trainable parameters. */
  parameters(): Parameter[];
  /** The ansatz state at the current parameters (differentiable). */
  forward(): State;
}

/** Options of {@link UCCSD}. */
export interface UCCSDOptions extends ProblemOptions {
  /** Initial amplitudes: "mp2" (default) or "zero" (the Hartree-Fock state). */
  initial?: "mp2" | "zero";
  /** Include singles / doubles (default both). */
  singles?: boolean;
  /** Include double excitations (default true). */
  doubles?: boolean;
  /**
   * Trotter steps (default 1): the whole product of excitations is applied `steps` times with
   * amplitudes θ/steps, approaching exp(Σ θ_k (T_k - T_k†)) as steps grow; same parameters.
   */
  steps?: number;
}

const UCCSD_OPTIONS = mergeKeys(
  PROBLEM_OPTIONS,
  optionKeys<Omit<UCCSDOptions, keyof ProblemOptions>>({
    initial: true,
    singles: true,
    doubles: true,
    steps: true,
  }),
);

/**
 * The UCCSD ansatz of a molecule (or of a prepared {@link ElectronicProblem}).
 * @example
 * const ansatz = new UCCSD(Molecule.fromName("h2"));
 * const energy = expecVal(ansatz.forward(), ansatz.problem.hamiltonian);
 */
export class UCCSD extends RotationProgramAnsatz implements Ansatz {
  /** Always "uccsd". */
  readonly name = "uccsd";
  /** The molecule's problem: Hamiltonian, mapping, reference. */
  readonly problem: ElectronicProblem;
  /** Doubles then singles, in the order of `theta`. */
  readonly excitations: readonly Excitation[];
  /** The Pauli rotations in order of application; `param` indexes {@link theta}. */
  readonly steps: readonly PauliRotationStep[];
  /** One amplitude per excitation. */
  readonly theta: Parameter;
  /** MP2 correlation energy of the reference (Hartree). */
  readonly mp2Energy: number;
  /** Always true: every excitation keeps particle number and Sz. */
  readonly conservesParticles = true;
  /** Trotter steps: how often the product of excitations is repeated (amplitudes θ / steps). */
  readonly trotterSteps: number;

  constructor(source: Molecule | ElectronicProblem, options: UCCSDOptions = {}) {
    super();
    checkArity(arguments.length, 2, "UCCSD");
    checkOptions(options, UCCSD_OPTIONS, "UCCSD");
    this.problem = problemFromSource(source, options, "UCCSD");
    const initial = options.initial ?? "mp2";
    if (initial !== "mp2" && initial !== "zero") {
      throw new ArgumentError(`UCCSD: initial must be "mp2" or "zero", got ${describe(initial)}`);
    }
    const p = this.problem;
    const spinConserving = spinConservingExcitations(p.nOrbitals, p.nAlpha, p.nBeta, {
      singles: options.singles ?? true,
      doubles: options.doubles ?? true,
    });
    // a tapered problem keeps the symmetry sector: excitations that leave it are left out
    const { tapering, untapered } = p;
    const all =
      tapering === undefined || untapered === undefined
        ? spinConserving
        : spinConserving.filter((ex) =>
            tapering.isSymmetric(untapered.map(excitationGenerator(ex))),
          );
    // doubles next to the reference, singles after
    const excitations = [
      ...all.filter((e) => e.kind === "double"),
      ...all.filter((e) => e.kind === "single"),
    ];
    const trotter = options.steps ?? 1;
    if (!Number.isInteger(trotter) || trotter < 1 || trotter > 1000)
      throw new ArgumentError(
        `UCCSD: steps must be an integer in [1, 1000], got ${describe(options.steps)}`,
      );
    this.trotterSteps = trotter;
    const once = excitations.flatMap((ex, k) => excitationRotations(p, ex, k, 1 / trotter));
    const steps: PauliRotationStep[] = [];
    for (let r = 0; r < trotter; r++) steps.push(...once);
    this.excitations = excitations;
    this.steps = steps;
    const mp2 = mp2Amplitudes(p.integrals, excitations, p.nAlpha, p.nBeta);
    this.mp2Energy = mp2.energy;
    const values = initial === "mp2" ? mp2.amplitudes : new Float64Array(excitations.length);
    this.theta = new Parameter(values, [excitations.length]);
  }

  /** Number of qubits of the problem. */

  /** Number of amplitudes (excitations). */
  get nParameters(): number {
    return this.excitations.length;
  }
}
