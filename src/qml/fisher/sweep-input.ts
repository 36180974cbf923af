/**
 * The checks and set-up shared by the Fisher-information entries (`quantumFisher`,
 * `classicalFisher`, ...): a circuit with trainable parameters, an optional input state (pure or
 * mixed) and data rows, turned into a `derivativeSweep` run.
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, BackendError, describe, ShapeError } from "../../errors.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import {
  type DerivativeSweepStats,
  derivativeSweep,
} from "../../quantum/gradients/derivative-states.js";
import { asyncReader } from "../../quantum/state/async-reads.js";
import { State } from "../../quantum/state/state.js";
import type { Parameter } from "../../tensor/index.js";
import { Tensor } from "../../tensor/index.js";

/** Where the differentiated state starts and which data rows the encoding gates read. */
export interface FisherInputOptions {
  /** The input state: a `State` (pure) or a `DensityMatrix` (mixed), batch 1; default |0...0>. */
  state?: State | DensityMatrix;
  /** Data rows [batch, features] for circuits with encoding gates. */
  data?: Tensor;
}

/** A checked Fisher request, ready to sweep. */
export interface FisherSetup {
  backend: Backend;
  circuit: Circuit;
  parameters: Parameter[];
  /** Flat trainable entries P. */
  size: number;
  /** Whether the sweep runs on vec(rho). */
  density: boolean;
  /** Data rows (1 without data). */
  rows: number;
  data: Float64Array | undefined;
  nFeatures: number;
}

/**
 * Checks the circuit and options of `where` (a public function's name).
 * @example
 * const setup = fisherSetup(circuit, { state }, "quantumFisher", { manyRows: false });
 */
export function fisherSetup(
  circuit: unknown,
  options: FisherInputOptions,
  where: string,
  manyRows: boolean,
): FisherSetup {
  if (!(circuit instanceof Circuit))
    throw new ArgumentError(`${where}: circuit must be a Circuit, got ${describe(circuit)}`);
  const parameters = circuit.parameters();
  const size = parameters.reduce((s, p) => s + p.size, 0);
  if (size === 0) {
    throw new ArgumentError(
      `${where}: the circuit has no trainable parameters; a metric or Fisher matrix needs at least one`,
    );
  }
  const { state, data } = options;
  if (state !== undefined && !(state instanceof State) && !(state instanceof DensityMatrix)) {
    throw new ArgumentError(
      `${where}: options.state must be a State, a DensityMatrix or undefined, got ${describe(state)}`,
    );
  }
  if (state !== undefined && (state.nQubits !== circuit.nQubits || state.batch !== 1)) {
    throw new ShapeError(
      `${where}: options.state must be one state of ${circuit.nQubits} qubits, got ${state.nQubits} qubits, batch ${state.batch}`,
    );
  }
  const nFeatures = circuit.featureCount;
  let rows = 1;
  let dataArr: Float64Array | undefined;
  if (data !== undefined) {
    if (!(data instanceof Tensor) || data.dtype !== "float64" || data.shape.length !== 2)
      throw new ArgumentError(
        `${where}: options.data must be a float64 tensor [rows, features], got ${describe(data)}`,
      );
    if (data.shape[1]! < nFeatures || (!manyRows && data.shape[0] !== 1) || data.shape[0]! < 1)
      throw new ShapeError(
        `${where}: options.data must have ${manyRows ? "at least one row" : "one row"} of >= ${nFeatures} features, got [${data.shape.join(", ")}]`,
      );
    rows = data.shape[0]!;
    dataArr = data.data;
  } else if (nFeatures > 0) {
    throw new ArgumentError(
      `${where}: the circuit has encoding gates reading ${nFeatures} features; pass options.data [rows, ${nFeatures}]`,
    );
  }
  const backend = state?.backend ?? circuit.backend();
  if (asyncReader(backend) !== undefined) {
    throw new BackendError(
      `${where}: the ${backend.name} backend reads back asynchronously; compute Fisher matrices on the cpu backend`,
    );
  }
  const hasChannels = circuit.operations.some((op) => op.kind === "channel");
  const density =
    state instanceof DensityMatrix || (state === undefined && circuit.density) || hasChannels;
  if (density && circuit.nQubits > MAX_DENSITY_QUBITS) {
    throw new ArgumentError(
      `${where}: the density-matrix (SLD) path is for small systems, at most ${MAX_DENSITY_QUBITS} qubits; got ${circuit.nQubits}`,
    );
  }
  return {
    backend,
    circuit,
    parameters,
    size,
    density,
    rows,
    data: dataArr,
    nFeatures: data?.shape[1] ?? 0,
  };
}

/** The widest circuit the density-matrix path takes (4^n amplitudes per derivative, d^3 algebra). */
export const MAX_DENSITY_QUBITS = 7;

/**
 * The input buffer of a set-up (batch = its rows), in the form the sweep wants: n qubits, or 2n
 * for vec(rho); a pure input state becomes |psi><psi| on the density path.
 * @example
 * const buf = initialBuffer(setup, options.state);
 */
export function initialBuffer(
  setup: FisherSetup,
  state: State | DensityMatrix | undefined,
): StateBuffer {
  const { backend, rows } = setup;
  const n = setup.circuit.nQubits;
  let one: StateBuffer;
  if (setup.density) {
    if (state instanceof DensityMatrix) one = backend.clone(state.buffer);
    else if (state instanceof State) one = backend.clone(DensityMatrix.fromState(state).buffer);
    else one = backend.zeros(2 * n, 1);
  } else one = state === undefined ? backend.zeros(n, 1) : backend.clone(state.buffer);
  if (rows === 1) return one;
  const all = backend.broadcast(one, rows);
  backend.free(one);
  return all;
}

/**
 * Runs the derivative sweep of a set-up with the given entry groups.
 * @example
 * runFisherSweep(setup, options.state, [[0, 1, 2]], false, (g, psi, ds) => {});
 */
export function runFisherSweep(
  setup: FisherSetup,
  state: State | DensityMatrix | undefined,
  groups: readonly (readonly number[])[],
  finalFrame: boolean,
  complete: (group: number, psi: StateBuffer, ds: readonly (StateBuffer | undefined)[]) => void,
): DerivativeSweepStats {
  const initial = initialBuffer(setup, state);
  try {
    return derivativeSweep({
      backend: setup.backend,
      operations: setup.circuit.operations,
      nQubits: setup.circuit.nQubits,
      initial,
      density: setup.density,
      data: setup.data,
      nFeatures: setup.nFeatures,
      parameters: setup.parameters,
      groups,
      finalFrame,
      complete,
    });
  } finally {
    setup.backend.free(initial);
  }
}

/**
 * Writes random angles, uniform in [0, 2 pi), into every parameter entry, runs `body`, and puts
 * the old values back (the parameter-sampling loops of the effective dimensions).
 * @example
 * withParameters(params, () => 2 * Math.PI * rng.uniform(), () => quantumFisher(c));
 */
export function withParameters<T>(
  parameters: readonly Parameter[],
  draw: () => number,
  body: () => T,
): T {
  const saved = parameters.map((p) => Float64Array.from(p.data));
  try {
    for (const p of parameters) for (let i = 0; i < p.size; i++) p.data[i] = draw();
    return body();
  } finally {
    parameters.forEach((p, k) => {
      p.data.set(saved[k]!);
    });
  }
}
