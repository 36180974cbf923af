/**
 * The state fidelity, in the root (Uhlmann) convention of Nielsen & Chuang and Paddle Quantum:
 * F(rho, sigma) = tr sqrt( sqrt(rho) sigma sqrt(rho) ), which is |<psi|phi>| for pure states,
 * and its square F^2 (Qiskit's and Jozsa's "fidelity"): `stateFidelitySquared`.
 * The Fuchs-van de Graaf inequalities read 1 - F <= T <= sqrt(1 - F^2).
 *
 * Mixed inputs are differentiated through the eigen-decompositions (`spectral.ts`): sqrt(rho)
 * by the Daleckii-Krein formula, tr sqrt(M) by V diag(1 / (2 sqrt(lambda))) V^dagger, where
 * eigenvalues at 0 (rank-deficient states) take the subgradient 0.
 */
import { State } from "../quantum/state/state.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { densityPair, unbatch } from "./density-tensor.js";
import { DENSITY_CHECK_OPTIONS, type DensityCheckOptions, type MatrixOrState } from "./matrix.js";
import { overlapOp } from "./overlap.js";
import { spectralScalar, sqrtm, sqrtSum, zeroThreshold } from "./spectral.js";

/** Options of `stateFidelity` and `stateFidelitySquared`. */
export type FidelityOptions = DensityCheckOptions;

/** tr sqrt(sqrt(rho) sigma sqrt(rho)) per batch element, [batch]. */
function mixedFidelity(rho: MatrixOrState, sigma: MatrixOrState, where: string, tol?: number) {
  const [a, b] = densityPair(rho, sigma, where, tol);
  const s = sqrtm(a.t);
  const value = spectralScalar(where, s.matmul(b.t).matmul(s), (l) => {
    const r = sqrtSum(l, zeroThreshold(l)); // sqrt at 0: subgradient 0
    // Rounding can push the fidelity of (nearly) equal states a hair above 1; snap it back so
    // 1 - F^2 stays non-negative.
    return { value: r.value > 1 && r.value < 1 + 1e-9 ? 1 : r.value, grad: r.grad };
  });
  return unbatch(value, Math.max(a.batch, b.batch));
}

/**
 * The root fidelity F = tr sqrt(sqrt(rho) sigma sqrt(rho)) of two states, in [0, 1]: `State`s
 * (pure: F = |<rho|sigma>|, one fused backward, no matrices), `DensityMatrix`es (the outputs of
 * noisy circuits), or raw matrices and tensors (checked to be density matrices within
 * `densityTol`), in any mix. A 0-d tensor (shape [batch] for batched inputs, each batch 1 or
 * both equal), differentiable in both arguments.
 * @example
 * stateFidelity(State.bell(), State.bell()).item(); // 1
 * const loss = stateFidelity(circuit.forward(DensityMatrix.zero(2)), target).neg(); // maximize F
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
  return mixedFidelity(rho, sigma, "stateFidelity", options.densityTol);
}

/**
 * The squared fidelity F^2 (|<psi|phi>|^2 for pure states), otherwise like `stateFidelity`.
 * @example
 * stateFidelitySquared(State.basis(1, 0), State.fromAmplitudes(plus)).item(); // 0.5
 */
export function stateFidelitySquared(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  options: FidelityOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "stateFidelitySquared");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "stateFidelitySquared");
  if (rho instanceof State && sigma instanceof State) {
    return overlapOp("stateFidelitySquared", rho, sigma, {
      value: (s) => s,
      partials: () => [1, 0, 0],
    });
  }
  return mixedFidelity(rho, sigma, "stateFidelitySquared", options.densityTol).square();
}
