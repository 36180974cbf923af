/**
 * `QuantumLayer`: a circuit and a list of observables as one `Module` of the tensor framework,
 * mapping a batch of inputs [B, features] to expectation values [B, nObservables], so it sits
 * between classical layers: `new Sequential(new Linear(2, 4), new Tanh(), new QuantumLayer(c, H),
 * new Linear(1, 2))`. The batch runs as one batched simulation; the backward pass is the
 * circuit's gradient method (adjoint by default) behind a fused multi-observable expectation.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import type { Circuit } from "../quantum/circuit/circuit.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { State } from "../quantum/state/state.js";
import { customOp, fromData, Module, reshape, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { amplitudeEncoding } from "./encoding.js";
import type { HamiltonianLike } from "./expecval.js";

export type { HamiltonianLike };

/** Options of `QuantumLayer`. */
export interface QuantumLayerOptions {
  /**
   * How the input enters the circuit: `"data"` (default), the circuit's encoding gates read it
   * as `forward`'s data tensor; `"amplitude"`, it becomes the initial state by
   * `amplitudeEncoding` (padded, normalized) and the circuit should have no encoding gates.
   */
  input?: "data" | "amplitude";
  /** Initial state for `input: "data"` (default |0...0>; a batch-1 state is broadcast). */
  state?: State;
}

const QUANTUM_LAYER_OPTIONS = optionKeys<QuantumLayerOptions>({ input: true, state: true });

function toHamiltonian(h: HamiltonianLike): Hamiltonian {
  if (h instanceof Hamiltonian) return h;
  if (typeof h === "string") return Hamiltonian.fromString(h);
  return new Hamiltonian(h);
}

/**
 * <psi_b|H_k|psi_b> for every batch element b and observable k, shape [batch, K], one autograd
 * node; its backward is sum_k 2 g[b, k] H_k |psi_b>, computed with the backend's Pauli-sum kernel.
 * @example
 * const e = expecVals(circuit.forward(), [Hamiltonian.fromString("Z0"), Hamiltonian.fromString("Z1")]);
 */
export function expecVals(state: State, observables: readonly HamiltonianLike[]): Tensor {
  checkArity(arguments.length, 2, "expecVals");
  if (!(state instanceof State))
    throw new ArgumentError(`expecVals: state must be a State, got ${describe(state)}`);
  if (!Array.isArray(observables))
    throw new ArgumentError(
      `expecVals: observables must be an array of Hamiltonians, got ${describe(observables)}`,
    );
  if (observables.length === 0) throw new ArgumentError("expecVals: no observables given");
  const hams = observables.map(toHamiltonian);
  hams.forEach((h, k) => {
    if (h.nQubits > state.nQubits) {
      throw new ArgumentError(
        `expecVals: observable ${k} acts on ${h.nQubits} qubits, the state has ${state.nQubits}`,
      );
    }
  });
  const be = state.backend;
  const batch = state.batch;
  const nObs = hams.length;
  return customOp({
    name: "expecVals",
    inputs: [state],
    forward: () => {
      const out = new Float64Array(batch * nObs);
      hams.forEach((h, k) => {
        const e = be.expectationPauliSum(state.buffer, h.terms);
        for (let b = 0; b < batch; b++) out[b * nObs + k] = e[b]!;
      });
      return fromData(out, [batch, nObs], "float64");
    },
    backward: (grad: Tensor) => {
      // backend.zeros is |0...0>, not the zero vector: the first observable writes acc outright
      const acc = be.zeros(state.nQubits, batch);
      const hpsi = nObs > 1 ? be.zeros(state.nQubits, batch) : undefined;
      const alpha = new Float64Array(2 * batch);
      try {
        hams.forEach((h, k) => {
          for (let b = 0; b < batch; b++) alpha[2 * b] = 2 * grad.data[b * nObs + k]!;
          if (k === 0) {
            be.applyPauliSum(acc, state.buffer, h.terms);
            be.scale(acc, alpha);
          } else {
            be.applyPauliSum(hpsi!, state.buffer, h.terms);
            be.axpy(acc, alpha, hpsi!);
          }
        });
        return [fromData(be.toArray(acc), [batch, 2 ** state.nQubits], "complex128")];
      } finally {
        be.free(acc);
        if (hpsi) be.free(hpsi);
      }
    },
  });
}

/**
 * A quantum circuit with measured observables as a layer: `forward(x)` with x [B, features]
 * returns [B, nObservables] expectation values ([nObservables] for a 1-D x). Its parameters are
 * the circuit's, so an optimizer over a `Sequential` containing it trains both worlds.
 * @example
 * const c = new Circuit(2, { seed: 1 });
 * c.angleEncoding({ gate: "ry" });
 * c.ry("full");
 * c.cnot([0, 1]);
 * const net = new Sequential(new Linear(2, 2), new Tanh(), new QuantumLayer(c, ["Z0", "Z1"]), new Linear(2, 2));
 */
export class QuantumLayer extends Module {
  /** The wrapped circuit (registered as the submodule "circuit"; its parameters are the layer's). */
  readonly circuit: Circuit;
  /** The measured observables, one output column each. */
  readonly observables: readonly Hamiltonian[];
  /** How the input enters the circuit (see {@link QuantumLayerOptions.input}). */
  readonly input: "data" | "amplitude";
  private readonly initial: State | undefined;

  /**
   * Wraps `circuit`, measuring `observables` (one, or a list; Pauli strings accepted).
   * @example
   * const layer = new QuantumLayer(c, ["Z0", "Z1"], { input: "data" });
   */
  constructor(
    circuit: Circuit,
    observables: HamiltonianLike | readonly HamiltonianLike[],
    options: QuantumLayerOptions = {},
  ) {
    checkArity(arguments.length, 3, "QuantumLayer");
    checkOptions(options, QUANTUM_LAYER_OPTIONS, "QuantumLayer");
    super();
    const list =
      Array.isArray(observables) && !isPauliList(observables)
        ? (observables as readonly HamiltonianLike[])
        : [observables as HamiltonianLike];
    if (list.length === 0) throw new ArgumentError("QuantumLayer: no observables given");
    this.observables = list.map(toHamiltonian);
    this.observables.forEach((h, k) => {
      if (h.nQubits > circuit.nQubits) {
        throw new ArgumentError(
          `QuantumLayer: observable ${k} acts on ${h.nQubits} qubits, the circuit has ${circuit.nQubits}`,
        );
      }
    });
    const input = options.input ?? "data";
    if (input !== "data" && input !== "amplitude") {
      throw new ArgumentError(
        `QuantumLayer: input must be "data" or "amplitude", got ${String(input)}`,
      );
    }
    if (input === "amplitude" && circuit.featureCount > 0) {
      throw new ArgumentError(
        `QuantumLayer: input "amplitude" needs a circuit without encoding gates (it reads ${circuit.featureCount} features)`,
      );
    }
    if (input === "amplitude" && options.state !== undefined) {
      throw new ArgumentError(
        'QuantumLayer: input "amplitude" makes the initial state; drop options.state',
      );
    }
    this.circuit = circuit;
    this.input = input;
    this.initial = options.state;
    this.registerModule("circuit", circuit);
  }

  /** Number of outputs per sample (the observables). */
  get outFeatures(): number {
    return this.observables.length;
  }

  override forward(x: Tensor): Tensor {
    if (x === undefined || x === null || typeof (x as Tensor).ndim !== "number") {
      throw new ShapeError("QuantumLayer: forward expects a tensor [batch, features]");
    }
    const rows = x.ndim === 1 ? reshape(x, [1, x.shape[0]!]) : x;
    if (rows.ndim !== 2) {
      throw new ShapeError(
        `QuantumLayer: input must be [batch, features] or [features], got [${x.shape.join(", ")}]`,
      );
    }
    const state =
      this.input === "amplitude"
        ? this.circuit.forward(amplitudeEncoding(rows, this.circuit.nQubits))
        : this.circuit.forward(this.initial, rows);
    const out = expecVals(state, this.observables);
    return x.ndim === 1 ? reshape(out, [this.observables.length]) : out;
  }
}

/** Whether an array is one Pauli list ([[coef, "Z0"], ...]) rather than a list of observables. */
function isPauliList(a: readonly unknown[]): boolean {
  const first = a[0];
  if (Array.isArray(first)) return typeof first[0] === "number";
  // a list of PauliTerm objects is one Hamiltonian too
  return (
    typeof first === "object" &&
    first !== null &&
    !(first instanceof Hamiltonian) &&
    "coefficient" in first
  );
}
