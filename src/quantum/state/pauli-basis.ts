/**
 * Measuring in a Pauli basis: a copy of a state rotated so that each qubit's X or Y is read as
 * Z (Y: S^dagger then H; X: H). Shot estimates and classical shadows both measure this way.
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { applyGate } from "../gates/apply.js";
import { getGate } from "../gates/table.js";

/**
 * A new buffer: `buffer` with qubit q rotated so that `letterOf(q)` ("X", "Y"; anything else is
 * left alone) is measured in the computational basis. With `conjugateOffset` (a density matrix's
 * vec(rho), row qubits q and column qubits q + n) qubit q + offset also gets the conjugate
 * rotation, so rho becomes U rho U^dagger. The caller frees it.
 * @example
 * const rotated = rotatedToPauliBasis(backend, state.buffer, [0, 1], (q) => (q === 0 ? "X" : "Z"));
 */
export function rotatedToPauliBasis(
  backend: Backend,
  buffer: StateBuffer,
  qubits: readonly number[],
  letterOf: (q: number) => string | undefined,
  conjugateOffset?: number,
): StateBuffer {
  const rotated = backend.clone(buffer);
  try {
    for (const q of qubits) {
      const l = letterOf(q);
      // conj(S^dagger) = S; H is real
      if (l === "Y") applyGate(backend, rotated, getGate("sdg"), [q]);
      if (l === "Y" && conjugateOffset !== undefined)
        applyGate(backend, rotated, getGate("s"), [q + conjugateOffset]);
      if (l === "X" || l === "Y") {
        applyGate(backend, rotated, getGate("h"), [q]);
        if (conjugateOffset !== undefined)
          applyGate(backend, rotated, getGate("h"), [q + conjugateOffset]);
      }
    }
    return rotated;
  } catch (e) {
    backend.free(rotated);
    throw e;
  }
}
