/**
 * Pauli decomposition M = sum_P c_P P with c_P = tr(P M) / d over all 4^n Pauli strings, and
 * the way back. Each coefficient costs O(d): P has one non-zero per row,
 * P[r, r ^ x] = (-i)^{#Y} (-1)^{popcount(r & z)} with x = the X/Y qubits and z = the Z/Y qubits.
 */
import { ArgumentError, describe } from "../errors.js";
import { matrixDim } from "../quantum/linalg.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { qubitCount } from "./matrix.js";

/** One Pauli component: a complex coefficient and its string in Paddle form (`"X0, Z2"`; `""` = identity). */
export interface PauliComponent {
  /** The complex coefficient as [re, im]. */
  readonly coefficient: readonly [number, number];
  /** The Pauli string (`""` = identity). */
  readonly pauli: string;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

/** (-i)^k as (re, im). */
const MINUS_I_POW: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, -1],
  [-1, 0],
  [0, 1],
];

function pauliLabel(x: number, z: number, n: number): string {
  const parts: string[] = [];
  for (let q = 0; q < n; q++) {
    const bit = 1 << (n - 1 - q);
    const xb = (x & bit) !== 0;
    const zb = (z & bit) !== 0;
    if (xb && zb) parts.push(`Y${q}`);
    else if (xb) parts.push(`X${q}`);
    else if (zb) parts.push(`Z${q}`);
  }
  return parts.join(", ");
}

const TOL_OPTIONS = optionKeys<OptionsOf<typeof pauliDecomposition, 1>>({ tol: true });

/**
 * The Pauli components of a `2^n x 2^n` matrix with |c_P| > `tol` (default 1e-12), in the order
 * of (x mask, z mask). The coefficients are real for a Hermitian matrix. O(8^n) time.
 * @example
 * pauliDecomposition(fromRows([[1, 1], [1, -1]])); // [{ coefficient: [1, 0], pauli: "X0" }, { ..., pauli: "Z0" }]
 */
export function pauliDecomposition(
  matrix: Float64Array,
  options: { tol?: number } = {},
): PauliComponent[] {
  checkArity(arguments.length, 2, "pauliDecomposition");
  checkOptions(options, TOL_OPTIONS, "pauliDecomposition");
  const d = matrixDim(matrix, "matrix");
  const n = qubitCount(d, "matrix");
  if (n > 10)
    throw new ArgumentError(`pauliDecomposition: at most 10 qubits (4^n strings), got ${n}`);
  const tol = options.tol ?? 1e-12;
  const out: PauliComponent[] = [];
  for (let x = 0; x < d; x++) {
    for (let z = 0; z < d; z++) {
      // tr(P M) = sum_r P[r, r ^ x] M[r ^ x, r]; the (-i)^{#Y} factor is applied at the end.
      let re = 0;
      let im = 0;
      for (let r = 0; r < d; r++) {
        const c = r ^ x;
        const sign = popcount(r & z) & 1 ? -1 : 1;
        re += sign * matrix[2 * (c * d + r)]!;
        im += sign * matrix[2 * (c * d + r) + 1]!;
      }
      const [pr, pi] = MINUS_I_POW[popcount(x & z) & 3]!;
      const cr = (pr * re - pi * im) / d;
      const ci = (pr * im + pi * re) / d;
      if (Math.hypot(cr, ci) > tol) out.push({ coefficient: [cr, ci], pauli: pauliLabel(x, z, n) });
    }
  }
  return out;
}

/**
 * The matrix sum_P c_P P of Pauli components on `nQubits` qubits (the inverse of `pauliDecomposition`).
 * @example
 * pauliComponentsMatrix([{ coefficient: [1, 0], pauli: "X0" }], 1); // Pauli X
 */
export function pauliComponentsMatrix(
  components: readonly PauliComponent[],
  nQubits: number,
): Float64Array {
  checkArity(arguments.length, 2, "pauliComponentsMatrix");
  if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > 12) {
    throw new ArgumentError(
      `pauliComponentsMatrix: nQubits must be an integer in [1, 12], got ${describe(nQubits)}`,
    );
  }
  const d = 1 << nQubits;
  const out = new Float64Array(2 * d * d);
  for (const comp of components) {
    let x = 0;
    let z = 0;
    const word = comp.pauli.replace(/[\s,]+/g, "");
    if (!/^([XYZxyz]\d+)*$/.test(word)) {
      throw new ArgumentError(
        `pauliComponentsMatrix: malformed Pauli string ${describe(comp.pauli)}`,
      );
    }
    for (const m of word.matchAll(/([XYZxyz])(\d+)/g)) {
      const q = Number(m[2]);
      if (q >= nQubits) {
        throw new ArgumentError(
          `pauliComponentsMatrix: qubit ${q} in ${describe(comp.pauli)} out of range for ${nQubits} qubits`,
        );
      }
      const bit = 1 << (nQubits - 1 - q);
      const l = m[1]!.toUpperCase();
      if (l !== "Z") x ^= bit;
      if (l !== "X") z ^= bit;
    }
    const [pr, pi] = MINUS_I_POW[popcount(x & z) & 3]!;
    const cr = comp.coefficient[0] * pr - comp.coefficient[1] * pi;
    const ci = comp.coefficient[0] * pi + comp.coefficient[1] * pr;
    for (let r = 0; r < d; r++) {
      const sign = popcount(r & z) & 1 ? -1 : 1;
      const idx = 2 * (r * d + (r ^ x));
      out[idx]! += sign * cr;
      out[idx + 1]! += sign * ci;
    }
  }
  return out;
}

/**
 * The Hamiltonian (real Pauli sum) of a Hermitian matrix; throws when a coefficient has an
 * imaginary part above `tol` (the matrix isn't Hermitian).
 * @example
 * hamiltonianFromMatrix(h.matrix()).toString(); // the terms of h again
 */
export function hamiltonianFromMatrix(
  matrix: Float64Array,
  options: { tol?: number } = {},
): Hamiltonian {
  checkArity(arguments.length, 2, "hamiltonianFromMatrix");
  checkOptions(options, TOL_OPTIONS, "hamiltonianFromMatrix");
  const tol = options.tol ?? 1e-10;
  const n = qubitCount(matrixDim(matrix, "matrix"), "matrix");
  const list: [number, string][] = [];
  for (const c of pauliDecomposition(matrix, { tol: Math.min(tol, 1e-12) })) {
    if (Math.abs(c.coefficient[1]) > tol) {
      throw new ArgumentError(
        `hamiltonianFromMatrix: matrix is not Hermitian (coefficient of ${describe(c.pauli || "I")} has imaginary part ${c.coefficient[1]})`,
      );
    }
    list.push([c.coefficient[0], c.pauli]);
  }
  return new Hamiltonian(list, { nQubits: n });
}

/** One element of the normalized Pauli basis. */
export interface PauliBasisElement {
  /** Its Pauli string in Paddle form (`"X0, Z2"`; `""` = identity). */
  readonly pauli: string;
  /** P / sqrt(2^n), interleaved 2^n x 2^n. */
  readonly matrix: Float64Array;
}

/**
 * The 4^n Pauli strings on n qubits as an orthonormal basis (Hilbert-Schmidt: tr(P_j^dagger P_k)
 * = delta_jk after dividing by sqrt(2^n)), in lexicographic order of the letters I < X < Y < Z
 * with qubit 0 first (Paddle's `pauli_basis`).
 * @example
 * pauliBasis(1).map((e) => e.pauli); // ["", "X0", "Y0", "Z0"]
 */
export function pauliBasis(nQubits: number): PauliBasisElement[] {
  checkArity(arguments.length, 1, "pauliBasis");
  if (!Number.isInteger(nQubits) || nQubits < 1 || nQubits > 6) {
    throw new ArgumentError(
      `pauliBasis: nQubits must be an integer in [1, 6], got ${describe(nQubits)}`,
    );
  }
  const n = nQubits;
  const d = 1 << n;
  const norm = 1 / Math.sqrt(d);
  const out: PauliBasisElement[] = [];
  for (let code = 0; code < 4 ** n; code++) {
    let x = 0;
    let z = 0;
    for (let q = 0; q < n; q++) {
      const letter = (code >> (2 * (n - 1 - q))) & 3; // 0 I, 1 X, 2 Y, 3 Z
      const bit = 1 << (n - 1 - q);
      if (letter === 1 || letter === 2) x |= bit;
      if (letter === 2 || letter === 3) z |= bit;
    }
    const pauli = pauliLabel(x, z, n);
    const m = pauliComponentsMatrix([{ coefficient: [norm, 0], pauli }], n);
    out.push({ pauli, matrix: m });
  }
  return out;
}
