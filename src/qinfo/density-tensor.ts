/**
 * Every qinfo input as a differentiable complex128 tensor [batch, d, d]: the one place where a
 * `State` (|psi><psi| from its amplitudes), a `DensityMatrix` (its `toTensor()`), a raw matrix
 * or a tensor ([d, d] or [batch, d, d], float64 or complex128) enter the autograd graph, so the
 * measures built on top backpropagate to circuit parameters, data and input states alike.
 * Raw matrices and tensors are checked to be density matrices (`densityInput`, per batch element).
 */
import { ShapeError } from "../errors.js";
import { State } from "../quantum/state/state.js";
import { fromData, Tensor } from "../tensor/index.js";
import { type DensityMatrixLike, densityInput, type MatrixOrState, toMatrix } from "./matrix.js";

/** A batch of d x d matrices in the graph. */
export interface DensityBatch {
  /** complex128 [batch, d, d]. */
  readonly t: Tensor;
  /** Batch size. */
  readonly batch: number;
  /** Matrix dimension d. */
  readonly dim: number;
}

/** A DensityMatrix (or look-alike) that can give its matrices as a differentiable tensor. */
interface WithTensor extends DensityMatrixLike {
  toTensor(): Tensor;
}

function hasToTensor(x: unknown): x is WithTensor {
  return typeof (x as WithTensor).toTensor === "function";
}

/** |psi><psi| per batch element, from the amplitudes of a State (differentiable). */
function stateDensity(state: State): DensityBatch {
  const d = 2 ** state.nQubits;
  const psi = state.toTensor(); // [batch, d]
  const t = psi.unsqueeze(2).mul(psi.conj().unsqueeze(1));
  return { t, batch: state.batch, dim: d };
}

/**
 * `x` as a [batch, d, d] complex tensor in the graph of `x`. Raw matrices and tensors are checked
 * to be density matrices within `tol` (`Infinity`: any square matrix); `where` and `argName` go
 * into the messages.
 * @example
 * const { t, batch } = densityBatch(circuit.forward(DensityMatrix.zero(2)), "rho", "purity");
 */
export function densityBatch(
  x: MatrixOrState,
  argName: string,
  where: string,
  tol?: number,
): DensityBatch {
  if (x instanceof State) return stateDensity(x);
  if (x instanceof Tensor) return tensorBatch(x, argName, where, tol);
  if (x instanceof Float64Array) {
    const { data, dim } = densityInput(x, argName, where, tol);
    return { t: fromData(Float64Array.from(data), [1, dim, dim], "complex128"), batch: 1, dim };
  }
  if (x !== null && typeof x === "object" && hasToTensor(x) && typeof x.nQubits === "number") {
    const t = x.toTensor();
    const dim = 2 ** x.nQubits;
    if (t.shape.length !== 3 || t.shape[1] !== dim || t.shape[2] !== dim) {
      throw new ShapeError(
        `${where}: ${argName} of ${x.nQubits} qubits gave a tensor of shape [${t.shape.join(", ")}]`,
      );
    }
    return { t: t.toComplex(), batch: t.shape[0]!, dim };
  }
  // a density-matrix look-alike without toTensor (read once, no gradient)
  const { data, dim } = toMatrix(x, `${where}: ${argName}`);
  return { t: fromData(Float64Array.from(data), [1, dim, dim], "complex128"), batch: 1, dim };
}

function tensorBatch(x: Tensor, argName: string, where: string, tol?: number): DensityBatch {
  const s = x.shape;
  if (!(s.length === 2 || s.length === 3) || s.at(-1) !== s.at(-2) || s.at(-1) === 0) {
    throw new ShapeError(
      `${where}: ${argName} must be a square [d, d] or [batch, d, d] tensor, got shape [${s.join(", ")}]`,
    );
  }
  const dim = s.at(-1)!;
  const batch = s.length === 3 ? s[0]! : 1;
  if (batch === 0) throw new ShapeError(`${where}: ${argName} has an empty batch`);
  const t = x.toComplex().reshape([batch, dim, dim]);
  const per = 2 * dim * dim;
  for (let b = 0; b < batch; b++) {
    const name = batch === 1 ? argName : `${argName}[${b}]`;
    densityInput(t.data.subarray(b * per, (b + 1) * per), name, where, tol);
  }
  return { t, batch, dim };
}

/**
 * Two inputs of the same dimension and compatible batches (equal, or one of them 1).
 * @example
 * const [a, b] = densityPair(rho, sigma, "traceDistance", 1e-8);
 */
export function densityPair(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  where: string,
  tol?: number,
): [DensityBatch, DensityBatch] {
  const a = densityBatch(rho, "rho", where, tol);
  const b = densityBatch(sigma, "sigma", where, tol);
  if (a.dim !== b.dim) {
    throw new ShapeError(`${where}: sigma has dimension ${b.dim}, rho has dimension ${a.dim}`);
  }
  if (a.batch !== b.batch && a.batch !== 1 && b.batch !== 1) {
    throw new ShapeError(`${where}: batches ${a.batch} and ${b.batch} do not match`);
  }
  return [a, b];
}

/**
 * A per-batch result [batch, ...] as the caller sees it: the batch axis dropped for batch 1.
 * @example
 * unbatch(values, 1); // shape []
 */
export function unbatch(values: Tensor, batch: number): Tensor {
  return batch === 1 ? values.reshape(values.shape.slice(1)) : values;
}
