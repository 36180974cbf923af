/**
 * The partial transpose rho^{T_S} with respect to a set S of qubits: the PPT criterion,
 * negativity and logarithmic negativity are built on it.
 */

import { checkArity } from "../validate.js";
import { checkQubitList, type MatrixOrState, qubitCount, toMatrix } from "./matrix.js";

/**
 * Transposes the qubits `qubits` of `rho`: <i|rho^{T_S}|j> = <i'|rho|j'>, where i' and j' swap
 * the bits of i and j on S.
 * @example
 * partialTranspose(bellRho, [1]); // the swap operator / 2
 */
export function partialTranspose(rho: MatrixOrState, qubits: readonly number[]): Float64Array {
  checkArity(arguments.length, 2, "partialTranspose");
  const { data, dim } = toMatrix(rho, "rho");
  const n = qubitCount(dim, "rho");
  checkQubitList(qubits, n, "qubits");
  let mask = 0;
  for (const q of qubits) mask |= 1 << (n - 1 - q);
  const out = new Float64Array(data.length);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      const i2 = (i & ~mask) | (j & mask);
      const j2 = (j & ~mask) | (i & mask);
      out[2 * (i * dim + j)] = data[2 * (i2 * dim + j2)]!;
      out[2 * (i * dim + j) + 1] = data[2 * (i2 * dim + j2) + 1]!;
    }
  }
  return out;
}
