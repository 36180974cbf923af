/** Losses, functional and module forms. Reduction "mean" (default), "sum" or "none". */
import { ArgumentError, ShapeError } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { logSoftmax, mean } from "../ops/derived.js";
import { abs, mul, neg, softplus, sub } from "../ops/elementwise.js";
import { sum } from "../ops/reduce.js";
import { gather } from "../ops/shapeops.js";
import { tensorArg } from "../ops/util.js";
import { fmtShape, sameShape } from "../shape.js";
import { Tensor } from "../tensor.js";
import { Module } from "./module.js";

/** How a loss reduces over elements. */
export type Reduction = "mean" | "sum" | "none";

function reduce(x: Tensor, r: Reduction): Tensor {
  if (r === "mean") return mean(x);
  if (r === "sum") return sum(x);
  if (r === "none") return x;
  throw new ArgumentError(`reduction must be "mean", "sum" or "none", got ${JSON.stringify(r)}`);
}

function sameShapes(a: Tensor, b: Tensor, op: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new ShapeError(
      `${op}: input shape ${fmtShape(a.shape)} and target shape ${fmtShape(b.shape)} differ`,
    );
  }
}

/**
 * Mean squared error.
 * @example
 * mseLoss(tensor([1, 2]), tensor([1, 4])).item(); // 2
 */
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  checkArity(arguments.length, 3, "mseLoss");
  tensorArg(input, "mseLoss", "input");
  tensorArg(target, "mseLoss", "target");
  sameShapes(input, target, "mseLoss");
  const d = sub(input, target);
  return reduce(mul(d, d), reduction);
}

/**
 * Mean absolute error.
 * @example
 * l1Loss(tensor([1, 2]), tensor([1, 4])).item(); // 1
 */
export function l1Loss(input: Tensor, target: Tensor, reduction: Reduction = "mean"): Tensor {
  checkArity(arguments.length, 3, "l1Loss");
  tensorArg(input, "l1Loss", "input");
  tensorArg(target, "l1Loss", "target");
  sameShapes(input, target, "l1Loss");
  return reduce(abs(sub(input, target)), reduction);
}

function classIndex(
  target: Tensor | readonly number[],
  n: number,
  classes: number,
  op: string,
): Tensor {
  const t =
    target instanceof Tensor ? target : new Tensor(Float64Array.from(target), [target.length]);
  if (t.ndim !== 1 || t.shape[0] !== n) {
    throw new ShapeError(`${op}: target shape ${fmtShape(t.shape)} does not match batch size ${n}`);
  }
  for (const c of t.data) {
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      throw new ArgumentError(`${op}: class index ${c} is not an integer in [0, ${classes})`);
    }
  }
  return new Tensor(t.data, [n, 1]);
}

/**
 * Negative log-likelihood of log-probabilities [N, C] at class indices [N].
 * @example
 * nllLoss(logSoftmax(logits, 1), [0, 2]);
 */
export function nllLoss(
  logProbs: Tensor,
  target: Tensor | readonly number[],
  reduction: Reduction = "mean",
): Tensor {
  checkArity(arguments.length, 3, "nllLoss");
  tensorArg(logProbs, "nllLoss", "logProbs");
  if (logProbs.ndim !== 2)
    throw new ShapeError(`nllLoss: input must be [N, C], got ${fmtShape(logProbs.shape)}`);
  const idx = classIndex(target, logProbs.shape[0]!, logProbs.shape[1]!, "nllLoss");
  return reduce(neg(gather(logProbs, 1, idx)), reduction);
}

/**
 * Cross-entropy from logits [N, C] and class indices [N] (log-softmax + NLL).
 * @example
 * crossEntropy(tensor([[2, 0], [0, 2]]), [0, 1]).item(); // 0.1269...
 */
export function crossEntropy(
  logits: Tensor,
  target: Tensor | readonly number[],
  reduction: Reduction = "mean",
): Tensor {
  checkArity(arguments.length, 3, "crossEntropy");
  tensorArg(logits, "crossEntropy", "logits");
  if (logits.ndim !== 2)
    throw new ShapeError(`crossEntropy: logits must be [N, C], got ${fmtShape(logits.shape)}`);
  return nllLoss(logSoftmax(logits, 1), target, reduction);
}

/**
 * Binary cross-entropy with logits, stable: softplus(x) - x y.
 * @example
 * bceWithLogits(tensor([0]), tensor([1])).item(); // Math.log(2)
 */
export function bceWithLogits(
  logits: Tensor,
  target: Tensor,
  reduction: Reduction = "mean",
): Tensor {
  checkArity(arguments.length, 3, "bceWithLogits");
  tensorArg(logits, "bceWithLogits", "logits");
  tensorArg(target, "bceWithLogits", "target");
  sameShapes(logits, target, "bceWithLogits");
  return reduce(sub(softplus(logits), mul(logits, target)), reduction);
}

/** MSE as a module. @example new MSELoss().forward(pred, target) */
export class MSELoss extends Module {
  /** @param reduction - "mean" (default), "sum" or "none". */
  constructor(readonly reduction: Reduction = "mean") {
    checkArity(arguments.length, 1, "MSELoss");
    super();
  }
  /** Mean squared error of `input` against `target`. */
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.reduction);
  }
}
/** L1 as a module. @example new L1Loss().forward(pred, target) */
export class L1Loss extends Module {
  /** @param reduction - "mean" (default), "sum" or "none". */
  constructor(readonly reduction: Reduction = "mean") {
    checkArity(arguments.length, 1, "L1Loss");
    super();
  }
  /** Mean absolute error of `input` against `target`. */
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.reduction);
  }
}
/** Cross-entropy as a module. @example new CrossEntropyLoss().forward(logits, labels) */
export class CrossEntropyLoss extends Module {
  /** @param reduction - "mean" (default), "sum" or "none". */
  constructor(readonly reduction: Reduction = "mean") {
    checkArity(arguments.length, 1, "CrossEntropyLoss");
    super();
  }
  /** Cross-entropy of `logits` [batch, classes] against class labels. */
  override forward(logits: Tensor, target: Tensor | readonly number[]): Tensor {
    return crossEntropy(logits, target, this.reduction);
  }
}
/** NLL as a module. @example new NLLLoss().forward(logProbs, labels) */
export class NLLLoss extends Module {
  /** @param reduction - "mean" (default), "sum" or "none". */
  constructor(readonly reduction: Reduction = "mean") {
    checkArity(arguments.length, 1, "NLLLoss");
    super();
  }
  /** Negative log-likelihood of `logProbs` [batch, classes] against class labels. */
  override forward(logProbs: Tensor, target: Tensor | readonly number[]): Tensor {
    return nllLoss(logProbs, target, this.reduction);
  }
}
/** BCE with logits as a module. @example new BCEWithLogitsLoss().forward(logits, targets) */
export class BCEWithLogitsLoss extends Module {
  /** @param reduction - "mean" (default), "sum" or "none". */
  constructor(readonly reduction: Reduction = "mean") {
    checkArity(arguments.length, 1, "BCEWithLogitsLoss");
    super();
  }
  /** Binary cross-entropy of `logits` against targets in [0, 1]. */
  override forward(logits: Tensor, target: Tensor): Tensor {
    return bceWithLogits(logits, target, this.reduction);
  }
}
