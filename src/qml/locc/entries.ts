/**
 * Rearranging the entries of a density matrix as differentiable tensor ops (reshape and
 * indexSelect, whose gradient scatters back): the one mechanism behind the LOCC projections,
 * partial traces and the block layout that runs a party's circuit on its own qubits.
 */
import { placeBits } from "../../qinfo/bits.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { indexSelect, reshape, type Tensor } from "../../tensor/index.js";

/**
 * The entries `map[k]` of rho's row-major d x d matrix (batch 1), as a complex tensor of `shape`.
 * @example
 * gatherEntries(DensityMatrix.zero(1), [0, 3], [2]); // [rho00, rho11] = [1, 0]
 */
export function gatherEntries(
  rho: DensityMatrix | Tensor,
  map: readonly number[],
  shape: readonly number[],
): Tensor {
  const flat = reshape(rho instanceof DensityMatrix ? rho.toTensor() : rho, [-1]);
  return reshape(indexSelect(flat, 0, map), shape);
}

/** The qubits 0..n-1 that are not in `qubits`, ascending. */
export function otherQubits(qubits: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let q = 0; q < n; q++) if (!qubits.includes(q)) out.push(q);
  return out;
}

/**
 * Index map of the sub-blocks <o_r| rho |o_r'> sorted as [dOuter, dOuter, dInner, dInner]: the
 * entry ((r, r'), (a, b)) is rho[inner a | outer r, inner b | outer r'] (`inner` and `outer`
 * partition the qubits; `fixedBits` is ORed into every row and column index).
 * @example
 * blockMap([0], [1], 2); // the four 2x2 blocks of a 2-qubit rho by qubit 1's values
 */
export function blockMap(
  inner: readonly number[],
  outer: readonly number[],
  n: number,
  fixedBits = 0,
): number[] {
  const a = placeBits(inner, n);
  const r = placeBits(outer, n);
  const d = 2 ** n;
  const map: number[] = [];
  for (const ro of r)
    for (const co of r)
      for (const ai of a)
        for (const bi of a) map.push((ai | ro | fixedBits) * d + (bi | co | fixedBits));
  return map;
}
