/**
 * The ADAPT-VQE ansatz (Grimsley, Economou, Barnes and Mayhall, 2019): a sequence of excitations
 * picked one at a time from an operator pool, each with its own amplitude, applied to the
 * Hartree-Fock state. The selection loop lives in `chem/adapt-vqe.ts`; here are the pool, the
 * growing ansatz and the screening of the pool by energy gradients.
 *
 * Screening costs one forward and one backward pass for the whole pool: appending every pool
 * operator at amplitude zero after the current ansatz leaves the state unchanged, and the adjoint
 * sweep back through identities hands each appended operator exactly the gradient it would have
 * alone at the end, dE/dθ = <ψ|[H, A]|ψ>.
 */
import { ArgumentError, describe } from "../../errors.js";
import { expecVal } from "../../qml/expecval.js";
import type { Circuit } from "../../quantum/circuit/circuit.js";
import type { State } from "../../quantum/state/state.js";
import { Parameter } from "../../tensor/index.js";
import { checkArity } from "../../validate.js";
import type { ElectronicProblem } from "../problem.js";
import {
  type ExcitationFlavour,
  excitationRotations,
  rotationCircuit,
} from "./excitation-rotations.js";
import { type Excitation, spinConservingExcitations } from "./excitations.js";
import { type PauliRotationStep, runRotationProgram } from "./rotation-program.js";
import type { Ansatz } from "./uccsd.js";

/** One pool operator: an excitation and its rotations (parameter 0, scale 1). */
export interface PoolOperator {
  /** The excitation. */
  readonly excitation: Excitation;
  /** Short label, e.g. "0,1->4,5". */
  readonly label: string;
  /** Its rotations under the problem's mapping, reading parameter 0. */
  readonly steps: readonly PauliRotationStep[];
}

function checkProblem(problem: unknown, where: string): asserts problem is ElectronicProblem {
  if (
    problem === null ||
    typeof problem !== "object" ||
    typeof (problem as ElectronicProblem).map !== "function"
  )
    throw new ArgumentError(
      `${where}: expected an ElectronicProblem (electronicProblem(molecule)), got ${describe(problem)}`,
    );
}

/** Which excitations a pool holds: out of the Hartree-Fock determinant, or between any orbitals. */
export type PoolSpan = "generalized" | "hf";

/**
 * Every spin-conserving single p -> q and double (p, q) -> (r, s) between any spin orbitals
 * (interleaved, 2p alpha), each unordered pair of index sets once.
 * @example
 * generalizedExcitations(2).length; // H2: 2 singles, 1 double
 */
export function generalizedExcitations(nOrbitals: number): Excitation[] {
  checkArity(arguments.length, 1, "generalizedExcitations");
  if (!Number.isInteger(nOrbitals) || nOrbitals < 1 || nOrbitals > 64)
    throw new ArgumentError(
      `generalizedExcitations: nOrbitals must be an integer in [1, 64], got ${describe(nOrbitals)}`,
    );
  const n = 2 * nOrbitals;
  const out: Excitation[] = [];
  for (let p = 0; p < n; p++)
    for (let q = p + 1; q < n; q++)
      if (p % 2 === q % 2) out.push({ kind: "single", from: [p], to: [q] });
  const pairs: [number, number][] = [];
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) pairs.push([p, q]);
  for (let x = 0; x < pairs.length; x++) {
    for (let y = x + 1; y < pairs.length; y++) {
      const [i, j] = pairs[x]!;
      const [a, b] = pairs[y]!;
      if (i === a || i === b || j === a || j === b) continue;
      if ((i % 2) + (j % 2) !== (a % 2) + (b % 2)) continue;
      out.push({ kind: "double", from: [i, j], to: [a, b] });
    }
  }
  return out;
}

/**
 * The ADAPT pool as fermionic or qubit excitations: by default generalized (every
 * spin-conserving single and double between any spin orbitals, what reaches FCI); with span
 * "hf" only those out of the Hartree-Fock determinant (UCCSD's list).
 * @example
 * const pool = adaptPool(electronicProblem(Molecule.fromName("h2")), "qubit", "hf"); // 3 operators
 */
export function adaptPool(
  problem: ElectronicProblem,
  flavour: ExcitationFlavour = "fermionic",
  span: PoolSpan = "generalized",
): PoolOperator[] {
  checkArity(arguments.length, 3, "adaptPool");
  checkProblem(problem, "adaptPool");
  if (span !== "generalized" && span !== "hf")
    throw new ArgumentError(`adaptPool: span must be "generalized" or "hf", got ${describe(span)}`);
  const excitations =
    span === "hf"
      ? spinConservingExcitations(problem.nOrbitals, problem.nAlpha, problem.nBeta)
      : generalizedExcitations(problem.nOrbitals);
  return excitations.map((excitation) => ({
    excitation,
    label: `${excitation.from.join(",")}->${excitation.to.join(",")}`,
    steps: excitationRotations(problem, excitation, 0, 1, flavour),
  }));
}

/**
 * The ADAPT ansatz: the chosen pool operators in order (an operator may appear more than once),
 * one amplitude each.
 * @example
 * const pool = adaptPool(problem);
 * const ansatz = new AdaptAnsatz(problem, [pool[3]!, pool[0]!], [0.1, -0.02]);
 */
export class AdaptAnsatz implements Ansatz {
  /** Always "adapt". */
  readonly name = "adapt";
  /** The molecule's problem: Hamiltonian, mapping, reference. */
  readonly problem: ElectronicProblem;
  /** The chosen operators, first applied first. */
  readonly operators: readonly PoolOperator[];
  /** The Pauli rotations in order of application; `param` indexes {@link theta}. */
  readonly steps: readonly PauliRotationStep[];
  /** One amplitude per chosen operator. */
  readonly theta: Parameter;
  /** Always true: every excitation keeps particle number and Sz. */
  readonly conservesParticles = true;

  constructor(
    problem: ElectronicProblem,
    operators: readonly PoolOperator[],
    values: ArrayLike<number> = [],
  ) {
    checkArity(arguments.length, 3, "AdaptAnsatz");
    checkProblem(problem, "AdaptAnsatz");
    if (!Array.isArray(operators) || operators.some((o) => !Array.isArray(o?.steps)))
      throw new ArgumentError(
        `AdaptAnsatz: operators must be pool operators (adaptPool(problem)), got ${describe(operators)}`,
      );
    if (values === null || typeof values !== "object" || values.length > operators.length)
      throw new ArgumentError(
        `AdaptAnsatz: values must be at most ${operators.length} numbers (the rest start at 0), got ${describe(values)}`,
      );
    this.problem = problem;
    this.operators = Object.freeze([...operators]);
    this.steps = operators.flatMap((op, k) =>
      op.steps.map((s: PauliRotationStep) => ({ ...s, param: k })),
    );
    const theta = new Float64Array(operators.length);
    for (let i = 0; i < values.length; i++) theta[i] = values[i]!;
    this.theta = new Parameter(theta, [operators.length]);
  }

  /** Number of qubits of the problem. */
  get nQubits(): number {
    return this.problem.nQubits;
  }

  /** Number of amplitudes (chosen operators). */
  get nParameters(): number {
    return this.operators.length;
  }

  /** The trainable amplitudes. @example new Adam(ansatz.parameters(), { lr: 0.05 }); */
  parameters(): Parameter[] {
    return [this.theta];
  }

  /**
   * The ADAPT state on the backend's Pauli kernels, with an adjoint backward into {@link theta}.
   * @example const e = expecVal(ansatz.forward(), ansatz.problem.hamiltonian);
   */
  forward(): State {
    return runRotationProgram(this.nQubits, this.problem.hartreeFockBits, this.steps, this.theta);
  }

  /**
   * dE/dθ of each pool operator appended at amplitude zero after the current ansatz (one
   * forward and one backward pass for the whole pool).
   * @example
   * const g = ansatz.poolGradients(pool); // pick the largest |g[i]|
   */
  poolGradients(pool: readonly PoolOperator[]): Float64Array {
    checkArity(arguments.length, 1, "AdaptAnsatz.poolGradients");
    if (!Array.isArray(pool) || pool.some((o) => !Array.isArray(o?.steps)))
      throw new ArgumentError(
        `AdaptAnsatz.poolGradients: pool must be pool operators (adaptPool(problem)), got ${describe(pool)}`,
      );
    const n = this.operators.length;
    const steps = [
      ...this.steps,
      ...pool.flatMap((op, k) => op.steps.map((s: PauliRotationStep) => ({ ...s, param: n + k }))),
    ];
    const values = new Float64Array(n + pool.length);
    values.set(this.theta.data);
    const theta = new Parameter(values, [values.length]);
    const psi = runRotationProgram(this.nQubits, this.problem.hartreeFockBits, steps, theta);
    expecVal(psi, this.problem.hamiltonian).backward();
    return Float64Array.from(theta.grad!.data.subarray(n));
  }

  /**
   * The same ansatz as a `Circuit` of Pauli-rotation gates sharing {@link theta}.
   * @example console.log(ansatz.circuit().toString());
   */
  circuit(): Circuit {
    return rotationCircuit(this.problem, this.steps, this.theta);
  }
}
