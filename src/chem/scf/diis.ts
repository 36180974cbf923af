/**
 * Pulay's DIIS (direct inversion in the iterative subspace): keeps the last few Fock matrices
 * and their error vectors and returns the combination Σ c_i F_i, Σ c_i = 1, that minimizes
 * |Σ c_i e_i|. When the B matrix becomes singular the oldest entries are dropped.
 */
import { solveLinear } from "../linalg.js";

/**
 * A DIIS extrapolator over vectors (flattened Fock matrices, possibly several concatenated).
 * @example
 * const diis = new Diis(8);
 * const fNext = diis.extrapolate(fock, commutator);
 */
export class Diis {
  private readonly vectors: Float64Array[] = [];
  private readonly errors: Float64Array[] = [];

  /**
   * @param size the largest number of stored vectors
   * @example
   * const diis = new Diis(8);
   */
  constructor(readonly size: number) {}

  /** Stores a copy of (vector, error) and returns the extrapolated vector (new array). */
  extrapolate(vector: Float64Array, error: Float64Array): Float64Array {
    this.vectors.push(Float64Array.from(vector));
    this.errors.push(Float64Array.from(error));
    if (this.vectors.length > this.size) {
      this.vectors.shift();
      this.errors.shift();
    }
    for (;;) {
      const m = this.vectors.length;
      if (m === 1) return Float64Array.from(vector);
      const B = new Float64Array((m + 1) * (m + 1));
      let scale = 0;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j <= i; j++) {
          const ei = this.errors[i]!;
          const ej = this.errors[j]!;
          let s = 0;
          for (let k = 0; k < ei.length; k++) s += ei[k]! * ej[k]!;
          B[i * (m + 1) + j] = s;
          B[j * (m + 1) + i] = s;
          scale = Math.max(scale, s);
        }
      }
      // Scale the error block to O(1) so the pivot test is meaningful.
      const f = scale > 0 ? 1 / scale : 1;
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) B[i * (m + 1) + j]! *= f;
      for (let i = 0; i < m; i++) {
        B[i * (m + 1) + m] = -1;
        B[m * (m + 1) + i] = -1;
      }
      const rhs = new Float64Array(m + 1);
      rhs[m] = -1;
      const c = solveLinear(B, rhs, m + 1);
      if (c === undefined) {
        this.vectors.shift();
        this.errors.shift();
        continue;
      }
      const out = new Float64Array(vector.length);
      for (let i = 0; i < m; i++) {
        const ci = c[i]!;
        const v = this.vectors[i]!;
        for (let k = 0; k < out.length; k++) out[k]! += ci * v[k]!;
      }
      return out;
    }
  }

  /** Forgets all stored vectors. */
  reset(): void {
    this.vectors.length = 0;
    this.errors.length = 0;
  }
}
