/**
 * A product of Pauli rotations exp(-i s_k theta_{j(k)} P_k / 2) on a basis state, simulated and
 * differentiated straight on the backend's Pauli kernels. This is what UCCSD is: its Jordan-Wigner
 * strings span up to all qubits, and a gate-table entry for such a string would carry a dense
 * 2^k x 2^k generator; here a string is only its letters, P|psi> is `applyPauliString`, and the
 * gradient is the adjoint sweep over the rotations: dL/dtheta_j = sum_k (s_k / 2) Im<lambda|P_k|psi_k>
 * with psi_k, lambda_k the state and the cotangent just after rotation k (the same rule the
 * circuit adjoint uses, so it plugs into `expecVal` and the optimizers unchanged).
 */
import { type Backend, getBackend, type PauliString } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import { State } from "../../quantum/state/state.js";
import { customOp, fromData, type Parameter, Tensor } from "../../tensor/index.js";
import { checkArity } from "../../validate.js";

/** One rotation: exp(-i scale * theta[param] * P / 2). */
export interface PauliRotationStep {
  /** The Pauli string P. */
  readonly pauli: PauliString;
  /** Index of the parameter theta[param]. */
  readonly param: number;
  /** Multiplier of the parameter. */
  readonly scale: number;
}

/**
 * Runs `steps` on the basis state `initialBits` (entry q = qubit q) with angles from `theta`;
 * returns a `State` that back-propagates into `theta`.
 * @example
 * const psi = runRotationProgram(2, [1, 0], [{ pauli: { qubits: [0, 1], letters: ["X", "Y"] }, param: 0, scale: 1 }], theta);
 */
export function runRotationProgram(
  nQubits: number,
  initialBits: ArrayLike<number>,
  steps: readonly PauliRotationStep[],
  theta: Parameter | Tensor,
  backend: Backend = getBackend(),
): State {
  checkArity(arguments.length, 5, "runRotationProgram");
  if (
    !Number.isInteger(nQubits) ||
    nQubits < 1 ||
    initialBits === null ||
    typeof initialBits !== "object" ||
    !Array.isArray(steps) ||
    !(theta instanceof Tensor)
  ) {
    throw new ArgumentError(
      `runRotationProgram: expected (nQubits, initialBits, steps, theta), got ${describe(nQubits)}, ${describe(initialBits)}, ${describe(steps)}, ${describe(theta)}`,
    );
  }
  if (initialBits.length !== nQubits) {
    throw new ArgumentError(
      `runRotationProgram: initialBits has ${initialBits.length} entries, expected ${nQubits}`,
    );
  }
  const th = theta.data;
  for (let i = 0; i < th.length; i++) {
    if (!Number.isFinite(th[i]!)) {
      throw new ArgumentError(
        `runRotationProgram: parameter ${i} is ${th[i]}, not a finite number`,
      );
    }
  }
  let index = 0;
  for (let q = 0; q < nQubits; q++) if (initialBits[q]) index += 2 ** (nQubits - 1 - q);
  const angle = new Float64Array(1);
  const angleOf = (s: PauliRotationStep): number => s.scale * th[s.param]!;
  return customOp({
    name: "pauli-rotations",
    inputs: [theta],
    forward: () => {
      const amps = new Float64Array(2 ** (nQubits + 1));
      amps[2 * index] = 1;
      const buf = backend.fromArray(nQubits, 1, amps);
      for (const s of steps) {
        angle[0] = angleOf(s);
        if (angle[0] !== 0) backend.applyPauliRotation(buf, s.pauli, angle);
      }
      return new State(buf, backend);
    },
    backward: (grad: Tensor, output: State) => {
      const psi = backend.clone(output.buffer);
      const lam = backend.fromArray(nQubits, 1, Float64Array.from(grad.data));
      const tmp = backend.zeros(nQubits, 1);
      const g = new Float64Array(th.length);
      try {
        for (let k = steps.length - 1; k >= 0; k--) {
          const s = steps[k]!;
          backend.copyInto(tmp, psi);
          backend.applyPauliString(tmp, s.pauli);
          const ip = backend.innerProduct(lam, tmp);
          g[s.param] = g[s.param]! + 0.5 * s.scale * ip[1]!;
          angle[0] = -angleOf(s);
          if (angle[0] !== 0) {
            backend.applyPauliRotation(psi, s.pauli, angle);
            backend.applyPauliRotation(lam, s.pauli, angle);
          }
        }
      } finally {
        backend.free(psi);
        backend.free(lam);
        backend.free(tmp);
      }
      return [fromData(g, [...theta.shape], "float64")];
    },
  });
}
