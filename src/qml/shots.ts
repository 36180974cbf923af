/**
 * Hardware-like expectation values and gradients: the Hamiltonian's terms are grouped into
 * qubit-wise commuting sets, each set is measured after rotating its qubits to the Z basis
 * (`State.expecValBatch` with `shots`), and gradients come from the `"expectation"` parameter-
 * shift rules of `paramshift.ts` (two terms for Pauli rotations, four for controlled rotations),
 * each shifted circuit estimated from its own shots — what a quantum computer can do.
 *
 * `expecValShots(circuit, H, { shots, seed })` is the differentiable form: its forward pass is a
 * shot estimate and its backward pass the shot-based parameter-shift gradient, so optimizers
 * train on it like on `expecVal`. `shotsGradient` returns the estimate and gradients directly.
 * Leaving `shots` out uses exact expectation values with the same shift rules (a check of the
 * rules, and noiseless hardware).
 */
import type { StateBuffer } from "../backend/backend.js";
import { ArgumentError, describe, ShapeError } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { executeOperations } from "../quantum/circuit/execute.js";
import { accumulateAngleGradient, describeOperation } from "../quantum/circuit/operation.js";
import type { AngleShift } from "../quantum/gradients/adjoint.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { checkShots } from "../quantum/state/measure.js";
import { State } from "../quantum/state/state.js";
import { type Rng, toRng } from "../random.js";
import {
  customOp,
  type Differentiable,
  fromData,
  type Parameter,
  Tensor,
} from "../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import type { HamiltonianLike } from "./layer.js";
import { gateShiftRule } from "./paramshift.js";

/** Options of the shot-based functions. */
export interface ShotsOptions {
  /** Samples per qubit-wise commuting group and per estimate; omitted = exact expectations. */
  shots?: number;
  /** Seed (or generator) of the sampling; the same seed gives the same numbers. */
  seed?: number | Rng;
  /** Encoding data [batch, features] for the circuit's encoding gates. */
  data?: Tensor;
  /** Initial state (default |0...0>; a batch-1 state is broadcast over the data's batch). */
  state?: State;
}

const SHOTS_OPTIONS = optionKeys<ShotsOptions>({
  shots: true,
  seed: true,
  data: true,
  state: true,
});

/** Estimates and gradients of `shotsGradient`. */
export interface ShotsGradientResult {
  /** The estimate of <H> per batch element (at the unshifted angles). */
  value: Float64Array;
  /** d(sum_b w_b <H>_b)/dp for every `circuit.parameters()` entry (zeros where no grad is wanted). */
  parameters: Tensor[];
  /** d(sum_b w_b <H>_b)/dx [batch, features] when `wantData`, else null. */
  data: Tensor | null;
}

function toHamiltonian(h: HamiltonianLike): Hamiltonian {
  if (h instanceof Hamiltonian) return h;
  if (typeof h === "string") return Hamiltonian.fromString(h);
  return new Hamiltonian(h);
}

const SHOTS_EXPECTATION_OPTIONS = optionKeys<OptionsOf<typeof shotsExpectation, 2>>({
  shots: true,
  seed: true,
});

/**
 * <H> per batch element of `state`, estimated from `shots` samples per qubit-wise commuting
 * group (exact when `shots` is omitted). Not differentiable: a plain Float64Array.
 * @example
 * shotsExpectation(circuit.forward(), "Z0 Z1 + 0.5 X0", { shots: 1000, seed: 1 });
 */
export function shotsExpectation(
  state: State,
  H: HamiltonianLike,
  options: { shots?: number; seed?: number | Rng } = {},
): Float64Array {
  checkArity(arguments.length, 3, "shotsExpectation");
  if (!(state instanceof State))
    throw new ArgumentError(`shotsExpectation: state must be a State, got ${describe(state)}`);
  checkOptions(options, SHOTS_EXPECTATION_OPTIONS, "shotsExpectation");
  if (!(state instanceof State))
    throw new ArgumentError(`shotsExpectation: state must be a State, got ${describe(state)}`);
  return state.expecValBatch(toHamiltonian(H), options);
}

/** Runs the circuit (one angle optionally shifted) and estimates <H> per batch element. */
class Estimator {
  readonly batch: number;
  private readonly ham: Hamiltonian;
  private readonly data: Float64Array | undefined;
  private readonly nFeatures: number;
  private readonly rng: Rng;

  constructor(
    readonly circuit: Circuit,
    H: HamiltonianLike,
    private readonly options: ShotsOptions,
    rng: Rng,
  ) {
    if (!(circuit instanceof Circuit))
      throw new ArgumentError(`shots: circuit must be a Circuit, got ${describe(circuit)}`);
    this.ham = toHamiltonian(H);
    if (this.ham.nQubits > circuit.nQubits) {
      throw new ArgumentError(
        `shots: the Hamiltonian acts on ${this.ham.nQubits} qubits, the circuit has ${circuit.nQubits}`,
      );
    }
    if (options.shots !== undefined) checkShots(options.shots, "shots");
    const { data, state } = options;
    if (data !== undefined && !(data instanceof Tensor))
      throw new ArgumentError(
        `shots: data must be a float64 tensor [batch, features], got ${describe(data)}`,
      );
    if (state !== undefined && !(state instanceof State))
      throw new ArgumentError(`shots: state must be a State, got ${describe(state)}`);
    if (data !== undefined && (data.dtype !== "float64" || data.ndim !== 2)) {
      throw new ShapeError(
        `shots: data must be a float64 tensor [batch, features], got ${data.dtype} [${data.shape.join(", ")}]`,
      );
    }
    if (circuit.featureCount > 0 && (data === undefined || data.shape[1]! < circuit.featureCount)) {
      throw new ShapeError(
        `shots: the circuit reads ${circuit.featureCount} features; pass data [batch, ${circuit.featureCount}]`,
      );
    }
    if (state !== undefined && state.nQubits !== circuit.nQubits)
      throw new ShapeError(
        `shots: state has ${state.nQubits} qubits, the circuit ${circuit.nQubits}`,
      );
    this.batch = data?.shape[0] ?? state?.batch ?? 1;
    if (state !== undefined && state.batch !== 1 && state.batch !== this.batch)
      throw new ShapeError(
        `shots: state batch ${state.batch} does not match data batch ${this.batch}`,
      );
    this.data = data?.data;
    this.nFeatures = data?.shape[1] ?? 0;
    this.rng = rng;
  }

  private initial(): StateBuffer {
    const be = this.options.state?.backend ?? this.circuit.backend();
    const s = this.options.state;
    if (s === undefined) return be.zeros(this.circuit.nQubits, this.batch);
    if (s.batch === this.batch) return be.clone(s.buffer);
    const one = s.toArray();
    const all = new Float64Array(one.length * this.batch);
    for (let b = 0; b < this.batch; b++) all.set(one, b * one.length);
    return be.fromArray(this.circuit.nQubits, this.batch, all);
  }

  estimate(shift?: AngleShift): Float64Array {
    const be = this.options.state?.backend ?? this.circuit.backend();
    const buf = this.initial();
    try {
      executeOperations(be, buf, this.circuit.operations, {
        nQubits: this.circuit.nQubits,
        globalPhase: this.circuit.globalPhase,
        data: this.data,
        nFeatures: this.nFeatures,
        shift,
      });
      if (this.options.shots === undefined) return be.expectationPauliSum(buf, this.ham.terms);
      return new State(buf, be).expecValBatch(this.ham, {
        shots: this.options.shots,
        seed: this.rng,
      });
    } finally {
      be.free(buf);
    }
  }

  /** d(sum_b w_b <H>_b) by the expectation shift rules, one angle occurrence at a time. */
  gradient(
    weights: Float64Array,
    wantData: boolean,
  ): { parameters: Tensor[]; data: Tensor | null } {
    const params = this.circuit.parameters();
    const grads = new Map<Parameter, Float64Array>();
    for (const p of params) grads.set(p, new Float64Array(p.size));
    const dataGrad =
      wantData && this.data ? new Float64Array(this.batch * this.nFeatures) : undefined;
    const perBatch = new Float64Array(this.batch);
    this.circuit.operations.forEach((op, oi) => {
      if (op.kind !== "gate") {
        throw new ArgumentError(
          `shots: the circuit has a ${describeOperation(op)}; shot estimates need a unitary circuit`,
        );
      }
      op.angles.forEach((source, j) => {
        if (source.kind === "const") return;
        if (source.kind === "param" && !source.param.requiresGrad) return;
        if (source.kind === "data" && dataGrad === undefined) return;
        const rule = gateShiftRule(op.gate, j, "expectation");
        perBatch.fill(0);
        rule.shifts.forEach((x, mu) => {
          const c = rule.coefficients[mu]!;
          const plus = this.estimate({ operation: oi, angle: j, delta: x });
          const minus = this.estimate({ operation: oi, angle: j, delta: -x });
          for (let b = 0; b < this.batch; b++)
            perBatch[b]! += c * weights[b]! * (plus[b]! - minus[b]!);
        });
        accumulateAngleGradient(source, perBatch, grads, dataGrad, this.data, this.nFeatures);
      });
    });
    return {
      parameters: params.map((p) => fromData(grads.get(p)!, [...p.shape], "float64")),
      data: dataGrad ? fromData(dataGrad, [this.batch, this.nFeatures], "float64") : null,
    };
  }
}

function checkWeights(weights: ArrayLike<number> | undefined, batch: number): Float64Array {
  if (weights === undefined) return new Float64Array(batch).fill(1);
  if (!Array.isArray(weights) && !ArrayBuffer.isView(weights))
    throw new ArgumentError(
      `shotsGradient: weights must be an array of numbers, got ${describe(weights)}`,
    );
  if (weights.length !== batch) {
    throw new ShapeError(
      `shotsGradient: weights has ${weights.length} values, the batch is ${batch}`,
    );
  }
  return Float64Array.from(weights);
}

const SHOTS_GRADIENT_OPTIONS = optionKeys<OptionsOf<typeof shotsGradient, 2>>({
  shots: true,
  seed: true,
  data: true,
  state: true,
  weights: true,
  wantData: true,
});

/**
 * The shot estimate of <H> and its parameter-shift gradient with respect to every circuit
 * parameter (and the data when `wantData`), of sum_b weights[b] <H>_b (weights default 1).
 * Every shifted circuit is estimated from fresh shots: 2 estimates per shift per angle.
 * @example
 * const { value, parameters } = shotsGradient(circuit, "Z0 Z1", { shots: 2000, seed: 3 });
 */
export function shotsGradient(
  circuit: Circuit,
  H: HamiltonianLike,
  options: ShotsOptions & { weights?: ArrayLike<number>; wantData?: boolean } = {},
): ShotsGradientResult {
  checkArity(arguments.length, 3, "shotsGradient");
  checkOptions(options, SHOTS_GRADIENT_OPTIONS, "shotsGradient");
  const est = new Estimator(circuit, H, options, toRng(options.seed));
  const value = est.estimate();
  const g = est.gradient(checkWeights(options.weights, est.batch), options.wantData === true);
  return { value, ...g };
}

/**
 * <H> as a differentiable shot estimate: the forward value is sampled (`shots` per qubit-wise
 * commuting group), the backward pass is the shot-based parameter-shift gradient, reaching the
 * circuit's parameters and the data tensor. A scalar for batch 1, [batch] otherwise.
 * @example
 * const opt = new Adam(c.parameters(), { lr: 0.1 });
 * const rng = new Rng(1);
 * for (let i = 0; i < 50; i++) {
 *   opt.zeroGrad();
 *   expecValShots(c, H, { shots: 1000, seed: rng }).backward();
 *   opt.step();
 * }
 */
export function expecValShots(
  circuit: Circuit,
  H: HamiltonianLike,
  options: ShotsOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "expecValShots");
  checkOptions(options, SHOTS_OPTIONS, "expecValShots");
  const est = new Estimator(circuit, H, options, toRng(options.seed));
  const params = circuit.parameters();
  const data = options.data;
  const inputs: Differentiable[] = [...params, ...(data ? [data] : [])];
  const shape = est.batch === 1 ? [] : [est.batch];
  return customOp({
    name: "expecValShots",
    inputs,
    forward: () => fromData(est.estimate(), shape, "float64"),
    backward: (grad: Tensor) => {
      const g = est.gradient(Float64Array.from(grad.data), data?.requiresGrad === true);
      return [...g.parameters, ...(data ? [g.data] : [])];
    },
  });
}
