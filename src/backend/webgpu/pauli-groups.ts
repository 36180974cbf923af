/**
 * Pauli terms grouped by the part of their X mask above a chunk (split states): the kernels take
 * one group per dispatch, pairing the chunk with its partner when the group flips high qubits.
 */
import type { PauliMasks } from "../cpu/pauli.js";

/** Terms grouped by the high part of their X mask (one dispatch per group and chunk). */
export interface TermGroup {
  xh: number;
  count: number;
  /** (xLocal, z, nY, f32 bits of the coefficient) per term. */
  terms: Uint32Array;
}

/**
 * The terms (masks and coefficients) grouped by X's bits above `nLocal`, packed for the kernels.
 * @example
 * groupTerms([{ x: 0b100, z: 0, nY: 0 }], [1], 2)[0].xh; // 1
 */
export function groupTerms(
  masks: PauliMasks[],
  coefficients: number[],
  nLocal: number,
): TermGroup[] {
  const byHigh = new Map<number, number[]>();
  masks.forEach((m, t) => {
    const xh = Math.floor(m.x / 2 ** nLocal);
    let list = byHigh.get(xh);
    if (list === undefined) byHigh.set(xh, (list = []));
    list.push(t);
  });
  const f = new Float32Array(1);
  const fu = new Uint32Array(f.buffer);
  return [...byHigh.entries()].map(([xh, ts]) => {
    const terms = new Uint32Array(4 * ts.length);
    ts.forEach((t, i) => {
      const m = masks[t]!;
      terms[4 * i] = (m.x % 2 ** nLocal) >>> 0;
      terms[4 * i + 1] = m.z >>> 0;
      terms[4 * i + 2] = m.nY;
      f[0] = coefficients[t]!;
      terms[4 * i + 3] = fu[0]!;
    });
    return { xh, count: ts.length, terms };
  });
}
