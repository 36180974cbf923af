/**
 * The partial transpose rho^{T_S} with respect to a set S of qubits: the PPT criterion,
 * negativity and logarithmic negativity are built on it. A permutation of the entries that is
 * its own inverse, so its backward is the same permutation of the cotangent.
 */

import { ArgumentError, describe } from "../errors.js";
import { customOp, fromData, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { densityBatch, unbatch } from "./density-tensor.js";
import {
  checkQubitList,
  DENSITY_CHECK_OPTIONS,
  type DensityCheckOptions,
  type MatrixOrState,
  qubitCount,
} from "./matrix.js";
import { squareBatch } from "./spectral.js";

/** <i|out|j> = <i'|in|j'> for every matrix of a [batch, d, d] buffer; i', j' swap the bits of `mask`. */
function transposeBits(src: Float64Array, d: number, mask: number): Float64Array {
  const out = new Float64Array(src.length);
  const per = d * d;
  for (let b = 0; b < src.length / (2 * per); b++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const i2 = (i & ~mask) | (j & mask);
        const j2 = (j & ~mask) | (i & mask);
        out[2 * (b * per + i * d + j)] = src[2 * (b * per + i2 * d + j2)]!;
        out[2 * (b * per + i * d + j) + 1] = src[2 * (b * per + i2 * d + j2) + 1]!;
      }
    }
  }
  return out;
}

/**
 * The partial transpose of the qubits `qubits` of every matrix of a complex [batch, d, d]
 * tensor (d = 2^n), differentiable.
 * @example
 * partialTransposeOp(rho, 2, [1]);
 */
export function partialTransposeOp(
  rho: Tensor,
  nQubits: number,
  qubits: readonly number[],
): Tensor {
  checkArity(arguments.length, 3, "partialTransposeOp");
  const [, d] = squareBatch(rho, "partialTransposeOp");
  if (d !== 2 ** nQubits) {
    throw new ArgumentError(
      `partialTransposeOp: nQubits ${describe(nQubits)} does not match the dimension ${d}`,
    );
  }
  checkQubitList(qubits, nQubits, "partialTransposeOp: qubits");
  let mask = 0;
  for (const q of qubits) mask |= 1 << (nQubits - 1 - q);
  return customOp({
    name: "partialTranspose",
    inputs: [rho],
    forward: () => fromData(transposeBits(rho.data, d, mask), rho.shape, "complex128"),
    backward: (g: Tensor) => [fromData(transposeBits(g.data, d, mask), rho.shape, "complex128")],
  });
}

/**
 * Transposes the qubits `qubits` of `rho`: <i|rho^{T_S}|j> = <i'|rho|j'>, where i' and j' swap
 * the bits of i and j on S. A differentiable tensor ([d, d], or [batch, d, d] for batched inputs);
 * raw matrices are taken as they are unless `densityTol` asks for the density-matrix checks.
 * @example
 * partialTranspose(bellRho, [1]); // the swap operator / 2
 */
export function partialTranspose(
  rho: MatrixOrState,
  qubits: readonly number[],
  options: DensityCheckOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "partialTranspose");
  checkOptions(options, DENSITY_CHECK_OPTIONS, "partialTranspose");
  const tol = options.densityTol ?? Number.POSITIVE_INFINITY;
  const { t, batch, dim } = densityBatch(rho, "rho", "partialTranspose", tol);
  const n = qubitCount(dim, "partialTranspose: rho");
  checkQubitList(qubits, n, "qubits");
  return unbatch(partialTransposeOp(t, n, qubits), batch);
}
