/**
 * The variational quantum linear solver (Bravo-Prieto et al. 2019): a circuit prepares
 * |x> = V(θ)|0> and minimizes the global cost C = 1 - |<b|A|x>|^2 / <x|A^† A|x>, which is zero
 * exactly when A|x> is parallel to |b>. Simulated here with A as a dense matrix (the Hadamard
 * tests of hardware estimate the same two numbers); the solution's scale follows from least
 * squares: x = c |x> with c = <A x|b> / <A x|A x>.
 */
import { ArgumentError, describe } from "../errors.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { flatParameters } from "../qml/vqe.js";
import { matvec } from "../quantum/linalg.js";
import { State } from "../quantum/state/state.js";
import { fromData, noGrad, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { checkSizedAnsatz, type SizedAnsatz } from "./basis-inputs.js";
import { type OperatorLike, operatorMatrix, transposedTensor } from "./dense-operator.js";

/** Options of {@link VQLS}: the optimizer and stopping rules. */
export type VQLSOptions = VariationalLoopOptions;

/** What {@link VQLS.run} returns. */
export interface VQLSResult extends VariationalLoopResult {
  /** The final cost 1 - |<b|A|x>|^2 / <x|A^† A|x>. */
  cost: number;
  /** The normalized state |x>, interleaved complex amplitudes. */
  state: Float64Array;
  /** The solution x of A x = b (|x> scaled by least squares), interleaved complex. */
  solution: Float64Array;
  /** The final parameters, flattened. */
  parameters: number[];
}

/**
 * VQLS: solves A x = b for x through a circuit that prepares x / |x|.
 * @example
 * const c = new Circuit(2, { seed: 1 });
 * c.universalTwoQubits([0, 1]);
 * const { solution } = new VQLS("1 + 0.2 X0 + 0.3 Z1", State.basis(2, 0), c).run();
 */
export class VQLS {
  private readonly transposeA: Tensor;
  private readonly conjB: Tensor;
  private readonly matrix: Float64Array;

  /**
   * @param a - The matrix A: interleaved complex (2^n x 2^n) or a Hamiltonian (Pauli sum).
   * @param b - The right-hand side |b> (normalized), a batch-1 State on the ansatz's qubits.
   * @param ansatz - The circuit V with |x> = V|0>, trained in place.
   * @param options - The optimizer and stopping rules.
   */
  constructor(
    a: OperatorLike,
    readonly b: State,
    readonly ansatz: SizedAnsatz,
    readonly options: VQLSOptions = {},
  ) {
    checkArity(arguments.length, 4, "VQLS");
    checkSizedAnsatz(ansatz, "VQLS");
    if (!(b instanceof State) || b.batch !== 1 || b.nQubits !== ansatz.nQubits) {
      throw new ArgumentError(
        `VQLS: b must be a batch-1 State on the ansatz's ${ansatz.nQubits} qubits, got ${describe(b)}`,
      );
    }
    checkOptions(options, VARIATIONAL_LOOP_OPTIONS, "VQLS");
    loopSettings(options, "VQLS");
    this.matrix = operatorMatrix(a, ansatz.nQubits, "a", "VQLS");
    this.transposeA = transposedTensor(this.matrix);
    const bAmps = b.toArray();
    for (let i = 1; i < bAmps.length; i += 2) bAmps[i] = -bAmps[i]!;
    this.conjB = fromData(bAmps, [1, bAmps.length / 2], "complex128");
  }

  /** The cost at the current parameters, differentiable. */
  cost(): Tensor {
    checkArity(arguments.length, 0, "VQLS.cost");
    const psi = this.ansatz.forward();
    if (!(psi instanceof State)) {
      throw new ArgumentError(`VQLS: the ansatz must return a State, got ${describe(psi)}`);
    }
    const ax = psi.toTensor().matmul(this.transposeA); // (A x)^T, [1, d]
    const overlap = ax.mul(this.conjB).sum().abs().square();
    const norm = ax.abs().square().sum();
    return overlap.div(norm).neg().add(1);
  }

  /**
   * Trains V; returns the cost, |x> and the scaled solution.
   * @example
   * const { solution, cost } = vqls.run();
   */
  run(): VQLSResult {
    checkArity(arguments.length, 0, "VQLS.run");
    const params = this.ansatz.parameters();
    const loop = minimizeVariational(params, () => this.cost(), this.options, "VQLS");
    const cost = noGrad(() => this.cost().item());
    const state = (noGrad(() => this.ansatz.forward()) as State).toArray();
    // least squares scale c = <Ax|b> / <Ax|Ax>
    const ax = matvec(this.matrix, state);
    const b = this.b.toArray();
    let re = 0;
    let im = 0;
    let nn = 0;
    for (let i = 0; i < ax.length; i += 2) {
      re += ax[i]! * b[i]! + ax[i + 1]! * b[i + 1]!;
      im += ax[i]! * b[i + 1]! - ax[i + 1]! * b[i]!;
      nn += ax[i]! ** 2 + ax[i + 1]! ** 2;
    }
    const solution = new Float64Array(state.length);
    for (let i = 0; i < state.length; i += 2) {
      solution[i] = (re * state[i]! - im * state[i + 1]!) / nn;
      solution[i + 1] = (re * state[i + 1]! + im * state[i]!) / nn;
    }
    return { ...loop, cost, state, solution, parameters: flatParameters(params) };
  }
}
