/**
 * `expecVal(state, H)`: the expectation value <psi|H|psi> as a differentiable tensor, with a fused
 * backward. In qoar's (PyTorch's) complex-gradient convention the gradient for psi is 2 H|psi>,
 * computed directly with the backend's Pauli-sum kernel, not through generic tensor ops.
 */
import { ArgumentError, BackendError, describe } from "../errors.js";
import { DensityMatrix } from "../quantum/density/density.js";
import { densityExpecVal, densityExpecValAsync } from "../quantum/density/states.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { asyncReader } from "../quantum/state/async-reads.js";
import { State } from "../quantum/state/state.js";
import { stateCotangent } from "../quantum/state/state-cotangent.js";
import { customOp, fromData, type Tensor } from "../tensor/index.js";
import { checkArity } from "../validate.js";
import { mixtureOf } from "./losses.js";

/**
 * <psi|H|psi> for every state of the batch: a scalar tensor for batch 1, shape [batch] otherwise.
 * `H` is a `Hamiltonian`, a Pauli list `[[0.5, "Z0, Z1"], ...]` or a string `"0.5 Z0 Z1 - 0.3 X2"`.
 * @example
 * const H = Hamiltonian.fromString("Z0 Z1");
 * const loss = expecVal(circuit.forward(), H);
 * loss.backward();   // gradients reach circuit.parameters() by the adjoint method
 */
export function expecVal(state: State | DensityMatrix, H: HamiltonianLike): Tensor {
  checkArity(arguments.length, 2, "expecVal");
  checkStateArg(state, "expecVal");
  const ham = toHamiltonian(H);
  // a density matrix's buffer is vec(rho) on 2n qubits: reading it as a pure state would be wrong
  if (state instanceof DensityMatrix) return densityExpecVal(state, ham);
  checkQubitCount(ham, state, "expecVal");
  const backend = state.backend;
  const batch = state.batch;
  const shape = batch === 1 ? [] : [batch];
  const perElement = customOp({
    name: "expecVal",
    inputs: [state],
    forward: () =>
      fromData(
        Float64Array.from(backend.expectationPauliSum(state.buffer, ham.terms)),
        shape,
        "float64",
      ),
    backward: (grad: Tensor) => {
      const hpsi = backend.zeros(state.nQubits, batch);
      try {
        backend.applyPauliSum(hpsi, state.buffer, ham.terms);
        const factors = new Float64Array(2 * batch);
        for (let b = 0; b < batch; b++) factors[2 * b] = 2 * grad.data[batch === 1 ? 0 : b]!;
        backend.scale(hpsi, factors);
        // mps: the cotangent stays a state of the backend (no 2^n vector)
        if (backend.stateCotangents === true) return [stateCotangent(hpsi)];
        return [fromData(backend.toArray(hpsi), [batch, 2 ** state.nQubits], "complex128")];
      } finally {
        if (backend.stateCotangents !== true) backend.free(hpsi);
      }
    },
  });
  return mixtureOf(state, perElement);
}

/**
 * `expecVal` on any backend, asynchronous ones (webgpu) included: the value is read back without
 * blocking, and the tensor's backward (`await runBackwardAsync(loss)`, i.e. `loss.backwardAsync()`)
 * reads 2 H|psi> back the same way; on a circuit's output it reaches the parameters through the
 * adjoint's two-phase sweep. A `DensityMatrix` gives tr(H rho) (on webgpu reduced on the GPU; a
 * noisy circuit's output backpropagates through the checkpointed density-matrix sweep, recorded
 * as one command stream). On cpu it gives what `expecVal` gives.
 * @example
 * const gpu = await initWebGpu();
 * const loss = await expecValAsync(new Circuit(2, { backend: gpu }).ry().forward(), "Z0 Z1");
 * await runBackwardAsync(loss);
 */
export async function expecValAsync(
  state: State | DensityMatrix,
  H: HamiltonianLike,
): Promise<Tensor> {
  checkArity(arguments.length, 2, "expecValAsync");
  checkStateArg(state, "expecValAsync");
  const ham = toHamiltonian(H);
  if (state instanceof DensityMatrix) return densityExpecValAsync(state, ham);
  const gpu = asyncReader(state.backend);
  if (gpu === undefined) return expecVal(state, ham);
  checkQubitCount(ham, state, "expecValAsync");
  const batch = state.batch;
  const values = await gpu.expectationPauliSumAsync(state.buffer, ham.terms);
  return customOp({
    name: "expecValAsync",
    inputs: [state],
    forward: () => fromData(Float64Array.from(values), batch === 1 ? [] : [batch], "float64"),
    backward: () => {
      throw new BackendError(
        `expecValAsync: the ${gpu.name} backend reads results back asynchronously; use await runBackwardAsync(loss) (loss.backwardAsync())`,
      );
    },
    backwardAsync: async (grad: Tensor) => {
      const hpsi = gpu.zeros(state.nQubits, batch);
      try {
        gpu.applyPauliSum(hpsi, state.buffer, ham.terms);
        const factors = new Float64Array(2 * batch);
        for (let b = 0; b < batch; b++) factors[2 * b] = 2 * grad.data[batch === 1 ? 0 : b]!;
        gpu.scale(hpsi, factors);
        const amps = await gpu.toArrayAsync(hpsi);
        return [fromData(amps, [batch, 2 ** state.nQubits], "complex128")];
      } finally {
        gpu.free(hpsi);
      }
    },
  });
}

/** What `expecVal` accepts as H. */
export type HamiltonianLike = Hamiltonian | ConstructorParameters<typeof Hamiltonian>[0] | string;

function checkStateArg(state: unknown, where: string): void {
  if (!(state instanceof State) && !(state instanceof DensityMatrix)) {
    throw new ArgumentError(
      `${where}: state must be a State or a DensityMatrix, got ${describe(state)}`,
    );
  }
}

/** A `HamiltonianLike` as a `Hamiltonian` (strings parsed, lists built). */
export function toHamiltonian(H: HamiltonianLike): Hamiltonian {
  return typeof H === "string"
    ? Hamiltonian.fromString(H)
    : H instanceof Hamiltonian
      ? H
      : new Hamiltonian(H);
}

function checkQubitCount(ham: Hamiltonian, state: State, where: string): void {
  if (ham.nQubits > state.nQubits) {
    throw new ArgumentError(
      `${where}: the Hamiltonian acts on ${ham.nQubits} qubits, the state has ${state.nQubits}`,
    );
  }
}
