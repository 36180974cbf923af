/**
 * Gates and channels on density matrices, written above the backend seam. A density matrix of n
 * qubits is stored as vec(rho) (row-major) in a 2n-qubit state-vector buffer: row qubit q is
 * buffer qubit q, column qubit q is buffer qubit q + n. Then
 *
 * - U rho U^dagger = U on the row qubits and conj(U) on the column qubits, and
 * - sum_k K rho K^dagger = the superoperator sum_k K (x) conj(K) on (targets, targets + n),
 *
 * so the state-vector kernels do all the work. A 1-qubit gate runs as one 2-qubit dense (or
 * diagonal) call with U (x) conj(U): one pass over the buffer instead of two (bench/density.ts
 * measures both).
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, ShapeError } from "../../errors.js";
import { checkParams, checkQubitIndices, checkQubits } from "../gates/apply.js";
import {
  conjugateInPlace,
  daggerBlocksInPlace,
  invertPermutation,
  stackSets,
} from "../gates/arrays.js";
import type { GateEntry } from "../gates/table.js";

/**
 * The columns' qubits: `q + n` for each row qubit `q`.
 * @example
 * columnQubits([0, 2], 3); // [3, 5]
 */
export function columnQubits(qubits: readonly number[], n: number): number[] {
  return qubits.map((q) => q + n);
}

/**
 * K (x) conj(K) summed over Kraus operators: the superoperator acting on vec(rho) restricted to
 * (targets, targets + n), a 2^{2k} x 2^{2k} interleaved matrix. With `out` and `scale` it adds
 * `scale * sum_k` into `out` (for derivatives).
 * @example
 * const s = superoperator([x]); // X (x) X: the bit flip of rho
 */
export function superoperator(
  kraus: readonly Float64Array[],
  out?: Float64Array,
  conjKraus: readonly Float64Array[] = kraus,
): Float64Array {
  if (kraus.length === 0) throw new ArgumentError("superoperator: no Kraus operators");
  const d = Math.round(Math.sqrt(kraus[0]!.length / 2));
  const D = d * d;
  const s = out ?? new Float64Array(2 * D * D);
  for (let k = 0; k < kraus.length; k++) {
    const a = kraus[k]!;
    const b = conjKraus[k]!;
    if (a.length !== 2 * d * d || b.length !== 2 * d * d) {
      throw new ShapeError(`superoperator: Kraus operator ${k} is not ${d} x ${d}`);
    }
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const ar = a[2 * (i * d + j)]!;
        const ai = a[2 * (i * d + j) + 1]!;
        if (ar === 0 && ai === 0) continue;
        for (let p = 0; p < d; p++) {
          const row = i * d + p;
          for (let q = 0; q < d; q++) {
            // conj(b)[p, q]
            const br = b[2 * (p * d + q)]!;
            const bi = -b[2 * (p * d + q) + 1]!;
            const idx = 2 * (row * D + j * d + q);
            s[idx] += ar * br - ai * bi;
            s[idx + 1] += ar * bi + ai * br;
          }
        }
      }
    }
  }
  return s;
}

/**
 * Applies a superoperator (2^{2k} x 2^{2k}, shared or one per batch element) to the density
 * matrices in `buf` on the row qubits `qubits` (and their column partners): one dense pass.
 * @example
 * applySuperoperator(backend, rho.buffer, rho.nQubits, [0], superoperator(krausOps));
 */
export function applySuperoperator(
  backend: Backend,
  buf: StateBuffer,
  n: number,
  qubits: readonly number[],
  superop: Float64Array,
): void {
  checkQubitIndices(qubits, n);
  backend.applyDense(buf, [...qubits, ...columnQubits(qubits, n)], superop);
}

/**
 * Applies Kraus operators the textbook way: for each K, a copy of rho gets K on the rows and
 * conj(K) on the columns, and the copies are summed (k + 1 buffers, 2k passes). The reference
 * that `applySuperoperator` is tested and measured against.
 * @example
 * applyKrausSum(backend, rho.buffer, rho.nQubits, [0], krausOps);
 */
export function applyKrausSum(
  backend: Backend,
  buf: StateBuffer,
  n: number,
  qubits: readonly number[],
  kraus: readonly Float64Array[],
): void {
  checkQubitIndices(qubits, n);
  const cols = columnQubits(qubits, n);
  const acc = backend.zeros(buf.nQubits, buf.batch);
  const tmp = backend.zeros(buf.nQubits, buf.batch);
  const one = new Float64Array([1, 0]);
  try {
    backend.scale(acc, new Float64Array([0, 0]));
    for (const K of kraus) {
      backend.copyInto(tmp, buf);
      backend.applyDense(tmp, [...qubits], K);
      backend.applyDense(tmp, cols, conjugate(K));
      backend.axpy(acc, one, tmp);
    }
    backend.copyInto(buf, acc);
  } finally {
    backend.free(acc);
    backend.free(tmp);
  }
}

/**
 * Applies gate `entry` on `qubits` to every density matrix of `buf` (rho -> U rho U^dagger),
 * choosing kernels by the gate's structure like `applyGate`: Pauli-rotation kernel on rows and
 * columns, fused 1-qubit diagonal / dense (U (x) conj U on (q, q + n), one pass), else the
 * row and column kernels (diagonal, permutation, controlled dense).
 * @example
 * applyGateDensity(backend, rho.buffer, 2, getGate("cnot"), [0, 1]);
 */
export function applyGateDensity(
  backend: Backend,
  buf: StateBuffer,
  n: number,
  entry: GateEntry,
  qubits: readonly number[],
  params?: ArrayLike<number>,
  adjoint = false,
): void {
  if (buf.nQubits !== 2 * n) {
    throw new ShapeError(
      `applyGateDensity: buffer has ${buf.nQubits} qubits, expected ${2 * n} for ${n}-qubit density matrices`,
    );
  }
  checkQubits(qubits, n, entry.nQubits);
  const sets = checkParams(entry, params, buf.batch);
  const k = entry.nParams;
  const cols = columnQubits(qubits, n);

  if (
    entry.pauliRotation !== undefined &&
    k === 1 &&
    entry.nQubits > 1 &&
    entry.structure !== "diagonal"
  ) {
    // conj(exp(-i t P/2)) = exp(-i (-1)^{nY+1} t P / 2)
    const letters = entry.pauliRotation;
    const nY = letters.filter((l) => l === "Y").length;
    const thetas = Float64Array.from(params!);
    if (adjoint) for (let i = 0; i < thetas.length; i++) thetas[i] = -thetas[i]!;
    backend.applyPauliRotation(buf, { qubits: [...qubits], letters }, thetas);
    const sign = nY % 2 === 0 ? -1 : 1;
    for (let i = 0; i < thetas.length; i++) thetas[i] = sign * thetas[i]!;
    backend.applyPauliRotation(buf, { qubits: cols, letters }, thetas);
    return;
  }

  const nc = entry.controlled?.nControls ?? 0;
  const core = entry.controlled?.target ?? entry;
  const controls = nc > 0 ? qubits.slice(0, nc) : undefined;
  const colControls = nc > 0 ? cols.slice(0, nc) : undefined;
  const targets = nc > 0 ? qubits.slice(nc) : [...qubits];
  const colTargets = nc > 0 ? cols.slice(nc) : cols;
  const all = Float64Array.from(params ?? []);
  const paramsOf = (b: number): Float64Array => all.subarray(b * k, (b + 1) * k);

  if (core.structure === "diagonal" && core.diagonal !== undefined) {
    const diag = stackSets(sets, (b) => core.diagonal!(paramsOf(b)));
    if (adjoint) conjugateInPlace(diag);
    if (nc === 0 && targets.length === 1) {
      backend.applyDiagonal(buf, [targets[0]!, colTargets[0]!], kronConjBlocks(diag, 2, true));
      return;
    }
    backend.applyDiagonal(buf, targets, diag, controls);
    conjugateInPlace(diag);
    backend.applyDiagonal(buf, colTargets, diag, colControls);
    return;
  }
  if (core.structure === "permutation" && core.permutation !== undefined) {
    let { perm, phases } = core.permutation;
    if (adjoint) [perm, phases] = invertPermutation(perm, phases);
    backend.applyPermutation(buf, targets, perm, phases, controls);
    const conjPhases = phases ? Float64Array.from(phases) : undefined;
    if (conjPhases) conjugateInPlace(conjPhases);
    backend.applyPermutation(buf, colTargets, perm, conjPhases, colControls);
    return;
  }
  const dense = stackSets(sets, (b) => core.matrix(paramsOf(b)));
  const d = 1 << targets.length;
  if (adjoint) daggerBlocksInPlace(dense, d);
  if (nc === 0 && targets.length === 1) {
    backend.applyDense(buf, [targets[0]!, colTargets[0]!], kronConjBlocks(dense, 2, false));
    return;
  }
  backend.applyDense(buf, targets, dense, controls);
  conjugateInPlace(dense);
  backend.applyDense(buf, colTargets, dense, colControls);
}

/**
 * For each block (a d x d matrix, or a length-d diagonal when `diagonal`), U (x) conj(U).
 */
function kronConjBlocks(a: Float64Array, d: number, diagonal: boolean): Float64Array {
  const D = d * d;
  const block = diagonal ? 2 * d : 2 * D;
  const sets = a.length / block;
  const outBlock = diagonal ? 2 * D : 2 * D * D;
  const out = new Float64Array(outBlock * sets);
  // offsets, no subarrays: this runs per gate call, and at n <= 8 the call's own work is a
  // sizeable part of the kernel's
  for (let s = 0; s < sets; s++) {
    const u = s * block;
    const o = s * outBlock;
    if (diagonal) {
      for (let i = 0; i < d; i++) {
        const ar = a[u + 2 * i]!;
        const ai = a[u + 2 * i + 1]!;
        for (let j = 0; j < d; j++) {
          const br = a[u + 2 * j]!;
          const bi = -a[u + 2 * j + 1]!;
          out[o + 2 * (i * d + j)] = ar * br - ai * bi;
          out[o + 2 * (i * d + j) + 1] = ar * bi + ai * br;
        }
      }
      continue;
    }
    // (U (x) conj U)[(i, p), (j, q)] = U_ij conj(U_pq)
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const ar = a[u + 2 * (i * d + j)]!;
        const ai = a[u + 2 * (i * d + j) + 1]!;
        for (let p = 0; p < d; p++) {
          for (let q = 0; q < d; q++) {
            const br = a[u + 2 * (p * d + q)]!;
            const bi = -a[u + 2 * (p * d + q) + 1]!;
            const at = o + 2 * ((i * d + p) * D + j * d + q);
            out[at] = ar * br - ai * bi;
            out[at + 1] = ar * bi + ai * br;
          }
        }
      }
    }
  }
  return out;
}

/**
 * Element-wise complex conjugate (a copy).
 * @example
 * conjugate(Float64Array.of(1, 2)); // [1, -2]
 */
export function conjugate(a: Float64Array): Float64Array {
  const out = Float64Array.from(a);
  conjugateInPlace(out);
  return out;
}
