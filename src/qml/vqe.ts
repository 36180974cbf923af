/**
 * The variational quantum eigensolver for any Hamiltonian and any ansatz: minimize <psi(θ)|H|psi(θ)>
 * with the shared variational loop (L-BFGS or Adam, callbacks, history, early stop).
 */
import { ArgumentError, describe } from "../errors.js";
import { DensityMatrix } from "../quantum/density/density.js";
import type { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { State } from "../quantum/state/state.js";
import { noGrad, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { expecVal, type HamiltonianLike, toHamiltonian } from "./expecval.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "./variational-loop.js";

/** What the variational algorithms train: a `Circuit`, a chemistry ansatz, or any such module. */
export interface VariationalAnsatz {
  /** The output state, from the given input state (or the ansatz's own default input). */
  forward(input?: State | DensityMatrix): State | DensityMatrix;
  /** The trainable parameters. */
  parameters(): Tensor[];
}

/** Options of {@link VQE}. */
export interface VQEOptions extends VariationalLoopOptions {
  /** The input state of the ansatz (default: the ansatz's own, |0...0> for a circuit). */
  initialState?: State | DensityMatrix;
}

/** What {@link VQE.run} returns. */
export interface VQEResult extends VariationalLoopResult {
  /** <H> at the final parameters. */
  energy: number;
  /** The final parameters, flattened in `parameters()` order. */
  parameters: number[];
}

const VQE_OPTIONS = mergeKeys(
  VARIATIONAL_LOOP_OPTIONS,
  optionKeys<Omit<VQEOptions, keyof VariationalLoopOptions>>({ initialState: true }),
);

/** Throws unless `ansatz` has `forward` and `parameters` methods. */
export function checkAnsatz(ansatz: unknown, where: string): asserts ansatz is VariationalAnsatz {
  const a = ansatz as Partial<VariationalAnsatz> | null;
  if (
    a === null ||
    typeof a !== "object" ||
    typeof a.forward !== "function" ||
    typeof a.parameters !== "function"
  ) {
    throw new ArgumentError(
      `${where}: ansatz must be a Circuit or an object with forward() and parameters(), got ${describe(ansatz)}`,
    );
  }
}

/** Throws unless `state` is a State or DensityMatrix (or undefined when optional). */
export function checkInputState(state: unknown, name: string, where: string): void {
  if (state !== undefined && !(state instanceof State) && !(state instanceof DensityMatrix)) {
    throw new ArgumentError(
      `${where}: ${name} must be a State or a DensityMatrix, got ${describe(state)}`,
    );
  }
}

/** Throws unless `h` could be a Hamiltonian (a Hamiltonian, a Pauli list or a string). */
export function hamiltonianArgument(h: unknown, where: string): Hamiltonian {
  if (h === null || (typeof h !== "string" && typeof h !== "object")) {
    throw new ArgumentError(
      `${where}: hamiltonian must be a Hamiltonian, a Pauli list or a string, got ${describe(h)}`,
    );
  }
  return toHamiltonian(h as HamiltonianLike);
}

/** The parameters' values, flattened. */
export function flatParameters(params: readonly Tensor[]): number[] {
  const out: number[] = [];
  for (const p of params) out.push(...p.data);
  return out;
}

/**
 * VQE: the lowest eigenvalue of `hamiltonian` within the states `ansatz` reaches.
 * @example
 * const c = new Circuit(2, { seed: 1 });
 * c.ry("full"); c.cnot([0, 1]); c.ry("full");
 * const r = new VQE("Z0 Z1 + 0.5 X0 + 0.5 X1", c).run();
 * r.energy; // -sqrt(2) ~ -1.41421
 */
export class VQE {
  /** The Hamiltonian minimized. */
  readonly hamiltonian: Hamiltonian;

  /**
   * @param hamiltonian - A `Hamiltonian`, a Pauli list or a string.
   * @param ansatz - A `Circuit` (or anything with `forward()` and `parameters()`), trained in place.
   * @param options - Optimizer and stopping rules, callbacks, the input state.
   */
  constructor(
    hamiltonian: HamiltonianLike,
    readonly ansatz: VariationalAnsatz,
    readonly options: VQEOptions = {},
  ) {
    checkArity(arguments.length, 3, "VQE");
    checkAnsatz(ansatz, "VQE");
    checkOptions(options, VQE_OPTIONS, "VQE");
    loopSettings(options, "VQE");
    checkInputState(options.initialState, "initialState", "VQE");
    this.hamiltonian = hamiltonianArgument(hamiltonian, "VQE");
  }

  /** The ansatz's output state at the current parameters. */
  state(): State | DensityMatrix {
    checkArity(arguments.length, 0, "VQE.state");
    const input = this.options.initialState;
    return input === undefined ? this.ansatz.forward() : this.ansatz.forward(input);
  }

  /**
   * Trains the ansatz; returns the final energy, the parameters and the history.
   * @example
   * const { energy, history, converged } = new VQE(H, circuit, { optimizer: "adam" }).run();
   */
  run(): VQEResult {
    checkArity(arguments.length, 0, "VQE.run");
    const params = this.ansatz.parameters();
    const loop = minimizeVariational(
      params,
      () => expecVal(this.state(), this.hamiltonian),
      this.options,
      "VQE",
    );
    const energy = noGrad(() => expecVal(this.state(), this.hamiltonian).item());
    return { ...loop, energy, parameters: flatParameters(params) };
  }
}
