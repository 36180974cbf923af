/**
 * The optimizer base: holds the parameters and the learning rate (`lr`, which LR schedulers
 * change), zeroes gradients, and updates `param.data` in place. Complex parameters are updated
 * elementwise on their interleaved re/im doubles (PyTorch's view-as-real behaviour).
 */
import { ArgumentError } from "../../errors.js";
import { enableGrad } from "../autograd.js";
import type { Tensor } from "../tensor.js";

/** A closure that zeroes grads, recomputes the loss, calls backward and returns the loss. */
export type Closure = () => Tensor | number;

/** Base class of optimizers. */
export abstract class Optimizer {
  readonly params: Tensor[];
  /** The learning rate (schedulers change it). */
  lr: number;
  /** Number of `step` calls so far. */
  stepCount = 0;

  constructor(params: Iterable<Tensor>, lr: number, name: string) {
    this.params = [...params];
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
    for (const p of this.params) p.grad = null;
  }

  /**
   * One update from the current gradients; with a closure, evaluates it first (under grad mode)
   * and returns its loss.
   * @example
   * opt.step();
   */
  step(closure?: Closure): number | undefined {
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

/** Validates a non-negative finite hyperparameter. */
export function checkNonNegative(v: number, name: string, owner: string): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new ArgumentError(`${owner}: ${name} must be a non-negative number, got ${v}`);
  }
}

/** Validates a hyperparameter in [0, 1). */
export function checkUnit(v: number, name: string, owner: string): void {
  if (typeof v !== "number" || !(v >= 0 && v < 1))
    throw new ArgumentError(`${owner}: ${name} must be in [0, 1), got ${v}`);
}
