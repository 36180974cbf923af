/**
 * The branch engine: runs circuits with mid-circuit measurements, resets, classically controlled
 * gates and postselection, on state vectors or (through a `BranchSpace` from `density/run.ts`)
 * density matrices.
 *
 * All branches live in one buffer, branch-major over the data batch (element k * B + i is branch
 * k of data row i), so gates run once for all of them. A measurement splits every branch in two
 * (dropping outcomes of probability zero) and projects each half without renormalizing: branch k
 * holds sqrt(p_k)|psi_k>, every step is linear, sums over branches are the mixture's averages,
 * and the adjoint sweep of that linear map is the exact gradient of the mixture, branch
 * probabilities included. A reset is a split that flips outcome 1 back to |0> and writes no bit;
 * a conditioned gate is one per-element matrix (the gate on branches whose record holds the
 * value, the identity elsewhere); a postselection projects and drops the other outcome's branches,
 * and the run is renormalized at the end by the kept probability (a differentiable tensor).
 *
 * With `shots`, each split draws how many of a branch's shots take each outcome (binomially),
 * so shots that agree on every outcome so far share one state: k measurements cost at most
 * 2^k states whatever the shot count. Exact runs are capped at `maxBranches` states.
 *
 * Gradients (state vectors, exact mode): the forward pass keeps the state before every
 * measurement-like step (a projection cannot be undone); the backward pass runs the adjoint
 * sweep (`gradients/adjoint.ts`) over each gate segment from its kept end state, and carries the
 * cotangent back through each split (project, then add the two halves into their source branch)
 * and each conditioned gate (U^dagger on its branches, with its own angle gradients).
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { sampleBinomial } from "../../binomial.js";
import { ArgumentError, BackendError, ResourceError } from "../../errors.js";
import { toRng } from "../../random.js";
import {
  customOp,
  fromData,
  isGradEnabled,
  type Parameter,
  type Tensor,
} from "../../tensor/index.js";
import { optionKeys } from "../../validate.js";
import { stackSets } from "../gates/arrays.js";
import { gateDerivative } from "../gates/derivative.js";
import { adjointBackward } from "../gradients/adjoint.js";
import { dagger, identity } from "../linalg.js";
import { asyncReader } from "../state/async-reads.js";
import type { Branches } from "../state/branches.js";
import { registerValue } from "../state/branches.js";
import { State } from "../state/state.js";
import { executeOperations } from "./execute.js";
import {
  accumulateAngleGradient,
  type CondOperation,
  isDynamic,
  type Operation,
  resolveAngles,
  type StaticOperation,
} from "./operation.js";

/** Options of a dynamic run (`circuit.forward(state, data, options)`). */
export interface DynamicRunOptions {
  /** Sample this many shot trajectories instead of the exact branch mixture (state vectors). */
  shots?: number;
  /** Seed of the shot sampler. */
  seed?: number;
  /** The most branch states an exact run may hold (default 1024). */
  maxBranches?: number;
}

/** The keys of `DynamicRunOptions`. */
export const DYNAMIC_RUN_OPTIONS = optionKeys<DynamicRunOptions>({
  shots: true,
  seed: true,
  maxBranches: true,
});

/** The default cap on an exact run's branch states. */
export const DEFAULT_MAX_BRANCHES = 1024;

/** Outcomes whose weight, summed over the data rows, is at most this are dropped. */
const PRUNE = 1e-28;

/** What a dynamic run needs from a circuit. */
export interface DynamicCircuit {
  readonly nQubits: number;
  readonly operations: readonly Operation[];
  readonly globalPhase: number;
  readonly fusion: number | undefined;
  /** Classical bits the measurements write. */
  readonly nBits: number;
  parameters(): Parameter[];
}

/** How the engine touches one kind of state buffer (state vectors here, density matrices in density/run.ts). */
export interface BranchSpace {
  /** Circuit qubits. */
  readonly n: number;
  /** Qubits of the buffer (n for state vectors, 2n for vec(rho)). */
  readonly width: number;
  /** Per element: the weights [w0, w1] of qubit q's outcomes (unnormalized). */
  weights(buf: StateBuffer, q: number): Float64Array;
  /** The buffer qubits a one-qubit map on circuit qubit q acts on. */
  targets(qubits: readonly number[]): number[];
  /** A one-qubit-per-circuit-qubit operator lifted to the buffer (M itself, or M (x) conj(M)). */
  lift(m: Float64Array): Float64Array;
  /** Applies a run of gates (and, for density matrices, channels). */
  runGates(
    buf: StateBuffer,
    ops: readonly StaticOperation[],
    data: Float64Array | undefined,
    nFeatures: number,
    globalPhase: number,
  ): void;
}

/** The state-vector space. */
function stateSpace(backend: Backend, c: DynamicCircuit): BranchSpace {
  const n = c.nQubits;
  return {
    n,
    width: n,
    weights: (buf, q) => backend.probabilities(buf, [q]),
    targets: (qubits) => [...qubits],
    lift: (m) => m,
    runGates: (buf, ops, data, nFeatures, globalPhase) =>
      executeOperations(backend, buf, ops, {
        nQubits: n,
        globalPhase,
        data,
        nFeatures,
        fusion: c.fusion,
      }),
  };
}

/** One step of the forward pass, kept for the backward pass. */
type Stage =
  | {
      kind: "segment";
      ops: readonly StaticOperation[];
      branches: number;
      globalPhase: number;
      /** The state at the segment's end (the forward output for the last one). */
      end: StateBuffer | undefined;
    }
  | {
      kind: "split";
      qubit: number;
      /** Per new branch: its source branch and its outcome. */
      sources: Int32Array;
      outcomes: Uint8Array;
      /** A reset: outcome 1 was flipped back to |0>. */
      flip: boolean;
      branches: number;
    }
  | {
      kind: "cond";
      op: CondOperation;
      /** Per element: whether the gate ran there. */
      mask: Uint8Array;
      branches: number;
      /** The state before the gate, when its angles need gradients. */
      before: StateBuffer | undefined;
    };

type SegmentStage = Extract<Stage, { kind: "segment" }>;

/** The result of the branch engine: the final buffer (all branches) and its bookkeeping. */
export interface BranchRun {
  buffer: StateBuffer;
  records: number[][];
  counts: number[] | undefined;
  stages: Stage[];
  postselected: boolean;
}

/** Checks the run options; returns the shot count (undefined = exact) and the branch cap. */
export function checkDynamicOptions(
  o: DynamicRunOptions,
  density: boolean,
  dataBatch: number,
): { shots: number | undefined; maxBranches: number } {
  const { shots, maxBranches = DEFAULT_MAX_BRANCHES } = o;
  if (shots !== undefined) {
    if (!Number.isSafeInteger(shots) || shots < 1)
      throw new ArgumentError(
        `forward: options.shots must be a positive integer, got ${String(shots)}`,
      );
    if (density)
      throw new ArgumentError(
        "forward: options.shots samples state-vector trajectories; density-matrix runs are exact (drop shots, or pass a State)",
      );
    if (dataBatch !== 1)
      throw new ArgumentError(
        `forward: options.shots needs a single data row, got a batch of ${dataBatch} (run the rows one at a time)`,
      );
  } else if (o.seed !== undefined) {
    throw new ArgumentError("forward: options.seed seeds the shot sampler; it needs options.shots");
  }
  if (!Number.isInteger(maxBranches) || maxBranches < 1)
    throw new ArgumentError(
      `forward: options.maxBranches must be a positive integer, got ${String(maxBranches)}`,
    );
  return { shots, maxBranches };
}

/**
 * Runs `ops` on `input` (batch B = `dataBatch`; the engine takes ownership) through `space`.
 * @example
 * const run = runBranches(space, backend, circuit, buf, 1, undefined, 0, { maxBranches: 1024 }, false);
 */
export function runBranches(
  space: BranchSpace,
  backend: Backend,
  circuit: DynamicCircuit,
  input: StateBuffer,
  dataBatch: number,
  data: Float64Array | undefined,
  nFeatures: number,
  o: { shots?: number | undefined; seed?: number | undefined; maxBranches: number },
  keep: boolean,
): BranchRun {
  if (asyncReader(backend) !== undefined)
    throw new BackendError(
      `forward: circuits with measurements, resets or conditions branch on values read back at once; the ${backend.name} backend reads asynchronously (use cpu)`,
    );
  const B = dataBatch;
  const nBits = circuit.nBits;
  const rng = o.shots === undefined ? undefined : toRng(o.seed);
  let buf = input;
  let records: number[][] = [new Array<number>(nBits).fill(0)];
  let counts: number[] | undefined = o.shots === undefined ? undefined : [o.shots];
  const stages: Stage[] = [];
  let segment: StaticOperation[] = [];
  let postselected = false;
  const tiles = new Map<number, Float64Array | undefined>();
  const tiled = (K: number) => {
    if (data === undefined || K === 1) return data;
    let t = tiles.get(K);
    if (t === undefined) {
      t = tileRows(data, K);
      tiles.set(K, t);
    }
    return t;
  };
  // the state before an in-place step, kept as the previous segment's end
  const endOfSegment = (inPlace: boolean): StateBuffer | undefined => {
    if (!keep) return undefined;
    return inPlace ? backend.clone(buf) : buf;
  };
  const flush = (globalPhase: number, last: boolean): SegmentStage | undefined => {
    const K = records.length;
    if (segment.length > 0 || last) space.runGates(buf, segment, tiled(K), nFeatures, globalPhase);
    const stage: SegmentStage | undefined =
      segment.length > 0 || (last && globalPhase !== 0)
        ? { kind: "segment", ops: segment, branches: K, globalPhase, end: undefined }
        : undefined;
    if (stage !== undefined) stages.push(stage);
    segment = [];
    return stage;
  };
  const ops = circuit.operations;
  for (let oi = 0; oi < ops.length; oi++) {
    const op = ops[oi]!;
    if (!isDynamic(op)) {
      segment.push(op);
      continue;
    }
    const seg = flush(0, false);
    const K = records.length;
    if (op.kind === "cond") {
      const mask = new Uint8Array(K * B);
      let any = false;
      for (let k = 0; k < K; k++) {
        if (registerValue(records[k]!, op.bits) !== op.value) continue;
        mask.fill(1, k * B, (k + 1) * B);
        any = true;
      }
      const before = endOfSegment(true);
      if (seg !== undefined) seg.end = before;
      const wantsBefore = keep && op.angles.some((a) => a.kind !== "const");
      stages.push({
        kind: "cond",
        op,
        mask,
        branches: K,
        before: wantsBefore ? before : undefined,
      });
      if (before !== undefined && seg === undefined && !wantsBefore) backend.free(before);
      if (any) applyCond(space, backend, buf, op, mask, tiled(K), nFeatures, false);
      continue;
    }
    // measure, reset, postselect: split each branch by the qubit's outcome
    const q = op.qubits[0];
    const w = space.weights(buf, q);
    const sources: number[] = [];
    const outcomes: number[] = [];
    const newCounts: number[] = [];
    const scales: number[] = [];
    for (let k = 0; k < K; k++) {
      const total = [0, 0];
      for (let i = 0; i < B; i++) {
        total[0] += w[2 * (k * B + i)]!;
        total[1] += w[2 * (k * B + i) + 1]!;
      }
      let drawn: [number, number] | undefined;
      if (counts !== undefined) {
        const c = counts[k]!;
        const p1 = Math.min(1, Math.max(0, total[1]! / (total[0]! + total[1]!)));
        const ones = sampleBinomial(rng!, c, p1);
        drawn = [c - ones, ones];
      }
      for (const outcome of [0, 1] as const) {
        if (op.kind === "postselect" && outcome !== op.outcome) continue;
        if (drawn !== undefined ? drawn[outcome] === 0 : total[outcome]! <= PRUNE) continue;
        sources.push(k);
        outcomes.push(outcome);
        if (drawn !== undefined) {
          newCounts.push(drawn[outcome]);
          // the branch holds sqrt(its share of the shots) times a unit state
          scales.push(Math.sqrt(drawn[outcome] / o.shots! / total[outcome]!));
        }
      }
    }
    if (op.kind === "postselect") {
      postselected = true;
      const p = Array.from({ length: B }, (_, i) => {
        let s = 0;
        for (let k = 0; k < K; k++) s += w[2 * (k * B + i) + op.outcome]!;
        return s;
      });
      const worst = Math.min(...p);
      if (sources.length === 0 || worst <= 1e-14) {
        throw new ArgumentError(
          `postselect: outcome ${op.outcome} on qubit ${q} has probability ${worst.toPrecision(3)}${B > 1 ? " for some data row" : ""}${counts !== undefined ? ` (no shot of ${o.shots} took it)` : ""}; the postselected state is undefined`,
        );
      }
    }
    if (sources.length > o.maxBranches) {
      throw new ResourceError(
        `forward: the measurement of qubit ${q} (operation ${oi}) makes ${sources.length} branches, above maxBranches = ${o.maxBranches}; sample them with forward(state, data, { shots, seed }), raise { maxBranches }, or run a DensityMatrix`,
      );
    }
    const identityMap = sources.length === K;
    const before = endOfSegment(identityMap);
    if (seg !== undefined) seg.end = before;
    else if (before !== undefined && identityMap) backend.free(before);
    const src = Int32Array.from(sources);
    const outc = Uint8Array.from(outcomes);
    const next = identityMap ? buf : gather(backend, buf, space.width, src, B);
    if (!identityMap && !keep) backend.free(buf);
    else if (!identityMap && seg === undefined) backend.free(buf);
    buf = next;
    project(space, backend, buf, q, outc, B);
    const flip = op.kind === "reset";
    if (flip) flipOnes(space, backend, buf, q, outc, B);
    if (counts !== undefined) {
      const f = new Float64Array(2 * scales.length);
      scales.forEach((s, e) => {
        f[2 * e] = s;
      });
      backend.scale(buf, f);
      counts = newCounts;
    }
    records = sources.map((k, e) => {
      const r = [...records[k]!];
      if (op.kind === "measure") r[op.bit] = outcomes[e]!;
      return r;
    });
    stages.push({ kind: "split", qubit: q, sources: src, outcomes: outc, flip, branches: K });
  }
  const last = flush(circuit.globalPhase, true);
  if (last !== undefined) last.end = buf;
  return { buffer: buf, records, counts, stages, postselected };
}

/** Rows of `data` repeated `K` times (branch-major). */
function tileRows(data: Float64Array, K: number): Float64Array {
  const out = new Float64Array(data.length * K);
  for (let k = 0; k < K; k++) out.set(data, k * data.length);
  return out;
}

/** A new buffer whose branch e (all data rows) is a copy of branch sources[e] of `buf`. */
function gather(
  backend: Backend,
  buf: StateBuffer,
  width: number,
  sources: Int32Array,
  B: number,
): StateBuffer {
  if (backend.gatherBatch !== undefined) {
    const elements = new Int32Array(sources.length * B);
    sources.forEach((k, e) => {
      for (let i = 0; i < B; i++) elements[e * B + i] = k * B + i;
    });
    return backend.gatherBatch(buf, elements);
  }
  const a = backend.toArray(buf);
  const size = 2 * 2 ** width * B;
  const out = new Float64Array(size * sources.length);
  for (let e = 0; e < sources.length; e++) {
    const s = sources[e]!;
    out.set(a.subarray(s * size, (s + 1) * size), e * size);
  }
  return backend.fromArray(width, sources.length * B, out);
}

/** Projects each branch's qubit q onto its outcome (one diagonal per element). */
function project(
  space: BranchSpace,
  backend: Backend,
  buf: StateBuffer,
  q: number,
  outcomes: Uint8Array,
  B: number,
): void {
  const p0 = space.lift(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0));
  const p1 = space.lift(Float64Array.of(0, 0, 0, 0, 0, 0, 1, 0));
  const diagOf = (m: Float64Array): Float64Array => {
    const d = Math.round(Math.sqrt(m.length / 2));
    const out = new Float64Array(2 * d);
    for (let i = 0; i < d; i++) {
      out[2 * i] = m[2 * (i * d + i)]!;
      out[2 * i + 1] = m[2 * (i * d + i) + 1]!;
    }
    return out;
  };
  const d0 = diagOf(p0);
  const d1 = diagOf(p1);
  const diag = stackSets(outcomes.length * B, (e) => (outcomes[Math.floor(e / B)] === 1 ? d1 : d0));
  backend.applyDiagonal(buf, space.targets([q]), diag);
}

const X = Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0);

/** X on qubit q of the branches whose outcome was 1 (a reset's correction). */
function flipOnes(
  space: BranchSpace,
  backend: Backend,
  buf: StateBuffer,
  q: number,
  outcomes: Uint8Array,
  B: number,
): void {
  if (!outcomes.includes(1)) return;
  const x = space.lift(X);
  const id = identity(Math.round(Math.sqrt(x.length / 2)));
  backend.applyDense(
    buf,
    space.targets([q]),
    stackSets(outcomes.length * B, (e) => (outcomes[Math.floor(e / B)] === 1 ? x : id)),
  );
}

/** The conditioned gate's matrix (or its inverse) for each element's angles. */
function condMatrices(
  op: CondOperation,
  data: Float64Array | undefined,
  nFeatures: number,
  elements: number,
  inverse: boolean,
): (e: number) => Float64Array {
  const g = op.gate;
  const k = g.gate.nParams;
  const angles = k > 0 ? resolveAngles(g, data, nFeatures, elements) : new Float64Array(0);
  const sets = k > 0 ? angles.length / k : 1;
  return (e) => {
    const theta = angles.subarray((sets === 1 ? 0 : e) * k, ((sets === 1 ? 0 : e) + 1) * k);
    const u = g.gate.matrix(theta);
    return g.adjoint !== inverse ? dagger(u) : u;
  };
}

function applyCond(
  space: BranchSpace,
  backend: Backend,
  buf: StateBuffer,
  op: CondOperation,
  mask: Uint8Array,
  data: Float64Array | undefined,
  nFeatures: number,
  inverse: boolean,
): void {
  const at = condMatrices(op, data, nFeatures, mask.length, inverse);
  const id = space.lift(identity(2 ** op.qubits.length));
  backend.applyDense(
    buf,
    space.targets(op.qubits),
    stackSets(mask.length, (e) => (mask[e] === 1 ? space.lift(at(e)) : id)),
  );
}

/** Inputs of the backward pass of a state-vector run. */
interface BackwardInput {
  backend: Backend;
  circuit: DynamicCircuit;
  run: BranchRun;
  cotangent: Tensor;
  dataBatch: number;
  data: Float64Array | undefined;
  nFeatures: number;
  wantData: boolean;
}

/**
 * The gradients of a state-vector run (module comment): per parameter, the data gradient
 * [B, nFeatures] (when wanted) and the input state's cotangent [B, 2^n].
 */
function branchBackward(input: BackwardInput): {
  parameters: Float64Array[];
  data: Float64Array | undefined;
  state: Float64Array;
} {
  const { backend, circuit, run, dataBatch: B, data, nFeatures } = input;
  const n = circuit.nQubits;
  const dim = 2 ** n;
  const params = circuit.parameters();
  const grads = new Map<Parameter, Float64Array>();
  for (const p of params) grads.set(p, new Float64Array(p.size));
  const dataGrad = input.wantData && data !== undefined ? new Float64Array(data.length) : undefined;
  const foldData = (g: Float64Array, K: number) => {
    if (dataGrad === undefined) return;
    for (let k = 0; k < K; k++)
      for (let i = 0; i < dataGrad.length; i++) dataGrad[i] += g[k * dataGrad.length + i]!;
  };
  let lam: Float64Array = Float64Array.from(input.cotangent.data);
  for (let s = run.stages.length - 1; s >= 0; s--) {
    const st = run.stages[s]!;
    const K = st.branches;
    const rows = data === undefined ? undefined : K === 1 ? data : tileRows(data, K);
    if (st.kind === "segment") {
      const r = adjointBackward({
        backend,
        operations: st.ops,
        globalPhase: st.globalPhase,
        output: st.end!,
        cotangent: fromData(lam, [K * B, dim], "complex128"),
        data: rows,
        nFeatures,
        parameters: params,
        wantData: dataGrad !== undefined,
        wantState: true,
        inputBatch: K * B,
        fusion: circuit.fusion,
      });
      r.parameters.forEach((g, j) => {
        const acc = grads.get(params[j]!)!;
        for (let i = 0; i < acc.length; i++) acc[i] += g.data[i]!;
      });
      if (r.data !== null) foldData(r.data.data, K);
      lam = Float64Array.from(r.state!.data);
    } else if (st.kind === "split") {
      const bit = 1 << (n - 1 - st.qubit);
      const size = 2 * dim;
      const back = new Float64Array(K * B * size);
      for (let e = 0; e < st.sources.length; e++) {
        const o = st.outcomes[e]!;
        for (let i = 0; i < B; i++) {
          const from = (e * B + i) * size;
          const to = (st.sources[e]! * B + i) * size;
          // forward: X^flip P_o; backward: P_o X^flip (X swaps j and j ^ bit)
          for (let j = 0; j < dim; j++) {
            if (((j & bit) !== 0 ? 1 : 0) !== o) continue;
            const src = st.flip && o === 1 ? j ^ bit : j;
            back[to + 2 * j] += lam[from + 2 * src]!;
            back[to + 2 * j + 1] += lam[from + 2 * src + 1]!;
          }
        }
      }
      lam = back;
    } else {
      const space = stateSpace(backend, circuit);
      const lamBuf = backend.fromArray(n, K * B, lam);
      try {
        if (st.before !== undefined)
          condAngleGradients(backend, st, lamBuf, rows, nFeatures, grads, dataGrad, K);
        applyCond(space, backend, lamBuf, st.op, st.mask, rows, nFeatures, true);
        lam = backend.toArray(lamBuf);
      } finally {
        backend.free(lamBuf);
      }
    }
  }
  return { parameters: params.map((p) => grads.get(p)!), data: dataGrad, state: lam };
}

/** dL/d(angle) of a conditioned gate: Re <lambda, dU psi> on the branches where it ran. */
function condAngleGradients(
  backend: Backend,
  st: Extract<Stage, { kind: "cond" }>,
  lam: StateBuffer,
  rows: Float64Array | undefined,
  nFeatures: number,
  grads: Map<Parameter, Float64Array>,
  dataGrad: Float64Array | undefined,
  K: number,
): void {
  const g = st.op.gate;
  const k = g.gate.nParams;
  const elements = st.mask.length;
  const angles = resolveAngles(g, rows, nFeatures, elements);
  const sets = angles.length / k;
  const zero = new Float64Array(2 * 4 ** g.qubits.length);
  const tiledGrad = dataGrad === undefined ? undefined : new Float64Array(dataGrad.length * K);
  const perBatch = new Float64Array(elements);
  for (let j = 0; j < k; j++) {
    const source = g.angles[j]!;
    if (source.kind === "const") continue;
    if (source.kind === "param" && !(grads.has(source.param) && source.param.requiresGrad))
      continue;
    const tmp = backend.clone(st.before!);
    try {
      const dU = stackSets(elements, (e) => {
        if (st.mask[e] !== 1) return zero;
        const theta = angles.subarray((sets === 1 ? 0 : e) * k, ((sets === 1 ? 0 : e) + 1) * k);
        const d = gateDerivative(g.gate, theta, j, g.gate.matrix(theta));
        return g.adjoint ? dagger(d) : d;
      });
      backend.applyDense(tmp, [...g.qubits], dU);
      const ip = backend.innerProduct(lam, tmp);
      for (let e = 0; e < elements; e++) perBatch[e] = ip[2 * e]!;
      accumulateAngleGradient(source, perBatch, grads, tiledGrad, rows, nFeatures, elements);
    } finally {
      backend.free(tmp);
    }
  }
  if (tiledGrad !== undefined && dataGrad !== undefined) {
    for (let kk = 0; kk < K; kk++)
      for (let i = 0; i < dataGrad.length; i++) dataGrad[i] += tiledGrad[kk * dataGrad.length + i]!;
  }
}

/** Frees the states a run kept for its backward pass (not the output). */
function releaseStages(backend: Backend, run: BranchRun): void {
  const seen = new Set<StateBuffer>([run.buffer]);
  for (const st of run.stages) {
    const b = st.kind === "segment" ? st.end : st.kind === "cond" ? st.before : undefined;
    if (b !== undefined && !seen.has(b)) {
      seen.add(b);
      backend.free(b);
    }
  }
  run.stages.length = 0;
}

/** What `runDynamicState` needs besides the circuit. */
export interface DynamicStateInput {
  backend: Backend;
  /** The initial buffer, batch B (owned by the run from now on). */
  buffer: StateBuffer;
  dataBatch: number;
  data: Tensor | undefined;
  nFeatures: number;
  /** The input state (for its gradient), if one was given. */
  state: State | undefined;
  options: DynamicRunOptions;
}

/**
 * Runs a dynamic circuit on state vectors: the branch mixture (or, with `shots`, the sampled
 * trajectories) as one `State` whose `branches` describe it (see `state/branches.ts`); an
 * autograd node in exact mode when a parameter, the data or the input state requires gradients.
 * @example
 * const psi = runDynamicState(circuit, { backend, buffer: backend.zeros(3), dataBatch: 1, data: undefined, nFeatures: 0, state: undefined, options: {} });
 */
export function runDynamicState(circuit: DynamicCircuit, input: DynamicStateInput): State {
  const { backend, dataBatch: B, data, nFeatures, state } = input;
  const o = checkDynamicOptions(input.options, false, B);
  const params = circuit.parameters();
  const needsGrad =
    o.shots === undefined &&
    isGradEnabled() &&
    (params.some((p) => p.requiresGrad) ||
      data?.requiresGrad === true ||
      state?.requiresGrad === true);
  const dataArr = data?.data;
  const run = runBranches(
    stateSpace(backend, circuit),
    backend,
    circuit,
    input.buffer,
    B,
    dataArr,
    nFeatures,
    { ...o, seed: input.options.seed },
    needsGrad,
  );
  const K = run.records.length;
  const raw = new State(run.buffer, backend);
  const describeRun = (probabilities: Float64Array, postselection?: Tensor): Branches => ({
    nBits: circuit.nBits,
    records: run.records,
    dataBatch: B,
    probabilities,
    ...(run.counts !== undefined ? { counts: run.counts } : {}),
    ...(postselection !== undefined ? { postselection } : {}),
  });
  let out = raw;
  if (needsGrad) {
    const inputs = [...params, ...(data ? [data] : []), ...(state ? [state] : [])];
    out = customOp({
      name: "circuit (dynamic)",
      inputs,
      forward: () => raw,
      backward: (grad: Tensor) => {
        try {
          const g = branchBackward({
            backend,
            circuit,
            run,
            cotangent: grad,
            dataBatch: B,
            data: dataArr,
            nFeatures,
            wantData: data?.requiresGrad === true,
          });
          const dim = 2 ** circuit.nQubits;
          const stateGrad =
            state === undefined
              ? []
              : [
                  fromData(
                    reduceRows(g.state, state.batch, B, dim),
                    [state.batch, dim],
                    "complex128",
                  ),
                ];
          return [
            ...params.map((p, j) => fromData(g.parameters[j]!, [...p.shape], "float64")),
            ...(data ? [g.data ? fromData(g.data, [...data.shape], "float64") : null] : []),
            ...stateGrad,
          ];
        } finally {
          releaseStages(backend, run);
        }
      },
    });
  } else releaseStages(backend, run);
  if (!run.postselected) {
    out.branches = describeRun(backend.normSquared(out.buffer));
    return out;
  }
  const kept = keptProbability(out, K, B);
  const normalized = normalizeRows(out, K, B);
  normalized.branches = describeRun(backend.normSquared(normalized.buffer), kept);
  return normalized;
}

/** Sums a [B, dim] cotangent over rows when the input state had batch 1 (it was broadcast). */
function reduceRows(lam: Float64Array, inputBatch: number, B: number, dim: number): Float64Array {
  if (inputBatch === B) return lam;
  const out = new Float64Array(2 * dim);
  for (let i = 0; i < B; i++) for (let j = 0; j < 2 * dim; j++) out[j] += lam[i * 2 * dim + j]!;
  return out;
}

/** Per data row: the total weight of its branches, sum_k ||phi_{k,i}||^2 (differentiable). */
function keptProbability(phi: State, K: number, B: number): Tensor {
  const norms = phi.backend.normSquared(phi.buffer);
  const total = new Float64Array(B);
  for (let e = 0; e < K * B; e++) total[e % B] += norms[e]!;
  return customOp({
    name: "postselection probability",
    inputs: [phi],
    forward: () => fromData(total, B === 1 ? [] : [B], "float64"),
    backward: (grad: Tensor) => {
      // d/dphi of ||phi||^2 in PyTorch's convention: 2 phi
      const a = phi.backend.toArray(phi.buffer);
      const size = a.length / (K * B);
      for (let e = 0; e < K * B; e++) {
        const g = 2 * grad.data[B === 1 ? 0 : e % B]!;
        for (let j = 0; j < size; j++) a[e * size + j] *= g;
      }
      return [fromData(a, [K * B, size / 2], "complex128")];
    },
  });
}

/** phi / sqrt(N_i) for each data row i (N_i its branches' total weight): the postselected state. */
function normalizeRows(phi: State, K: number, B: number): State {
  const backend = phi.backend;
  const norms = backend.normSquared(phi.buffer);
  const total = new Float64Array(B);
  for (let e = 0; e < K * B; e++) total[e % B] += norms[e]!;
  const out = backend.clone(phi.buffer);
  const f = new Float64Array(2 * K * B);
  for (let e = 0; e < K * B; e++) f[2 * e] = 1 / Math.sqrt(total[e % B]!);
  backend.scale(out, f);
  return customOp({
    name: "postselect (renormalize)",
    inputs: [phi],
    forward: () => new State(out, backend),
    backward: (grad: Tensor) => {
      // y = x / sqrt(N), N = sum ||x||^2 over the row: g_x = g / sqrt(N) - Re<x, g> x / N^(3/2)
      const x = backend.toArray(phi.buffer);
      const g = grad.data;
      const size = x.length / (K * B);
      const re = new Float64Array(B);
      for (let e = 0; e < K * B; e++) {
        for (let j = 0; j < size; j++) re[e % B] += x[e * size + j]! * g[e * size + j]!;
      }
      const gx = new Float64Array(x.length);
      for (let e = 0; e < K * B; e++) {
        const N = total[e % B]!;
        const s = 1 / Math.sqrt(N);
        const c = re[e % B]! / (N * Math.sqrt(N));
        for (let j = 0; j < size; j++)
          gx[e * size + j] = s * g[e * size + j]! - c * x[e * size + j]!;
      }
      return [fromData(gx, [K * B, size / 2], "complex128")];
    },
  });
}
