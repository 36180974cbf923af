/** Stochastic gradient descent with momentum, Nesterov momentum and weight decay (PyTorch's rules). */
import { ArgumentError } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { Tensor } from "../tensor.js";
import { checkNonNegative, Optimizer } from "./optimizer.js";

/** SGD options. */
export interface SGDOptions {
  /** Learning rate (default 0.01). */
  lr?: number;
  /** Momentum factor (default 0). */
  momentum?: number;
  /** Dampening of the momentum term (default 0). */
  dampening?: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number;
  /** Nesterov momentum; needs momentum > 0 and dampening 0 (default false). */
  nesterov?: boolean;
}

const SGD_OPTIONS = optionKeys<SGDOptions>({
  lr: true,
  momentum: true,
  dampening: true,
  weightDecay: true,
  nesterov: true,
});

/**
 * p -= lr * g, with g = grad + wd p, and momentum buf = mu buf + (1 - dampening) g
 * (Nesterov: g + mu buf).
 * @example
 * const opt = new SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer {
  /** Momentum factor. */
  readonly momentum: number;
  /** Momentum dampening. */
  readonly dampening: number;
  /** L2 penalty coefficient. */
  readonly weightDecay: number;
  /** Whether Nesterov momentum is on. */
  readonly nesterov: boolean;
  private readonly bufs: (Float64Array | null)[];

  constructor(params: Iterable<Tensor>, options: SGDOptions = {}) {
    checkArity(arguments.length, 2, "SGD");
    checkOptions(options, SGD_OPTIONS, "SGD");
    super(params, options.lr ?? 0.01, "SGD");
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    checkNonNegative(this.momentum, "momentum", "SGD");
    checkNonNegative(this.weightDecay, "weightDecay", "SGD");
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new ArgumentError("SGD: nesterov needs momentum > 0 and dampening 0");
    }
    this.bufs = this.params.map(() => null);
  }

  /** SGD update of one parameter in place. */
  protected update(p: Tensor, g: Float64Array, i: number): void {
    const x = p.data;
    const { lr, momentum: mu, dampening, weightDecay: wd, nesterov } = this;
    let buf = this.bufs[i];
    const first = buf === null;
    if (mu !== 0 && buf === null) buf = this.bufs[i] = new Float64Array(x.length);
    for (let k = 0; k < x.length; k++) {
      let d = g[k]! + wd * x[k]!;
      if (buf) {
        buf[k] = first ? d : mu * buf[k]! + (1 - dampening) * d;
        d = nesterov ? d + mu * buf[k]! : buf[k]!;
      }
      x[k] = x[k]! - lr * d;
    }
  }
}
