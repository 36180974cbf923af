/** The trace distance T(rho, sigma) = ||rho - sigma||_1 / 2. */
import { ArgumentError } from "../errors.js";
import { State } from "../quantum/state/state.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import {
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  densityInput,
  type MatrixOrState,
  sameDim,
  traceNormHermitian,
} from "./matrix.js";
import { mixedStateValue } from "./mixed-value.js";
import { overlapOp } from "./overlap.js";

/** Options of `traceDistance`. */
export type TraceDistanceOptions = DensityCheckOptions;

/**
 * The trace distance (1/2) tr|rho - sigma| = (1/2) sum_i |lambda_i(rho - sigma)|, in [0, 1], of
 * `State`s (pure: sqrt(1 - |<rho|sigma>|^2); batched like `stateFidelity`), `DensityMatrix`es or
 * raw matrices and tensors (checked to be density matrices within `densityTol`), in any mix.
 * A scalar tensor (shape [batch] for batched states), differentiable in both arguments when
 * both are `State`s; the gradient is undefined (an error) for equal states.
 * @example
 * traceDistance(State.basis(1, 0), State.basis(1, 1)).item(); // 1
 * const loss = traceDistance(circuit.forward(), target);
 */
export function traceDistance(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  options: TraceDistanceOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "traceDistance");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "traceDistance");
  if (rho instanceof State && sigma instanceof State) {
    // |a><a| - |b><b| has the eigenvalues ((na - nb) +- sqrt((na + nb)^2 - 4 s)) / 2 (and zeros),
    // of opposite signs, so T = sqrt((na + nb)^2 - 4 s) / 2 = sqrt(1 - s) for normalized states.
    const q = (s: number, na: number, nb: number) => Math.max((na + nb) ** 2 - 4 * s, 0);
    return overlapOp("traceDistance", rho, sigma, {
      value: (s, na, nb) => 0.5 * Math.sqrt(q(s, na, nb)),
      partials: (s, na, nb) => {
        // (equal states: T = 0 is a kink; q < 4e-15 is 1 - s < 1e-15 for normalized states)
        const root = Math.sqrt(q(s, na, nb));
        if (root * root < 4e-15) {
          throw new ArgumentError("traceDistance: the gradient is undefined for equal states");
        }
        const dn = (na + nb) / (2 * root);
        return [-1 / root, dn, dn];
      },
    });
  }
  const a = densityInput(rho, "rho", "traceDistance", options.densityTol);
  const b = densityInput(sigma, "sigma", "traceDistance", options.densityTol);
  sameDim(a, b, "rho", "sigma");
  const diff = new Float64Array(a.data.length);
  for (let i = 0; i < diff.length; i++) diff[i] = a.data[i]! - b.data[i]!;
  return mixedStateValue("traceDistance", 0.5 * traceNormHermitian(diff), [rho, sigma]);
}
