/**
 * Small helpers on the gate arrays that `gates/apply.ts` and `density/apply.ts` hand to the backend:
 * per-batch stacks of gate matrices or diagonals, their conjugates and daggers, and inverted
 * permutations. Shared so both the state-vector and the density-matrix paths adjoint a gate the
 * same way.
 */

/**
 * `one(0)`, ..., `one(sets - 1)` back to back in a new array (a copy also when `sets` is 1, so
 * the caller may modify it in place).
 * @example
 * stackSets(2, (b) => Float64Array.of(b, 0)); // [0, 0, 1, 0]
 */
export function stackSets(sets: number, one: (b: number) => Float64Array): Float64Array {
  const first = one(0);
  if (sets === 1) return Float64Array.from(first);
  const out = new Float64Array(first.length * sets);
  out.set(first, 0);
  for (let b = 1; b < sets; b++) out.set(one(b), b * first.length);
  return out;
}

/**
 * Element-wise complex conjugate of an interleaved array, in place.
 * @example
 * const a = Float64Array.of(1, 2); conjugateInPlace(a); // a = [1, -2]
 */
export function conjugateInPlace(a: Float64Array): void {
  for (let i = 1; i < a.length; i += 2) a[i] = -a[i]!;
}

/**
 * Conjugate transpose, in place, of each d x d interleaved complex block of `a`.
 * @example
 * daggerBlocksInPlace(Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0), 2); // [[0, 0], [1, 0]]
 */
export function daggerBlocksInPlace(a: Float64Array, d: number): void {
  const block = 2 * d * d;
  for (let o = 0; o < a.length; o += block) {
    for (let i = 0; i < d; i++) {
      const ii = o + 2 * (i * d + i);
      a[ii + 1] = -a[ii + 1]!;
      for (let j = i + 1; j < d; j++) {
        const ij = o + 2 * (i * d + j);
        const ji = o + 2 * (j * d + i);
        const re = a[ij]!;
        const im = a[ij + 1]!;
        a[ij] = a[ji]!;
        a[ij + 1] = -a[ji + 1]!;
        a[ji] = re;
        a[ji + 1] = -im;
      }
    }
  }
}

/**
 * The inverse of a phased permutation (|j> -> phase_j |perm[j]>): the inverse map and the
 * conjugated phases moved to their targets.
 * @example
 * invertPermutation(Int32Array.of(1, 2, 0), undefined); // [[2, 0, 1], undefined]
 */
export function invertPermutation(
  perm: Int32Array,
  phases: Float64Array | undefined,
): [Int32Array, Float64Array | undefined] {
  const inv = new Int32Array(perm.length);
  const ph = phases ? new Float64Array(phases.length) : undefined;
  for (let j = 0; j < perm.length; j++) {
    inv[perm[j]!] = j;
    if (ph) {
      ph[2 * perm[j]!] = phases![2 * j]!;
      ph[2 * perm[j]! + 1] = -phases![2 * j + 1]!;
    }
  }
  return [inv, ph];
}
