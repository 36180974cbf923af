/**
 * Dense linear algebra on differentiable tensors (Paddle Quantum's `dagger`, `NKron`,
 * `direct_sum`, `abs_norm`): each takes matrices as interleaved `Float64Array`s or tensors
 * ([.., r, c], float64 or complex128) and returns a tensor in the inputs' autograd graph.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { concat, fromData, kron, Tensor, zeros } from "../tensor/index.js";
import { checkArity } from "../validate.js";
import { spectralScalar, sqrtSum, zeroThreshold } from "./spectral.js";

/** A matrix as qinfo's linear-algebra helpers accept it. */
export type MatrixLike = Float64Array | Tensor;

/**
 * A matrix input as a complex tensor of at least 2 dimensions (a square `Float64Array` becomes
 * [d, d]).
 * @example
 * matrixTensor(identity(2), "a", "dagger").shape; // [2, 2]
 */
export function matrixTensor(m: MatrixLike, argName: string, where: string): Tensor {
  if (m instanceof Float64Array) {
    const d = Math.round(Math.sqrt(m.length / 2));
    if (d < 1 || 2 * d * d !== m.length) {
      throw new ShapeError(
        `${where}: ${argName} has ${m.length} numbers, not an interleaved d x d matrix`,
      );
    }
    return fromData(Float64Array.from(m), [d, d], "complex128");
  }
  if (m instanceof Tensor) {
    if (m.ndim < 2) {
      throw new ShapeError(
        `${where}: ${argName} must have at least 2 dimensions, got shape [${m.shape.join(", ")}]`,
      );
    }
    return m.toComplex();
  }
  throw new ArgumentError(
    `${where}: ${argName} must be a Float64Array matrix or a Tensor, got ${describe(m)}`,
  );
}

/**
 * The conjugate transpose M^dagger (of the last two axes), differentiable.
 * @example
 * dagger(tensor([[0, 1], [0, 0]])).toArray(); // [[0, 0], [1, 0]]
 */
export function dagger(m: MatrixLike): Tensor {
  checkArity(arguments.length, 1, "dagger");
  return matrixTensor(m, "m", "dagger").conj().transpose(-2, -1);
}

/**
 * The Kronecker product of one or more matrices, left to right (the first is the most
 * significant factor), differentiable: Paddle's `NKron`.
 * @example
 * nKron(pauliX, pauliY, pauliZ).shape; // [8, 8]
 */
export function nKron(...matrices: MatrixLike[]): Tensor {
  if (matrices.length === 0) throw new ArgumentError("nKron: expected at least one matrix");
  const ts = matrices.map((m, i) => {
    const t = matrixTensor(m, `matrices[${i}]`, "nKron");
    if (t.ndim !== 2) {
      throw new ShapeError(
        `nKron: matrices[${i}] must be 2-dimensional, got shape [${t.shape.join(", ")}]`,
      );
    }
    return t;
  });
  return ts.slice(1).reduce((acc, t) => kron(acc, t), ts[0]!);
}

/**
 * The direct sum A (+) B = [[A, 0], [0, B]] of two 2-dimensional matrices, differentiable.
 * @example
 * directSum(identity(2), pauliZ).shape; // [4, 4]
 */
export function directSum(a: MatrixLike, b: MatrixLike): Tensor {
  checkArity(arguments.length, 2, "directSum");
  const ta = matrixTensor(a, "a", "directSum");
  const tb = matrixTensor(b, "b", "directSum");
  if (ta.ndim !== 2 || tb.ndim !== 2) {
    throw new ShapeError(
      `directSum: a and b must be 2-dimensional, got shapes [${ta.shape.join(", ")}] and [${tb.shape.join(", ")}]`,
    );
  }
  const [ra, ca] = ta.shape as [number, number];
  const [rb, cb] = tb.shape as [number, number];
  const z = (r: number, c: number) => zeros([r, c], { dtype: "complex128" });
  return concat([concat([ta, z(ra, cb)], 1), concat([z(rb, ca), tb], 1)], 0);
}

/**
 * The trace norm ||M||_1 = tr sqrt(M^dagger M), the sum of the singular values (Paddle's
 * `abs_norm`), of a square matrix or a batch [.., d, d]; a differentiable tensor with the
 * batch shape (0-d for one matrix). Singular values at 0 take the subgradient 0.
 * @example
 * absNorm(fromRows([[1, 0], [0, -2]])).item(); // 3
 */
export function absNorm(m: MatrixLike): Tensor {
  checkArity(arguments.length, 1, "absNorm");
  const t = matrixTensor(m, "m", "absNorm");
  const d = t.shape.at(-1)!;
  if (t.shape.at(-2) !== d) {
    throw new ShapeError(`absNorm: m must be square, got shape [${t.shape.join(", ")}]`);
  }
  const gram = t.conj().transpose(-2, -1).matmul(t);
  // singular values at 0: subgradient 0
  const values = spectralScalar("absNorm", gram.reshape([-1, d, d]), (l) =>
    sqrtSum(l, zeroThreshold(l) * 1e-4),
  );
  return values.reshape(t.shape.slice(0, -2));
}
