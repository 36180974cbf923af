/**
 * Gate entries made on demand: Pauli rotations exp(-i t P / 2) for any Pauli string, and oracles
 * from user matrices (checked for unitarity).
 */
import type { PauliLetter } from "../../backend/backend.js";
import type { ComplexLike } from "../../complex.js";
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../../validate.js";
import {
  type ComplexPair,
  controlledMatrix,
  dagger,
  fromRows,
  identity,
  isUnitary,
  kron,
  matmul,
  maxAbsDiff,
} from "../linalg.js";
import { defineGate } from "./define.js";
import { PAULI_X, PAULI_Y, PAULI_Z } from "./standard.js";
import type { GateEntry } from "./types.js";

const rotationCache = new Map<string, GateEntry>();
const LETTER_MATRIX: Record<PauliLetter, Float64Array> = { X: PAULI_X, Y: PAULI_Y, Z: PAULI_Z };

/**
 * The gate exp(-i t P / 2) for the Pauli string `letters` on the gate's qubits in order
 * (`"XYZ"`: X on the first qubit, Y on the second, Z on the third). One parameter; its
 * generator is P. Entries are cached per string. Also accepts an array of letters.
 * @example
 * const g = pauliRotationGate("XZ");
 * g.matrix([0.3]); // exp(-0.15 i X(x)Z)
 */
export function pauliRotationGate(letters: string | readonly string[]): GateEntry {
  checkArity(arguments.length, 1, "pauliRotationGate");
  if (Array.isArray(letters)) letters = letters.join("");
  if (typeof letters !== "string" || !/^[XYZxyz]+$/.test(letters)) {
    throw new ArgumentError(
      `pauliRotationGate: letters ${describe(letters)} must be a non-empty string of X, Y, Z (one per qubit)`,
    );
  }
  const key = letters.toUpperCase();
  const cached = rotationCache.get(key);
  if (cached) return cached;
  const ls = [...key] as PauliLetter[];
  const k = ls.length;
  const d = 1 << k;
  // P|j> = phase(j) |j ^ xMask>: one nonzero per column, so no dense generator is needed here
  let xMask = 0;
  let zMask = 0;
  let nY = 0;
  ls.forEach((l, i) => {
    const bit = 1 << (k - 1 - i); // the gate's qubit 0 is the most significant bit
    if (l !== "Z") xMask |= bit;
    if (l !== "X") zMask |= bit;
    if (l === "Y") nY++;
  });
  // Y = i X Z: P = i^nY X^x Z^z, so P|j> = i^nY (-1)^popcount(j & zMask) |j ^ xMask>
  const base = [
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
  ][nY % 4]!;
  const entry = defineGate({
    name: "pauli_rotation",
    aliases: ["pauliRotation"],
    nQubits: ls.length,
    nParams: 1,
    structure: ls.every((l) => l === "Z") ? "diagonal" : "dense",
    build: (t) => {
      const c = Math.cos(t[0]! / 2);
      const s = Math.sin(t[0]! / 2);
      // cos(t/2) I - i sin(t/2) P
      const out = new Float64Array(2 * d * d);
      for (let j = 0; j < d; j++) {
        const i = j ^ xMask;
        const sign = parity(j & zMask) ? -1 : 1;
        const at = 2 * (i * d + j);
        out[at] += s * sign * base[1]!;
        out[at + 1] += -s * sign * base[0]!;
        out[2 * (j * d + j)] += c;
      }
      return out;
    },
    generator: () => {
      let g = LETTER_MATRIX[ls[0]!];
      for (let i = 1; i < k; i++) g = kron(g, LETTER_MATRIX[ls[i]!]);
      return g;
    },
    pauliRotation: ls,
  });
  rotationCache.set(key, entry);
  return entry;
}

function parity(x: number): boolean {
  let p = false;
  while (x !== 0) {
    p = !p;
    x &= x - 1;
  }
  return p;
}

/**
 * A user matrix: interleaved complex `Float64Array`, or rows whose entries are real numbers,
 * (re, im) pairs or complex `{ re, im }` values (complex.js `Complex`).
 */
export type MatrixLike =
  | Float64Array
  | readonly (readonly (number | ComplexPair | ComplexLike)[])[];

/**
 * A validated unitary from user input: square, 2^k x 2^k, unitary to `tol` (max entry of
 * U U^dagger - I); throws `ArgumentError` naming `argName` otherwise.
 * @example
 * toUnitary([[0, 1], [1, 0]]); // the X matrix, interleaved
 */
export function toUnitary(matrix: MatrixLike, argName = "matrix", tol = 1e-8): Float64Array {
  let m: Float64Array;
  if (matrix instanceof Float64Array) m = Float64Array.from(matrix);
  else if (Array.isArray(matrix)) {
    try {
      m = fromRows(matrix);
    } catch (e) {
      if (e instanceof ShapeError) throw new ArgumentError(`${argName}: ${e.message}`);
      throw e;
    }
  } else {
    throw new ArgumentError(
      `${argName}: expected a Float64Array or nested rows, got ${describe(matrix)}`,
    );
  }
  const d = Math.round(Math.sqrt(m.length / 2));
  if (2 * d * d !== m.length || d < 2 || (d & (d - 1)) !== 0) {
    throw new ArgumentError(
      `${argName}: expected a 2^k x 2^k complex matrix (k >= 1), got ${m.length / 2} entries`,
    );
  }
  for (let i = 0; i < m.length; i++) {
    if (!Number.isFinite(m[i]))
      throw new ArgumentError(`${argName}: entry ${i >> 1} is not finite (${m[i]})`);
  }
  if (!isUnitary(m, tol)) {
    const err = maxAbsDiff(matmul(m, dagger(m)), identity(d));
    throw new ArgumentError(
      `${argName}: matrix is not unitary (max |U U^dagger - I| = ${err.toExponential(2)} > ${tol})`,
    );
  }
  return m;
}

const ORACLE_GATE_OPTIONS = optionKeys<Exclude<OptionsOf<typeof oracleGate, 1>, string>>({
  name: true,
});

/**
 * A gate entry for a user unitary (Paddle's `oracle`); its qubit count is log2 of the dimension.
 * `options`: a name, or `{ name }` (default "oracle").
 * @example
 * const g = oracleGate([[0, 1], [1, 0]]);
 */
export function oracleGate(
  matrix: MatrixLike,
  options: string | { name?: string } = {},
): GateEntry {
  checkArity(arguments.length, 2, "oracleGate");
  if (typeof options === "string") options = { name: options };
  checkOptions(options, ORACLE_GATE_OPTIONS, "oracleGate");
  const m = toUnitary(matrix, "oracle: matrix");
  const k = Math.log2(Math.round(Math.sqrt(m.length / 2)));
  return defineGate({
    name: options.name ?? "oracle",
    nQubits: k,
    nParams: 0,
    structure: "dense",
    build: () => Float64Array.from(m),
  });
}

/**
 * A gate entry for a user unitary controlled on one extra qubit (Paddle's `control_oracle`):
 * the control is the gate's first qubit.
 * @example
 * const g = controlOracleGate([[0, 1], [1, 0]]); // a CNOT
 */
export function controlOracleGate(
  matrix: MatrixLike,
  options: string | { name?: string } = {},
): GateEntry {
  checkArity(arguments.length, 2, "controlOracleGate");
  if (typeof options === "string") options = { name: options };
  checkOptions(options, ORACLE_GATE_OPTIONS, "controlOracleGate");
  const target = oracleGate(matrix, { name: `${options.name ?? "control_oracle"}_target` });
  return defineGate({
    name: options.name ?? "control_oracle",
    nQubits: target.nQubits + 1,
    nParams: 0,
    structure: "dense",
    build: () => controlledMatrix(target.matrix(), 1),
    controlled: { nControls: 1, target },
  });
}
