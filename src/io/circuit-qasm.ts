/**
 * Circuits from and to OpenQASM 2: `circuitFromQasm(text)` parses, lowers the qelib1/Qiskit gates
 * to qoar's gate table with exact phases, and builds a `Circuit` with fixed angles;
 * `circuitToQasm(circuit)` writes a circuit back (parameters at their current values).
 */
import { ArgumentError, describe } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import {
  describeOperation,
  type GateOperation,
  resolveAngles,
} from "../quantum/circuit/operation.js";
import { type GateEntry, getGate, hasGate, oracleGate } from "../quantum/gates/table.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import {
  canExport,
  type LoweredOp,
  type LoweredStep,
  lowerGate,
  lowerProgram,
  type Measurement,
  type ParseQasmOptions,
  parseQasm,
  QasmError,
  type QasmGateOp,
  type QasmProgram,
  type QasmRegister,
  type QasmWarning,
  stepsToQasm,
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
 * `circuit.globalPhase`). Measurements after which a qubit is left alone (and whose bit no later
 * `if` reads) are the final `measurements`; other measurements, `reset` and
 * `if (creg == v) gate` become the circuit's measure, reset and cond operations (the
 * register's bit 0 is the least significant bit of v). Repairs of slightly invalid files are
 * listed in `warnings` (`{ strict: true }` refuses them).
 * @example
 * const { circuit, measurements, warnings } = circuitFromQasm(`OPENQASM 2.0; include "qelib1.inc";
 * qreg q[2]; creg c[2]; h q[0]; cx q[0], q[1]; measure q -> c;`);
 */
export function circuitFromQasm(text: string, options: ParseQasmOptions = {}): QasmCircuit {
  checkArity(arguments.length, 2, "circuitFromQasm");
  checkOptions(options, PARSE_QASM_OPTIONS, "circuitFromQasm");
  const program = parseQasm(text, options);
  const finals = finalMeasurements(program);
  if (isDynamicProgram(program, finals)) return dynamicCircuit(program, finals);
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
 * The indices (into `program.ops`) of final measurements: no later operation touches the qubit,
 * writes the bit again, or reads it in an `if`.
 */
function finalMeasurements(program: QasmProgram): Set<number> {
  const finals = new Set<number>();
  const touched = new Set<number>();
  const read = new Set<number>();
  const written = new Set<number>();
  for (let i = program.ops.length - 1; i >= 0; i--) {
    const o = program.ops[i]!;
    const inner = o.kind === "if" ? o.op : o;
    if (o.kind === "if") for (const b of o.clbits) read.add(b);
    if (inner.kind === "measure" && o.kind !== "if") {
      if (!touched.has(inner.qubit) && !read.has(inner.clbit) && !written.has(inner.clbit))
        finals.add(i);
      written.add(inner.clbit);
    }
    if (inner.kind === "gate" || inner.kind === "barrier") {
      if (inner.kind === "gate") for (const q of inner.qubits) touched.add(q);
    } else touched.add(inner.qubit);
  }
  return finals;
}

function isDynamicProgram(program: QasmProgram, finals: Set<number>): boolean {
  return program.ops.some(
    (o, i) => o.kind === "reset" || o.kind === "if" || (o.kind === "measure" && !finals.has(i)),
  );
}

/** Builds the circuit of a program with mid-circuit measurements, resets or conditionals. */
function dynamicCircuit(program: QasmProgram, finals: Set<number>): QasmCircuit {
  if (program.nQubits < 1)
    throw new ArgumentError("circuitFromQasm: the program declares no qubits");
  // OpenQASM's classical bits start at 0: an if may read bits of its register not yet written
  const circuit = new Circuit(program.nQubits).declareBits(program.nClbits);
  const measurements: Measurement[] = [];
  const written = new Set<number>();
  let phase = 0;
  const addGate = (c: Circuit, o: QasmGateOp): number => {
    const low = lowerGate(o.name, o.params, o.qubits);
    for (const op of low.ops) {
      const gate = op.gate === "oracle" ? oracleGate(op.matrix!) : getGate(op.gate);
      c.addOperation(
        gate,
        op.qubits,
        op.params.map((value) => ({ kind: "const" as const, value })),
      );
    }
    return low.phase;
  };
  program.ops.forEach((o, i) => {
    if (o.kind === "barrier") return;
    if (o.kind === "gate") phase += addGate(circuit, o);
    else if (o.kind === "reset") circuit.reset(o.qubit);
    else if (o.kind === "measure") {
      if (finals.has(i)) measurements.push({ qubit: o.qubit, clbit: o.clbit });
      else {
        circuit.measure(o.qubit, { bits: [o.clbit] });
        written.add(o.clbit);
      }
    } else {
      if (o.op.kind !== "gate")
        throw new QasmError(
          { line: o.line, column: 1 },
          `"if" conditions gates here; a conditioned ${o.op.kind} is not supported`,
        );
      if (!o.clbits.some((b) => written.has(b)))
        throw new QasmError(
          { line: o.line, column: 1 },
          `"if (${o.creg} == ${o.value})" reads ${o.creg}, which no earlier measure wrote`,
        );
      const inner = o.op;
      // a phase on one branch only is not observable (branches are mixed), so it is dropped
      circuit.cond([...o.clbits], o.value, (sub) => void addGate(sub, inner));
    }
  });
  circuit.globalPhase = phase;
  return { circuit, measurements, nClbits: program.nClbits, warnings: program.warnings ?? [] };
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
  if (circuit.isDynamic) return dynamicToQasm(circuit, options.measure === true);
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

/**
 * The classical registers of a dynamic circuit's export: one per distinct bit list a `cond`
 * reads (which must be a contiguous ascending run: `if` compares a whole register), the other
 * bits in runs between them, named m0, m1, ... in bit order.
 */
function exportRegisters(circuit: Circuit): QasmRegister[] {
  const nBits = circuit.nBits;
  const owner = new Int32Array(nBits).fill(-1); // the start of the cond register holding a bit
  const sizes = new Map<number, number>();
  for (const op of circuit.operations) {
    if (op.kind !== "cond") continue;
    const a = op.bits[0]!;
    if (op.bits.some((b, j) => b !== a + j))
      throw new ArgumentError(
        `circuitToQasm: a cond reads bits ${describe(op.bits)}, not a contiguous ascending run; OpenQASM 2's if compares a whole register`,
      );
    const known = sizes.get(a);
    if (known === op.bits.length) continue;
    if (known !== undefined || op.bits.some((b) => owner[b] !== -1))
      throw new ArgumentError(
        `circuitToQasm: conds read overlapping bit lists (${describe(op.bits)}); OpenQASM 2 registers cannot overlap`,
      );
    sizes.set(a, op.bits.length);
    for (const b of op.bits) owner[b] = a;
  }
  // cond registers where they are, the other bits in runs between them
  const regs: QasmRegister[] = [];
  for (let b = 0; b < nBits; ) {
    let end = b + 1;
    if (owner[b] !== -1) end = b + sizes.get(owner[b]!)!;
    else while (end < nBits && owner[end] === -1) end++;
    regs.push({ name: `m${regs.length}`, start: b, size: end - b });
    b = end;
  }
  return regs;
}

/** `circuitToQasm` for circuits with measure, reset and cond (postselection has no QASM form). */
function dynamicToQasm(circuit: Circuit, measure: boolean): string {
  const n = circuit.nQubits;
  const regs = exportRegisters(circuit);
  const steps: LoweredStep[] = [];
  const gates = (op: GateOperation): LoweredStep[] => {
    if (op.adjoint)
      throw new ArgumentError(
        "circuitToQasm: inverted operations are not supported; export the original circuit",
      );
    const out: LoweredOp[] = [];
    exportable(op.gate, op.qubits, Array.from(resolveAngles(op, undefined, 0, 1)), out);
    return out.map((o) => ({ kind: "gate", op: o }));
  };
  for (const op of circuit.operations) {
    if (op.kind === "gate") steps.push(...gates(op));
    else if (op.kind === "measure")
      steps.push({ kind: "measure", qubit: op.qubits[0], clbit: op.bit });
    else if (op.kind === "reset") steps.push({ kind: "reset", qubit: op.qubits[0] });
    else if (op.kind === "cond") {
      const reg = regs.find((r) => r.start === op.bits[0] && r.size === op.bits.length)!;
      steps.push({
        kind: "if",
        creg: reg.name,
        clbits: op.bits,
        value: op.value,
        steps: gates(op.gate),
        phase: 0,
      });
    } else
      throw new ArgumentError(`circuitToQasm: the ${describeOperation(op)} has no OpenQASM 2 form`);
  }
  const cregs = [...regs];
  if (measure) {
    const start = regs.reduce((m, r) => Math.max(m, r.start + r.size), 0);
    cregs.push({ name: "c", start, size: n });
    for (let q = 0; q < n; q++) steps.push({ kind: "measure", qubit: q, clbit: start + q });
  }
  return stepsToQasm(steps, { nQubits: n, cregs });
}
