/** Learning-rate schedulers: each `step()` sets `optimizer.lr` from the epoch count. */
import { ArgumentError } from "../../errors.js";

/** Anything with a mutable learning rate (every optimizer here). */
export interface HasLr {
  lr: number;
}

/** Base of schedulers: `step()` advances one epoch and updates the optimizer's lr. */
export abstract class LRScheduler {
  readonly baseLr: number;
  /** Epochs stepped so far. */
  lastEpoch = 0;
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
  protected abstract lrAt(epoch: number): number;
}

/**
 * lr = base * gamma^floor(epoch / stepSize).
 * @example
 * const s = new StepLR(opt, 10, 0.5);
 */
export class StepLR extends LRScheduler {
  constructor(
    optimizer: HasLr,
    readonly stepSize: number,
    readonly gamma = 0.1,
  ) {
    super(optimizer);
    if (!Number.isInteger(stepSize) || stepSize <= 0)
      throw new ArgumentError(`StepLR: stepSize must be a positive integer, got ${stepSize}`);
  }
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
  constructor(
    optimizer: HasLr,
    readonly gamma: number,
  ) {
    super(optimizer);
    if (!(gamma > 0))
      throw new ArgumentError(`ExponentialLR: gamma must be positive, got ${gamma}`);
  }
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
  constructor(
    optimizer: HasLr,
    readonly tMax: number,
    readonly etaMin = 0,
  ) {
    super(optimizer);
    if (!(tMax > 0))
      throw new ArgumentError(`CosineAnnealingLR: tMax must be positive, got ${tMax}`);
  }
  protected lrAt(epoch: number): number {
    return (
      this.etaMin +
      ((this.baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2
    );
  }
}
