/**
 * Differentiable measurement probabilities of states (Paddle Quantum's `Measure`), one autograd
 * node with its backward written out. (The fidelity, trace distance, purity and entropy losses
 * are qinfo's `stateFidelity`, `traceDistance`, `purity` and `vonNeumannEntropy`, differentiable
 * for pure states and density matrices alike.) Gradients for states
 * follow qoar's (PyTorch's) convention: for a real loss L and amplitude z = x + iy, dL/dx + i dL/dy.
 */
import { ArgumentError, describe } from "../errors.js";
import { State } from "../quantum/state/state.js";
import { customOp, fromData, reshape, sum, type Tensor } from "../tensor/index.js";
import { checkArity } from "../validate.js";

/**
 * Measurement probabilities of `qubits` (default all; qubits[0] is the most significant bit of
 * the outcome): shape [2^k] for batch 1, [batch, 2^k] otherwise.
 * @example
 * const p = probabilities(circuit.forward(), [0]);  // [p(q0 = 0), p(q0 = 1)]
 */
export function probabilities(state: State, qubits?: readonly number[]): Tensor {
  checkArity(arguments.length, 2, "probabilities");
  if (!(state instanceof State))
    throw new ArgumentError(`probabilities: state must be a State, got ${describe(state)}`);
  if (qubits !== undefined && !Array.isArray(qubits))
    throw new ArgumentError(
      `probabilities: qubits must be an array of qubit indices, got ${describe(qubits)}`,
    );
  const n = state.nQubits;
  const qs = qubits === undefined ? Array.from({ length: n }, (_, q) => q) : [...qubits];
  const k = qs.length;
  const batch = state.batch;
  const dim = 2 ** n;
  const shape = batch === 1 ? [2 ** k] : [batch, 2 ** k];
  const p = customOp({
    name: "probabilities",
    inputs: [state],
    forward: () => fromData(state.backend.probabilities(state.buffer, qs), shape, "float64"),
    backward: (grad: Tensor) => {
      // dL/dpsi_i = 2 g[outcome(i)] psi_i
      const psi = state.toArray();
      const out = new Float64Array(psi.length);
      const g = grad.data;
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < dim; i++) {
          let outcome = 0;
          for (let j = 0; j < k; j++) outcome = (outcome << 1) | ((i >> (n - 1 - qs[j]!)) & 1);
          const w = 2 * g[b * 2 ** k + outcome]!;
          const o = 2 * (b * dim + i);
          out[o] = w * psi[o]!;
          out[o + 1] = w * psi[o + 1]!;
        }
      }
      return [fromData(out, [batch, dim], "complex128")];
    },
  });
  return mixtureOf(state, p);
}

/**
 * A per-element tensor ([batch, ...] or a scalar for batch 1) of a state made by a branching run
 * (`state.branches`), summed over the branches: the mixture's value per data row ([rows, ...],
 * a scalar or [width] for one row). Other states' values come back unchanged.
 * @example
 * const z = mixtureOf(psi, perBranch); // [rows]
 */
export function mixtureOf(state: State, perElement: Tensor): Tensor {
  const br = state.branches;
  if (br === undefined) return perElement;
  const K = br.records.length;
  const rows = br.dataBatch;
  const inner = perElement.shape.slice(state.batch === 1 ? 0 : 1);
  const folded = sum(reshape(perElement, [K, rows, ...inner]), 0);
  return rows === 1 ? reshape(folded, inner) : folded;
}
