/**
 * Rearranging and combining subsystems: `permuteSystems` (Paddle's `permute_systems`),
 * `tensorState` (the tensor product of states, mixed ones included) and
 * `subsystemDecomposition` (the operator-Schmidt decomposition M = sum_k s_k A_k (x) B_k).
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { eighHermitian } from "../quantum/linalg.js";
import type { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { type DensityBatch, densityBatch, unbatch } from "./density-tensor.js";
import { type DensityCheckOptions, gramOfRows, type MatrixOrState, qubitCount } from "./matrix.js";
import { type MatrixLike, matrixTensor } from "./matrix-tensors.js";

/** Options of `permuteSystems`. */
export interface PermuteSystemsOptions extends DensityCheckOptions {
  /** The dimensions of the subsystems, most significant first (default: all qubits, 2 each). */
  dims?: readonly number[];
}

const PERMUTE_OPTIONS = optionKeys<PermuteSystemsOptions>({ dims: true, densityTol: true });

/**
 * The density matrix with its subsystems reordered: subsystem k of the result is subsystem
 * `perm[k]` of `rho` (qubits by default, `dims` for other sizes). A differentiable tensor
 * ([d, d], or [batch, d, d] for batched inputs).
 * @example
 * permuteSystems(nKron(rhoA, rhoB), [1, 0]); // rhoB (x) rhoA
 */
export function permuteSystems(
  rho: MatrixOrState,
  perm: readonly number[],
  options: PermuteSystemsOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "permuteSystems");
  checkOptions(options, PERMUTE_OPTIONS, "permuteSystems");
  const { t, batch, dim } = densityBatch(rho, "rho", "permuteSystems", options.densityTol);
  const dims = options.dims ?? Array(qubitCount(dim, "permuteSystems: rho")).fill(2);
  if (
    !Array.isArray(dims) ||
    !dims.every((x) => Number.isInteger(x) && x >= 1) ||
    dims.reduce((p, x) => p * x, 1) !== dim
  ) {
    throw new ShapeError(
      `permuteSystems: dims ${describe(dims)} must be positive integers whose product is rho's dimension ${dim}`,
    );
  }
  const m = dims.length;
  const sorted = Array.isArray(perm) ? [...perm].sort((a, b) => a - b) : [];
  if (sorted.length !== m || !sorted.every((x, i) => x === i)) {
    throw new ArgumentError(
      `permuteSystems: perm must be a permutation of 0..${m - 1}, got ${describe(perm)}`,
    );
  }
  const axes = [0, ...perm.map((k) => k + 1), ...perm.map((k) => k + 1 + m)];
  const out = t
    .reshape([batch, ...dims, ...dims])
    .permute(axes)
    .reshape([batch, dim, dim]);
  return unbatch(out, batch);
}

/**
 * The tensor product rho_1 (x) rho_2 (x) ... of states (`State`s, `DensityMatrix`es, matrices or
 * tensors, in any mix; the first is the most significant), as a differentiable density-matrix
 * tensor ([d, d], or [batch, d, d] when an input is batched; batches of 1 broadcast).
 * @example
 * tensorState(State.bell(), DensityMatrix.completelyMixed(1)).shape; // [8, 8]
 */
export function tensorState(...states: MatrixOrState[]): Tensor {
  if (states.length === 0) throw new ArgumentError("tensorState: expected at least one state");
  const parts: DensityBatch[] = states.map((s, i) =>
    densityBatch(s, `states[${i}]`, "tensorState"),
  );
  let acc = parts[0]!;
  for (const p of parts.slice(1)) {
    if (acc.batch !== p.batch && acc.batch !== 1 && p.batch !== 1) {
      throw new ShapeError(`tensorState: batches ${acc.batch} and ${p.batch} do not match`);
    }
    const batch = Math.max(acc.batch, p.batch);
    const dim = acc.dim * p.dim;
    const t = acc.t
      .reshape([acc.batch, acc.dim, 1, acc.dim, 1])
      .mul(p.t.reshape([p.batch, 1, p.dim, 1, p.dim]))
      .reshape([batch, dim, dim]);
    acc = { t, batch, dim };
  }
  return unbatch(acc.t, acc.batch);
}

/** An operator-Schmidt decomposition M = sum_k s_k A_k (x) B_k. */
export interface SubsystemDecomposition {
  /** s_k > tol, descending. */
  readonly coefficients: Float64Array;
  /** A_k (dimA x dimA, interleaved), orthonormal in the Hilbert-Schmidt inner product. */
  readonly operatorsA: Float64Array[];
  /** B_k (dimB x dimB, interleaved), orthonormal in the Hilbert-Schmidt inner product. */
  readonly operatorsB: Float64Array[];
}

const DECOMPOSITION_OPTIONS = optionKeys<{ tol?: number }>({ tol: true });

/**
 * The operator-Schmidt decomposition of a matrix on a dimA x dimB space (A the more significant
 * factor): M = sum_k s_k A_k (x) B_k with tr(A_j^dagger A_k) = tr(B_j^dagger B_k) = delta_jk,
 * from the singular values of the realigned matrix R[(i j), (k l)] = M[(i k), (j l)]. The
 * number of terms (coefficients above `tol` times max(1, the largest), default 1e-12) is the
 * operator-Schmidt rank: 1 for product operators.
 * @example
 * subsystemDecomposition(kron(pauliX, pauliZ), 2, 2).coefficients; // [2]
 */
export function subsystemDecomposition(
  m: MatrixLike,
  dimA: number,
  dimB: number,
  options: { tol?: number } = {},
): SubsystemDecomposition {
  checkArity(arguments.length, 4, "subsystemDecomposition");
  checkOptions(options, DECOMPOSITION_OPTIONS, "subsystemDecomposition");
  const t = matrixTensor(m, "m", "subsystemDecomposition");
  for (const [name, v] of [
    ["dimA", dimA],
    ["dimB", dimB],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new ArgumentError(
        `subsystemDecomposition: ${name} must be a positive integer, got ${describe(v)}`,
      );
    }
  }
  const d = dimA * dimB;
  if (t.ndim !== 2 || t.shape[0] !== d || t.shape[1] !== d) {
    throw new ShapeError(
      `subsystemDecomposition: m must be ${d} x ${d} (dimA * dimB), got shape [${t.shape.join(", ")}]`,
    );
  }
  const tol = options.tol ?? 1e-12;
  const a2 = dimA * dimA;
  const b2 = dimB * dimB;
  // R = sum_k s_k vec(A_k) vec(B_k)^T, a2 x b2
  const r = new Float64Array(2 * a2 * b2);
  for (let i = 0; i < dimA; i++)
    for (let k = 0; k < dimB; k++)
      for (let j = 0; j < dimA; j++)
        for (let l = 0; l < dimB; l++) {
          const src = 2 * ((i * dimB + k) * d + (j * dimB + l));
          const dst = 2 * ((i * dimA + j) * b2 + (k * dimB + l));
          r[dst] = t.data[src]!;
          r[dst + 1] = t.data[src + 1]!;
        }
  // R R^dagger = U S^2 U^dagger; vec(A_k) = u_k, vec(B_k) = (u_k^dagger R)^T / s_k
  const rr = gramOfRows(r, a2, b2, b2);
  const { vectors } = eighHermitian(rr);
  const coefficients: number[] = [];
  const operatorsA: Float64Array[] = [];
  const operatorsB: Float64Array[] = [];
  let largest = 0;
  for (let k = a2 - 1; k >= 0; k--) {
    // w = u_k^dagger R; s_k = ||w|| (accurate to rounding of R, unlike sqrt of an eigenvalue)
    const a = new Float64Array(2 * a2);
    const w = new Float64Array(2 * b2);
    for (let p = 0; p < a2; p++) {
      const ur = vectors[2 * (p * a2 + k)]!;
      const ui = vectors[2 * (p * a2 + k) + 1]!;
      a[2 * p] = ur;
      a[2 * p + 1] = ui;
      for (let c = 0; c < b2; c++) {
        const xr = r[2 * (p * b2 + c)]!;
        const xi = r[2 * (p * b2 + c) + 1]!;
        w[2 * c]! += ur * xr + ui * xi;
        w[2 * c + 1]! += ur * xi - ui * xr;
      }
    }
    const s = Math.sqrt(w.reduce((acc, x) => acc + x * x, 0));
    largest = Math.max(largest, s);
    if (s <= tol * Math.max(1, largest)) break;
    coefficients.push(s);
    operatorsA.push(a);
    operatorsB.push(w.map((x) => x / s));
  }
  return { coefficients: Float64Array.from(coefficients), operatorsA, operatorsB };
}
