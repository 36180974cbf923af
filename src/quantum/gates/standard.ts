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
/** Pauli X as an interleaved complex 2 x 2 matrix. */
export const PAULI_X = fromRows([
  [0, 1],
  [1, 0],
]);
/** Pauli Y as an interleaved complex 2 x 2 matrix. */
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
/** Pauli Z as an interleaved complex 2 x 2 matrix. */
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
/** Hadamard. */
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
/** S = diag(1, i). */
export const S = defineGate({
  name: "s",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(0, 1),
});
/** S^dagger = diag(1, -i). */
export const SDG = defineGate({
  name: "sdg",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(0, -1),
});
/** T = diag(1, e^{i pi/4}). */
export const T = defineGate({
  name: "t",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(R, R),
});
/** T^dagger = diag(1, e^{-i pi/4}). */
export const TDG = defineGate({
  name: "tdg",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: () => diag1(R, -R),
});
/** Pauli X (NOT). */
export const X = defineGate({
  name: "x",
  nQubits: 1,
  nParams: 0,
  structure: "permutation",
  build: constant(PAULI_X),
});
/** Pauli Y. */
export const Y = defineGate({
  name: "y",
  nQubits: 1,
  nParams: 0,
  structure: "permutation",
  build: constant(PAULI_Y),
});
/** Pauli Z. */
export const Z = defineGate({
  name: "z",
  nQubits: 1,
  nParams: 0,
  structure: "diagonal",
  build: constant(PAULI_Z),
});

// --- one-qubit, parametric --------------------------------------------------------------------
/** Phase gate P(t) = diag(1, e^{i t}). */
export const P = defineGate({
  name: "p",
  nQubits: 1,
  nParams: 1,
  structure: "diagonal",
  build: (t) => diag1(Math.cos(t[0]!), Math.sin(t[0]!)),
  // diag(1, e^{it}) = exp(-i t/2 diag(0, -2))
  generator: new Float64Array([0, 0, 0, 0, 0, 0, -2, 0]),
});
/** RX(t) = exp(-i t X / 2). */
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
/** RY(t) = exp(-i t Y / 2). */
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
/** RZ(t) = exp(-i t Z / 2). */
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
  const pr = Math.cos(t[o + 1]!);
  const pi = Math.sin(t[o + 1]!);
  const lr = Math.cos(t[o + 2]!);
  const li = Math.sin(t[o + 2]!);
  // e^{i(p+l)} as e^{ip} e^{il}: the rounded sum p + l is off by up to ulp(p + l) / 2 (0.06 at
  // 1e15), which would break the unitarity; each factor is reduced exactly by Math.cos/sin
  return new Float64Array([
    c,
    0,
    -s * lr,
    -s * li,
    s * pr,
    s * pi,
    c * (pr * lr - pi * li),
    c * (pr * li + pi * lr),
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

/** Controlled X (control first). */
export const CNOT = defineGate({
  name: "cnot",
  aliases: ["cx"],
  nQubits: 2,
  nParams: 0,
  structure: "permutation",
  build: ctrl(X),
  controlled: { nControls: 1, target: X },
});
/** Controlled Y (control first). */
export const CY = defineGate({
  name: "cy",
  nQubits: 2,
  nParams: 0,
  structure: "permutation",
  build: ctrl(Y),
  controlled: { nControls: 1, target: Y },
});
/** Controlled Z. */
export const CZ = defineGate({
  name: "cz",
  nQubits: 2,
  nParams: 0,
  structure: "diagonal",
  build: ctrl(Z),
  controlled: { nControls: 1, target: Z },
});
/** Swaps two qubits. */
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
/** iSWAP: swaps |01> and |10> with a phase i. */
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
/** Controlled phase P(t) (control first). */
export const CP = defineGate({
  name: "cp",
  nQubits: 2,
  nParams: 1,
  structure: "diagonal",
  build: ctrl(P),
  controlled: { nControls: 1, target: P },
  generator: kron(PROJ1, P.generator!),
});
/** Controlled RX(t) (control first). */
export const CRX = defineGate({
  name: "crx",
  nQubits: 2,
  nParams: 1,
  structure: "dense",
  build: ctrl(RX),
  controlled: { nControls: 1, target: RX },
  generator: kron(PROJ1, PAULI_X),
});
/** Controlled RY(t) (control first). */
export const CRY = defineGate({
  name: "cry",
  nQubits: 2,
  nParams: 1,
  structure: "dense",
  build: ctrl(RY),
  controlled: { nControls: 1, target: RY },
  generator: kron(PROJ1, PAULI_Y),
});
/** Controlled RZ(t) (control first). */
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

/** RXX(t) = exp(-i t X X / 2). */
export const RXX = pauliPairRotation("rxx", kron(PAULI_X, PAULI_X), "X");
/** RYY(t) = exp(-i t Y Y / 2). */
export const RYY = pauliPairRotation("ryy", kron(PAULI_Y, PAULI_Y), "Y");
/** RZZ(t) = exp(-i t Z Z / 2). */
export const RZZ = pauliPairRotation("rzz", kron(PAULI_Z, PAULI_Z), "Z");

/** MS = RXX(-pi/2) = (I + i X(x)X) / sqrt 2 (Paddle Quantum's Molmer-Sorensen gate). */
export const MS = defineGate({
  name: "ms",
  nQubits: 2,
  nParams: 0,
  structure: "dense",
  build: () => RXX.matrix([-Math.PI / 2]),
});

/** Fredkin: controlled SWAP (control first). */
export const CSWAP = defineGate({
  name: "cswap",
  aliases: ["fredkin"],
  nQubits: 3,
  nParams: 0,
  structure: "permutation",
  build: ctrl(SWAP),
  controlled: { nControls: 1, target: SWAP },
});
/** Toffoli: doubly controlled X (controls first). */
export const CCX = defineGate({
  name: "ccx",
  aliases: ["toffoli"],
  nQubits: 3,
  nParams: 0,
  structure: "permutation",
  build: ctrl(X, 2),
  controlled: { nControls: 2, target: X },
});
