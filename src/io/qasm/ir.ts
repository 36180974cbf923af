/**
 * The intermediate representation of an OpenQASM 2 program: flat qubit and classical-bit index
 * spaces (registers laid end to end in declaration order), and a list of operations whose gates
 * are built-in (qelib1.inc and Qiskit's extensions) after user `gate` definitions are expanded.
 */

/** A register: its name and where it sits in the flat index space. */
export interface QasmRegister {
  /** Register name as declared. */
  readonly name: string;
  /** Index of the register's bit 0 in the flat space. */
  readonly start: number;
  /** Number of bits. */
  readonly size: number;
}

/** A built-in gate applied to flat qubit indices, parameters evaluated to numbers. */
export interface QasmGateOp {
  /** Discriminant: always "gate". */
  readonly kind: "gate";
  /** A built-in name (`h`, `cx`, `u3`, `U`, `CX`, `rzx`, ...); see `BUILTIN_GATES`. */
  readonly name: string;
  /** Flat qubit indices, in the gate's argument order. */
  readonly qubits: readonly number[];
  /** Evaluated parameters (radians). */
  readonly params: readonly number[];
  /** Source line of the statement this op came from. */
  readonly line: number;
}

/** `measure q -> c` on one qubit. */
export interface QasmMeasureOp {
  /** Discriminant: always "measure". */
  readonly kind: "measure";
  /** Flat qubit index measured. */
  readonly qubit: number;
  /** Flat classical-bit index written. */
  readonly clbit: number;
  /** Source line of the statement. */
  readonly line: number;
}

/** `reset q` on one qubit. */
export interface QasmResetOp {
  /** Discriminant: always "reset". */
  readonly kind: "reset";
  /** Flat qubit index reset to |0>. */
  readonly qubit: number;
  /** Source line of the statement. */
  readonly line: number;
}

/** `barrier` over some qubits (no effect on the state). */
export interface QasmBarrierOp {
  /** Discriminant: always "barrier". */
  readonly kind: "barrier";
  /** Flat qubit indices covered. */
  readonly qubits: readonly number[];
  /** Source line of the statement. */
  readonly line: number;
}

/** `if (creg == value) op`: `op` runs when the register, read as an integer (its bit 0 least significant), equals `value`. */
export interface QasmIfOp {
  /** Discriminant: always "if". */
  readonly kind: "if";
  /** Name of the classical register compared. */
  readonly creg: string;
  /** The register's flat classical-bit indices, bit 0 (least significant) first. */
  readonly clbits: readonly number[];
  /** The integer the register must equal. */
  readonly value: number;
  /** The conditioned operation. */
  readonly op: QasmGateOp | QasmMeasureOp | QasmResetOp;
  /** Source line of the statement. */
  readonly line: number;
}

/** One operation of a program. */
export type QasmOp = QasmGateOp | QasmMeasureOp | QasmResetOp | QasmBarrierOp | QasmIfOp;

/** Something the lenient reader accepted although the file is not strictly valid (1-based position). */
export interface QasmWarning {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** What was repaired. */
  readonly message: string;
}

/** A parsed OpenQASM 2 program. */
export interface QasmProgram {
  /** Total qubits over all `qreg`s. */
  readonly nQubits: number;
  /** Total classical bits over all `creg`s. */
  readonly nClbits: number;
  /** Quantum registers, in declaration order. */
  readonly qregs: readonly QasmRegister[];
  /** Classical registers, in declaration order. */
  readonly cregs: readonly QasmRegister[];
  /** The operations, in program order. */
  readonly ops: readonly QasmOp[];
  /** What the reader repaired, where the intent was clear (empty for valid files; absent in hand-built programs). */
  readonly warnings?: readonly QasmWarning[];
}
