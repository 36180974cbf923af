/** Purity tr(rho^2): 1 for pure states, 1/d for the maximally mixed state. */
import { checkArity, checkOptions } from "../validate.js";
import {
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  densityInput,
  type MatrixOrState,
} from "./matrix.js";

/**
 * tr(rho^2) = sum_ij |rho_ij|^2 of a density matrix (raw matrices are checked within `densityTol`).
 * @example
 * purity(identity(4).map((x) => x / 4)); // 0.25
 */
export function purity(rho: MatrixOrState, options: DensityCheckOptions = {}): number {
  checkArity(arguments.length, 2, "purity");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "purity");
  const { data } = densityInput(rho, "rho", "purity", options.densityTol);
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return s;
}
