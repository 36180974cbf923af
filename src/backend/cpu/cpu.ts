/**
 * `CpuBackend`: the float64 reference backend. It validates every call, then hands the raw
 * Float64Array to a kernel chosen by the call's structure:
 *
 * - `applyDense`: a shared matrix that is diagonal or a 0/1 permutation goes to those kernels
 *   (structure.ts); else 1 target (any controls) -> dense1.ts, split by target position, with
 *   real-matrix loops; 2 targets without controls -> dense2.ts; 3-5 targets without controls on
 *   a state in WebAssembly memory -> the SIMD k-qubit kernel (densek.ts); else the generic one.
 * - `applyDiagonal`: diagonal.ts (1 target: block loops; else runs, skipping entries equal to 1).
 * - `applyPermutation`: a single transposition without phases (X, CNOT, SWAP, Toffoli, CSWAP)
 *   swaps memory runs; phased 1-/2-qubit ones (Y, CY, iSWAP) use the dense kernels; else generic.
 * - Pauli strings, rotations, sums and expectations: pauli.ts / paulisum.ts, from x/z bit masks.
 *
 * States of at least `WASM_MIN_QUBITS` qubits (or batches of at least 2^WASM_MIN_QUBITS amplitudes
 * of at least `WASM_MIN_BATCH_QUBITS` qubits) live in WebAssembly memory (still exposed as a
 * Float64Array `data`), and the 1-qubit dense (uncontrolled, or with every control above the
 * target), 1-qubit diagonal and 2-qubit dense kernels and the periodic swaps run as WebAssembly
 * SIMD there (wasm.ts, ~2x the JavaScript loops); everything else runs the JavaScript kernels on
 * the same array. Each such buffer owns a shared WebAssembly memory (wasm.ts: the engine frees
 * it with the buffer), worker threads (pool.ts, `threads` option / `QOAR_THREADS`) split the SIMD
 * kernels of states of 2^17+ amplitudes, or of a whole batch under a shared matrix, into ranges
 * of the same memory (no copies), and `clonePair` puts the adjoint sweep's two states in one
 * memory so its kernels read both in one pass.
 * - `overlapMatrix` / `adjointStep` (optional Backend methods, used by the adjoint sweep):
 *   overlap.ts; one SIMD pass for one qubit (overlap of lambda and psi, then the block's inverse
 *   on both), JavaScript loops for 2..5 qubits.
 * - `linearCombination` (optional, used by the Krylov exponential): combination.ts, one pass
 *   over dst and every source instead of one axpy per source.
 *
 * Every JavaScript kernel works on one state view of a batch at a time, so indices stay int32
 * (V8 keeps them in integer registers; double-valued indices measured ~1.6x slower). Every
 * specialized kernel is tested against the generic one, and every SIMD kernel against the
 * JavaScript one.
 */

import { ArgumentError, describe, ResourceError } from "../../errors.js";
import { type ConstructorOptionsOf, checkArity, checkOptions, optionKeys } from "../../validate.js";
import type {
  AdjointStepSpec,
  AllocationStats,
  Backend,
  PauliString,
  PauliTerm,
  StateBuffer,
} from "../backend.js";
import {
  AllocationCounter,
  CpuStateBuffer,
  checkFits,
  formatBytes,
  memoryLimitFromEnv,
} from "./buffer.js";
import { combinationKernel } from "./combination.js";
import { asCpu, batchStride, checkBroadcast, checkPerm, checkQubits, sameShape } from "./common.js";
import { applyDense1 } from "./dense1.js";
import { applyDense2 } from "./dense2.js";
import { applyDenseGeneric, applyDenseSimd } from "./densek.js";
import { applyDiagonal } from "./diagonal.js";
import { adjointWasm1, overlapKernel, overlapWasm1 } from "./overlap.js";
import {
  applyPauliRotationKernel,
  applyPauliStringKernel,
  pauliMasks,
  pauliSumMasks,
} from "./pauli.js";
import { applyPauliSumKernel, expectationPauliSumKernel } from "./paulisum.js";
import { applyPermutation } from "./permutation.js";
import { defaultThreads, threadPool } from "./pool.js";
import {
  axpyKernel,
  innerProductKernel,
  normSquaredKernel,
  probabilitiesAll,
  probabilitiesMarginal,
  scaleKernel,
} from "./reductions.js";
import { classifyMatrix } from "./structure.js";
import { BoundKernels, wasmBlocks } from "./wasm.js";

const NO_CONTROLS: readonly number[] = [];

/**
 * Smallest state put in WebAssembly memory by default: below it a kernel call costs about as
 * much as creating the instance (tens of microseconds) for the clone of a state.
 */
export const WASM_MIN_QUBITS = 12;

/** Smallest states that a large enough batch puts in WebAssembly memory. */
export const WASM_MIN_BATCH_QUBITS = 6;

/** Largest buffer in WebAssembly memory: byte offsets stay below 2^31 (signed i32 safe). */
export const WASM_MAX_BYTES = 2 ** 30;

const CPU_OPTIONS = optionKeys<ConstructorOptionsOf<typeof CpuBackend, 0>>({
  wasm: true,
  threads: true,
  memoryLimit: true,
});

/**
 * The float64 CPU backend. Buffers are `CpuStateBuffer`s whose `data` is the raw Float64Array.
 * @example
 * const cpu = new CpuBackend();
 * const psi = cpu.zeros(2);
 * const s = Math.SQRT1_2;
 * cpu.applyDense(psi, [0], Float64Array.of(s, 0, s, 0, s, 0, -s, 0)); // H on qubit 0
 * cpu.applyPermutation(psi, [1], Int32Array.of(1, 0), undefined, [0]); // CNOT(0, 1)
 * cpu.probabilities(psi); // [0.5, 0, 0, 0.5]
 */
export class CpuBackend implements Backend {
  /** Registered as `"cpu"`. */
  readonly name = "cpu";
  private readonly counter = new AllocationCounter();

  // --- buffers -------------------------------------------------------------------------------

  private readonly wasmMode: "auto" | "always" | "never";
  /** Threads per kernel call (1 = the calling thread only). */
  readonly threads: number;
  /** Largest allocation in bytes (one buffer, or the adjoint's pair); see the constructor. */
  readonly memoryLimit: number;

  /**
   * @param options.wasm where state buffers live: "auto" (default) puts states of at least
   *   `WASM_MIN_QUBITS` qubits (and at most 1 GiB) in WebAssembly memory so the SIMD kernels of
   *   wasm.ts run on them; "always" does so for every size (tests); "never" keeps plain
   *   Float64Arrays and the JavaScript kernels.
   * @param options.threads threads per SIMD kernel call on large states (pool.ts): default the
   *   `QOAR_THREADS` variable, else the number of cores; 1 = no worker threads. Worker threads
   *   need Node (worker_threads); elsewhere kernels run on the calling thread.
   * @param options.memoryLimit the most bytes one allocation may take (a state buffer of
   *   2^n x 16 bytes per batch element): default the `QOAR_MEMORY_LIMIT` variable ("8GiB",
   *   bytes), else no limit beyond 90% of the machine's memory. Larger states are refused with a
   *   `ResourceError` before anything is allocated.
   */
  constructor(
    options: { wasm?: "auto" | "always" | "never"; threads?: number; memoryLimit?: number } = {},
  ) {
    checkArity(arguments.length, 1, "CpuBackend");
    checkOptions(options, CPU_OPTIONS, "CpuBackend");
    const threads = options.threads ?? defaultThreads();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new ArgumentError(
        `CpuBackend: options.threads must be a positive integer, got ${describe(threads)}`,
      );
    }
    this.threads = threads;
    const mode = options.wasm ?? "auto";
    if (mode !== "auto" && mode !== "always" && mode !== "never") {
      throw new ArgumentError(
        `CpuBackend: options.wasm must be "auto", "always" or "never", got ${describe(mode)}`,
      );
    }
    this.wasmMode = mode;
    const limit = options.memoryLimit ?? memoryLimitFromEnv();
    if (typeof limit !== "number" || !(limit > 0)) {
      throw new ArgumentError(
        `CpuBackend: options.memoryLimit must be a positive number of bytes, got ${describe(options.memoryLimit)}`,
      );
    }
    this.memoryLimit = limit;
  }

  private allocate(nQubits: number, batch: number): CpuStateBuffer {
    return this.allocateMany(nQubits, batch, 1)[0]!;
  }

  /** `count` zeroed buffers; in WebAssembly memory they share one memory (paired kernels). */
  private allocateMany(nQubits: number, batch: number, count: number): CpuStateBuffer[] {
    checkFits(nQubits, batch * count, this.memoryLimit);
    const floats = 2 * batch * 2 ** nQubits;
    const useWasm =
      this.wasmMode !== "never" &&
      8 * floats <= WASM_MAX_BYTES &&
      (this.wasmMode === "always" ||
        nQubits >= WASM_MIN_QUBITS ||
        // batches of small states: shared-matrix gates sweep the whole batch in one (threaded) call
        (nQubits >= WASM_MIN_BATCH_QUBITS && batch * 2 ** nQubits >= 2 ** WASM_MIN_QUBITS));
    const kernels: (BoundKernels | undefined)[] | undefined = useWasm
      ? wasmBlocks(8 * floats, count, this.threads, (module) =>
          threadPool(Math.max(this.threads, defaultThreads()), module),
        )
      : undefined;
    const out: CpuStateBuffer[] = [];
    for (let i = 0; i < count; i++) {
      const k = kernels?.[i];
      const data = k === undefined ? plainFloats(floats) : k.arena.view(k.base, floats);
      out.push(new CpuStateBuffer(nQubits, batch, data, this.counter, k));
    }
    return out;
  }

  /**
   * A clone of `psi` and a buffer holding `lambda` (its amplitudes, same shape), allocated in one
   * memory so `adjointStep` and `overlapMatrix` read both in one pass (the adjoint sweep's pair).
   * @example
   * const [psi, lam] = cpu.clonePair(out, cotangent);
   */
  clonePair(psi: StateBuffer, lambda: Float64Array): [CpuStateBuffer, CpuStateBuffer] {
    const src = asCpu(psi, "clonePair: psi");
    if (!(lambda instanceof Float64Array) || lambda.length !== src.data.length) {
      throw new ArgumentError(
        `clonePair: lambda must be a Float64Array of length ${src.data.length}, got ${describe(lambda)}`,
      );
    }
    const [a, b] = this.allocateMany(src.nQubits, src.batch, 2) as [CpuStateBuffer, CpuStateBuffer];
    a.data.set(src.data);
    b.data.set(lambda);
    return [a, b];
  }

  zeros(nQubits: number, batch = 1): CpuStateBuffer {
    const buf = this.allocate(nQubits, batch);
    const data = buf.data;
    const stride = 2 * buf.dim;
    for (let b = 0; b < batch; b++) data[b * stride] = 1;
    return buf;
  }

  fromArray(nQubits: number, batch: number, amplitudes: Float64Array): CpuStateBuffer {
    checkFits(nQubits, batch, this.memoryLimit);
    const expected = 2 * batch * 2 ** nQubits;
    if (!(amplitudes instanceof Float64Array) || amplitudes.length !== expected) {
      throw new ArgumentError(
        `fromArray: amplitudes must be a Float64Array of length ${expected} (2 * batch ${batch} * 2^${nQubits}), got ${describe(amplitudes)}`,
      );
    }
    const buf = this.allocate(nQubits, batch);
    buf.data.set(amplitudes);
    return buf;
  }

  toArray(buf: StateBuffer): Float64Array {
    return asCpu(buf, "toArray: buf").data.slice();
  }

  /** A new buffer holding a copy of `buf`. */
  clone(buf: StateBuffer): CpuStateBuffer {
    const src = asCpu(buf, "clone: buf");
    const out = this.allocate(src.nQubits, src.batch);
    out.data.set(src.data);
    return out;
  }

  broadcast(buf: StateBuffer, batch: number): CpuStateBuffer {
    const src = asCpu(buf, "broadcast: buf");
    checkBroadcast(src, batch);
    const out = this.allocate(src.nQubits, batch);
    for (let b = 0; b < batch; b++) out.data.set(src.data, b * src.data.length);
    return out;
  }

  gatherBatch(buf: StateBuffer, sources: Int32Array): CpuStateBuffer {
    const src = asCpu(buf, "gatherBatch: buf");
    const size = src.data.length / src.batch;
    for (const k of sources) {
      if (!Number.isInteger(k) || k < 0 || k >= src.batch)
        throw new ArgumentError(`gatherBatch: source ${k} is out of range for batch ${src.batch}`);
    }
    const out = this.allocate(src.nQubits, sources.length);
    sources.forEach((k, e) => {
      out.data.set(src.data.subarray(k * size, (k + 1) * size), e * size);
    });
    return out;
  }

  copyInto(dst: StateBuffer, src: StateBuffer): void {
    const d = asCpu(dst, "copyInto: dst");
    const s = asCpu(src, "copyInto: src");
    sameShape(d, s, "copyInto");
    if (d !== s) d.data.set(s.data);
  }

  free(buf: StateBuffer): void {
    asCpu(buf, "free: buf").release();
  }

  /** Buffer allocation counts since the last `resetStats`. */
  stats(): AllocationStats {
    return this.counter.snapshot();
  }

  /** Starts a new allocation count. */
  resetStats(): void {
    this.counter.reset();
  }

  // --- gate kernels --------------------------------------------------------------------------

  applyDense(
    buf: StateBuffer,
    targets: readonly number[],
    matrix: Float64Array,
    controls: readonly number[] = NO_CONTROLS,
  ): void {
    const b = asCpu(buf, "applyDense: buf");
    checkQubits(b.nQubits, targets, controls, "applyDense");
    const d = 1 << targets.length;
    const mStride = batchStride(matrix, 2 * d * d, b.batch, "matrix", "applyDense");
    if (mStride === 0 && targets.length <= 3) {
      const st = classifyMatrix(matrix, d);
      if (st.kind === "diagonal") {
        applyDiagonal(b.data, b.nQubits, b.batch, targets, controls, st.diagonal, 0, b.wasm);
        return;
      }
      if (st.kind === "permutation") {
        applyPermutation(
          b.data,
          b.nQubits,
          b.batch,
          targets,
          controls,
          st.perm,
          undefined,
          0,
          b.wasm,
        );
        return;
      }
    }
    if (targets.length === 1) {
      applyDense1(b.data, b.nQubits, b.batch, targets[0]!, controls, matrix, mStride, b.wasm);
    } else if (targets.length === 2 && controls.length === 0) {
      applyDense2(b.data, b.nQubits, b.batch, targets[0]!, targets[1]!, matrix, mStride, b.wasm);
    } else if (
      controls.length > 0 ||
      !applyDenseSimd(b.nQubits, b.batch, targets, matrix, mStride, b.wasm)
    ) {
      applyDenseGeneric(b.data, b.nQubits, b.batch, targets, controls, matrix, mStride);
    }
  }

  applyDiagonal(
    buf: StateBuffer,
    targets: readonly number[],
    diagonal: Float64Array,
    controls: readonly number[] = NO_CONTROLS,
  ): void {
    const b = asCpu(buf, "applyDiagonal: buf");
    checkQubits(b.nQubits, targets, controls, "applyDiagonal");
    const dStride = batchStride(
      diagonal,
      2 << targets.length,
      b.batch,
      "diagonal",
      "applyDiagonal",
    );
    applyDiagonal(b.data, b.nQubits, b.batch, targets, controls, diagonal, dStride, b.wasm);
  }

  applyPermutation(
    buf: StateBuffer,
    targets: readonly number[],
    perm: Int32Array,
    phases?: Float64Array,
    controls: readonly number[] = NO_CONTROLS,
  ): void {
    const b = asCpu(buf, "applyPermutation: buf");
    checkQubits(b.nQubits, targets, controls, "applyPermutation");
    const d = 1 << targets.length;
    checkPerm(perm, d);
    const pStride =
      phases === undefined ? 0 : batchStride(phases, 2 * d, b.batch, "phases", "applyPermutation");
    applyPermutation(b.data, b.nQubits, b.batch, targets, controls, perm, phases, pStride, b.wasm);
  }

  applyPauliString(
    buf: StateBuffer,
    pauli: PauliString,
    coefficient: readonly [number, number] = [1, 0],
  ): void {
    const b = asCpu(buf, "applyPauliString: buf");
    const masks = pauliMasks(b.nQubits, pauli, "applyPauliString");
    if (
      !Array.isArray(coefficient) ||
      coefficient.length !== 2 ||
      !coefficient.every(Number.isFinite)
    ) {
      throw new ArgumentError(
        `applyPauliString: coefficient must be [re, im] finite numbers, got ${describe(coefficient)}`,
      );
    }
    applyPauliStringKernel(b.data, b.nQubits, b.batch, masks, coefficient[0], coefficient[1]);
  }

  applyPauliRotation(buf: StateBuffer, pauli: PauliString, thetas: Float64Array): void {
    const b = asCpu(buf, "applyPauliRotation: buf");
    const masks = pauliMasks(b.nQubits, pauli, "applyPauliRotation");
    const tStride = batchStride(thetas, 1, b.batch, "thetas", "applyPauliRotation");
    applyPauliRotationKernel(b.data, b.nQubits, b.batch, masks, thetas, tStride);
  }

  // --- reductions ----------------------------------------------------------------------------

  applyPauliSum(out: StateBuffer, buf: StateBuffer, terms: readonly PauliTerm[]): void {
    const o = asCpu(out, "applyPauliSum: out");
    const b = asCpu(buf, "applyPauliSum: buf");
    sameShape(o, b, "applyPauliSum");
    if (o === b) throw new ArgumentError("applyPauliSum: out must be a different buffer from buf");
    const { masks, coefficients } = pauliSumMasks(b.nQubits, terms, "applyPauliSum");
    applyPauliSumKernel(o.data, b.data, b.nQubits, b.batch, masks, coefficients);
  }

  expectationPauli(buf: StateBuffer, pauli: PauliString): Float64Array {
    const b = asCpu(buf, "expectationPauli: buf");
    const masks = pauliMasks(b.nQubits, pauli, "expectationPauli");
    return expectationPauliSumKernel(b.data, b.nQubits, b.batch, [masks], [1]);
  }

  expectationPauliSum(buf: StateBuffer, terms: readonly PauliTerm[]): Float64Array {
    const b = asCpu(buf, "expectationPauliSum: buf");
    const { masks, coefficients } = pauliSumMasks(b.nQubits, terms, "expectationPauliSum");
    return expectationPauliSumKernel(b.data, b.nQubits, b.batch, masks, coefficients);
  }

  probabilities(buf: StateBuffer, qubits?: readonly number[]): Float64Array {
    const b = asCpu(buf, "probabilities: buf");
    if (qubits === undefined) return probabilitiesAll(b.data, b.dim, b.batch);
    if (!Array.isArray(qubits)) {
      throw new ArgumentError(
        `probabilities: qubits must be an array of qubit indices, got ${describe(qubits)}`,
      );
    }
    if (qubits.length === 0) return normSquaredKernel(b.data, b.dim, b.batch);
    checkQubits(b.nQubits, qubits, NO_CONTROLS, "probabilities");
    return probabilitiesMarginal(b.data, b.nQubits, b.batch, qubits);
  }

  innerProduct(a: StateBuffer, b: StateBuffer): Float64Array {
    const x = asCpu(a, "innerProduct: a");
    const y = asCpu(b, "innerProduct: b");
    sameShape(x, y, "innerProduct");
    return innerProductKernel(x.data, y.data, x.dim, x.batch);
  }

  normSquared(buf: StateBuffer): Float64Array {
    const b = asCpu(buf, "normSquared: buf");
    return normSquaredKernel(b.data, b.dim, b.batch);
  }

  scale(buf: StateBuffer, factors: Float64Array): void {
    const b = asCpu(buf, "scale: buf");
    const fStride = batchStride(factors, 2, b.batch, "factors", "scale");
    scaleKernel(b.data, b.dim, b.batch, factors, fStride);
  }

  axpy(dst: StateBuffer, alpha: Float64Array, src: StateBuffer): void {
    const d = asCpu(dst, "axpy: dst");
    const s = asCpu(src, "axpy: src");
    sameShape(d, s, "axpy");
    const aStride = batchStride(alpha, 2, d.batch, "alpha", "axpy");
    axpyKernel(d.data, s.data, d.dim, d.batch, alpha, aStride);
  }

  linearCombination(
    dst: StateBuffer,
    coefficients: readonly Float64Array[],
    sources: readonly StateBuffer[],
  ): Float64Array {
    const d = asCpu(dst, "linearCombination: dst");
    if (
      !Array.isArray(sources) ||
      !Array.isArray(coefficients) ||
      sources.length !== coefficients.length
    ) {
      throw new ArgumentError(
        `linearCombination: expected as many coefficients as sources, got ${describe(coefficients)} and ${describe(sources)}`,
      );
    }
    const data = sources.map((src, k) => {
      const s = asCpu(src, `linearCombination: sources[${k}]`);
      sameShape(d, s, "linearCombination");
      return s.data;
    });
    const strides = coefficients.map((c, k) =>
      batchStride(c, 2, d.batch, `coefficients[${k}]`, "linearCombination"),
    );
    return combinationKernel(d.data, data, coefficients, strides, d.dim, d.batch);
  }

  overlapMatrix(a: StateBuffer, b: StateBuffer, qubits: readonly number[]): Float64Array {
    const x = asCpu(a, "overlapMatrix: a");
    const y = asCpu(b, "overlapMatrix: b");
    sameShape(x, y, "overlapMatrix");
    checkQubits(x.nQubits, qubits, NO_CONTROLS, "overlapMatrix");
    if (qubits.length > 5) {
      throw new ArgumentError(
        `overlapMatrix: at most 5 qubits (a 32 x 32 matrix), got ${describe(qubits)}`,
      );
    }
    const wx = x.wasm;
    const wy = y.wasm;
    if (qubits.length === 1 && wx !== undefined && wy !== undefined && wx.arena === wy.arena) {
      return overlapWasm1(wx, wy, x.nQubits, x.batch, qubits[0]!);
    }
    return overlapKernel(x.data, y.data, x.nQubits, x.batch, qubits);
  }

  adjointStep(
    psi: StateBuffer,
    lam: StateBuffer,
    qubits: readonly number[],
    matrix: Float64Array,
  ): Float64Array {
    const p = asCpu(psi, "adjointStep: psi");
    const l = asCpu(lam, "adjointStep: lam");
    sameShape(p, l, "adjointStep");
    checkQubits(p.nQubits, qubits, NO_CONTROLS, "adjointStep");
    const size = 2 * 4 ** qubits.length;
    if (!(matrix instanceof Float64Array) || matrix.length !== size) {
      throw new ArgumentError(
        `adjointStep: matrix must be a Float64Array of length ${size} (one shared matrix), got ${describe(matrix)}`,
      );
    }
    const wp = p.wasm;
    const wl = l.wasm;
    if (qubits.length === 1 && wp !== undefined && wl !== undefined && wp.arena === wl.arena) {
      return adjointWasm1(wp, wl, p.nQubits, p.batch, qubits[0]!, matrix);
    }
    const m = this.overlapMatrix(l, p, qubits);
    this.applyDense(p, qubits, matrix);
    this.applyDense(l, qubits, matrix);
    return m;
  }

  /**
   * The adjoint sweep's steps in one call (`Backend.adjointSteps`). Runs of at least two steps
   * on the lowest `SWEEP_CHUNK_QUBITS` bit positions go chunk by chunk: each 2^c-amplitude chunk
   * of psi and of lambda is a c-qubit state of its own under those steps, so the pair stays in
   * cache across the run, and each overlap sums over the chunks. Other steps take the whole
   * state (`adjointStep`, or `applyDense` on both).
   * @example
   * const [m] = cpu.adjointSteps(psi, lam, [{ qubits: [3], matrix: vDagger, overlap: true }]);
   */
  adjointSteps(
    psi: StateBuffer,
    lam: StateBuffer,
    steps: readonly AdjointStepSpec[],
  ): (Float64Array | undefined)[] {
    checkArity(arguments.length, 3, "adjointSteps");
    const p = asCpu(psi, "adjointSteps: psi");
    const l = asCpu(lam, "adjointSteps: lam");
    sameShape(p, l, "adjointSteps");
    if (!Array.isArray(steps)) {
      throw new ArgumentError(`adjointSteps: steps must be an array, got ${describe(steps)}`);
    }
    steps.forEach((step, i) => {
      const where = `adjointSteps: steps[${i}]`;
      if (typeof step !== "object" || step === null) {
        throw new ArgumentError(
          `${where} must be { qubits, matrix, overlap }, got ${describe(step)}`,
        );
      }
      checkQubits(p.nQubits, step.qubits, NO_CONTROLS, where);
      const size = 2 * 4 ** step.qubits.length;
      if (!(step.matrix instanceof Float64Array) || step.matrix.length !== size) {
        throw new ArgumentError(
          `${where}.matrix must be a Float64Array of length ${size}, got ${describe(step.matrix)}`,
        );
      }
    });
    const out: (Float64Array | undefined)[] = new Array(steps.length).fill(undefined);
    const c = SWEEP_CHUNK_QUBITS;
    const wp = p.wasm;
    const wl = l.wasm;
    const chunked =
      wp !== undefined &&
      wl !== undefined &&
      wp.arena === wl.arena &&
      p.batch === 1 &&
      p.nQubits > c;
    const low = p.nQubits - c;
    for (let i = 0; i < steps.length; ) {
      let j = i;
      if (chunked) while (j < steps.length && steps[j]!.qubits.every((q: number) => q >= low)) j++;
      if (j - i >= 2) {
        chunkedSteps(this, wp!, wl!, p.nQubits, steps.slice(i, j), out, i);
        i = j;
        continue;
      }
      const step = steps[i]!;
      if (step.overlap) out[i] = this.adjointStep(p, l, step.qubits, step.matrix);
      else {
        this.applyDense(p, step.qubits, step.matrix);
        this.applyDense(l, step.qubits, step.matrix);
      }
      i++;
    }
    return out;
  }
}

/** `adjointSteps` on low qubits, chunk by chunk (results from `out[at]` on). */
function chunkedSteps(
  cpu: CpuBackend,
  wp: BoundKernels,
  wl: BoundKernels,
  nQubits: number,
  steps: readonly AdjointStepSpec[],
  out: (Float64Array | undefined)[],
  at: number,
): void {
  const c = SWEEP_CHUNK_QUBITS;
  const low = nQubits - c;
  const local = steps.map((s) => s.qubits.map((q) => q - low));
  steps.forEach((s, i) => {
    if (s.overlap) out[at + i] = new Float64Array(2 * 4 ** s.qubits.length);
  });
  const bytes = 16 << c;
  const chunkOf = (k: BoundKernels, ch: number): CpuStateBuffer => {
    const base = k.base + ch * bytes;
    return new CpuStateBuffer(
      c,
      1,
      k.arena.view(base, 2 << c),
      undefined,
      new BoundKernels(k.arena, base),
    );
  };
  for (let ch = 0; ch < 1 << low; ch++) {
    const pc = chunkOf(wp, ch);
    const lc = chunkOf(wl, ch);
    steps.forEach((s, i) => {
      const qubits = local[i]!;
      if (s.overlap) {
        // in cache, the overlap then two gate passes beat the fused adjoint1 kernel, whose
        // 24 live vectors spill (measured at n = 14: 34 vs 46 us)
        const m = cpu.overlapMatrix(lc, pc, qubits);
        const sum = out[at + i]!;
        for (let e = 0; e < m.length; e++) sum[e] += m[e]!;
      }
      cpu.applyDense(pc, qubits, s.matrix);
      cpu.applyDense(lc, qubits, s.matrix);
    });
  }
}

/**
 * Chunk size (qubits) of `adjointSteps`: a 2^14-amplitude chunk is 256 KiB per state, so the
 * pair's chunks stay in a core's L2 cache (1 MiB on the Zen 4 machine measured) across a run.
 * Chunks run on the calling thread also with a thread pool (measured on the loaded 2-core
 * machine, layered-10 gradient at n = 20, two threads: 1.01 s, against 1.43 s with 2^17-amplitude
 * chunks split across both threads).
 */
export const SWEEP_CHUNK_QUBITS = 14;

export { CpuStateBuffer } from "./buffer.js";

/** A zeroed Float64Array, or a `ResourceError` where the engine cannot allocate it (not a RangeError). */
function plainFloats(floats: number): Float64Array {
  try {
    return new Float64Array(floats);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new ResourceError(
      `cpu backend: ${formatBytes(8 * floats)} of state could not be allocated (${e.message})`,
    );
  }
}
