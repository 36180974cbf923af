/** The trace distance T(rho, sigma) = ||rho - sigma||_1 / 2. */
import { type MatrixOrState, sameDim, toMatrix, traceNormHermitian } from "./matrix.js";

/**
 * The trace distance (1/2) sum_i |lambda_i(rho - sigma)|, in [0, 1] for density matrices.
 * @example
 * traceDistance(State.basis(1, 0), State.basis(1, 1)); // 1
 */
export function traceDistance(rho: MatrixOrState, sigma: MatrixOrState): number {
  const a = toMatrix(rho, "rho");
  const b = toMatrix(sigma, "sigma");
  sameDim(a, b, "rho", "sigma");
  const diff = new Float64Array(a.data.length);
  for (let i = 0; i < diff.length; i++) diff[i] = a.data[i]! - b.data[i]!;
  return 0.5 * traceNormHermitian(diff);
}
