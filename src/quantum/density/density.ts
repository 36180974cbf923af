/**
 * `DensityMatrix`: `batch` mixed states of `nQubits` qubits, [batch, 2^n, 2^n] complex128, held in
 * a backend buffer as vec(rho) (row-major): a 2n-qubit state vector whose qubits 0..n-1 index the
 * row and n..2n-1 the column. The state-vector kernels then apply gates and channels
 * (`density/apply.ts`); the purity is the buffer's squared norm; readouts read the diagonal.
 */

import {
  type Backend,
  getBackend,
  type PauliTerm,
  type StateBuffer,
} from "../../backend/backend.js";
import { type ComplexLike, isComplexLike } from "../../complex.js";
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { type Rng, toRng } from "../../random.js";
import { INSPECT_CUSTOM } from "../../tensor/format.js";
import { customOp, fromData, type GradNode, type Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../../validate.js";
import { checkQubitIndices } from "../gates/apply.js";
import { eighHermitian } from "../linalg.js";
import {
  type EvolutionTime,
  type EvolveOptions,
  evolveValue,
  hermitianTerms,
  liouvillianTerms,
} from "../operators/evolve.js";
import { asyncReader } from "../state/async-reads.js";
import type { Branches } from "../state/branches.js";
import { describeState } from "../state/display.js";
import { type Counts, checkShots, countsFromTally, sampleCounts } from "../state/measure.js";
import {
  backendOfBuffer,
  type PauliSum,
  STATE_OPTIONS,
  State,
  type StateOptions,
} from "../state/state.js";
import { type CollapseOptions, type CollapseResult, collapse } from "./states.js";

/**
 * Matrix input: interleaved complex `Float64Array` (d x d row-major), or rows whose entries are
 * real numbers, [re, im] pairs or complex `{ re, im }` (complex.js `Complex`) values.
 */
export type MatrixInput =
  | Float64Array
  | readonly (readonly (number | readonly [number, number] | ComplexLike)[])[];

/** Options of `DensityMatrix.measure`. */
export interface DensityMeasureOptions {
  /** Qubits to measure, in bitstring order (default all). */
  qubits?: readonly number[];
  /** Seed (or generator) for sampling. */
  seed?: number | Rng;
}

const FROM_MATRIX_OPTIONS = optionKeys<OptionsOf<typeof DensityMatrix.fromMatrix, 1>>({
  batch: true,
  backend: true,
  check: true,
});
const DENSITY_MEASURE_OPTIONS = optionKeys<DensityMeasureOptions>({ qubits: true, seed: true });

/**
 * `batch` density matrices of `nQubits` qubits in a backend buffer of 2n qubits.
 * @example
 * const rho = DensityMatrix.fromState(State.bell());
 * rho.partialTrace([1]).purity(); // [0.5]
 */
export class DensityMatrix {
  /** The backend that owns `buffer`. */
  readonly backend: Backend;
  /** The vec(rho) buffer: 2 * nQubits qubits, `batch` elements. */
  readonly buffer: StateBuffer;
  /** Number of qubits n (rho is 2^n x 2^n). */
  readonly nQubits: number;
  /** For the autograd layer: whether gradients with respect to this state are wanted. */
  requiresGrad = false;
  /** For the autograd layer: the node that produced this state. */
  gradFn: GradNode | null = null;
  /** For the autograd layer: dL/d(vec rho) after `backward()` (a leaf that requires it). */
  grad: Tensor | null = null;
  /** Set by runs of circuits that measure: the records and probabilities of their branches (summed into this rho). */
  branches: Branches | undefined = undefined;

  /**
   * Wraps a 2n-qubit buffer holding vec(rho) (no copy, no check of positivity).
   * @example
   * const rho = new DensityMatrix(getBackend().zeros(4)); // |00><00|
   */
  constructor(buffer: StateBuffer, backend?: Backend) {
    checkArity(arguments.length, 2, "DensityMatrix");
    this.backend = backendOfBuffer(buffer, backend, "DensityMatrix");
    if (buffer.nQubits % 2 !== 0 || buffer.nQubits < 2) {
      throw new ShapeError(
        `DensityMatrix: the buffer has ${buffer.nQubits} qubits; vec(rho) of n qubits needs 2n`,
      );
    }
    this.buffer = buffer;
    this.nQubits = buffer.nQubits / 2;
  }

  /** Number of density matrices held. @example rho.batch */
  get batch(): number {
    return this.buffer.batch;
  }

  /**
   * Shape, backend, autograd role and the leading entries of rho row by row (at most 8, then
   * "..."), e.g. `DensityMatrix(nQubits=1, batch=1, backend=cpu) [[1+0i, 0], [0, 0]]`; on an
   * asynchronous backend (webgpu) without the entries. Never throws; `console.log` prints this.
   * @example
   * String(DensityMatrix.zero(1)); // "DensityMatrix(nQubits=1, batch=1, backend=cpu) [[1+0i, 0], [0, 0]]"
   */
  toString(): string {
    const d = this.dim;
    return describeState("DensityMatrix", this, this.batch === 1 ? [d, d] : [this.batch, d, d]);
  }

  /** What `console.log` and `util.inspect` print in Node: `toString()`. */
  [INSPECT_CUSTOM](): string {
    return this.toString();
  }

  /** 2^n. @example DensityMatrix.zero(3).dim; // 8 */
  get dim(): number {
    return 2 ** this.nQubits;
  }

  // --- factories ---------------------------------------------------------------------------

  /**
   * |0...0><0...0| (every batch element).
   * @example
   * DensityMatrix.zero(2).probabilities(); // [1, 0, 0, 0]
   */
  static zero(nQubits: number, options: StateOptions = {}): DensityMatrix {
    checkArity(arguments.length, 2, "DensityMatrix.zero");
    checkOptions(options, STATE_OPTIONS, "DensityMatrix.zero");
    checkN(nQubits);
    const backend = getBackend(options.backend);
    return new DensityMatrix(backend.zeros(2 * nQubits, checkBatch(options.batch)), backend);
  }

  /**
   * |psi><psi| of each batch element of a pure state (same backend).
   * @example
   * DensityMatrix.fromState(State.bell());
   */
  static fromState(state: State): DensityMatrix {
    checkArity(arguments.length, 1, "DensityMatrix.fromState");
    if (!(state instanceof State))
      throw new ArgumentError(`DensityMatrix.fromState: expected a State, got ${describe(state)}`);
    const n = state.nQubits;
    const dim = 2 ** n;
    const amps = state.toArray();
    const out = new Float64Array(2 * dim * dim * state.batch);
    for (let b = 0; b < state.batch; b++) {
      const o = b * dim;
      const base = 2 * b * dim * dim;
      for (let i = 0; i < dim; i++) {
        const ar = amps[2 * (o + i)]!;
        const ai = amps[2 * (o + i) + 1]!;
        for (let j = 0; j < dim; j++) {
          const br = amps[2 * (o + j)]!;
          const bi = -amps[2 * (o + j) + 1]!;
          out[base + 2 * (i * dim + j)] = ar * br - ai * bi;
          out[base + 2 * (i * dim + j) + 1] = ar * bi + ai * br;
        }
      }
    }
    return new DensityMatrix(state.backend.fromArray(2 * n, state.batch, out), state.backend);
  }

  /**
   * A density matrix from a 2^n x 2^n matrix (or `batch` of them back to back in a Float64Array).
   * Checked Hermitian with trace 1 (1e-8) unless `check: false`; positivity is checked by
   * `isValid()`.
   * @example
   * DensityMatrix.fromMatrix([[0.5, 0.5], [0.5, 0.5]]); // |+><+|
   */
  static fromMatrix(
    matrix: MatrixInput,
    options: StateOptions & { check?: boolean } = {},
  ): DensityMatrix {
    checkArity(arguments.length, 2, "DensityMatrix.fromMatrix");
    checkOptions(options, FROM_MATRIX_OPTIONS, "DensityMatrix.fromMatrix");
    const batch = checkBatch(options.batch);
    const flat = toInterleaved(matrix, "DensityMatrix.fromMatrix");
    const per = flat.length / 2 / batch;
    const dim = Math.round(Math.sqrt(per));
    const n = Math.log2(dim);
    if (dim * dim !== per || !Number.isInteger(n) || n < 1) {
      throw new ShapeError(
        `DensityMatrix.fromMatrix: ${flat.length / 2} entries for batch ${batch} is not batch * 4^n with n >= 1`,
      );
    }
    if (options.check !== false) {
      for (let b = 0; b < batch; b++) {
        const m = flat.subarray(2 * b * per, 2 * (b + 1) * per);
        let tr = 0;
        for (let i = 0; i < dim; i++) {
          tr += m[2 * (i * dim + i)]!;
          for (let j = i; j < dim; j++) {
            const dr = Math.abs(m[2 * (i * dim + j)]! - m[2 * (j * dim + i)]!);
            const di = Math.abs(m[2 * (i * dim + j) + 1]! + m[2 * (j * dim + i) + 1]!);
            if (dr > 1e-8 || di > 1e-8 || !Number.isFinite(dr + di)) {
              throw new ArgumentError(
                `DensityMatrix.fromMatrix: matrix ${b} is not Hermitian at (${i}, ${j})`,
              );
            }
          }
        }
        if (Math.abs(tr - 1) > 1e-8) {
          throw new ArgumentError(
            `DensityMatrix.fromMatrix: matrix ${b} has trace ${tr}, expected 1 (pass { check: false } to skip)`,
          );
        }
      }
    }
    const backend = getBackend(options.backend);
    return new DensityMatrix(backend.fromArray(2 * n, batch, flat), backend);
  }

  /**
   * The completely mixed state I / 2^n.
   * @example
   * DensityMatrix.completelyMixed(1).purity(); // [0.5]
   */
  static completelyMixed(nQubits: number, options: StateOptions = {}): DensityMatrix {
    checkArity(arguments.length, 2, "DensityMatrix.completelyMixed");
    checkOptions(options, STATE_OPTIONS, "DensityMatrix.completelyMixed");
    checkN(nQubits);
    const batch = checkBatch(options.batch);
    const dim = 2 ** nQubits;
    const out = new Float64Array(2 * dim * dim * batch);
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < dim; i++) out[2 * (b * dim * dim + i * dim + i)] = 1 / dim;
    const backend = getBackend(options.backend);
    return new DensityMatrix(backend.fromArray(2 * nQubits, batch, out), backend);
  }

  // --- readouts ------------------------------------------------------------------------------

  /**
   * The matrices as a flat copy: interleaved (re, im), batch-major, row-major, length
   * 2 * batch * 4^n.
   * @example
   * DensityMatrix.zero(1).toArray(); // [1, 0, 0, 0, 0, 0, 0, 0]
   */
  toArray(): Float64Array {
    checkArity(arguments.length, 0, "DensityMatrix.toArray");
    return this.backend.toArray(this.buffer);
  }

  /**
   * Batch element `b` as a 2^n x 2^n interleaved matrix (a copy).
   * @example
   * const m = rho.matrix(0);
   */
  matrix(b = 0): Float64Array {
    checkArity(arguments.length, 1, "DensityMatrix.matrix");
    checkIndex(b, this.batch);
    const per = 2 * this.dim * this.dim;
    return this.toArray().slice(b * per, (b + 1) * per);
  }

  /**
   * The matrices as a complex128 tensor [batch, 2^n, 2^n], differentiable (gradients reach
   * whatever produced this density matrix).
   * @example
   * const t = circuit.forward(DensityMatrix.zero(2)).toTensor();
   */
  toTensor(): Tensor {
    checkArity(arguments.length, 0, "DensityMatrix.toTensor");
    const d = this.dim;
    return customOp({
      name: "DensityMatrix.toTensor",
      inputs: [this],
      forward: () => fromData(this.toArray(), [this.batch, d, d], "complex128"),
      backward: (grad: Tensor) => [fromData(grad.data, [this.batch, d * d], "complex128")],
    });
  }

  /**
   * tr(rho) per batch element (real part).
   * @example
   * DensityMatrix.zero(2).trace(); // [1]
   */
  trace(): Float64Array {
    checkArity(arguments.length, 0, "DensityMatrix.trace");
    return traceOf(this.toArray(), this.dim, this.batch);
  }

  /**
   * tr(rho^2) per batch element: the squared norm of vec(rho) (rho is Hermitian).
   * @example
   * DensityMatrix.completelyMixed(2).purity(); // [0.25]
   */
  purity(): Float64Array {
    checkArity(arguments.length, 0, "DensityMatrix.purity");
    return this.backend.normSquared(this.buffer);
  }

  /**
   * Probabilities of the basis states of `qubits` (all when omitted; `qubits[0]` the most
   * significant bit of the outcome), per batch element: length batch * 2^k.
   * @example
   * DensityMatrix.completelyMixed(2).probabilities([1]); // [0.5, 0.5]
   */
  probabilities(qubits?: readonly number[]): Float64Array {
    checkArity(arguments.length, 1, "DensityMatrix.probabilities");
    const qs = this.outcomeQubits(qubits, "probabilities");
    const diag = diagonalOf(this.toArray(), this.dim, this.batch);
    return marginalOfDiagonal(diag, this.nQubits, this.batch, qs);
  }

  private outcomeQubits(qubits: readonly number[] | undefined, fn: string): number[] {
    const n = this.nQubits;
    if (qubits !== undefined) checkQubitIndices(qubits, n, `${fn}: qubits`);
    const qs = qubits === undefined ? range(n) : [...qubits];
    return qs;
  }

  /**
   * Samples `shots` computational-basis measurements (seeded); counts keyed by bitstring of
   * `qubits` (default all, qubit 0 leftmost); an array of counts for batch > 1. One multinomial
   * draw: the cost does not grow with `shots` (up to 2^53 - 1).
   * @example
   * DensityMatrix.fromState(State.bell()).measure(100, { seed: 1 }); // { "00": ~50, "11": ~50 }
   */
  measure(shots: number, options: DensityMeasureOptions = {}): Counts | Counts[] {
    checkArity(arguments.length, 2, "DensityMatrix.measure");
    checkOptions(options, DENSITY_MEASURE_OPTIONS, "DensityMatrix.measure");
    checkShots(shots);
    return this.countsOf(this.probabilities(options.qubits), shots, options);
  }

  /** Seeded multinomial counts from `probs` (batch blocks of 2^k), per batch element. */
  private countsOf(
    probs: Float64Array,
    shots: number,
    options: DensityMeasureOptions,
  ): Counts | Counts[] {
    const k = options.qubits?.length ?? this.nQubits;
    const dim = 2 ** k;
    const rng = toRng(options.seed);
    const out: Counts[] = [];
    for (let b = 0; b < this.batch; b++)
      out.push(countsFromTally(sampleCounts(probs, shots, rng, b * dim, dim), k));
    return this.batch === 1 ? out[0]! : out;
  }

  /**
   * tr(H rho) for a Pauli sum (a `Hamiltonian`) of a single density matrix (batch 1).
   * @example
   * DensityMatrix.zero(1).expecVal(Hamiltonian.fromString("Z0")); // 1
   */
  expecVal(h: PauliSum): number {
    checkArity(arguments.length, 1, "DensityMatrix.expecVal");
    if (this.batch !== 1)
      throw new ShapeError(
        `DensityMatrix.expecVal: batch ${this.batch}; use expecValBatch for batched states`,
      );
    return this.expecValBatch(h)[0]!;
  }

  /**
   * tr(H rho_b) for every batch element, computed from the rows: tr(P rho) = sum_k phase_P(k)
   * rho[k, k ^ x_P], O(2^n) per Pauli term.
   * @example
   * DensityMatrix.completelyMixed(1, { batch: 2 }).expecValBatch(Hamiltonian.fromString("Z0")); // [0, 0]
   */
  expecValBatch(h: PauliSum): Float64Array {
    checkArity(arguments.length, 1, "DensityMatrix.expecValBatch");
    const terms = checkTerms(h, this.nQubits);
    return pauliSumTrace(this.toArray(), this.nQubits, this.batch, terms);
  }

  /**
   * The reduced state on `keep` (in that order) after tracing out every other qubit.
   * @example
   * DensityMatrix.fromState(State.bell()).reduce([0]).purity(); // [0.5]
   */
  reduce(keep: readonly number[]): DensityMatrix {
    checkArity(arguments.length, 1, "DensityMatrix.reduce");
    const n = this.nQubits;
    checkQubitIndices(keep, n, "reduce: keep");
    if (keep.length === 0) throw new ArgumentError("reduce: keep at least one qubit");
    const traced = range(n).filter((q) => !keep.includes(q));
    const d = this.dim;
    const m = keep.length;
    const dm = 2 ** m;
    const a = this.toArray();
    const out = new Float64Array(2 * dm * dm * this.batch);
    for (let b = 0; b < this.batch; b++) {
      for (let i = 0; i < d; i++) {
        const ti = extractBits(i, n, traced);
        const ki = extractBits(i, n, keep);
        for (let j = 0; j < d; j++) {
          if (extractBits(j, n, traced) !== ti) continue;
          const kj = extractBits(j, n, keep);
          const src = 2 * (b * d * d + i * d + j);
          const dst = 2 * (b * dm * dm + ki * dm + kj);
          out[dst] += a[src]!;
          out[dst + 1] += a[src + 1]!;
        }
      }
    }
    return new DensityMatrix(this.backend.fromArray(2 * m, this.batch, out), this.backend);
  }

  /**
   * Traces out `qubits` (any subset); the remaining qubits keep their order.
   * @example
   * DensityMatrix.fromState(State.ghz(3)).partialTrace([1, 2]); // (|0><0| + |1><1|) / 2
   */
  partialTrace(qubits: readonly number[]): DensityMatrix {
    checkArity(arguments.length, 1, "DensityMatrix.partialTrace");
    checkQubitIndices(qubits, this.nQubits, "partialTrace: qubits");
    const keep = range(this.nQubits).filter((q) => !qubits.includes(q));
    if (keep.length === 0)
      throw new ArgumentError("partialTrace: tracing out every qubit leaves no state");
    return this.reduce(keep);
  }

  /**
   * Whether every batch element is Hermitian with unit trace and no eigenvalue below -tol
   * (small n: uses a dense eigen-decomposition).
   * @example
   * DensityMatrix.zero(2).isValid(); // true
   */
  isValid(tol = 1e-8): boolean {
    checkArity(arguments.length, 1, "DensityMatrix.isValid");
    return this.eigenvalues().every((ev, b) => {
      const tr = this.trace()[b]!;
      return Math.abs(tr - 1) <= tol && ev.every((v) => v >= -tol);
    });
  }

  /**
   * Eigenvalues (ascending) of each batch element.
   * @example
   * DensityMatrix.completelyMixed(1).eigenvalues(); // [[0.5, 0.5]]
   */
  eigenvalues(): number[][] {
    checkArity(arguments.length, 0, "DensityMatrix.eigenvalues");
    const out: number[][] = [];
    for (let b = 0; b < this.batch; b++) out.push([...eighValues(this.matrix(b))]);
    return out;
  }

  /**
   * Mid-circuit projective measurement of `qubits`: P rho P / p for a chosen or sampled (seeded)
   * outcome per batch element (see `collapse` in density-states.ts, which also takes a `State`).
   * @example
   * DensityMatrix.fromState(State.bell()).collapse([0], { outcome: 1 }).state; // |11><11|
   */
  collapse(
    qubits: readonly number[],
    options: CollapseOptions = {},
  ): CollapseResult<DensityMatrix> {
    checkArity(arguments.length, 2, "DensityMatrix.collapse");
    return collapse(this, qubits, options);
  }

  // --- asynchronous readouts: any backend, webgpu included (it reads back without blocking) ----
  // On a backend with density-matrix reductions (webgpu) only the results are read back: the
  // trace and expectation values as numbers, the probabilities from the diagonal. Elsewhere each
  // equals its synchronous twin.

  /**
   * `toArray` on any backend.
   * @example
   * const entries = await rho.toArrayAsync();
   */
  async toArrayAsync(): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    return gpu === undefined ? this.toArray() : gpu.toArrayAsync(this.buffer);
  }

  /**
   * `trace` on any backend.
   * @example
   * await rho.traceAsync(); // [1]
   */
  async traceAsync(): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    if (gpu === undefined) return this.trace();
    if (gpu.densityTraceAsync !== undefined) return gpu.densityTraceAsync(this.buffer);
    return traceOf(await gpu.toArrayAsync(this.buffer), this.dim, this.batch);
  }

  /**
   * `purity` on any backend.
   * @example
   * await rho.purityAsync(); // [1] for a pure state
   */
  async purityAsync(): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    return gpu === undefined ? this.purity() : gpu.normSquaredAsync(this.buffer);
  }

  /**
   * `probabilities` on any backend.
   * @example
   * await rho.probabilitiesAsync([0]); // batch * 2 values
   */
  async probabilitiesAsync(qubits?: readonly number[]): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    if (gpu === undefined) return this.probabilities(qubits);
    const qs = this.outcomeQubits(qubits, "probabilitiesAsync");
    const diag =
      gpu.densityDiagonalAsync !== undefined
        ? await gpu.densityDiagonalAsync(this.buffer)
        : diagonalOf(await gpu.toArrayAsync(this.buffer), this.dim, this.batch);
    return marginalOfDiagonal(diag, this.nQubits, this.batch, qs);
  }

  /**
   * `measure` on any backend, with the same seeded sampler (a seed gives the same counts up to
   * the backend's rounding of the probabilities).
   * @example
   * const counts = await rho.measureAsync(1000, { seed: 1 });
   */
  async measureAsync(
    shots: number,
    options: DensityMeasureOptions = {},
  ): Promise<Counts | Counts[]> {
    checkArity(arguments.length, 2, "DensityMatrix.measureAsync");
    checkOptions(options, DENSITY_MEASURE_OPTIONS, "DensityMatrix.measureAsync");
    checkShots(shots);
    return this.countsOf(await this.probabilitiesAsync(options.qubits), shots, options);
  }

  /**
   * `expecValBatch` on any backend: tr(H rho_b) per batch element.
   * @example
   * await rho.expecValBatchAsync(Hamiltonian.fromString("Z0")); // Float64Array(batch)
   */
  async expecValBatchAsync(h: PauliSum): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    if (gpu === undefined) return this.expecValBatch(h);
    const terms = checkTerms(h, this.nQubits);
    if (gpu.densityExpectationAsync !== undefined)
      return gpu.densityExpectationAsync(this.buffer, terms);
    return pauliSumTrace(await gpu.toArrayAsync(this.buffer), this.nQubits, this.batch, terms);
  }

  /**
   * exp(-i t H) rho exp(i t H) for every batch element, exact to `options.tol` (default 1e-12),
   * by the Krylov exponential of the Liouvillian H (x) I - I (x) conj(H) on vec(rho) (no matrix
   * is formed). H must be Hermitian on this density matrix's qubits. Differentiable in rho and in
   * t (a one-element float64 tensor).
   * @example
   * const rho = DensityMatrix.fromState(State.basis(2, "01")).evolve(Hamiltonian.fromString("X0 X1 + Y0 Y1"), 0.3);
   */
  evolve(h: PauliSum, t: EvolutionTime, options: EvolveOptions = {}): DensityMatrix {
    const n = this.nQubits;
    const terms = liouvillianTerms(hermitianTerms(h, n, "DensityMatrix.evolve"), n);
    const wrap = (buffer: StateBuffer): DensityMatrix => new DensityMatrix(buffer, this.backend);
    return evolveValue(this, terms, t, options, wrap, "DensityMatrix.evolve").value;
  }

  /**
   * An independent copy.
   * @example
   * const copy = rho.clone();
   */
  clone(): DensityMatrix {
    checkArity(arguments.length, 0, "DensityMatrix.clone");
    return new DensityMatrix(this.backend.clone(this.buffer), this.backend);
  }

  /**
   * Releases the buffer; the density matrix must not be used afterwards.
   * @example
   * rho.free();
   */
  free(): void {
    this.backend.free(this.buffer);
  }
}

/** The real diagonals (batch blocks of d) of vec(rho) data `a`. */
function diagonalOf(a: Float64Array, d: number, batch: number): Float64Array {
  const diag = new Float64Array(batch * d);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < d; i++) diag[b * d + i] = a[2 * (b * d * d + i * d + i)]!;
  return diag;
}

/** tr(rho_b) (real parts) of vec(rho) data `a`. */
function traceOf(a: Float64Array, d: number, batch: number): Float64Array {
  const diag = diagonalOf(a, d, batch);
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) for (let i = 0; i < d; i++) out[b] += diag[b * d + i]!;
  return out;
}

/** Outcome probabilities of `qs` from the diagonals (batch blocks of 2^n), negatives clipped. */
function marginalOfDiagonal(
  diag: Float64Array,
  n: number,
  batch: number,
  qs: readonly number[],
): Float64Array {
  const d = 2 ** n;
  const k = qs.length;
  const out = new Float64Array(batch << k);
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < d; i++) out[(b << k) + extractBits(i, n, qs)] += diag[b * d + i]!;
  for (let i = 0; i < out.length; i++) if (out[i]! < 0) out[i] = 0;
  return out;
}

/**
 * The bits of `index` (n qubits, qubit 0 the MSB) at `qubits`, `qubits[0]` the MSB of the result.
 * @example
 * extractBits(0b110, 3, [2, 0]); // 0b01
 */
export function extractBits(index: number, n: number, qubits: readonly number[]): number {
  let r = 0;
  for (let p = 0; p < qubits.length; p++) r = (r << 1) | ((index >> (n - 1 - qubits[p]!)) & 1);
  return r;
}

/**
 * sum_t c_t tr(P_t rho_b) for vec(rho) data `a` (interleaved, batch-major).
 * @example
 * pauliSumTrace(rho.toArray(), 1, 1, [{ qubits: [0], letters: ["Z"], coefficient: 1 }]);
 */
export function pauliSumTrace(
  a: Float64Array,
  n: number,
  batch: number,
  terms: readonly PauliTerm[],
): Float64Array {
  const d = 2 ** n;
  const out = new Float64Array(batch);
  for (const t of terms) {
    const { x, z, nY } = pauliMasks(t, n);
    // i^nY
    const ph = [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ][nY % 4]!;
    for (let b = 0; b < batch; b++) {
      let re = 0;
      let im = 0;
      const base = b * d * d;
      for (let k = 0; k < d; k++) {
        const s = popParity(k & z) ? -1 : 1;
        const idx = 2 * (base + k * d + (k ^ x));
        re += s * a[idx]!;
        im += s * a[idx + 1]!;
      }
      // Re(i^nY * (re + i im)) * c
      out[b] += t.coefficient * (ph[0]! * re - ph[1]! * im);
    }
  }
  return out;
}

/**
 * The dense matrix of a Pauli sum, 2^n x 2^n interleaved (for cotangents and tests).
 * @example
 * pauliSumMatrix(Hamiltonian.fromString("Z0").terms, 1); // diag(1, -1)
 */
export function pauliSumMatrix(terms: readonly PauliTerm[], n: number): Float64Array {
  if (!Array.isArray(terms) || !Number.isInteger(n) || n < 1 || n > 12)
    throw new ArgumentError(
      `pauliSumMatrix: expected Pauli terms and a qubit count in [1, 12], got ${describe(terms)} and ${describe(n)}`,
    );
  const d = 2 ** n;
  const out = new Float64Array(2 * d * d);
  for (const t of terms) {
    const { x, z, nY } = pauliMasks(t, n);
    const ph = [
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ][nY % 4]!;
    for (let k = 0; k < d; k++) {
      // P|k> = i^nY (-1)^{|k & z|} |k ^ x>
      const s = (popParity(k & z) ? -1 : 1) * t.coefficient;
      const idx = 2 * ((k ^ x) * d + k);
      out[idx] += s * ph[0]!;
      out[idx + 1] += s * ph[1]!;
    }
  }
  return out;
}

function pauliMasks(t: PauliTerm, n: number): { x: number; z: number; nY: number } {
  let x = 0;
  let z = 0;
  let nY = 0;
  t.qubits.forEach((q, i) => {
    const bit = 1 << (n - 1 - q);
    const l = t.letters[i];
    if (l === "X" || l === "Y") x |= bit;
    if (l === "Z" || l === "Y") z |= bit;
    if (l === "Y") nY++;
  });
  return { x, z, nY };
}

function popParity(v: number): boolean {
  let p = false;
  while (v) {
    p = !p;
    v &= v - 1;
  }
  return p;
}

/**
 * Interleaved complex values from a Float64Array or nested rows (square); `where` names the caller.
 * @example
 * toInterleaved([[0, 1], [1, 0]], "myFn"); // Pauli X
 */
export function toInterleaved(m: MatrixInput, where: string): Float64Array {
  if (m instanceof Float64Array) {
    for (let i = 0; i < m.length; i++)
      if (!Number.isFinite(m[i]))
        throw new ArgumentError(`${where}: entry ${i >> 1} is not finite`);
    if (m.length % 2 !== 0)
      throw new ShapeError(`${where}: interleaved complex data needs an even length`);
    return Float64Array.from(m);
  }
  if (!Array.isArray(m)) throw new ArgumentError(`${where}: expected a matrix, got ${describe(m)}`);
  const d = m.length;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    const row = m[i];
    if (!Array.isArray(row) || row.length !== d)
      throw new ShapeError(`${where}: row ${i} must have ${d} entries (a square matrix)`);
    for (let j = 0; j < d; j++) {
      const v = row[j] as unknown;
      if (typeof v === "number" && Number.isFinite(v)) out[2 * (i * d + j)] = v;
      else if (
        Array.isArray(v) &&
        v.length === 2 &&
        Number.isFinite(v[0]) &&
        Number.isFinite(v[1])
      ) {
        out[2 * (i * d + j)] = v[0];
        out[2 * (i * d + j) + 1] = v[1];
      } else if (isComplexLike(v) && Number.isFinite(v.re) && Number.isFinite(v.im)) {
        out[2 * (i * d + j)] = v.re;
        out[2 * (i * d + j) + 1] = v.im;
      } else {
        throw new ArgumentError(
          `${where}: entry (${i}, ${j}) = ${describe(v)} is not a number, a [re, im] pair or a complex { re, im }`,
        );
      }
    }
  }
  return out;
}

function eighValues(m: Float64Array): Float64Array {
  return eighHermitian(m).values;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1)
    throw new ArgumentError(`nQubits: expected a positive integer, got ${describe(n)}`);
}

function checkBatch(batch: number | undefined): number {
  if (batch === undefined) return 1;
  if (!Number.isInteger(batch) || batch < 1)
    throw new ArgumentError(`batch: expected a positive integer, got ${describe(batch)}`);
  return batch;
}

function checkIndex(b: number, batch: number): void {
  if (!Number.isInteger(b) || b < 0 || b >= batch)
    throw new ArgumentError(`batch index ${describe(b)} out of range [0, ${batch - 1}]`);
}

/**
 * Checks a Pauli sum's terms against the qubit count and returns them.
 * @example
 * checkTerms(Hamiltonian.fromString("Z0"), 2);
 */
export function checkTerms(h: PauliSum, nQubits: number): readonly PauliTerm[] {
  if (h === null || typeof h !== "object" || !Array.isArray(h.terms)) {
    throw new ArgumentError(
      `expecVal: H must be a Hamiltonian (an object with Pauli terms), got ${describe(h)}`,
    );
  }
  for (const t of h.terms) {
    for (const q of t.qubits) {
      if (q >= nQubits)
        throw new ArgumentError(
          `expecVal: the Hamiltonian acts on qubit ${q}, but the state has ${nQubits} qubits`,
        );
    }
  }
  return h.terms;
}
