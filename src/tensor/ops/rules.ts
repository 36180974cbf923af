/**
 * The gradient table: one rule per primitive, typed `Record<PrimitiveOp, GradRule>` so that a
 * primitive without a rule fails to compile. Built on first use (the op files import each other).
 */
import { elementwiseRules } from "./elementwise.js";
import { matmulRules } from "./matmul.js";
import type { GradRule, PrimitiveOp } from "./record.js";
import { reduceRules } from "./reduce.js";
import { shapeRules } from "./shapeops.js";

let table: Record<PrimitiveOp, GradRule> | undefined;

/**
 * The gradient rule of every primitive (built on first use, to avoid an import cycle).
 * @example
 * const rule = gradRules().sin; // (g, ctx) => [g * cos(ctx.inputs[0])]
 */
export function gradRules(): Record<PrimitiveOp, GradRule> {
  table ??= {
    ...elementwiseRules,
    ...reduceRules,
    ...shapeRules,
    ...matmulRules,
  };
  return table;
}
