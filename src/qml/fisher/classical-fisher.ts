/**
 * The classical Fisher information of a circuit's measurement distribution (all qubits in the
 * computational basis), and the effective dimension of Abbas et al. (2021, "The power of
 * quantum neural networks") built from it, with Paddle Quantum's `ClassicalFisher` conventions:
 *
 *   F(theta) = E_x sum_k (d p_k)(d p_k)^T / p_k        (p_k = p(k | x, theta), data rows x)
 *   F_hat(theta) = P F(theta) / E_theta[tr F(theta)]   (normalized over the parameter samples)
 *   d_eff(n) = 2 (logsumexp_theta r(theta) - log N_theta) / log kappa,
 *   r(theta) = 1/2 log det(I + kappa F_hat(theta)),  kappa = gamma n / (2 pi log n).
 *
 * Paddle's docstrings give the Fisher array the shape [inputs, output dimension, thetas] and
 * `get_eff_dim` an integer list; the code (and the mathematics) give P x P matrices and real
 * dimensions, which is what is returned here.
 */
import { ArgumentError, describe } from "../../errors.js";
import { Rng } from "../../random.js";
import { fromData, type Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import {
  type FisherInputOptions,
  fisherSetup,
  runFisherSweep,
  withParameters,
} from "./sweep-input.js";
import { symmetricEigen } from "./symmetric.js";

/** Outcomes rarer than this are left out of sum_k (d p_k)^2 / p_k (their terms vanish as p -> 0). */
const PROBABILITY_CUTOFF = 1e-14;

const CFI_OPTIONS = optionKeys<FisherInputOptions>({ state: true, data: true });

/**
 * The P x P classical Fisher information (float64, in the order of `circuit.parameters()`) of
 * the computational-basis distribution of the circuit's output, averaged over the rows of
 * `data` (one derivative sweep for all rows).
 * @example
 * const c = new Circuit(1, { seed: 1 });
 * c.ry(0);
 * classicalFisher(c).item(); // 1: p0 = cos^2(t/2) carries one unit of information
 */
export function classicalFisher(circuit: unknown, options: FisherInputOptions = {}): Tensor {
  checkArity(arguments.length, 2, "classicalFisher");
  checkOptions(options, CFI_OPTIONS, "classicalFisher");
  const { matrix, size } = classicalFisherMatrix(circuit, options, "classicalFisher");
  return fromData(matrix, [size, size], "float64");
}

function classicalFisherMatrix(
  circuit: unknown,
  options: FisherInputOptions,
  where: string,
): { matrix: Float64Array; size: number } {
  const setup = fisherSetup(circuit, options, where, true);
  const P = setup.size;
  const rows = setup.rows;
  const out = new Float64Array(P * P);
  const all = Array.from({ length: P }, (_, i) => i);
  runFisherSweep(setup, options.state, [all], true, (_, psiBuf, ds) => {
    const psi = setup.backend.toArray(psiBuf);
    const per = psi.length / 2 / rows; // amplitudes (or rho entries) per row
    const dim = setup.density ? Math.round(Math.sqrt(per)) : per;
    // where outcome k sits in a row: |a_k|^2, or rho_kk on the density path
    const at = (k: number): number => (setup.density ? k * dim + k : k);
    const derivs = ds.map((d) => (d === undefined ? undefined : setup.backend.toArray(d)));
    const dp = new Float64Array(P);
    for (let b = 0; b < rows; b++) {
      for (let k = 0; k < dim; k++) {
        const x = 2 * (b * per + at(k));
        const re = psi[x]!;
        const im = psi[x + 1]!;
        const p = setup.density ? re : re * re + im * im;
        if (p <= PROBABILITY_CUTOFF) continue;
        for (let i = 0; i < P; i++) {
          const d = derivs[i];
          // d p = 2 Re(conj(a) d a), or Re(d rho_kk)
          dp[i] = d === undefined ? 0 : setup.density ? d[x]! : 2 * (re * d[x]! + im * d[x + 1]!);
        }
        for (let i = 0; i < P; i++) {
          if (dp[i] === 0) continue;
          const s = dp[i]! / (p * rows);
          for (let j = 0; j < P; j++) out[i * P + j] += s * dp[j]!;
        }
      }
    }
  });
  return { matrix: out, size: P };
}

/** Options of `effectiveDimension`. */
export interface EffectiveDimensionOptions extends FisherInputOptions {
  /** The numbers of data samples n to evaluate d_eff(n) at (each with kappa > 1). */
  sampleSizes: readonly number[];
  /** Parameter points theta, uniform in [0, 2 pi) (default 100). */
  parameterSamples?: number;
  /** Abbas et al.'s gamma in (0, 1] (default 1). */
  gamma?: number;
  /** Seed of the parameter draws. */
  seed?: number;
  /** Called after each parameter sample (done, total). */
  progress?: (done: number, total: number) => void;
}

const ED_OPTIONS = optionKeys<EffectiveDimensionOptions>({
  state: true,
  data: true,
  sampleSizes: true,
  parameterSamples: true,
  gamma: true,
  seed: true,
  progress: true,
});

/** What `effectiveDimension` returns. */
export interface EffectiveDimensionResult {
  /** The n's asked for. */
  sampleSizes: number[];
  /** d_eff(n), one per sample size, in [0, P]. */
  dimensions: number[];
  /** E_theta[tr F(theta)], the normalization. */
  fisherTrace: number;
  /** The number of parameters P (d_eff / P is the normalized effective dimension). */
  parameters: number;
}

/**
 * The effective dimension of Abbas et al. (module comment) of the model "circuit + measurement
 * of every qubit", over `parameterSamples` random parameter points and the data rows. The
 * circuit's own parameter values are restored afterwards.
 * @example
 * const { dimensions } = effectiveDimension(c, { data: x, sampleSizes: [1000, 100000], seed: 1 });
 */
export function effectiveDimension(
  circuit: unknown,
  options: EffectiveDimensionOptions,
): EffectiveDimensionResult {
  checkArity(arguments.length, 2, "effectiveDimension");
  const where = "effectiveDimension";
  if (options === null || typeof options !== "object")
    throw new ArgumentError(
      `${where}: options must be an object with sampleSizes, got ${describe(options)}`,
    );
  checkOptions(options, ED_OPTIONS, where);
  const samples = options.parameterSamples ?? 100;
  const gamma = options.gamma ?? 1;
  if (!Number.isInteger(samples) || samples < 1)
    throw new ArgumentError(
      `${where}: options.parameterSamples must be an integer >= 1, got ${describe(samples)}`,
    );
  if (typeof gamma !== "number" || !(gamma > 0 && gamma <= 1))
    throw new ArgumentError(`${where}: options.gamma must be in (0, 1], got ${describe(gamma)}`);
  const sizes = options.sampleSizes;
  if (!Array.isArray(sizes) || sizes.length === 0)
    throw new ArgumentError(
      `${where}: options.sampleSizes must be a non-empty array of sample counts, got ${describe(sizes)}`,
    );
  const kappas = sizes.map((n) => {
    const kappa = typeof n === "number" && n > 1 ? (gamma * n) / (2 * Math.PI * Math.log(n)) : NaN;
    if (!(kappa > 1))
      throw new ArgumentError(
        `${where}: every sample size n needs kappa = gamma n / (2 pi log n) > 1, got n = ${describe(n)}`,
      );
    return kappa;
  });
  if (options.progress !== undefined && typeof options.progress !== "function")
    throw new ArgumentError(
      `${where}: options.progress must be a function, got ${describe(options.progress)}`,
    );
  const setup = fisherSetup(circuit, options, where, true);
  const P = setup.size;
  const rng = new Rng(options.seed);
  const input = { state: options.state, data: options.data };
  // the eigenvalues of each F(theta) are all that log det(I + kappa F_hat) needs
  const spectra: Float64Array[] = [];
  let traceSum = 0;
  for (let s = 0; s < samples; s++) {
    const f = withParameters(
      setup.parameters,
      () => 2 * Math.PI * rng.uniform(),
      () => classicalFisherMatrix(setup.circuit, input, where).matrix,
    );
    for (let i = 0; i < P; i++) traceSum += f[i * P + i]!;
    spectra.push(symmetricEigen(f, P).values);
    options.progress?.(s + 1, samples);
  }
  const trace = traceSum / samples;
  if (!(trace > 0))
    throw new ArgumentError(
      `${where}: the classical Fisher information vanishes at every parameter sample; the measured distribution does not depend on the parameters`,
    );
  const dimensions = kappas.map((kappa) => {
    const r = spectra.map((values) => {
      let logDet = 0;
      for (const v of values) logDet += Math.log1p((kappa * P * Math.max(v, 0)) / trace);
      return logDet / 2;
    });
    const top = Math.max(...r);
    const lse = top + Math.log(r.reduce((s, x) => s + Math.exp(x - top), 0));
    return (2 * (lse - Math.log(samples))) / Math.log(kappa);
  });
  return { sampleSizes: [...sizes], dimensions, fisherTrace: trace, parameters: P };
}
