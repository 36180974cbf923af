/**
 * A Hamiltonian as a dense table of Pauli codes for the shadow estimators and importance
 * samplers: letter codes 0 = I, 1 = X, 2 = Y, 3 = Z per (term, qubit). Measurement bases use
 * 0 = X, 1 = Y, 2 = Z, so a basis b reads the letter b + 1.
 */
import { ArgumentError } from "../../errors.js";
import type { Hamiltonian } from "../../quantum/operators/hamiltonian.js";

/** The non-identity terms of a Hamiltonian, as codes, and its constant. */
export interface TermTable {
  /** Number of qubits of the table. */
  readonly nQubits: number;
  /** Number of non-identity terms. */
  readonly nTerms: number;
  /** Coefficient of each non-identity term. */
  readonly coefficients: Float64Array;
  /** Letter codes, nTerms x nQubits row-major (0 = I, 1 = X, 2 = Y, 3 = Z). */
  readonly letters: Uint8Array;
  /** Qubits each term acts on (its support), ascending. */
  readonly supports: readonly Int32Array[];
  /** The sum of the identity terms' coefficients. */
  readonly constant: number;
}

const CODE = { X: 1, Y: 2, Z: 3 } as const;

/**
 * The term table of `h` on `nQubits` qubits; a term on a qubit outside the state is an
 * ArgumentError naming `where`, the term and the qubit count.
 * @example
 * termTable(Hamiltonian.fromString("0.5 Z0 Z1 + 2"), 2, "shadow"); // one term, constant 2
 */
export function termTable(h: Hamiltonian, nQubits: number, where: string): TermTable {
  let constant = 0;
  const kept = h.terms.filter((t) => {
    if (t.qubits.length > 0) return true;
    constant += t.coefficient;
    return false;
  });
  const letters = new Uint8Array(kept.length * nQubits);
  const supports = kept.map((t, i) => {
    t.qubits.forEach((q, k) => {
      if (q >= nQubits) {
        const text = t.qubits.map((qq, kk) => `${t.letters[kk]}${qq}`).join(" ");
        throw new ArgumentError(
          `${where}: the observable's term ${text} acts on qubit ${q}, outside the ${nQubits}-qubit state`,
        );
      }
      letters[i * nQubits + q] = CODE[t.letters[k]!];
    });
    return Int32Array.from(t.qubits);
  });
  return {
    nQubits,
    nTerms: kept.length,
    coefficients: Float64Array.from(kept, (t) => t.coefficient),
    letters,
    supports,
    constant,
  };
}
