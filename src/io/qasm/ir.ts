/**
 * The intermediate representation of an OpenQASM 2 program: flat qubit and classical-bit index
 * spaces (registers laid end to end in declaration order), and a list of operations whose gates
 * are built-in (qelib1.inc and Qiskit's extensions) after user `gate` definitions are expanded.
 */

/** A register: its name and where it sits in the flat index space. */
export interface QasmRegister {
  readonly name: string;
  /** Index of the register's bit 0 in the flat space. */
  readonly start: number;
  readonly size: number;
}

/** A built-in gate applied to flat qubit indices, parameters evaluated to numbers. */
export interface QasmGateOp {
  readonly kind: "gate";
  /** A built-in name (`h`, `cx`, `u3`, `U`, `CX`, `rzx`, ...); see `BUILTIN_GATES`. */
  readonly name: string;
  readonly qubits: readonly number[];
  readonly params: readonly number[];
  /** Source line of the statement this op came from. */
  readonly line: number;
}

/** `measure q -> c` on one qubit. */
export interface QasmMeasureOp {
  readonly kind: "measure";
  readonly qubit: number;
  readonly clbit: number;
  readonly line: number;
}

/** `reset q` on one qubit. */
export interface QasmResetOp {
  readonly kind: "reset";
  readonly qubit: number;
  readonly line: number;
}

/** `barrier` over some qubits (no effect on the state). */
export interface QasmBarrierOp {
  readonly kind: "barrier";
  readonly qubits: readonly number[];
  readonly line: number;
}

/** `if (creg == value) op`: `op` runs when the register, read as an integer (its bit 0 least significant), equals `value`. */
export interface QasmIfOp {
  readonly kind: "if";
  readonly creg: string;
  /** The register's flat classical-bit indices, bit 0 (least significant) first. */
  readonly clbits: readonly number[];
  readonly value: number;
  readonly op: QasmGateOp | QasmMeasureOp | QasmResetOp;
  readonly line: number;
}

/** One operation of a program. */
export type QasmOp = QasmGateOp | QasmMeasureOp | QasmResetOp | QasmBarrierOp | QasmIfOp;

/** A parsed OpenQASM 2 program. */
export interface QasmProgram {
  readonly nQubits: number;
  readonly nClbits: number;
  readonly qregs: readonly QasmRegister[];
  readonly cregs: readonly QasmRegister[];
  readonly ops: readonly QasmOp[];
}
