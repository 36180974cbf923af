/**
 * The lowering table: each built-in QASM gate (Qiskit's matrix) as a short list of qoar gate
 * applications times a global phase, exactly: `e^{i phase} * (product of qoar matrices) =
 * Qiskit's matrix`. qoar's conventions: RX(t) = exp(-i t X/2) (RY, RZ, RXX, RYY, RZZ alike),
 * U3(t,p,l) = [[cos t/2, -e^{il} sin t/2], [e^{ip} sin t/2, e^{i(p+l)} cos t/2]],
 * P(l) = diag(1, e^{il}), CU = controlled U3 (no extra phase), MS = RXX(-pi/2).
 *
 * About `U`: the OpenQASM 2 paper defines U(t,p,l) = RZ(p) RY(t) RZ(l), which is
 * e^{-i(p+l)/2} U3(t,p,l) (`SPEC_U_PHASE`). qelib1.inc's gates are built on that U, so under
 * the paper every qelib1 gate carries its own extra phase; Qiskit instead gives U, u3 and the
 * others the phase-free matrices used here. The two readings agree up to one global phase for
 * any whole circuit, and this table follows Qiskit, so imported circuits have Qiskit's phase.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { QasmError } from "./errors.js";
import type { QasmProgram } from "./ir.js";
import { BUILTIN_GATES, CORE_GATES } from "./qelib1.js";

/** One qoar gate application: a gate name of qoar's table, qubits, parameters (and a matrix for `oracle`). */
export interface LoweredOp {
  /** A gate name of qoar's table. */
  readonly gate: string;
  /** Qubit indices, in the gate's argument order. */
  readonly qubits: readonly number[];
  /** Angles (radians). */
  readonly params: readonly number[];
  /** Only for `oracle`: the 2^k x 2^k matrix, interleaved re/im, row-major, qubits[0] most significant. */
  readonly matrix?: Float64Array;
}

/** A gate's lowering: qoar gates on local qubit indices 0..k-1 and the global phase. */
export interface Lowering {
  /** The qoar gates, in order. */
  readonly ops: readonly LoweredOp[];
  /** Global phase (radians): e^{i phase} times the ops' product is the QASM gate's matrix. */
  readonly phase: number;
}

/**
 * The phase of the OpenQASM 2 paper's U(t,p,l) relative to qoar's (and Qiskit's) U3: -(p+l)/2.
 * @example
 * SPEC_U_PHASE(Math.PI / 2, 0); // -pi/4: paper's U(t, pi/2, 0) = e^{-i pi/4} U3(t, pi/2, 0)
 */
export const SPEC_U_PHASE = (phi: number, lambda: number): number => -(phi + lambda) / 2;

const PI = Math.PI;
const TWO_PI = 2 * Math.PI;

/**
 * a + b reduced to (-pi, pi]: a program's phase is a sum of one small phase per gate, and a
 * running total that grows with the gate count would lose digits with every addition.
 */
function addPhase(a: number, b: number): number {
  const x = (a + b) % TWO_PI;
  if (x > PI) return x - TWO_PI;
  if (x <= -PI) return x + TWO_PI;
  return x;
}
const op = (gate: string, qubits: number[], params: number[] = []): LoweredOp => ({
  gate,
  qubits,
  params,
});
const only = (...ops: LoweredOp[]): Lowering => ({ ops, phase: 0 });

/** A multi-controlled one-qubit gate `target` (2x2, interleaved) as a 2^(c+1) dense matrix. */
function controlled(nControls: number, target: readonly number[]): Float64Array {
  const d = 1 << (nControls + 1);
  const m = new Float64Array(2 * d * d);
  for (let i = 0; i < d - 2; i++) m[2 * (i * d + i)] = 1;
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      const at = 2 * ((d - 2 + r) * d + (d - 2 + c));
      m[at] = target[2 * (2 * r + c)]!;
      m[at + 1] = target[2 * (2 * r + c) + 1]!;
    }
  }
  return m;
}
const X_MATRIX = [0, 0, 1, 0, 1, 0, 0, 0];
// Qiskit's sqrt(X) = [[1+i, 1-i], [1-i, 1+i]] / 2.
const SX_MATRIX = [0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5];

/** qelib1's rccx body (Qiskit defines the gate by it): u2(0,pi) = H exactly, u1 = p. */
function rccx(a: number, b: number, c: number): LoweredOp[] {
  const t = PI / 4;
  return [
    op("h", [c]),
    op("p", [c], [t]),
    op("cnot", [b, c]),
    op("p", [c], [-t]),
    op("cnot", [a, c]),
    op("p", [c], [t]),
    op("cnot", [b, c]),
    op("p", [c], [-t]),
    op("h", [c]),
  ];
}

function rc3x(): LoweredOp[] {
  const t = PI / 4;
  const [a, b, c, d] = [0, 1, 2, 3];
  return [
    op("h", [d]),
    op("p", [d], [t]),
    op("cnot", [c, d]),
    op("p", [d], [-t]),
    op("h", [d]),
    op("cnot", [a, d]),
    op("p", [d], [t]),
    op("cnot", [b, d]),
    op("p", [d], [-t]),
    op("cnot", [a, d]),
    op("p", [d], [t]),
    op("cnot", [b, d]),
    op("p", [d], [-t]),
    op("h", [d]),
    op("p", [d], [t]),
    op("cnot", [c, d]),
    op("p", [d], [-t]),
    op("h", [d]),
  ];
}

const same =
  (gate: string, nQubits: number) =>
  (p: readonly number[]): Lowering =>
    only(
      op(
        gate,
        Array.from({ length: nQubits }, (_, k) => k),
        [...p],
      ),
    );

/**
 * The lowering of every built-in gate (see `BUILTIN_GATES`), as a function of its parameters.
 * @example
 * LOWERING["sx"]!([]); // { ops: [{ gate: "rx", qubits: [0], params: [pi/2] }], phase: pi/4 }
 */
export const LOWERING: Readonly<Record<string, (p: readonly number[]) => Lowering>> = {
  U: same("u3", 1),
  u3: same("u3", 1),
  u: same("u3", 1),
  u2: (p) => only(op("u3", [0], [PI / 2, p[0]!, p[1]!])),
  u1: same("p", 1),
  p: same("p", 1),
  u0: () => only(),
  id: () => only(),
  iden: () => only(),
  x: same("x", 1),
  y: same("y", 1),
  z: same("z", 1),
  h: same("h", 1),
  s: same("s", 1),
  sdg: same("sdg", 1),
  t: same("t", 1),
  tdg: same("tdg", 1),
  rx: same("rx", 1),
  ry: same("ry", 1),
  rz: same("rz", 1),
  // R(t, f) = exp(-i t/2 (cos f X + sin f Y)) = RZ(f) RX(t) RZ(-f): f enters unchanged (the
  // equal U3(t, f - pi/2, pi/2 - f) would round f - pi/2, off by 0.06 rad at f = 1e15)
  r: (p) => only(op("rz", [0], [-p[1]!]), op("rx", [0], [p[0]!]), op("rz", [0], [p[1]!])),
  sx: () => ({ ops: [op("rx", [0], [PI / 2])], phase: PI / 4 }),
  sxdg: () => ({ ops: [op("rx", [0], [-PI / 2])], phase: -PI / 4 }),
  CX: same("cnot", 2),
  cx: same("cnot", 2),
  cy: same("cy", 2),
  cz: same("cz", 2),
  swap: same("swap", 2),
  // H = U3(pi/2, 0, pi) exactly
  ch: () => only(op("cu", [0, 1], [PI / 2, 0, PI])),
  crx: same("crx", 2),
  cry: same("cry", 2),
  crz: same("crz", 2),
  cu1: same("cp", 2),
  cp: same("cp", 2),
  cu3: same("cu", 2),
  // Qiskit's cu(t,p,l,g) = controlled (e^{ig} U3(t,p,l)): the phase becomes P(g) on the control
  cu: (p) => only(op("p", [0], [p[3]!]), op("cu", [0, 1], [p[0]!, p[1]!, p[2]!])),
  // controlled (e^{i pi/4} RX(pi/2))
  csx: () => only(op("p", [0], [PI / 4]), op("crx", [0, 1], [PI / 2])),
  rxx: same("rxx", 2),
  ryy: same("ryy", 2),
  rzz: same("rzz", 2),
  // exp(-i t/2 Z(x)X) = H_b RZZ(t) H_b
  rzx: (p) => only(op("h", [1]), op("rzz", [0, 1], [p[0]!]), op("h", [1])),
  // ECR = RZX(pi/4); X on a; RZX(-pi/4), Qiskit's definition, with the inner H's cancelled
  ecr: () =>
    only(
      op("h", [1]),
      op("rzz", [0, 1], [PI / 4]),
      op("x", [0]),
      op("rzz", [0, 1], [-PI / 4]),
      op("h", [1]),
    ),
  iswap: same("iswap", 2),
  dcx: () => only(op("cnot", [0, 1]), op("cnot", [1, 0])),
  ccx: same("ccx", 3),
  cswap: same("cswap", 3),
  rccx: () => only(...rccx(0, 1, 2)),
  rc3x: () => only(...rc3x()),
  c3x: () =>
    only({ gate: "oracle", qubits: [0, 1, 2, 3], params: [], matrix: controlled(3, X_MATRIX) }),
  c3sqrtx: () =>
    only({ gate: "oracle", qubits: [0, 1, 2, 3], params: [], matrix: controlled(3, SX_MATRIX) }),
  c4x: () =>
    only({ gate: "oracle", qubits: [0, 1, 2, 3, 4], params: [], matrix: controlled(4, X_MATRIX) }),
};

/**
 * Lowers one built-in gate applied to `qubits` into qoar gate applications and a global phase.
 * @example
 * lowerGate("cu", [0.1, 0.2, 0.3, 0.4], [3, 1]);
 * // { ops: [p(0.4) on [3], cu(0.1, 0.2, 0.3) on [3, 1]], phase: 0 }
 */
export function lowerGate(
  name: string,
  params: readonly number[],
  qubits: readonly number[],
): Lowering {
  const rule = Object.hasOwn(LOWERING, name) ? LOWERING[name] : undefined;
  if (!rule)
    throw new ArgumentError(`lowerGate: name ${describe(name)} is not a built-in QASM gate`);
  const g = (CORE_GATES[name] ?? BUILTIN_GATES[name])!;
  if (
    !Array.isArray(params) ||
    params.length !== g.nParams ||
    params.some((p) => !Number.isFinite(p))
  ) {
    throw new ArgumentError(
      `lowerGate: params ${describe(params)} must be ${g.nParams} finite number(s) for "${name}"`,
    );
  }
  if (
    !Array.isArray(qubits) ||
    qubits.length !== g.nQubits ||
    qubits.some((q) => !Number.isInteger(q) || q < 0) ||
    new Set(qubits).size !== qubits.length
  ) {
    throw new ArgumentError(
      `lowerGate: qubits ${describe(qubits)} must be ${g.nQubits} distinct indices >= 0 for "${name}"`,
    );
  }
  const low = rule(params);
  return {
    phase: low.phase,
    ops: low.ops.map((o) => ({ ...o, qubits: o.qubits.map((k) => qubits[k]!) })),
  };
}

function checkProgram(program: QasmProgram, fn: string): void {
  if (typeof program !== "object" || program === null || !Array.isArray(program.ops)) {
    throw new ArgumentError(
      `${fn}: program must be a QasmProgram from parseQasm, got ${describe(program)}`,
    );
  }
}

/** A final measurement: `qubit` is read into classical bit `clbit`. */
export interface Measurement {
  /** Qubit measured. */
  readonly qubit: number;
  /** Classical bit written. */
  readonly clbit: number;
}

/** A program lowered to qoar gates: what `Circuit.fromQasm` needs. */
export interface LoweredProgram {
  /** Number of qubits. */
  readonly nQubits: number;
  /** Number of classical bits. */
  readonly nClbits: number;
  /** The unitary part, in order. */
  readonly ops: LoweredOp[];
  /** The global phase (radians, in (-pi, pi]) of the unitary part relative to Qiskit's matrices. */
  readonly globalPhase: number;
  /** Measurements after which the measured qubit is not touched again, in program order. */
  readonly measurements: Measurement[];
}

/**
 * Lowers a unitary program (gates and barriers, then measurements at the end of each qubit's
 * life) to qoar gates. Mid-circuit measurement, `reset` and `if` have no unitary lowering and
 * throw `QasmError` naming their line; read `program.ops` for such dynamic circuits.
 * @example
 * const low = lowerProgram(parseQasm('include "qelib1.inc"; qreg q[1]; sx q[0];'));
 * low.ops; // [{ gate: "rx", qubits: [0], params: [pi/2] }]; low.globalPhase === pi/4
 */
export function lowerProgram(program: QasmProgram): LoweredProgram {
  checkArity(arguments.length, 1, "lowerProgram");
  checkProgram(program, "lowerProgram");
  const ops: LoweredOp[] = [];
  const measurements: Measurement[] = [];
  const measured = new Set<number>();
  let phase = 0;
  for (const o of program.ops) {
    if (o.kind === "barrier") continue;
    if (o.kind === "measure") {
      measurements.push({ qubit: o.qubit, clbit: o.clbit });
      measured.add(o.qubit);
      continue;
    }
    if (o.kind !== "gate") {
      throw new QasmError(
        { line: o.line, column: 1 },
        `"${o.kind}" has no unitary lowering: lowerProgram takes gates with measurements at the end`,
      );
    }
    for (const q of o.qubits) {
      if (measured.has(q)) {
        throw new QasmError(
          { line: o.line, column: 1 },
          `gate "${o.name}" acts on qubit ${q} after it was measured: mid-circuit measurement has no unitary lowering`,
        );
      }
    }
    const low = lowerGate(o.name, o.params, o.qubits);
    for (const l of low.ops) ops.push(l);
    phase = addPhase(phase, low.phase);
  }
  return {
    nQubits: program.nQubits,
    nClbits: program.nClbits,
    ops,
    globalPhase: phase,
    measurements,
  };
}

/** One step of a lowered dynamic program, in program order. */
export type LoweredStep =
  | { readonly kind: "gate"; readonly op: LoweredOp }
  | { readonly kind: "measure"; readonly qubit: number; readonly clbit: number }
  | { readonly kind: "reset"; readonly qubit: number }
  | {
      readonly kind: "if";
      readonly creg: string;
      /** The register's classical bits, least significant first. */
      readonly clbits: readonly number[];
      readonly value: number;
      /** What runs when the register equals `value`, and that part's global phase. */
      readonly steps: readonly LoweredStep[];
      readonly phase: number;
    };

/** A program with measurements, resets and conditionals, lowered step by step. */
export interface LoweredDynamicProgram {
  /** Number of qubits. */
  readonly nQubits: number;
  /** Number of classical bits. */
  readonly nClbits: number;
  /** The steps, in program order. */
  readonly steps: LoweredStep[];
  /** The global phase of the unconditional gates (radians, in (-pi, pi]). */
  readonly globalPhase: number;
}

/**
 * Lowers any program, keeping measure, reset and if in order (barriers are dropped); for
 * simulators that branch or sample. Unitary programs are better served by `lowerProgram`.
 * @example
 * const low = lowerSteps(parseQasm('include "qelib1.inc"; qreg q[1]; creg c[1]; h q; measure q -> c; if (c==1) x q;'));
 * low.steps.map((s) => s.kind); // ["gate", "measure", "if"]
 */
export function lowerSteps(program: QasmProgram): LoweredDynamicProgram {
  checkProgram(program, "lowerSteps");
  const steps: LoweredStep[] = [];
  let phase = 0;
  const simple = (o: QasmProgram["ops"][number], out: LoweredStep[]): number => {
    if (o.kind === "measure") out.push({ kind: "measure", qubit: o.qubit, clbit: o.clbit });
    else if (o.kind === "reset") out.push({ kind: "reset", qubit: o.qubit });
    else if (o.kind === "gate") {
      const low = lowerGate(o.name, o.params, o.qubits);
      for (const op of low.ops) out.push({ kind: "gate", op });
      return low.phase;
    }
    return 0;
  };
  for (const o of program.ops) {
    if (o.kind === "if") {
      const inner: LoweredStep[] = [];
      const p = simple(o.op, inner);
      steps.push({
        kind: "if",
        creg: o.creg,
        clbits: o.clbits,
        value: o.value,
        steps: inner,
        phase: p,
      });
    } else phase = addPhase(phase, simple(o, steps));
  }
  return { nQubits: program.nQubits, nClbits: program.nClbits, steps, globalPhase: phase };
}
