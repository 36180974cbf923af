/** Fidelities of unitary gates: Paddle's gate fidelity and the average gate fidelity. */
import { ShapeError } from "../errors.js";
import { matrixDim } from "../quantum/linalg.js";
import { checkArity } from "../validate.js";

function traceUdagV(u: Float64Array, v: Float64Array): [number, number] {
  const d = matrixDim(u, "u");
  if (matrixDim(v, "v") !== d) {
    throw new ShapeError(`v: dimension ${matrixDim(v, "v")} differs from u's dimension ${d}`);
  }
  // tr(U^dagger V) = sum_ij conj(U_ij) V_ij
  let re = 0;
  let im = 0;
  for (let k = 0; k < u.length; k += 2) {
    re += u[k]! * v[k]! + u[k + 1]! * v[k + 1]!;
    im += u[k]! * v[k + 1]! - u[k + 1]! * v[k]!;
  }
  return [re, im];
}

/**
 * Paddle Quantum's gate fidelity |tr(U^dagger V)| / d, in [0, 1]; 1 iff U = V up to a phase.
 * @example
 * gateFidelity(identity(2), identity(2)); // 1
 */
export function gateFidelity(u: Float64Array, v: Float64Array): number {
  checkArity(arguments.length, 2, "gateFidelity");
  const [re, im] = traceUdagV(u, v);
  return Math.hypot(re, im) / matrixDim(u, "u");
}

/**
 * The average gate fidelity over Haar-random pure inputs, integral of |<psi|U^dagger V|psi>|^2:
 * (|tr(U^dagger V)|^2 + d) / (d (d + 1)).
 * @example
 * averageGateFidelity(identity(2), pauliX); // 1/3
 */
export function averageGateFidelity(u: Float64Array, v: Float64Array): number {
  checkArity(arguments.length, 2, "averageGateFidelity");
  const [re, im] = traceUdagV(u, v);
  const d = matrixDim(u, "u");
  return (re * re + im * im + d) / (d * (d + 1));
}
