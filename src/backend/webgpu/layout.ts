/**
 * How a [batch, 2^n] complex64 state is cut into GPU buffers. One storage binding holds at most
 * 2^chunkQubits amplitudes (the device's binding/buffer limit), so:
 * - n <= chunkQubits: a chunk holds whole states, `perChunk` batch elements each;
 * - n > chunkQubits: a chunk holds 2^chunkQubits amplitudes of one state, selected by the values of
 *   the n - chunkQubits highest qubits (qubit 0 is the most significant bit). A gate that mixes
 *   amplitudes across a high qubit pairs two chunks (or swaps that qubit with a low one first).
 */

/** Largest number of batch elements one dispatch covers (the y grid dimension limit). */
export const MAX_GRID = 65535;

/** One GPU buffer of a state: which batch elements and which high-qubit slice it holds. */
export interface Chunk {
  /** First global batch element held. */
  batch0: number;
  /** Batch elements held (1 when the state is split by high qubits). */
  count: number;
  /** The high-qubit value as basis-index bits (h << localQubits); 0 when not split. */
  highBase: number;
  /** Index of the high-qubit slice (h); 0 when not split. */
  high: number;
}

/** The chunks of one state buffer. */
export interface Layout {
  /** Qubits per state. */
  nQubits: number;
  /** Number of states. */
  batch: number;
  /** Qubits addressed inside one chunk (min(n, chunkQubits)). */
  localQubits: number;
  /** Number of high-qubit slices per state (2^(n - localQubits)). */
  slices: number;
  /** Batch elements per chunk when not split. */
  perChunk: number;
  /** The GPU buffers' contents, in buffer order. */
  chunks: Chunk[];
}

/**
 * The layout of `batch` states of `nQubits` qubits with at most 2^chunkQubits amplitudes per chunk.
 * Chunks are in flattened (batch-major, then basis index) order.
 * @example
 * makeLayout(5, 1, 3).chunks.length; // 4 slices of 8 amplitudes
 */
export function makeLayout(nQubits: number, batch: number, chunkQubits: number): Layout {
  const localQubits = Math.min(nQubits, chunkQubits);
  const slices = 2 ** (nQubits - localQubits);
  const chunks: Chunk[] = [];
  let perChunk = 1;
  if (slices > 1) {
    for (let b = 0; b < batch; b++)
      for (let h = 0; h < slices; h++)
        chunks.push({ batch0: b, count: 1, high: h, highBase: h * 2 ** localQubits });
  } else {
    perChunk = Math.max(1, Math.min(batch, MAX_GRID, 2 ** (chunkQubits - nQubits)));
    for (let b0 = 0; b0 < batch; b0 += perChunk)
      chunks.push({ batch0: b0, count: Math.min(perChunk, batch - b0), high: 0, highBase: 0 });
  }
  return { nQubits, batch, localQubits, slices, perChunk, chunks };
}

/**
 * Index into `layout.chunks` of batch element `b`'s slice `h` (split layouts only).
 * @example
 * chunkIndex(makeLayout(5, 2, 3), 1, 2); // 6
 */
export function chunkIndex(layout: Layout, b: number, h: number): number {
  return b * layout.slices + h;
}
