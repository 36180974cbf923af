/**
 * The seeded random circuit behind circuits/random-12.qasm: `nGates` qoar gates drawn from the
 * whole exportable gate set, random distinct qubits, angles uniform in [-pi, pi).
 * Regenerate the file with:
 *   npx tsx -e 'import("./test/io/helpers/random-circuit.ts").then((m) => process.stdout.write(m.randomCircuitQasm()))' > circuits/random-12.qasm
 */
import { type LoweredOp, toQasm } from "../../../src/io/qasm/index.js";
import { Rng } from "../../../src/random.js";
import { QOAR_ARITY } from "./qoar-gates.js";

export const RANDOM_12 = { nQubits: 12, nGates: 150, seed: 12 } as const;

/** The random gate list for these settings. */
export function randomCircuit(nQubits: number, nGates: number, seed: number): LoweredOp[] {
  const rng = new Rng(seed);
  const names = Object.keys(QOAR_ARITY).sort();
  const ops: LoweredOp[] = [];
  for (let g = 0; g < nGates; g++) {
    const gate = names[rng.int(names.length)]!;
    const [k, np] = QOAR_ARITY[gate]!;
    const qubits = rng.shuffle(Array.from({ length: nQubits }, (_, i) => i)).slice(0, k);
    const params = Array.from({ length: np }, () => -Math.PI + 2 * Math.PI * rng.uniform());
    ops.push({ gate, qubits, params });
  }
  return ops;
}

/** The text of circuits/random-12.qasm. */
export function randomCircuitQasm(): string {
  const { nQubits, nGates, seed } = RANDOM_12;
  const head = `// random-12: ${nGates} random qoar gates on ${nQubits} qubits, seed ${seed}, from test/io/helpers/random-circuit.ts\n`;
  return head + toQasm(randomCircuit(nQubits, nGates, seed), { nQubits, measure: true });
}
