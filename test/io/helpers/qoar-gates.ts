/**
 * Test-only matrices of qoar's gates, written from qoar's conventions (DESIGN.md):
 * RX(t) = exp(-i t X/2) (RY, RZ, RXX, RYY, RZZ alike), U3 = [[cos t/2, -e^{il} sin t/2],
 * [e^{ip} sin t/2, e^{i(p+l)} cos t/2]], P(l) = diag(1, e^{il}), CP = diag(1,1,1,e^{il}),
 * CU = controlled U3 with no extra phase, MS = RXX(-pi/2), iSWAP = [[1,0,0,0],[0,0,i,0],[0,i,0,0],[0,0,0,1]].
 */
import type { LoweredOp } from "../../../src/io/qasm/index.js";
import { type CMat, controlled, expi, identity, kron, mat } from "./dense.js";
import { H, phase, rx, ry, rz, u3, X, Y, Z } from "./qiskit-gates.js";

const pauliPair = (p: CMat, t: number): CMat => {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  const out = identity(4).map((v) => c * v);
  for (let i = 0; i < out.length; i += 2) {
    out[i] = out[i]! + s * p[i + 1]!;
    out[i + 1] = out[i + 1]! - s * p[i]!;
  }
  return out;
};
const SWAP = mat([
  [1, 0, 0, 0],
  [0, 0, 1, 0],
  [0, 1, 0, 0],
  [0, 0, 0, 1],
]);

/** qoar gate name -> (params) -> matrix. */
export const QOAR_GATES: Record<string, (p: readonly number[]) => CMat> = {
  h: () => H,
  s: () => phase(Math.PI / 2),
  sdg: () => phase(-Math.PI / 2),
  t: () => phase(Math.PI / 4),
  tdg: () => phase(-Math.PI / 4),
  x: () => X,
  y: () => Y,
  z: () => Z,
  p: (p) => phase(p[0]!),
  rx: (p) => rx(p[0]!),
  ry: (p) => ry(p[0]!),
  rz: (p) => rz(p[0]!),
  u3: (p) => u3(p[0]!, p[1]!, p[2]!),
  cnot: () => controlled(X),
  cy: () => controlled(Y),
  cz: () => controlled(Z),
  swap: () => SWAP,
  cp: (p) =>
    mat([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, expi(p[0]!)],
    ]),
  crx: (p) => controlled(rx(p[0]!)),
  cry: (p) => controlled(ry(p[0]!)),
  crz: (p) => controlled(rz(p[0]!)),
  cu: (p) => controlled(u3(p[0]!, p[1]!, p[2]!)),
  rxx: (p) => pauliPair(kron(X, X), p[0]!),
  ryy: (p) => pauliPair(kron(Y, Y), p[0]!),
  rzz: (p) => pauliPair(kron(Z, Z), p[0]!),
  ms: () => pauliPair(kron(X, X), -Math.PI / 2),
  cswap: () => controlled(SWAP),
  ccx: () => controlled(X, 2),
  iswap: () =>
    mat([
      [1, 0, 0, 0],
      [0, 0, [0, 1], 0],
      [0, [0, 1], 0, 0],
      [0, 0, 0, 1],
    ]),
};

/** The matrix of one lowered op (its own qubits, in order). */
export function qoarMatrix(op: LoweredOp): CMat {
  if (op.gate === "oracle") {
    if (!op.matrix) throw new Error("oracle without a matrix");
    return op.matrix;
  }
  const f = QOAR_GATES[op.gate];
  if (!f) throw new Error(`unknown qoar gate ${op.gate}`);
  return f(op.params);
}

/** qoar gate name -> [qubits, parameters], from the gate list in the task. */
export const QOAR_ARITY: Record<string, readonly [number, number]> = {
  h: [1, 0],
  s: [1, 0],
  sdg: [1, 0],
  t: [1, 0],
  tdg: [1, 0],
  x: [1, 0],
  y: [1, 0],
  z: [1, 0],
  p: [1, 1],
  rx: [1, 1],
  ry: [1, 1],
  rz: [1, 1],
  u3: [1, 3],
  cnot: [2, 0],
  cy: [2, 0],
  cz: [2, 0],
  swap: [2, 0],
  cp: [2, 1],
  crx: [2, 1],
  cry: [2, 1],
  crz: [2, 1],
  cu: [2, 3],
  rxx: [2, 1],
  ryy: [2, 1],
  rzz: [2, 1],
  ms: [2, 0],
  cswap: [3, 0],
  ccx: [3, 0],
  iswap: [2, 0],
};
