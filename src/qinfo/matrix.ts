/**
 * Inputs of the qinfo functions and the small dense helpers they share.
 *
 * A matrix is an interleaved complex `Float64Array` (re, im pairs), row-major, `d x d`, as in
 * `quantum/linalg.ts`. A pure state may be passed as a `State` (batch 1) wherever a density
 * matrix is expected; it is turned into |psi><psi|. A plain `Float64Array` always means a matrix
 * (a vector of length 2d and a matrix of length 2d^2 can't be told apart by length alone), so
 * pass amplitude vectors through `pureDensity` or `State.fromAmplitudes`.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { eighHermitian, matrixDim } from "../quantum/linalg.js";
import { State } from "../quantum/state/state.js";
import { Tensor } from "../tensor/index.js";
import { optionKeys } from "../validate.js";

/**
 * Anything with a density matrix: the `DensityMatrix` class of `quantum/` is accepted through
 * this shape (`nQubits`, `batch` and `toArray()` returning the interleaved 2^n x 2^n matrix).
 */
export interface DensityMatrixLike {
  /** Number of qubits. */
  readonly nQubits: number;
  /** Batch size (default 1); qinfo accepts batch 1 only. */
  readonly batch?: number;
  /** The interleaved 2^n x 2^n matrix. */
  toArray(): Float64Array;
}

/**
 * A density matrix (or any square matrix) as qinfo accepts it: an interleaved `Float64Array`, a
 * `d x d` tensor (float64 or complex128; `[1, d, d]` too), a `State` or a `DensityMatrix`.
 */
export type MatrixOrState = Float64Array | Tensor | State | DensityMatrixLike;

/** A validated square matrix and its dimension. */
export interface SquareMatrix {
  /** The matrix, row-major, interleaved re, im. */
  readonly data: Float64Array;
  /** Number of rows (and columns). */
  readonly dim: number;
}

/**
 * |psi><psi| for an interleaved amplitude vector (length 2d).
 * @example
 * pureDensity(new Float64Array([1, 0, 0, 0])); // |0><0|
 */
export function pureDensity(amplitudes: Float64Array, argName = "amplitudes"): Float64Array {
  if (!(amplitudes instanceof Float64Array) || amplitudes.length < 2 || amplitudes.length % 2) {
    throw new ShapeError(
      `${argName}: expected interleaved complex amplitudes (even length >= 2), got ${describe(amplitudes)}`,
    );
  }
  const d = amplitudes.length / 2;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    const ar = amplitudes[2 * i]!;
    const ai = amplitudes[2 * i + 1]!;
    for (let j = 0; j < d; j++) {
      const br = amplitudes[2 * j]!;
      const bi = -amplitudes[2 * j + 1]!;
      out[2 * (i * d + j)] = ar * br - ai * bi;
      out[2 * (i * d + j) + 1] = ar * bi + ai * br;
    }
  }
  return out;
}

/**
 * The amplitudes of a batch-1 `State`, validated.
 * @example
 * stateVector(State.bell(), "psi"); // Float64Array(8)
 */
export function stateVector(state: State, argName: string): Float64Array {
  if (state.batch !== 1) {
    throw new ArgumentError(`${argName}: expected a State of batch 1, got batch ${state.batch}`);
  }
  return state.toArray();
}

function isDensityLike(x: unknown): x is DensityMatrixLike {
  return (
    x !== null &&
    typeof x === "object" &&
    typeof (x as DensityMatrixLike).nQubits === "number" &&
    typeof (x as DensityMatrixLike).toArray === "function"
  );
}

/**
 * Any accepted input as a validated square matrix: a matrix is used as is (not copied), a
 * `State` becomes |psi><psi|, a `DensityMatrix` is read out.
 * @example
 * const { data, dim } = toMatrix(State.bell(), "rho"); // dim 4
 */
export function toMatrix(x: MatrixOrState, argName: string): SquareMatrix {
  if (x instanceof Float64Array) return { data: x, dim: matrixDim(x, argName) };
  if (x instanceof Tensor) return tensorMatrix(x, argName);
  if (x instanceof State) {
    const m = pureDensity(stateVector(x, argName), argName);
    return { data: m, dim: 2 ** x.nQubits };
  }
  if (isDensityLike(x)) {
    if (x.batch !== undefined && x.batch !== 1) {
      throw new ArgumentError(
        `${argName}: expected a density matrix of batch 1, got batch ${x.batch}`,
      );
    }
    const data = x.toArray();
    const dim = matrixDim(data, argName);
    if (dim !== 2 ** x.nQubits) {
      throw new ShapeError(`${argName}: a ${x.nQubits}-qubit density matrix has dimension ${dim}`);
    }
    return { data, dim };
  }
  throw new ArgumentError(
    `${argName}: expected a Float64Array matrix, a State or a DensityMatrix, got ${describe(x)}`,
  );
}

/** A `[d, d]` (or `[1, d, d]`) tensor as an interleaved matrix (a copy for float64). */
function tensorMatrix(t: Tensor, argName: string): SquareMatrix {
  const shape = t.shape.length === 3 && t.shape[0] === 1 ? t.shape.slice(1) : t.shape;
  if (shape.length !== 2 || shape[0] !== shape[1] || shape[0] === 0) {
    throw new ShapeError(
      `${argName}: expected a square [d, d] tensor, got shape [${t.shape.join(", ")}]`,
    );
  }
  const dim = shape[0]!;
  if (t.isComplex) return { data: t.data, dim };
  const data = new Float64Array(2 * dim * dim);
  for (let i = 0; i < dim * dim; i++) data[2 * i] = t.data[i]!;
  return { data, dim };
}

/** Whether `x` is a raw matrix (not a `State` or `DensityMatrix`, which are valid by construction). */
function isRawMatrix(x: MatrixOrState): boolean {
  return x instanceof Float64Array || x instanceof Tensor;
}

/** Options of the qinfo functions that take density matrices. */
export interface DensityCheckOptions {
  /**
   * How far a raw matrix or tensor may be from a density matrix (default 1e-8): |tr rho - 1|, the
   * largest |rho_ij - conj(rho_ji)| and minus its smallest eigenvalue must not exceed it.
   * `State` and `DensityMatrix` inputs are valid by construction and not checked; `Infinity`
   * skips the checks (to apply the function to any square matrix).
   */
  densityTol?: number;
}

/** The keys of `DensityCheckOptions`. */
export const DENSITY_CHECK_OPTIONS = optionKeys<DensityCheckOptions>({ densityTol: true });

/** The default tolerance of the density-matrix checks. */
export const DEFAULT_DENSITY_TOL = 1e-8;

/** Shortest readable form of a number for an error message. */
function fmt(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/**
 * Like `toMatrix`, for an argument that must be a density matrix: a raw matrix or tensor is
 * checked to be finite, of trace 1, Hermitian and positive semidefinite within `tol`, and the
 * error says which check failed and by how much.
 * @example
 * densityInput(fromRows([[2, 0], [0, 0]]), "rho", "purity");
 * // ArgumentError: purity: rho has trace 2 (expected 1 within 1e-8)
 */
export function densityInput(
  x: MatrixOrState,
  argName: string,
  where: string,
  tol: number = DEFAULT_DENSITY_TOL,
): SquareMatrix {
  if (!(typeof tol === "number" && tol >= 0)) {
    throw new ArgumentError(
      `${where}: densityTol must be a non-negative number, got ${describe(tol)}`,
    );
  }
  const m = toMatrix(x, `${where}: ${argName}`);
  if (!isRawMatrix(x) || tol === Number.POSITIVE_INFINITY) return m;
  const { data, dim } = m;
  const at = (i: number, j: number) => 2 * (i * dim + j);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const e = i >> 1;
      throw new ArgumentError(
        `${where}: ${argName} has a non-finite entry ${data[i]} at (${Math.floor(e / dim)}, ${e % dim})`,
      );
    }
  }
  let tr = 0;
  let trIm = 0;
  for (let i = 0; i < dim; i++) {
    tr += data[at(i, i)]!;
    trIm += data[at(i, i) + 1]!;
  }
  if (Math.hypot(tr - 1, trIm) > tol) {
    const shown =
      Math.abs(trIm) > tol ? `${fmt(tr)} ${trIm < 0 ? "-" : "+"} ${fmt(Math.abs(trIm))}i` : fmt(tr);
    throw new ArgumentError(`${where}: ${argName} has trace ${shown} (expected 1 within ${tol})`);
  }
  let worst = 0;
  let wi = 0;
  let wj = 0;
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      const dev = Math.hypot(
        data[at(i, j)]! - data[at(j, i)]!,
        data[at(i, j) + 1]! + data[at(j, i) + 1]!,
      );
      if (dev > worst) [worst, wi, wj] = [dev, i, j];
    }
  }
  if (worst > tol) {
    throw new ArgumentError(
      `${where}: ${argName} is not Hermitian: ${argName}[${wi}][${wj}] and conj(${argName}[${wj}][${wi}]) differ by ${fmt(worst)} (expected within ${tol})`,
    );
  }
  if (!choleskySucceeds(data, dim, tol)) {
    // the fast test failed: the exact smallest eigenvalue decides and goes into the message
    const lowest = eigvalsHermitian(data)[0]!;
    if (lowest < -tol) {
      throw new ArgumentError(
        `${where}: ${argName} is not positive semidefinite: its smallest eigenvalue is ${fmt(lowest)} (expected >= -${tol})`,
      );
    }
  }
  return m;
}

/**
 * Whether the Cholesky factorization of the Hermitian `m + shift I` runs to the end with positive
 * pivots, i.e. (up to rounding) whether every eigenvalue of m exceeds -shift. O(d^3 / 3), much
 * cheaper than an eigen-decomposition.
 */
function choleskySucceeds(m: Float64Array, d: number, shift: number): boolean {
  const l = new Float64Array(2 * d * d); // lower triangle, interleaved
  for (let j = 0; j < d; j++) {
    let pivot = m[2 * (j * d + j)]! + shift;
    for (let k = 0; k < j; k++) pivot -= l[2 * (j * d + k)]! ** 2 + l[2 * (j * d + k) + 1]! ** 2;
    if (!(pivot > 0)) return false;
    const ljj = Math.sqrt(pivot);
    l[2 * (j * d + j)] = ljj;
    for (let i = j + 1; i < d; i++) {
      // L_ij = (m_ij - sum_k L_ik conj(L_jk)) / L_jj
      let re = m[2 * (i * d + j)]!;
      let im = m[2 * (i * d + j) + 1]!;
      for (let k = 0; k < j; k++) {
        const ar = l[2 * (i * d + k)]!;
        const ai = l[2 * (i * d + k) + 1]!;
        const br = l[2 * (j * d + k)]!;
        const bi = l[2 * (j * d + k) + 1]!;
        re -= ar * br + ai * bi;
        im -= ai * br - ar * bi;
      }
      l[2 * (i * d + j)] = re / ljj;
      l[2 * (i * d + j) + 1] = im / ljj;
    }
  }
  return true;
}

/**
 * The number of qubits of dimension `dim`, which must be a power of two.
 * @example
 * qubitCount(8, "rho"); // 3
 */
export function qubitCount(dim: number, argName: string): number {
  const n = Math.round(Math.log2(dim));
  if (2 ** n !== dim || n < 1) {
    throw new ShapeError(`${argName}: dimension ${dim} is not 2^n for n >= 1 qubits`);
  }
  return n;
}

/**
 * Validates a list of distinct qubit indices in [0, nQubits).
 * @example
 * checkQubitList([0, 2], 3, "qubits");
 */
export function checkQubitList(
  qubits: readonly number[],
  nQubits: number,
  argName: string,
): readonly number[] {
  if (!Array.isArray(qubits)) {
    throw new ArgumentError(
      `${argName}: expected an array of qubit indices, got ${describe(qubits)}`,
    );
  }
  const seen = new Set<number>();
  for (const q of qubits) {
    if (!Number.isInteger(q) || q < 0 || q >= nQubits) {
      throw new ArgumentError(
        `${argName}: qubit ${describe(q)} out of range [0, ${nQubits - 1}] in ${describe(qubits)}`,
      );
    }
    if (seen.has(q))
      throw new ArgumentError(`${argName}: qubit ${q} repeated in ${describe(qubits)}`);
    seen.add(q);
  }
  return qubits;
}

/**
 * The trace of a square matrix as (re, im).
 * @example
 * trace(identity(4)); // [4, 0]
 */
export function trace(m: Float64Array): [number, number] {
  const d = matrixDim(m, "m");
  let re = 0;
  let im = 0;
  for (let i = 0; i < d; i++) {
    re += m[2 * (i * d + i)]!;
    im += m[2 * (i * d + i) + 1]!;
  }
  return [re, im];
}

/**
 * The eigenvalues (ascending) of a Hermitian matrix.
 * @example
 * eigvalsHermitian(fromRows([[0, 1], [1, 0]])); // Float64Array [-1, 1]
 */
export function eigvalsHermitian(m: Float64Array): Float64Array {
  return eighHermitian(m).values;
}

/**
 * `f(M) = V diag(f(lambda)) V^dagger` for a Hermitian `M` and a real function `f`.
 * @example
 * hermitianFunction(rho, Math.sqrt); // the square root of a positive matrix
 */
export function hermitianFunction(m: Float64Array, f: (x: number) => number): Float64Array {
  matrixDim(m, "m");
  const { values, vectors } = eighHermitian(m);
  return fromEigen(vectors, values.map(f));
}

/**
 * G G^dagger over the first `k` columns of a `rows x stride` interleaved row-major matrix G
 * (a Hermitian `rows x rows` matrix).
 * @example
 * gramOfRows(g, d, rank, rank); // G G^dagger of a d x rank matrix
 */
export function gramOfRows(g: Float64Array, rows: number, stride: number, k: number): Float64Array {
  if (!(g instanceof Float64Array) || g.length < 2 * rows * stride || k > stride) {
    throw new ShapeError(`gramOfRows: expected a ${rows} x ${stride} interleaved matrix`);
  }
  const out = new Float64Array(2 * rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let re = 0;
      let im = 0;
      for (let c = 0; c < k; c++) {
        const ar = g[2 * (i * stride + c)]!;
        const ai = g[2 * (i * stride + c) + 1]!;
        const br = g[2 * (j * stride + c)]!;
        const bi = g[2 * (j * stride + c) + 1]!;
        re += ar * br + ai * bi;
        im += ai * br - ar * bi;
      }
      out[2 * (i * rows + j)] = re;
      out[2 * (i * rows + j) + 1] = im;
      out[2 * (j * rows + i)] = re;
      out[2 * (j * rows + i) + 1] = -im;
    }
  }
  return out;
}

/**
 * V diag(w) V^dagger for a unitary V (columns: eigenvectors, interleaved d x d) and real weights.
 * @example
 * fromEigen(eig.vectors, eig.values); // the matrix back
 */
export function fromEigen(vectors: Float64Array, w: Float64Array): Float64Array {
  const d = w.length;
  if (!(vectors instanceof Float64Array) || vectors.length !== 2 * d * d) {
    throw new ShapeError(`fromEigen: expected a ${d} x ${d} interleaved matrix of eigenvectors`);
  }
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const wk = w[k]!;
        if (wk === 0) continue;
        const ar = vectors[2 * (i * d + k)]!;
        const ai = vectors[2 * (i * d + k) + 1]!;
        const br = vectors[2 * (j * d + k)]!;
        const bi = vectors[2 * (j * d + k) + 1]!;
        // V_ik conj(V_jk)
        re += wk * (ar * br + ai * bi);
        im += wk * (ai * br - ar * bi);
      }
      out[2 * (i * d + j)] = re;
      out[2 * (i * d + j) + 1] = im;
      out[2 * (j * d + i)] = re;
      out[2 * (j * d + i) + 1] = -im;
    }
  }
  return out;
}

/**
 * The square root of a positive semidefinite matrix (negative rounding-error eigenvalues clipped to 0).
 * @example
 * sqrtPsd(rho);
 */
export function sqrtPsd(m: Float64Array): Float64Array {
  return hermitianFunction(m, (x) => Math.sqrt(Math.max(0, x)));
}

/**
 * The trace norm ||M||_1 = sum |lambda_i| of a Hermitian matrix.
 * @example
 * traceNormHermitian(fromRows([[1, 0], [0, -1]])); // 2
 */
export function traceNormHermitian(m: Float64Array): number {
  let s = 0;
  for (const v of eigvalsHermitian(m)) s += Math.abs(v);
  return s;
}

/**
 * Checks that two matrices have the same dimension.
 * @example
 * sameDim(a, b, "rho", "sigma");
 */
export function sameDim(a: SquareMatrix, b: SquareMatrix, nameA: string, nameB: string): void {
  if (a.dim !== b.dim) {
    throw new ShapeError(`${nameB}: dimension ${b.dim} differs from ${nameA}'s dimension ${a.dim}`);
  }
}
