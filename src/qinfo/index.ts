/**
 * qinfo: quantum-information tools on small dense matrices (interleaved complex `Float64Array`,
 * row-major; qubit 0 the most significant bit). Every measure accepts a `State`, a
 * `DensityMatrix`, a matrix or a complex tensor and returns a differentiable `Tensor` (0-d for
 * scalars: `.item()` gives the number), so losses on them backpropagate to circuits and data.
 *
 * @example
 * import { negativity, reducedState, vonNeumannEntropy } from "./index.js";
 * vonNeumannEntropy(reducedState(State.bell(), [0])).item(); // 1 bit
 * negativity(State.bell()).item(); // 0.5
 */
export * from "./block-encoding.js";
export * from "./channel-representations.js";
export * from "./checks.js";
export * from "./concurrence.js";
export * from "./diamond.js";
export * from "./diamond-sdp.js";
export * from "./entropy.js";
export * from "./fidelity.js";
export * from "./gate-fidelity.js";
export * from "./haar.js";
export {
  type DensityCheckOptions,
  type DensityMatrixLike,
  eigvalsHermitian,
  hermitianFunction,
  type MatrixOrState,
  pureDensity,
  type SquareMatrix,
  sqrtPsd,
  toMatrix,
  traceNormHermitian,
} from "./matrix.js";
export * from "./matrix-tensors.js";
export * from "./negativity.js";
export * from "./operators.js";
export * from "./partial-trace.js";
export * from "./partial-transpose.js";
export * from "./pauli-decomposition.js";
export * from "./purity.js";
export * from "./random-hamiltonian.js";
export * from "./random-operators.js";
export * from "./schmidt.js";
export * from "./sdp.js";
export * from "./shadow/shadow.js";
export { matrixFunction, spectralScalar, sqrtm } from "./spectral.js";
export * from "./subsystems.js";
export * from "./trace-distance.js";
