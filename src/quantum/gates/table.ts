/**
 * The gate table: one frozen `GateEntry` per gate (Yao/PennyLane style). The circuit, the
 * dispatcher and the gradient code read entries' fields (structure, controls, generator,
 * factors); none of them switches on gate names.
 *
 * Table gates: h, s, sdg, t, tdg, x, y, z, p, rx, ry, rz, u3, cnot (cx), cy, cz, swap, cp, crx,
 * cry, crz, cu, rxx, ryy, rzz, ms, cswap, ccx (toffoli), iswap, universal_two_qubits,
 * universal_three_qubits. Made on demand: `pauliRotationGate(letters)`, `oracleGate(U)`,
 * `controlOracleGate(U)`.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import * as std from "./standard.js";
import type { GateEntry } from "./types.js";
import { UNIVERSAL_THREE_QUBITS, UNIVERSAL_TWO_QUBITS } from "./universal.js";

export {
  controlOracleGate,
  type MatrixLike,
  oracleGate,
  pauliRotationGate,
  toUnitary,
} from "./custom.js";
export { checkTheta, factorProduct, globalPhaseFactor, globalPhaseOf } from "./define.js";
export { PAULI_I, PAULI_X, PAULI_Y, PAULI_Z } from "./standard.js";
export type {
  ControlledSpec,
  GateEntry,
  GateFactor,
  GateStructure,
  GlobalPhase,
  PermutationSpec,
} from "./types.js";

/** Every table entry, in a fixed order. */
export const GATES: readonly GateEntry[] = Object.freeze([
  std.H,
  std.S,
  std.SDG,
  std.T,
  std.TDG,
  std.X,
  std.Y,
  std.Z,
  std.P,
  std.RX,
  std.RY,
  std.RZ,
  std.U3,
  std.CNOT,
  std.CY,
  std.CZ,
  std.SWAP,
  std.CP,
  std.CRX,
  std.CRY,
  std.CRZ,
  std.CU,
  std.RXX,
  std.RYY,
  std.RZZ,
  std.MS,
  std.CSWAP,
  std.CCX,
  std.ISWAP,
  UNIVERSAL_TWO_QUBITS,
  UNIVERSAL_THREE_QUBITS,
]);

const byName = new Map<string, GateEntry>();
for (const g of GATES) {
  byName.set(g.name, g);
  for (const a of g.aliases) byName.set(a, g);
}

/** The canonical names of the table gates. */
export const GATE_NAMES: readonly string[] = Object.freeze(GATES.map((g) => g.name));

/**
 * The table entry for `name` (canonical name or alias such as `"cx"`, `"toffoli"`).
 * @example
 * getGate("cx").nQubits; // 2
 */
export function getGate(name: string): GateEntry {
  checkArity(arguments.length, 1, "getGate");
  const g = byName.get(name);
  if (g === undefined) {
    throw new ArgumentError(
      `getGate: unknown gate ${describe(name)}; known: ${GATE_NAMES.join(", ")}`,
    );
  }
  return g;
}

/**
 * Whether `name` is a table gate or alias.
 * @example
 * hasGate("toffoli"); // true
 */
export function hasGate(name: string): boolean {
  return byName.has(name);
}
