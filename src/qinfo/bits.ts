/**
 * Basis-index bookkeeping for subsystems (internal, not re-exported by qinfo/index.ts): where the
 * values of a qubit subset sit in the full basis index. Qubit 0 is the most significant bit.
 */

/**
 * Full basis indices of every value of the given qubits (qubits[0] the most significant).
 * @example
 * placeBits([2, 0], 3); // [0b000, 0b001, 0b100, 0b101]
 */
export function placeBits(qubits: readonly number[], n: number): Int32Array {
  const k = qubits.length;
  const out = new Int32Array(1 << k);
  for (let a = 0; a < 1 << k; a++) {
    let idx = 0;
    for (let b = 0; b < k; b++) if (a & (1 << (k - 1 - b))) idx |= 1 << (n - 1 - qubits[b]!);
    out[a] = idx;
  }
  return out;
}
