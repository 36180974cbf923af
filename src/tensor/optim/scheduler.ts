/** Learning-rate schedulers: each `step()` sets `optimizer.lr` from the epoch count. */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";

/** Anything with a mutable learning rate (every optimizer here). */
export interface HasLr {
  /** The learning rate the scheduler sets. */
  lr: number;
}

/**
 * Base of schedulers: `step()` advances one epoch and sets the optimizer's lr to `lrAt(epoch)`.
 * @example
 * class HalvingLR extends LRScheduler {
 *   protected lrAt(epoch: number): number {
 *     return this.baseLr / 2 ** epoch;
 *   }
 * }
 * const sched = new HalvingLR(new SGD(net.parameters(), { lr: 0.1 }));
 * sched.step(); // lr 0.05
 */
export abstract class LRScheduler {
  /** The optimizer's lr when the scheduler was created. */
  readonly baseLr: number;
  /** Epochs stepped so far. */
  lastEpoch = 0;
  /**
   * @param optimizer - The optimizer whose `lr` is scheduled; throws `ArgumentError` without a numeric lr.
   */
  constructor(readonly optimizer: HasLr) {
    if (typeof optimizer?.lr !== "number")
      throw new ArgumentError("LRScheduler: optimizer must have a numeric lr");
    this.baseLr = optimizer.lr;
  }
  /**
   * Advances one epoch.
   * @example
   * sched.step();
   */
  step(): void {
    this.lastEpoch++;
    this.optimizer.lr = this.lrAt(this.lastEpoch);
  }
  /** The current learning rate. @example sched.getLastLr() */
  getLastLr(): number {
    return this.optimizer.lr;
  }
  /** The learning rate for `epoch` (1 after the first `step()`). */
  protected abstract lrAt(epoch: number): number;
}

/**
 * lr = base * gamma^floor(epoch / stepSize).
 * @example
 * const s = new StepLR(opt, 10, 0.5);
 */
export class StepLR extends LRScheduler {
  /**
   * @param optimizer - The optimizer whose `lr` is scheduled.
   * @param stepSize - Epochs between decays (positive integer).
   * @param gamma - Multiplicative decay (default 0.1).
   */
  constructor(
    optimizer: HasLr,
    readonly stepSize: number,
    readonly gamma = 0.1,
  ) {
    checkArity(arguments.length, 3, "StepLR");
    super(optimizer);
    if (!Number.isInteger(stepSize) || stepSize <= 0)
      throw new ArgumentError(
        `StepLR: stepSize must be a positive integer, got ${describe(stepSize)}`,
      );
  }
  /** base * gamma^floor(epoch / stepSize). */
  protected lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}

/**
 * lr = base * gamma^epoch.
 * @example
 * const s = new ExponentialLR(opt, 0.95);
 */
export class ExponentialLR extends LRScheduler {
  /**
   * @param optimizer - The optimizer whose `lr` is scheduled.
   * @param gamma - Multiplicative decay per epoch (positive).
   */
  constructor(
    optimizer: HasLr,
    readonly gamma: number,
  ) {
    checkArity(arguments.length, 2, "ExponentialLR");
    super(optimizer);
    if (!(gamma > 0))
      throw new ArgumentError(`ExponentialLR: gamma must be positive, got ${describe(gamma)}`);
  }
  /** base * gamma^epoch. */
  protected lrAt(epoch: number): number {
    return this.baseLr * this.gamma ** epoch;
  }
}

/**
 * lr = etaMin + (base - etaMin) (1 + cos(pi epoch / tMax)) / 2.
 * @example
 * const s = new CosineAnnealingLR(opt, 100);
 */
export class CosineAnnealingLR extends LRScheduler {
  /**
   * @param optimizer - The optimizer whose `lr` is scheduled.
   * @param tMax - Epochs of one half cosine period (positive).
   * @param etaMin - Learning rate reached at `tMax` (default 0).
   */
  constructor(
    optimizer: HasLr,
    readonly tMax: number,
    readonly etaMin = 0,
  ) {
    checkArity(arguments.length, 3, "CosineAnnealingLR");
    super(optimizer);
    if (!(tMax > 0))
      throw new ArgumentError(`CosineAnnealingLR: tMax must be positive, got ${describe(tMax)}`);
  }
  /** etaMin + (base - etaMin) (1 + cos(pi epoch / tMax)) / 2. */
  protected lrAt(epoch: number): number {
    return (
      this.etaMin +
      ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2
    );
  }
}
