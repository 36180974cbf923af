/**
 * Pauli strings without matrices. A string P acts on a basis state as
 * P|j> = i^nY (-1)^popcount(j & z) |j ^ x>, with x the bits of its X and Y factors and z the bits
 * of its Y and Z factors, so (P psi)[j] = i^nY (-1)^popcount((j ^ x) & z) psi[j ^ x].
 */
import { ArgumentError, describe } from "../../errors.js";
import type { PauliString, PauliTerm } from "../backend.js";
import { stateView } from "./common.js";

/** The bit masks of one Pauli string in an n-qubit index. */
export interface PauliMasks {
  /** Bits flipped (X and Y factors). */
  x: number;
  /** Bits whose value gives a sign (Y and Z factors). */
  z: number;
  /** Number of Y factors (the global factor is i^nY). */
  nY: number;
}

/**
 * Checks `pauli` against `nQubits` and returns its masks.
 * @example
 * pauliMasks(2, { qubits: [0, 1], letters: ["X", "Z"] }, "expectationPauli"); // { x: 2, z: 1, nY: 0 }
 */
export function pauliMasks(nQubits: number, pauli: PauliString, fn: string): PauliMasks {
  if (
    pauli === null ||
    typeof pauli !== "object" ||
    !Array.isArray(pauli.qubits) ||
    !Array.isArray(pauli.letters)
  ) {
    throw new ArgumentError(`${fn}: pauli must be { qubits, letters }, got ${describe(pauli)}`);
  }
  const { qubits, letters } = pauli;
  if (qubits.length !== letters.length) {
    throw new ArgumentError(
      `${fn}: pauli has ${qubits.length} qubits ${describe(qubits)} but ${letters.length} letters ${describe(letters)}`,
    );
  }
  let x = 0;
  let z = 0;
  let nY = 0;
  for (let t = 0; t < qubits.length; t++) {
    const q = qubits[t]!;
    if (!Number.isInteger(q) || q < 0 || q >= nQubits) {
      throw new ArgumentError(
        `${fn}: pauli qubits ${describe(qubits)} holds ${describe(q)}; expected integers in [0, ${nQubits - 1}]`,
      );
    }
    const bit = 1 << (nQubits - 1 - q);
    if ((x | z) & bit) {
      throw new ArgumentError(
        `${fn}: pauli qubits ${describe(qubits)} repeat qubit ${q}; qubits must be distinct`,
      );
    }
    const l = letters[t];
    if (l === "X") x |= bit;
    else if (l === "Z") z |= bit;
    else if (l === "Y") {
      x |= bit;
      z |= bit;
      nY++;
    } else {
      throw new ArgumentError(
        `${fn}: pauli letter ${describe(l)} at position ${t}; expected "X", "Y" or "Z"`,
      );
    }
  }
  return { x, z, nY };
}

/**
 * popcount(v) mod 2 for a non-negative 31-bit integer.
 * @example
 * parity(0b1011); // 1
 */
export function parity(v: number): number {
  v ^= v >>> 16;
  v ^= v >>> 8;
  v ^= v >>> 4;
  return (0x6996 >>> (v & 15)) & 1;
}

/**
 * i^nY as (re, im).
 * @example
 * iPow(3); // [0, -1]
 */
export function iPow(nY: number): [number, number] {
  switch (nY & 3) {
    case 0:
      return [1, 0];
    case 1:
      return [0, 1];
    case 2:
      return [-1, 0];
    default:
      return [0, -1];
  }
}

/**
 * psi <- c P psi in place for `batch` states of 2^nQubits amplitudes.
 * @example
 * const psi = Float64Array.of(1, 0, 0, 0);
 * applyPauliStringKernel(psi, 1, 1, { x: 1, z: 0, nY: 0 }, 1, 0); // X|0> = |1>
 */
export function applyPauliStringKernel(
  data: Float64Array,
  nQubits: number,
  batch: number,
  masks: PauliMasks,
  cRe: number,
  cIm: number,
): void {
  const [pr, pi] = iPow(masks.nY);
  const wr = cRe * pr - cIm * pi;
  const wi = cRe * pi + cIm * pr;
  const { x, z } = masks;
  const dim = 1 << nQubits;
  for (let b = 0; b < batch; b++) {
    const v = stateView(data, b, 2 * dim);
    if (x === 0) {
      for (let j = 0; j < dim; j++) {
        const s = 1 - 2 * parity(j & z);
        const at = 2 * j;
        const ar = v[at]!;
        const ai = v[at + 1]!;
        v[at] = s * (wr * ar - wi * ai);
        v[at + 1] = s * (wr * ai + wi * ar);
      }
      continue;
    }
    const h = 31 - Math.clz32(x);
    const low = (1 << h) - 1;
    const sxz = masks.nY & 1 ? -1 : 1;
    for (let o = 0; o < dim >> 1; o++) {
      const j = ((o >> h) << (h + 1)) | (o & low);
      const k = j ^ x;
      const sj = 1 - 2 * parity(j & z);
      const sk = sxz * sj; // sign(k) = (-1)^nY sign(j)
      const aj = 2 * j;
      const ak = 2 * k;
      const jr = v[aj]!;
      const ji = v[aj + 1]!;
      const kr = v[ak]!;
      const ki = v[ak + 1]!;
      v[aj] = sk * (wr * kr - wi * ki);
      v[aj + 1] = sk * (wr * ki + wi * kr);
      v[ak] = sj * (wr * jr - wi * ji);
      v[ak + 1] = sj * (wr * ji + wi * jr);
    }
  }
}

/**
 * psi <- exp(-i theta/2 P) psi = cos(theta/2) psi - i sin(theta/2) P psi; batch element b uses
 * `thetas[b * tStride]`.
 * @example
 * const psi = Float64Array.of(1, 0, 0, 0);
 * applyPauliRotationKernel(psi, 1, 1, { x: 1, z: 0, nY: 0 }, Float64Array.of(Math.PI), 0); // -i|1>
 */
export function applyPauliRotationKernel(
  data: Float64Array,
  nQubits: number,
  batch: number,
  masks: PauliMasks,
  thetas: Float64Array,
  tStride: number,
): void {
  const [pr, pi] = iPow(masks.nY);
  const { x, z } = masks;
  const dim = 1 << nQubits;
  for (let b = 0; b < batch; b++) {
    const theta = thetas[b * tStride]!;
    const c = Math.cos(theta / 2);
    const s = Math.sin(theta / 2);
    // w = -i s i^nY
    const wr = s * pi;
    const wi = -s * pr;
    const v = stateView(data, b, 2 * dim);
    if (x === 0) {
      // nY = 0 here, so w = -i s and each amplitude gets exp(-+ i theta/2).
      for (let j = 0; j < dim; j++) {
        const sg = 1 - 2 * parity(j & z);
        const fr = c + sg * wr;
        const fi = sg * wi;
        const at = 2 * j;
        const ar = v[at]!;
        const ai = v[at + 1]!;
        v[at] = fr * ar - fi * ai;
        v[at + 1] = fr * ai + fi * ar;
      }
      continue;
    }
    const h = 31 - Math.clz32(x);
    const low = (1 << h) - 1;
    const sxz = masks.nY & 1 ? -1 : 1;
    for (let o = 0; o < dim >> 1; o++) {
      const j = ((o >> h) << (h + 1)) | (o & low);
      const k = j ^ x;
      const sj = 1 - 2 * parity(j & z);
      const sk = sxz * sj; // sign(k) = (-1)^nY sign(j)
      const aj = 2 * j;
      const ak = 2 * k;
      const jr = v[aj]!;
      const ji = v[aj + 1]!;
      const kr = v[ak]!;
      const ki = v[ak + 1]!;
      v[aj] = c * jr + sk * (wr * kr - wi * ki);
      v[aj + 1] = c * ji + sk * (wr * ki + wi * kr);
      v[ak] = c * kr + sj * (wr * jr - wi * ji);
      v[ak + 1] = c * ki + sj * (wr * ji + wi * jr);
    }
  }
}

/**
 * The masks and real coefficients of a Pauli sum, checked.
 * @example
 * pauliSumMasks(1, [{ qubits: [0], letters: ["Z"], coefficient: 0.5 }], "expectationPauliSum");
 */
export function pauliSumMasks(
  nQubits: number,
  terms: readonly PauliTerm[],
  fn: string,
): { masks: PauliMasks[]; coefficients: number[] } {
  if (!Array.isArray(terms))
    throw new ArgumentError(`${fn}: terms must be an array, got ${describe(terms)}`);
  const masks: PauliMasks[] = [];
  const coefficients: number[] = [];
  terms.forEach((term, t) => {
    masks.push(pauliMasks(nQubits, term, fn));
    const c = term.coefficient;
    if (typeof c !== "number" || !Number.isFinite(c)) {
      throw new ArgumentError(
        `${fn}: terms[${t}].coefficient must be a finite number, got ${describe(c)}`,
      );
    }
    coefficients.push(c);
  });
  return { masks, coefficients };
}
