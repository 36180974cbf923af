/**
 * exp(-i tau c P) for one Pauli term as a circuit gate: the rotation R_P(theta) = exp(-i theta P / 2)
 * with theta = 2 c tau. Single letters and equal-letter pairs use the named table gates (rx, rzz,
 * ...: QASM writes them directly, RZZ runs as a diagonal), any other string `pauli_rotation`.
 * Shared by the Trotter and QDRIFT circuit builders.
 */
import type { PauliString } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import type { GateEntry } from "../gates/table.js";
import { getGate, pauliRotationGate } from "../gates/table.js";

const PAIR_GATE: Record<string, string> = { XX: "rxx", YY: "ryy", ZZ: "rzz" };

/**
 * The gate whose angle theta gives exp(-i theta P / 2) for the Pauli string `p` (on `p.qubits`).
 * @example
 * termRotationGate({ qubits: [0, 1], letters: ["Z", "Z"] }).name; // "rzz"
 */
export function termRotationGate(p: PauliString): GateEntry {
  const word = p.letters.join("");
  if (word.length === 0)
    throw new ArgumentError("termRotationGate: the identity has no rotation gate");
  if (word.length === 1) return getGate(`r${word.toLowerCase()}`);
  const pair = PAIR_GATE[word];
  return pair === undefined ? pauliRotationGate(word) : getGate(pair);
}

/**
 * The circuit width a Pauli sum needs: `nQubits` when given (checked against the terms), else one
 * more than the largest qubit index (at least 1).
 * @example
 * circuitWidth([{ qubits: [3], letters: ["Z"], coefficient: 1 }], undefined, "trotterCircuit"); // 4
 */
export function circuitWidth(
  terms: readonly PauliString[],
  nQubits: number | undefined,
  fn: string,
): number {
  let w = 1;
  for (const t of terms) for (const q of t.qubits) w = Math.max(w, q + 1);
  if (nQubits === undefined) return w;
  if (!Number.isInteger(nQubits) || nQubits < w) {
    throw new ArgumentError(
      `${fn}: options.nQubits must be an integer >= ${w} (H acts on qubit ${w - 1}), got ${describe(nQubits)}`,
    );
  }
  return nQubits;
}
