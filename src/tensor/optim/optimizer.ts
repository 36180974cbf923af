/**
 * The optimizer base: holds the parameters and the learning rate (`lr`, which LR schedulers
 * change), zeroes gradients, and updates `param.data` in place. Complex parameters are updated
 * elementwise on their interleaved re/im doubles (PyTorch's view-as-real behaviour).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { enableGrad } from "../autograd.js";
import { Tensor } from "../tensor.js";

/** A closure that zeroes grads, recomputes the loss, calls backward and returns the loss. */
export type Closure = () => Tensor | number;

/**
 * Base class of optimizers. Subclasses implement `update`; `step` calls it for every parameter
 * that has a gradient.
 * @example
 * class SignSGD extends Optimizer {
 *   constructor(params: Iterable<Tensor>, lr = 0.01) {
 *     super(params, lr, "SignSGD");
 *   }
 *   protected update(p: Tensor, g: Float64Array): void {
 *     const x = p.data;
 *     for (let k = 0; k < x.length; k++) x[k] = x[k]! - this.lr * Math.sign(g[k]!);
 *   }
 * }
 */
export abstract class Optimizer {
  /** The parameters updated in place (each requires grad). */
  readonly params: Tensor[];
  /** The learning rate (schedulers change it). */
  lr: number;
  /** Number of `step` calls so far. */
  stepCount = 0;

  /**
   * Throws `ArgumentError` if `params` is empty, a parameter does not require grad, or `lr` is
   * negative; `name` prefixes those messages.
   */
  constructor(params: Iterable<Tensor>, lr: number, name: string) {
    this.params = tensorList(params, name);
    if (this.params.length === 0) throw new ArgumentError(`${name}: got an empty parameter list`);
    for (const p of this.params) {
      if (!p.requiresGrad) throw new ArgumentError(`${name}: every parameter must require grad`);
    }
    checkNonNegative(lr, "lr", name);
    this.lr = lr;
  }

  /**
   * Clears every parameter's gradient.
   * @example
   * opt.zeroGrad();
   */
  zeroGrad(): void {
    checkArity(arguments.length, 0, `${this.constructor.name}.zeroGrad`);
    for (const p of this.params) p.grad = null;
  }

  /**
   * One update from the current gradients; with a closure, evaluates it first (under grad mode)
   * and returns its loss.
   * @example
   * opt.step();
   */
  step(closure?: Closure): number | undefined {
    checkArity(arguments.length, 1, `${this.constructor.name}.step`);
    if (closure !== undefined && typeof closure !== "function") {
      throw new ArgumentError(
        `${this.constructor.name}.step: closure must be a function, got ${describe(closure)}`,
      );
    }
    let loss: number | undefined;
    if (closure) {
      const l = enableGrad(closure);
      loss = typeof l === "number" ? l : l.item();
    }
    this.stepCount++;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i]!;
      if (p.grad === null) continue;
      this.update(p, p.grad.data, i);
    }
    return loss;
  }

  /** Updates one parameter in place from its gradient data. */
  protected abstract update(p: Tensor, g: Float64Array, index: number): void;
}

/**
 * The parameters of an optimizer as a list, each checked to be a Tensor.
 * @example
 * tensorList(net.parameters(), "SGD");
 */
export function tensorList(params: Iterable<Tensor>, owner: string): Tensor[] {
  if (params === null || typeof (params as Iterable<Tensor>)?.[Symbol.iterator] !== "function") {
    throw new ArgumentError(
      `${owner}: params must be an iterable of tensors (e.g. net.parameters()), got ${describe(params)}`,
    );
  }
  const list = [...params];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor))
      throw new ArgumentError(`${owner}: params[${i}] is not a Tensor, got ${describe(p)}`);
  });
  return list;
}

/**
 * Validates a non-negative finite hyperparameter; throws `ArgumentError` naming `owner` and `name`.
 * @example
 * checkNonNegative(0.1, "lr", "SGD"); // ok
 * checkNonNegative(-1, "lr", "SGD"); // throws ArgumentError
 */
export function checkNonNegative(v: number, name: string, owner: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new ArgumentError(`${owner}: ${name} must be a non-negative number, got ${v}`);
  }
}

/**
 * Validates a hyperparameter in [0, 1); throws `ArgumentError` naming `owner` and `name`.
 * @example
 * checkUnit(0.9, "momentum", "SGD"); // ok
 * checkUnit(1, "momentum", "SGD"); // throws ArgumentError
 */
export function checkUnit(v: number, name: string, owner: string): void {
  if (typeof v !== "number" || !(v >= 0 && v < 1))
    throw new ArgumentError(`${owner}: ${name} must be in [0, 1), got ${v}`);
}
