/**
 * OpenQASM 2 export: `toQasm` for qoar gate applications, `programToQasm` for a parsed program.
 * For qoar gates, those qelib1.inc lacks are written with a `gate`
 * definition (`ryy`, `iswap`) or as a qelib1 gate with fixed angles (`ms` = rxx(-pi/2)), so that
 * `parseQasm(toQasm(ops))` has the same unitary up to a global phase (OpenQASM 2 has no global
 * phase; `oracle` matrices have no general QASM form and are refused).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { QasmOp, QasmProgram, QasmRegister } from "./ir.js";
import type { LoweredOp, LoweredStep } from "./lower.js";

interface ExportRule {
  readonly qasm: string;
  readonly nQubits: number;
  readonly nParams: number;
  /** Extra fixed parameters written after the op's own (for `ms`). */
  readonly fixed?: readonly number[];
  /** A `gate` definition written once at the top when the gate is used. */
  readonly definition?: string;
}

const rule = (
  qasm: string,
  nQubits: number,
  nParams = 0,
  extra: Partial<ExportRule> = {},
): ExportRule => ({
  qasm,
  nQubits,
  nParams,
  ...extra,
});

const RYY_DEF =
  "gate ryy(theta) a,b { rx(pi/2) a; rx(pi/2) b; cx a,b; rz(theta) b; cx a,b; rx(-pi/2) a; rx(-pi/2) b; }";
const ISWAP_DEF = "gate iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }";

/** qoar gate name (and aliases) -> how it is written. */
const EXPORT_RULES: Readonly<Record<string, ExportRule>> = {
  h: rule("h", 1),
  s: rule("s", 1),
  sdg: rule("sdg", 1),
  t: rule("t", 1),
  tdg: rule("tdg", 1),
  x: rule("x", 1),
  y: rule("y", 1),
  z: rule("z", 1),
  p: rule("u1", 1, 1),
  rx: rule("rx", 1, 1),
  ry: rule("ry", 1, 1),
  rz: rule("rz", 1, 1),
  u3: rule("u3", 1, 3),
  u: rule("u3", 1, 3),
  cnot: rule("cx", 2),
  cx: rule("cx", 2),
  cy: rule("cy", 2),
  cz: rule("cz", 2),
  swap: rule("swap", 2),
  cp: rule("cu1", 2, 1),
  crx: rule("crx", 2, 1),
  cry: rule("cry", 2, 1),
  crz: rule("crz", 2, 1),
  cu: rule("cu3", 2, 3),
  rxx: rule("rxx", 2, 1),
  ryy: rule("ryy", 2, 1, { definition: RYY_DEF }),
  rzz: rule("rzz", 2, 1),
  ms: rule("rxx", 2, 0, { fixed: [-Math.PI / 2] }),
  iswap: rule("iswap", 2, 0, { definition: ISWAP_DEF }),
  cswap: rule("cswap", 3),
  fredkin: rule("cswap", 3),
  ccx: rule("ccx", 3),
  toffoli: rule("ccx", 3),
};

/**
 * Whether `toQasm` can write the qoar gate `name` directly (else decompose it first).
 * @example
 * canExport("cnot"); // true
 * canExport("universal_two_qubits"); // false
 */
export function canExport(name: string): boolean {
  checkArity(arguments.length, 1, "canExport");
  return Object.hasOwn(EXPORT_RULES, name);
}

const DENOMINATORS = [1, 2, 3, 4, 6, 8, 12, 16, 32, 64];

/**
 * Writes an angle for QASM: a multiple of pi when it is one (to 1e-15 relative), else the
 * shortest decimal that reads back to the same double.
 * @example
 * formatAngle(-Math.PI / 4); // "-pi/4"
 * formatAngle(0.1); // "0.1"
 */
export function formatAngle(x: number): string {
  if (x === 0) return "0";
  for (const d of DENOMINATORS) {
    const n = Math.round((x * d) / Math.PI);
    if (n !== 0 && Math.abs(n) <= 4 * d && Math.abs(x - (n * Math.PI) / d) <= 1e-15 * Math.abs(x)) {
      if (Math.abs(n) > 1 && gcd(Math.abs(n), d) !== 1) continue;
      const num = n === 1 ? "pi" : n === -1 ? "-pi" : `${n}*pi`;
      return d === 1 ? num : `${num}/${d}`;
    }
  }
  return String(x);
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Options of `toQasm`. */
export interface ToQasmOptions {
  /** Qubit count (default: one more than the largest qubit used, at least 1). */
  readonly nQubits?: number;
  /** Append `creg c[n]; measure q -> c;` (default false). */
  readonly measure?: boolean;
}

const TO_QASM_OPTIONS = optionKeys<ToQasmOptions>({ nQubits: true, measure: true });

/**
 * Writes qoar gate applications as an OpenQASM 2 program over one register `q`.
 * @example
 * toQasm([{ gate: "h", qubits: [0], params: [] }, { gate: "cnot", qubits: [0, 1], params: [] }]);
 * // 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n'
 */
export function toQasm(ops: readonly LoweredOp[], options: ToQasmOptions = {}): string {
  checkArity(arguments.length, 2, "toQasm");
  checkOptions(options, TO_QASM_OPTIONS, "toQasm");
  if (!Array.isArray(ops))
    throw new ArgumentError(`toQasm: ops must be an array, got ${describe(ops)}`);
  let n = 1;
  for (const o of ops)
    for (const q of o?.qubits ?? []) if (Number.isInteger(q)) n = Math.max(n, q + 1);
  if (options.nQubits !== undefined) {
    if (!Number.isInteger(options.nQubits) || options.nQubits < n) {
      throw new ArgumentError(
        `toQasm: nQubits ${describe(options.nQubits)} must be an integer >= ${n} (the qubits used)`,
      );
    }
    n = options.nQubits;
  }
  const defs = new Set<string>();
  const body = ops.map((o, k) => gateLine(o, k, defs, "toQasm"));
  const lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', ...defs, `qreg q[${n}];`];
  if (options.measure) lines.push(`creg c[${n}];`);
  lines.push(...body);
  if (options.measure) lines.push("measure q -> c;");
  return `${lines.join("\n")}\n`;
}

/** One qoar gate application as a QASM statement (its `gate` definition, if any, into `defs`). */
function gateLine(o: LoweredOp, k: number, defs: Set<string>, where: string): string {
  const r =
    o && typeof o.gate === "string" && Object.hasOwn(EXPORT_RULES, o.gate)
      ? EXPORT_RULES[o.gate]!
      : undefined;
  if (!r) {
    const what = o?.gate === "oracle" ? " (an oracle matrix has no general OpenQASM 2 form)" : "";
    throw new ArgumentError(
      `${where}: ops[${k}].gate ${describe(o?.gate)} cannot be exported${what}`,
    );
  }
  const qs = o.qubits;
  if (
    !Array.isArray(qs) ||
    qs.length !== r.nQubits ||
    qs.some((q) => !Number.isInteger(q) || q < 0) ||
    new Set(qs).size !== qs.length
  ) {
    throw new ArgumentError(
      `${where}: ops[${k}].qubits ${describe(qs)} must be ${r.nQubits} distinct qubit indices >= 0 for "${o.gate}"`,
    );
  }
  const ps: readonly number[] = o.params ?? [];
  if (ps.length !== r.nParams || ps.some((p) => typeof p !== "number" || !Number.isFinite(p))) {
    throw new ArgumentError(
      `${where}: ops[${k}].params ${describe(ps)} must be ${r.nParams} finite number(s) for "${o.gate}"`,
    );
  }
  if (r.definition) defs.add(r.definition);
  const all = [...ps, ...(r.fixed ?? [])];
  const head = all.length ? `${r.qasm}(${all.map(formatAngle).join(",")})` : r.qasm;
  return `${head} ${qs.map((q) => `q[${q}]`).join(",")};`;
}

/** Options of `stepsToQasm`. */
export interface StepsToQasmOptions {
  /** Qubit count of the register `q`. */
  readonly nQubits: number;
  /** The classical registers, laid end to end over the flat bits the steps use. */
  readonly cregs: readonly QasmRegister[];
}

const STEPS_TO_QASM_OPTIONS = optionKeys<StepsToQasmOptions>({ nQubits: true, cregs: true });

/**
 * Writes a dynamic program (qoar gates, measure, reset, and `if` steps, which name their
 * register) over one qubit register `q` and the given classical registers.
 * @example
 * stepsToQasm(
 *   [
 *     { kind: "gate", op: { gate: "h", qubits: [0], params: [] } },
 *     { kind: "measure", qubit: 0, clbit: 0 },
 *     { kind: "if", creg: "m", clbits: [0], value: 1, steps: [{ kind: "gate", op: { gate: "x", qubits: [1], params: [] } }], phase: 0 },
 *   ],
 *   { nQubits: 2, cregs: [{ name: "m", start: 0, size: 1 }] },
 * ); // ... "measure q[0] -> m[0];\nif (m == 1) x q[1];\n"
 */
export function stepsToQasm(steps: readonly LoweredStep[], options: StepsToQasmOptions): string {
  checkArity(arguments.length, 2, "stepsToQasm");
  checkOptions(options, STEPS_TO_QASM_OPTIONS, "stepsToQasm");
  if (!Array.isArray(steps))
    throw new ArgumentError(`stepsToQasm: steps must be an array, got ${describe(steps)}`);
  if (
    options === undefined ||
    !Number.isInteger(options.nQubits) ||
    options.nQubits < 1 ||
    !Array.isArray(options.cregs)
  )
    throw new ArgumentError(
      `stepsToQasm: options must give nQubits (a positive integer) and cregs (an array of registers), got ${describe(options)}`,
    );
  const defs = new Set<string>();
  const body: string[] = [];
  const bit = (i: number) => bitName(options.cregs, i, "clbit");
  steps.forEach((st, k) => {
    if (st.kind === "gate") body.push(gateLine(st.op, k, defs, "stepsToQasm"));
    else if (st.kind === "measure") body.push(`measure q[${st.qubit}] -> ${bit(st.clbit)};`);
    else if (st.kind === "reset") body.push(`reset q[${st.qubit}];`);
    else {
      for (const inner of st.steps) {
        if (inner.kind !== "gate")
          throw new ArgumentError(
            `stepsToQasm: steps[${k}] conditions a ${inner.kind}; only gates`,
          );
        body.push(`if (${st.creg} == ${st.value}) ${gateLine(inner.op, k, defs, "stepsToQasm")}`);
      }
    }
  });
  const lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', ...defs, `qreg q[${options.nQubits}];`];
  for (const r of options.cregs) lines.push(`creg ${r.name}[${r.size}];`);
  lines.push(...body);
  return `${lines.join("\n")}\n`;
}

/** `name[i]` for a flat index in the given registers. */
function bitName(regs: readonly QasmRegister[], index: number, what: string): string {
  const r = regs.find((x) => index >= x.start && index < x.start + x.size);
  if (!r) throw new ArgumentError(`programToQasm: ${what} ${describe(index)} is in no register`);
  return `${r.name}[${index - r.start}]`;
}

function opLine(p: QasmProgram, o: QasmOp): string {
  const q = (i: number) => bitName(p.qregs, i, "qubit");
  switch (o.kind) {
    case "gate": {
      const head = o.params.length ? `${o.name}(${o.params.map(formatAngle).join(",")})` : o.name;
      return `${head} ${o.qubits.map(q).join(",")};`;
    }
    case "measure":
      return `measure ${q(o.qubit)} -> ${bitName(p.cregs, o.clbit, "clbit")};`;
    case "reset":
      return `reset ${q(o.qubit)};`;
    case "barrier":
      return `barrier ${o.qubits.map(q).join(",")};`;
    case "if":
      return `if (${o.creg} == ${o.value}) ${opLine(p, o.op)}`;
  }
}

/**
 * Writes a parsed program back as OpenQASM 2 with its own registers, measurements, resets,
 * barriers and conditionals (user gates stay expanded into built-in gates), so that
 * `parseQasm(programToQasm(p))` has the same ops as `p`.
 * @example
 * programToQasm(parseQasm('include "qelib1.inc"; qreg a[1]; creg m[1]; h a; measure a -> m;'));
 * // 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg a[1];\ncreg m[1];\nh a[0];\nmeasure a[0] -> m[0];\n'
 */
export function programToQasm(program: QasmProgram): string {
  checkArity(arguments.length, 1, "programToQasm");
  if (typeof program !== "object" || program === null || !Array.isArray(program.ops)) {
    throw new ArgumentError(
      `programToQasm: program must be a QasmProgram, got ${describe(program)}`,
    );
  }
  const lines = ["OPENQASM 2.0;", 'include "qelib1.inc";'];
  for (const r of program.qregs) lines.push(`qreg ${r.name}[${r.size}];`);
  for (const r of program.cregs) lines.push(`creg ${r.name}[${r.size}];`);
  for (const o of program.ops) lines.push(opLine(program, o));
  return `${lines.join("\n")}\n`;
}
