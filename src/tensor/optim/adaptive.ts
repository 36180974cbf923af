/** Adaptive optimizers: Adam, AdamW, RMSprop, Adagrad (PyTorch's update rules). */

import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { Tensor } from "../tensor.js";
import { checkNonNegative, checkUnit, Optimizer } from "./optimizer.js";

/** Adam/AdamW options. */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** Decay rates of the first and second moment averages, each in [0, 1) (default [0.9, 0.999]). */
  betas?: [number, number];
  /** Added to the denominator for stability (default 1e-8). */
  eps?: number;
  /** Weight decay: L2 for Adam (default 0), decoupled for AdamW (default 0.01). */
  weightDecay?: number;
  /** Use the running maximum of the second moment (AMSGrad; default false). */
  amsgrad?: boolean;
}

const ADAM_OPTIONS = optionKeys<AdamOptions>({
  lr: true,
  betas: true,
  eps: true,
  weightDecay: true,
  amsgrad: true,
});

/**
 * Adam: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, p -= lr m^ / (sqrt(v^) + eps), with L2
 * weight decay added to the gradient.
 * @example
 * const opt = new Adam(net.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer {
  /** First-moment decay rate. */
  readonly beta1: number;
  /** Second-moment decay rate. */
  readonly beta2: number;
  /** Denominator stabilizer. */
  readonly eps: number;
  /** Weight decay coefficient. */
  readonly weightDecay: number;
  /** Whether AMSGrad is on. */
  readonly amsgrad: boolean;
  /** True for AdamW: weight decay scales the parameter instead of adding to the gradient. */
  protected readonly decoupled: boolean = false;
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private readonly vmax: Float64Array[];

  /**
   * @param params - The parameters to optimize (each requires grad).
   * @param options - Hyperparameters; see `AdamOptions`.
   * @param name - Prefix of error messages (subclasses pass their own).
   * @param defaultDecay - `weightDecay` when `options` omits it (AdamW passes 0.01).
   */
  constructor(
    params: Iterable<Tensor>,
    options: AdamOptions = {},
    name = "Adam",
    defaultDecay = 0,
  ) {
    // name and defaultDecay are for subclasses: a user's Adam takes (params, options)
    if (new.target === Adam) checkArity(arguments.length, 2, "Adam");
    checkOptions(options, ADAM_OPTIONS, name);
    super(params, options.lr ?? 1e-3, name);
    const betas = options.betas ?? [0.9, 0.999];
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new ArgumentError(
        `${name}: betas must be a pair [beta1, beta2], got ${describe(betas)}`,
      );
    }
    [this.beta1, this.beta2] = betas;
    checkUnit(this.beta1, "betas[0]", name);
    checkUnit(this.beta2, "betas[1]", name);
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? defaultDecay;
    checkNonNegative(this.eps, "eps", name);
    checkNonNegative(this.weightDecay, "weightDecay", name);
    this.amsgrad = options.amsgrad ?? false;
    this.m = this.params.map((p) => new Float64Array(p.data.length));
    this.v = this.params.map((p) => new Float64Array(p.data.length));
    this.vmax = this.params.map((p) => new Float64Array(this.amsgrad ? p.data.length : 0));
  }

  /** Adam update of one parameter in place. */
  protected update(p: Tensor, g: Float64Array, i: number): void {
    const x = p.data;
    const m = this.m[i]!;
    const v = this.v[i]!;
    const vmax = this.vmax[i]!;
    const { lr, beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    const t = this.stepCount;
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const stepSize = lr / bc1;
    const sqrtBc2 = Math.sqrt(bc2);
    if (this.decoupled && wd !== 0) {
      const f = 1 - lr * wd;
      for (let k = 0; k < x.length; k++) x[k] = x[k]! * f;
    }
    const l2 = this.decoupled ? 0 : wd;
    for (let k = 0; k < x.length; k++) {
      const gk = g[k]! + l2 * x[k]!;
      const mk = (m[k] = b1 * m[k]! + (1 - b1) * gk);
      let vk = (v[k] = b2 * v[k]! + (1 - b2) * gk * gk);
      if (this.amsgrad) vk = vmax[k] = Math.max(vmax[k]!, vk);
      x[k] = x[k]! - (stepSize * mk) / (Math.sqrt(vk) / sqrtBc2 + eps);
    }
  }
}

/**
 * AdamW: Adam with decoupled weight decay p *= 1 - lr wd (default wd 0.01).
 * @example
 * const opt = new AdamW(net.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  /** Always true: AdamW decouples weight decay. */
  protected override readonly decoupled: boolean = true;
  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    checkArity(arguments.length, 2, "AdamW");
    super(params, options, "AdamW", 0.01);
  }
}

/** RMSprop options. */
export interface RMSpropOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Smoothing constant of the squared-gradient average, in [0, 1) (default 0.99). */
  alpha?: number;
  /** Added to the denominator for stability (default 1e-8). */
  eps?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Momentum factor (default 0). */
  momentum?: number;
  /**
   * Normalize by the estimated gradient variance instead of the raw second moment (default false).
   */
  centered?: boolean;
}

const RMSPROP_OPTIONS = optionKeys<RMSpropOptions>({
  lr: true,
  alpha: true,
  eps: true,
  weightDecay: true,
  momentum: true,
  centered: true,
});

/**
 * RMSprop: v = a v + (1-a) g^2, p -= lr g / (sqrt(v) + eps) (optionally centered, with momentum).
 * @example
 * const opt = new RMSprop(net.parameters(), { lr: 0.01 });
 */
export class RMSprop extends Optimizer {
  /** Squared-gradient smoothing constant. */
  readonly alpha: number;
  /** Denominator stabilizer. */
  readonly eps: number;
  /** L2 penalty coefficient. */
  readonly weightDecay: number;
  /** Momentum factor. */
  readonly momentum: number;
  /** Whether the centered variant is on. */
  readonly centered: boolean;
  private readonly sq: Float64Array[];
  private readonly gavg: Float64Array[];
  private readonly buf: Float64Array[];

  constructor(params: Iterable<Tensor>, options: RMSpropOptions = {}) {
    checkArity(arguments.length, 2, "RMSprop");
    checkOptions(options, RMSPROP_OPTIONS, "RMSprop");
    super(params, options.lr ?? 0.01, "RMSprop");
    this.alpha = options.alpha ?? 0.99;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    checkUnit(this.alpha, "alpha", "RMSprop");
    checkNonNegative(this.momentum, "momentum", "RMSprop");
    checkNonNegative(this.weightDecay, "weightDecay", "RMSprop");
    this.sq = this.params.map((p) => new Float64Array(p.data.length));
    this.gavg = this.params.map((p) => new Float64Array(p.data.length));
    this.buf = this.params.map((p) => new Float64Array(p.data.length));
  }

  /** RMSprop update of one parameter in place. */
  protected update(p: Tensor, g: Float64Array, i: number): void {
    const x = p.data;
    const sq = this.sq[i]!;
    const ga = this.gavg[i]!;
    const buf = this.buf[i]!;
    const { lr, alpha: a, eps, weightDecay: wd, momentum: mu, centered } = this;
    for (let k = 0; k < x.length; k++) {
      const gk = g[k]! + wd * x[k]!;
      sq[k] = a * sq[k]! + (1 - a) * gk * gk;
      let avg: number;
      if (centered) {
        ga[k] = a * ga[k]! + (1 - a) * gk;
        avg = Math.sqrt(sq[k]! - ga[k]! * ga[k]!) + eps;
      } else avg = Math.sqrt(sq[k]!) + eps;
      if (mu > 0) {
        buf[k] = mu * buf[k]! + gk / avg;
        x[k] = x[k]! - lr * buf[k]!;
      } else x[k] = x[k]! - (lr * gk) / avg;
    }
  }
}

/** Adagrad options. */
export interface AdagradOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Learning-rate decay per step (default 0). */
  lrDecay?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Starting value of the squared-gradient sums (default 0). */
  initialAccumulatorValue?: number;
  /** Added to the denominator for stability (default 1e-10). */
  eps?: number;
}

const ADAGRAD_OPTIONS = optionKeys<AdagradOptions>({
  lr: true,
  lrDecay: true,
  weightDecay: true,
  initialAccumulatorValue: true,
  eps: true,
});

/**
 * Adagrad: s += g^2, p -= lr_t g / (sqrt(s) + eps), lr_t = lr / (1 + (t-1) lrDecay).
 * @example
 * const opt = new Adagrad(net.parameters(), { lr: 0.1 });
 */
export class Adagrad extends Optimizer {
  /** Learning-rate decay per step. */
  readonly lrDecay: number;
  /** L2 penalty coefficient. */
  readonly weightDecay: number;
  /** Denominator stabilizer. */
  readonly eps: number;
  private readonly sums: Float64Array[];

  constructor(params: Iterable<Tensor>, options: AdagradOptions = {}) {
    checkArity(arguments.length, 2, "Adagrad");
    checkOptions(options, ADAGRAD_OPTIONS, "Adagrad");
    super(params, options.lr ?? 0.01, "Adagrad");
    this.lrDecay = options.lrDecay ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.eps = options.eps ?? 1e-10;
    checkNonNegative(this.lrDecay, "lrDecay", "Adagrad");
    checkNonNegative(this.weightDecay, "weightDecay", "Adagrad");
    const init = options.initialAccumulatorValue ?? 0;
    checkNonNegative(init, "initialAccumulatorValue", "Adagrad");
    this.sums = this.params.map((p) => new Float64Array(p.data.length).fill(init));
  }

  /** Adagrad update of one parameter in place. */
  protected update(p: Tensor, g: Float64Array, i: number): void {
    const x = p.data;
    const s = this.sums[i]!;
    const clr = this.lr / (1 + (this.stepCount - 1) * this.lrDecay);
    for (let k = 0; k < x.length; k++) {
      const gk = g[k]! + this.weightDecay * x[k]!;
      s[k] = s[k]! + gk * gk;
      x[k] = x[k]! - (clr * gk) / (Math.sqrt(s[k]!) + this.eps);
    }
  }
}
