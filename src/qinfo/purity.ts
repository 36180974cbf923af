/** Purity tr(rho^2): 1 for pure states, 1/d for the maximally mixed state. */
import { type MatrixOrState, toMatrix } from "./matrix.js";

/**
 * tr(rho^2) = sum_ij |rho_ij|^2 for a Hermitian rho.
 * @example
 * purity(identity(4).map((x) => x / 4)); // 0.25
 */
export function purity(rho: MatrixOrState): number {
  const { data } = toMatrix(rho, "rho");
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]! * data[i]!;
  return s;
}
