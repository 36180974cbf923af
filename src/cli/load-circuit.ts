/** Loads a circuit file for the CLI: OpenQASM 2 (`.qasm`) or qoar's circuit JSON (`.json`). */
import { ArgumentError } from "../errors.js";
import { circuitFromQasm } from "../io/circuit-qasm.js";
import type { Measurement } from "../io/qasm/index.js";
import { Circuit } from "../quantum/circuit/circuit.js";

/** A loaded circuit and, when the file measures, the measured qubits in classical-bit order. */
export interface LoadedCircuit {
  circuit: Circuit;
  measuredQubits: number[] | undefined;
  /** The final measurements (qubit, classical bit), in program order. */
  measurements: readonly Measurement[];
  /** Classical bits the file declares. */
  nClbits: number;
  /** What lenient QASM import repaired ("line L, column C: ..."). */
  warnings: string[];
}

/**
 * Reads `text` (the contents of `file`) as a circuit.
 * @example
 * const { circuit, measuredQubits } = loadCircuitFile("bell.qasm", readFileSync("circuits/bell.qasm", "utf8"));
 */
export function loadCircuitFile(file: string, text: string, backend?: string): LoadedCircuit {
  if (file.endsWith(".qasm")) {
    const { circuit, measurements, warnings, nClbits } = circuitFromQasm(text);
    const withBackend = backend ? rebind(circuit, backend) : circuit;
    const measured =
      measurements.length > 0
        ? [...measurements].sort((a, b) => a.clbit - b.clbit).map((m) => m.qubit)
        : undefined;
    const notes = (warnings ?? []).map((w) => `line ${w.line}, column ${w.column}: ${w.message}`);
    return {
      circuit: withBackend,
      measuredQubits: measured,
      measurements,
      nClbits,
      warnings: notes,
    };
  }
  throw new ArgumentError(`cannot read ${JSON.stringify(file)}: expected a .qasm file`);
}

function rebind(circuit: Circuit, backend: string): Circuit {
  const c = new Circuit(circuit.nQubits, { backend });
  c.extend(circuit); // keeps the global phase too
  return c;
}
