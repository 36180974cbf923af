/**
 * Entanglement from the partial transpose: negativity N = (||rho^{T_B}||_1 - 1) / 2, logarithmic
 * negativity E_N = log2 ||rho^{T_B}||_1, and the PPT (Peres-Horodecki) test.
 *
 * B, the transposed part, defaults to the second half of the qubits (qubit 1 of two qubits);
 * the trace norm doesn't depend on which side of a bipartition is transposed.
 */
import { ArgumentError, describe } from "../errors.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { densityBatch, unbatch } from "./density-tensor.js";
import {
  checkQubitList,
  type DensityCheckOptions,
  eigvalsHermitian,
  type MatrixOrState,
  qubitCount,
} from "./matrix.js";
import { partialTransposeOp } from "./partial-transpose.js";
import { spectralScalar, zeroThreshold } from "./spectral.js";

/** Options of the partial-transpose entanglement measures. */
export interface BipartitionOptions extends DensityCheckOptions {
  /** Qubits of subsystem B, the part transposed (default: the second half, floor(n/2)..n-1). */
  qubitsB?: readonly number[];
}

const BIPARTITION_OPTIONS = optionKeys<BipartitionOptions>({
  qubitsB: true,
  densityTol: true,
});

/** Options of `isPpt`: the bipartition and the tolerance of the PPT test. */
export interface PptOptions extends BipartitionOptions {
  /** Smallest eigenvalue of rho^{T_B} still counted as >= 0 is -tol (default 1e-10). */
  tol?: number;
}

const PPT_OPTIONS = mergeKeys(
  BIPARTITION_OPTIONS,
  optionKeys<Pick<PptOptions, "tol">>({ tol: true }),
);

/** rho^{T_B} as a [batch, d, d] tensor in the graph of rho, and the batch. */
function transposed(rho: MatrixOrState, options: BipartitionOptions, where: string) {
  const { t, batch, dim } = densityBatch(rho, "rho", where, options.densityTol);
  const n = qubitCount(dim, `${where}: rho`);
  if (n < 2) {
    throw new ArgumentError(`${where}: rho needs at least 2 qubits for a bipartition, has ${n}`);
  }
  const qubitsB =
    options.qubitsB ??
    Array.from({ length: n - Math.floor(n / 2) }, (_, i) => Math.floor(n / 2) + i);
  checkQubitList(qubitsB, n, "qubitsB");
  if (qubitsB.length === 0 || qubitsB.length === n) {
    throw new ArgumentError(
      `qubitsB: ${describe(qubitsB)} must be a proper non-empty subset of the ${n} qubits`,
    );
  }
  return { pt: partialTransposeOp(t, n, qubitsB), batch };
}

/**
 * (||rho^{T_B}||_1 - 1) / 2 = the sum of |negative eigenvalues| of rho^{T_B}; 0.5 for a Bell
 * state. A differentiable 0-d tensor ([batch] for batched inputs); the gradient is
 * -(projector onto the negative eigenspace)^{T_B}, with zero eigenvalues counted as non-negative.
 * @example
 * negativity(State.bell()).item(); // 0.5
 */
export function negativity(rho: MatrixOrState, options: BipartitionOptions = {}): Tensor {
  checkArity(arguments.length, 2, "negativity");
  checkOptions(options, BIPARTITION_OPTIONS, "negativity");
  const { pt, batch } = transposed(rho, options, "negativity");
  const value = spectralScalar("negativity", pt, (l) => {
    const zero = zeroThreshold(l) * 1e-2;
    let s = 0;
    const grad = new Float64Array(l.length);
    for (let i = 0; i < l.length; i++) {
      if (l[i]! >= -zero) continue;
      s -= l[i]!;
      grad[i] = -1;
    }
    return { value: s, grad };
  });
  return unbatch(value, batch);
}

/**
 * log2 ||rho^{T_B}||_1; 1 for a Bell state, 0 for PPT states. A differentiable 0-d tensor
 * ([batch] for batched inputs), gradient sign(rho^{T_B})^{T_B} / (||.||_1 ln 2), sign(0) = 0.
 * @example
 * logarithmicNegativity(State.bell()).item(); // 1
 */
export function logarithmicNegativity(
  rho: MatrixOrState,
  options: BipartitionOptions = {},
): Tensor {
  checkArity(arguments.length, 2, "logarithmicNegativity");
  checkOptions(options, BIPARTITION_OPTIONS, "logarithmicNegativity");
  const { pt, batch } = transposed(rho, options, "logarithmicNegativity");
  const value = spectralScalar("logarithmicNegativity", pt, (l) => {
    const zero = zeroThreshold(l) * 1e-2;
    let norm = 0;
    for (const v of l) norm += Math.abs(v);
    const log = Math.log2(norm);
    // below 0 only by rounding (the trace norm is >= tr = 1): clipped, gradient 0
    if (!(log > 0)) return { value: 0, grad: new Float64Array(l.length) };
    const c = 1 / (norm * Math.LN2);
    return { value: log, grad: l.map((v) => (Math.abs(v) <= zero ? 0 : c * Math.sign(v))) };
  });
  return unbatch(value, batch);
}

/**
 * Whether rho^{T_B} is positive semidefinite (to `tol`; every batch element); every separable state is PPT, and for
 * 2x2 and 2x3 systems PPT means separable.
 * @example
 * isPpt(State.bell()); // false
 */
export function isPpt(rho: MatrixOrState, options: PptOptions = {}): boolean {
  checkArity(arguments.length, 2, "isPpt");
  checkOptions(options, PPT_OPTIONS, "isPpt");
  const tol = options.tol ?? 1e-10;
  const { pt } = transposed(rho, options, "isPpt");
  const d = pt.shape[pt.shape.length - 1]!;
  const per = 2 * d * d;
  for (let b = 0; b < pt.data.length / per; b++) {
    if (eigvalsHermitian(pt.data.slice(b * per, (b + 1) * per))[0]! < -tol) return false;
  }
  return true;
}
