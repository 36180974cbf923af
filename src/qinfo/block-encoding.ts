/**
 * Block encoding of a Hermitian matrix (Paddle Quantum's `block_enc_herm`): for Hermitian H with
 * ||H|| <= 1, the unitary W = [[H, sqrt(I - H^2)], [sqrt(I - H^2), -H]] on one more qubit (the
 * ancilla is qubit 0, the most significant), so (<0| (x) I) W (|0> (x) I) = H. W is unitary
 * because H and sqrt(I - H^2) commute.
 */
import { ArgumentError } from "../errors.js";
import { eighHermitian, isHermitian, matrixDim } from "../quantum/linalg.js";
import { checkArity } from "../validate.js";
import { hermitianFunction } from "./matrix.js";

/**
 * The one-ancilla block encoding [[H, sqrt(I - H^2)], [sqrt(I - H^2), -H]] of a Hermitian H of
 * spectral norm at most 1 (to `tol`, default 1e-10).
 * @example
 * blockEncodingHermitian(fromRows([[0.5, 0], [0, -0.2]])); // a 4 x 4 unitary
 */
export function blockEncodingHermitian(h: Float64Array, tol = 1e-10): Float64Array {
  checkArity(arguments.length, 2, "blockEncodingHermitian");
  const d = matrixDim(h, "blockEncodingHermitian: h");
  if (!(typeof tol === "number" && tol >= 0)) {
    throw new ArgumentError(
      `blockEncodingHermitian: tol must be a non-negative number, got ${tol}`,
    );
  }
  if (!isHermitian(h, tol)) {
    throw new ArgumentError(`blockEncodingHermitian: h is not Hermitian (to ${tol})`);
  }
  const l = eighHermitian(h).values;
  const norm = Math.max(Math.abs(l[0]!), Math.abs(l[d - 1]!));
  if (norm > 1 + tol) {
    throw new ArgumentError(
      `blockEncodingHermitian: h has spectral norm ${norm}, expected <= 1 (within ${tol})`,
    );
  }
  const s = hermitianFunction(h, (x) => Math.sqrt(Math.max(0, 1 - x * x)));
  const D = 2 * d;
  const w = new Float64Array(2 * D * D);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      for (const c of [0, 1]) {
        const hv = h[2 * (i * d + j) + c]!;
        const sv = s[2 * (i * d + j) + c]!;
        w[2 * (i * D + j) + c] = hv;
        w[2 * (i * D + d + j) + c] = sv;
        w[2 * ((d + i) * D + j) + c] = sv;
        w[2 * ((d + i) * D + d + j) + c] = -hv;
      }
    }
  }
  return w;
}
