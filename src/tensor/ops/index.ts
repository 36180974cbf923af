/** Every op, functional form. */
export * from "./derived.js";
export {
  abs,
  add,
  clamp,
  clone,
  complex,
  conj,
  cos,
  div,
  erf,
  exp,
  gelu,
  imag,
  leakyRelu,
  log,
  mul,
  neg,
  pow,
  real,
  relu,
  sigmoid,
  sin,
  softplus,
  sqrt,
  sub,
  tanh,
  where,
} from "./elementwise.js";
export { matmul, mm } from "./matmul.js";
export type { GradRule, OpContext, PrimitiveOp } from "./record.js";
export { type Axes, argmax, max, min, prod, sum } from "./reduce.js";
export { gradRules } from "./rules.js";
export { concat, expand, gather, indexSelect, permute, reshape, slice, sumTo } from "./shapeops.js";
