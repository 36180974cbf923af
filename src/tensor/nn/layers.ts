/** Layers: Linear, Sequential, activations, Dropout, Flatten. */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { type Rng, rngOption } from "../../random.js";
import { type ConstructorOptionsOf, checkArity, checkOptions, optionKeys } from "../../validate.js";
import { flatten, softmax } from "../ops/derived.js";
import { add, gelu, leakyRelu, mul, relu, sigmoid, tanh } from "../ops/elementwise.js";
import { mm } from "../ops/matmul.js";
import { reshape } from "../ops/shapeops.js";
import { fmtShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";

/** Options of Linear. */
export interface LinearOptions {
  /** Add a bias (default true). */
  bias?: boolean;
  /** Weight init: "xavier" (Glorot uniform, default) or "kaiming" (He normal, for ReLU nets). */
  init?: "xavier" | "kaiming";
  /** Seed of the weight init (ignored when `rng` is given). */
  seed?: number;
  /** Generator for the weight init. */
  rng?: Rng;
}

const LINEAR_OPTIONS = optionKeys<LinearOptions>({ bias: true, init: true, seed: true, rng: true });

/**
 * y = x W^T + b, W of shape [out, in] (PyTorch's layout), seeded init, bias zeros.
 * @example
 * const lin = new Linear(3, 2, { seed: 1 });
 * lin.forward(randn([5, 3], { seed: 2 })).shape; // [5, 2]
 */
export class Linear extends Module {
  /** Weight matrix, shape [outFeatures, inFeatures]. */
  readonly weight: Parameter;
  /** Bias vector, shape [outFeatures]; null when `bias: false`. */
  readonly bias: Parameter | null;
  /**
   * @param inFeatures - Size of the input's last axis.
   * @param outFeatures - Size of the output's last axis.
   */
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    checkArity(arguments.length, 3, "Linear");
    checkOptions(options, LINEAR_OPTIONS, "Linear");
    super();
    for (const [name, v] of [
      ["inFeatures", inFeatures],
      ["outFeatures", outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0)
        throw new ArgumentError(`Linear: ${name} must be a positive integer, got ${describe(v)}`);
    }
    const rng = rngOption(options.rng, options.seed, "Linear");
    const w = new Float64Array(inFeatures * outFeatures);
    if ((options.init ?? "xavier") === "kaiming") {
      const std = Math.sqrt(2 / inFeatures);
      for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
    } else {
      const a = Math.sqrt(6 / (inFeatures + outFeatures));
      for (let i = 0; i < w.length; i++) w[i] = rng.uniformIn(-a, a);
    }
    this.weight = new Parameter(w, [outFeatures, inFeatures]);
    this.bias =
      options.bias === false ? null : new Parameter(new Float64Array(outFeatures), [outFeatures]);
  }

  /** Applies the layer to `x` of shape [..., inFeatures]; throws `ShapeError` otherwise. */
  override forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor) || x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ShapeError(
        `Linear: input shape ${x instanceof Tensor ? fmtShape(x.shape) : typeof x} does not end in ${this.inFeatures} (weight shape ${fmtShape(this.weight.shape)})`,
      );
    }
    const lead = x.shape.slice(0, -1);
    const x2 = x.ndim === 2 ? x : reshape(x, [-1, this.inFeatures]);
    let y = mm(x2, this.weight, false, true);
    if (this.bias) y = add(y, this.bias);
    return x.ndim === 2 ? y : reshape(y, [...lead, this.outFeatures]);
  }
}

/**
 * Chains modules: forward(x) = m_n(...m_1(x)).
 * @example
 * const net = new Sequential(new Linear(2, 4, { seed: 1 }), new Tanh(), new Linear(4, 1, { seed: 2 }));
 */
export class Sequential extends Module {
  /** The chained modules, in call order. */
  readonly layers: Module[];
  constructor(...layers: Module[]) {
    super();
    this.layers = [];
    layers.forEach((m, i) => {
      if (!(m instanceof Module))
        throw new ArgumentError(`Sequential: argument ${i} is not a Module`);
      this.registerModule(String(i), m);
    });
    this.layers.push(...layers);
  }
  /** Feeds `x` through every layer in order. */
  // biome-ignore lint/suspicious/noExplicitAny: layers pass whatever their successors take
  override forward(x: any): any {
    let y = x;
    for (const m of this.layers) y = m.forward(y);
    return y;
  }
  /** Children named by their position ("0", "1", ...). */
  override namedChildren(): [string, Module][] {
    return this.layers.map((m, i) => [String(i), m]);
  }
}

/** tanh as a module. @example new Tanh().forward(x) */
export class Tanh extends Module {
  constructor() {
    checkArity(arguments.length, 0, "Tanh");
    super();
  }
  /** Elementwise tanh. */
  override forward(x: Tensor): Tensor {
    return tanh(x);
  }
}
/** ReLU as a module. @example new ReLU().forward(x) */
export class ReLU extends Module {
  constructor() {
    checkArity(arguments.length, 0, "ReLU");
    super();
  }
  /** Elementwise max(x, 0). */
  override forward(x: Tensor): Tensor {
    return relu(x);
  }
}
/** Sigmoid as a module. @example new Sigmoid().forward(x) */
export class Sigmoid extends Module {
  constructor() {
    checkArity(arguments.length, 0, "Sigmoid");
    super();
  }
  /** Elementwise logistic sigmoid. */
  override forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}
/** GELU (exact) as a module. @example new GELU().forward(x) */
export class GELU extends Module {
  constructor() {
    checkArity(arguments.length, 0, "GELU");
    super();
  }
  /** Elementwise GELU. */
  override forward(x: Tensor): Tensor {
    return gelu(x);
  }
}
/** Leaky ReLU as a module. @example new LeakyReLU(0.1).forward(x) */
export class LeakyReLU extends Module {
  /** @param slope - Slope for negative inputs (default 0.01). */
  constructor(readonly slope = 0.01) {
    checkArity(arguments.length, 1, "LeakyReLU");
    super();
  }
  /** Elementwise leaky ReLU. */
  override forward(x: Tensor): Tensor {
    return leakyRelu(x, this.slope);
  }
}
/** Softmax along `axis` as a module. @example new Softmax(-1).forward(x) */
export class Softmax extends Module {
  /** @param axis - Axis normalized by the softmax (default -1). */
  constructor(readonly axis = -1) {
    checkArity(arguments.length, 1, "Softmax");
    super();
  }
  /** Softmax of `x` along `axis`. */
  override forward(x: Tensor): Tensor {
    return softmax(x, this.axis);
  }
}
/** Flattens axes startAxis..endAxis (default: all but the batch axis). @example new Flatten().forward(x) */
export class Flatten extends Module {
  /**
   * @param startAxis - First merged axis (default 1).
   * @param endAxis - Last merged axis (default -1).
   */
  constructor(
    readonly startAxis = 1,
    readonly endAxis = -1,
  ) {
    checkArity(arguments.length, 2, "Flatten");
    super();
  }
  /** Flattens `x` over `startAxis..endAxis`. */
  override forward(x: Tensor): Tensor {
    return flatten(x, this.startAxis, this.endAxis);
  }
}

const DROPOUT_OPTIONS = optionKeys<ConstructorOptionsOf<typeof Dropout, 1>>({
  seed: true,
  rng: true,
});

/**
 * Zeroes each element with probability p in training (scaling the rest by 1/(1-p)); identity in
 * eval mode. Seeded.
 * @example
 * const drop = new Dropout(0.5, { seed: 1 });
 */
export class Dropout extends Module {
  private readonly rng: Rng;
  /**
   * @param p - Drop probability in [0, 1) (default 0.5).
   * @param options - `seed` or `rng` of the dropout masks.
   */
  constructor(
    readonly p = 0.5,
    options: { seed?: number; rng?: Rng } = {},
  ) {
    checkArity(arguments.length, 2, "Dropout");
    checkOptions(options, DROPOUT_OPTIONS, "Dropout");
    super();
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`Dropout: p must be in [0, 1), got ${p}`);
    this.rng = rngOption(options.rng, options.seed, "Dropout");
  }
  /** Applies a fresh random mask in training mode; returns `x` unchanged in eval mode. */
  override forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const m = new Float64Array(x.size);
    const scale = 1 / (1 - this.p);
    for (let i = 0; i < m.length; i++) m[i] = this.rng.uniform() < this.p ? 0 : scale;
    return mul(x, new Tensor(m, x.shape));
  }
}
