/**
 * Property checks of matrices: unitary, Hermitian, positive semidefinite, density matrix, Choi
 * matrix of a channel, state vector, projector. Each
 * takes a tolerance; a wrong shape throws a ShapeError naming the argument.
 */
import { ArgumentError, describe } from "../errors.js";
import { dagger, identity, matmul, matrixDim, maxAbsDiff } from "../quantum/linalg.js";
import { State } from "../quantum/state/state.js";
import { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { eigvalsHermitian, type MatrixOrState, toMatrix, trace } from "./matrix.js";
import { partialTraceContiguous } from "./partial-trace.js";

function checkTol(tol: number): number {
  if (!(Number.isFinite(tol) && tol >= 0)) {
    throw new ArgumentError(`tol must be a non-negative number, got ${describe(tol)}`);
  }
  return tol;
}

/**
 * Whether U^dagger U = I, entry-wise to `tol` (default 1e-8).
 * @example
 * isUnitary(randomUnitary(2, { seed: 1 })); // true
 */
export function isUnitary(u: Float64Array, tol = 1e-8): boolean {
  checkArity(arguments.length, 2, "isUnitary");
  const d = matrixDim(u, "u");
  return maxAbsDiff(matmul(dagger(u), u), identity(d)) <= checkTol(tol);
}

/**
 * Whether M = M^dagger, entry-wise to `tol` (default 1e-10).
 * @example
 * isHermitian(fromRows([[1, 2], [2, 1]])); // true
 */
export function isHermitian(m: MatrixOrState, tol = 1e-10): boolean {
  checkArity(arguments.length, 2, "isHermitian");
  const { data } = toMatrix(m, "m");
  return maxAbsDiff(data, dagger(data)) <= checkTol(tol);
}

/**
 * Whether M is Hermitian and positive semidefinite (smallest eigenvalue >= -tol, default 1e-10).
 * @example
 * isPositive(identity(2)); // true
 */
export function isPositive(m: MatrixOrState, tol = 1e-10): boolean {
  checkArity(arguments.length, 2, "isPositive");
  const { data } = toMatrix(m, "m");
  if (!isHermitian(data, tol)) return false;
  return eigvalsHermitian(data)[0]! >= -tol;
}

const IS_DENSITY_OPTIONS = optionKeys<OptionsOf<typeof isDensityMatrix, 2>>({ qubits: true });

/**
 * Whether rho is a density matrix: Hermitian, positive semidefinite and of trace 1 (to `tol`,
 * default 1e-8); with `qubits: true` (default) its dimension must also be a power of two.
 * @example
 * isDensityMatrix(randomDensityOperator(2, { seed: 1 })); // true
 */
export function isDensityMatrix(
  rho: MatrixOrState,
  tol = 1e-8,
  options: { qubits?: boolean } = {},
): boolean {
  checkArity(arguments.length, 3, "isDensityMatrix");
  checkOptions(options, IS_DENSITY_OPTIONS, "isDensityMatrix");
  const { data, dim } = toMatrix(rho, "rho");
  if ((options.qubits ?? true) && (dim < 2 || (dim & (dim - 1)) !== 0)) return false;
  const [re, im] = trace(data);
  if (Math.abs(re - 1) > tol || Math.abs(im) > tol) return false;
  return isPositive(data, tol);
}

const IS_CHOI_OPTIONS = optionKeys<OptionsOf<typeof isChoi, 1>>({ tol: true, inputDim: true });

/**
 * Whether `choi` is the Choi matrix J = sum_ij |i><j| (x) E(|i><j|) (input factor first, as
 * `krausToChoi`) of a quantum channel: positive semidefinite (completely positive) and with
 * tr_out J = I (trace preserving), both to `tol` (default 1e-8). The input dimension defaults to
 * sqrt(dim J) (equal input and output dimensions).
 * @example
 * isChoi(amplitudeDamping(0.2).choi()); // true
 */
export function isChoi(
  choi: Float64Array,
  options: { tol?: number; inputDim?: number } = {},
): boolean {
  checkArity(arguments.length, 2, "isChoi");
  checkOptions(options, IS_CHOI_OPTIONS, "isChoi");
  const tol = checkTol(options.tol ?? 1e-8);
  const dim = matrixDim(choi, "choi");
  const dIn = options.inputDim ?? Math.round(Math.sqrt(dim));
  if (!Number.isInteger(dIn) || dIn < 1 || dim % dIn !== 0) {
    throw new ArgumentError(
      `isChoi: inputDim must be a positive integer dividing the dimension ${dim}, got ${describe(options.inputDim ?? dIn)}`,
    );
  }
  const dOut = dim / dIn;
  if (options.inputDim === undefined && dIn * dIn !== dim) {
    throw new ArgumentError(
      `isChoi: dimension ${dim} is not a square; pass inputDim for channels between different dimensions`,
    );
  }
  // tr_out J = I_in
  const reduced = partialTraceContiguous(choi, dIn, dOut, "B", { densityTol: Infinity }).data;
  if (maxAbsDiff(reduced, identity(dIn)) > tol) return false;
  return isPositive(choi, tol);
}

/**
 * Whether `v` is a normalized state vector of qubits: a `State` (every batch element), or
 * interleaved amplitudes (`Float64Array` of length 2^(n+1)) or a complex tensor [2^n], of norm 1
 * to `tol` (default 1e-8).
 * @example
 * isStateVector(randomStateVector(2, { seed: 1 })); // true
 */
export function isStateVector(v: Float64Array | Tensor | State, tol = 1e-8): boolean {
  checkArity(arguments.length, 2, "isStateVector");
  checkTol(tol);
  let data: Float64Array;
  let dim: number;
  if (v instanceof State) {
    data = v.toArray();
    dim = 2 ** v.nQubits;
  } else if (v instanceof Float64Array) {
    data = v;
    dim = v.length / 2;
  } else if (v instanceof Tensor) {
    if (v.ndim !== 1) return false;
    data = v.toComplex().data;
    dim = v.shape[0]!;
  } else {
    throw new ArgumentError(
      `isStateVector: v must be a State, a Float64Array or a Tensor, got ${describe(v)}`,
    );
  }
  if (!Number.isInteger(dim) || dim < 2 || (dim & (dim - 1)) !== 0) return false;
  for (let b = 0; b < data.length / (2 * dim); b++) {
    let norm = 0;
    for (let i = 2 * b * dim; i < 2 * (b + 1) * dim; i++) norm += data[i]! * data[i]!;
    if (!(Math.abs(Math.sqrt(norm) - 1) <= tol)) return false;
  }
  return true;
}

/**
 * Whether P^2 = P entry-wise to `tol` (default 1e-8): a projector (orthogonal or not).
 * @example
 * isProjector(randomOrthogonalProjection(2, { seed: 1 })); // true
 */
export function isProjector(p: MatrixOrState, tol = 1e-8): boolean {
  checkArity(arguments.length, 2, "isProjector");
  const { data } = toMatrix(p, "p");
  return maxAbsDiff(matmul(data, data), data) <= checkTol(tol);
}
