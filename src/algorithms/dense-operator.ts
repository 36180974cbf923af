/** Dense operators as complex tensors, for the algorithms that multiply states by a matrix. */
import { ArgumentError, describe } from "../errors.js";
import { type HamiltonianLike, toHamiltonian } from "../qml/expecval.js";
import { matrixDim } from "../quantum/linalg.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { fromData, type Tensor } from "../tensor/index.js";

/** A square matrix of dimension 2^n: interleaved complex (quantum/linalg's layout) or a Pauli sum. */
export type OperatorLike = Float64Array | HamiltonianLike;

/** The operator as an interleaved complex matrix on `nQubits` qubits, checked. */
export function operatorMatrix(
  op: unknown,
  nQubits: number,
  name: string,
  where: string,
): Float64Array {
  let m: Float64Array;
  if (op instanceof Float64Array) m = op;
  else if (op instanceof Hamiltonian || typeof op === "string" || Array.isArray(op))
    m = toHamiltonian(op as HamiltonianLike).matrix(nQubits);
  else {
    throw new ArgumentError(
      `${where}: ${name} must be an interleaved complex matrix (Float64Array) or a Hamiltonian, got ${describe(op)}`,
    );
  }
  const d = matrixDim(m, `${where}: ${name}`);
  if (d !== 2 ** nQubits) {
    throw new ArgumentError(
      `${where}: ${name} is ${d} x ${d}, the ansatz needs ${2 ** nQubits} x ${2 ** nQubits} (${nQubits} qubits)`,
    );
  }
  return m;
}

/** The transpose of a d x d interleaved complex matrix as a complex128 tensor: rows times it give (M v)^T. */
export function transposedTensor(m: Float64Array): Tensor {
  const d = Math.round(Math.sqrt(m.length / 2));
  const t = new Float64Array(m.length);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      t[2 * (j * d + i)] = m[2 * (i * d + j)]!;
      t[2 * (j * d + i) + 1] = m[2 * (i * d + j) + 1]!;
    }
  }
  return fromData(t, [d, d], "complex128");
}
