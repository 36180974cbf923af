/**
 * The quantum autoencoder (Romero, Olson, Aspuru-Guzik 2017): an encoder circuit U is trained so
 * that U|psi> leaves the last `trashQubits` qubits in |0...0> for every state of a family; the
 * remaining (latent) qubits then hold all of |psi>. Decoding resets the trash qubits to |0...0>
 * and applies U^†, so the reconstruction fidelity of |psi> is
 * <psi|U^† (rho_latent ⊗ |0><0|) U|psi> = F(U|psi>, rho_latent ⊗ |0><0|)^2, which the training
 * objective P(trash = 0...0) bounds from below.
 */
import { ArgumentError, describe } from "../errors.js";
import { stateFidelitySquared } from "../qinfo/fidelity.js";
import { reducedState } from "../qinfo/partial-trace.js";
import { tensorState } from "../qinfo/subsystems.js";
import { probabilities } from "../qml/losses.js";
import {
  loopSettings,
  minimizeVariational,
  VARIATIONAL_LOOP_OPTIONS,
  type VariationalLoopOptions,
  type VariationalLoopResult,
} from "../qml/variational-loop.js";
import { flatParameters } from "../qml/vqe.js";
import { State } from "../quantum/state/state.js";
import { noGrad, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions } from "../validate.js";
import { checkSizedAnsatz, type SizedAnsatz } from "./basis-inputs.js";

/** Options of {@link QuantumAutoencoder}: the optimizer and stopping rules. */
export type QuantumAutoencoderOptions = VariationalLoopOptions;

/** What {@link QuantumAutoencoder.run} returns. */
export interface QuantumAutoencoderResult extends VariationalLoopResult {
  /** Mean P(trash = 0...0) over the training states at the final parameters. */
  trashProbability: number;
  /** The reconstruction fidelity of each training state. */
  fidelities: number[];
  /** The final parameters, flattened. */
  parameters: number[];
}

/**
 * A quantum autoencoder: compresses a family of states into the first n - trashQubits qubits.
 * @example
 * const U = new Circuit(3, { seed: 1 });
 * U.complexEntangledLayer({ depth: 3 });
 * const family = State.random(2, { seed: 2, batch: 8 }).kron(State.zero(1));
 * const { fidelities } = new QuantumAutoencoder(family, U, 1).run();
 */
export class QuantumAutoencoder {
  /**
   * @param states - The training states, a batch on the encoder's qubits.
   * @param encoder - The encoder U, trained in place.
   * @param trashQubits - How many of the last qubits are discarded (1 .. n - 1).
   * @param options - The optimizer and stopping rules.
   */
  constructor(
    readonly states: State,
    readonly encoder: SizedAnsatz,
    readonly trashQubits: number,
    readonly options: QuantumAutoencoderOptions = {},
  ) {
    checkArity(arguments.length, 4, "QuantumAutoencoder");
    checkSizedAnsatz(encoder, "QuantumAutoencoder");
    const n = encoder.nQubits;
    if (!(states instanceof State) || states.nQubits !== n) {
      throw new ArgumentError(
        `QuantumAutoencoder: states must be a State on the encoder's ${n} qubits, got ${describe(states)}`,
      );
    }
    if (!Number.isInteger(trashQubits) || trashQubits < 1 || trashQubits >= n) {
      throw new ArgumentError(
        `QuantumAutoencoder: trashQubits must be an integer from 1 to ${n - 1}, got ${describe(trashQubits)}`,
      );
    }
    checkOptions(options, VARIATIONAL_LOOP_OPTIONS, "QuantumAutoencoder");
    loopSettings(options, "QuantumAutoencoder");
  }

  private get trash(): number[] {
    const n = this.encoder.nQubits;
    return Array.from({ length: this.trashQubits }, (_, i) => n - this.trashQubits + i);
  }

  private encode(states: State): State {
    const out = this.encoder.forward(states);
    if (!(out instanceof State)) {
      throw new ArgumentError(
        `QuantumAutoencoder: the encoder must return a State, got ${describe(out)}`,
      );
    }
    return out;
  }

  /** Mean P(trash = 0...0) over the training states, differentiable. */
  trashProbability(): Tensor {
    checkArity(arguments.length, 0, "QuantumAutoencoder.trashProbability");
    return probabilities(this.encode(this.states), this.trash).indexSelect(1, [0]).mean();
  }

  /**
   * The reconstruction fidelity of each state of `states` (a batch on the encoder's qubits).
   * @example
   * autoencoder.reconstructionFidelity(testStates); // one number per state
   */
  reconstructionFidelity(states: State): number[] {
    checkArity(arguments.length, 1, "QuantumAutoencoder.reconstructionFidelity");
    const n = this.encoder.nQubits;
    if (!(states instanceof State) || states.nQubits !== n) {
      throw new ArgumentError(
        `QuantumAutoencoder.reconstructionFidelity: states must be a State on ${n} qubits, got ${describe(states)}`,
      );
    }
    return noGrad(() => {
      const encoded = this.encode(states);
      const latentQubits = Array.from({ length: n - this.trashQubits }, (_, i) => i);
      const decoderInput = tensorState(
        reducedState(encoded, latentQubits),
        State.zero(this.trashQubits),
      );
      return Array.from(stateFidelitySquared(encoded, decoderInput).data);
    });
  }

  /**
   * Trains U to maximize P(trash = 0...0); returns it with the training fidelities.
   * @example
   * const { trashProbability, fidelities } = autoencoder.run();
   */
  run(): QuantumAutoencoderResult {
    checkArity(arguments.length, 0, "QuantumAutoencoder.run");
    const params = this.encoder.parameters();
    const loop = minimizeVariational(
      params,
      () => this.trashProbability().neg().add(1),
      this.options,
      "QuantumAutoencoder",
    );
    return {
      ...loop,
      trashProbability: noGrad(() => this.trashProbability().item()),
      fidelities: this.reconstructionFidelity(this.states),
      parameters: flatParameters(params),
    };
  }
}
