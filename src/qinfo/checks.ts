/**
 * Property checks of matrices: unitary, Hermitian, positive semidefinite, density matrix. Each
 * takes a tolerance; a wrong shape throws a ShapeError naming the argument.
 */
import { ArgumentError, describe } from "../errors.js";
import { dagger, identity, matmul, matrixDim, maxAbsDiff } from "../quantum/linalg.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { eigvalsHermitian, type MatrixOrState, toMatrix, trace } from "./matrix.js";

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
