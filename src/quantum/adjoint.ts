/**
 * The adjoint method (Yao, PennyLane "adjoint"): gradients of a real loss with respect to every
 * angle, the data and the input state, from one reverse sweep over the circuit.
 *
 * With psi_k the state after step k and lambda_k the cotangent there (PyTorch's convention:
 * dL/dRe + i dL/dIm), a step exp(-i a G / 2) contributes dL/da = 1/2 Im <lambda_k|G|psi_k>; then
 * both states are carried back through the step's inverse. Memory: three state buffers (psi,
 * lambda and one scratch) besides the forward output, however deep the circuit.
 */
import type { Backend, StateBuffer } from "../backend/backend.js";
import { ArgumentError, ShapeError } from "../errors.js";
import { fromData, type Parameter, type Tensor } from "../tensor/index.js";
import { applyGate } from "./apply.js";
import type { GateEntry } from "./gates.js";
import {
  type AngleSource,
  type GateOperation,
  type Operation,
  resolveAngles,
} from "./operation.js";

/** What `adjointBackward` needs from the forward pass. */
export interface AdjointInput {
  backend: Backend;
  operations: readonly Operation[];
  /** The circuit's global phase (applied after the gates). */
  globalPhase: number;
  /** The forward output (not modified). */
  output: StateBuffer;
  /** dL/d(output), complex128 with batch * 2^n entries. */
  cotangent: Tensor;
  data: Float64Array | undefined;
  nFeatures: number;
  parameters: readonly Parameter[];
  wantData: boolean;
  wantState: boolean;
  /** Batch of the input state (1 = broadcast: its gradient sums over the batch). */
  inputBatch: number;
}

/** Shifts one angle of one operation (for every batch element) when re-running a circuit. */
export interface AngleShift {
  /** Index into the circuit's operation list. */
  operation: number;
  /** Which of the operation's angles. */
  angle: number;
  delta: number;
}

/**
 * What any circuit-gradient method receives: the adjoint's input, plus `run`, which re-runs the
 * circuit from its initial state with the current parameter and data values (optionally one angle
 * shifted) and returns a new buffer the caller frees.
 */
export interface GradientRequest extends AdjointInput {
  run(shift?: AngleShift): StateBuffer;
}

/** Gradients, in the order of `parameters`; `data` and `state` when asked for. */
export interface GradientResult {
  parameters: Tensor[];
  data: Tensor | null;
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
  const { backend, operations, output, data, nFeatures } = input;
  const n = output.nQubits;
  const batch = output.batch;
  const dim = 2 ** n;
  if (input.cotangent.size * (input.cotangent.dtype === "complex128" ? 1 : 0) !== batch * dim) {
    throw new ShapeError(
      `circuit backward: the cotangent must be complex128 with ${batch} x ${dim} entries, got ${input.cotangent.dtype} [${input.cotangent.shape.join(", ")}]`,
    );
  }
  const grads = new Map<Parameter, Float64Array>();
  for (const p of input.parameters) grads.set(p, new Float64Array(p.size));
  const dataGrad = input.wantData ? new Float64Array(batch * nFeatures) : undefined;

  const psi = backend.clone(output);
  const lam = backend.fromArray(n, batch, input.cotangent.data);
  const tmp = backend.zeros(n, batch);
  const perBatch = new Float64Array(batch);
  try {
    if (input.globalPhase !== 0) {
      const undo = new Float64Array([Math.cos(input.globalPhase), -Math.sin(input.globalPhase)]);
      backend.scale(psi, undo);
      backend.scale(lam, undo);
    }
    for (let oi = operations.length - 1; oi >= 0; oi--) {
      const op = operations[oi]!;
      if (op.kind !== "gate") {
        throw new ArgumentError(
          `adjoint: the channel ${op.channel.name} needs the density-matrix gradient`,
        );
      }
      const k = op.gate.nParams;
      if (k === 0) {
        applyGate(backend, psi, op.gate, op.qubits, undefined, { adjoint: !op.adjoint });
        applyGate(backend, lam, op.gate, op.qubits, undefined, { adjoint: !op.adjoint });
        continue;
      }
      const angles = resolveAngles(op, data, nFeatures, batch);
      const sets = angles.length / k;
      const steps = stepsOf(op);
      // a global phase e^{i phi(theta)}: dL/dtheta_j += -c_j Im<lambda|psi>
      const phase = op.gate.globalPhase;
      if (phase?.coefficients.some((c) => c !== 0)) {
        const ip = backend.innerProduct(lam, psi);
        const sign = op.adjoint ? -1 : 1;
        phase.coefficients.forEach((c, j) => {
          if (c === 0) return;
          for (let b = 0; b < batch; b++) perBatch[b] = -sign * c * ip[2 * b + 1]!;
          accumulate(op.angles[j]!, perBatch, grads, dataGrad, data, nFeatures, batch);
        });
      }
      for (let si = steps.length - 1; si >= 0; si--) {
        const step = steps[si]!;
        const stepAngles = step.param < 0 ? undefined : stepAnglesOf(angles, k, sets, step);
        if (step.param >= 0) {
          // psi is the state after this step: dL/da = (+-) 1/2 Im<lambda|G|psi>
          backend.copyInto(tmp, psi);
          backend.applyDense(tmp, step.qubits, step.gate.generator!);
          const ip = backend.innerProduct(lam, tmp);
          const sign = step.adjoint ? -0.5 : 0.5;
          for (let b = 0; b < batch; b++) perBatch[b] = sign * step.scale * ip[2 * b + 1]!;
          accumulate(op.angles[step.param]!, perBatch, grads, dataGrad, data, nFeatures, batch);
        }
        applyGate(backend, psi, step.gate, step.qubits, stepAngles, { adjoint: !step.adjoint });
        applyGate(backend, lam, step.gate, step.qubits, stepAngles, { adjoint: !step.adjoint });
      }
      if (phase !== undefined) {
        // the factors carry no phase: take it off both states too (matters for the state gradient)
        const factors = new Float64Array(2 * sets);
        for (let b = 0; b < sets; b++) {
          let phi = phase.offset;
          phase.coefficients.forEach((c, j) => {
            phi += c * angles[b * k + j]!;
          });
          if (op.adjoint) phi = -phi;
          factors[2 * b] = Math.cos(phi);
          factors[2 * b + 1] = -Math.sin(phi);
        }
        const f = sets === 1 && batch > 1 ? repeat(factors, batch) : factors;
        backend.scale(psi, f);
        backend.scale(lam, f);
      }
    }

    const parameters = input.parameters.map((p) =>
      fromData(grads.get(p)!, [...p.shape], "float64"),
    );
    const dataT = dataGrad ? fromData(dataGrad, [batch, nFeatures], "float64") : null;
    let stateT: Tensor | null = null;
    if (input.wantState) {
      const lamArr = backend.toArray(lam);
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
  } finally {
    backend.free(psi);
    backend.free(lam);
    backend.free(tmp);
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

/** Adds a per-batch gradient of one angle to its source. */
function accumulate(
  source: AngleSource,
  perBatch: Float64Array,
  grads: Map<Parameter, Float64Array>,
  dataGrad: Float64Array | undefined,
  data: Float64Array | undefined,
  nFeatures: number,
  batch: number,
): void {
  if (source.kind === "param") {
    const g = grads.get(source.param);
    if (g === undefined) return;
    let s = 0;
    for (let b = 0; b < batch; b++) s += perBatch[b]!;
    g[source.index] += source.scale * s;
  } else if (source.kind === "data" && dataGrad !== undefined && data !== undefined) {
    // angle = scale * prod_f x_f: the product rule gives each feature the product of the others
    const fs = source.features;
    for (let b = 0; b < batch; b++) {
      const row = b * nFeatures;
      for (let i = 0; i < fs.length; i++) {
        let d = source.scale * perBatch[b]!;
        for (let j = 0; j < fs.length; j++) if (j !== i) d *= data[row + fs[j]!]!;
        dataGrad[row + fs[i]!] += d;
      }
    }
  }
}

function repeat(one: Float64Array, times: number): Float64Array {
  const out = new Float64Array(one.length * times);
  for (let t = 0; t < times; t++) out.set(one, t * one.length);
  return out;
}
