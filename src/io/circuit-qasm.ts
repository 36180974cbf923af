/**
 * Circuits from and to OpenQASM 2: `circuitFromQasm(text)` parses, lowers the qelib1/Qiskit gates
 * to qoar's gate table with exact phases, and builds a `Circuit` with fixed angles;
 * `circuitToQasm(circuit)` writes a circuit back (parameters at their current values).
 */
import { ArgumentError } from "../errors.js";
import { Circuit } from "../quantum/circuit.js";
import { getGate, oracleGate } from "../quantum/gates.js";
import { resolveAngles } from "../quantum/operation.js";
import { type LoweredOp, lowerProgram, type Measurement, parseQasm, toQasm } from "./qasm/index.js";

/** A circuit read from QASM, with the final measurements the file asked for. */
export interface QasmCircuit {
  circuit: Circuit;
  /** `measure q -> c` statements at the end of the program (qubit, classical bit). */
  measurements: readonly Measurement[];
  /** Classical bits declared by the program. */
  nClbits: number;
}

/**
 * Reads an OpenQASM 2 program into a `Circuit` (fixed angles; global phase kept in
 * `circuit.globalPhase`). Mid-circuit measurement, reset and `if` are refused with the line.
 * @example
 * const { circuit, measurements } = circuitFromQasm(`OPENQASM 2.0; include "qelib1.inc";
 * qreg q[2]; creg c[2]; h q[0]; cx q[0], q[1]; measure q -> c;`);
 */
export function circuitFromQasm(text: string): QasmCircuit {
  const lowered = lowerProgram(parseQasm(text));
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
  return { circuit, measurements: lowered.measurements, nClbits: lowered.nClbits };
}

/**
 * Writes a circuit as OpenQASM 2 (trainable angles at their current values). Data-encoding gates
 * and user oracles cannot be written.
 * @example
 * const text = circuitToQasm(circuit, { measure: true });
 */
export function circuitToQasm(circuit: Circuit, options: { measure?: boolean } = {}): string {
  if (circuit.featureCount > 0) {
    throw new ArgumentError(
      "circuitToQasm: data-encoding gates have no fixed angle; bind the data first",
    );
  }
  const ops: LoweredOp[] = [];
  for (const op of circuit.operations) {
    if (op.kind !== "gate") {
      throw new ArgumentError(
        `circuitToQasm: the ${op.channel.name} channel has no OpenQASM 2 form`,
      );
    }
    const params = Array.from(resolveAngles(op, undefined, 0, 1));
    if (op.adjoint) {
      throw new ArgumentError(
        "circuitToQasm: inverted operations are not supported; export the original circuit",
      );
    }
    ops.push({ gate: op.gate.name, qubits: op.qubits, params });
  }
  return toQasm(ops, { nQubits: circuit.nQubits, measure: options.measure });
}
