/**
 * The built-in gates of the importer: OpenQASM 2's `U` and `CX`, the gates of `qelib1.inc`
 * (Qiskit's extended version), and a few gates Qiskit writes without a definition (`rzx`, `ecr`,
 * `iswap`, `dcx`, `ryy`, `r`). Their matrices follow Qiskit; `lower.ts` maps each to qoar gates.
 */

/** Arity of a built-in gate. `qelib1` is false for names a file may define itself. */
export interface BuiltinGate {
  /** Number of angle parameters. */
  readonly nParams: number;
  /** Number of qubit arguments. */
  readonly nQubits: number;
  /** True for `U`, `CX` and gates of qelib1.inc: redefining them is an error. */
  readonly qelib1: boolean;
}

const g = (nParams: number, nQubits: number, qelib1 = true): BuiltinGate => ({
  nParams,
  nQubits,
  qelib1,
});

/** `U` and `CX`: part of the language, available without any include. */
export const CORE_GATES: Readonly<Record<string, BuiltinGate>> = { U: g(3, 1), CX: g(0, 2) };

/**
 * The gates that `include "qelib1.inc";` brings in.
 * @example
 * BUILTIN_GATES["cu3"]; // { nParams: 3, nQubits: 2, qelib1: true }
 */
export const BUILTIN_GATES: Readonly<Record<string, BuiltinGate>> = {
  u3: g(3, 1),
  u2: g(2, 1),
  u1: g(1, 1),
  u0: g(1, 1),
  u: g(3, 1),
  p: g(1, 1),
  id: g(0, 1),
  x: g(0, 1),
  y: g(0, 1),
  z: g(0, 1),
  h: g(0, 1),
  s: g(0, 1),
  sdg: g(0, 1),
  t: g(0, 1),
  tdg: g(0, 1),
  sx: g(0, 1),
  sxdg: g(0, 1),
  rx: g(1, 1),
  ry: g(1, 1),
  rz: g(1, 1),
  cx: g(0, 2),
  cy: g(0, 2),
  cz: g(0, 2),
  ch: g(0, 2),
  swap: g(0, 2),
  crx: g(1, 2),
  cry: g(1, 2),
  crz: g(1, 2),
  cu1: g(1, 2),
  cp: g(1, 2),
  cu3: g(3, 2),
  cu: g(4, 2),
  csx: g(0, 2),
  rxx: g(1, 2),
  rzz: g(1, 2),
  ccx: g(0, 3),
  cswap: g(0, 3),
  rccx: g(0, 3),
  rc3x: g(0, 4),
  c3x: g(0, 4),
  c3sqrtx: g(0, 4),
  c4x: g(0, 5),
  // Not in qelib1.inc; Qiskit reads and writes them. A file may define them itself.
  iden: g(0, 1, false),
  r: g(2, 1, false),
  ryy: g(1, 2, false),
  rzx: g(1, 2, false),
  ecr: g(0, 2, false),
  iswap: g(0, 2, false),
  dcx: g(0, 2, false),
};
