/**
 * A naive dense state-vector simulator for the io tests only: interleaved complex amplitudes,
 * qubit 0 = most significant bit, a k-qubit matrix applied by index loops. Measurements and
 * resets branch the state (each branch keeps its probability and classical bits).
 */
import type { LoweredOp, LoweredStep, QasmOp, QasmProgram } from "../../../src/io/qasm/index.js";
import { type CMat, dim, expi, scale } from "./dense.js";
import { QISKIT_GATES } from "./qiskit-gates.js";
import { qoarMatrix } from "./qoar-gates.js";

export function zeroState(n: number): Float64Array {
  const s = new Float64Array(2 << n);
  s[0] = 1;
  return s;
}

/** Applies matrix m (qubits[0] most significant in m) to `state` of n qubits, in place. */
export function applyMatrix(
  state: Float64Array,
  n: number,
  m: CMat,
  qubits: readonly number[],
): void {
  const k = qubits.length;
  const d = 1 << k;
  if (dim(m) !== d) throw new Error(`matrix of dim ${dim(m)} on ${k} qubits`);
  const bits = qubits.map((q) => 1 << (n - 1 - q));
  const mask = bits.reduce((a, b) => a | b, 0);
  const idx = new Array<number>(d);
  const vr = new Float64Array(d);
  const vi = new Float64Array(d);
  for (let base = 0; base < 1 << n; base++) {
    if (base & mask) continue;
    for (let j = 0; j < d; j++) {
      let i = base;
      for (let b = 0; b < k; b++) if ((j >> (k - 1 - b)) & 1) i |= bits[b]!;
      idx[j] = i;
      vr[j] = state[2 * i]!;
      vi[j] = state[2 * i + 1]!;
    }
    for (let r = 0; r < d; r++) {
      let re = 0;
      let im = 0;
      for (let c = 0; c < d; c++) {
        const mr = m[2 * (r * d + c)]!;
        const mi = m[2 * (r * d + c) + 1]!;
        re += mr * vr[c]! - mi * vi[c]!;
        im += mr * vi[c]! + mi * vr[c]!;
      }
      state[2 * idx[r]!] = re;
      state[2 * idx[r]! + 1] = im;
    }
  }
}

/** The state after lowered qoar ops (qoar matrices) from |0...0>, times e^{i globalPhase}. */
export function runLowered(n: number, ops: readonly LoweredOp[], globalPhase = 0): Float64Array {
  let s = zeroState(n);
  for (const op of ops) applyMatrix(s, n, qoarMatrix(op), op.qubits);
  if (globalPhase !== 0) s = scale(s, expi(globalPhase));
  return s;
}

/** The unitary of lowered ops on n qubits, column by column. */
export function loweredUnitary(n: number, ops: readonly LoweredOp[], globalPhase = 0): CMat {
  const d = 1 << n;
  const u = new Float64Array(2 * d * d);
  for (let c = 0; c < d; c++) {
    const s = new Float64Array(2 * d);
    s[2 * c] = 1;
    for (const op of ops) applyMatrix(s, n, qoarMatrix(op), op.qubits);
    const t = scale(s, expi(globalPhase));
    for (let r = 0; r < d; r++) {
      u[2 * (r * d + c)] = t[2 * r]!;
      u[2 * (r * d + c) + 1] = t[2 * r + 1]!;
    }
  }
  return u;
}

/** One branch of a program run: probability, normalized state and classical bits. */
export interface Branch {
  p: number;
  state: Float64Array;
  clbits: number[];
}

function project(b: Branch, n: number, q: number, outcome: number): Branch | undefined {
  const bit = 1 << (n - 1 - q);
  const s = Float64Array.from(b.state);
  let norm = 0;
  for (let i = 0; i < 1 << n; i++) {
    if (((i & bit) !== 0 ? 1 : 0) !== outcome) {
      s[2 * i] = 0;
      s[2 * i + 1] = 0;
    } else norm += s[2 * i]! ** 2 + s[2 * i + 1]! ** 2;
  }
  if (norm < 1e-14) return undefined;
  const f = 1 / Math.sqrt(norm);
  for (let i = 0; i < s.length; i++) s[i] = s[i]! * f;
  return { p: b.p * norm, state: s, clbits: [...b.clbits] };
}

const X_MAT = new Float64Array([0, 0, 1, 0, 1, 0, 0, 0]);

function step(b: Branch, n: number, op: QasmOp): Branch[] {
  switch (op.kind) {
    case "barrier":
      return [b];
    case "gate": {
      const f = QISKIT_GATES[op.name];
      if (!f) throw new Error(`no reference matrix for ${op.name}`);
      applyMatrix(b.state, n, f([...op.params]), op.qubits);
      return [b];
    }
    case "measure":
    case "reset": {
      const out: Branch[] = [];
      for (const o of [0, 1]) {
        const nb = project(b, n, op.qubit, o);
        if (!nb) continue;
        if (op.kind === "measure") nb.clbits[op.clbit] = o;
        else if (o === 1) applyMatrix(nb.state, n, X_MAT, [op.qubit]);
        out.push(nb);
      }
      return out;
    }
    case "if": {
      let v = 0;
      op.clbits.forEach((c, k) => {
        v += (b.clbits[c] ?? 0) * 2 ** k;
      });
      return v === op.value ? step(b, n, op.op) : [b];
    }
  }
}

/** Runs a whole program (Qiskit matrices for the gates), branching at measure and reset. */
export function runProgram(program: QasmProgram, ops: readonly QasmOp[] = program.ops): Branch[] {
  let branches: Branch[] = [
    { p: 1, state: zeroState(program.nQubits), clbits: new Array(program.nClbits).fill(0) },
  ];
  for (const op of ops) branches = branches.flatMap((b) => step(b, program.nQubits, op));
  return branches;
}

/**
 * Splits off the final measurements (a measure after which nothing touches its qubit) and
 * barriers; returns the rest, and whether that rest is unitary (no measure, reset or if).
 */
export function unitaryPrefix(program: QasmProgram): {
  ops: QasmOp[];
  unitary: boolean;
  why?: string;
} {
  const touchedLater = new Set<number>();
  const keep: QasmOp[] = [];
  let why: string | undefined;
  for (let k = program.ops.length - 1; k >= 0; k--) {
    const op = program.ops[k]!;
    if (op.kind === "barrier") continue;
    if (op.kind === "measure" && !touchedLater.has(op.qubit)) continue;
    if (op.kind === "gate") for (const q of op.qubits) touchedLater.add(q);
    else {
      why = `${op.kind === "measure" ? "mid-circuit measure" : op.kind} at line ${op.line}`;
      if (op.kind === "reset") touchedLater.add(op.qubit);
      if (op.kind === "measure") touchedLater.add(op.qubit);
      if (op.kind === "if") for (let q = 0; q < program.nQubits; q++) touchedLater.add(q);
    }
    keep.push(op);
  }
  keep.reverse();
  return why ? { ops: keep, unitary: false, why } : { ops: keep, unitary: true };
}

/** Runs lowered steps (qoar matrices), branching at measure and reset like `runProgram`. */
export function runSteps(
  nQubits: number,
  nClbits: number,
  steps: readonly LoweredStep[],
  globalPhase = 0,
): Branch[] {
  const s0 = zeroState(nQubits);
  let branches: Branch[] = [
    { p: 1, state: scale(s0, expi(globalPhase)), clbits: new Array(nClbits).fill(0) },
  ];
  const one = (b: Branch, st: LoweredStep): Branch[] => {
    if (st.kind === "gate") {
      applyMatrix(b.state, nQubits, qoarMatrix(st.op), st.op.qubits);
      return [b];
    }
    if (st.kind === "if") {
      let v = 0;
      st.clbits.forEach((c, k) => {
        v += (b.clbits[c] ?? 0) * 2 ** k;
      });
      if (v !== st.value) return [b];
      b.state = scale(b.state, expi(st.phase));
      let bs = [b];
      for (const inner of st.steps) bs = bs.flatMap((x) => one(x, inner));
      return bs;
    }
    const op: QasmOp =
      st.kind === "measure"
        ? { kind: "measure", qubit: st.qubit, clbit: st.clbit, line: 0 }
        : { kind: "reset", qubit: st.qubit, line: 0 };
    return step(b, nQubits, op);
  };
  for (const st of steps) branches = branches.flatMap((b) => one(b, st));
  return branches;
}
