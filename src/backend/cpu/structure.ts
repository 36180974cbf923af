/**
 * Structure detection for matrices handed to `applyDense`: a diagonal matrix goes to the diagonal
 * kernel and a 0/1 permutation matrix to the arithmetic-free permutation kernel, so a fused or
 * custom gate that happens to be structured (CZ or CNOT written as a 4x4, RZ as a 2x2) is as
 * fast as the named one. Checking costs d^2 reads of a small matrix.
 */

/** What `classifyMatrix` found. */
export type MatrixStructure =
  | { kind: "diagonal"; diagonal: Float64Array }
  | { kind: "permutation"; perm: Int32Array }
  | { kind: "dense" };

/**
 * Classifies one d x d complex matrix (interleaved, row-major) at offset 0.
 * @example
 * classifyMatrix(Float64Array.of(1, 0, 0, 0, 0, 0, -1, 0), 2); // { kind: "diagonal", diagonal: [1, 0, -1, 0] }
 */
export function classifyMatrix(m: Float64Array, d: number): MatrixStructure {
  let diagonal = true;
  let permutation = true;
  const perm = new Int32Array(d).fill(-1);
  const rowUsed = new Uint8Array(d);
  for (let r = 0; r < d && (diagonal || permutation); r++) {
    for (let c = 0; c < d; c++) {
      const re = m[2 * (r * d + c)]!;
      const im = m[2 * (r * d + c) + 1]!;
      if (re === 0 && im === 0) continue;
      if (r !== c) diagonal = false;
      if (re !== 1 || im !== 0 || perm[c] !== -1 || rowUsed[r]) permutation = false;
      else {
        perm[c] = r;
        rowUsed[r] = 1;
      }
    }
  }
  if (diagonal) {
    const out = new Float64Array(2 * d);
    for (let j = 0; j < d; j++) {
      out[2 * j] = m[2 * (j * d + j)]!;
      out[2 * j + 1] = m[2 * (j * d + j) + 1]!;
    }
    return { kind: "diagonal", diagonal: out };
  }
  // every column and every row hold exactly one 1 and nothing else: a permutation
  if (permutation && perm.every((p) => p >= 0)) return { kind: "permutation", perm };
  return { kind: "dense" };
}
