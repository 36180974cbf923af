/**
 * The differentiable reduced state: rho on `keep` (in that order), the other qubits traced out,
 * as tensor ops (a gather of the diagonal blocks over the traced qubits and a sum), so gradients
 * of a loss on the reduced state reach the circuits before it.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { placeBits } from "../../qinfo/bits.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { densityFromTensor } from "../../quantum/density/states.js";
import { checkQubitIndices } from "../../quantum/gates/apply.js";
import { sum } from "../../tensor/index.js";
import { checkArity } from "../../validate.js";
import { gatherEntries, otherQubits } from "./entries.js";

/**
 * Tr over every qubit not in `keep` of rho (batch 1); `keep[0]` becomes qubit 0 of the result.
 * @example
 * reduceDensity(DensityMatrix.fromState(State.bell()), [1]).purity(); // [0.5]
 */
export function reduceDensity(rho: DensityMatrix, keep: readonly number[]): DensityMatrix {
  checkArity(arguments.length, 2, "reduceDensity");
  if (!(rho instanceof DensityMatrix))
    throw new ArgumentError(`reduceDensity: rho must be a DensityMatrix, got ${describe(rho)}`);
  if (rho.batch !== 1)
    throw new ShapeError(`reduceDensity: rho has batch ${rho.batch}, expected 1`);
  const n = rho.nQubits;
  checkQubitIndices(keep, n, "reduceDensity: keep");
  if (keep.length === 0) throw new ArgumentError("reduceDensity: keep at least one qubit");
  const kept = placeBits(keep, n);
  const traced = placeBits(otherQubits(keep, n), n);
  const d = rho.dim;
  const map: number[] = [];
  for (const e of traced)
    for (const a of kept) for (const b of kept) map.push((a | e) * d + (b | e));
  const dk = kept.length;
  const blocks = gatherEntries(rho, map, [traced.length, dk, dk]);
  return densityFromTensor(sum(blocks, 0), { backend: rho.backend });
}
