/**
 * The standard gates, Paddle Quantum's conventions: RX(t) = exp(-i t X / 2) (likewise RY, RZ,
 * RXX, RYY, RZZ); P(t) = diag(1, e^{it}); U3(t, p, l) = [[cos t/2, -e^{il} sin t/2],
 * [e^{ip} sin t/2, e^{i(p+l)} cos t/2]]; MS = RXX(-pi/2); CU is a controlled U3.
 */
import { controlledMatrix, fromRows, kron } from "../linalg.js";
import { defineGate, factor } from "./define.js";
import type { GateEntry } from "./types.js";

const R = Math.SQRT1_2;

/** Constant matrices used by the table and the Pauli helpers. */
export const PAULI_I = fromRows([
  [1, 0],
  [0, 1],
]);
export const PAULI_X = fromRows([
  [0, 1],
  [1, 0],
]);
export const PAULI_Y = fromRows([
  [
    [0, 0],
    [0, -1],
  ],
  [
    [0, 1],
    [0, 0],
  ],
]);
export const PAULI_Z = fromRows([
  [1, 0],
  [0, -1],
]);
const PROJ1 = fromRows([
  [0, 0],
  [0, 1],
]);

const constant = (m: Float64Array) => (): Float64Array => Float64Array.from(m);
const diag1 = (re: number, im: number) => new Float64Array([1, 0, 0, 0, 0, 0, re, im]);

// --- one-qubit, fixed ------------------------------------------------------------------------
export const H = defineGate({
  name: "h",
  nQubits: 1,
  nParams: 0,
  structure: "dense",
  build: constant(
    fromRows([
      [R, R],
      [R, -R],
    ]),
  ),
});
export const S = defineGate({
  name: "s",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(0, 1),
});
export const SDG = defineGate({
  name: "sdg",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(0, -1),
});
export const T = defineGate({
  name: "t",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(R, R),
});
export const TDG = defineGate({
  name: "tdg",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(R, -R),
});
export const X = defineGate({
  name: "x",
  nQubits: 1,
  nParams: 0,
  structure: "permutation",
  build: constant(PAULI_X),
});
export const Y = defineGate({
  name: "y",
  nQubits: 1,
  nParams: 0,
  structure: "permutation",
  build: constant(PAULI_Y),
});
export const Z = defineGate({
  name: "z",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: constant(PAULI_Z),
});

// --- one-qubit, parametric --------------------------------------------------------------------
export const P = defineGate({
  name: "p",
  nQubits: 1,
  nParams: 1,
  structure: "diagonal",
  build: (t) => diag1(Math.cos(t[0]!), Math.sin(t[0]!)),
  // diag(1, e^{it}) = exp(-i t/2 diag(0, -2))
  generator: new Float64Array([0, 0, 0, 0, 0, 0, -2, 0]),
});
export const RX = defineGate({
  name: "rx",
  nQubits: 1,
  nParams: 1,
  structure: "dense",
  build: (t) => {
    const c = Math.cos(t[0]! / 2);
    const s = Math.sin(t[0]! / 2);
    return new Float64Array([c, 0, 0, -s, 0, -s, c, 0]);
  },
  generator: PAULI_X,
  pauliRotation: ["X"],
});
export const RY = defineGate({
  name: "ry",
  nQubits: 1,
  nParams: 1,
  structure: "dense",
  build: (t) => {
    const c = Math.cos(t[0]! / 2);
    const s = Math.sin(t[0]! / 2);
    return new Float64Array([c, 0, -s, 0, s, 0, c, 0]);
  },
  generator: PAULI_Y,
  pauliRotation: ["Y"],
});
export const RZ = defineGate({
  name: "rz",
  nQubits: 1,
  nParams: 1,
  structure: "diagonal",
  build: (t) => {
    const c = Math.cos(t[0]! / 2);
    const s = Math.sin(t[0]! / 2);
    return new Float64Array([c, -s, 0, 0, 0, 0, c, s]);
  },
  generator: PAULI_Z,
});

function u3Matrix(t: ArrayLike<number>, o = 0): Float64Array {
  const c = Math.cos(t[o]! / 2);
  const s = Math.sin(t[o]! / 2);
  const p = t[o + 1]!;
  const l = t[o + 2]!;
  return new Float64Array([
    c,
    0,
    -s * Math.cos(l),
    -s * Math.sin(l),
    s * Math.cos(p),
    s * Math.sin(p),
    c * Math.cos(p + l),
    c * Math.sin(p + l),
  ]);
}

/** U3(t, p, l) = e^{i(p+l)/2} RZ(p) RY(t) RZ(l). */
export const U3 = defineGate({
  name: "u3",
  nQubits: 1,
  nParams: 3,
  structure: "dense",
  build: (t) => u3Matrix(t),
  factors: [factor(RZ, [0], 2), factor(RY, [0], 0), factor(RZ, [0], 1)],
  globalPhase: { coefficients: [0, 0.5, 0.5], offset: 0 },
});

// --- two- and three-qubit ---------------------------------------------------------------------
const ctrl =
  (target: GateEntry, nControls = 1) =>
  (t: ArrayLike<number>): Float64Array =>
    controlledMatrix(target.matrix(t), nControls);

export const CNOT = defineGate({
  name: "cnot",
  aliases: ["cx"],
  nQubits: 2,
  nParams: 0,
  structure: "permutation",
  build: ctrl(X),
  controlled: { nControls: 1, target: X },
});
export const CY = defineGate({
  name: "cy",
  nQubits: 2,
  nParams: 0,
  structure: "permutation",
  build: ctrl(Y),
  controlled: { nControls: 1, target: Y },
});
export const CZ = defineGate({
  name: "cz",
  nQubits: 2,
  nParams: 0,
  structure: "diagonal",
  build: ctrl(Z),
  controlled: { nControls: 1, target: Z },
});
export const SWAP = defineGate({
  name: "swap",
  nQubits: 2,
  nParams: 0,
  structure: "permutation",
  build: constant(
    fromRows([
      [1, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]),
  ),
});
export const ISWAP = defineGate({
  name: "iswap",
  nQubits: 2,
  nParams: 0,
  structure: "permutation",
  build: constant(
    fromRows([
      [1, 0, 0, 0],
      [0, 0, [0, 1], 0],
      [0, [0, 1], 0, 0],
      [0, 0, 0, 1],
    ]),
  ),
});
export const CP = defineGate({
  name: "cp",
  nQubits: 2,
  nParams: 1,
  structure: "diagonal",
  build: ctrl(P),
  controlled: { nControls: 1, target: P },
  generator: kron(PROJ1, P.generator!),
});
export const CRX = defineGate({
  name: "crx",
  nQubits: 2,
  nParams: 1,
  structure: "dense",
  build: ctrl(RX),
  controlled: { nControls: 1, target: RX },
  generator: kron(PROJ1, PAULI_X),
});
export const CRY = defineGate({
  name: "cry",
  nQubits: 2,
  nParams: 1,
  structure: "dense",
  build: ctrl(RY),
  controlled: { nControls: 1, target: RY },
  generator: kron(PROJ1, PAULI_Y),
});
export const CRZ = defineGate({
  name: "crz",
  nQubits: 2,
  nParams: 1,
  structure: "diagonal",
  build: ctrl(RZ),
  controlled: { nControls: 1, target: RZ },
  generator: kron(PROJ1, PAULI_Z),
});

/** CU(t, p, l) = controlled U3 = P((p+l)/2) on the control, then controlled RZ(p) RY(t) RZ(l). */
export const CU = defineGate({
  name: "cu",
  nQubits: 2,
  nParams: 3,
  structure: "dense",
  build: ctrl(U3),
  controlled: { nControls: 1, target: U3 },
  factors: [
    factor(CRZ, [0, 1], 2),
    factor(CRY, [0, 1], 0),
    factor(CRZ, [0, 1], 1),
    factor(P, [0], 1, 0.5),
    factor(P, [0], 2, 0.5),
  ],
});

function pauliPairRotation(name: string, pp: Float64Array, letter: "X" | "Y" | "Z"): GateEntry {
  return defineGate({
    name,
    nQubits: 2,
    nParams: 1,
    structure: letter === "Z" ? "diagonal" : "dense",
    build: (t) => {
      // cos(t/2) I - i sin(t/2) P(x)P
      const c = Math.cos(t[0]! / 2);
      const s = Math.sin(t[0]! / 2);
      const out = new Float64Array(32);
      for (let i = 0; i < 32; i += 2) {
        out[i] = s * pp[i + 1]!;
        out[i + 1] = -s * pp[i]!;
      }
      for (let i = 0; i < 4; i++) out[2 * (i * 4 + i)] += c;
      return out;
    },
    generator: pp,
    pauliRotation: letter === "Z" ? undefined : [letter, letter],
  });
}

export const RXX = pauliPairRotation("rxx", kron(PAULI_X, PAULI_X), "X");
export const RYY = pauliPairRotation("ryy", kron(PAULI_Y, PAULI_Y), "Y");
export const RZZ = pauliPairRotation("rzz", kron(PAULI_Z, PAULI_Z), "Z");

/** MS = RXX(-pi/2) = (I + i X(x)X) / sqrt 2 (Paddle Quantum's Molmer-Sorensen gate). */
export const MS = defineGate({
  name: "ms",
  nQubits: 2,
  nParams: 0,
  structure: "dense",
  build: () => RXX.matrix([-Math.PI / 2]),
});

export const CSWAP = defineGate({
  name: "cswap",
  aliases: ["fredkin"],
  nQubits: 3,
  nParams: 0,
  structure: "permutation",
  build: ctrl(SWAP),
  controlled: { nControls: 1, target: SWAP },
});
export const CCX = defineGate({
  name: "ccx",
  aliases: ["toffoli"],
  nQubits: 3,
  nParams: 0,
  structure: "permutation",
  build: ctrl(X, 2),
  controlled: { nControls: 2, target: X },
});
