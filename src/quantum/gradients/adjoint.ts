/**
 * The adjoint method (Yao, PennyLane "adjoint"): gradients of a real loss with respect to every
 * angle, the data and the input state, from one reverse sweep over the circuit.
 *
 * With psi_k the state after step k and lambda_k the cotangent there (PyTorch's convention:
 * dL/dRe + i dL/dIm), a step exp(-i a G / 2) contributes dL/da = 1/2 Im <lambda_k|G|psi_k>; then
 * both states are carried back through the step's inverse.
 *
 * Fast path (backends with `overlapMatrix`): the sweep walks the same fused blocks as the forward
 * pass (`fusion.ts`). Per block, one reduction gives M = Tr_rest |psi><lambda| on the block's
 * qubits at the block's output; every gradient inside the block is then Im Tr(A M^T) with
 * A = W G W^dagger (W the block's steps after the differentiated one, G its generator), all
 * small-matrix work; then the block's inverse is applied to both states. About three state sweeps
 * per block against one in the forward pass, no scratch state. Runs of consecutive blocks of at
 * most 2 qubits with one matrix for the batch go to `Backend.adjointSteps` in one call where the
 * backend has it: the cpu sweeps those on its low qubits chunk by chunk, so psi and lambda stay
 * in cache across the run (layered-10 gradient: 5.0x -> 4.5x forward at n = 16, ~6x -> 4.6x at
 * n = 20, one thread, interleaved runs on a loaded machine).
 * Fallback (no `overlapMatrix`, or blocks wider than 5 qubits): per step, copy psi, apply G, take
 * <lambda|G psi>. Memory: psi and lambda (plus one scratch state in the fallback) besides the
 * forward output, however deep the circuit.
 * Asynchronous backends (webgpu): `adjointBackwardAsync` runs the same sweep with its reads
 * (`SweepReads`: overlap matrices of fused blocks up to `maxOverlapQubits`, inner products
 * elsewhere) recorded as deferred GPU slots, reads them back once, then accumulates; the cpu
 * answers the same reads at once, so the sweep is written once.
 */
import type { AdjointStepSpec, Backend, PauliString, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, BackendError, ShapeError } from "../../errors.js";
import { fromData, type Parameter, type Tensor } from "../../tensor/index.js";
import {
  blockMatrix,
  type FusedBlock,
  type FusedProgram,
  fusedProgram,
  fusionFromEnv,
  gateMatrix,
  leftMultiply,
} from "../circuit/fusion.js";
import {
  accumulateAngleGradient,
  describeOperation,
  type GateOperation,
  type Operation,
  resolveAngles,
} from "../circuit/operation.js";
import { applyGate } from "../gates/apply.js";
import { type GateEntry, globalPhaseFactor } from "../gates/table.js";
import { asyncReader, deferredSweepReads } from "../state/async-reads.js";
import { stateCotangent, takeStateCotangent } from "../state/state-cotangent.js";

/** What `adjointBackward` needs from the forward pass. */
export interface AdjointInput {
  /** The backend that ran the circuit (and owns `output`). */
  backend: Backend;
  /** The circuit's flat operation list, in time order. */
  operations: readonly Operation[];
  /** The circuit's global phase (applied after the gates). */
  globalPhase: number;
  /** The forward output (not modified). */
  output: StateBuffer;
  /** dL/d(output), complex128 with batch * 2^n entries. */
  cotangent: Tensor;
  /** The encoding features, [batch, nFeatures] row-major, when the circuit reads data. */
  data: Float64Array | undefined;
  /** Features per batch row of `data`. */
  nFeatures: number;
  /** The circuit's parameters; gradients come back in this order. */
  parameters: readonly Parameter[];
  /** Whether the data gradient is wanted (the data tensor requires grad). */
  wantData: boolean;
  /** Whether the input state's gradient is wanted. */
  wantState: boolean;
  /** Batch of the input state (1 = broadcast: its gradient sums over the batch). */
  inputBatch: number;
  /** Gate fusion of the sweep (largest block; 0 = per gate). Default as in `executeOperations`. */
  fusion?: number;
  /** A fused program of `operations` to sweep instead of the cached plan (tests). */
  program?: FusedProgram;
}

/** Shifts one angle of one operation (for every batch element) when re-running a circuit. */
export interface AngleShift {
  /** Index into the circuit's operation list. */
  operation: number;
  /** Which of the operation's angles. */
  angle: number;
  /** Added to the angle (radians). */
  delta: number;
}

/**
 * What any circuit-gradient method receives: the adjoint's input, plus `run`, which re-runs the
 * circuit from its initial state with the current parameter and data values (optionally one angle
 * shifted) and returns a new buffer the caller frees.
 */
export interface GradientRequest extends AdjointInput {
  /** Re-runs the circuit (one angle shifted, if given) into a new buffer the caller frees. */
  run(shift?: AngleShift): StateBuffer;
}

/** Gradients, in the order of `parameters`; `data` and `state` when asked for. */
export interface GradientResult {
  /** One gradient per parameter, shaped like it. */
  parameters: Tensor[];
  /** The data gradient [batch, nFeatures], or null when not asked for. */
  data: Tensor | null;
  /** The input state's gradient (complex128), or null when not asked for. */
  state: Tensor | null;
}

/** One one-parameter (or fixed) unitary step of an operation, in circuit qubits. */
interface Step {
  gate: GateEntry;
  qubits: readonly number[];
  /** Index into the operation's angles, or -1 for a fixed factor. */
  param: number;
  scale: number;
  offset: number;
  adjoint: boolean;
}

/**
 * Runs the reverse sweep and returns the gradients.
 * @example
 * // used by Circuit.forward's autograd node; see test/quantum/adjoint.test.ts
 */
export function adjointBackward(input: AdjointInput): GradientResult {
  const { backend } = input;
  if (asyncReader(backend) !== undefined) {
    throw new BackendError(
      `circuit backward: the ${backend.name} backend reads results back asynchronously; use await runBackwardAsync(loss) (loss.backwardAsync()), which takes the adjoint's two-phase path`,
    );
  }
  const overlap = backend.overlapMatrix?.bind(backend);
  const sweep = startSweep(input, {
    innerProduct: (a, b, use) => use(backend.innerProduct(a, b)),
    overlap: overlap && ((a, b, qubits, use) => use(overlap(a, b, qubits))),
    maxOverlapQubits: MAX_OVERLAP_QUBITS,
    steps: overlap && backend.adjointSteps?.bind(backend),
  });
  try {
    sweep.run();
    if (sweep.carried && input.wantState) {
      // the input state's cotangent stays a state of the backend too (mps)
      const r = sweep.result(undefined);
      return { ...r, state: stateCotangent(backend.clone(sweep.lam)) };
    }
    return sweep.result(input.wantState ? backend.toArray(sweep.lam) : undefined);
  } finally {
    sweep.free();
  }
}

/**
 * `adjointBackward` for every backend, asynchronous ones included. On a backend that reads back
 * asynchronously (webgpu) it takes the two-phase path: the same reverse sweep records each inner
 * product into a deferred GPU slot (one per parameter step; the sweep is one command stream),
 * `resolveDeferred()` reads them all back at once, then the gradients are accumulated. Elsewhere
 * it is `adjointBackward`.
 * @example
 * const g = await adjointBackwardAsync(request); // used by the circuit node's backwardAsync
 */
export async function adjointBackwardAsync(input: AdjointInput): Promise<GradientResult> {
  const gpu = asyncReader(input.backend);
  if (gpu === undefined) return adjointBackward(input);
  const batch = input.output.batch;
  const reads = deferredSweepReads(gpu, batch);
  const pauliInner = gpu.pauliInnerDeferred?.bind(gpu);
  const overlap = gpu.overlapMatrixDeferred?.bind(gpu);
  const sweep = startSweep(input, {
    innerProduct: reads.innerProduct,
    overlap:
      overlap &&
      ((a, b, qubits, use) =>
        reads.add(overlap(a, b, qubits), 2 * 4 ** qubits.length * batch, use)),
    maxOverlapQubits: Math.min(MAX_OVERLAP_QUBITS, gpu.maxOverlapQubits ?? 1),
    pauliInner:
      pauliInner && ((a, pauli, b, use) => reads.add(pauliInner(a, pauli, b), 2 * batch, use)),
  });
  try {
    sweep.run();
    await reads.deliver();
    return sweep.result(input.wantState ? await gpu.toArrayAsync(sweep.lam) : undefined);
  } finally {
    sweep.free();
  }
}

/**
 * The sweep's reads: <a|b> per batch element (interleaved complex) handed to `use`, at once
 * (cpu) or after the deferred values are read back (webgpu). Callbacks run in the order asked.
 */
interface SweepReads {
  innerProduct(a: StateBuffer, b: StateBuffer, use: (ip: Float64Array) => void): void;
  /**
   * The overlap matrix of `a` and `b` on `qubits` (`Backend.overlapMatrix`), where the backend
   * has one: the sweep then walks fused blocks, one overlap per block, instead of one inner
   * product per step.
   */
  overlap?(
    a: StateBuffer,
    b: StateBuffer,
    qubits: readonly number[],
    use: (m: Float64Array) => void,
  ): void;
  /** The widest block `overlap` takes (wider blocks take the per-step path). */
  maxOverlapQubits?: number;
  /** `Backend.adjointSteps`, where the backend has it and answers at once (runs of simple blocks). */
  steps?: Backend["adjointSteps"];
  /** <a|P|b> in one pass, where the backend has it (else: scratch copy, P, `innerProduct`). */
  pauliInner?(
    a: StateBuffer,
    pauli: PauliString,
    b: StateBuffer,
    use: (ip: Float64Array) => void,
  ): void;
}

/** A prepared reverse sweep: `run` records it, `result` packs the gradients, `free` cleans up. */
interface Sweep {
  lam: StateBuffer;
  /** Whether lambda came as a buffer (`stateCotangent`) rather than dense amplitudes. */
  carried: boolean;
  run(): void;
  /** The gradients, once every read has been delivered; `lamArr`: lambda's final amplitudes. */
  result(lamArr: Float64Array | undefined): GradientResult;
  free(): void;
}

function startSweep(input: AdjointInput, reads: SweepReads): Sweep {
  const { backend, operations, output, data, nFeatures } = input;
  const n = output.nQubits;
  const batch = output.batch;
  const dim = 2 ** n;
  const carried = takeStateCotangent(input.cotangent);
  if (carried === undefined && backend.stateCotangents === true) {
    throw new ShapeError(
      `circuit backward: on the ${backend.name} backend the circuit's output must reach the loss through one expecVal (its gradient travels as a state, which a sum of two readers or a dense tensor op cannot carry)`,
    );
  }
  if (
    carried === undefined &&
    input.cotangent.size * (input.cotangent.dtype === "complex128" ? 1 : 0) !== batch * dim
  ) {
    throw new ShapeError(
      `circuit backward: the cotangent must be complex128 with ${batch} x ${dim} entries, got ${input.cotangent.dtype} [${input.cotangent.shape.join(", ")}]`,
    );
  }
  const grads = new Map<Parameter, Float64Array>();
  for (const p of input.parameters) grads.set(p, new Float64Array(p.size));
  const dataGrad = input.wantData ? new Float64Array(batch * nFeatures) : undefined;

  // psi and lambda side by side where the backend can (one pass reads both)
  const [psi, lam] =
    carried !== undefined
      ? ([backend.clone(output), carried] as const)
      : (backend.clonePair?.(output, input.cotangent.data) ??
        ([backend.clone(output), backend.fromArray(n, batch, input.cotangent.data)] as const));
  let tmp: StateBuffer | undefined;
  const ctx: SweepContext = {
    backend,
    reads,
    psi,
    lam,
    scratch: () => {
      tmp ??= backend.zeros(n, batch);
      return tmp;
    },
    data,
    nFeatures,
    batch,
    grads,
    dataGrad,
  };
  const run = (): void => {
    if (input.globalPhase !== 0) {
      const undo = new Float64Array([Math.cos(input.globalPhase), -Math.sin(input.globalPhase)]);
      backend.scale(psi, undo);
      backend.scale(lam, undo);
    }
    for (const op of operations) {
      if (op.kind !== "gate") {
        throw new ArgumentError(
          `adjoint: the ${describeOperation(op)} needs the density-matrix gradient or the dynamic engine`,
        );
      }
    }
    const gateOps = operations as readonly GateOperation[];
    const asked = input.fusion ?? fusionFromEnv();
    const maxQubits = Math.min(asked, backend.maxFusedQubits ?? asked);
    if (reads.overlap === undefined) {
      for (let oi = gateOps.length - 1; oi >= 0; oi--) operationBackward(ctx, gateOps[oi]!);
    } else {
      const program = input.program ?? fusedProgram(operations, n, maxQubits);
      for (let bi = program.blocks.length - 1; bi >= 0; ) {
        const run: FusedBlock[] = [];
        while (reads.steps !== undefined && bi >= 0 && isSimpleStep(program.blocks[bi]!, data)) {
          run.push(program.blocks[bi--]!);
        }
        if (run.length > 0) stepsBackward(ctx, gateOps, run, reads.steps!);
        else blockBackward(ctx, gateOps, program.blocks[bi--]!);
      }
    }
  };
  const result = (lamArr: Float64Array | undefined): GradientResult => {
    const parameters = input.parameters.map((p) =>
      fromData(grads.get(p)!, [...p.shape], "float64"),
    );
    const dataT = dataGrad ? fromData(dataGrad, [batch, nFeatures], "float64") : null;
    let stateT: Tensor | null = null;
    if (lamArr !== undefined) {
      if (input.inputBatch === 1 && batch > 1) {
        const sum = new Float64Array(2 * dim);
        for (let b = 0; b < batch; b++)
          for (let i = 0; i < 2 * dim; i++) sum[i] += lamArr[b * 2 * dim + i]!;
        stateT = fromData(sum, [1, dim], "complex128");
      } else {
        stateT = fromData(lamArr, [batch, dim], "complex128");
      }
    }
    return { parameters, data: dataT, state: stateT };
  };
  const free = (): void => {
    backend.free(psi);
    backend.free(lam);
    if (tmp !== undefined) backend.free(tmp);
  };
  return { lam, carried: carried !== undefined, run, result, free };
}

/** The sweep's state: both buffers, a lazily made scratch state, the gradient accumulators. */
interface SweepContext {
  backend: Backend;
  reads: SweepReads;
  psi: StateBuffer;
  lam: StateBuffer;
  scratch: () => StateBuffer;
  data: Float64Array | undefined;
  nFeatures: number;
  batch: number;
  grads: Map<Parameter, Float64Array>;
  dataGrad: Float64Array | undefined;
}

/** Widest block the overlap-matrix path takes (a 32 x 32 matrix per batch element). */
const MAX_OVERLAP_QUBITS = 5;

/**
 * One fused block backwards: gradients of its operations from one overlap matrix, then the
 * block's inverse on both states.
 */
function blockBackward(ctx: SweepContext, ops: readonly GateOperation[], block: FusedBlock): void {
  const { backend, psi, lam, data, nFeatures, batch } = ctx;
  const k = block.qubits.length;
  if (block.parametric && k > (ctx.reads.maxOverlapQubits ?? MAX_OVERLAP_QUBITS)) {
    for (let t = block.ops.length - 1; t >= 0; t--) operationBackward(ctx, ops[block.ops[t]!]!);
    return;
  }
  const shared = !block.perBatch || data === undefined;
  if (block.parametric && k === 1 && shared && backend.adjointStep !== undefined) {
    // one pass: the overlap, then the block's inverse on both states
    const inv =
      block.ops.length === 1
        ? singleInverse(ops[block.ops[0]!]!, data, nFeatures, batch)
        : blockMatrix(block, ops, data, nFeatures, batch, undefined, true);
    blockGradients(ctx, ops, block, backend.adjointStep(psi, lam, block.qubits, inv));
    return;
  }
  if (block.parametric) {
    // the gradients need only M: on webgpu they are accumulated once M is read back
    ctx.reads.overlap!(lam, psi, block.qubits, (m) => blockGradients(ctx, ops, block, m));
  }
  if (block.ops.length === 1) {
    const op = ops[block.ops[0]!]!;
    const angles = op.gate.nParams > 0 ? resolveAngles(op, data, nFeatures, batch) : undefined;
    applyGate(backend, psi, op.gate, op.qubits, angles, { adjoint: !op.adjoint });
    applyGate(backend, lam, op.gate, op.qubits, angles, { adjoint: !op.adjoint });
  } else {
    const inv = blockMatrix(block, ops, data, nFeatures, batch, undefined, true);
    backend.applyDense(psi, block.qubits, inv);
    backend.applyDense(lam, block.qubits, inv);
  }
}

/**
 * Whether `adjointSteps` takes the block: at most 2 qubits, one matrix for the whole batch (the
 * gradients need only the block's overlap matrix).
 */
function isSimpleStep(block: FusedBlock, data: Float64Array | undefined): boolean {
  return block.qubits.length <= 2 && (!block.perBatch || data === undefined);
}

/**
 * A run of simple blocks (in reverse order) in one `adjointSteps` call: each block's inverse on
 * both states, its gradients from the overlap matrix the call returns.
 */
function stepsBackward(
  ctx: SweepContext,
  ops: readonly GateOperation[],
  run: readonly FusedBlock[],
  adjointSteps: NonNullable<Backend["adjointSteps"]>,
): void {
  const { data, nFeatures, batch } = ctx;
  const specs: AdjointStepSpec[] = run.map((block) => ({
    qubits: block.qubits,
    matrix:
      block.ops.length === 1
        ? singleInverse(ops[block.ops[0]!]!, data, nFeatures, batch)
        : blockMatrix(block, ops, data, nFeatures, batch, undefined, true),
    overlap: block.parametric,
  }));
  const overlaps = adjointSteps(ctx.psi, ctx.lam, specs);
  run.forEach((block, i) => {
    if (block.parametric) blockGradients(ctx, ops, block, overlaps[i]!);
  });
}

/**
 * The gradients of a block's angles from M (batch blocks of the overlap matrix of lambda and
 * psi at the block's output). Walking the block backwards, V = W^dagger (W: the steps after the
 * current one) is built up, and <lambda|W G W^dagger|psi> = sum_ab (V^dagger G V)_ab M_ab.
 */
function blockGradients(
  ctx: SweepContext,
  ops: readonly GateOperation[],
  block: FusedBlock,
  m: Float64Array,
): void {
  const { data, nFeatures, batch } = ctx;
  const k = block.qubits.length;
  const d = 1 << k;
  const size = 2 * d * d;
  const perBatch = block.perBatch && data !== undefined;
  const sets = perBatch ? batch : 1;
  // shared angles: the gradient is linear in M, so the batch's matrices are summed first
  let mm = m;
  if (!perBatch && batch > 1) {
    mm = new Float64Array(size);
    for (let b = 0; b < batch; b++) for (let i = 0; i < size; i++) mm[i] += m[b * size + i]!;
  }
  const angleList = block.ops.map((oi) => {
    const op = ops[oi]!;
    return op.gate.nParams > 0 ? resolveAngles(op, data, nFeatures, batch) : undefined;
  });
  // per-source gradients of each set, accumulated after the walk
  const values: Float64Array[] = block.ops.map(
    (oi) => new Float64Array(ops[oi]!.gate.nParams * sets),
  );
  const v = new Float64Array(size);
  const x = new Float64Array(size);
  const scratch = new Float64Array(2 * d);
  for (let s = 0; s < sets; s++) {
    const ms = mm.subarray(s * size, (s + 1) * size);
    let traceIm = 0;
    for (let j = 0; j < d; j++) traceIm += ms[2 * (j * d + j) + 1]!;
    v.fill(0);
    for (let j = 0; j < d; j++) v[2 * (j * d + j)] = 1;
    for (let t = block.ops.length - 1; t >= 0; t--) {
      const op = ops[block.ops[t]!]!;
      const np = op.gate.nParams;
      const all = angleList[t];
      const theta =
        all === undefined
          ? undefined
          : all.length === np
            ? all
            : all.subarray(s * np, (s + 1) * np);
      if (theta === undefined) {
        // a fixed gate: V <- U^dagger V
        const u = gateMatrix(op.gate, undefined, !op.adjoint);
        leftMultiply(v, k, u, positions(block, op.qubits), scratch);
        continue;
      }
      const out = values[t]!;
      // a global phase e^{i phi(theta)}: dL/dtheta_j += -c_j Im<lambda|psi>
      const phase = op.gate.globalPhase;
      if (phase !== undefined) {
        const sign = op.adjoint ? -1 : 1;
        phase.coefficients.forEach((c, j) => {
          if (c !== 0) out[s * np + j] += -sign * c * traceIm;
        });
      }
      const steps = stepsOf(op);
      for (let si = steps.length - 1; si >= 0; si--) {
        const step = steps[si]!;
        const pos = positions(block, step.qubits);
        if (step.param >= 0) {
          // A = V^dagger G V; the gradient is (+-) 1/2 scale Im sum_ab A_ab M_ab
          x.set(v);
          leftMultiply(x, k, step.gate.generator!, pos, scratch);
          const ip = traceProduct(v, x, ms, d);
          out[s * np + step.param] += (step.adjoint ? -0.5 : 0.5) * step.scale * ip;
        }
        const a = step.param < 0 ? undefined : [step.scale * theta[step.param]! + step.offset];
        leftMultiply(v, k, gateMatrix(step.gate, a, !step.adjoint), pos, scratch);
      }
    }
  }
  const perSet = new Float64Array(sets);
  block.ops.forEach((oi, t) => {
    const op = ops[oi]!;
    const np = op.gate.nParams;
    for (let j = 0; j < np; j++) {
      for (let s = 0; s < sets; s++) perSet[s] = values[t]![s * np + j]!;
      accumulateAngleGradient(
        op.angles[j]!,
        perSet,
        ctx.grads,
        ctx.dataGrad,
        data,
        nFeatures,
        sets,
      );
    }
  });
}

/** The inverse matrix of one operation with shared angles. */
function singleInverse(
  op: GateOperation,
  data: Float64Array | undefined,
  nFeatures: number,
  batch: number,
): Float64Array {
  const angles = op.gate.nParams > 0 ? resolveAngles(op, data, nFeatures, batch) : undefined;
  return gateMatrix(op.gate, angles, !op.adjoint);
}

/** Positions of circuit qubits within a block's qubit list. */
function positions(block: FusedBlock, qubits: readonly number[]): number[] {
  return qubits.map((q) => block.qubits.indexOf(q));
}

/** Im sum_ab (V^dagger X)_ab M_ab for d x d interleaved complex matrices. */
function traceProduct(v: Float64Array, x: Float64Array, m: Float64Array, d: number): number {
  let im = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      // (V^dagger X)_ab = sum_c conj(V_ca) X_cb
      let re = 0;
      let ii = 0;
      for (let c = 0; c < d; c++) {
        const vr = v[2 * (c * d + a)]!;
        const vi = v[2 * (c * d + a) + 1]!;
        const xr = x[2 * (c * d + b)]!;
        const xi = x[2 * (c * d + b) + 1]!;
        re += vr * xr + vi * xi;
        ii += vr * xi - vi * xr;
      }
      const mr = m[2 * (a * d + b)]!;
      const mi = m[2 * (a * d + b) + 1]!;
      im += re * mi + ii * mr;
    }
  }
  return im;
}

/** One operation backwards, one step at a time with a scratch state (the fallback path). */
function operationBackward(ctx: SweepContext, op: GateOperation): void {
  const { backend, psi, lam, data, nFeatures, batch } = ctx;
  const perBatch = new Float64Array(batch);
  const k = op.gate.nParams;
  if (k === 0) {
    applyGate(backend, psi, op.gate, op.qubits, undefined, { adjoint: !op.adjoint });
    applyGate(backend, lam, op.gate, op.qubits, undefined, { adjoint: !op.adjoint });
    return;
  }
  const angles = resolveAngles(op, data, nFeatures, batch);
  const sets = angles.length / k;
  const steps = stepsOf(op);
  // a global phase e^{i phi(theta)}: dL/dtheta_j += -c_j Im<lambda|psi>
  const phase = op.gate.globalPhase;
  if (phase?.coefficients.some((c) => c !== 0)) {
    const sign = op.adjoint ? -1 : 1;
    ctx.reads.innerProduct(lam, psi, (ip) => {
      phase.coefficients.forEach((c, j) => {
        if (c === 0) return;
        for (let b = 0; b < batch; b++) perBatch[b] = -sign * c * ip[2 * b + 1]!;
        accumulateAngleGradient(
          op.angles[j]!,
          perBatch,
          ctx.grads,
          ctx.dataGrad,
          data,
          nFeatures,
          batch,
        );
      });
    });
  }
  for (let si = steps.length - 1; si >= 0; si--) {
    const step = steps[si]!;
    const stepAngles = step.param < 0 ? undefined : stepAnglesOf(angles, k, sets, step);
    if (step.param >= 0) {
      // psi is the state after this step: dL/da = (+-) 1/2 Im<lambda|G|psi>
      const sign = step.adjoint ? -0.5 : 0.5;
      const source = op.angles[step.param]!;
      const use = (ip: Float64Array): void => {
        for (let b = 0; b < batch; b++) perBatch[b] = sign * step.scale * ip[2 * b + 1]!;
        accumulateAngleGradient(source, perBatch, ctx.grads, ctx.dataGrad, data, nFeatures, batch);
      };
      const letters = step.gate.pauliRotation;
      if (letters !== undefined && ctx.reads.pauliInner !== undefined) {
        // <lambda|P|psi> in one pass over both states, no scratch copy (webgpu)
        ctx.reads.pauliInner(lam, { qubits: step.qubits, letters }, psi, use);
      } else {
        const tmp = ctx.scratch();
        backend.copyInto(tmp, psi);
        // a Pauli rotation's generator is its Pauli string: a bit-mask kernel, no dense 2^k matrix
        if (letters !== undefined) backend.applyPauliString(tmp, { qubits: step.qubits, letters });
        else backend.applyDense(tmp, step.qubits, step.gate.generator!);
        ctx.reads.innerProduct(lam, tmp, use);
      }
    }
    applyGate(backend, psi, step.gate, step.qubits, stepAngles, { adjoint: !step.adjoint });
    applyGate(backend, lam, step.gate, step.qubits, stepAngles, { adjoint: !step.adjoint });
  }
  if (phase !== undefined) {
    // the factors carry no phase: take it off both states too (matters for the state gradient)
    const factors = new Float64Array(2 * sets);
    for (let b = 0; b < sets; b++) {
      // e^{-i phi}, or e^{+i phi} for an inverted operation (from separately reduced angles)
      const [re, im] = globalPhaseFactor(phase, angles.subarray(b * k, (b + 1) * k));
      factors[2 * b] = re;
      factors[2 * b + 1] = op.adjoint ? im : -im;
    }
    const f = sets === 1 && batch > 1 ? repeat(factors, batch) : factors;
    backend.scale(psi, f);
    backend.scale(lam, f);
  }
}

/** The operation as one-parameter steps in time order. */
function stepsOf(op: GateOperation): Step[] {
  const g = op.gate;
  let steps: Step[];
  if (g.nParams === 1 && g.generator !== undefined) {
    steps = [{ gate: g, qubits: op.qubits, param: 0, scale: 1, offset: 0, adjoint: false }];
  } else if (g.factors !== undefined) {
    steps = g.factors.map((f) => ({
      gate: f.gate,
      qubits: f.qubits.map((q) => op.qubits[q]!),
      param: f.param ?? -1,
      scale: f.scale,
      offset: f.offset,
      adjoint: false,
    }));
  } else {
    throw new Error(`adjoint: gate ${g.name} has neither a generator nor a factor decomposition`);
  }
  if (op.adjoint) steps = steps.reverse().map((s) => ({ ...s, adjoint: true }));
  return steps;
}

/** The step's own angle for every parameter set: scale * theta[param] + offset. */
function stepAnglesOf(angles: Float64Array, k: number, sets: number, step: Step): Float64Array {
  const out = new Float64Array(sets);
  for (let b = 0; b < sets; b++) out[b] = step.scale * angles[b * k + step.param]! + step.offset;
  return out;
}

function repeat(one: Float64Array, times: number): Float64Array {
  const out = new Float64Array(one.length * times);
  for (let t = 0; t < times; t++) out.set(one, t * one.length);
  return out;
}
