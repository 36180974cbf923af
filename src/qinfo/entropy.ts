/**
 * Von Neumann entropy S(rho) = -tr(rho log rho), Renyi entropies, relative entropy
 * S(rho || sigma) = tr(rho (log rho - log sigma)) and mutual information, in bits by default
 * (`base` option), all differentiable tensors.
 */
import { ArgumentError, describe } from "../errors.js";
import { eighHermitian } from "../quantum/linalg.js";
import { fromData, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { densityBatch, densityPair, unbatch } from "./density-tensor.js";
import {
  checkQubitList,
  type DensityCheckOptions,
  type MatrixOrState,
  qubitCount,
} from "./matrix.js";
import { reducedState } from "./partial-trace.js";
import { matrixFunction, spectralScalar } from "./spectral.js";

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
  const scale = logScale(base);
  return (x: number) => Math.log(x) * scale;
}

/** 1 / ln(base), the factor from natural logarithms to the chosen unit. */
function logScale(base: number | undefined): number {
  const b = base ?? 2;
  if (!(typeof b === "number" && b > 0 && b !== 1 && Number.isFinite(b))) {
    throw new ArgumentError(
      `base must be a positive finite number other than 1, got ${describe(b)}`,
    );
  }
  return 1 / Math.log(b);
}

/** The eigenvalues above the entropy tolerance (smaller ones count as 0, subgradient 0). */
function entropyTol(options: EntropyOptions): number {
  const tol = options.tol ?? 1e-12;
  if (!(typeof tol === "number" && tol >= 0)) {
    throw new ArgumentError(`tol must be a non-negative number, got ${describe(tol)}`);
  }
  return tol;
}

/** S(rho) per batch element, [batch], in units of log(base); differentiable. */
function entropyOf(t: Tensor, scale: number, tol: number): Tensor {
  return spectralScalar("vonNeumannEntropy", t, (l) => {
    let s = 0;
    const grad = new Float64Array(l.length);
    for (let i = 0; i < l.length; i++) {
      const p = l[i]!;
      if (p <= tol) continue; // 0 log 0 = 0; log at 0 has no derivative: subgradient 0
      s -= p * Math.log(p) * scale;
      grad[i] = -(Math.log(p) + 1) * scale;
    }
    return { value: s, grad };
  });
}

/**
 * -sum_i p_i log p_i over the eigenvalues p_i of rho, a differentiable 0-d tensor ([batch] for
 * batched inputs): its gradient -(log rho + 1) / ln(base) comes from the eigen-decomposition and
 * is finite at degenerate spectra; eigenvalues below `tol` contribute 0 (subgradient 0).
 * @example
 * vonNeumannEntropy(reducedState(State.bell(), [0])).item(); // 1 (bit)
 */
export function vonNeumannEntropy(rho: MatrixOrState, options: EntropyOptions = {}): Tensor {
  checkArity(arguments.length, 2, "vonNeumannEntropy");
  checkOptions(options, ENTROPY_OPTIONS, "vonNeumannEntropy");
  const scale = logScale(options.base);
  const tol = entropyTol(options);
  const { t, batch } = densityBatch(rho, "rho", "vonNeumannEntropy", options.densityTol);
  return unbatch(entropyOf(t, scale, tol), batch);
}

/**
 * The Renyi entropy S_alpha = log(tr rho^alpha) / (1 - alpha) for alpha > 0 (alpha = 1: the von
 * Neumann entropy), a differentiable 0-d tensor ([batch] for batched inputs); eigenvalues below
 * `tol` count as 0.
 * @example
 * renyiEntropy(DensityMatrix.completelyMixed(2), 2).item(); // 2 (bits)
 */
export function renyiEntropy(
  rho: MatrixOrState,
  alpha: number,
  options: EntropyOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "renyiEntropy");
  checkOptions(options, ENTROPY_OPTIONS, "renyiEntropy");
  if (!(typeof alpha === "number" && alpha > 0 && Number.isFinite(alpha))) {
    throw new ArgumentError(
      `renyiEntropy: alpha must be a finite number > 0, got ${describe(alpha)}`,
    );
  }
  const scale = logScale(options.base);
  const tol = entropyTol(options);
  const { t, batch } = densityBatch(rho, "rho", "renyiEntropy", options.densityTol);
  if (alpha === 1) return unbatch(entropyOf(t, scale, tol), batch);
  const value = spectralScalar("renyiEntropy", t, (l) => {
    let s = 0;
    for (const p of l) if (p > tol) s += p ** alpha;
    const c = scale / (1 - alpha);
    const grad = l.map((p) => (p > tol ? (c * alpha * p ** (alpha - 1)) / s : 0));
    return { value: c * Math.log(s), grad };
  });
  return unbatch(value, batch);
}

/**
 * tr(rho log rho) - tr(rho log sigma), a differentiable 0-d tensor ([batch] for batched inputs);
 * `Infinity` (no gradient) when the support of rho is not inside that of sigma. The gradient in
 * sigma goes through log(sigma) by the Daleckii-Krein formula, with log taken as 0 on the kernel
 * of sigma (where rho has no weight).
 * @example
 * relativeEntropy(rho, maximallyMixed).item(); // log2(d) - S(rho)
 */
export function relativeEntropy(
  rho: MatrixOrState,
  sigma: MatrixOrState,
  options: EntropyOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "relativeEntropy");
  checkOptions(options, ENTROPY_OPTIONS, "relativeEntropy");
  const scale = logScale(options.base);
  const tol = entropyTol(options);
  const [a, b] = densityPair(rho, sigma, "relativeEntropy", options.densityTol);
  const batch = Math.max(a.batch, b.batch);
  const d = a.dim;
  const per = 2 * d * d;
  for (let e = 0; e < batch; e++) {
    const ra = a.t.data.subarray((a.batch === 1 ? 0 : e) * per, (a.batch === 1 ? 1 : e + 1) * per);
    const sb = b.t.data.subarray((b.batch === 1 ? 0 : e) * per, (b.batch === 1 ? 1 : e + 1) * per);
    if (outsideSupport(ra, sb, d, tol)) {
      const inf = new Float64Array(batch).fill(Number.POSITIVE_INFINITY);
      return unbatch(fromData(inf, [batch], "float64"), batch);
    }
  }
  const logSigma = matrixFunction(
    "logm",
    b.t,
    (x) => (x > tol ? Math.log(x) * scale : 0),
    (x) => (x > tol ? scale / x : 0),
  );
  // tr(rho log sigma) = sum_ij rho_ij (log sigma)_ji, real for Hermitian factors
  const cross = a.t.mul(logSigma.transpose(-2, -1)).sum([1, 2]).real();
  const value = entropyOf(a.t, scale, tol).neg().sub(cross).clamp(0);
  return unbatch(value, batch);
}

/** Whether rho has weight (above `tol`) on an eigenvector of sigma whose eigenvalue is <= tol. */
function outsideSupport(rho: Float64Array, sigma: Float64Array, d: number, tol: number): boolean {
  const { values, vectors } = eighHermitian(Float64Array.from(sigma));
  for (let k = 0; k < d; k++) {
    if (values[k]! > tol) continue;
    // w = <v_k| rho |v_k>
    let w = 0;
    for (let i = 0; i < d; i++) {
      const vir = vectors[2 * (i * d + k)]!;
      const vii = vectors[2 * (i * d + k) + 1]!;
      for (let j = 0; j < d; j++) {
        const rr = rho[2 * (i * d + j)]!;
        const ri = rho[2 * (i * d + j) + 1]!;
        const vjr = vectors[2 * (j * d + k)]!;
        const vji = vectors[2 * (j * d + k) + 1]!;
        // conj(v_i) rho_ij v_j, real part
        w += vir * (rr * vjr - ri * vji) + vii * (rr * vji + ri * vjr);
      }
    }
    if (w > tol) return true;
  }
  return false;
}

/** Options of `mutualInformation`. */
export interface MutualInformationOptions extends EntropyOptions {}

/**
 * The quantum mutual information I(A:B) = S(rho_A) + S(rho_B) - S(rho_AB), where A is `qubitsA`
 * and B the other qubits; a differentiable 0-d tensor ([batch] for batched inputs).
 * @example
 * mutualInformation(State.bell(), [0]).item(); // 2 (bits)
 */
export function mutualInformation(
  rho: MatrixOrState,
  qubitsA: readonly number[],
  options: MutualInformationOptions = {},
): Tensor {
  checkArity(arguments.length, 3, "mutualInformation");
  checkOptions(options, ENTROPY_OPTIONS, "mutualInformation");
  const scale = logScale(options.base);
  const tol = entropyTol(options);
  const { t, batch, dim } = densityBatch(rho, "rho", "mutualInformation", options.densityTol);
  const n = qubitCount(dim, "mutualInformation: rho");
  checkQubitList(qubitsA, n, "qubitsA");
  if (qubitsA.length === 0 || qubitsA.length === n) {
    throw new ArgumentError(
      `mutualInformation: qubitsA ${describe(qubitsA)} must be a proper non-empty subset of the ${n} qubits`,
    );
  }
  const qubitsB = Array.from({ length: n }, (_, q) => q).filter((q) => !qubitsA.includes(q));
  const sA = entropyOf(reducedState(t, qubitsA, { densityTol: Infinity }), scale, tol);
  const sB = entropyOf(reducedState(t, qubitsB, { densityTol: Infinity }), scale, tol);
  return unbatch(sA.add(sB).sub(entropyOf(t, scale, tol)), batch);
}
