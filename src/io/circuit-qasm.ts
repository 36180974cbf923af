/**
 * Circuits from and to OpenQASM 2: `circuitFromQasm(text)` parses, lowers the qelib1/Qiskit gates
 * to qoar's gate table with exact phases, and builds a `Circuit` with fixed angles;
 * `circuitToQasm(circuit)` writes a circuit back (parameters at their current values).
 */
import { ArgumentError, describe } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { describeOperation, resolveAngles } from "../quantum/circuit/operation.js";
import { type GateEntry, getGate, hasGate, oracleGate } from "../quantum/gates/table.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import {
  canExport,
  type LoweredOp,
  lowerProgram,
  type Measurement,
  type ParseQasmOptions,
  parseQasm,
  type QasmWarning,
  toQasm,
} from "./qasm/index.js";
import { PARSE_QASM_OPTIONS } from "./qasm/parser.js";

/** A circuit read from QASM, with the final measurements the file asked for. */
export interface QasmCircuit {
  /** The circuit built from the program's gates. */
  circuit: Circuit;
  /** `measure q -> c` statements at the end of the program (qubit, classical bit). */
  measurements: readonly Measurement[];
  /** Classical bits declared by the program. */
  nClbits: number;
  /** What the lenient reader repaired (see `parseQasm`); empty for a valid file. */
  warnings: readonly QasmWarning[];
}

/**
 * Reads an OpenQASM 2 program into a `Circuit` (fixed angles; global phase kept in
 * `circuit.globalPhase`). Mid-circuit measurement, reset and `if` are refused with the line.
 * Repairs of slightly invalid files are listed in `warnings` (`{ strict: true }` refuses them).
 * @example
 * const { circuit, measurements, warnings } = circuitFromQasm(`OPENQASM 2.0; include "qelib1.inc";
 * qreg q[2]; creg c[2]; h q[0]; cx q[0], q[1]; measure q -> c;`);
 */
export function circuitFromQasm(text: string, options: ParseQasmOptions = {}): QasmCircuit {
  checkArity(arguments.length, 2, "circuitFromQasm");
  checkOptions(options, PARSE_QASM_OPTIONS, "circuitFromQasm");
  const program = parseQasm(text, options);
  const lowered = lowerProgram(program);
  if (lowered.nQubits < 1)
    throw new ArgumentError("circuitFromQasm: the program declares no qubits");
  const circuit = new Circuit(lowered.nQubits);
  for (const op of lowered.ops) {
    const gate = op.gate === "oracle" ? oracleGate(op.matrix!) : getGate(op.gate);
    circuit.addOperation(
      gate,
      op.qubits,
      op.params.map((value) => ({ kind: "const" as const, value })),
    );
  }
  circuit.globalPhase = lowered.globalPhase;
  return {
    circuit,
    measurements: lowered.measurements,
    nClbits: lowered.nClbits,
    warnings: program.warnings ?? [],
  };
}

/**
 * Appends the QASM-writable gates that one gate application stands for: the gate itself when
 * `toQasm` knows it, else its one-parameter factors (universal gates) or, for a Pauli rotation
 * exp(-i t P / 2), the textbook basis change + CNOT ladder + RZ(t). Equal up to a global phase.
 */
function exportable(
  gate: GateEntry,
  qubits: readonly number[],
  params: number[],
  out: LoweredOp[],
) {
  if (canExport(gate.name) && hasGate(gate.name) && getGate(gate.name) === gate) {
    out.push({ gate: gate.name, qubits, params });
  } else if (gate.factors !== undefined) {
    for (const f of gate.factors) {
      const angle = (f.param === undefined ? 0 : f.scale * params[f.param]!) + f.offset;
      exportable(
        f.gate,
        f.qubits.map((i) => qubits[i]!),
        f.gate.nParams === 0 ? [] : [angle],
        out,
      );
    }
  } else if (gate.pauliRotation !== undefined) {
    const into: LoweredOp[] = [];
    const back: LoweredOp[] = [];
    gate.pauliRotation.forEach((l, i) => {
      const q = [qubits[i]!];
      // B P_i B^dagger = Z: H for X, H Sdg for Y
      if (l === "X") {
        into.push({ gate: "h", qubits: q, params: [] });
        back.unshift({ gate: "h", qubits: q, params: [] });
      } else if (l === "Y") {
        into.push({ gate: "sdg", qubits: q, params: [] }, { gate: "h", qubits: q, params: [] });
        back.unshift({ gate: "h", qubits: q, params: [] }, { gate: "s", qubits: q, params: [] });
      }
    });
    const ladder: LoweredOp[] = [];
    for (let i = 0; i + 1 < qubits.length; i++) {
      ladder.push({ gate: "cnot", qubits: [qubits[i]!, qubits[i + 1]!], params: [] });
    }
    out.push(
      ...into,
      ...ladder,
      { gate: "rz", qubits: [qubits.at(-1)!], params },
      ...[...ladder].reverse(),
      ...back,
    );
  } else {
    throw new ArgumentError(
      `circuitToQasm: gate "${gate.name}" (a user matrix) has no OpenQASM 2 form`,
    );
  }
}

const CIRCUIT_TO_QASM_OPTIONS = optionKeys<OptionsOf<typeof circuitToQasm, 1>>({ measure: true });

/**
 * Writes a circuit as OpenQASM 2 (trainable angles at their current values). Gates qelib1 lacks
 * are decomposed (universal gates into their factors, Pauli rotations into a CNOT ladder), so
 * the file has the circuit's state up to a global phase. Data-encoding gates, user oracles,
 * channels and inverted operations cannot be written.
 * @example
 * const text = circuitToQasm(circuit, { measure: true });
 */
export function circuitToQasm(circuit: Circuit, options: { measure?: boolean } = {}): string {
  checkArity(arguments.length, 2, "circuitToQasm");
  checkOptions(options, CIRCUIT_TO_QASM_OPTIONS, "circuitToQasm");
  if (!(circuit instanceof Circuit))
    throw new ArgumentError(`circuitToQasm: expected a Circuit, got ${describe(circuit)}`);
  if (circuit.featureCount > 0) {
    throw new ArgumentError(
      "circuitToQasm: data-encoding gates have no fixed angle; bind the data first",
    );
  }
  const ops: LoweredOp[] = [];
  for (const op of circuit.operations) {
    if (op.kind !== "gate") {
      throw new ArgumentError(`circuitToQasm: the ${describeOperation(op)} has no OpenQASM 2 form`);
    }
    const params = Array.from(resolveAngles(op, undefined, 0, 1));
    if (op.adjoint) {
      throw new ArgumentError(
        "circuitToQasm: inverted operations are not supported; export the original circuit",
      );
    }
    exportable(op.gate, op.qubits, params, ops);
  }
  return toQasm(ops, { nQubits: circuit.nQubits, measure: options.measure });
}
