/**
 * qinfo: quantum-information tools on small dense matrices (interleaved complex `Float64Array`,
 * row-major; qubit 0 the most significant bit). Pure states may be passed as `State`s.
 *
 * @example
 * import { negativity, reducedState, vonNeumannEntropy } from "./index.js";
 * vonNeumannEntropy(reducedState(State.bell(), [0])); // 1 bit
 * negativity(State.bell()); // 0.5
 */
export * from "./channel-representations.js";
export * from "./checks.js";
export * from "./concurrence.js";
export * from "./diamond.js";
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
export * from "./negativity.js";
export * from "./operators.js";
export * from "./partial-trace.js";
export * from "./partial-transpose.js";
export * from "./pauli-decomposition.js";
export * from "./purity.js";
export * from "./random-hamiltonian.js";
export * from "./schmidt.js";
export * from "./shadow/shadow.js";
export * from "./trace-distance.js";
