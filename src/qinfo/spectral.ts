/**
 * Differentiable spectral functions of Hermitian matrices, the two autograd nodes every
 * eigenvalue-based qinfo quantity is built from:
 *
 * - `spectralScalar`: a real function of the (ascending) eigenvalues, phi(lambda). Its gradient is
 *   V diag(dphi/dlambda) V^dagger, the analytic derivative of an eigenvalue sum, which stays
 *   well defined when eigenvalues are degenerate (no 1 / (lambda_i - lambda_j) appears).
 * - `matrixFunction`: f(M) = V diag(f(lambda)) V^dagger. Its backward is the Daleckii-Krein
 *   formula V (Gamma o (V^dagger G V)) V^dagger with the divided differences
 *   Gamma_ij = (f(lambda_i) - f(lambda_j)) / (lambda_i - lambda_j), and f'(lambda_i) where the two
 *   eigenvalues coincide (to a relative 1e-9), which is the degenerate limit.
 *
 * Both read the Hermitian part (M + M^dagger) / 2 of their input, so a perturbation in any
 * complex direction has a derivative (the gradient is Hermitian). Inputs are complex128 tensors
 * [batch, d, d]. Where f has no derivative (sqrt or log at 0) the caller's `df` gives the
 * documented subgradient (0).
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { dagger, eighHermitian, type HermitianEigen, matmul } from "../quantum/linalg.js";
import { customOp, fromData, Tensor } from "../tensor/index.js";
import { checkArity } from "../validate.js";
import { fromEigen } from "./matrix.js";

/** A real function of the eigenvalues and its partial derivatives. */
export type EigenvalueFunction = (values: Float64Array) => {
  value: number;
  grad: Float64Array;
};

/** The d x d matrix number b of a [batch, d, d] complex buffer (eighHermitian reads its Hermitian part). */
const slice = (data: Float64Array, b: number, d: number): Float64Array =>
  data.slice(2 * b * d * d, 2 * (b + 1) * d * d);

/** out[offset..] += scale * V diag(w) V^dagger. */
function addWeightedProjectors(
  eig: HermitianEigen,
  w: Float64Array,
  scale: number,
  out: Float64Array,
  offset: number,
): void {
  const m = fromEigen(
    eig.vectors,
    w.map((x) => x * scale),
  );
  for (let i = 0; i < m.length; i++) out[offset + i]! += m[i]!;
}

/**
 * Checks that `rho` is a complex128 tensor of square matrices [.., d, d] and returns (batch, d).
 * @example
 * squareBatch(rho, "sqrtm"); // [1, 4] for a [4, 4] tensor
 */
export function squareBatch(rho: Tensor, where: string): [number, number] {
  if (!(rho instanceof Tensor) || !rho.isComplex) {
    throw new ArgumentError(`${where}: expected a complex128 Tensor, got ${describe(rho)}`);
  }
  const d = rho.shape.at(-1) ?? 0;
  if (rho.ndim < 2 || rho.shape.at(-2) !== d || d === 0) {
    throw new ShapeError(
      `${where}: expected square matrices [.., d, d], got shape [${rho.shape.join(", ")}]`,
    );
  }
  return [rho.data.length / (2 * d * d), d];
}

function checkFunctions(where: string, ...fs: unknown[]): void {
  for (const f of fs) {
    if (typeof f !== "function")
      throw new ArgumentError(`${where}: expected a function, got ${describe(f)}`);
  }
}

/**
 * phi(eigenvalues) of every matrix of a complex [batch, d, d] tensor, as a float64 tensor
 * [batch], with the gradient V diag(dphi) V^dagger.
 * @example
 * // the trace norm sum |lambda_i|, subgradient sign(0) = 0
 * spectralScalar("traceNorm", m, (l) => ({ value: l.reduce((s, x) => s + Math.abs(x), 0), grad: l.map(Math.sign) }));
 */
export function spectralScalar(name: string, rho: Tensor, phi: EigenvalueFunction): Tensor {
  checkArity(arguments.length, 3, "spectralScalar");
  const [batch, d] = squareBatch(rho, `spectralScalar (${describe(name)})`);
  checkFunctions("spectralScalar", phi);
  const eigs: HermitianEigen[] = [];
  const grads: Float64Array[] = [];
  const values = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    const eig = eighHermitian(slice(rho.data, b, d));
    const r = phi(eig.values);
    eigs.push(eig);
    grads.push(r.grad);
    values[b] = r.value;
  }
  return customOp({
    name,
    inputs: [rho],
    forward: () => fromData(values, [batch], "float64"),
    backward: (g: Tensor) => {
      const out = new Float64Array(2 * batch * d * d);
      for (let b = 0; b < batch; b++) {
        addWeightedProjectors(eigs[b]!, grads[b]!, g.data[b]!, out, 2 * b * d * d);
      }
      return [fromData(out, [batch, d, d], "complex128")];
    },
  });
}

/**
 * f(M) for every matrix of a complex [batch, d, d] tensor (Hermitian part), differentiable by
 * the Daleckii-Krein formula; `df` is f' (its value at a point where f has no derivative is the
 * subgradient used there).
 * @example
 * const root = matrixFunction("sqrtm", rho, (x) => Math.sqrt(Math.max(x, 0)), (x) => (x > 0 ? 0.5 / Math.sqrt(x) : 0));
 */
export function matrixFunction(
  name: string,
  rho: Tensor,
  f: (x: number) => number,
  df: (x: number) => number,
): Tensor {
  checkArity(arguments.length, 4, "matrixFunction");
  const [batch, d] = squareBatch(rho, `matrixFunction (${describe(name)})`);
  checkFunctions("matrixFunction", f, df);
  const eigs: HermitianEigen[] = [];
  const out = new Float64Array(2 * batch * d * d);
  for (let b = 0; b < batch; b++) {
    const eig = eighHermitian(slice(rho.data, b, d));
    eigs.push(eig);
    addWeightedProjectors(eig, eig.values.map(f), 1, out, 2 * b * d * d);
  }
  return customOp({
    name,
    inputs: [rho],
    forward: () => fromData(out, [batch, d, d], "complex128"),
    backward: (g: Tensor) => {
      const grad = new Float64Array(2 * batch * d * d);
      for (let b = 0; b < batch; b++) {
        daleckiiKrein(eigs[b]!, f, df, g.data, grad, 2 * b * d * d, d);
      }
      return [fromData(grad, [batch, d, d], "complex128")];
    },
  });
}

/** The backward: A = V^dagger G V, then V (Gamma o A) V^dagger. */
function daleckiiKrein(
  eig: HermitianEigen,
  f: (x: number) => number,
  df: (x: number) => number,
  g: Float64Array,
  out: Float64Array,
  offset: number,
  d: number,
): void {
  const { values: l, vectors: v } = eig;
  const fl = l.map(f);
  const dfl = l.map(df);
  // The Hermitian part of G: the input was read through its Hermitian part.
  const gh = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      gh[2 * (i * d + j)] = 0.5 * (g[offset + 2 * (i * d + j)]! + g[offset + 2 * (j * d + i)]!);
      gh[2 * (i * d + j) + 1] =
        0.5 * (g[offset + 2 * (i * d + j) + 1]! - g[offset + 2 * (j * d + i) + 1]!);
    }
  }
  const vd = dagger(v);
  const a = matmul(matmul(vd, gh), v);
  const scale = Math.max(1, ...Array.from(l, Math.abs));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const gap = l[i]! - l[j]!;
      const gamma =
        Math.abs(gap) <= 1e-9 * scale ? 0.5 * (dfl[i]! + dfl[j]!) : (fl[i]! - fl[j]!) / gap;
      a[2 * (i * d + j)]! *= gamma;
      a[2 * (i * d + j) + 1]! *= gamma;
    }
  }
  const k = matmul(matmul(v, a), vd);
  for (let i = 0; i < k.length; i++) out[offset + i] = k[i]!;
}

/** Eigenvalues at most this far above 0 (relative to the largest, at least 1) count as 0. */
export const ZERO_EIGENVALUE = 1e-12;

/** The threshold below which eigenvalues of `values` count as 0. */
export function zeroThreshold(values: Float64Array): number {
  let m = 1;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return ZERO_EIGENVALUE * m;
}

/**
 * The positive square root of every (positive semidefinite) matrix of a [batch, d, d] tensor,
 * differentiable; negative rounding errors are clipped to 0, and the derivative of sqrt at 0 is
 * taken as 0 (subgradient).
 * @example
 * const s = sqrtm(rho); // s.matmul(s) = rho
 */
export function sqrtm(rho: Tensor): Tensor {
  checkArity(arguments.length, 1, "sqrtm");
  squareBatch(rho, "sqrtm");
  return matrixFunction(
    "sqrtm",
    rho,
    (x) => Math.sqrt(Math.max(x, 0)),
    (x) => (x > ZERO_EIGENVALUE ? 0.5 / Math.sqrt(x) : 0),
  );
}

/**
 * sum_i sqrt(lambda_i) with gradient 1 / (2 sqrt(lambda_i)), eigenvalues at most `zero` counting
 * as 0 with the subgradient 0 (the trace of sqrt(M) for a positive semidefinite M).
 * @example
 * sqrtSum(Float64Array.of(0.25, 1), 0); // { value: 1.5, grad: [1, 0.5] }
 */
export function sqrtSum(l: Float64Array, zero: number): { value: number; grad: Float64Array } {
  let value = 0;
  const grad = new Float64Array(l.length);
  for (let i = 0; i < l.length; i++) {
    if (!(l[i]! > zero)) continue;
    value += Math.sqrt(l[i]!);
    grad[i] = 0.5 / Math.sqrt(l[i]!);
  }
  return { value, grad };
}
