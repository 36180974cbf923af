/**
 * Running a circuit on density matrices, and its reverse-mode gradient.
 *
 * Forward: every gate is rho -> U rho U^dagger (`applyGateDensity`), every channel one pass of
 * its superoperator. Backward: with Lambda the cotangent of rho (PyTorch convention,
 * dL = Re <Lambda, d rho>), an operation rho_out = S(rho_in) sends Lambda back through the
 * adjoint map S^dagger(X) = sum_k K^dagger X K (for a gate U^dagger X U), and a parameter theta of
 * the operation gets dL/dtheta = Re <Lambda_out, (dS/dtheta)(rho_in)>, with dS/dtheta applied as
 * one dense pass: dU (x) conj(U) + U (x) conj(dU) for a gate (dU = -i/2 G U from the generator, or
 * a 4-point difference of the trigonometric matrix), and the channel's superoperator stencil
 * (`Channel.superoperatorDerivative`) for a noise strength.
 *
 * Channels can't be undone, so the sweep needs the intermediate rho_in: the forward pass keeps a
 * checkpoint every `checkpointEvery` = k operations (default ceil(sqrt(L)) for L operations) and
 * the backward pass recomputes one segment of k states at a time from its checkpoint. Memory:
 * ceil(L/k) checkpoints + k segment states + 2 (cotangent, scratch) density matrices besides
 * the output, i.e. about 2 sqrt(L) + 2 with the default; time: one extra forward pass.
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, BackendError, describe, ShapeError } from "../../errors.js";
import { customOp, fromData, isGradEnabled, type Parameter, Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import {
  type BranchSpace,
  checkDynamicOptions,
  type DynamicRunOptions,
  runBranches,
} from "../circuit/dynamic.js";
import {
  type AngleSource,
  accumulateAngleGradient,
  type ChannelLike,
  classicalBitCount,
  isDynamic,
  type Operation,
  resolveAngles,
  type StaticOperation,
} from "../circuit/operation.js";
import { gateDerivative } from "../gates/derivative.js";
import { dagger } from "../linalg.js";
import { asyncReader, deferredSweepReads } from "../state/async-reads.js";
import { State } from "../state/state.js";
import { applyGateDensity, applySuperoperator, superoperator } from "./apply.js";
import { DensityMatrix } from "./density.js";
import type { NoiseModel } from "./noise.js";

/** Options of a density-matrix run (`circuit.forward(rho, data, options)`). */
export interface DensityRunOptions {
  /** Channels to insert after matching gates (readout errors are applied at measurement). */
  noise?: NoiseModel;
  /** Keep a checkpoint of rho every k operations for the backward pass (default ceil(sqrt(L))). */
  checkpointEvery?: number;
}

/** The keys of `DensityRunOptions`. */
export const DENSITY_RUN_OPTIONS = optionKeys<DensityRunOptions>({
  noise: true,
  checkpointEvery: true,
});

/** Options of `runDensity`: the density options and, for circuits that measure, `maxBranches`. */
export type DensityForwardOptions = DensityRunOptions & DynamicRunOptions;

/** The keys of `DensityForwardOptions`. */
export const DENSITY_FORWARD_OPTIONS = optionKeys<DensityForwardOptions>({
  noise: true,
  checkpointEvery: true,
  shots: true,
  seed: true,
  maxBranches: true,
});

/** What a density run needs from a circuit. */
export interface DensityCircuit {
  /** Number of qubits. */
  readonly nQubits: number;
  /** The flat operation list, in time order. */
  readonly operations: readonly Operation[];
  /** Data features the encoding gates read from the data tensor. */
  readonly featureCount: number;
  /** The trainable parameters the operations read. */
  parameters(): Parameter[];
  /** The backend to allocate on when no input state is given. */
  backend(): Backend;
}

/**
 * Runs `circuit` on a density matrix (default |0...0><0...0|; a pure `State` input is turned
 * into |psi><psi|, without a gradient for it) and returns a new `DensityMatrix`; when a
 * parameter, the data or the input density matrix requires gradients, the result is an
 * autograd node whose backward is the checkpointed reverse sweep above.
 * @example
 * const rho = runDensity(c, DensityMatrix.zero(2), undefined, { noise });
 */
export function runDensity(
  circuit: DensityCircuit,
  state: DensityMatrix | State | undefined,
  data: Tensor | undefined,
  options: DensityForwardOptions = {},
): DensityMatrix {
  checkArity(arguments.length, 4, "runDensity");
  checkOptions(options, DENSITY_FORWARD_OPTIONS, "runDensity");
  if (
    circuit === null ||
    typeof circuit !== "object" ||
    !Array.isArray(circuit.operations) ||
    typeof circuit.parameters !== "function"
  ) {
    throw new ArgumentError(`runDensity: circuit must be a Circuit, got ${describe(circuit)}`);
  }
  if (data !== undefined && !(data instanceof Tensor)) {
    throw new ArgumentError(
      `forward: data must be a float64 tensor [batch, features] or undefined, got ${describe(data)}`,
    );
  }
  if (options.noise !== undefined && typeof options.noise?.lower !== "function") {
    throw new ArgumentError(`forward: noise must be a NoiseModel, got ${describe(options.noise)}`);
  }
  const n = circuit.nQubits;
  const backend = state?.backend ?? circuit.backend();
  let input: DensityMatrix | undefined;
  if (state instanceof State) input = DensityMatrix.fromState(state);
  else if (state !== undefined && !(state instanceof DensityMatrix))
    throw new ArgumentError("forward: state must be a State or a DensityMatrix");
  else input = state;
  if (input !== undefined && input.nQubits !== n)
    throw new ShapeError(
      `forward: the density matrix has ${input.nQubits} qubits, the circuit ${n}`,
    );
  let batch = input?.batch ?? 1;
  let dataArr: Float64Array | undefined;
  const nFeatures = circuit.featureCount;
  if (data !== undefined) {
    if (data.dtype !== "float64" || data.shape.length !== 2 || data.shape[1]! < nFeatures)
      throw new ShapeError(
        `forward: data must be a float64 tensor [batch, >= ${nFeatures} features], got ${data.dtype} [${data.shape.join(", ")}]`,
      );
    if (input !== undefined && input.batch !== 1 && input.batch !== data.shape[0])
      throw new ShapeError(
        `forward: state batch ${input.batch} does not match data batch ${data.shape[0]}`,
      );
    batch = data.shape[0]!;
    dataArr = data.data;
  } else if (nFeatures > 0) {
    throw new ArgumentError(
      `forward: the circuit has encoding gates reading ${nFeatures} features; pass a data tensor [batch, ${nFeatures}]`,
    );
  }
  const nFeat = data?.shape[1] ?? 0;
  const lowered = options.noise ? options.noise.lower(circuit.operations, n) : circuit.operations;
  if (
    lowered.some(isDynamic) ||
    options.shots !== undefined ||
    options.seed !== undefined ||
    options.maxBranches !== undefined
  ) {
    const { maxBranches } = checkDynamicOptions(options, true, batch);
    const buf = initialBuffer(backend, n, batch, input);
    if (state instanceof State) input!.free();
    return densityBranches(circuit, lowered, backend, buf, batch, data, maxBranches);
  }
  const ops = staticOperations(lowered);
  const every = options.checkpointEvery ?? Math.max(1, Math.ceil(Math.sqrt(ops.length)));
  if (!Number.isInteger(every) || every < 1)
    throw new ArgumentError(`forward: checkpointEvery must be a positive integer, got ${every}`);

  const params = circuit.parameters();
  const inputGrad = state instanceof DensityMatrix && state.requiresGrad;
  const needsGrad =
    isGradEnabled() &&
    (params.some((p) => p.requiresGrad) || data?.requiresGrad === true || inputGrad);

  const buf = initialBuffer(backend, n, batch, input);
  if (state instanceof State) input!.free();
  const checkpoints: StateBuffer[] = [];
  const run = (from: number, to: number, b: StateBuffer, keep?: StateBuffer[]): void => {
    for (let i = from; i < to; i++) {
      if (keep !== undefined && i % every === 0) keep.push(backend.clone(b));
      applyOperation(backend, b, n, ops[i]!, dataArr, nFeat);
    }
  };
  run(0, ops.length, buf, needsGrad ? checkpoints : undefined);
  const out = new DensityMatrix(buf, backend);
  if (!needsGrad) return out;

  const inputs = [...params, ...(data ? [data] : []), ...(inputGrad ? [state] : [])];
  const request = (grad: Tensor): BackwardInput => ({
    backend,
    n,
    ops,
    checkpoints,
    every,
    cotangent: grad,
    batch,
    data: dataArr,
    nFeatures: nFeat,
    parameters: params,
    wantData: data?.requiresGrad === true,
    wantState: inputGrad,
    run,
  });
  const pack = (g: SweepGradients): (Tensor | null)[] => {
    const stateGrad =
      inputGrad && g.state !== undefined
        ? reduceBatch(g.state, (state as DensityMatrix).batch, batch)
        : null;
    return [...g.parameters, ...(data ? [g.data] : []), ...(inputGrad ? [stateGrad] : [])];
  };
  const releaseCheckpoints = (): void => {
    for (const c of checkpoints) backend.free(c);
    checkpoints.length = 0;
  };
  return customOp({
    name: "circuit (density matrix)",
    inputs,
    forward: () => out,
    backward: (grad: Tensor) => {
      try {
        return pack(densityBackward(request(grad)));
      } finally {
        releaseCheckpoints();
      }
    },
    backwardAsync: async (grad: Tensor) => {
      try {
        return pack(await densityBackwardAsync(request(grad)));
      } finally {
        releaseCheckpoints();
      }
    },
  });
}

/**
 * Applies one operation (gate or channel) to the density-matrix buffer `buf` (2n qubits).
 * @example
 * applyOperation(backend, rho.buffer, 2, circuit.operations[0], undefined, 0);
 */
export function applyOperation(
  backend: Backend,
  buf: StateBuffer,
  n: number,
  op: StaticOperation,
  data: Float64Array | undefined,
  nFeatures: number,
): void {
  const k = op.kind === "gate" ? op.gate.nParams : op.channel.nParams;
  const angles = k > 0 ? resolveAngles(op, data, nFeatures, buf.batch) : undefined;
  if (op.kind === "gate") {
    applyGateDensity(backend, buf, n, op.gate, op.qubits, angles, op.adjoint);
    return;
  }
  const sets = angles === undefined ? 1 : angles.length / k;
  applySuperoperator(
    backend,
    buf,
    n,
    op.qubits,
    stackSets(sets, (b) =>
      superoperator(op.channel.kraus(angles?.subarray(b * k, (b + 1) * k) ?? [])),
    ),
  );
}

interface BackwardInput {
  backend: Backend;
  n: number;
  ops: readonly StaticOperation[];
  checkpoints: readonly StateBuffer[];
  every: number;
  cotangent: Tensor;
  batch: number;
  data: Float64Array | undefined;
  nFeatures: number;
  parameters: readonly Parameter[];
  wantData: boolean;
  wantState: boolean;
  run: (from: number, to: number, b: StateBuffer) => void;
}

interface SweepGradients {
  parameters: Tensor[];
  data: Tensor | null;
  /** The cotangent of the input rho (vec form), when asked for. */
  state: Float64Array | undefined;
}

/**
 * The sweep's reads: Re <Lambda|dS rho> per parameter step, handed to `use` at once (cpu) or
 * after every deferred value was read back in one copy (webgpu). Callbacks run in the order asked.
 */
interface SweepReads {
  innerProduct(a: StateBuffer, b: StateBuffer, use: (ip: Float64Array) => void): void;
}

/** The reverse sweep on a synchronous backend (cpu). */
function densityBackward(input: BackwardInput): SweepGradients {
  const { backend } = input;
  if (asyncReader(backend) !== undefined) {
    throw new BackendError(
      `circuit backward (density matrix): the ${backend.name} backend reads results back asynchronously; use await runBackwardAsync(loss) (loss.backwardAsync())`,
    );
  }
  const sweep = recordSweep(input, {
    innerProduct: (a, b, use) => use(backend.innerProduct(a, b)),
  });
  try {
    return sweep.result(input.wantState ? backend.toArray(sweep.lam) : undefined);
  } finally {
    sweep.free();
  }
}

/**
 * The reverse sweep on any backend. On one that reads back asynchronously (webgpu) it is two
 * phases: the whole sweep is recorded as one command stream with one deferred inner product per
 * parameter step, then `resolveDeferred()` reads them all and the gradients are accumulated.
 */
async function densityBackwardAsync(input: BackwardInput): Promise<SweepGradients> {
  const gpu = asyncReader(input.backend);
  if (gpu === undefined) return densityBackward(input);
  const reads = deferredSweepReads(gpu, input.batch);
  const sweep = recordSweep(input, reads);
  try {
    await reads.deliver();
    return sweep.result(input.wantState ? await gpu.toArrayAsync(sweep.lam) : undefined);
  } finally {
    sweep.free();
  }
}

/**
 * Records the checkpointed reverse sweep (module comment); the gradients are complete once every
 * read has been delivered to its callback.
 */
function recordSweep(
  input: BackwardInput,
  reads: SweepReads,
): {
  lam: StateBuffer;
  result(lamArr: Float64Array | undefined): SweepGradients;
  free(): void;
} {
  const { backend, n, ops, checkpoints, every, batch, data, nFeatures } = input;
  const D = 4 ** n;
  if (input.cotangent.dtype !== "complex128" || input.cotangent.size !== batch * D)
    throw new ShapeError(
      `circuit backward: the cotangent must be complex128 with ${batch} x ${D} entries, got ${input.cotangent.dtype} [${input.cotangent.shape.join(", ")}]`,
    );
  const grads = new Map<Parameter, Float64Array>();
  for (const p of input.parameters) grads.set(p, new Float64Array(p.size));
  const dataGrad = input.wantData ? new Float64Array(batch * nFeatures) : undefined;
  const lam = backend.fromArray(2 * n, batch, Float64Array.from(input.cotangent.data));
  const tmp = backend.zeros(2 * n, batch);
  const seg: StateBuffer[] = [];
  const perBatch = new Float64Array(batch);
  const free = (): void => {
    for (let i = 1; i < seg.length; i++) backend.free(seg[i]!);
    seg.length = 0;
    backend.free(lam);
    backend.free(tmp);
  };
  try {
    for (let s = checkpoints.length - 1; s >= 0; s--) {
      const start = s * every;
      const end = Math.min(ops.length, start + every);
      // seg[i - start] = rho before operation i
      seg.push(checkpoints[s]!);
      for (let i = start + 1; i < end; i++) {
        const b = backend.clone(seg[seg.length - 1]!);
        input.run(i - 1, i, b);
        seg.push(b);
      }
      for (let i = end - 1; i >= start; i--) {
        const op = ops[i]!;
        const rhoIn = seg[i - start]!;
        const k = op.kind === "gate" ? op.gate.nParams : op.channel.nParams;
        const angles = k > 0 ? resolveAngles(op, data, nFeatures, batch) : undefined;
        const sets = angles === undefined ? 1 : angles.length / k;
        const targets = [...op.qubits, ...op.qubits.map((q) => q + n)];
        for (let j = 0; j < k; j++) {
          const source = op.angles[j]!;
          if (!wanted(source, grads, dataGrad)) continue;
          const dS = stackSets(sets, (b) =>
            derivativeSuperop(op, angles!.subarray(b * k, (b + 1) * k), j),
          );
          backend.copyInto(tmp, rhoIn);
          backend.applyDense(tmp, targets, dS);
          reads.innerProduct(lam, tmp, (ip) => {
            for (let b = 0; b < batch; b++) perBatch[b] = ip[2 * b]!;
            accumulateAngleGradient(source, perBatch, grads, dataGrad, data, nFeatures, batch);
          });
        }
        // Lambda <- S^dagger(Lambda)
        if (op.kind === "gate") {
          applyGateDensity(backend, lam, n, op.gate, op.qubits, angles, !op.adjoint);
        } else {
          const adj = stackSets(sets, (b) =>
            superoperator(
              op.channel.kraus(angles?.subarray(b * k, (b + 1) * k) ?? []).map((K) => dagger(K)),
            ),
          );
          backend.applyDense(lam, targets, adj);
        }
      }
      // free the recomputed states (the checkpoint is freed by the caller)
      for (let i = 1; i < seg.length; i++) backend.free(seg[i]!);
      seg.length = 0;
    }
  } catch (e) {
    free();
    throw e;
  }
  return {
    lam,
    result: (lamArr) => ({
      parameters: input.parameters.map((p) => fromData(grads.get(p)!, [...p.shape], "float64")),
      data: dataGrad ? fromData(dataGrad, [batch, nFeatures], "float64") : null,
      state: lamArr,
    }),
    free,
  };
}

/** vec(rho) as a branch space: projections and gates act as M (x) conj(M) on (q, q + n). */
function densitySpace(backend: Backend, n: number): BranchSpace {
  const d = 2 ** n;
  return {
    n,
    width: 2 * n,
    weights: (buf, q) => {
      const a = backend.toArray(buf);
      const w = new Float64Array(2 * buf.batch);
      const bit = n - 1 - q;
      for (let e = 0; e < buf.batch; e++) {
        for (let r = 0; r < d; r++) w[2 * e + ((r >> bit) & 1)] += a[2 * (e * d * d + r * d + r)]!;
      }
      return w;
    },
    targets: (qubits) => [...qubits, ...qubits.map((q) => q + n)],
    lift: (m) => superoperator([m]),
    runGates: (buf, ops, data, nFeatures) => {
      for (const op of ops) applyOperation(backend, buf, n, op, data, nFeatures);
    },
  };
}

/**
 * A dynamic circuit on density matrices (exact): the branches of `runBranches`, summed into one
 * rho per data row; `branches` keeps the records and their probabilities. Not differentiable:
 * the result's backward refuses (gradients of branch mixtures run on State inputs).
 */
function densityBranches(
  circuit: DensityCircuit,
  ops: readonly Operation[],
  backend: Backend,
  buf: StateBuffer,
  batch: number,
  data: Tensor | undefined,
  maxBranches: number,
): DensityMatrix {
  const n = circuit.nQubits;
  const params = circuit.parameters();
  const run = runBranches(
    densitySpace(backend, n),
    backend,
    {
      nQubits: n,
      operations: ops,
      globalPhase: 0,
      fusion: undefined,
      nBits: classicalBitCount(ops),
      parameters: () => params,
    },
    buf,
    batch,
    data?.data,
    data?.shape[1] ?? 0,
    { maxBranches },
    false,
  );
  const K = run.records.length;
  const D = 4 ** n;
  const d = 2 ** n;
  const a = backend.toArray(run.buffer);
  backend.free(run.buffer);
  const probabilities = new Float64Array(K * batch);
  const sum = new Float64Array(2 * D * batch);
  const total = new Float64Array(batch);
  for (let e = 0; e < K * batch; e++) {
    const row = e % batch;
    for (let r = 0; r < d; r++) probabilities[e] += a[2 * (e * D + r * d + r)]!;
    total[row] += probabilities[e]!;
    for (let j = 0; j < 2 * D; j++) sum[2 * D * row + j] += a[2 * D * e + j]!;
  }
  if (run.postselected) {
    for (let e = 0; e < K * batch; e++) probabilities[e] /= total[e % batch]!;
    for (let j = 0; j < sum.length; j++) sum[j] /= total[Math.floor(j / (2 * D))]!;
  }
  const rho = new DensityMatrix(backend.fromArray(2 * n, batch, sum), backend);
  rho.branches = {
    nBits: classicalBitCount(ops),
    records: run.records,
    dataBatch: batch,
    probabilities,
    ...(run.postselected
      ? { postselection: fromData(total, batch === 1 ? [] : [batch], "float64") }
      : {}),
  };
  const wants =
    isGradEnabled() && (params.some((p) => p.requiresGrad) || data?.requiresGrad === true);
  if (!wants) return rho;
  return customOp({
    name: "circuit (density matrix, measured)",
    inputs: [...params, ...(data ? [data] : [])],
    forward: () => rho,
    backward: () => {
      throw new ArgumentError(
        "circuit backward: gradients of density-matrix runs with measurements, resets or conditions are not implemented; run the circuit on a State (its exact branch mixture is differentiable)",
      );
    },
  });
}

/** The operations as gates and channels (dynamic circuits run in `circuit/dynamic.ts`). */
function staticOperations(ops: readonly Operation[]): readonly StaticOperation[] {
  for (const op of ops) {
    if (op.kind !== "gate" && op.kind !== "channel")
      throw new ArgumentError(
        `runDensity: the circuit has a ${op.kind} operation; run it with circuit.forward(rho), which branches on measurements`,
      );
  }
  return ops as readonly StaticOperation[];
}

/**
 * d/d theta_j of the operation's superoperator at `theta` (one parameter set).
 * @example
 * const dS = derivativeSuperop(circuit.operations[0]!, new Float64Array([0.3]), 0);
 */
export function derivativeSuperop(
  op: StaticOperation,
  theta: Float64Array,
  j: number,
): Float64Array {
  if (op.kind === "channel") {
    return channelSuperopDerivative(op.channel, theta, j);
  }
  let U: Float64Array = op.gate.matrix(theta);
  let dU: Float64Array = gateDerivative(op.gate, theta, j, U);
  if (op.adjoint) {
    U = dagger(U);
    dU = dagger(dU);
  }
  return superoperator([dU, U], undefined, [U, dU]);
}

/** dS/dtheta_j of a channel: its own stencil (a `Channel`), else central differences of S. */
function channelSuperopDerivative(
  channel: ChannelLike,
  theta: Float64Array,
  j: number,
): Float64Array {
  const c = channel as {
    superoperatorDerivative?: (p: ArrayLike<number>, j: number) => Float64Array;
  };
  if (typeof c.superoperatorDerivative === "function") return c.superoperatorDerivative(theta, j);
  const h = 1e-5 * Math.max(1, Math.abs(theta[j]!));
  const up = Float64Array.from(theta);
  const dn = Float64Array.from(theta);
  up[j] += h;
  dn[j] -= h;
  const a = superoperator(channel.kraus(up));
  const b = superoperator(channel.kraus(dn));
  return a.map((v, i) => (v - b[i]!) / (2 * h));
}

function wanted(
  source: AngleSource,
  grads: Map<Parameter, Float64Array>,
  dataGrad: Float64Array | undefined,
): boolean {
  if (source.kind === "param") return grads.has(source.param) && source.param.requiresGrad;
  return source.kind === "data" && dataGrad !== undefined;
}

function stackSets(sets: number, one: (b: number) => Float64Array): Float64Array {
  if (sets === 1) return one(0);
  const first = one(0);
  const out = new Float64Array(first.length * sets);
  out.set(first, 0);
  for (let b = 1; b < sets; b++) out.set(one(b), b * first.length);
  return out;
}

function initialBuffer(
  backend: Backend,
  n: number,
  batch: number,
  rho: DensityMatrix | undefined,
): StateBuffer {
  if (rho === undefined) return backend.zeros(2 * n, batch);
  if (rho.batch === batch) return backend.clone(rho.buffer);
  return backend.broadcast(rho.buffer, batch); // a single density matrix over the batch
}

/** The input's gradient: summed over the batch when a batch-1 input was broadcast. */
function reduceBatch(lam: Float64Array, inputBatch: number, batch: number): Tensor {
  const per = lam.length / batch / 2;
  if (inputBatch === batch) return fromData(lam, [batch, per], "complex128");
  const sum = new Float64Array(2 * per);
  for (let b = 0; b < batch; b++) for (let i = 0; i < 2 * per; i++) sum[i] += lam[b * 2 * per + i]!;
  return fromData(sum, [1, per], "complex128");
}
