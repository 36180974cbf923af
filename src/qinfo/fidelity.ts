/**
 * The state fidelity, in the root (Uhlmann) convention of Nielsen & Chuang and Paddle Quantum:
 * F(rho, sigma) = tr sqrt( sqrt(rho) sigma sqrt(rho) ), which is |<psi|phi>| for pure states.
 * (Qiskit's and Jozsa's "fidelity" is its square; square the result for that.)
 * The Fuchs-van de Graaf inequalities read 1 - F <= T <= sqrt(1 - F^2).
 */
import { matmul } from "../quantum/linalg.js";
import { State } from "../quantum/state/state.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import {
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  densityInput,
  eigvalsHermitian,
  type MatrixOrState,
  sameDim,
  sqrtPsd,
} from "./matrix.js";
import { mixedStateValue } from "./mixed-value.js";
import { overlapOp } from "./overlap.js";

/** Options of `stateFidelity`. */
export type FidelityOptions = DensityCheckOptions;

/**
 * The root fidelity F = tr sqrt(sqrt(rho) sigma sqrt(rho)) of two states, in [0, 1]: `State`s
 * (pure: F = |<rho|sigma>|, batched, each batch 1 or both equal), `DensityMatrix`es, or raw
 * matrices and tensors (checked to be density matrices within `densityTol`), in any mix.
 * A scalar tensor (shape [batch] for batched states), differentiable in both arguments when
 * both are `State`s (one fused backward, no matrices).
 * @example
 * stateFidelity(State.bell(), State.bell()).item(); // 1
 * const loss = stateFidelity(circuit.forward(), State.ghz(3)).neg();   // maximize F
 * stateFidelity(rho, sigma).item() ** 2;   // the squared convention
 */
export function stateFidelity(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  options: FidelityOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "stateFidelity");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "stateFidelity");
  if (rho instanceof State && sigma instanceof State) {
    return overlapOp("stateFidelity", rho, sigma, {
      value: (s) => Math.sqrt(s),
      partials: (s) => [0.5 / Math.sqrt(Math.max(s, 1e-300)), 0, 0],
    });
  }
  const a = densityInput(rho, "rho", "stateFidelity", options.densityTol);
  const b = densityInput(sigma, "sigma", "stateFidelity", options.densityTol);
  sameDim(a, b, "rho", "sigma");
  const s = sqrtPsd(a.data);
  let f = 0;
  for (const v of eigvalsHermitian(matmul(matmul(s, b.data), s))) f += Math.sqrt(Math.max(0, v));
  // Rounding can push the fidelity of (nearly) equal states a hair above 1; snap it back so
  // 1 - F^2 stays non-negative.
  if (f > 1 && f < 1 + 1e-9) f = 1;
  return mixedStateValue("stateFidelity", f, [rho, sigma]);
}
