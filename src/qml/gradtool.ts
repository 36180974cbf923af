/**
 * Barren-plateau analysis in the manner of Paddle Quantum's `gradtool`: the variance, over random
 * parameter draws, of a cost's gradient, for circuits of growing qubit count and depth
 * (McClean et al. 2018: in random circuits deep enough to be 2-designs, Var[dC/dtheta] decays
 * exponentially in the number of qubits), and the fit Var ~ a b^-n that measures the decay.
 */
import { ArgumentError, describe } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import type { State } from "../quantum/state/state.js";
import { Rng } from "../random.js";
import { Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";

/** Options of `gradientVariance`. */
export interface GradientVarianceOptions {
  /** The qubit counts to build circuits for. */
  qubits: readonly number[];
  /** The depths passed to the builder (what a depth means is the builder's; default [1]). */
  depths?: readonly number[];
  /** Random draws per (qubits, depth) (default 100). */
  samples?: number;
  /**
   * The flat parameter entry whose gradient is sampled (default 0, the first), or "all": every
   * entry's variance, averaged over the entries.
   */
  parameter?: number | "all";
  /** Seed of the draws (the builder gets the same generator for random structures). */
  seed?: number;
  /** Called after every draw (done, total). */
  progress?: (done: number, total: number) => void;
}

const GRADIENT_VARIANCE_OPTIONS = optionKeys<GradientVarianceOptions>({
  qubits: true,
  depths: true,
  samples: true,
  parameter: true,
  seed: true,
  progress: true,
});

/** The gradient statistics of one (qubits, depth) pair. */
export interface GradientVarianceEntry {
  /** Qubit count. */
  qubits: number;
  /** Depth passed to the builder. */
  depth: number;
  /** Mean of the sampled gradient (about 0 for random circuits). */
  mean: number;
  /** Sample variance of the gradient (averaged over entries for `parameter: "all"`). */
  variance: number;
  /** Parameter entries of the circuit. */
  parameters: number;
}

/** An exponential fit Var = a b^-n over the qubit counts of one depth. */
export interface DecayFit {
  /** The depth the fit is for. */
  depth: number;
  /** The decay base b (> 1 is a barren plateau). */
  base: number;
  /** The prefactor a. */
  prefactor: number;
  /** R^2 of the straight line log Var = log a - n log b. */
  r2: number;
}

/** What `gradientVariance` returns. */
export interface GradientVarianceResult {
  /** One entry per (qubits, depth), qubits outer. */
  entries: GradientVarianceEntry[];
  /** One fit per depth (when at least two qubit counts were sampled). */
  fits: DecayFit[];
  /** Draws per entry. */
  samples: number;
}

/**
 * Samples the gradient of `cost(build(n, depth, rng).forward())` at uniformly random parameters
 * (every trainable entry in [0, 2 pi)) for every qubit count and depth, and fits the decay of
 * its variance with the qubit count.
 * @example
 * const r = gradientVariance(
 *   (n, depth) => {
 *     const c = new Circuit(n);
 *     for (let l = 0; l < depth; l++) c.ry("full").cz("linear");
 *     return c;
 *   },
 *   (psi) => expecVal(psi, "Z0 Z1"),
 *   { qubits: [2, 4, 6], depths: [20], samples: 50, seed: 1 },
 * );
 * r.fits[0]!.base; // > 1: the variance shrinks exponentially
 */
export function gradientVariance(
  build: (nQubits: number, depth: number, rng: Rng) => Circuit,
  cost: (state: State) => Tensor,
  options: GradientVarianceOptions,
): GradientVarianceResult {
  checkArity(arguments.length, 3, "gradientVariance");
  const where = "gradientVariance";
  if (typeof build !== "function")
    throw new ArgumentError(
      `${where}: build must be a function (nQubits, depth, rng) => Circuit, got ${describe(build)}`,
    );
  if (typeof cost !== "function")
    throw new ArgumentError(
      `${where}: cost must be a function (state) => scalar tensor, got ${describe(cost)}`,
    );
  if (options === null || typeof options !== "object")
    throw new ArgumentError(
      `${where}: options must be an object with qubits, got ${describe(options)}`,
    );
  checkOptions(options, GRADIENT_VARIANCE_OPTIONS, where);
  const qubits = positiveIntegers(options.qubits, "options.qubits", where);
  const depths = positiveIntegers(options.depths ?? [1], "options.depths", where);
  const samples = options.samples ?? 100;
  if (!Number.isInteger(samples) || samples < 2)
    throw new ArgumentError(
      `${where}: options.samples must be an integer >= 2 (a variance needs two draws), got ${describe(samples)}`,
    );
  const which = options.parameter ?? 0;
  if (which !== "all" && !(Number.isInteger(which) && (which as number) >= 0))
    throw new ArgumentError(
      `${where}: options.parameter must be an entry index >= 0 or "all", got ${describe(which)}`,
    );
  if (options.progress !== undefined && typeof options.progress !== "function")
    throw new ArgumentError(
      `${where}: options.progress must be a function, got ${describe(options.progress)}`,
    );
  const rng = new Rng(options.seed);
  const total = qubits.length * depths.length * samples;
  let done = 0;
  const entries: GradientVarianceEntry[] = [];
  for (const n of qubits) {
    for (const depth of depths) {
      let sum: Float64Array | undefined;
      let sumSq: Float64Array | undefined;
      let parameters = 0;
      for (let s = 0; s < samples; s++) {
        const grad = sampleGradient(build(n, depth, rng), cost, rng, where);
        parameters = grad.length;
        if (which !== "all" && which >= grad.length)
          throw new ArgumentError(
            `${where}: options.parameter ${which} is outside the circuit's ${grad.length} entries (n = ${n}, depth = ${depth})`,
          );
        const g = which === "all" ? grad : grad.subarray(which, which + 1);
        sum ??= new Float64Array(g.length);
        sumSq ??= new Float64Array(g.length);
        if (g.length !== sum.length)
          throw new ArgumentError(
            `${where}: the builder made circuits with different parameter counts for n = ${n}, depth = ${depth}`,
          );
        for (let i = 0; i < g.length; i++) {
          sum[i] += g[i]!;
          sumSq[i] += g[i]! * g[i]!;
        }
        options.progress?.(++done, total);
      }
      let mean = 0;
      let variance = 0;
      for (let i = 0; i < sum!.length; i++) {
        const m = sum![i]! / samples;
        mean += m;
        // the unbiased sample variance
        variance += (sumSq![i]! - samples * m * m) / (samples - 1);
      }
      entries.push({
        qubits: n,
        depth,
        mean: mean / sum!.length,
        variance: variance / sum!.length,
        parameters,
      });
    }
  }
  const fits: DecayFit[] = [];
  if (qubits.length >= 2) {
    for (const depth of depths) {
      const row = entries.filter((e) => e.depth === depth);
      const [a, slope, r2] = fitLine(
        row.map((e) => e.qubits),
        row.map((e) => Math.log(e.variance)),
      );
      fits.push({ depth, base: Math.exp(-slope), prefactor: Math.exp(a), r2 });
    }
  }
  return { entries, fits, samples };
}

/** One draw: random parameters, the cost's gradient for every flat entry. */
function sampleGradient(
  c: unknown,
  cost: (state: State) => Tensor,
  rng: Rng,
  where: string,
): Float64Array {
  if (!(c instanceof Circuit))
    throw new ArgumentError(`${where}: build must return a Circuit, got ${describe(c)}`);
  const params = c.parameters();
  if (params.length === 0)
    throw new ArgumentError(
      `${where}: the built circuit has no trainable parameters to differentiate`,
    );
  for (const p of params) {
    for (let i = 0; i < p.size; i++) p.data[i] = 2 * Math.PI * rng.uniform();
    p.grad = null;
  }
  const loss = cost(c.forward());
  if (!(loss instanceof Tensor) || loss.size !== 1)
    throw new ArgumentError(`${where}: cost must return a scalar tensor, got ${describe(loss)}`);
  loss.backward();
  const out = new Float64Array(c.parameterCount);
  let off = 0;
  for (const p of params) {
    if (p.grad !== null) out.set(p.grad.data, off);
    off += p.size;
  }
  return out;
}

function positiveIntegers(v: unknown, name: string, where: string): number[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((x) => Number.isInteger(x) && x >= 1))
    throw new ArgumentError(
      `${where}: ${name} must be a non-empty array of positive integers, got ${describe(v)}`,
    );
  return [...v] as number[];
}

/** Least-squares line y = a + b x; returns [a, b, R^2]. */
function fitLine(x: readonly number[], y: readonly number[]): [number, number, number] {
  const m = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / m;
  const my = y.reduce((s, v) => s + v, 0) / m;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < m; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  const b = sxy / sxx;
  return [my - b * mx, b, syy === 0 ? 1 : (sxy * sxy) / (sxx * syy)];
}
