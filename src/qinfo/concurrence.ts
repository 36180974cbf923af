/**
 * Wootters' concurrence of a two-qubit state: C = max(0, l1 - l2 - l3 - l4), where l_i are the
 * decreasing square roots of the eigenvalues of rho rho~, rho~ = (Y x Y) conj(rho) (Y x Y).
 * They are computed as the eigenvalues of the Hermitian sqrt(sqrt(rho) rho~ sqrt(rho)).
 */
import { ShapeError } from "../errors.js";
import { matmul } from "../quantum/linalg.js";
import { checkArity, checkOptions } from "../validate.js";
import {
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  densityInput,
  eigvalsHermitian,
  type MatrixOrState,
  sqrtPsd,
} from "./matrix.js";

/**
 * The concurrence of a two-qubit density matrix or state, in [0, 1]; 1 for Bell states.
 * @example
 * concurrence(State.bell()); // 1
 */
export function concurrence(rho: MatrixOrState, options: DensityCheckOptions = {}): number {
  checkArity(arguments.length, 2, "concurrence");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "concurrence");
  const { data, dim } = densityInput(rho, "rho", "concurrence", options.densityTol);
  if (dim !== 4)
    throw new ShapeError(`concurrence: rho must be a two-qubit (4x4) matrix, got ${dim}x${dim}`);
  // (Y x Y) conj(rho) (Y x Y): Y x Y = antidiag(-1, 1, 1, -1), so the entry (i, j) is
  // s_i s_j conj(rho[3 - i, 3 - j]) with s = (-1, 1, 1, -1).
  const sgn = [-1, 1, 1, -1];
  const tilde = new Float64Array(32);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const s = sgn[i]! * sgn[j]!;
      const src = 2 * ((3 - i) * 4 + (3 - j));
      tilde[2 * (i * 4 + j)] = s * data[src]!;
      tilde[2 * (i * 4 + j) + 1] = -s * data[src + 1]!;
    }
  }
  const r = sqrtPsd(data);
  const l = Array.from(eigvalsHermitian(matmul(matmul(r, tilde), r)), (v) =>
    Math.sqrt(Math.max(0, v)),
  );
  l.sort((a, b) => b - a);
  return Math.max(0, l[0]! - l[1]! - l[2]! - l[3]!);
}
