/**
 * The `mps` backend: states as matrix product states, for circuits of 50-100 qubits whose
 * entanglement stays low (shallow or one-dimensional circuits). Bond dimensions are capped by
 * `maxBondDimension` and singular values dropped up to `cutoff`; what is dropped adds to each
 * state's `truncationError`.
 *
 * What it implements of `Backend`: gates (dense, diagonal, permutation, with controls) on at
 * most 2 qubits in all (neighbours directly, others through a swap network), Pauli strings,
 * Pauli rotations on any number of qubits, Pauli-sum expectations and H|psi> (through the
 * sum's MPO), inner products, norms, scale and axpy (sums recompressed), probabilities of at
 * most 30 qubits, dense copies in and out of at most 30 qubits. Beyond that (3-qubit gates,
 * full state vectors above 30 qubits) it throws a BackendError or ResourceError that says so
 * and names the dense backend. Besides: amplitudes of chosen bitstrings, seeded sampling and the
 * most probable outcomes without a dense vector, entanglement entropies and bond dimensions.
 */
import { ArgumentError, BackendError, describe, ResourceError, ShapeError } from "../../errors.js";
import type { Rng } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { AllocationStats, Backend, PauliString, PauliTerm, StateBuffer } from "../backend.js";
import { Mps, mpsSum, type TruncationLimits } from "./mps.js";
import {
  type LikelyOutcome,
  marginalProbabilities,
  mostProbableOutcomes,
  sampleOutcomes,
} from "./outcomes.js";
import { OverlapEnvironments } from "./overlap.js";
import { applyMpo, expectationPauliSum, pauliMatrix, pauliSumMpo } from "./pauli-mpo.js";

/** Options of `new MpsBackend(...)`. */
export interface MpsBackendOptions {
  /** The largest bond dimension kept by a truncation (an integer >= 1; default: no limit). */
  maxBondDimension?: number;
  /**
   * The weight (sum of squared singular values, relative) a truncation may drop, in [0, 1)
   * (default 0: only rounding noise, below 1e-14 of the largest singular value, is dropped).
   */
  cutoff?: number;
}

/** The keys of `MpsBackendOptions`. */
export const MPS_BACKEND_OPTIONS = optionKeys<MpsBackendOptions>({
  maxBondDimension: true,
  cutoff: true,
});

/** The most qubits whose dense vector (or full probability table) the backend hands out. */
export const MPS_DENSE_LIMIT = 30;

/** A batch of matrix product states. */
export class MpsStateBuffer implements StateBuffer {
  readonly backend = "mps";
  freed = false;
  constructor(
    readonly nQubits: number,
    readonly batch: number,
    public states: Mps[],
  ) {}
}

const SUGGEST = 'use the dense state vector instead (backend: "cpu")';

/**
 * Matrix product state simulation behind the `Backend` seam (registered as `"mps"` with the
 * default options; construct one for other limits).
 * @example
 * const mps = new MpsBackend({ maxBondDimension: 64 });
 * const c = new Circuit(60, { backend: mps });
 * c.h(0);
 * for (let q = 0; q < 59; q++) c.cnot([q, q + 1]);
 * c.forward().amplitude("1".repeat(60)); // Complex { re: 0.7071..., im: 0 }
 */
export class MpsBackend implements Backend {
  readonly name = "mps";
  /** Fusion: circuits reach this backend in blocks of at most 2 qubits. */
  readonly maxFusedQubits = 2;
  /** Gradients with respect to its states travel as states of this backend, not dense tensors. */
  readonly stateCotangents = true;
  /** The truncation every state of this backend gets. */
  readonly limits: TruncationLimits;
  private counts = { allocated: 0, live: 0, peakLive: 0 };
  private readonly liveBuffers = new Set<MpsStateBuffer>();

  constructor(options: MpsBackendOptions = {}) {
    checkArity(arguments.length, 1, "MpsBackend");
    checkOptions(options, MPS_BACKEND_OPTIONS, "MpsBackend");
    const maxBond = options.maxBondDimension ?? Number.POSITIVE_INFINITY;
    if (
      typeof maxBond !== "number" ||
      !(maxBond === Number.POSITIVE_INFINITY || (Number.isInteger(maxBond) && maxBond >= 1))
    ) {
      throw new ArgumentError(
        `MpsBackend: maxBondDimension must be an integer >= 1, got ${describe(maxBond)}`,
      );
    }
    const cutoff = options.cutoff ?? 0;
    if (typeof cutoff !== "number" || !(cutoff >= 0 && cutoff < 1)) {
      throw new ArgumentError(`MpsBackend: cutoff must be in [0, 1), got ${describe(cutoff)}`);
    }
    this.limits = { maxBond, cutoff };
  }

  // --- buffers -------------------------------------------------------------------------------

  zeros(nQubits: number, batch = 1): StateBuffer {
    checkShape(nQubits, batch);
    return this.track(
      new MpsStateBuffer(
        nQubits,
        batch,
        repeat(batch, () => Mps.zero(nQubits)),
      ),
    );
  }

  fromArray(nQubits: number, batch: number, amplitudes: Float64Array): StateBuffer {
    checkShape(nQubits, batch);
    denseAllowed(nQubits, "fromArray: a dense state");
    const dim = 2 ** nQubits;
    if (!(amplitudes instanceof Float64Array) || amplitudes.length !== 2 * dim * batch) {
      throw new ShapeError(
        `fromArray: expected a Float64Array of ${2 * dim * batch} numbers for ${batch} states of ${nQubits} qubits, got ${describe(amplitudes)}`,
      );
    }
    const states = repeat(batch, (b) =>
      Mps.fromDense(nQubits, amplitudes.subarray(2 * dim * b, 2 * dim * (b + 1))),
    );
    return this.track(new MpsStateBuffer(nQubits, batch, states));
  }

  toArray(buf: StateBuffer): Float64Array {
    const m = this.own(buf);
    denseAllowed(m.nQubits, "toArray: the full state vector");
    const dim = 2 ** m.nQubits;
    const out = new Float64Array(2 * dim * m.batch);
    m.states.forEach((s, b) => {
      out.set(s.toDense(), 2 * dim * b);
    });
    return out;
  }

  clone(buf: StateBuffer): StateBuffer {
    const m = this.own(buf);
    return this.track(
      new MpsStateBuffer(
        m.nQubits,
        m.batch,
        m.states.map((s) => s.clone()),
      ),
    );
  }

  copyInto(dst: StateBuffer, src: StateBuffer): void {
    const d = this.own(dst);
    const s = this.own(src);
    sameShape(d, s, "copyInto");
    d.states = s.states.map((x) => x.clone());
  }

  broadcast(buf: StateBuffer, batch: number): StateBuffer {
    const m = this.own(buf);
    if (m.batch !== 1) throw new ArgumentError(`broadcast: the buffer has batch ${m.batch}, not 1`);
    return this.track(
      new MpsStateBuffer(
        m.nQubits,
        batch,
        repeat(batch, () => m.states[0]!.clone()),
      ),
    );
  }

  free(buf: StateBuffer): void {
    const m = this.own(buf);
    m.freed = true;
    m.states = [];
    if (this.liveBuffers.delete(m)) this.counts.live--;
  }

  stats(): AllocationStats {
    let liveBytes = 0;
    for (const b of this.liveBuffers) for (const s of b.states) liveBytes += s.bytes();
    return { ...this.counts, liveBytes };
  }

  resetStats(): void {
    this.counts = { allocated: 0, live: this.counts.live, peakLive: this.counts.live };
  }

  // --- gates ---------------------------------------------------------------------------------

  applyDense(
    buf: StateBuffer,
    targets: readonly number[],
    matrix: Float64Array,
    controls: readonly number[] = [],
  ): void {
    const m = this.own(buf);
    const size = 2 * 4 ** targets.length;
    const perBatch = matrix.length === size * m.batch && m.batch > 1;
    if (matrix.length !== size && !perBatch) {
      throw new ArgumentError(
        `applyDense: a matrix on ${targets.length} qubits needs ${size} or ${size * m.batch} numbers, got ${matrix.length}`,
      );
    }
    m.states.forEach((s, b) => {
      const one = perBatch ? matrix.subarray(b * size, (b + 1) * size) : matrix;
      this.applyOn(
        s,
        [...controls, ...targets],
        withControls(one, targets.length, controls.length),
      );
    });
  }

  applyDiagonal(
    buf: StateBuffer,
    targets: readonly number[],
    diagonal: Float64Array,
    controls?: readonly number[],
  ): void {
    const d = 2 ** targets.length;
    const m = this.own(buf);
    const sets = diagonal.length / (2 * d);
    const dense = new Float64Array(2 * d * d * sets);
    for (let b = 0; b < sets; b++) {
      for (let i = 0; i < d; i++) {
        dense[2 * (b * d * d + i * d + i)] = diagonal[2 * (b * d + i)]!;
        dense[2 * (b * d * d + i * d + i) + 1] = diagonal[2 * (b * d + i) + 1]!;
      }
    }
    this.applyDense(m, targets, dense, controls);
  }

  applyPermutation(
    buf: StateBuffer,
    targets: readonly number[],
    perm: Int32Array,
    phases?: Float64Array,
    controls?: readonly number[],
  ): void {
    const d = 2 ** targets.length;
    const dense = new Float64Array(2 * d * d);
    for (let i = 0; i < d; i++) {
      dense[2 * (perm[i]! * d + i)] = phases === undefined ? 1 : phases[2 * i]!;
      dense[2 * (perm[i]! * d + i) + 1] = phases === undefined ? 0 : phases[2 * i + 1]!;
    }
    this.applyDense(buf, targets, dense, controls);
  }

  applyPauliString(
    buf: StateBuffer,
    pauli: PauliString,
    coefficient: readonly [number, number] = [1, 0],
  ): void {
    for (const s of this.own(buf).states) {
      pauli.qubits.forEach((q, i) => {
        s.apply1(q, pauliMatrix(pauli.letters[i]!), true);
      });
      if (coefficient[0] !== 1 || coefficient[1] !== 0) s.scale(coefficient[0], coefficient[1]);
    }
  }

  applyPauliRotation(buf: StateBuffer, pauli: PauliString, thetas: Float64Array): void {
    const m = this.own(buf);
    const k = pauli.qubits.length;
    m.states = m.states.map((s, b) => {
      const theta = thetas.length === 1 ? thetas[0]! : thetas[b]!;
      const c = Math.cos(theta / 2);
      const sn = Math.sin(theta / 2);
      if (k === 0) {
        s.scale(c, -sn);
        return s;
      }
      if (k <= 2) {
        // cos I - i sin P as one dense gate
        const p = kronPaulis(pauli);
        const d = 2 ** k;
        const g = new Float64Array(2 * d * d);
        for (let i = 0; i < d * d; i++) {
          g[2 * i] = sn * p[2 * i + 1]!;
          g[2 * i + 1] = -sn * p[2 * i]!;
        }
        for (let i = 0; i < d; i++) g[2 * (i * d + i)]! += c;
        this.applyOn(s, pauli.qubits, g);
        return s;
      }
      // a longer string: cos |psi> - i sin P|psi>, the sum recompressed
      const ps = s.clone();
      pauli.qubits.forEach((q, i) => {
        ps.apply1(q, pauliMatrix(pauli.letters[i]!), true);
      });
      const out = mpsSum(s, [c, 0], ps, [0, -sn]);
      out.compress(this.limits);
      return out;
    });
  }

  /** A dense gate on 1 or 2 qubits (list[0] the most significant bit of the matrix index). */
  private applyOn(s: Mps, qubits: readonly number[], g: Float64Array): void {
    if (qubits.length === 1) s.apply1(qubits[0]!, g, isUnitary(g, 2));
    else if (qubits.length === 2) s.apply2(qubits[0]!, qubits[1]!, g, isUnitary(g, 4), this.limits);
    else {
      throw new BackendError(
        `mps backend: gates on at most 2 qubits (controls included), got one on qubits [${qubits.join(", ")}]; decompose it into 1- and 2-qubit gates or ${SUGGEST}`,
      );
    }
  }

  // --- reductions ----------------------------------------------------------------------------

  applyPauliSum(out: StateBuffer, buf: StateBuffer, terms: readonly PauliTerm[]): void {
    const o = this.own(out);
    const m = this.own(buf);
    sameShape(o, m, "applyPauliSum");
    const mpo = pauliSumMpo(m.nQubits, terms);
    o.states = m.states.map((s) => {
      const h = applyMpo(mpo, s);
      h.compress(this.limits);
      return h;
    });
  }

  expectationPauli(buf: StateBuffer, pauli: PauliString): Float64Array {
    return this.expectationPauliSum(buf, [{ ...pauli, coefficient: 1 }]);
  }

  expectationPauliSum(buf: StateBuffer, terms: readonly PauliTerm[]): Float64Array {
    return Float64Array.from(this.own(buf).states, (s) => expectationPauliSum(s, terms));
  }

  probabilities(buf: StateBuffer, qubits?: readonly number[]): Float64Array {
    const m = this.own(buf);
    const qs = qubits ?? Array.from({ length: m.nQubits }, (_, q) => q);
    if (qs.length > MPS_DENSE_LIMIT) {
      throw new ResourceError(
        `probabilities: the table of all 2^${qs.length} outcomes of ${qs.length} qubits is too large (at most ${MPS_DENSE_LIMIT} qubits); ask for the marginals of a few qubits (probabilities([0, 1])), the amplitudes of chosen bitstrings, or samples (measure)`,
      );
    }
    const d = 2 ** qs.length;
    const out = new Float64Array(d * m.batch);
    m.states.forEach((s, b) => {
      out.set(marginalProbabilities(s, qs), b * d);
    });
    return out;
  }

  innerProduct(a: StateBuffer, b: StateBuffer): Float64Array {
    const x = this.own(a);
    const y = this.own(b);
    sameShape(x, y, "innerProduct");
    const out = new Float64Array(2 * x.batch);
    x.states.forEach((s, i) => {
      out.set(s.inner(y.states[i]!), 2 * i);
    });
    return out;
  }

  normSquared(buf: StateBuffer): Float64Array {
    return Float64Array.from(this.own(buf).states, (s) => s.norm2());
  }

  scale(buf: StateBuffer, factors: Float64Array): void {
    this.own(buf).states.forEach((s, b) => {
      const o = factors.length === 2 ? 0 : 2 * b;
      s.scale(factors[o]!, factors[o + 1]!);
    });
  }

  axpy(dst: StateBuffer, alpha: Float64Array, src: StateBuffer): void {
    const d = this.own(dst);
    const s = this.own(src);
    sameShape(d, s, "axpy");
    d.states = d.states.map((x, b) => {
      const o = alpha.length === 2 ? 0 : 2 * b;
      const sum = mpsSum(x, [1, 0], s.states[b]!, [alpha[o]!, alpha[o + 1]!]);
      sum.compress(this.limits);
      return sum;
    });
  }

  /**
   * M[i][j] = sum_r conj(a[i, r]) b[j, r] on one or two qubits, per batch element, from
   * environments cached per pair of states (the adjoint sweep's fast path).
   */
  overlapMatrix(a: StateBuffer, b: StateBuffer, qubits: readonly number[]): Float64Array {
    const x = this.own(a);
    const y = this.own(b);
    sameShape(x, y, "overlapMatrix");
    if (qubits.length < 1 || qubits.length > 2) {
      throw new BackendError(
        `mps backend: overlapMatrix takes 1 or 2 qubits, got [${qubits.join(", ")}]; ${SUGGEST}`,
      );
    }
    const size = 2 * 4 ** qubits.length;
    const out = new Float64Array(size * x.batch);
    x.states.forEach((s, i) => {
      out.set(this.environments(s, y.states[i]!).overlap(qubits), i * size);
    });
    return out;
  }

  /** The cached environments of the pair (a, b), made anew when b's partner changed. */
  private environments(a: Mps, b: Mps): OverlapEnvironments {
    let e = this.envCache.get(a);
    if (e === undefined || e.b !== b) {
      e = new OverlapEnvironments(a, b);
      this.envCache.set(a, e);
    }
    return e;
  }

  private readonly envCache = new WeakMap<Mps, OverlapEnvironments>();

  // --- beyond the Backend interface ----------------------------------------------------------

  /** <x|psi_b> for the outcome bits of every qubit (qubit 0 first), as [re, im]. */
  amplitudeOf(buf: StateBuffer, bits: Uint8Array, b = 0): [number, number] {
    const s = this.state(buf, b);
    if (!(bits instanceof Uint8Array) || bits.length !== s.n || bits.some((x) => x > 1)) {
      throw new ArgumentError(
        `amplitudeOf: bits must be a Uint8Array of ${s.n} zeros and ones (qubit 0 first), got ${describe(bits)}`,
      );
    }
    return s.amplitude(bits);
  }

  /** Seeded counts of `shots` measurements of `qubits`, keyed by bitstring (qubits' order). */
  sampleCounts(
    buf: StateBuffer,
    qubits: readonly number[],
    shots: number,
    rng: Rng,
    b = 0,
  ): Record<string, number> {
    const s = this.state(buf, b);
    checkQubits(qubits, s.n, "sampleCounts");
    if (!Number.isSafeInteger(shots) || shots < 1) {
      throw new ArgumentError(
        `sampleCounts: shots must be a positive integer, got ${describe(shots)}`,
      );
    }
    if (rng === null || typeof rng !== "object" || typeof rng.binomial !== "function") {
      throw new ArgumentError(`sampleCounts: rng must be an Rng, got ${describe(rng)}`);
    }
    return sampleOutcomes(s, qubits, shots, rng);
  }

  /**
   * The k most probable outcomes of `qubits` (probability above `threshold`) by best-first
   * search over at most `maxExpansions` prefixes (`complete` is false when it stopped there).
   */
  mostProbable(
    buf: StateBuffer,
    qubits: readonly number[],
    k: number,
    options: { threshold?: number; maxExpansions?: number; batchIndex?: number } = {},
  ): { outcomes: LikelyOutcome[]; complete: boolean } {
    checkOptions(options, ["threshold", "maxExpansions", "batchIndex"], "mostProbable");
    const s = this.state(buf, options.batchIndex ?? 0);
    checkQubits(qubits, s.n, "mostProbable");
    if (!Number.isInteger(k) || k < 1) {
      throw new ArgumentError(`mostProbable: k must be a positive integer, got ${describe(k)}`);
    }
    const threshold = options.threshold ?? 0;
    const maxExpansions = options.maxExpansions ?? 100_000;
    if (typeof threshold !== "number" || !(threshold >= 0)) {
      throw new ArgumentError(
        `mostProbable: threshold must be a number >= 0, got ${describe(threshold)}`,
      );
    }
    if (!Number.isInteger(maxExpansions) || maxExpansions < 1) {
      throw new ArgumentError(
        `mostProbable: maxExpansions must be a positive integer, got ${describe(maxExpansions)}`,
      );
    }
    return mostProbableOutcomes(s, qubits, k, threshold, maxExpansions);
  }

  /** The accumulated truncation error (dropped weight) of every state of the batch. */
  truncationError(buf: StateBuffer): Float64Array {
    return Float64Array.from(this.own(buf).states, (s) => s.truncationError);
  }

  /** The bond dimensions (n + 1 of them, both ends 1) of state b. */
  bondDimensions(buf: StateBuffer, b = 0): number[] {
    return [...this.state(buf, b).dims];
  }

  /** The entanglement entropy (natural log) across every cut k | k+1 of state b (n - 1 values). */
  entanglementEntropies(buf: StateBuffer, b = 0): Float64Array {
    return this.state(buf, b).entanglementEntropies();
  }

  /** Puts every state of `buf` in mixed canonical form with its center on `site`. */
  canonicalize(buf: StateBuffer, site: number): void {
    const m = this.own(buf);
    if (!Number.isInteger(site) || site < 0 || site >= m.nQubits) {
      throw new ArgumentError(
        `canonicalize: site must be an integer in [0, ${m.nQubits - 1}], got ${describe(site)}`,
      );
    }
    for (const s of m.states) s.moveCenter(site);
  }

  // --- helpers -------------------------------------------------------------------------------

  private state(buf: StateBuffer, b: number): Mps {
    const m = this.own(buf);
    if (!Number.isInteger(b) || b < 0 || b >= m.batch) {
      throw new ArgumentError(`mps: batch index ${describe(b)} out of range [0, ${m.batch - 1}]`);
    }
    return m.states[b]!;
  }

  private own(buf: StateBuffer): MpsStateBuffer {
    if (!(buf instanceof MpsStateBuffer)) {
      throw new ArgumentError(`mps backend: expected an mps state buffer, got ${describe(buf)}`);
    }
    if (buf.freed) throw new ArgumentError("mps backend: the buffer was freed");
    return buf;
  }

  private track(buf: MpsStateBuffer): MpsStateBuffer {
    this.liveBuffers.add(buf);
    this.counts.allocated++;
    this.counts.live++;
    this.counts.peakLive = Math.max(this.counts.peakLive, this.counts.live);
    return buf;
  }
}

function checkShape(n: number, batch: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new ArgumentError(`mps: nQubits must be a positive integer, got ${describe(n)}`);
  }
  if (!Number.isInteger(batch) || batch < 1) {
    throw new ArgumentError(`mps: batch must be a positive integer, got ${describe(batch)}`);
  }
}

function denseAllowed(n: number, what: string): void {
  if (n > MPS_DENSE_LIMIT) {
    throw new ResourceError(
      `mps backend: ${what} of ${n} qubits is refused (at most ${MPS_DENSE_LIMIT}); read amplitudes of chosen bitstrings (amplitude("0101...")), marginal probabilities of a few qubits, samples (measure) or expectation values instead`,
    );
  }
}

function checkQubits(qubits: unknown, n: number, where: string): void {
  if (
    !Array.isArray(qubits) ||
    qubits.length === 0 ||
    new Set(qubits).size !== qubits.length ||
    qubits.some((q) => !Number.isInteger(q) || q < 0 || q >= n)
  ) {
    throw new ArgumentError(
      `${where}: qubits must be distinct integers in [0, ${n - 1}], got ${describe(qubits)}`,
    );
  }
}

function sameShape(a: MpsStateBuffer, b: MpsStateBuffer, where: string): void {
  if (a.nQubits !== b.nQubits || a.batch !== b.batch) {
    throw new ArgumentError(
      `${where}: buffers of ${a.nQubits} qubits x batch ${a.batch} and ${b.nQubits} x ${b.batch}`,
    );
  }
}

function repeat<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

/**
 * The matrix on controls + targets (controls the most significant bits) that applies `m` when
 * every control is 1: identity elsewhere.
 */
function withControls(m: Float64Array, nTargets: number, nControls: number): Float64Array {
  if (nControls === 0) return m;
  const d = 2 ** nTargets;
  const full = 2 ** (nTargets + nControls);
  const out = new Float64Array(2 * full * full);
  const base = full - d; // all controls 1
  for (let i = 0; i < base; i++) out[2 * (i * full + i)] = 1;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      out[2 * ((base + i) * full + base + j)] = m[2 * (i * d + j)]!;
      out[2 * ((base + i) * full + base + j) + 1] = m[2 * (i * d + j) + 1]!;
    }
  }
  return out;
}

/** Whether the d x d matrix is unitary to 1e-12 (then a gate keeps the canonical form). */
function isUnitary(g: Float64Array, d: number): boolean {
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const ar = g[2 * (i * d + k)]!;
        const ai = g[2 * (i * d + k) + 1]!;
        const br = g[2 * (j * d + k)]!;
        const bi = -g[2 * (j * d + k) + 1]!;
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      if (Math.abs(re - (i === j ? 1 : 0)) > 1e-12 || Math.abs(im) > 1e-12) return false;
    }
  }
  return true;
}

/** The Kronecker product of a string's letters (qubits[0] the most significant bit). */
function kronPaulis(pauli: PauliString): Float64Array {
  let out = new Float64Array([1, 0]);
  let d = 1;
  for (const letter of pauli.letters) {
    const p = pauliMatrix(letter);
    const nd = d * 2;
    const next = new Float64Array(2 * nd * nd);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const xr = out[2 * (i * d + j)]!;
        const xi = out[2 * (i * d + j) + 1]!;
        for (let s = 0; s < 2; s++) {
          for (let t = 0; t < 2; t++) {
            const pr = p[2 * (s * 2 + t)]!;
            const pi = p[2 * (s * 2 + t) + 1]!;
            const o = 2 * ((i * 2 + s) * nd + j * 2 + t);
            next[o] = xr * pr - xi * pi;
            next[o + 1] = xr * pi + xi * pr;
          }
        }
      }
    }
    out = next;
    d = nd;
  }
  return out;
}
