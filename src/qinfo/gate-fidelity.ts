/** Fidelities of unitary gates: Paddle's gate fidelity and the average gate fidelity. */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { matrixDim } from "../quantum/linalg.js";
import { fromData, Tensor } from "../tensor/index.js";
import { checkArity } from "../validate.js";

/** A d x d gate as a complex [d, d] tensor (a matrix is copied; a tensor stays in its graph). */
function gateTensor(m: Float64Array | Tensor, argName: string, where: string): Tensor {
  if (m instanceof Float64Array) {
    const d = matrixDim(m, `${where}: ${argName}`);
    return fromData(Float64Array.from(m), [d, d], "complex128");
  }
  if (m instanceof Tensor) {
    if (m.ndim !== 2 || m.shape[0] !== m.shape[1]) {
      throw new ShapeError(
        `${where}: ${argName} must be a square [d, d] tensor, got shape [${m.shape.join(", ")}]`,
      );
    }
    return m.toComplex();
  }
  throw new ArgumentError(
    `${where}: ${argName} must be a Float64Array matrix or a Tensor, got ${describe(m)}`,
  );
}

/** tr(U^dagger V) = sum_ij conj(U_ij) V_ij as a complex 0-d tensor, and d. */
function traceUdagV(u: Float64Array | Tensor, v: Float64Array | Tensor, where: string) {
  const a = gateTensor(u, "u", where);
  const b = gateTensor(v, "v", where);
  const d = a.shape[0]!;
  if (b.shape[0] !== d) {
    throw new ShapeError(`${where}: v has dimension ${b.shape[0]}, u has dimension ${d}`);
  }
  return { tr: a.conj().mul(b).sum(), d };
}

/**
 * Paddle Quantum's gate fidelity |tr(U^dagger V)| / d, in [0, 1]; 1 iff U = V up to a phase.
 * A differentiable 0-d tensor (gates given as tensors carry gradients).
 * @example
 * gateFidelity(identity(2), identity(2)).item(); // 1
 */
export function gateFidelity(u: Float64Array | Tensor, v: Float64Array | Tensor): Tensor {
  checkArity(arguments.length, 2, "gateFidelity");
  const { tr, d } = traceUdagV(u, v, "gateFidelity");
  return tr.abs().div(d);
}

/**
 * The average gate fidelity over Haar-random pure inputs, integral of |<psi|U^dagger V|psi>|^2:
 * (|tr(U^dagger V)|^2 + d) / (d (d + 1)). A differentiable 0-d tensor.
 * @example
 * averageGateFidelity(identity(2), pauliX).item(); // 1/3
 */
export function averageGateFidelity(u: Float64Array | Tensor, v: Float64Array | Tensor): Tensor {
  checkArity(arguments.length, 2, "averageGateFidelity");
  const { tr, d } = traceUdagV(u, v, "averageGateFidelity");
  return tr
    .real()
    .square()
    .add(tr.imag().square())
    .add(d)
    .div(d * (d + 1));
}
