/**
 * Quantum natural gradient (Stokes et al. 2020): theta <- theta - lr (g + lambda I)^-1 grad L,
 * with g the Fubini-Study metric of the circuit's output state at the current parameters (full,
 * or block-diagonal: one block per `Parameter`) and lambda the regularization. Plain gradient
 * descent measures steps in parameter space; QNG measures them in state space, so directions
 * that barely move the state are not crawled along.
 */
import { ArgumentError, describe } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import type { DensityMatrix } from "../quantum/density/density.js";
import type { State } from "../quantum/state/state.js";
import { enableGrad } from "../tensor/autograd.js";
import type { Tensor } from "../tensor/index.js";
import { type Closure, checkNonNegative, Optimizer } from "../tensor/optim/optimizer.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { fisherMatrix } from "./fisher/quantum-fisher.js";
import { solveShifted } from "./fisher/symmetric.js";

/** QNG options. */
export interface QNGOptions {
  /** Step size (default 0.01). */
  lr?: number;
  /**
   * lambda added to the metric's diagonal (default 1e-4). With 0, a singular metric (a
   * parameter that does not move the state, e.g. RZ on |0>) is refused: the step is undefined.
   */
  regularization?: number;
  /** Use the block-diagonal metric, one block per Parameter (default false: the full metric). */
  blockDiagonal?: boolean;
  /** The input state the circuit runs on (default |0...0>). */
  state?: State | DensityMatrix;
  /** The data row of circuits with encoding gates. */
  data?: Tensor;
}

const QNG_OPTIONS = optionKeys<QNGOptions>({
  lr: true,
  regularization: true,
  blockDiagonal: true,
  state: true,
  data: true,
});

/** Smallest eigenvalue of g + lambda I, relative to the largest, below which the solve is refused. */
const SINGULAR = 1e-12;

/**
 * The quantum natural gradient optimizer of a circuit's parameters. `step()` reads the
 * gradients left by `loss.backward()`, takes the metric at the current parameters and updates
 * every parameter of `circuit.parameters()`.
 * @example
 * const opt = new QNG(circuit, { lr: 0.1 });
 * for (let i = 0; i < 50; i++) {
 *   opt.zeroGrad();
 *   expecVal(circuit.forward(), H).backward();
 *   opt.step();
 * }
 */
export class QNG extends Optimizer {
  /** The circuit whose metric preconditions the steps. */
  readonly circuit: Circuit;
  /** lambda added to the metric's diagonal. */
  readonly regularization: number;
  /** Whether the block-diagonal metric is used. */
  readonly blockDiagonal: boolean;
  private readonly input: { state?: State | DensityMatrix; data?: Tensor };
  private direction: Float64Array = new Float64Array(0);
  private offsets: number[] = [];

  constructor(circuit: Circuit, options: QNGOptions = {}) {
    checkArity(arguments.length, 2, "QNG");
    checkOptions(options, QNG_OPTIONS, "QNG");
    if (!(circuit instanceof Circuit))
      throw new ArgumentError(`QNG: circuit must be a Circuit, got ${describe(circuit)}`);
    if (circuit.parameterCount === 0)
      throw new ArgumentError(
        "QNG: the circuit has no trainable parameters; a metric needs at least one",
      );
    super(circuit.parameters(), options.lr ?? 0.01, "QNG");
    this.circuit = circuit;
    this.regularization = options.regularization ?? 1e-4;
    checkNonNegative(this.regularization, "regularization", "QNG");
    if (options.blockDiagonal !== undefined && typeof options.blockDiagonal !== "boolean")
      throw new ArgumentError(
        `QNG: options.blockDiagonal must be a boolean, got ${describe(options.blockDiagonal)}`,
      );
    this.blockDiagonal = options.blockDiagonal === true;
    this.input = { state: options.state, data: options.data };
  }

  /**
   * One natural-gradient step from the current gradients (after `loss.backward()`); with a
   * closure, evaluates it first (under grad mode) and returns its loss.
   * @example
   * opt.step();
   */
  override step(closure?: Closure): number | undefined {
    checkArity(arguments.length, 1, "QNG.step");
    if (closure !== undefined && typeof closure !== "function")
      throw new ArgumentError(`QNG.step: closure must be a function, got ${describe(closure)}`);
    let loss: number | undefined;
    if (closure !== undefined) {
      const l = enableGrad(closure);
      loss = typeof l === "number" ? l : l.item();
    }
    this.prepare();
    super.step();
    return loss;
  }

  /** Solves (g + lambda I) d = grad for the flat gradient of every parameter. */
  private prepare(): void {
    const grad = new Float64Array(this.params.reduce((s, p) => s + p.size, 0));
    this.offsets = [];
    let off = 0;
    for (const p of this.params) {
      this.offsets.push(off);
      if (p.grad !== null) grad.set(p.grad.data, off);
      off += p.size;
    }
    const { matrix, size } = fisherMatrix(
      this.circuit,
      { ...this.input, blockDiagonal: this.blockDiagonal },
      "QNG.step",
    );
    if (size !== grad.length)
      throw new ArgumentError(
        `QNG.step: the circuit now has ${size} parameter entries, the optimizer was made for ${grad.length}`,
      );
    for (let i = 0; i < matrix.length; i++) matrix[i] = matrix[i]! / 4; // g = QFIM / 4
    const solved = solveShifted(matrix, size, this.regularization, grad);
    if (solved.minEigenvalue <= SINGULAR * Math.max(1, solved.maxEigenvalue)) {
      throw new ArgumentError(
        `QNG.step: the metric is singular (smallest eigenvalue of g + lambda I is ${solved.minEigenvalue.toExponential(2)} with lambda = ${this.regularization}); some parameter does not move the state: set options.regularization > 0`,
      );
    }
    this.direction = solved.x;
  }

  /** p -= lr * (g + lambda I)^-1 grad, this parameter's slice. */
  protected update(p: Tensor, _g: Float64Array, index: number): void {
    const x = p.data;
    const off = this.offsets[index]!;
    for (let k = 0; k < x.length; k++) x[k] = x[k]! - this.lr * this.direction[off + k]!;
  }
}
