/**
 * Gibbs-state preparation: the thermal state rho_G = e^{-beta H} / Z is the unique minimizer of
 * the free energy F(rho) = tr(H rho) - S(rho) / beta, so a circuit on system + ancilla qubits is
 * trained on F of its system's reduced state. Both parts come from the circuit's pure output (no
 * density-matrix simulation): the energy by `expecVal`, the entropy (in nats) by
 * `vonNeumannEntropy` of `reducedState`, both differentiable.
 */
import { ArgumentError, describe } from "../errors.js";
import { vonNeumannEntropy } from "../qinfo/entropy.js";
import { reducedState } from "../qinfo/partial-trace.js";
import { expecVal } from "../qml/expecval.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { State } from "../quantum/state/state.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity } from "../validate.js";

/**
 * The free energy tr(H rho) - S(rho) / beta of the state rho of the qubits `system` of `state`
 * (H acting on those qubits), a differentiable scalar tensor (one value per batch element).
 * @example
 * const loss = freeEnergy(circuit.forward(), Hamiltonian.fromString("-Z0 Z1"), [0, 1], 1.5);
 * loss.backward();
 */
export function freeEnergy(
  state: State,
  hamiltonian: Hamiltonian,
  system: readonly number[],
  beta: number,
): Tensor {
  checkArity(arguments.length, 4, "freeEnergy");
  if (!(state instanceof State)) {
    throw new ArgumentError(`freeEnergy: state must be a State, got ${describe(state)}`);
  }
  if (!(hamiltonian instanceof Hamiltonian)) {
    throw new ArgumentError(
      `freeEnergy: hamiltonian must be a Hamiltonian, got ${describe(hamiltonian)}`,
    );
  }
  if (typeof beta !== "number" || !(beta > 0) || !Number.isFinite(beta)) {
    throw new ArgumentError(`freeEnergy: beta must be a positive number, got ${describe(beta)}`);
  }
  if (
    !Array.isArray(system) ||
    system.length === 0 ||
    system.some((q) => !Number.isInteger(q) || q < 0 || q >= state.nQubits) ||
    new Set(system).size !== system.length
  ) {
    throw new ArgumentError(
      `freeEnergy: system must be distinct qubit indices below ${state.nQubits}, got ${describe(system)}`,
    );
  }
  if (hamiltonian.nQubits > state.nQubits) {
    throw new ArgumentError(
      `freeEnergy: the hamiltonian acts on ${hamiltonian.nQubits} qubits, the state has ${state.nQubits}`,
    );
  }
  const entropy = vonNeumannEntropy(reducedState(state, system), { base: Math.E });
  return expecVal(state, hamiltonian).sub(entropy.div(beta));
}
