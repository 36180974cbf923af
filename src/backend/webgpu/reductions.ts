/**
 * The webgpu backend's reductions: everything that sums over amplitudes and reads numbers back.
 * Each reduction is a set of jobs (one dispatch per chunk, and per Pauli-term group): workgroups
 * write partial sums into a shared scratch buffer, a `final` pass sums each batch element's
 * partials into a small results buffer, and only that is read back, at once (`...Async`) or later
 * with every other deferred result in one copy (`resolveDeferred`: the adjoint's and the
 * density-matrix sweep's reads). Also here: probabilities with marginals folded on the GPU, the
 * adjoint's overlap matrices, and density-matrix traces and diagonals.
 *
 * The backend validates arguments and hands over its buffers; everything is recorded into its
 * command stream (stream.ts).
 */
import { ResourceError } from "../../errors.js";
import { targetOffsets } from "../cpu/common.js";
import type { PauliMasks } from "../cpu/pauli.js";
import { BufferUsage, type GpuBuffer } from "./gpu-types.js";
import { type Chunk, chunkIndex, type Layout } from "./layout.js";
import { groupTerms } from "./pauli-groups.js";
import { type KernelSpec, OVERLAP_WG, WG } from "./shaders.js";
import type { WebGpuStateBuffer } from "./state-buffer.js";
import type { CommandStream } from "./stream.js";

/** Most reduction workgroups per chunk and batch element (partial sums per dispatch). */
const MAX_REDUCE_GROUPS = 1024;
/**
 * Amplitudes each reduction thread sums at least: fewer workgroups mean fewer barrier trees
 * (expensive on SwiftShader), while big states still get up to MAX_REDUCE_GROUPS workgroups.
 */
const PER_THREAD = 32;

/** One reduction dispatch: `slot` orders the partial sums of one batch element. */
interface ReduceJob {
  spec: KernelSpec;
  chunk: Chunk;
  items: number;
  states: GpuBuffer[];
  c?: readonly number[];
  highB?: number;
  terms?: Uint32Array;
  slot: number;
  /** log2 of the amplitudes per batch element in the chunk when not log2(items) (density rows). */
  shift?: number;
}

/**
 * The reductions of one webgpu backend (it makes one; see the module comment).
 * @example
 * const reductions = new GpuReductions(stream, (b) => gpu.toArrayAsync(b));
 * await reductions.normSquared(psi); // Float64Array(batch)
 */
export class GpuReductions {
  /** Reductions recording into `stream` (the backend's); `toArray` reads a state back. */
  constructor(
    private readonly stream: CommandStream,
    private readonly toArray: (b: WebGpuStateBuffer) => Promise<Float64Array>,
  ) {}

  /** <psi|H|psi> per batch element (H from Pauli masks and coefficients), real parts. */
  async expectation(
    b: WebGpuStateBuffer,
    masks: PauliMasks[],
    coefficients: number[],
  ): Promise<Float64Array> {
    const out = await this.reduce(b, this.expectationJobs(b, masks, coefficients));
    return realParts(out, b.batch);
  }

  /** Like `expectation`, recorded as a deferred result; returns its offset. */
  expectationDeferred(b: WebGpuStateBuffer, masks: PauliMasks[], coefficients: number[]): number {
    const jobs = this.expectationJobs(b, masks, coefficients);
    return this.pushDeferred(this.recordReduce(b.batch, jobs), 2 * b.batch);
  }

  private expectationJobs(
    b: WebGpuStateBuffer,
    masks: PauliMasks[],
    coefficients: number[],
  ): ReduceJob[] {
    const L = b.layout;
    const jobs: ReduceJob[] = [];
    groupTerms(masks, coefficients, L.localQubits).forEach((g, gi) => {
      L.chunks.forEach((c, i) => {
        const twin = g.xh !== 0;
        const partner = twin ? chunkIndex(L, c.batch0, c.high ^ g.xh) : i;
        jobs.push({
          spec: { kind: "reduce", body: "expect", twin },
          chunk: c,
          items: 2 ** L.localQubits,
          states: twin ? [b.chunks[i]!, b.chunks[partner]!] : [b.chunks[i]!],
          c: [g.count],
          highB: L.chunks[partner]!.highBase,
          terms: g.terms,
          slot: gi * L.slices + c.high,
        });
      });
    });
    return jobs;
  }

  /**
   * Probabilities of the basis states of `qubits` (all when omitted; validated by the caller),
   * per batch element. A marginal is folded on the GPU.
   */
  async probabilities(b: WebGpuStateBuffer, qubits?: readonly number[]): Promise<Float64Array> {
    const L = b.layout;
    const dim = 2 ** b.nQubits;
    if (L.localQubits === 0) {
      const amps = await this.toArray(b);
      const all = new Float64Array(b.batch);
      for (let i = 0; i < b.batch; i++) all[i] = amps[2 * i]! ** 2 + amps[2 * i + 1]! ** 2;
      return qubits === undefined ? all : marginal(all, b.nQubits, b.batch, qubits, dim);
    }
    const temp: GpuBuffer[] = [];
    const probsBuffer = (floats: number): GpuBuffer => {
      const o = this.stream.device.createBuffer({
        size: Math.max(16, 4 * floats),
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC,
      });
      temp.push(o);
      return o;
    };
    // the temporaries go only after the read (or, on an error, after the next submit): commands
    // recorded before may still use them
    const kept: number[] = [];
    const record = async (): Promise<ArrayBuffer> => {
      let m = L.localQubits;
      let cur = L.chunks.map((c) => probsBuffer(2 ** m * c.count));
      L.chunks.forEach((c, i) => {
        this.stream.elementwise({ kind: "probs" }, c, L, 2 ** (m - 1), () => {}, undefined, [
          b.chunks[i]!,
          cur[i]!,
        ]);
      });
      // a marginal: sum out the local qubits not asked for on the GPU, highest bit first (the
      // lower positions keep their place), so only 2^(kept local qubits) values per chunk come back
      const keep = new Set((qubits ?? []).map((q) => b.nQubits - 1 - q));
      for (let p = m - 1; p >= 0; p--) {
        if (qubits === undefined || keep.has(p)) {
          kept.push(p);
          continue;
        }
        const next = L.chunks.map((c) => probsBuffer(2 ** (m - 1) * c.count));
        L.chunks.forEach((c, i) => {
          this.stream.elementwise(
            { kind: "fold" },
            c,
            L,
            2 ** (m - 1),
            (u) => {
              u[7] = m;
              u[8] = p;
            },
            undefined,
            [cur[i]!, next[i]!],
          );
        });
        cur = next;
        m--;
      }
      return await this.stream.readBack(
        cur.map((buffer, i) => ({ buffer, offset: 0, bytes: 4 * 2 ** m * L.chunks[i]!.count })),
      );
    };
    let data: ArrayBuffer;
    try {
      data = await record();
    } finally {
      this.stream.release(temp, 0);
    }
    const values = new Float32Array(data);
    if (qubits === undefined) return Float64Array.from(values);
    return assembleMarginal(values, L, kept, qubits);
  }

  /** <x|y> per batch element (interleaved complex; same shapes, checked by the caller). */
  innerProduct(x: WebGpuStateBuffer, y: WebGpuStateBuffer): Promise<Float64Array> {
    return this.reduce(x, this.innerJobs(x, y));
  }

  /** Like `innerProduct`, recorded as a deferred result; returns its offset. */
  innerProductDeferred(x: WebGpuStateBuffer, y: WebGpuStateBuffer): number {
    return this.pushDeferred(this.recordReduce(x.batch, this.innerJobs(x, y)), 2 * x.batch);
  }

  /** <x|P|y> (P from its masks) in one pass, recorded as a deferred result; returns its offset. */
  pauliInnerDeferred(x: WebGpuStateBuffer, m: PauliMasks, y: WebGpuStateBuffer): number {
    const L = x.layout;
    const [g] = groupTerms([m], [1], L.localQubits);
    const jobs: ReduceJob[] = L.chunks.map((c, i) => {
      const partner = L.slices > 1 ? chunkIndex(L, c.batch0, c.high ^ g!.xh) : i;
      return {
        spec: { kind: "reduce", body: "pauliInner", twin: true },
        chunk: c,
        items: 2 ** L.localQubits,
        states: [x.chunks[i]!, y.chunks[partner]!],
        highB: L.chunks[partner]!.highBase,
        terms: g!.terms,
        slot: c.high,
      };
    });
    return this.pushDeferred(this.recordReduce(x.batch, jobs), 2 * x.batch);
  }

  /** Squared norms per batch element. */
  async normSquared(b: WebGpuStateBuffer): Promise<Float64Array> {
    const L = b.layout;
    const jobs: ReduceJob[] = L.chunks.map((c, i) => ({
      spec: { kind: "reduce", body: "norm", twin: false },
      chunk: c,
      items: 2 ** L.localQubits,
      states: [b.chunks[i]!],
      slot: c.high,
    }));
    return realParts(await this.reduce(b, jobs), b.batch);
  }

  private innerJobs(x: WebGpuStateBuffer, y: WebGpuStateBuffer): ReduceJob[] {
    const L = x.layout;
    return L.chunks.map((c, i) => ({
      spec: { kind: "reduce", body: "inner", twin: false },
      chunk: c,
      items: 2 ** L.localQubits,
      states: [x.chunks[i]!, y.chunks[i]!],
      slot: c.high,
    }));
  }

  // --- deferred results (many reductions, one read back) ---------------------------------------

  private readonly deferred: { buffer: GpuBuffer; floats: number }[] = [];
  private deferredFloats = 0;

  private pushDeferred(buffer: GpuBuffer, floats: number): number {
    const at = this.deferredFloats;
    this.deferred.push({ buffer, floats });
    this.deferredFloats += floats;
    return at;
  }

  /**
   * The overlap matrix of `x` and `y` on the chunk bits `bits` (the caller swapped high qubits
   * in), recorded as a deferred result of 2 * 4^k * batch floats; returns its offset.
   */
  overlapDeferred(x: WebGpuStateBuffer, y: WebGpuStateBuffer, bits: number[]): number {
    if (x.batch > this.stream.maxWorkgroups) {
      throw new ResourceError(
        `webgpu backend: an overlap over a batch of ${x.batch} exceeds the dispatch grid (${this.stream.maxWorkgroups}); split the batch`,
      );
    }
    return this.pushDeferred(this.recordOverlap(x, y, bits), 2 * x.batch * 4 ** bits.length);
  }

  /** Records the overlap of `x` and `y` on the chunk bits `bits`; returns the results buffer. */
  private recordOverlap(x: WebGpuStateBuffer, y: WebGpuStateBuffer, bits: number[]): GpuBuffer {
    const L = x.layout;
    const k = bits.length;
    const entries = 4 ** k;
    const items = 2 ** (L.localQubits - k);
    const gx = Math.max(
      1,
      Math.min(MAX_REDUCE_GROUPS, Math.ceil(items / (OVERLAP_WG * PER_THREAD))),
    );
    const stride = entries * gx;
    const P = L.slices * stride;
    const partials = this.scratchBuffer(8 * P * x.batch);
    const offs = targetOffsets(bits);
    const sorted = [...bits].sort((p, q) => p - q);
    L.chunks.forEach((c, i) => {
      const u = new Uint32Array(128);
      u[0] = items;
      u[1] = c.count;
      u[2] = c.batch0;
      u[3] = c.highBase >>> 0;
      u[7] = L.localQubits;
      u[12] = P;
      u[13] = c.high * stride;
      u.set(sorted, 20);
      u.set(offs, 28);
      this.stream.dispatch(
        { kind: "overlap", k },
        u,
        undefined,
        [{ buffer: x.chunks[i]! }, { buffer: y.chunks[i]! }, { buffer: partials }],
        [gx, c.count],
      );
    });
    const results = this.takeResults(Math.max(16, 8 * x.batch * entries));
    const u = new Uint32Array(128);
    u[8] = gx;
    u[9] = L.slices;
    u[10] = stride;
    u[11] = entries;
    u[12] = P;
    this.stream.dispatch(
      { kind: "final" },
      u,
      undefined,
      [{ buffer: partials }, { buffer: results }],
      [entries, x.batch],
    );
    return results;
  }

  /** Submits, then reads every deferred result recorded since the last call in one copy. */
  async resolveDeferred(): Promise<Float64Array> {
    const list = this.deferred.splice(0);
    this.deferredFloats = 0;
    if (list.length === 0) return new Float64Array(0);
    try {
      const data = await this.stream.readBack(
        list.map((d) => ({ buffer: d.buffer, offset: 0, bytes: 4 * d.floats })),
      );
      return Float64Array.from(new Float32Array(data));
    } finally {
      for (const d of list) this.releaseResults(d.buffer);
    }
  }

  // --- density matrices: vec(rho) on 2n qubits -------------------------------------------------

  /** tr(H rho) per batch element of the n-qubit density matrices in `b` (real parts). */
  async densityExpectation(
    b: WebGpuStateBuffer,
    n: number,
    masks: PauliMasks[],
    coefficients: number[],
  ): Promise<Float64Array> {
    return realParts(await this.reduce(b, this.traceJobs(b, n, masks, coefficients)), b.batch);
  }

  private traceJobs(
    b: WebGpuStateBuffer,
    n: number,
    masks: PauliMasks[],
    coefficients: number[],
  ): ReduceJob[] {
    const [g] = groupTerms(masks, coefficients, n); // x < 2^n: one group
    if (g === undefined) return [];
    const L = b.layout;
    return L.chunks.map((c, i) => ({
      spec: { kind: "reduce", body: "trace", twin: false },
      chunk: c,
      items: 2 ** (L.localQubits - n),
      shift: L.localQubits,
      states: [b.chunks[i]!],
      c: [g.count, n],
      terms: g.terms,
      slot: c.high,
    }));
  }

  /** The real diagonals of the n-qubit density matrices in `b`, batch-major. */
  async densityDiagonal(b: WebGpuStateBuffer, n: number): Promise<Float64Array> {
    const L = b.layout;
    const rows = 2 ** (L.localQubits - n);
    const outs = L.chunks.map((c) =>
      this.stream.device.createBuffer({
        size: Math.max(16, 8 * rows * c.count),
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC,
      }),
    );
    let data: ArrayBuffer;
    try {
      L.chunks.forEach((c, i) => {
        this.stream.elementwise(
          { kind: "dmDiag" },
          c,
          L,
          rows,
          (u) => {
            u[9] = n;
          },
          undefined,
          [b.chunks[i]!, outs[i]!],
        );
      });
      data = await this.stream.readBack(
        outs.map((buffer, i) => ({ buffer, offset: 0, bytes: 8 * rows * L.chunks[i]!.count })),
      );
    } finally {
      this.stream.release(outs, 0); // after the read, or after the next submit on an error
    }
    const f = new Float32Array(data);
    const out = new Float64Array(f.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = f[2 * i]!;
    return out;
  }

  /**
   * Records `jobs` (partial sums per workgroup), a final pass per batch element into a results
   * buffer, and reads the batch * (re, im) results back.
   */
  private async reduce(b: WebGpuStateBuffer, jobs: ReduceJob[]): Promise<Float64Array> {
    const results = this.recordReduce(b.batch, jobs);
    try {
      const data = await this.stream.readBack([{ buffer: results, offset: 0, bytes: 8 * b.batch }]);
      return Float64Array.from(new Float32Array(data));
    } finally {
      this.releaseResults(results);
    }
  }

  /**
   * Result buffers (batch vec2) are pooled by size: a reduction's is reused once its value was
   * read back. Partial-sum scratch is one buffer, the largest asked for so far, reused by every
   * reduction: dispatches run in order and each reduction overwrites every slot it later sums.
   */
  private readonly resultsPool = new Map<number, GpuBuffer[]>();
  private scratch: GpuBuffer | undefined;

  private takeResults(bytes: number): GpuBuffer {
    const b = this.resultsPool.get(bytes)?.pop();
    return (
      b ??
      this.stream.device.createBuffer({
        size: bytes,
        // COPY_DST: an empty sum clears it
        usage: BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST,
      })
    );
  }

  private releaseResults(b: GpuBuffer): void {
    let list = this.resultsPool.get(b.size);
    if (list === undefined) this.resultsPool.set(b.size, (list = []));
    list.push(b);
  }

  private scratchBuffer(bytes: number): GpuBuffer {
    if (this.scratch === undefined || this.scratch.size < bytes) {
      // the old one may still be read by recorded commands: destroyed after the next submit
      if (this.scratch !== undefined) this.stream.release([this.scratch], 0);
      this.scratch = this.stream.device.createBuffer({ size: bytes, usage: BufferUsage.STORAGE });
    }
    return this.scratch;
  }

  /** Records a reduction; returns its (pooled) buffer of batch vec2 results. */
  private recordReduce(batch: number, jobs: ReduceJob[]): GpuBuffer {
    if (batch > this.stream.maxWorkgroups) {
      throw new ResourceError(
        `webgpu backend: reductions over a batch of ${batch} exceed the dispatch grid (${this.stream.maxWorkgroups}); split the batch`,
      );
    }
    const results = this.takeResults(Math.max(16, 8 * batch));
    if (jobs.length === 0) {
      // no terms: zeros (a pooled buffer holds old values), pooled again like any result
      this.stream.copyEncoder().clearBuffer(results);
      return results;
    }
    const gx = Math.max(
      1,
      Math.min(MAX_REDUCE_GROUPS, Math.ceil(jobs[0]!.items / (WG * PER_THREAD))),
    );
    const slots = Math.max(...jobs.map((j) => j.slot)) + 1;
    const P = slots * gx;
    const partials = this.scratchBuffer(8 * P * batch);
    for (const job of jobs) {
      const u = new Uint32Array(128);
      u[0] = job.items;
      u[1] = job.chunk.count;
      u[2] = job.chunk.batch0;
      u[3] = job.chunk.highBase >>> 0;
      u[7] = job.shift ?? Math.log2(job.items);
      if (job.c !== undefined) u.set(job.c, 8);
      u[12] = P;
      u[13] = job.slot * gx;
      u[14] = (job.highB ?? job.chunk.highBase) >>> 0;
      this.stream.dispatch(
        job.spec,
        u,
        job.terms,
        [...job.states.map((buffer) => ({ buffer })), { buffer: partials }],
        [gx, job.chunk.count],
      );
    }
    // one entry: the P partials of each batch element
    const u = new Uint32Array(128);
    u[8] = P;
    u[9] = 1;
    u[11] = 1;
    u[12] = P;
    this.stream.dispatch(
      { kind: "final" },
      u,
      undefined,
      [{ buffer: partials }, { buffer: results }],
      [1, batch],
    );
    return results;
  }

  /** Releases the pooled and scratch buffers. */
  destroy(): void {
    this.scratch?.destroy();
    for (const list of this.resultsPool.values()) for (const b of list) b.destroy();
  }
}

function realParts(v: Float64Array, batch: number): Float64Array {
  const out = new Float64Array(batch);
  for (let b = 0; b < batch; b++) out[b] = v[2 * b]!;
  return out;
}

/** The marginal over `qubits` of full probability vectors (batch blocks of 2^n). */
function marginal(
  all: Float64Array,
  nQubits: number,
  batch: number,
  qubits: readonly number[],
  dim: number,
): Float64Array {
  const m = qubits.length;
  const out = new Float64Array(batch * 2 ** m);
  if (m === 0) {
    for (let b = 0; b < batch; b++) for (let i = 0; i < dim; i++) out[b] += all[b * dim + i]!;
    return out;
  }
  const bits = qubits.map((q) => nQubits - 1 - q);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < dim; i++) {
      let o = 0;
      for (let t = 0; t < m; t++) o = (o << 1) | ((i >> bits[t]!) & 1);
      out[b * 2 ** m + o] += all[b * dim + i]!;
    }
  }
  return out;
}

/**
 * The marginal over `qubits` (qubits[0] the most significant outcome bit) per batch element from
 * each chunk's folded probabilities: 2^m values per batch element, indexed by the kept local bit
 * positions `kept` (descending, the first the most significant), the chunk's high bits fixed.
 */
function assembleMarginal(
  values: Float32Array,
  L: Layout,
  kept: readonly number[],
  qubits: readonly number[],
): Float64Array {
  const m = kept.length;
  const k = qubits.length;
  const out = new Float64Array(L.batch * 2 ** k);
  const pos = qubits.map((q) => L.nQubits - 1 - q);
  let at = 0;
  for (const c of L.chunks) {
    for (let e = 0; e < c.count; e++) {
      const base = (c.batch0 + e) * 2 ** k;
      for (let t = 0; t < 2 ** m; t++) {
        let g = c.highBase;
        for (let s = 0; s < m; s++) if ((t >> (m - 1 - s)) & 1) g += 2 ** kept[s]!;
        let o = 0;
        for (const p of pos) o = 2 * o + (Math.floor(g / 2 ** p) % 2);
        out[base + o] += values[at++]!;
      }
    }
  }
  return out;
}
