/** The trace distance T(rho, sigma) = ||rho - sigma||_1 / 2. */
import { ArgumentError } from "../errors.js";
import { State } from "../quantum/state/state.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { densityPair, unbatch } from "./density-tensor.js";
import { DENSITY_CHECK_OPTIONS, type DensityCheckOptions, type MatrixOrState } from "./matrix.js";
import { overlapOp } from "./overlap.js";
import { spectralScalar, zeroThreshold } from "./spectral.js";

/** Options of `traceDistance`. */
export type TraceDistanceOptions = DensityCheckOptions;

/**
 * The trace distance (1/2) tr|rho - sigma| = (1/2) sum_i |lambda_i(rho - sigma)|, in [0, 1], of
 * `State`s (pure: sqrt(1 - |<rho|sigma>|^2); batched like `stateFidelity`), `DensityMatrix`es or
 * raw matrices and tensors (checked to be density matrices within `densityTol`), in any mix.
 * A 0-d tensor (shape [batch] for batched inputs), differentiable in both arguments: for two
 * `State`s by a fused backward (undefined, an error, for equal states); otherwise through the
 * eigen-decomposition of rho - sigma, gradient (1/2) sign(rho - sigma) with sign(0) = 0 (a
 * subgradient where rho - sigma has zero eigenvalues).
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
  const [a, b] = densityPair(rho, sigma, "traceDistance", options.densityTol);
  // (1/2) sum |lambda_i(rho - sigma)|, gradient (1/2) sign(rho - sigma) with sign(0) = 0
  const value = spectralScalar("traceDistance", a.t.sub(b.t), (l) => {
    const zero = zeroThreshold(l) * 1e-2;
    let norm = 0;
    const grad = new Float64Array(l.length);
    for (let i = 0; i < l.length; i++) {
      norm += Math.abs(l[i]!);
      grad[i] = Math.abs(l[i]!) <= zero ? 0 : 0.5 * Math.sign(l[i]!);
    }
    return { value: 0.5 * norm, grad };
  });
  return unbatch(value, Math.max(a.batch, b.batch));
}
