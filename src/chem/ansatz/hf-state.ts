/**
 * The Hartree-Fock reference as a qubit basis state under each mapping: the lowest nAlpha alpha
 * and nBeta beta spin orbitals occupied, encoded by the mapping's binary matrix (Jordan-Wigner:
 * the occupations themselves; parity: prefix sums; Bravyi-Kitaev: Fenwick-tree partial sums;
 * parity-reduced: parity in block order without the two removed qubits).
 */
import { ArgumentError, describe } from "../../errors.js";
import type { Circuit } from "../../quantum/circuit/circuit.js";
import { State } from "../../quantum/state/state.js";
import { checkArity } from "../../validate.js";
import { hartreeFockBits, type QubitEncoding } from "../mappings.js";

/** What the Hartree-Fock state needs: the encoding and the electron counts. */
export interface ReferenceSpec {
  /** How occupations become qubit basis states. */
  encoding: QubitEncoding;
  /** Alpha electrons. */
  nAlpha: number;
  /** Beta electrons. */
  nBeta: number;
  /** The reference bits themselves, when known (an electronic problem's, tapered ones included). */
  hartreeFockBits?: Uint8Array;
}

/** The problem's own bits when it has them (a tapered problem's differ from its encoding's). */
function referenceBits(spec: ReferenceSpec): Uint8Array {
  return spec.hartreeFockBits instanceof Uint8Array
    ? spec.hartreeFockBits
    : hartreeFockBits(spec.encoding, spec);
}

function checkSpec(spec: unknown, where: string): void {
  const s = spec as ReferenceSpec;
  if (
    s === null ||
    typeof s !== "object" ||
    s.encoding === null ||
    typeof s.encoding !== "object"
  ) {
    throw new ArgumentError(
      `${where}: expected { encoding, nAlpha, nBeta } (an electronic problem), got ${describe(spec)}`,
    );
  }
}

/**
 * The Hartree-Fock determinant's qubit bitstring, qubit 0 leftmost.
 * @example
 * hartreeFockBitstring({ encoding: { mapping: "jordan-wigner", order: "interleaved", nModes: 4 }, nAlpha: 1, nBeta: 1 }); // "1100"
 */
export function hartreeFockBitstring(spec: ReferenceSpec): string {
  checkArity(arguments.length, 1, "hartreeFockBitstring");
  checkSpec(spec, "hartreeFockBitstring");
  return Array.from(referenceBits(spec)).join("");
}

/**
 * The Hartree-Fock determinant as a `State`.
 * @example
 * const psi = hartreeFockState(problem); // problem from electronicProblem(...)
 */
export function hartreeFockState(spec: ReferenceSpec): State {
  checkArity(arguments.length, 1, "hartreeFockState");
  checkSpec(spec, "hartreeFockState");
  const bits = hartreeFockBitstring(spec);
  return State.basis(bits.length, bits);
}

/**
 * Appends X gates that turn |0...0> into the Hartree-Fock determinant.
 * @example
 * prepareHartreeFock(new Circuit(4), problem);
 */
export function prepareHartreeFock(circuit: Circuit, spec: ReferenceSpec): Circuit {
  checkArity(arguments.length, 2, "prepareHartreeFock");
  checkSpec(spec, "prepareHartreeFock");
  const bits = referenceBits(spec);
  if (bits.length !== circuit.nQubits) {
    throw new ArgumentError(
      `prepareHartreeFock: the encoding has ${bits.length} qubits, the circuit ${circuit.nQubits}`,
    );
  }
  const ones = [...bits.keys()].filter((q) => bits[q] === 1);
  if (ones.length > 0) circuit.x(ones);
  return circuit;
}
