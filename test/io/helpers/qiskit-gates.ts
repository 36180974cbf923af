/**
 * Test-only matrices of the built-in QASM gates as Qiskit defines them (qiskit.circuit.library),
 * written for this project's order (first gate argument = most significant bit). Arrays copied
 * from Qiskit in its little-endian order go through `fromLittleEndian`.
 */
import {
  type C,
  type CMat,
  controlled,
  expi,
  expiSum,
  fromLittleEndian,
  identity,
  kron,
  mat,
  scale,
} from "./dense.js";

const R = Math.SQRT1_2;
const I2 = identity(2);
const X = mat([
  [0, 1],
  [1, 0],
]);
const Y = mat([
  [0, [0, -1]],
  [[0, 1], 0],
]);
const Z = mat([
  [1, 0],
  [0, -1],
]);
const H = mat([
  [R, R],
  [R, -R],
]);
const SX = mat([
  [
    [0.5, 0.5],
    [0.5, -0.5],
  ],
  [
    [0.5, -0.5],
    [0.5, 0.5],
  ],
]);
const SXDG = mat([
  [
    [0.5, -0.5],
    [0.5, 0.5],
  ],
  [
    [0.5, 0.5],
    [0.5, -0.5],
  ],
]);
const SWAP = mat([
  [1, 0, 0, 0],
  [0, 0, 1, 0],
  [0, 1, 0, 0],
  [0, 0, 0, 1],
]);
const diag = (a: C, b: C) =>
  mat([
    [a, 0],
    [0, b],
  ]);
const u3 = (t: number, p: number, l: number): CMat => {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  const el = expi(l);
  const ep = expi(p);
  const epl = expiSum(p, l);
  return mat([
    [c, [-s * el[0], -s * el[1]]],
    [
      [s * ep[0], s * ep[1]],
      [c * epl[0], c * epl[1]],
    ],
  ]);
};
const phase = (l: number) => diag([1, 0], expi(l));
const rx = (t: number) => {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return mat([
    [c, [0, -s]],
    [[0, -s], c],
  ]);
};
const ry = (t: number) => {
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  return mat([
    [c, -s],
    [s, c],
  ]);
};
const rz = (t: number) => diag(expi(-t / 2), expi(t / 2));
/** exp(-i t/2 P) for a Pauli product P: cos(t/2) I - i sin(t/2) P. */
const pauliRot = (p: CMat, t: number): CMat => {
  const d = Math.round(Math.sqrt(p.length / 2));
  const c = Math.cos(t / 2);
  const s = Math.sin(t / 2);
  const out = identity(d).map((v) => c * v);
  for (let i = 0; i < out.length; i += 2) {
    out[i] = out[i]! + s * p[i + 1]!;
    out[i + 1] = out[i + 1]! - s * p[i]!;
  }
  return out;
};

/** The RCCX array from qiskit/circuit/library/standard_gates/x.py (little-endian). */
const RCCX_LE = mat([
  [1, 0, 0, 0, 0, 0, 0, 0],
  [0, 1, 0, 0, 0, 0, 0, 0],
  [0, 0, 1, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, [0, -1]],
  [0, 0, 0, 0, 1, 0, 0, 0],
  [0, 0, 0, 0, 0, -1, 0, 0],
  [0, 0, 0, 0, 0, 0, 1, 0],
  [0, 0, 0, [0, 1], 0, 0, 0, 0],
]);

/** The RC3X array from qiskit/circuit/library/standard_gates/x.py (little-endian). */
function rc3xLittleEndian(): CMat {
  const m = new Float64Array(2 * 256);
  const set = (r: number, c: number, v: C) => {
    m[2 * (r * 16 + c)] = v[0];
    m[2 * (r * 16 + c) + 1] = v[1];
  };
  for (const k of [0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14]) set(k, k, [1, 0]);
  set(3, 3, [0, 1]);
  set(7, 15, [1, 0]);
  set(11, 11, [0, -1]);
  set(15, 7, [-1, 0]);
  return m;
}

/** name -> (params) -> matrix, for every built-in gate of the importer. */
export const QISKIT_GATES: Record<string, (p: number[]) => CMat> = {
  U: (p) => u3(p[0]!, p[1]!, p[2]!),
  u3: (p) => u3(p[0]!, p[1]!, p[2]!),
  u: (p) => u3(p[0]!, p[1]!, p[2]!),
  u2: (p) =>
    scale(
      mat([
        [1, [-expi(p[1]!)[0], -expi(p[1]!)[1]]],
        [expi(p[0]!), expiSum(p[0]!, p[1]!)],
      ]),
      [R, 0],
    ),
  u1: (p) => phase(p[0]!),
  p: (p) => phase(p[0]!),
  u0: () => I2,
  id: () => I2,
  iden: () => I2,
  x: () => X,
  y: () => Y,
  z: () => Z,
  h: () => H,
  s: () => diag([1, 0], [0, 1]),
  sdg: () => diag([1, 0], [0, -1]),
  t: () => diag([1, 0], expi(Math.PI / 4)),
  tdg: () => diag([1, 0], expi(-Math.PI / 4)),
  sx: () => SX,
  sxdg: () => SXDG,
  rx: (p) => rx(p[0]!),
  ry: (p) => ry(p[0]!),
  rz: (p) => rz(p[0]!),
  r: (p) => {
    const c = Math.cos(p[0]! / 2);
    const s = Math.sin(p[0]! / 2);
    const em = expi(-p[1]!);
    const ep = expi(p[1]!);
    return mat([
      [c, [s * em[1], -s * em[0]]],
      [[s * ep[1], -s * ep[0]], c],
    ]);
  },
  CX: () => controlled(X),
  cx: () => controlled(X),
  cy: () => controlled(Y),
  cz: () => controlled(Z),
  ch: () => controlled(H),
  swap: () => SWAP,
  crx: (p) => controlled(rx(p[0]!)),
  cry: (p) => controlled(ry(p[0]!)),
  crz: (p) => controlled(rz(p[0]!)),
  cu1: (p) => controlled(phase(p[0]!)),
  cp: (p) => controlled(phase(p[0]!)),
  cu3: (p) => controlled(u3(p[0]!, p[1]!, p[2]!)),
  cu: (p) => controlled(scale(u3(p[0]!, p[1]!, p[2]!), expi(p[3]!))),
  csx: () => controlled(SX),
  rxx: (p) => pauliRot(kron(X, X), p[0]!),
  ryy: (p) => pauliRot(kron(Y, Y), p[0]!),
  rzz: (p) => pauliRot(kron(Z, Z), p[0]!),
  rzx: (p) => pauliRot(kron(Z, X), p[0]!),
  // Qiskit's ECRGate array (little-endian): [[0,1,0,i],[1,0,-i,0],[0,i,0,1],[-i,0,1,0]] / sqrt 2
  ecr: () =>
    fromLittleEndian(
      scale(
        mat([
          [0, 1, 0, [0, 1]],
          [1, 0, [0, -1], 0],
          [0, [0, 1], 0, 1],
          [[0, -1], 0, 1, 0],
        ]),
        [R, 0],
      ),
    ),
  iswap: () =>
    mat([
      [1, 0, 0, 0],
      [0, 0, [0, 1], 0],
      [0, [0, 1], 0, 0],
      [0, 0, 0, 1],
    ]),
  // Qiskit's DCXGate array (little-endian)
  dcx: () =>
    fromLittleEndian(
      mat([
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 1, 0, 0],
        [0, 0, 1, 0],
      ]),
    ),
  ccx: () => controlled(X, 2),
  cswap: () => controlled(SWAP),
  rccx: () => fromLittleEndian(RCCX_LE),
  rc3x: () => fromLittleEndian(rc3xLittleEndian()),
  c3x: () => controlled(X, 3),
  c3sqrtx: () => controlled(SX, 3),
  c4x: () => controlled(X, 4),
};

export { H, I2, phase, rx, ry, rz, SX, u3, X, Y, Z };
