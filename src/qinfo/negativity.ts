/**
 * Entanglement from the partial transpose: negativity N = (||rho^{T_B}||_1 - 1) / 2, logarithmic
 * negativity E_N = log2 ||rho^{T_B}||_1, and the PPT (Peres-Horodecki) test.
 *
 * B, the transposed part, defaults to the second half of the qubits (qubit 1 of two qubits);
 * the trace norm doesn't depend on which side of a bipartition is transposed.
 */
import { ArgumentError, describe } from "../errors.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import {
  type DensityCheckOptions,
  densityInput,
  eigvalsHermitian,
  type MatrixOrState,
  qubitCount,
} from "./matrix.js";
import { partialTranspose } from "./partial-transpose.js";

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

function transposedSpectrum(
  rho: MatrixOrState,
  options: BipartitionOptions,
  where: string,
): Float64Array {
  const m = densityInput(rho, "rho", where, options.densityTol);
  const n = qubitCount(m.dim, "rho");
  if (n < 2) throw new ArgumentError(`rho: needs at least 2 qubits for a bipartition, has ${n}`);
  const qubitsB =
    options.qubitsB ??
    Array.from({ length: n - Math.floor(n / 2) }, (_, i) => Math.floor(n / 2) + i);
  if (qubitsB.length === 0 || qubitsB.length === n) {
    throw new ArgumentError(
      `qubitsB: ${describe(qubitsB)} must be a proper non-empty subset of the ${n} qubits`,
    );
  }
  return eigvalsHermitian(partialTranspose(m.data, qubitsB));
}

/**
 * (||rho^{T_B}||_1 - 1) / 2 = the sum of |negative eigenvalues| of rho^{T_B}; 0.5 for a Bell state.
 * @example
 * negativity(State.bell()); // 0.5
 */
export function negativity(rho: MatrixOrState, options: BipartitionOptions = {}): number {
  checkArity(arguments.length, 2, "negativity");
  checkOptions(options, BIPARTITION_OPTIONS, "negativity");
  let s = 0;
  for (const v of transposedSpectrum(rho, options, "negativity")) if (v < 0) s -= v;
  return s;
}

/**
 * log2 ||rho^{T_B}||_1; 1 for a Bell state, 0 for PPT states.
 * @example
 * logarithmicNegativity(State.bell()); // 1
 */
export function logarithmicNegativity(
  rho: MatrixOrState,
  options: BipartitionOptions = {},
): number {
  checkArity(arguments.length, 2, "logarithmicNegativity");
  checkOptions(options, BIPARTITION_OPTIONS, "logarithmicNegativity");
  let norm = 0;
  for (const v of transposedSpectrum(rho, options, "logarithmicNegativity")) norm += Math.abs(v);
  return Math.max(0, Math.log2(norm));
}

/**
 * Whether rho^{T_B} is positive semidefinite (to `tol`); every separable state is PPT, and for
 * 2x2 and 2x3 systems PPT means separable.
 * @example
 * isPpt(State.bell()); // false
 */
export function isPpt(rho: MatrixOrState, options: PptOptions = {}): boolean {
  checkArity(arguments.length, 2, "isPpt");
  checkOptions(options, PPT_OPTIONS, "isPpt");
  const tol = options.tol ?? 1e-10;
  return transposedSpectrum(rho, options, "isPpt")[0]! >= -tol;
}
