/**
 * The value of a qinfo measure computed from matrices, as a scalar tensor in the autograd graph
 * of its inputs: gradients through density matrices are not implemented yet, so a backward that
 * reaches it fails loudly instead of dropping the gradient.
 */
import { ArgumentError } from "../errors.js";
import { customOp, type Differentiable, fromData, type Tensor } from "../tensor/index.js";
import type { MatrixOrState } from "./matrix.js";

function isDifferentiable(x: unknown): x is Differentiable {
  return x !== null && typeof x === "object" && "requiresGrad" in x && "gradFn" in x;
}

/**
 * `value` as a float64 scalar tensor whose backward (reached only when an input requires
 * gradients) throws an ArgumentError naming `name`.
 * @example
 * mixedStateValue("traceDistance", 0.5, [rho, sigma]);
 */
export function mixedStateValue(
  name: string,
  value: number,
  inputs: readonly MatrixOrState[],
): Tensor {
  return customOp({
    name,
    inputs: (inputs as readonly unknown[]).filter(isDifferentiable),
    forward: () => fromData(new Float64Array([value]), [], "float64"),
    backward: () => {
      throw new ArgumentError(
        `${name}: gradients through density matrices and matrix inputs are not implemented; differentiate with pure States (both arguments State)`,
      );
    },
  });
}
