/**
 * Simultaneous perturbation stochastic approximation (Spall 1992, 1998): a gradient estimate from
 * two loss values, whatever the number of parameters. Every entry is perturbed at once by
 * c_k Delta with Delta a random sign vector; the gradient estimate is
 * (f(x + c_k Delta) - f(x - c_k Delta)) / (2 c_k) * Delta, and x -= a_k g. Its noise tolerance
 * makes it the usual choice for shot-based losses: the closure may return a sampled estimate
 * (e.g. `shotsExpectation` with fresh shots), and `resamplings` averages several estimates.
 */
import { ArgumentError } from "../../errors.js";
import { type Rng, rngOption } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { Tensor } from "../tensor.js";
import { checkClosure, type FlatParams, flatParamsOf, lossValue } from "./flat.js";
import { type Closure, checkNonNegative } from "./optimizer.js";

/** SPSA options (Spall's gain sequences a_k = lr / (k + 1 + A)^alpha, c_k = c / (k + 1)^gamma). */
export interface SPSAOptions {
  /** The step gain a (default 0.1). */
  lr?: number;
  /** The perturbation size c (default 0.2; about the loss noise's standard deviation works). */
  perturbation?: number;
  /** Decay exponent of the step gain (default 0.602, Spall's practical value). */
  alpha?: number;
  /** Decay exponent of the perturbation (default 0.101). */
  gamma?: number;
  /** The stability constant A (default 0; about 10% of the planned steps is Spall's advice). */
  stabilityConstant?: number;
  /** Gradient estimates averaged per step, each from two fresh evaluations (default 1). */
  resamplings?: number;
  /** Seed of the perturbation signs. */
  seed?: number;
  /** The generator of the perturbation signs (instead of `seed`). */
  rng?: Rng;
}

const SPSA_OPTIONS = optionKeys<SPSAOptions>({
  lr: true,
  perturbation: true,
  alpha: true,
  gamma: true,
  stabilityConstant: true,
  resamplings: true,
  seed: true,
  rng: true,
});

/**
 * SPSA; `step(closure)` makes one update from 2 * resamplings closure evaluations and returns
 * the mean of those evaluations (a cheap estimate of the loss near the current point).
 * @example
 * const opt = new SPSA(circuit.parameters(), { lr: 0.2, seed: 1 });
 * const rng = new Rng(2);
 * for (let k = 0; k < 200; k++)
 *   opt.step(() => shotsExpectation(circuit.forward(), H, { shots: 1000, seed: rng })[0]!);
 */
export class SPSA {
  /** The parameters updated in place. */
  readonly params: readonly Tensor[];
  /** The step gain a. */
  lr: number;
  /** The perturbation size c. */
  readonly perturbation: number;
  /** Decay exponent of the step gain. */
  readonly alpha: number;
  /** Decay exponent of the perturbation. */
  readonly gamma: number;
  /** The stability constant A. */
  readonly stabilityConstant: number;
  /** Gradient estimates averaged per step. */
  readonly resamplings: number;
  /** Number of `step` calls so far (k). */
  stepCount = 0;
  /** Closure evaluations so far. */
  evaluations = 0;
  private readonly flat: FlatParams;
  private readonly rng: Rng;

  constructor(params: Iterable<Tensor>, options: SPSAOptions = {}) {
    checkArity(arguments.length, 2, "SPSA");
    checkOptions(options, SPSA_OPTIONS, "SPSA");
    this.flat = flatParamsOf(params, "SPSA");
    this.params = this.flat.params;
    this.lr = options.lr ?? 0.1;
    this.perturbation = options.perturbation ?? 0.2;
    this.alpha = options.alpha ?? 0.602;
    this.gamma = options.gamma ?? 0.101;
    this.stabilityConstant = options.stabilityConstant ?? 0;
    this.resamplings = options.resamplings ?? 1;
    checkNonNegative(this.lr, "lr", "SPSA");
    checkNonNegative(this.alpha, "alpha", "SPSA");
    checkNonNegative(this.gamma, "gamma", "SPSA");
    checkNonNegative(this.stabilityConstant, "stabilityConstant", "SPSA");
    if (!(this.perturbation > 0) || !Number.isFinite(this.perturbation))
      throw new ArgumentError(
        `SPSA: perturbation must be a positive number, got ${this.perturbation}`,
      );
    if (!Number.isInteger(this.resamplings) || this.resamplings < 1)
      throw new ArgumentError(
        `SPSA: resamplings must be a positive integer, got ${this.resamplings}`,
      );
    this.rng = rngOption(options.rng, options.seed, "SPSA");
  }

  /**
   * The gradient estimate at the current parameters (averaged over `resamplings`), without
   * updating them; also returns the mean loss of the evaluations.
   * @example
   * const { gradient } = opt.estimateGradient(closure);
   */
  estimateGradient(closure: Closure): { gradient: Float64Array; loss: number } {
    checkArity(arguments.length, 1, "SPSA.estimateGradient");
    checkClosure(closure, "SPSA.estimateGradient");
    const ck = this.perturbation / (this.stepCount + 1) ** this.gamma;
    const n = this.flat.size;
    const gradient = new Float64Array(n);
    const delta = new Float64Array(n);
    let lossSum = 0;
    for (let r = 0; r < this.resamplings; r++) {
      for (let i = 0; i < n; i++) delta[i] = this.rng.uniform() < 0.5 ? -1 : 1;
      this.flat.addScaled(ck, delta);
      const plus = lossValue(closure, "SPSA.step");
      this.flat.addScaled(-2 * ck, delta);
      const minus = lossValue(closure, "SPSA.step");
      this.flat.addScaled(ck, delta);
      this.evaluations += 2;
      lossSum += plus + minus;
      // 1 / Delta_i = Delta_i for signs
      const slope = (plus - minus) / (2 * ck * this.resamplings);
      for (let i = 0; i < n; i++) gradient[i] = gradient[i]! + slope * delta[i]!;
    }
    return { gradient, loss: lossSum / (2 * this.resamplings) };
  }

  /**
   * One SPSA update; returns the mean loss of its evaluations.
   * @example
   * for (let k = 0; k < 100; k++) opt.step(() => loss());
   */
  step(closure: Closure): number {
    checkArity(arguments.length, 1, "SPSA.step");
    checkClosure(closure, "SPSA.step");
    const { gradient, loss } = this.estimateGradient(closure);
    const ak = this.lr / (this.stepCount + 1 + this.stabilityConstant) ** this.alpha;
    this.flat.addScaled(-ak, gradient);
    this.stepCount++;
    return loss;
  }
}
