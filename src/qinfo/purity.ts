/** Purity tr(rho^2): 1 for pure states, 1/d for the maximally mixed state. */
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { densityBatch, unbatch } from "./density-tensor.js";
import { DENSITY_CHECK_OPTIONS, type DensityCheckOptions, type MatrixOrState } from "./matrix.js";

/**
 * tr(rho^2) = sum_ij |rho_ij|^2 of a density matrix (raw matrices are checked within
 * `densityTol`), a differentiable 0-d tensor ([batch] for batched inputs).
 * @example
 * purity(identity(4).map((x) => x / 4)).item(); // 0.25
 */
export function purity(rho: MatrixOrState, options: DensityCheckOptions = {}): Tensor {
  checkArity(arguments.length, 2, "purity");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "purity");
  const { t, batch } = densityBatch(rho, "rho", "purity", options.densityTol);
  return unbatch(t.real().square().add(t.imag().square()).sum([1, 2]), batch);
}
