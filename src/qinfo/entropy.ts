/**
 * Von Neumann entropy S(rho) = -tr(rho log rho) and relative entropy
 * S(rho || sigma) = tr(rho (log rho - log sigma)), in bits by default (`base` option).
 */
import { ArgumentError, describe } from "../errors.js";
import { eighHermitian } from "../quantum/linalg.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import {
  type DensityCheckOptions,
  densityInput,
  eigvalsHermitian,
  type MatrixOrState,
  sameDim,
} from "./matrix.js";

/** Options of the entropies (and the tolerance of the density-matrix checks). */
export interface EntropyOptions extends DensityCheckOptions {
  /** Logarithm base (default 2: bits; `Math.E` for nats). */
  base?: number;
  /** Eigenvalues below this count as 0 (default 1e-12). */
  tol?: number;
}

const ENTROPY_OPTIONS = optionKeys<EntropyOptions>({
  base: true,
  tol: true,
  densityTol: true,
});

/**
 * The logarithm to `base` (default 2, bits) as a function; a base that is not a positive finite
 * number other than 1 is an ArgumentError.
 * @example
 * logOf(2)(8); // 3
 */
export function logOf(base: number | undefined): (x: number) => number {
  const b = base ?? 2;
  if (!(typeof b === "number" && b > 0 && b !== 1 && Number.isFinite(b))) {
    throw new ArgumentError(
      `base must be a positive finite number other than 1, got ${describe(b)}`,
    );
  }
  const scale = 1 / Math.log(b);
  return (x: number) => Math.log(x) * scale;
}

/**
 * -sum_i p_i log p_i over the eigenvalues p_i of rho.
 * @example
 * vonNeumannEntropy(reducedState(State.bell(), [0])); // 1 (bit)
 */
export function vonNeumannEntropy(rho: MatrixOrState, options: EntropyOptions = {}): number {
  checkArity(arguments.length, 2, "vonNeumannEntropy");
  checkOptions(options, ENTROPY_OPTIONS, "vonNeumannEntropy");
  const log = logOf(options.base);
  const tol = options.tol ?? 1e-12;
  const m = densityInput(rho, "rho", "vonNeumannEntropy", options.densityTol);
  let s = 0;
  for (const p of eigvalsHermitian(m.data)) if (p > tol) s -= p * log(p);
  return s;
}

/**
 * tr(rho log rho) - tr(rho log sigma); `Infinity` when the support of rho is not inside that
 * of sigma.
 * @example
 * relativeEntropy(rho, maximallyMixed); // log2(d) - S(rho)
 */
export function relativeEntropy(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  options: EntropyOptions = {},
): number {
  checkArity(arguments.length, 3, "relativeEntropy");
  checkOptions(options, ENTROPY_OPTIONS, "relativeEntropy");
  const log = logOf(options.base);
  const tol = options.tol ?? 1e-12;
  const a = densityInput(rho, "rho", "relativeEntropy", options.densityTol);
  const b = densityInput(sigma, "sigma", "relativeEntropy", options.densityTol);
  sameDim(a, b, "rho", "sigma");
  const d = a.dim;
  let s = 0;
  for (const p of eigvalsHermitian(a.data)) if (p > tol) s += p * log(p);
  const { values, vectors } = eighHermitian(b.data);
  for (let k = 0; k < d; k++) {
    // w = <v_k| rho |v_k>
    let w = 0;
    for (let i = 0; i < d; i++) {
      const vir = vectors[2 * (i * d + k)]!;
      const vii = vectors[2 * (i * d + k) + 1]!;
      for (let j = 0; j < d; j++) {
        const rr = a.data[2 * (i * d + j)]!;
        const ri = a.data[2 * (i * d + j) + 1]!;
        const vjr = vectors[2 * (j * d + k)]!;
        const vji = vectors[2 * (j * d + k) + 1]!;
        // conj(v_i) rho_ij v_j, real part
        const tr = rr * vjr - ri * vji;
        const ti = rr * vji + ri * vjr;
        w += vir * tr + vii * ti;
      }
    }
    if (w <= tol) continue;
    const q = values[k]!;
    if (q <= tol) return Number.POSITIVE_INFINITY;
    s -= w * log(q);
  }
  return Math.max(0, s);
}
