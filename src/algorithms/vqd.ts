/**
 * Variational quantum deflation (Higgott, Wang, Brierley 2019): level k is the minimum of
 * <psi|H|psi> + sum_{j<k} beta_j |<psi_j|psi>|^2 over a fresh ansatz, the levels found before
 * held fixed. With beta_j above the gap E_k - E_j the overlaps are pushed to zero, so the
 * minimum is E_k.
 */
import { ArgumentError, describe } from "../errors.js";
import { stateFidelitySquared } from "../qinfo/fidelity.js";
import { expecVal, type HamiltonianLike } from "../qml/expecval.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { checkAnsatz, hamiltonianArgument, type VariationalAnsatz } from "../qml/vqe.js";
import type { DensityMatrix } from "../quantum/density/density.js";
import type { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { State } from "../quantum/state/state.js";
import { noGrad } from "../tensor/index.js";
import { checkArity, checkOptions, mergeKeys, optionKeys } from "../validate.js";

/** Options of {@link VQD}. */
export interface VQDOptions extends VariationalLoopOptions {
  /** How many levels (default 2). */
  k?: number;
  /** The overlap penalty beta (default 2 sum |c| over H's terms, above any gap). */
  beta?: number;
}

/** What {@link VQD.run} returns. */
export interface VQDResult {
  /** <psi_k|H|psi_k> per level, in the order found (ascending when each run converged). */
  energies: number[];
  /** The state of each level. */
  states: State[];
  /** Each level's optimization. */
  runs: VariationalLoopResult[];
}

const VQD_OPTIONS = mergeKeys(
  VARIATIONAL_LOOP_OPTIONS,
  optionKeys<Omit<VQDOptions, keyof VariationalLoopOptions>>({ k: true, beta: true }),
);

/**
 * VQD: the k lowest levels one after another, each on its own ansatz.
 * @example
 * const make = (level: number) => new Circuit(2, { seed: level + 1 }).universalTwoQubits([0, 1]);
 * const { energies } = new VQD("Z0 Z1 + 0.5 X0", make, { k: 3 }).run();
 */
export class VQD {
  /** The Hamiltonian. */
  readonly hamiltonian: Hamiltonian;
  /** The overlap penalty. */
  readonly beta: number;

  /**
   * @param hamiltonian - A `Hamiltonian`, a Pauli list or a string.
   * @param ansatz - Makes the (fresh) ansatz of level `level` (0, 1, ...).
   * @param options - k, beta, the optimizer and stopping rules.
   */
  constructor(
    hamiltonian: HamiltonianLike,
    readonly ansatz: (level: number) => VariationalAnsatz,
    readonly options: VQDOptions = {},
  ) {
    checkArity(arguments.length, 3, "VQD");
    if (typeof ansatz !== "function") {
      throw new ArgumentError(
        `VQD: ansatz must be a function from the level to a fresh ansatz, got ${describe(ansatz)}`,
      );
    }
    checkOptions(options, VQD_OPTIONS, "VQD");
    loopSettings(options, "VQD");
    this.hamiltonian = hamiltonianArgument(hamiltonian, "VQD");
    const k = options.k ?? 2;
    if (!Number.isInteger(k) || k < 1) {
      throw new ArgumentError(`VQD: k must be a positive integer, got ${describe(k)}`);
    }
    // the spectrum lies within +-sum |c|, so 2 sum |c| exceeds every gap
    const spread = this.hamiltonian.terms.reduce((s, t) => s + Math.abs(t.coefficient), 0);
    this.beta = options.beta ?? Math.max(2 * spread, 1);
    if (!(this.beta > 0) || !Number.isFinite(this.beta)) {
      throw new ArgumentError(`VQD: beta must be a positive number, got ${describe(options.beta)}`);
    }
  }

  /**
   * Finds the levels in turn.
   * @example
   * const { energies, states } = vqd.run();
   */
  run(): VQDResult {
    checkArity(arguments.length, 0, "VQD.run");
    const k = this.options.k ?? 2;
    const states: State[] = [];
    const energies: number[] = [];
    const runs: VariationalLoopResult[] = [];
    for (let level = 0; level < k; level++) {
      const a = this.ansatz(level);
      checkAnsatz(a, `VQD: ansatz(${level})`);
      const found = [...states];
      const loss = () => {
        const psi = a.forward();
        let l = expecVal(psi, this.hamiltonian);
        for (const prev of found) l = l.add(stateFidelitySquared(psi, prev).mul(this.beta));
        return l;
      };
      runs.push(minimizeVariational(a.parameters(), loss, this.options, "VQD"));
      const psi = noGrad(() => a.forward());
      if (!(psi instanceof State)) {
        throw new ArgumentError(
          `VQD: ansatz(${level}) must return a State (pure states), got ${describe(psi as DensityMatrix)}`,
        );
      }
      states.push(psi);
      energies.push(noGrad(() => expecVal(psi, this.hamiltonian).item()));
    }
    return { energies, states, runs };
  }
}
