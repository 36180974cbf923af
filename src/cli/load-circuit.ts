/** Loads a circuit file for the CLI: OpenQASM 2 (`.qasm`) or qoar's circuit JSON (`.json`). */
import { ArgumentError } from "../errors.js";
import { circuitFromQasm } from "../io/circuit-qasm.js";
import { Circuit } from "../quantum/circuit.js";

/** A loaded circuit and, when the file measures, the measured qubits in classical-bit order. */
export interface LoadedCircuit {
  circuit: Circuit;
  measuredQubits: number[] | undefined;
}

/** Reads `text` (the contents of `file`) as a circuit. */
export function loadCircuitFile(file: string, text: string, backend?: string): LoadedCircuit {
  if (file.endsWith(".qasm")) {
    const { circuit, measurements } = circuitFromQasm(text);
    const withBackend = backend ? rebind(circuit, backend) : circuit;
    const measured =
      measurements.length > 0
        ? [...measurements].sort((a, b) => a.clbit - b.clbit).map((m) => m.qubit)
        : undefined;
    return { circuit: withBackend, measuredQubits: measured };
  }
  throw new ArgumentError(`cannot read ${JSON.stringify(file)}: expected a .qasm file`);
}

function rebind(circuit: Circuit, backend: string): Circuit {
  const c = new Circuit(circuit.nQubits, { backend });
  c.extend(circuit);
  return c;
}
