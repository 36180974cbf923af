/**
 * Subspace-search VQE (Nakanishi, Mitarai, Fujii 2019): one unitary U maps the orthogonal inputs
 * |0>, ..., |k-1> to the k lowest eigenstates of H at once, by minimizing sum_j w_j <j|U^† H U|j>
 * with w_0 > w_1 > ... > 0. Orthogonality comes free (U is unitary), and the strict order of the
 * weights makes input j land on level j.
 */
import { expecVal, type HamiltonianLike } from "../qml/expecval.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { flatParameters, hamiltonianArgument } from "../qml/vqe.js";
import type { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import type { State } from "../quantum/state/state.js";
import { noGrad, type Tensor, tensor } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";
import { basisBatch, checkSizedAnsatz, type SizedAnsatz, subspaceWeights } from "./basis-inputs.js";

/** Options of {@link SSVQE}. */
export interface SSVQEOptions extends VariationalLoopOptions {
  /** How many of the lowest levels (default 2; at most 2^n). */
  k?: number;
  /** The weights w_j, positive and strictly decreasing (default (k - j) / k). */
  weights?: number[];
}

/** What {@link SSVQE.run} returns. */
export interface SSVQEResult extends VariationalLoopResult {
  /** <j|U^† H U|j> for j = 0..k-1 at the final parameters: the k lowest levels, ascending. */
  energies: number[];
  /** The final parameters, flattened. */
  parameters: number[];
}

const SSVQE_OPTIONS = mergeKeys(
  VARIATIONAL_LOOP_OPTIONS,
  optionKeys<Omit<SSVQEOptions, keyof VariationalLoopOptions>>({ k: true, weights: true }),
);

/**
 * SSVQE: the k lowest levels of a Hamiltonian from one circuit.
 * @example
 * const c = new Circuit(2, { seed: 3 });
 * c.universalTwoQubits([0, 1]);
 * const { energies } = new SSVQE("Z0 Z1 + 0.5 X0", c, { k: 4 }).run();
 */
export class SSVQE {
  /** The Hamiltonian. */
  readonly hamiltonian: Hamiltonian;
  /** The weights w_j. */
  readonly weights: number[];
  private readonly inputs: State;

  /**
   * @param hamiltonian - A `Hamiltonian`, a Pauli list or a string.
   * @param ansatz - The circuit U (it must say its `nQubits`), trained in place.
   * @param options - k, the weights, the optimizer and stopping rules.
   */
  constructor(
    hamiltonian: HamiltonianLike,
    readonly ansatz: SizedAnsatz,
    readonly options: SSVQEOptions = {},
  ) {
    checkArity(arguments.length, 3, "SSVQE");
    checkSizedAnsatz(ansatz, "SSVQE");
    checkOptions(options, SSVQE_OPTIONS, "SSVQE");
    loopSettings(options, "SSVQE");
    this.hamiltonian = hamiltonianArgument(hamiltonian, "SSVQE");
    this.weights = subspaceWeights(options.k ?? 2, options.weights, 2 ** ansatz.nQubits, "SSVQE");
    this.inputs = basisBatch(ansatz.nQubits, this.weights.length);
  }

  /** <j|U^† H U|j> for every input j, as a [k] tensor. */
  private levels(): Tensor {
    const out = expecVal(this.ansatz.forward(this.inputs), this.hamiltonian);
    return out.reshape([this.weights.length]);
  }

  /**
   * Trains U; returns the k levels and the loop's history.
   * @example
   * const { energies, converged } = ssvqe.run();
   */
  run(): SSVQEResult {
    checkArity(arguments.length, 0, "SSVQE.run");
    const params = this.ansatz.parameters();
    const w = tensor(this.weights);
    const loop = minimizeVariational(
      params,
      () => this.levels().mul(w).sum(),
      this.options,
      "SSVQE",
    );
    const energies = Array.from(noGrad(() => this.levels()).data);
    return { ...loop, energies, parameters: flatParameters(params) };
  }
}
