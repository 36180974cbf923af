/**
 * The text drawing of a circuit: one line per qubit, gates in columns, e.g.
 *
 *     q0: --H-------*--
 *     q1: --Ry(1.23)-X--
 *
 * Controls are `*`; the targets of a controlled gate show the target gate's label; gates on
 * several qubits repeat their label on each. Gates share a column when their qubit spans do not
 * overlap.
 */
import { type Operation, operationName } from "./operation.js";

const SHORT: Record<string, string> = {
  h: "H",
  s: "S",
  sdg: "Sdg",
  t: "T",
  tdg: "Tdg",
  x: "X",
  y: "Y",
  z: "Z",
  p: "P",
  rx: "Rx",
  ry: "Ry",
  rz: "Rz",
  u3: "U3",
  swap: "x",
  iswap: "iSw",
  ms: "MS",
  rxx: "Rxx",
  ryy: "Ryy",
  rzz: "Rzz",
  universal_two_qubits: "U2q",
  universal_three_qubits: "U3q",
};

function labelOf(op: Operation, gateName: string): string {
  const base = SHORT[gateName] ?? gateName;
  const dg = op.kind === "gate" && op.adjoint ? "^dg" : "";
  if (op.angles.length === 0) return base + dg;
  if (op.angles.length > 1) return `${base}${dg}(...)`;
  const a = op.angles[0]!;
  const value =
    a.kind === "const"
      ? a.value
      : a.kind === "param"
        ? a.scale * a.param.data[a.index]!
        : undefined;
  return `${base}${dg}(${value === undefined ? `x${a.kind === "data" ? a.features.join("*x") : ""}` : value.toFixed(2)})`;
}

/**
 * Draws `ops` on `nQubits` lines.
 * @example
 * drawCircuit(2, circuit.operations);
 */
export function drawCircuit(nQubits: number, ops: readonly Operation[]): string {
  const columns: string[][] = [];
  const busyUntil = new Array<number>(nQubits).fill(0);
  let measuredUntil = 0;
  for (const op of ops) {
    const lo = Math.min(...op.qubits);
    const hi = Math.max(...op.qubits);
    // a condition reads bits written by earlier measurements: draw it after them
    let col = op.kind === "cond" ? measuredUntil : 0;
    for (let q = lo; q <= hi; q++) col = Math.max(col, busyUntil[q]!);
    if (op.kind === "measure") measuredUntil = Math.max(measuredUntil, col + 1);
    for (let q = lo; q <= hi; q++) busyUntil[q] = col + 1;
    while (columns.length <= col) columns.push(new Array<string>(nQubits).fill(""));
    const cells = columns[col]!;
    const name = operationName(op);
    const nc = op.kind === "gate" ? (op.gate.controlled?.nControls ?? 0) : 0;
    const targetName = op.kind === "gate" ? (op.gate.controlled?.target.name ?? name) : name;
    op.qubits.forEach((q, i) => {
      cells[q] = i < nc ? "*" : labelOf(op, nc > 0 ? targetName : name);
    });
    for (let q = lo + 1; q < hi; q++) if (cells[q] === "") cells[q] = "|";
  }
  const prefix = (q: number): string => `q${q}: `.padEnd(`q${nQubits - 1}: `.length);
  const lines = Array.from({ length: nQubits }, (_, q) => `${prefix(q)}--`);
  for (const cells of columns) {
    const width = Math.max(...cells.map((c) => c.length));
    for (let q = 0; q < nQubits; q++) {
      const c = cells[q]!;
      const left = Math.floor((width - c.length) / 2);
      lines[q] += `${"-".repeat(left)}${c}${"-".repeat(width - c.length - left)}--`;
    }
  }
  return lines.join("\n");
}
