/**
 * The primitive op set and how a primitive records itself in the graph. Gradient rules are looked
 * up by name in the table built in `rules.ts`, typed `Record<PrimitiveOp, GradRule>`, so a
 * primitive without a rule is a compile error. Derived ops (softmax, kron, ...) are compositions
 * of primitives and carry no backward code.
 */
import { checkAnomaly, type GradNode, isGradEnabled } from "../autograd.js";
import type { Tensor } from "../tensor.js";
import { gradRules } from "./rules.js";

/** The primitives: every differentiable op is one of these or composed from them. */
export type PrimitiveOp =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "pow"
  | "neg"
  | "clone"
  | "exp"
  | "log"
  | "sqrt"
  | "abs"
  | "sin"
  | "cos"
  | "tanh"
  | "sigmoid"
  | "relu"
  | "leakyRelu"
  | "gelu"
  | "softplus"
  | "conj"
  | "real"
  | "imag"
  | "complex"
  | "clamp"
  | "where"
  | "sum"
  | "max"
  | "min"
  | "prod"
  | "reshape"
  | "permute"
  | "expand"
  | "slice"
  | "indexSelect"
  | "gather"
  | "concat"
  | "matmul";

/** What a gradient rule sees: the op's inputs, its output and op-specific saved values. */
export interface OpContext {
  /** The op's tensor inputs, in order. */
  readonly inputs: readonly Tensor[];
  /** The op's forward output. */
  readonly output: Tensor;
  /** Op-specific values saved at forward time (axes, exponents, ...); undefined when none. */
  readonly attrs: unknown;
}

/**
 * Maps the output cotangent to one cotangent per input (null = none). Rules may return a
 * cotangent of the output's broadcast shape or a complex one for a real input: the engine sums
 * and takes real parts in one place. Rules run under noGrad.
 */
export type GradRule = (g: Tensor, ctx: OpContext) => (Tensor | null)[];

class PrimitiveNode implements GradNode, OpContext {
  constructor(
    readonly name: PrimitiveOp,
    readonly inputs: readonly Tensor[],
    readonly output: Tensor,
    readonly attrs: unknown,
  ) {}

  backward(g: Tensor): (Tensor | null)[] {
    return gradRules()[this.name](g, this);
  }
}

/**
 * Attaches a primitive node to `output` when grad mode is on and an input requires grad, after
 * the anomaly check. Returns `output`.
 * @example
 * // inside an op file: compute the values, then record them under the op's name
 * const out = new Tensor(values, x.shape, x.dtype);
 * return record("sin", [x], out);
 */
export function record(
  op: PrimitiveOp,
  inputs: readonly Tensor[],
  output: Tensor,
  attrs?: unknown,
): Tensor {
  checkAnomaly(output, `"${op}"`);
  if (!isGradEnabled()) return output;
  let any = false;
  for (const x of inputs) if (x.requiresGrad) any = true;
  if (!any) return output;
  output.requiresGrad = true;
  output.gradFn = new PrimitiveNode(op, inputs, output, attrs);
  return output;
}
