/**
 * A quantum generative adversarial network that learns a target state (Dallaire-Demers and
 * Killoran 2018; Paddle Quantum's QGAN). The generator G prepares |g> on the data qubits
 * 0..n-1; the discriminator D acts on the data qubits and one ancilla (qubit n), and its score
 * <Z_n> after D says "real" (+1) or "generated" (-1). Each round D is trained close to its best
 * response (L-BFGS, warm-started), which measures the positive part of rho_target - rho_g, so its
 * advantage (score(target) - score(g)) / 2 approaches the trace distance; then G takes one Adam
 * step (cosine-annealed rate) towards being judged real, descending the trace distance.
 */
import { ArgumentError, describe } from "../errors.js";
import { stateFidelity } from "../qinfo/fidelity.js";
import { expecVal } from "../qml/expecval.js";
import { positiveOption } from "../qml/variational-loop.js";
import { flatParameters } from "../qml/vqe.js";
import { State } from "../quantum/state/state.js";
import { noGrad, type Tensor } from "../tensor/index.js";
import { Adam } from "../tensor/optim/adaptive.js";
import { LBFGS } from "../tensor/optim/lbfgs.js";
import { CosineAnnealingLR } from "../tensor/optim/scheduler.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { checkSizedAnsatz, type SizedAnsatz } from "./basis-inputs.js";

/** Options of {@link QGAN}. */
export interface QGANOptions {
  /** Training rounds, one discriminator fit and one generator step each (default 100). */
  rounds?: number;
  /** The generator's Adam learning rate, annealed to 0 over the rounds (default 0.08). */
  lr?: number;
  /** L-BFGS iterations of the discriminator per round (default 30). */
  discriminatorIterations?: number;
  /** Called after every round with the fidelity |<target|g>|^2 and the advantage. */
  onRound?: (round: number, fidelity: number, advantage: number) => void;
}

const QGAN_OPTIONS = optionKeys<QGANOptions>({
  rounds: true,
  lr: true,
  discriminatorIterations: true,
  onRound: true,
});

/** What {@link QGAN.run} returns. */
export interface QGANResult {
  /** The final fidelity |<target|g>|^2. */
  fidelity: number;
  /** The fidelity before training and after each round. */
  fidelities: number[];
  /** The discriminator's advantage (score difference / 2) in each round. */
  advantage: number[];
  /** The generator's final parameters, flattened. */
  parameters: number[];
}

/**
 * A QGAN: the generator learns `target` against the discriminator.
 * @example
 * const G = new Circuit(3, { seed: 1 });
 * G.complexEntangledLayer({ qubitsIdx: [0, 1], depth: 2 });
 * const D = new Circuit(3, { seed: 2 });
 * D.complexEntangledLayer({ depth: 3 });
 * const { fidelity } = new QGAN(State.random(2, { seed: 3 }), G, D).run();
 */
export class QGAN {
  private readonly real: State;
  private readonly ancilla: number;

  /**
   * @param target - The state to learn, on n data qubits (batch 1).
   * @param generator - G on n + 1 qubits (it should leave the ancilla n alone), trained in place.
   * @param discriminator - D on the same n + 1 qubits, trained in place.
   * @param options - Rounds, learning rate, discriminator iterations, a per-round callback.
   */
  constructor(
    readonly target: State,
    readonly generator: SizedAnsatz,
    readonly discriminator: SizedAnsatz,
    readonly options: QGANOptions = {},
  ) {
    checkArity(arguments.length, 4, "QGAN");
    checkSizedAnsatz(generator, "QGAN: generator");
    checkSizedAnsatz(discriminator, "QGAN: discriminator");
    if (!(target instanceof State) || target.batch !== 1) {
      throw new ArgumentError(`QGAN: target must be a batch-1 State, got ${describe(target)}`);
    }
    const n = target.nQubits;
    if (generator.nQubits !== n + 1 || discriminator.nQubits !== n + 1) {
      throw new ArgumentError(
        `QGAN: generator and discriminator must act on ${n + 1} qubits (the target's ${n} and an ancilla), got ${generator.nQubits} and ${discriminator.nQubits}`,
      );
    }
    checkOptions(options, QGAN_OPTIONS, "QGAN");
    if (options.rounds !== undefined) positiveOption(options.rounds, "QGAN: rounds", true);
    if (options.lr !== undefined) positiveOption(options.lr, "QGAN: lr");
    if (options.discriminatorIterations !== undefined) {
      positiveOption(options.discriminatorIterations, "QGAN: discriminatorIterations", true);
    }
    if (options.onRound !== undefined && typeof options.onRound !== "function") {
      throw new ArgumentError(`QGAN: onRound must be a function, got ${describe(options.onRound)}`);
    }
    this.ancilla = n;
    this.real = target.kron(State.zero(1));
  }

  /** The discriminator's score <Z_ancilla> on `state` (data qubits and ancilla), differentiable. */
  score(state: State): Tensor {
    checkArity(arguments.length, 1, "QGAN.score");
    if (!(state instanceof State) || state.nQubits !== this.ancilla + 1) {
      throw new ArgumentError(
        `QGAN.score: state must be a State on ${this.ancilla + 1} qubits, got ${describe(state)}`,
      );
    }
    const out = this.discriminator.forward(state);
    if (!(out instanceof State)) {
      throw new ArgumentError(`QGAN: the discriminator must return a State, got ${describe(out)}`);
    }
    return expecVal(out, `Z${this.ancilla}`);
  }

  /** The generator's state |g> ⊗ |0> (data qubits and ancilla). */
  generated(): State {
    checkArity(arguments.length, 0, "QGAN.generated");
    const out = this.generator.forward();
    if (!(out instanceof State)) {
      throw new ArgumentError(`QGAN: the generator must return a State, got ${describe(out)}`);
    }
    return out;
  }

  /** The generator's loss -score(|g>), differentiable in the generator's parameters. */
  generatorLoss(): Tensor {
    checkArity(arguments.length, 0, "QGAN.generatorLoss");
    return this.score(this.generated()).neg();
  }

  /** The fidelity |<target|g>|^2 (only watched, never trained on). */
  fidelity(): number {
    checkArity(arguments.length, 0, "QGAN.fidelity");
    return noGrad(() => stateFidelity(this.generated(), this.real).item() ** 2);
  }

  /**
   * Trains both circuits for the given rounds.
   * @example
   * const { fidelity, advantage } = qgan.run();
   */
  run(): QGANResult {
    checkArity(arguments.length, 0, "QGAN.run");
    const rounds = this.options.rounds ?? 100;
    const optG = new Adam(this.generator.parameters(), { lr: this.options.lr ?? 0.08 });
    const schedule = new CosineAnnealingLR(optG, rounds);
    const optD = new LBFGS(this.discriminator.parameters(), {
      lr: 1,
      maxIter: this.options.discriminatorIterations ?? 30,
      lineSearchFn: "strong_wolfe",
    });
    const fidelities = [this.fidelity()];
    const advantage: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const fake = noGrad(() => this.generated());
      let dLoss = 0;
      optD.step(() => {
        optD.zeroGrad();
        const loss = this.score(fake).sub(this.score(this.real));
        loss.backward();
        dLoss = loss.item();
        return dLoss;
      });
      advantage.push(-dLoss / 2);
      optG.zeroGrad();
      for (const p of this.discriminator.parameters()) p.grad = null;
      this.generatorLoss().backward();
      optG.step();
      schedule.step();
      fidelities.push(this.fidelity());
      this.options.onRound?.(r, fidelities[r]!, advantage[r - 1]!);
    }
    return {
      fidelity: fidelities[rounds]!,
      fidelities,
      advantage,
      parameters: flatParameters(this.generator.parameters()),
    };
  }
}
