/**
 * `State`: a thin handle to `batch` pure states of `nQubits` qubits held in a backend buffer.
 * All arithmetic happens in the backend; the class validates input, builds common states and
 * turns backend results into user-facing values (counts, expectation values).
 *
 * Qubit 0 is the most significant bit of a basis index, so bitstrings print qubit 0 leftmost.
 */

import ndarray, { type NdArray } from "ndarray";
import {
  type Backend,
  getBackend,
  type PauliTerm,
  type StateBuffer,
} from "../../backend/backend.js";
import { Complex, type ComplexLike, isComplexLike } from "../../complex.js";
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { type Rng, toRng } from "../../random.js";
import { INSPECT_CUSTOM } from "../../tensor/format.js";
import { customOp, fromData, type GradNode, Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../../validate.js";
import { checkQubitIndices } from "../gates/apply.js";
import {
  type EvolutionTime,
  type EvolveOptions,
  evolveValue,
  hermitianTerms,
} from "../operators/evolve.js";
import { groupQubitWiseCommuting } from "../operators/pauli.js";
import { type AsyncReadBackend, asyncReader } from "./async-reads.js";
import { type Branches, foldBranches } from "./branches.js";
import { describeState } from "./display.js";
import { type Counts, checkShots, countsFromTally, sampleCounts } from "./measure.js";
import { rotatedToPauliBasis } from "./pauli-basis.js";

/** Where and how many: options shared by the `State` factories. */
export interface StateOptions {
  /** Number of states held side by side (default 1). */
  batch?: number;
  /** Backend name or instance (default: the current backend). */
  backend?: string | Backend;
}

/** The keys of `StateOptions`. */
export const STATE_OPTIONS = optionKeys<StateOptions>({ batch: true, backend: true });

/** Anything with Pauli terms, e.g. a `Hamiltonian`. */
export interface PauliSum {
  /** The Pauli terms of the sum. */
  readonly terms: readonly PauliTerm[];
}

/** Options of `State.expecVal`. */
export interface ExpecValOptions {
  /** Estimate from this many shots per qubit-wise commuting group (default: exact). */
  shots?: number;
  /** Seed (or generator) of the shot sampling. */
  seed?: number | Rng;
}

/** The keys of `ExpecValOptions`. */
export const EXPEC_VAL_OPTIONS = optionKeys<ExpecValOptions>({ shots: true, seed: true });

/** Options of `State.measure`. */
export interface MeasureOptions {
  /** Qubits to measure, in the order they appear in the bitstrings (default: all). */
  qubits?: readonly number[];
  /** Seed (or generator) of the sampling. */
  seed?: number | Rng;
}

/** The keys of `MeasureOptions`. */
export const MEASURE_OPTIONS = optionKeys<MeasureOptions>({ qubits: true, seed: true });

/** Amplitude input of `State.fromAmplitudes`: interleaved re/im, or one entry per amplitude. */
export type AmplitudesLike =
  | Float64Array
  | readonly (number | readonly [number, number] | ComplexLike)[];

const BELL: Record<string, [number, number, number, number]> = {
  "phi+": [1, 0, 0, 1],
  "phi-": [1, 0, 0, -1],
  "psi+": [0, 1, 1, 0],
  "psi-": [0, 1, -1, 0],
};
const BELL_BY_INDEX = ["phi+", "phi-", "psi+", "psi-"];

const RANDOM_STATE_OPTIONS = optionKeys<OptionsOf<typeof State.random, 1>>({
  batch: true,
  backend: true,
  seed: true,
});
const AMPLITUDES_OPTIONS = optionKeys<OptionsOf<typeof State.fromAmplitudes, 1>>({
  batch: true,
  backend: true,
  normalize: true,
});

/** One qubit-wise commuting group of a shot estimate (see `State.shotGroups`). */
interface ShotGroup {
  /** The measured qubits, ascending. */
  qubits: number[];
  /** The Pauli letter each measured qubit is read in. */
  basis: Map<number, string>;
  /** Adds the group's sampled term estimates to `acc` from its outcome probabilities. */
  accumulate(acc: Float64Array, probs: Float64Array, shots: number, rng: Rng): void;
}

/**
 * The backend that owns `buffer`: `backend` when given (it must be the buffer's), else the one
 * the buffer names. Throws an `ArgumentError` naming `where` for anything that is not a buffer.
 * @example
 * backendOfBuffer(getBackend().zeros(2), undefined, "State").name; // "cpu"
 */
export function backendOfBuffer(
  buffer: unknown,
  backend: Backend | undefined,
  where: string,
): Backend {
  const b = buffer as StateBuffer | null;
  if (b === null || typeof b !== "object" || typeof b.backend !== "string") {
    throw new ArgumentError(
      `${where}: buffer must be a backend state buffer (use the static constructors), got ${describe(buffer)}`,
    );
  }
  const owner = backend ?? getBackend(b.backend);
  if (owner.name !== b.backend) {
    throw new ArgumentError(
      `${where}: buffer belongs to backend ${describe(b.backend)}, not ${describe(owner.name)}`,
    );
  }
  return owner;
}

/**
 * `batch` states of `nQubits` qubits in a backend buffer.
 * @example
 * const s = State.bell(); // (|00> + |11>) / sqrt(2)
 * s.probabilities(); // [0.5, 0, 0, 0.5]
 * s.measure(100, { seed: 1 }); // e.g. { "00": 54, "11": 46 }
 * s.expecVal(new Hamiltonian([[1, "Z0, Z1"]])); // 1
 */
export class State {
  /** The backend that owns `buffer`. */
  readonly backend: Backend;
  /** The amplitudes, in the backend's storage. */
  readonly buffer: StateBuffer;
  /** For the autograd layer: whether gradients with respect to this state are wanted. */
  requiresGrad = false;
  /** For the autograd layer: the node that produced this state. */
  gradFn: GradNode | null = null;
  /** For the autograd layer: dL/d(amplitudes) after `backward()`, when this state is a leaf that requires it. */
  grad: Tensor | null = null;
  /**
   * Set by runs of circuits with mid-circuit measurements, resets, conditions or postselection:
   * the batch holds one unnormalized state per branch (`state/branches.ts`), and the readers
   * (`probabilities`, `measure`, `expecVal`, qml's `expecVal`/`probabilities`) sum over them.
   */
  branches: Branches | undefined = undefined;

  /**
   * Wraps an existing buffer (owned by `backend`, default: the backend named by the buffer).
   * @example
   * const s = new State(getBackend().zeros(2));
   */
  constructor(buffer: StateBuffer, backend?: Backend) {
    checkArity(arguments.length, 2, "State");
    this.backend = backendOfBuffer(buffer, backend, "State");
    this.buffer = buffer;
  }

  /**
   * Wraps an existing backend buffer (no copy); the same as the constructor.
   * @example
   * const s = State.fromBuffer(getBackend().zeros(2));
   */
  static fromBuffer(buffer: StateBuffer, backend?: Backend): State {
    checkArity(arguments.length, 2, "State.fromBuffer");
    return new State(buffer, backend);
  }

  /** Number of qubits. */
  get nQubits(): number {
    return this.buffer.nQubits;
  }

  /** Number of states in the batch. */
  get batch(): number {
    return this.buffer.batch;
  }

  /**
   * Shape, backend, autograd role and the leading amplitudes (at most 8, then "..."), e.g.
   * `State(nQubits=2, batch=1, backend=cpu) [0.7071+0i, 0, 0, 0.7071+0i]`; on an asynchronous
   * backend (webgpu) without the amplitudes. Never throws; `console.log` prints this too.
   * @example
   * String(State.bell()); // "State(nQubits=2, batch=1, backend=cpu) [0.7071+0i, 0, 0, 0.7071+0i]"
   */
  toString(): string {
    const dim = 2 ** this.nQubits;
    return describeState("State", this, this.batch === 1 ? [dim] : [this.batch, dim]);
  }

  /** What `console.log` and `util.inspect` print in Node: `toString()`. */
  [INSPECT_CUSTOM](): string {
    return this.toString();
  }

  // --- factories ---------------------------------------------------------------------------

  /**
   * |0...0> (every batch element).
   * @example
   * State.zero(3).probabilities()[0]; // 1
   */
  static zero(nQubits: number, options: StateOptions = {}): State {
    checkArity(arguments.length, 2, "State.zero");
    checkOptions(options, STATE_OPTIONS, "State.zero");
    checkN(nQubits);
    const backend = getBackend(options.backend);
    return new State(backend.zeros(nQubits, checkBatch(options.batch)), backend);
  }

  /**
   * The basis state |index>, or the bitstring's state (qubit 0 leftmost): `basis(3, "011")`.
   * @example
   * State.basis(2, "10"); // |10>: qubit 0 is 1
   */
  static basis(nQubits: number, index: number | string, options: StateOptions = {}): State {
    checkArity(arguments.length, 3, "State.basis");
    checkOptions(options, STATE_OPTIONS, "State.basis");
    checkN(nQubits);
    let i: number;
    if (typeof index === "string") {
      if (index.length !== nQubits || !/^[01]+$/.test(index)) {
        throw new ArgumentError(
          `State.basis: bitstring ${describe(index)} must have ${nQubits} characters 0 or 1`,
        );
      }
      i = Number.parseInt(index, 2);
    } else {
      if (!Number.isInteger(index) || index < 0 || index >= 2 ** nQubits) {
        throw new ArgumentError(
          `State.basis: index ${describe(index)} out of range [0, ${2 ** nQubits - 1}]`,
        );
      }
      i = index;
    }
    const amps = new Float64Array(2 << nQubits);
    amps[2 * i] = 1;
    return State.fromInterleaved(nQubits, amps, options);
  }

  /**
   * A two-qubit Bell state: `"phi+"` (default) = (|00> + |11>)/sqrt 2, `"phi-"`, `"psi+"` =
   * (|01> + |10>)/sqrt 2, `"psi-"`; or their index 0..3.
   * @example
   * State.bell("psi-");
   */
  static bell(
    kind: "phi+" | "phi-" | "psi+" | "psi-" | 0 | 1 | 2 | 3 = "phi+",
    options: StateOptions = {},
  ): State {
    checkArity(arguments.length, 2, "State.bell");
    checkOptions(options, STATE_OPTIONS, "State.bell");
    const key =
      typeof kind === "number" ? BELL_BY_INDEX[kind] : typeof kind === "string" ? kind : undefined;
    const v = key === undefined || !Object.hasOwn(BELL, key) ? undefined : BELL[key];
    if (v === undefined) {
      throw new ArgumentError(
        `State.bell: kind ${describe(kind)} must be "phi+", "phi-", "psi+", "psi-" or 0..3`,
      );
    }
    const amps = new Float64Array(8);
    for (let i = 0; i < 4; i++) amps[2 * i] = v[i]! * Math.SQRT1_2;
    return State.fromInterleaved(2, amps, options);
  }

  /**
   * (|0...0> + |1...1>) / sqrt 2.
   * @example
   * State.ghz(3);
   */
  static ghz(nQubits: number, options: StateOptions = {}): State {
    checkArity(arguments.length, 2, "State.ghz");
    checkOptions(options, STATE_OPTIONS, "State.ghz");
    checkN(nQubits);
    const amps = new Float64Array(2 << nQubits);
    amps[0] = Math.SQRT1_2;
    amps[2 * (2 ** nQubits - 1)] = Math.SQRT1_2;
    return State.fromInterleaved(nQubits, amps, options);
  }

  /**
   * The W state: the equal superposition of the basis states with exactly one 1.
   * @example
   * State.w(3); // (|100> + |010> + |001>) / sqrt 3
   */
  static w(nQubits: number, options: StateOptions = {}): State {
    checkArity(arguments.length, 2, "State.w");
    checkOptions(options, STATE_OPTIONS, "State.w");
    checkN(nQubits);
    const amps = new Float64Array(2 << nQubits);
    const a = 1 / Math.sqrt(nQubits);
    for (let q = 0; q < nQubits; q++) amps[2 * (1 << q)] = a;
    return State.fromInterleaved(nQubits, amps, options);
  }

  /**
   * A Haar-random pure state (normalized complex Gaussian vector), one per batch element.
   * @example
   * State.random(3, { seed: 7 });
   */
  static random(nQubits: number, options: StateOptions & { seed?: number | Rng } = {}): State {
    checkArity(arguments.length, 2, "State.random");
    checkOptions(options, RANDOM_STATE_OPTIONS, "State.random");
    checkN(nQubits);
    const batch = checkBatch(options.batch);
    const rng = toRng(options.seed);
    const dim = 2 ** nQubits;
    const amps = new Float64Array(2 * dim * batch);
    for (let b = 0; b < batch; b++) {
      let norm = 0;
      for (let i = 2 * dim * b; i < 2 * dim * (b + 1); i++) {
        amps[i] = rng.normal();
        norm += amps[i]! ** 2;
      }
      const s = 1 / Math.sqrt(norm);
      for (let i = 2 * dim * b; i < 2 * dim * (b + 1); i++) amps[i]! *= s;
    }
    const backend = getBackend(options.backend);
    return new State(backend.fromArray(nQubits, batch, amps), backend);
  }

  /**
   * A state from amplitudes: a `Float64Array` of interleaved (re, im) values, or an array with
   * one entry per amplitude, each a real number, an [re, im] pair or a complex `{ re, im }`
   * (a complex.js `Complex`); `batch` states back to back when `batch` is given.
   * The length must be `batch * 2^n` amplitudes (n >= 1) and each state must have norm 1 to
   * 1e-8, unless `normalize: true`.
   * @example
   * State.fromAmplitudes([Math.SQRT1_2, 0, 0, Math.SQRT1_2]); // a Bell state
   * State.fromAmplitudes([[1, 0], [0, 1]], { normalize: true }); // (|0> + i|1>)/sqrt 2
   * State.fromAmplitudes([1, new Complex(0, 1)], { normalize: true }); // the same
   */
  static fromAmplitudes(
    amplitudes: AmplitudesLike,
    options: StateOptions & { normalize?: boolean } = {},
  ): State {
    checkArity(arguments.length, 2, "State.fromAmplitudes");
    checkOptions(options, AMPLITUDES_OPTIONS, "State.fromAmplitudes");
    const batch = checkBatch(options.batch);
    let amps: Float64Array;
    if (amplitudes instanceof Float64Array) {
      amps = Float64Array.from(amplitudes);
      if (amps.length % 2 !== 0) {
        throw new ArgumentError(
          `State.fromAmplitudes: interleaved amplitudes need an even length, got ${amps.length}`,
        );
      }
    } else if (Array.isArray(amplitudes)) {
      amps = new Float64Array(2 * amplitudes.length);
      amplitudes.forEach((a: unknown, i: number) => {
        if (typeof a === "number") amps[2 * i] = a;
        else if (
          Array.isArray(a) &&
          a.length === 2 &&
          typeof a[0] === "number" &&
          typeof a[1] === "number"
        ) {
          amps[2 * i] = a[0];
          amps[2 * i + 1] = a[1];
        } else if (isComplexLike(a)) {
          amps[2 * i] = a.re;
          amps[2 * i + 1] = a.im;
        } else {
          throw new ArgumentError(
            `State.fromAmplitudes: amplitude ${i} = ${describe(a)} is not a number, a [re, im] pair or a complex { re, im }`,
          );
        }
      });
    } else {
      throw new ArgumentError(
        `State.fromAmplitudes: expected a Float64Array or an array, got ${describe(amplitudes)}`,
      );
    }
    const total = amps.length / 2;
    const dim = total / batch;
    const n = Math.log2(dim);
    if (!Number.isInteger(dim) || !Number.isInteger(n) || n < 1) {
      throw new ArgumentError(
        `State.fromAmplitudes: ${total} amplitudes for batch ${batch} is not batch * 2^n with n >= 1`,
      );
    }
    for (let i = 0; i < amps.length; i++) {
      if (!Number.isFinite(amps[i]))
        throw new ArgumentError(`State.fromAmplitudes: amplitude ${i >> 1} is not finite`);
    }
    for (let b = 0; b < batch; b++) {
      let norm = 0;
      for (let i = 2 * dim * b; i < 2 * dim * (b + 1); i++) norm += amps[i]! ** 2;
      if (options.normalize === true) {
        if (norm === 0)
          throw new ArgumentError(
            `State.fromAmplitudes: state ${b} is zero and cannot be normalized`,
          );
        const s = 1 / Math.sqrt(norm);
        for (let i = 2 * dim * b; i < 2 * dim * (b + 1); i++) amps[i]! *= s;
      } else if (Math.abs(norm - 1) > 1e-8) {
        throw new ArgumentError(
          `State.fromAmplitudes: state ${b} has squared norm ${norm}, expected 1 (pass { normalize: true } to rescale)`,
        );
      }
    }
    const backend = getBackend(options.backend);
    return new State(backend.fromArray(n, batch, amps), backend);
  }

  /** One interleaved state copied into every batch element. */
  private static fromInterleaved(n: number, one: Float64Array, options: StateOptions): State {
    const batch = checkBatch(options.batch);
    const backend = getBackend(options.backend);
    let amps = one;
    if (batch > 1) {
      amps = new Float64Array(one.length * batch);
      for (let b = 0; b < batch; b++) amps.set(one, b * one.length);
    }
    return new State(backend.fromArray(n, batch, amps), backend);
  }

  // --- readouts ------------------------------------------------------------------------------

  /**
   * Probabilities of the basis states of `qubits` (all when omitted), per batch element: length
   * `batch * 2^k`, `qubits[0]` the most significant bit of the outcome index.
   * @example
   * State.bell().probabilities(); // [0.5, 0, 0, 0.5]
   */
  probabilities(qubits?: readonly number[]): Float64Array {
    checkArity(arguments.length, 1, "State.probabilities");
    if (qubits !== undefined) checkQubitIndices(qubits, this.nQubits, "probabilities: qubits");
    const p = this.backend.probabilities(
      this.buffer,
      qubits === undefined ? undefined : [...qubits],
    );
    const br = this.branches;
    if (br === undefined) return p;
    const width = 2 ** (qubits?.length ?? this.nQubits);
    return foldBranches(p, br.records.length, br.dataBatch, width);
  }

  /** Rows the readers report: the data batch of a branch mixture, else the batch. */
  private get rows(): number {
    return this.branches?.dataBatch ?? this.batch;
  }

  /**
   * Samples `shots` measurements in the computational basis. Returns counts keyed by bitstring
   * (the measured qubits in the order of `qubits`, qubit 0 leftmost by default), only outcomes
   * that occurred; for `batch > 1` an array of counts, one per batch element. Seeded: the same
   * seed gives the same counts on every backend. The counts are one multinomial draw
   * (`sampleCounts`), so the cost does not grow with `shots` (a positive integer up to 2^53 - 1).
   * @example
   * State.bell().measure(1000, { seed: 1 }); // { "00": ~500, "11": ~500 }
   */
  measure(shots: number, options: MeasureOptions = {}): Counts | Counts[] {
    checkArity(arguments.length, 2, "State.measure");
    checkOptions(options, MEASURE_OPTIONS, "State.measure");
    const all = this.measureBatch(shots, options);
    return this.rows === 1 ? all[0]! : all;
  }

  /**
   * Like `measure`, always one counts object per batch element.
   * @example
   * State.zero(1, { batch: 2 }).measureBatch(10, { seed: 3 }); // [{ "0": 10 }, { "0": 10 }]
   */
  measureBatch(shots: number, options: MeasureOptions = {}): Counts[] {
    checkArity(arguments.length, 2, "State.measureBatch");
    checkOptions(options, MEASURE_OPTIONS, "State.measureBatch");
    checkShots(shots);
    const direct = bitReader(this.backend);
    if (direct !== undefined) {
      // mps: sequential conditional probabilities, no table of all outcomes
      const qubits = options.qubits ?? Array.from({ length: this.nQubits }, (_, q) => q);
      checkQubitIndices(qubits, this.nQubits, "measure: qubits");
      const rng = toRng(options.seed);
      return Array.from({ length: this.batch }, (_, b) =>
        direct.sampleCounts(this.buffer, qubits, shots, rng, b),
      );
    }
    return this.countsOf(this.probabilities(options.qubits), shots, options);
  }

  /**
   * `probabilities` on any backend, asynchronous ones (webgpu) included: computed where the
   * buffer lives and read back without blocking. On cpu it gives what `probabilities` gives.
   * @example
   * const p = await circuit.forward().probabilitiesAsync([0]); // batch * 2 values
   */
  async probabilitiesAsync(qubits?: readonly number[]): Promise<Float64Array> {
    checkArity(arguments.length, 1, "State.probabilitiesAsync");
    if (qubits !== undefined) checkQubitIndices(qubits, this.nQubits, "probabilitiesAsync: qubits");
    const gpu = asyncReader(this.backend);
    if (gpu === undefined) return this.probabilities(qubits);
    return gpu.probabilitiesAsync(this.buffer, qubits === undefined ? undefined : [...qubits]);
  }

  /**
   * `measure` on any backend: samples from the probabilities read back with
   * `probabilitiesAsync`, with the same seeded sampler, so a seed gives the same counts as
   * `measure` (up to float32 rounding of the probabilities on webgpu).
   * @example
   * const counts = await gpuState.measureAsync(1000, { seed: 1 });
   */
  async measureAsync(shots: number, options: MeasureOptions = {}): Promise<Counts | Counts[]> {
    checkArity(arguments.length, 2, "State.measureAsync");
    checkOptions(options, MEASURE_OPTIONS, "State.measureAsync");
    const all = await this.measureBatchAsync(shots, options);
    return this.rows === 1 ? all[0]! : all;
  }

  /**
   * `measureBatch` on any backend (see `measureAsync`).
   * @example
   * const perBatch = await gpuState.measureBatchAsync(100, { seed: 3 });
   */
  async measureBatchAsync(shots: number, options: MeasureOptions = {}): Promise<Counts[]> {
    checkArity(arguments.length, 2, "State.measureBatchAsync");
    checkOptions(options, MEASURE_OPTIONS, "State.measureBatchAsync");
    checkShots(shots);
    if (bitReader(this.backend) !== undefined) return this.measureBatch(shots, options);
    return this.countsOf(await this.probabilitiesAsync(options.qubits), shots, options);
  }

  /** Seeded multinomial counts from `probs` (batch blocks of 2^k), per batch element. */
  private countsOf(probs: Float64Array, shots: number, options: MeasureOptions): Counts[] {
    const k = options.qubits?.length ?? this.nQubits;
    const dim = 2 ** k;
    const rng = toRng(options.seed);
    const out: Counts[] = [];
    for (let b = 0; b < this.rows; b++) {
      out.push(countsFromTally(sampleCounts(probs, shots, rng, b * dim, dim), k));
    }
    return out;
  }

  /**
   * <psi|H|psi> for a Pauli sum (a `Hamiltonian`) of a single state (batch 1): exact by
   * default; with `shots`, estimated as hardware would, one basis-rotated measurement per
   * qubit-wise commuting group of terms, `shots` samples each.
   * @example
   * State.zero(2).expecVal(Hamiltonian.fromString("Z0 + 0.5 X1")); // 1
   */
  expecVal(h: PauliSum, options: ExpecValOptions = {}): number {
    checkArity(arguments.length, 2, "State.expecVal");
    checkOptions(options, EXPEC_VAL_OPTIONS, "State.expecVal");
    if (this.rows !== 1) {
      throw new ShapeError(
        `State.expecVal: the state has batch ${this.rows}; use expecValBatch for batched states`,
      );
    }
    return this.expecValBatch(h, options)[0]!;
  }

  /**
   * <psi_b|H|psi_b> for every batch element (see `expecVal`).
   * @example
   * State.zero(1, { batch: 2 }).expecValBatch(Hamiltonian.fromString("Z0")); // [1, 1]
   */
  expecValBatch(h: PauliSum, options: ExpecValOptions = {}): Float64Array {
    checkArity(arguments.length, 2, "State.expecValBatch");
    checkOptions(options, EXPEC_VAL_OPTIONS, "State.expecValBatch");
    const terms = checkTerms(h, this.nQubits);
    const br = this.branches;
    if (br !== undefined) {
      if (options.shots !== undefined)
        throw new ArgumentError(
          "expecVal: shots on a branch mixture; sample the circuit instead: circuit.forward(state, data, { shots, seed })",
        );
      const v = this.backend.expectationPauliSum(this.buffer, terms);
      return foldBranches(v, br.records.length, br.dataBatch, 1);
    }
    if (options.shots === undefined) return this.backend.expectationPauliSum(this.buffer, terms);
    checkShots(options.shots, "expecVal: shots");
    return this.sampledExpectation(terms, options.shots, toRng(options.seed));
  }

  private sampledExpectation(terms: readonly PauliTerm[], shots: number, rng: Rng): Float64Array {
    const { out, groups } = this.shotGroups(terms);
    for (const g of groups) {
      const rotated = this.rotatedTo(g);
      try {
        g.accumulate(out, this.backend.probabilities(rotated, g.qubits), shots, rng);
      } finally {
        this.backend.free(rotated);
      }
    }
    return out;
  }

  /** `sampledExpectation` reading each group's probabilities back asynchronously (webgpu). */
  private async sampledExpectationAsync(
    gpu: AsyncReadBackend,
    terms: readonly PauliTerm[],
    shots: number,
    rng: Rng,
  ): Promise<Float64Array> {
    const { out, groups } = this.shotGroups(terms);
    for (const g of groups) {
      const rotated = this.rotatedTo(g);
      try {
        g.accumulate(out, await gpu.probabilitiesAsync(rotated, g.qubits), shots, rng);
      } finally {
        this.backend.free(rotated);
      }
    }
    return out;
  }

  /**
   * The shot estimate's plan: constant terms summed into `out`, the others in qubit-wise
   * commuting groups, each with its measured qubits, basis (X or Y per qubit) and the sampling
   * that turns its outcome probabilities into term estimates.
   */
  private shotGroups(terms: readonly PauliTerm[]): { out: Float64Array; groups: ShotGroup[] } {
    const out = new Float64Array(this.batch);
    const active: number[] = [];
    for (let t = 0; t < terms.length; t++) {
      if (terms[t]!.qubits.length === 0)
        for (let b = 0; b < this.batch; b++) out[b]! += terms[t]!.coefficient;
      else active.push(t);
    }
    const batch = this.batch;
    const groups = groupQubitWiseCommuting(active.map((t) => terms[t]!)).map((group) => {
      const members = group.map((i) => terms[active[i]!]!);
      const basis = new Map<number, string>();
      for (const p of members) {
        for (let k = 0; k < p.qubits.length; k++) basis.set(p.qubits[k]!, p.letters[k]!);
      }
      const qubits = [...basis.keys()].sort((a, b) => a - b);
      const dim = 2 ** qubits.length;
      const masks = members.map((p) =>
        p.qubits.reduce((m, q) => m | (1 << (qubits.length - 1 - qubits.indexOf(q))), 0),
      );
      const accumulate = (acc: Float64Array, probs: Float64Array, shots: number, rng: Rng) => {
        for (let b = 0; b < batch; b++) {
          const counts = sampleCounts(probs, shots, rng, b * dim, dim);
          for (let t = 0; t < members.length; t++) {
            let sum = 0;
            for (let x = 0; x < dim; x++) {
              if (counts[x]! > 0) sum += parity(x & masks[t]!) ? -counts[x]! : counts[x]!;
            }
            acc[b]! += members[t]!.coefficient * (sum / shots);
          }
        }
      };
      return { qubits, basis, accumulate };
    });
    return { out, groups };
  }

  /** A copy of this state rotated so that the group's X and Y factors are measured in Z. */
  private rotatedTo(g: ShotGroup): StateBuffer {
    return rotatedToPauliBasis(this.backend, this.buffer, g.qubits, (q) => g.basis.get(q));
  }

  /**
   * <this|other> per batch element, interleaved complex (length 2 * batch).
   * @example
   * State.zero(1).innerProduct(State.basis(1, 1)); // [0, 0]
   */
  innerProduct(other: State): Float64Array {
    checkArity(arguments.length, 1, "State.innerProduct");
    if (!(other instanceof State))
      throw new ArgumentError(`innerProduct: other must be a State, got ${describe(other)}`);
    if (other.nQubits !== this.nQubits || other.batch !== this.batch) {
      throw new ShapeError(
        `innerProduct: states have ${this.nQubits} qubits x batch ${this.batch} and ${other.nQubits} x ${other.batch}`,
      );
    }
    if (other.backend !== this.backend) {
      throw new ArgumentError(
        `innerProduct: states live on backends ${this.backend.name} and ${other.backend.name}`,
      );
    }
    return this.backend.innerProduct(this.buffer, other.buffer);
  }

  /**
   * The tensor product |this> (x) |other> (this state's qubits first). Batches must be equal,
   * or one of them 1 (broadcast).
   * @example
   * State.zero(1).kron(State.basis(1, 1)); // |01>
   */
  kron(other: State): State {
    checkArity(arguments.length, 1, "State.kron");
    if (!(other instanceof State))
      throw new ArgumentError(`kron: other must be a State, got ${describe(other)}`);
    const batch = Math.max(this.batch, other.batch);
    if (
      (this.batch !== batch && this.batch !== 1) ||
      (other.batch !== batch && other.batch !== 1)
    ) {
      throw new ShapeError(`kron: batches ${this.batch} and ${other.batch} do not broadcast`);
    }
    const a = this.toArray();
    const bArr = other.toArray();
    const da = 2 ** this.nQubits;
    const db = 2 ** other.nQubits;
    const out = new Float64Array(2 * da * db * batch);
    for (let e = 0; e < batch; e++) {
      const oa = this.batch === 1 ? 0 : e * da;
      const ob = other.batch === 1 ? 0 : e * db;
      for (let i = 0; i < da; i++) {
        const ar = a[2 * (oa + i)]!;
        const ai = a[2 * (oa + i) + 1]!;
        for (let j = 0; j < db; j++) {
          const br = bArr[2 * (ob + j)]!;
          const bi = bArr[2 * (ob + j) + 1]!;
          const k = 2 * (e * da * db + i * db + j);
          out[k] = ar * br - ai * bi;
          out[k + 1] = ar * bi + ai * br;
        }
      }
    }
    return new State(
      this.backend.fromArray(this.nQubits + other.nQubits, batch, out),
      this.backend,
    );
  }

  /**
   * exp(-i t H) |psi> for every batch element, exact to `options.tol` (default 1e-12, on
   * ||psi_t - exp(-i t H) psi||), by a Krylov (Lanczos) exponential on the Pauli sum: H is applied
   * term by term, never formed as a matrix, so it runs at any size the backend holds. H must be
   * Hermitian (real coefficients) on this state's qubits. Differentiable in the state and in t
   * (pass t as a one-element float64 tensor). `krylovEvolve` also returns the error estimate.
   * @example
   * const H = Hamiltonian.fromString("X0 X1 + Y0 Y1 + Z0 Z1");
   * const psi = State.basis(2, "01").evolve(H, 0.5); // exact, no Trotter error
   */
  evolve(h: PauliSum, t: EvolutionTime, options: EvolveOptions = {}): State {
    const terms = hermitianTerms(h, this.nQubits, "State.evolve");
    const wrap = (buffer: StateBuffer): State => new State(buffer, this.backend);
    return evolveValue(this, terms, t, options, wrap, "State.evolve").value;
  }

  /**
   * An independent copy (same backend).
   * @example
   * const copy = s.clone();
   */
  clone(): State {
    checkArity(arguments.length, 0, "State.clone");
    return new State(this.backend.clone(this.buffer), this.backend);
  }

  /**
   * The amplitudes as a complex128 tensor [batch, 2^n], differentiable: gradients flow back to
   * whatever produced this state (a circuit's parameters, ...).
   * @example
   * const amps = circuit.forward().toTensor();
   */
  toTensor(): Tensor {
    checkArity(arguments.length, 0, "State.toTensor");
    const dim = 2 ** this.nQubits;
    return customOp({
      name: "State.toTensor",
      inputs: [this],
      forward: () => fromData(this.toArray(), [this.batch, dim], "complex128"),
      backward: (grad: Tensor) => [grad],
    });
  }

  /**
   * `toTensor` on any backend (the amplitudes read back without blocking on webgpu), differentiable
   * like `toTensor`: backpropagate with `await runBackwardAsync(loss)` when the state comes from a
   * circuit on webgpu.
   * @example
   * const amps = await circuit.forward().toTensorAsync();
   */
  async toTensorAsync(): Promise<Tensor> {
    const dim = 2 ** this.nQubits;
    const amps = await this.toArrayAsync();
    return customOp({
      name: "State.toTensor",
      inputs: [this],
      forward: () => fromData(amps, [this.batch, dim], "complex128"),
      backward: (grad: Tensor) => [grad],
    });
  }

  /**
   * A state from a complex128 tensor [batch, 2^n] (or [2^n]), differentiable: the gradient for
   * the state reaches the tensor. The amplitudes are used as given (no normalization check).
   * @example
   * const psi = State.fromTensor(tensor([[1, 0], [0, 0]], { dtype: "complex128" }).reshape([1, 2]));
   */
  static fromTensor(t: Tensor, options: StateOptions = {}): State {
    checkArity(arguments.length, 2, "State.fromTensor");
    checkOptions(options, STATE_OPTIONS, "State.fromTensor");
    if (!(t instanceof Tensor))
      throw new ArgumentError(`State.fromTensor: expected a complex128 tensor, got ${describe(t)}`);
    if (t.dtype !== "complex128")
      throw new ArgumentError(`State.fromTensor: expected a complex128 tensor, got ${t.dtype}`);
    const dim = t.shape[t.shape.length - 1] ?? 0;
    const n = Math.log2(dim);
    const batch = t.shape.length === 1 ? 1 : t.size / dim;
    if (!Number.isInteger(n) || n < 1 || t.shape.length > 2) {
      throw new ShapeError(
        `State.fromTensor: expected shape [batch, 2^n] or [2^n], got [${t.shape.join(", ")}]`,
      );
    }
    const backend = getBackend(options.backend);
    const shape = [...t.shape];
    return customOp({
      name: "State.fromTensor",
      inputs: [t],
      forward: () => new State(backend.fromArray(n, batch, Float64Array.from(t.data)), backend),
      backward: (grad: Tensor) => [fromData(grad.data, shape, "complex128")],
    });
  }

  /**
   * The amplitudes as a flat `Float64Array`: interleaved (re, im), batch-major, length
   * `2 * batch * 2^n` (a copy).
   * @example
   * State.zero(1).toArray(); // Float64Array [1, 0, 0, 0]
   */
  toArray(): Float64Array {
    checkArity(arguments.length, 0, "State.toArray");
    return this.backend.toArray(this.buffer);
  }

  /**
   * `toArray` on any backend, asynchronous ones (webgpu) included.
   * @example
   * const amps = await circuit.forward().toArrayAsync();
   */
  async toArrayAsync(): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    return gpu === undefined ? this.toArray() : gpu.toArrayAsync(this.buffer);
  }

  /**
   * `expecValBatch` on any backend: <psi_b|H|psi_b> per batch element, exact or (with `shots`)
   * estimated from seeded samples as `expecValBatch` does: the same seed gives the same estimate
   * up to float32 rounding of the probabilities (each group's marginal is folded on the GPU).
   * @example
   * const e = await gpuState.expecValBatchAsync(Hamiltonian.fromString("Z0 Z1"), { shots: 1000, seed: 1 });
   */
  async expecValBatchAsync(h: PauliSum, options: ExpecValOptions = {}): Promise<Float64Array> {
    checkArity(arguments.length, 2, "State.expecValBatchAsync");
    checkOptions(options, EXPEC_VAL_OPTIONS, "State.expecValBatchAsync");
    const gpu = asyncReader(this.backend);
    if (gpu === undefined) return this.expecValBatch(h, options);
    const terms = checkTerms(h, this.nQubits);
    if (options.shots === undefined) return gpu.expectationPauliSumAsync(this.buffer, terms);
    checkShots(options.shots, "expecVal: shots");
    return this.sampledExpectationAsync(gpu, terms, options.shots, toRng(options.seed));
  }

  /**
   * `normSquared` on any backend.
   * @example
   * await gpuState.normSquaredAsync(); // ~[1]
   */
  async normSquaredAsync(): Promise<Float64Array> {
    const gpu = asyncReader(this.backend);
    return gpu === undefined ? this.normSquared() : gpu.normSquaredAsync(this.buffer);
  }

  /**
   * The amplitude <x|psi> of one basis state, as a complex.js `Complex`: `x` is a bitstring
   * (qubit 0 leftmost, `"10"` is qubit 0 in 1) or a basis index (qubit 0 the most significant
   * bit), a `bigint` above 53 qubits (a number index is refused there: it cannot be exact);
   * `b` picks the batch element (default 0). Dense backends read the state back
   * (`amplitudeAsync` on asynchronous ones); the mps backend contracts the one amplitude.
   * @example
   * State.bell().amplitude("11"); // Complex { re: 0.7071067811865475, im: 0 }
   * State.bell().amplitude(3).abs() ** 2; // 0.5
   */
  amplitude(x: string | number | bigint, b = 0): Complex {
    const direct = bitReader(this.backend);
    if (direct !== undefined) {
      const bits = basisBits(x, this.nQubits);
      checkBatchIndex(b, this.batch);
      const [re, im] = direct.amplitudeOf(this.buffer, bits, b);
      return new Complex(re, im);
    }
    const k = this.amplitudeOffset(x, b);
    const a = this.toArray();
    return new Complex(a[k]!, a[k + 1]!);
  }

  /**
   * The accumulated truncation error of each batch element: the weight (sum of squared singular
   * values, relative) that the mps backend dropped to keep its bond dimensions; 0 for dense
   * backends, which never truncate. 1 - fidelity with the exact state is about this much.
   * @example
   * circuit.forward().truncationError; // Float64Array [0] without truncation
   */
  get truncationError(): Float64Array {
    const direct = bitReader(this.backend);
    return direct === undefined
      ? new Float64Array(this.batch)
      : direct.truncationError(this.buffer);
  }

  /**
   * `amplitude` on any backend, asynchronous ones (webgpu) included.
   * @example
   * const a = await circuit.forward().amplitudeAsync("000");
   */
  async amplitudeAsync(x: string | number | bigint, b = 0): Promise<Complex> {
    if (bitReader(this.backend) !== undefined) return this.amplitude(x, b);
    const k = this.amplitudeOffset(x, b);
    const a = await this.toArrayAsync();
    return new Complex(a[k]!, a[k + 1]!);
  }

  /** The offset of amplitude `x` of batch element `b` in the interleaved array, validated. */
  private amplitudeOffset(x: string | number | bigint, b: number): number {
    const n = this.nQubits;
    const dim = 2 ** n;
    let i: number;
    if (typeof x === "bigint") {
      if (x < 0n || x >= 1n << BigInt(n))
        throw new ArgumentError(
          `amplitude: index ${x} out of range [0, 2^${n} - 1] for ${n} qubits`,
        );
      i = Number(x);
    } else if (typeof x === "string") {
      if (x.length !== n || !/^[01]+$/.test(x))
        throw new ArgumentError(
          `amplitude: bitstring ${describe(x)} must have ${n} characters 0 or 1 (qubit 0 first)`,
        );
      i = Number.parseInt(x, 2);
    } else if (Number.isInteger(x) && x >= 0 && x < dim) i = x;
    else
      throw new ArgumentError(
        `amplitude: expected a bitstring of ${n} bits or a basis index in [0, ${dim - 1}], got ${describe(x)}`,
      );
    if (!Number.isInteger(b) || b < 0 || b >= this.batch)
      throw new ArgumentError(
        `amplitude: batch index ${describe(b)} out of range [0, ${this.batch - 1}]`,
      );
    return 2 * (b * dim + i);
  }

  /**
   * The amplitudes as an ndarray (scijs) of shape [batch, 2^n, 2] over a copy: the trailing
   * dimension holds the real (0) and imaginary (1) part, so amplitude i of batch element b is
   * `a.get(b, i, 0)` + i `a.get(b, i, 1)`; basis index i has qubit 0 as its most significant bit.
   * @example
   * const a = State.bell().toNdarray();
   * a.get(0, 3, 0); // 0.7071067811865475 (the real part of <11|psi>)
   */
  toNdarray(): NdArray<Float64Array> {
    return ndarray(this.toArray(), [this.batch, 2 ** this.nQubits, 2]);
  }

  /**
   * The amplitudes of batch element `b` as [re, im] pairs.
   * @example
   * State.zero(1).amplitudes(); // [[1, 0], [0, 0]]
   */
  amplitudes(b = 0): [number, number][] {
    checkArity(arguments.length, 1, "State.amplitudes");
    if (!Number.isInteger(b) || b < 0 || b >= this.batch) {
      throw new ArgumentError(
        `amplitudes: batch index ${describe(b)} out of range [0, ${this.batch - 1}]`,
      );
    }
    const a = this.toArray();
    const dim = 2 ** this.nQubits;
    const out: [number, number][] = [];
    for (let i = 0; i < dim; i++) out.push([a[2 * (b * dim + i)]!, a[2 * (b * dim + i) + 1]!]);
    return out;
  }

  /**
   * <psi|psi> per batch element.
   * @example
   * State.random(2, { seed: 1 }).normSquared(); // Float64Array [1]
   */
  normSquared(): Float64Array {
    checkArity(arguments.length, 0, "State.normSquared");
    return this.backend.normSquared(this.buffer);
  }

  /**
   * Releases the backend buffer; the state must not be used afterwards.
   * @example
   * s.free();
   */
  free(): void {
    this.backend.free(this.buffer);
  }
}

/** What a backend without dense vectors (mps) offers for single amplitudes and samples. */
interface BitReader {
  amplitudeOf(buf: StateBuffer, bits: Uint8Array, b: number): [number, number];
  sampleCounts(
    buf: StateBuffer,
    qubits: readonly number[],
    shots: number,
    rng: Rng,
    b: number,
  ): Counts;
  truncationError(buf: StateBuffer): Float64Array;
}

function bitReader(backend: Backend): BitReader | undefined {
  const r = backend as Partial<BitReader>;
  return typeof r.amplitudeOf === "function" &&
    typeof r.sampleCounts === "function" &&
    typeof r.truncationError === "function"
    ? (r as BitReader)
    : undefined;
}

/** The bits of basis state `x` (a bitstring, a safe index below 2^53 or a bigint), qubit 0 first. */
function basisBits(x: string | number | bigint, n: number): Uint8Array {
  const bits = new Uint8Array(n);
  if (typeof x === "string") {
    if (x.length !== n || !/^[01]+$/.test(x))
      throw new ArgumentError(
        `amplitude: bitstring ${describe(x)} must have ${n} characters 0 or 1 (qubit 0 first)`,
      );
    for (let q = 0; q < n; q++) bits[q] = x.charCodeAt(q) - 48;
    return bits;
  }
  let v: bigint;
  if (typeof x === "bigint") v = x;
  else if (typeof x === "number" && Number.isInteger(x) && x >= 0 && n <= 53 && x < 2 ** n)
    v = BigInt(x);
  else
    throw new ArgumentError(
      n > 53
        ? `amplitude: a number cannot index the basis of ${n} qubits exactly; pass a bitstring of ${n} bits or a bigint, got ${describe(x)}`
        : `amplitude: expected a bitstring of ${n} bits or a basis index in [0, ${2 ** n - 1}], got ${describe(x)}`,
    );
  if (v < 0n || v >= 1n << BigInt(n))
    throw new ArgumentError(`amplitude: index ${v} out of range [0, 2^${n} - 1]`);
  for (let q = n - 1; q >= 0; q--) {
    bits[q] = Number(v & 1n);
    v >>= 1n;
  }
  return bits;
}

function checkBatchIndex(b: number, batch: number): void {
  if (!Number.isInteger(b) || b < 0 || b >= batch)
    throw new ArgumentError(`amplitude: batch index ${describe(b)} out of range [0, ${batch - 1}]`);
}

function parity(x: number): boolean {
  let p = 0;
  while (x) {
    p ^= 1;
    x &= x - 1;
  }
  return p === 1;
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

function checkTerms(h: PauliSum, nQubits: number): readonly PauliTerm[] {
  if (h === null || typeof h !== "object" || !Array.isArray(h.terms)) {
    throw new ArgumentError(
      `expecVal: H must be a Hamiltonian (an object with Pauli terms), got ${describe(h)}`,
    );
  }
  for (const t of h.terms) {
    for (const q of t.qubits) {
      if (q >= nQubits) {
        throw new ArgumentError(
          `expecVal: the Hamiltonian acts on qubit ${q}, but the state has ${nQubits} qubits`,
        );
      }
    }
  }
  return h.terms;
}
