/**
 * Gate fusion: a compilation step that merges runs of gates acting on the same few qubits into
 * one dense 2^k x 2^k matrix, so the state is swept once per block instead of once per gate.
 *
 * The plan depends only on the operation list's structure (gates and qubits), so it is cached per
 * list (a WeakMap keyed by the ops array, revalidated by its length: circuits only append); the
 * block matrices are re-filled from the current angles on every run (products of 2x2 / 4x4
 * matrices, microseconds). Blocks holding a data-encoding gate get one matrix per batch element.
 *
 * Greedy rule (qsim/qulacs style): each qubit remembers the last block that touched it. A gate
 * joins block b when b is the only block its qubits were last touched by (the others untouched,
 * or last touched before b, so the gate commutes with everything between b and itself), the
 * union stays within `maxQubits`, and a cost model says the merged sweep is not slower than the
 * two separate ones. The cost model holds times measured for this backend's kernels, relative to
 * one dense 1-qubit complex pass (n = 20 and n = 22, one thread, WebAssembly SIMD kernels):
 *
 *   kernel                 L3-resident (n <= 20)   DRAM (n >= 21)
 *   diagonal 1q            0.7                     0.9
 *   real dense 1q          0.75                    0.9
 *   complex dense 1q       1.0                     1.0
 *   controlled permutation 0.4                     0.25
 *   dense 2q               1.9                     1.25
 *   dense 3q (SIMD densek) 16                      10
 *   dense 4q (SIMD densek) 28                      18
 *   dense 5q (SIMD densek) 55                      35
 *
 * (The k >= 3 rows: kernels.wat's generic `densek`, 3.5-4x faster than the JavaScript loop it
 * replaced (40 / 20 for 3 qubits), still compute-bound at 2^k complex multiply-adds per
 * amplitude.) So RY and RZ on one qubit fuse to one complex 2x2 (1.0 < 0.75 + 0.7), while a CNOT
 * stays a memory swap at n <= 20 and joins a neighbouring 1-qubit block only when memory-bound;
 * 3-qubit blocks do not pay yet, which is why the default `maxQubits` is 2.
 * On registers under `PER_BATCH_MIN_QUBITS` qubits, gates with data angles and gates with shared
 * trainable angles stay in separate blocks (a mixed block is built and differentiated once per
 * batch element, which costs more than the sweeps it saves there).
 *
 * Switch: `QOAR_FUSION=0` turns fusion off, `QOAR_FUSION=k` caps blocks at k qubits; the
 * `fusion` argument of `executeOperations` overrides both.
 */
import { ArgumentError, describe } from "../../errors.js";
import { daggerBlocksInPlace } from "../gates/arrays.js";
import type { GateEntry } from "../gates/table.js";
import {
  describeOperation,
  type GateOperation,
  type Operation,
  resolveAngles,
  usesData,
} from "./operation.js";

/** One block of a fused program: operations `ops` (indices, time order) on `qubits`. */
export interface FusedBlock {
  /** The block's qubits; qubits[0] is the most significant bit of the block matrix. */
  readonly qubits: readonly number[];
  /** Indices into the operation list, in time order. */
  readonly ops: readonly number[];
  /** Whether an operation reads the data tensor (then one matrix per batch element). */
  readonly perBatch: boolean;
  /** Whether an operation has parameters (the adjoint sweep takes gradients in this block). */
  readonly parametric: boolean;
}

/** A fused operation list. */
export interface FusedProgram {
  readonly nQubits: number;
  readonly maxQubits: number;
  readonly blocks: readonly FusedBlock[];
}

/**
 * Largest block allowed by the QOAR_FUSION variable (default 2; 0 = fusion off).
 * @example
 * fusionFromEnv(); // 2 unless QOAR_FUSION says otherwise
 */
export function fusionFromEnv(): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.QOAR_FUSION;
  if (env === undefined || env === "") return DEFAULT_MAX_QUBITS;
  const k = Number(env);
  if (!Number.isInteger(k) || k < 0 || k > 5) return DEFAULT_MAX_QUBITS;
  return k;
}

/** Default block size (see the cost table above). */
export const DEFAULT_MAX_QUBITS = 2;

interface CacheEntry {
  length: number;
  nQubits: number;
  maxQubits: number;
  program: FusedProgram;
}

const cache = new WeakMap<readonly Operation[], CacheEntry>();

/**
 * The fused program of `ops` for blocks of at most `maxQubits` qubits, cached per ops array.
 * Throws an `ArgumentError` when `ops` holds a channel (state vectors only).
 * @example
 * const prog = fusedProgram(circuit.operations, circuit.nQubits, 2);
 * prog.blocks.length; // fewer than circuit.operations.length
 */
export function fusedProgram(
  ops: readonly Operation[],
  nQubits: number,
  maxQubits: number,
): FusedProgram {
  const hit = cache.get(ops);
  if (
    hit !== undefined &&
    hit.length === ops.length &&
    hit.nQubits === nQubits &&
    hit.maxQubits === maxQubits
  ) {
    return hit.program;
  }
  const program = fuseOperations(ops, nQubits, maxQubits);
  cache.set(ops, { length: ops.length, nQubits, maxQubits, program });
  return program;
}

/**
 * Plans the blocks of `ops` (uncached; see `fusedProgram`): `maxQubits` 1 fuses runs of 1-qubit
 * gates, 0 gives one block per operation. `options.ignoreCost` merges whatever fits (tests).
 * @example
 * fuseOperations(ops, 4, 2).blocks;
 */
export function fuseOperations(
  ops: readonly Operation[],
  nQubits: number,
  maxQubits: number,
  options: { ignoreCost?: boolean } = {},
): FusedProgram {
  if (!Number.isInteger(maxQubits) || maxQubits < 0 || maxQubits > 5) {
    throw new ArgumentError(
      `fusion: maxQubits must be an integer in [0, 5], got ${describe(maxQubits)}`,
    );
  }
  const memoryBound = nQubits > 20;
  interface Open {
    qubits: number[];
    ops: number[];
    perBatch: boolean;
    parametric: boolean;
    cost: number;
    /** Whether an operation has trainable angles shared by the batch. */
    shared: boolean;
    /** All operations diagonal (a merged block stays a diagonal sweep). */
    diagonal: boolean;
    real: boolean;
  }
  const blocks: Open[] = [];
  const last = new Int32Array(nQubits).fill(-1);
  for (let oi = 0; oi < ops.length; oi++) {
    const op = ops[oi]!;
    if (op.kind !== "gate") {
      throw new ArgumentError(
        `forward: the circuit has a ${describeOperation(op)}; noise needs a density matrix: c.forward(DensityMatrix.zero(${nQubits}))`,
      );
    }
    const g = op.gate;
    const own = opCost(op, memoryBound);
    const diagonal = g.structure === "diagonal";
    const real = isRealGate(op);
    const perBatch = usesData(op);
    const shared = g.nParams > 0 && !perBatch;
    let target = -1;
    if (maxQubits > 0 && op.qubits.length <= maxQubits) {
      // the one block this gate may join: the newest block among the gate's qubits' last blocks
      let newest = -1;
      for (const q of op.qubits) newest = Math.max(newest, last[q]!);
      if (newest >= 0) {
        const b = blocks[newest]!;
        const union = new Set([...b.qubits, ...op.qubits]);
        // data angles and shared angles in one block: the block's matrix and its gradient walk
        // (adjoint.ts) run once per batch element, also for the shared gates (see PER_BATCH_MIN_QUBITS)
        const mixed = (b.perBatch && shared) || (b.shared && perBatch);
        const mixedCosts = mixed && nQubits < PER_BATCH_MIN_QUBITS && !options.ignoreCost;
        if (union.size <= maxQubits && !mixedCosts) {
          const d = b.diagonal && diagonal;
          const merged = blockCost(union.size, d, b.real && real, memoryBound);
          if (options.ignoreCost || merged <= b.cost + own + 1e-9) target = newest;
        }
      }
    }
    if (target >= 0) {
      const b = blocks[target]!;
      for (const q of op.qubits) if (!b.qubits.includes(q)) b.qubits.push(q);
      b.ops.push(oi);
      b.perBatch ||= perBatch;
      b.shared ||= shared;
      b.parametric ||= g.nParams > 0;
      b.diagonal &&= diagonal;
      b.real &&= real;
      b.cost = blockCost(b.qubits.length, b.diagonal, b.real, memoryBound);
    } else {
      target = blocks.length;
      blocks.push({
        qubits: [...op.qubits],
        ops: [oi],
        perBatch,
        shared,
        parametric: g.nParams > 0,
        cost: own,
        diagonal,
        real,
      });
    }
    for (const q of op.qubits) last[q] = target;
  }
  return {
    nQubits,
    maxQubits,
    blocks: blocks.map((b) => ({
      qubits: b.qubits,
      ops: b.ops,
      perBatch: b.perBatch,
      parametric: b.parametric,
    })),
  };
}

/**
 * Smallest register on which gates with per-batch (data) angles and gates with shared trainable
 * angles share a block. Such a block's matrix is built, and its gradient walked, once per batch
 * element (also for the shared gates, whose gradient otherwise comes from one batch-summed
 * overlap); that JS work per element is about a few 2^10-amplitude sweeps, so on smaller
 * registers it costs more than the sweeps it saves (a 2-qubit re-uploading classifier, batch 300,
 * ran 1.3-2x slower fused). Measured break-even: n = 10-11 (n = 12: fused 1.25x faster).
 */
const PER_BATCH_MIN_QUBITS = 11;

/** Whether the gate's matrix is real for every angle (RY, H, CNOT, ...): cheaper kernels. */
function isRealGate(op: GateOperation): boolean {
  const g = op.gate;
  if (g.structure === "permutation") return g.permutation?.phases === undefined;
  if (g.nParams > 0) return g.generator !== undefined && isImaginary(g.generator);
  const m = g.matrix();
  for (let i = 1; i < m.length; i += 2) if (m[i] !== 0) return false;
  return true;
}

/** exp(-i t G / 2) is real when G is purely imaginary (Y-like generators). */
function isImaginary(m: Float64Array): boolean {
  for (let i = 0; i < m.length; i += 2) if (m[i] !== 0) return false;
  return true;
}

/** The cost of one operation applied alone (see the table in the module comment). */
function opCost(op: GateOperation, memoryBound: boolean): number {
  const g = op.gate;
  const nc = g.controlled?.nControls ?? 0;
  const core = g.controlled?.target ?? g;
  if (core.structure === "permutation") return memoryBound ? 0.25 : 0.4;
  const k = op.qubits.length - nc;
  if (nc > 0 && k === 1) return 0.6; // controlled 1-qubit dense: runs of the state
  return blockCost(k, core.structure === "diagonal", isRealGate(op), memoryBound);
}

/** The cost of one sweep with a k-qubit matrix of the given structure. */
function blockCost(k: number, diagonal: boolean, real: boolean, memoryBound: boolean): number {
  if (k <= 1) {
    if (diagonal) return memoryBound ? 0.9 : 0.7;
    return real ? (memoryBound ? 0.9 : 0.75) : 1;
  }
  if (diagonal) return k === 2 ? 1 : 2;
  if (k === 2) return memoryBound ? 1.25 : 1.9;
  if (k === 3) return memoryBound ? 10 : 16;
  if (k === 4) return memoryBound ? 18 : 28;
  return memoryBound ? 35 : 55;
}

/**
 * The angles of operation `oi` (one set, or `batch` sets for data-encoding gates), with the
 * parameter-shift `shift` applied when it names this operation.
 * @example
 * operationAngles(op, 3, undefined, 0, 1, { operation: 3, angle: 0, delta: Math.PI / 2 });
 */
export function operationAngles(
  op: GateOperation,
  oi: number,
  data: Float64Array | undefined,
  nFeatures: number,
  batch: number,
  shift?: { operation: number; angle: number; delta: number },
): Float64Array | undefined {
  if (op.gate.nParams === 0) return undefined;
  const angles = resolveAngles(op, data, nFeatures, batch);
  if (shift !== undefined && shift.operation === oi) {
    const k = op.gate.nParams;
    for (let i = shift.angle; i < angles.length; i += k) angles[i] += shift.delta;
  }
  return angles;
}

/**
 * The block's matrix U_last ... U_first (interleaved complex 2^k x 2^k, row-major, qubits[0] the
 * most significant bit), one per batch element when the block is `perBatch` and data is given.
 * `adjoint`: the product's conjugate transpose instead.
 * @example
 * const m = blockMatrix(block, ops, undefined, 0, 1);
 */
export function blockMatrix(
  block: FusedBlock,
  ops: readonly Operation[],
  data: Float64Array | undefined,
  nFeatures: number,
  batch: number,
  shift?: { operation: number; angle: number; delta: number },
  adjoint = false,
): Float64Array {
  const k = block.qubits.length;
  const d = 1 << k;
  const size = 2 * d * d;
  const sets = block.perBatch && data !== undefined ? batch : 1;
  const out = new Float64Array(size * sets);
  const angleList: (Float64Array | undefined)[] = block.ops.map((oi) =>
    operationAngles(ops[oi] as GateOperation, oi, data, nFeatures, batch, shift),
  );
  const scratch = new Float64Array(2 * d);
  const posList = block.ops.map((oi) => ops[oi]!.qubits.map((q) => block.qubits.indexOf(q)));
  // matrices of operations with shared angles: built once, not once per batch element
  const fixed = block.ops.map((oi, t) => {
    const op = ops[oi] as GateOperation;
    const angles = angleList[t];
    return angles === undefined || angles.length === op.gate.nParams
      ? gateMatrix(op.gate, angles, op.adjoint)
      : undefined;
  });
  const nOps = block.ops.length;
  for (let s = 0; s < sets; s++) {
    const m = out.subarray(s * size, (s + 1) * size);
    for (let j = 0; j < d; j++) m[2 * (j * d + j)] = 1;
    for (let t = 0; t < nOps; t++) {
      let g = fixed[t];
      if (g === undefined) {
        const op = ops[block.ops[t]!] as GateOperation;
        const np = op.gate.nParams;
        g = gateMatrix(op.gate, angleList[t]!.subarray(s * np, (s + 1) * np), op.adjoint);
      }
      leftMultiply(m, k, g, posList[t]!, scratch);
    }
    if (adjoint) daggerInPlace(m, d);
  }
  return out;
}

/**
 * A gate's full matrix (controls included), daggered for adjoint operations.
 * @example
 * gateMatrix(getGate("ry"), [0.3], true); // RY(0.3)^dagger
 */
export function gateMatrix(
  gate: GateEntry,
  theta: ArrayLike<number> | undefined,
  adjoint: boolean,
): Float64Array {
  const m = gate.matrix(theta);
  if (adjoint) daggerInPlace(m, 1 << gate.nQubits);
  return m;
}

/**
 * m <- G_pos m, where G (2^g x 2^g) acts on positions `pos` (pos[0] the most significant bit of
 * G's index) of the k-bit index of m (position 0 = the most significant bit). `scratch` holds
 * 2 * 2^k floats.
 * @example
 * leftMultiply(m4x4, 2, getGate("x").matrix(), [1], new Float64Array(8)); // (I (x) X) m
 */
export function leftMultiply(
  m: Float64Array,
  k: number,
  g: Float64Array,
  pos: readonly number[],
  scratch: Float64Array,
): void {
  // hot in blockMatrix and the adjoint's per-batch walks: no allocation on the 1- and 2-qubit paths
  if (pos.length === 1) leftMultiply1(m, k, g, k - 1 - pos[0]!);
  else if (pos.length === 2) leftMultiply2(m, k, g, k - 1 - pos[0]!, k - 1 - pos[1]!);
  else leftMultiplyK(m, k, g, pos, scratch);
}

/** m <- G m for a 2x2 G on bit `bit` of m's row index. */
function leftMultiply1(m: Float64Array, k: number, g: Float64Array, bit: number): void {
  const d = 1 << k;
  const step = 1 << bit;
  const g00r = g[0]!;
  const g00i = g[1]!;
  const g01r = g[2]!;
  const g01i = g[3]!;
  const g10r = g[4]!;
  const g10i = g[5]!;
  const g11r = g[6]!;
  const g11i = g[7]!;
  const rowStride = 2 * d;
  for (let base = 0; base < d; base++) {
    if (base & step) continue;
    const r0 = base * rowStride;
    const r1 = (base | step) * rowStride;
    for (let c = 0; c < rowStride; c += 2) {
      const ar = m[r0 + c]!;
      const ai = m[r0 + c + 1]!;
      const br = m[r1 + c]!;
      const bi = m[r1 + c + 1]!;
      m[r0 + c] = g00r * ar - g00i * ai + g01r * br - g01i * bi;
      m[r0 + c + 1] = g00r * ai + g00i * ar + g01r * bi + g01i * br;
      m[r1 + c] = g10r * ar - g10i * ai + g11r * br - g11i * bi;
      m[r1 + c + 1] = g10r * ai + g10i * ar + g11r * bi + g11i * br;
    }
  }
}

/** m <- G m for a 4x4 G on bits (hi, lo) of m's row index (hi = G's most significant bit). */
function leftMultiply2(m: Float64Array, k: number, g: Float64Array, hi: number, lo: number): void {
  const d = 1 << k;
  const sh = 1 << hi;
  const sl = 1 << lo;
  const rowStride = 2 * d;
  for (let base = 0; base < d; base++) {
    if (base & (sh | sl)) continue;
    const r0 = base * rowStride;
    const r1 = (base | sl) * rowStride;
    const r2 = (base | sh) * rowStride;
    const r3 = (base | sh | sl) * rowStride;
    for (let c = 0; c < rowStride; c += 2) {
      const x0r = m[r0 + c]!;
      const x0i = m[r0 + c + 1]!;
      const x1r = m[r1 + c]!;
      const x1i = m[r1 + c + 1]!;
      const x2r = m[r2 + c]!;
      const x2i = m[r2 + c + 1]!;
      const x3r = m[r3 + c]!;
      const x3i = m[r3 + c + 1]!;
      for (let r = 0; r < 4; r++) {
        const o = 8 * r;
        const sr =
          g[o]! * x0r -
          g[o + 1]! * x0i +
          g[o + 2]! * x1r -
          g[o + 3]! * x1i +
          g[o + 4]! * x2r -
          g[o + 5]! * x2i +
          g[o + 6]! * x3r -
          g[o + 7]! * x3i;
        const si =
          g[o]! * x0i +
          g[o + 1]! * x0r +
          g[o + 2]! * x1i +
          g[o + 3]! * x1r +
          g[o + 4]! * x2i +
          g[o + 5]! * x2r +
          g[o + 6]! * x3i +
          g[o + 7]! * x3r;
        const at = (r === 0 ? r0 : r === 1 ? r1 : r === 2 ? r2 : r3) + c;
        m[at] = sr;
        m[at + 1] = si;
      }
    }
  }
}

/** The generic path: G on any number of positions. */
function leftMultiplyK(
  m: Float64Array,
  k: number,
  g: Float64Array,
  pos: readonly number[],
  scratch: Float64Array,
): void {
  const d = 1 << k;
  const gq = pos.length;
  const gd = 1 << gq;
  const bits = pos.map((p) => k - 1 - p);
  let mask = 0;
  for (const b of bits) mask |= 1 << b;
  const offsets = new Int32Array(gd);
  for (let j = 0; j < gd; j++) {
    let o = 0;
    for (let t = 0; t < gq; t++) if ((j >> (gq - 1 - t)) & 1) o |= 1 << bits[t]!;
    offsets[j] = o;
  }
  // every column of m is a k-qubit state; apply G to each
  for (let col = 0; col < d; col++) {
    for (let base = 0; base < d; base++) {
      if (base & mask) continue;
      for (let r = 0; r < gd; r++) {
        let sr = 0;
        let si = 0;
        for (let c = 0; c < gd; c++) {
          const gr = g[2 * (r * gd + c)]!;
          const gi = g[2 * (r * gd + c) + 1]!;
          const at = 2 * ((base | offsets[c]!) * d + col);
          const xr = m[at]!;
          const xi = m[at + 1]!;
          sr += gr * xr - gi * xi;
          si += gr * xi + gi * xr;
        }
        scratch[2 * r] = sr;
        scratch[2 * r + 1] = si;
      }
      for (let r = 0; r < gd; r++) {
        const at = 2 * ((base | offsets[r]!) * d + col);
        m[at] = scratch[2 * r]!;
        m[at + 1] = scratch[2 * r + 1]!;
      }
    }
  }
}

/**
 * In-place conjugate transpose of a d x d interleaved complex matrix.
 * @example
 * daggerInPlace(Float64Array.of(0, 1, 0, 0, 0, 0, 1, 0), 2); // [[-i, 0], [0, 1]]
 */
export function daggerInPlace(a: Float64Array, d: number): void {
  daggerBlocksInPlace(a.subarray(0, 2 * d * d), d);
}
