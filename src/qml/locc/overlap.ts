/**
 * tr(sigma rho) of a differentiable density matrix rho and a fixed target sigma (a pure `State`
 * or a `DensityMatrix`): the fidelity with a pure target, the score LOCC protocols train on.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { State } from "../../quantum/state/state.js";
import { conj, fromData, mul, real, reshape, sum, type Tensor } from "../../tensor/index.js";
import { checkArity } from "../../validate.js";

/**
 * Re tr(sigma rho) as a real scalar tensor, differentiable in rho (batch 1 each); for a pure
 * target |phi> it is the fidelity <phi|rho|phi>.
 * @example
 * targetOverlap(DensityMatrix.fromState(State.bell()), State.bell()).item(); // 1
 */
export function targetOverlap(rho: DensityMatrix, target: State | DensityMatrix): Tensor {
  checkArity(arguments.length, 2, "targetOverlap");
  if (!(rho instanceof DensityMatrix))
    throw new ArgumentError(`targetOverlap: rho must be a DensityMatrix, got ${describe(rho)}`);
  if (!(target instanceof State) && !(target instanceof DensityMatrix))
    throw new ArgumentError(
      `targetOverlap: target must be a State or a DensityMatrix, got ${describe(target)}`,
    );
  if (rho.batch !== 1 || target.batch !== 1)
    throw new ShapeError(
      `targetOverlap: batches ${rho.batch} and ${target.batch}, expected 1 and 1`,
    );
  if (target.nQubits !== rho.nQubits)
    throw new ShapeError(
      `targetOverlap: rho has ${rho.nQubits} qubits, the target ${target.nQubits}`,
    );
  const sigma = target instanceof State ? DensityMatrix.fromState(target) : target;
  const d = rho.dim;
  const s = fromData(sigma.toArray(), [d, d], "complex128");
  // sum_ij rho_ij conj(sigma_ij) = tr(sigma^dagger rho) = tr(sigma rho), sigma Hermitian
  return real(sum(mul(reshape(rho.toTensor(), [d, d]), conj(s))));
}
