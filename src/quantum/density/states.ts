/**
 * Density-matrix constructors beyond the basic ones (Paddle Quantum's named mixed states,
 * mixtures, random states), mid-circuit projective measurement (`collapse`) for both state kinds,
 * and the differentiable expectation value tr(H rho).
 */
import { getBackend, type PauliTerm } from "../../backend/backend.js";
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { type Rng, toRng } from "../../random.js";
import { customOp, fromData, Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../../validate.js";
import { checkQubitIndices } from "../gates/apply.js";
import { Hamiltonian } from "../operators/hamiltonian.js";
import { sampleIndices } from "../state/measure.js";
import { type PauliSum, STATE_OPTIONS, State, type StateOptions } from "../state/state.js";
import {
  checkTerms,
  DensityMatrix,
  extractBits,
  pauliSumMatrix,
  pauliSumTrace,
} from "./density.js";

const S = Math.SQRT1_2;
/** Bell vectors (real amplitudes on |00>, |01>, |10>, |11>). */
const PHI_P = [S, 0, 0, S];
const PHI_M = [S, 0, 0, -S];
const PSI_P = [0, S, S, 0];
const PSI_M = [0, S, -S, 0];

/** sum_i w_i |v_i><v_i| for real vectors, interleaved. */
function realMixture(vectors: readonly number[][], weights: readonly number[], d: number) {
  const out = new Float64Array(2 * d * d);
  vectors.forEach((v, k) => {
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) out[2 * (i * d + j)] += weights[k]! * v[i]! * v[j]!;
  });
  return out;
}

function checkProb(p: number, name: string, where: string): void {
  if (typeof p !== "number" || !(p >= 0 && p <= 1))
    throw new ArgumentError(`${where}: ${name} = ${describe(p)} must be a probability in [0, 1]`);
}

/**
 * Paddle's Bell-diagonal state p1|Phi+><Phi+| + p2|Psi+><Psi+| + p3|Phi-><Phi-| + p4|Psi-><Psi-|
 * (probabilities summing to 1).
 * @example
 * bellDiagonalState([0.25, 0.25, 0.25, 0.25]); // I/4
 */
export function bellDiagonalState(
  probs: readonly [number, number, number, number],
  options: StateOptions = {},
): DensityMatrix {
  checkArity(arguments.length, 2, "bellDiagonalState");
  checkOptions(options, STATE_OPTIONS, "bellDiagonalState");
  if (!Array.isArray(probs) || probs.length !== 4)
    throw new ArgumentError(`bellDiagonalState: expected 4 probabilities, got ${describe(probs)}`);
  probs.forEach((p, i) => {
    checkProb(p, `probs[${i}]`, "bellDiagonalState");
  });
  const sum = probs.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-10)
    throw new ArgumentError(`bellDiagonalState: probabilities sum to ${sum}, expected 1`);
  return DensityMatrix.fromMatrix(realMixture([PHI_P, PSI_P, PHI_M, PSI_M], probs, 4), options);
}

/**
 * Paddle's R state p|Psi+><Psi+| + (1 - p)|11><11|.
 * @example
 * rState(0.5);
 */
export function rState(p: number, options: StateOptions = {}): DensityMatrix {
  checkArity(arguments.length, 2, "rState");
  checkOptions(options, STATE_OPTIONS, "rState");
  checkProb(p, "p", "rState");
  return DensityMatrix.fromMatrix(realMixture([PSI_P, [0, 0, 0, 1]], [p, 1 - p], 4), options);
}

/**
 * Paddle's S state p|Phi+><Phi+| + (1 - p)|00><00|.
 * @example
 * sState(0.5);
 */
export function sState(p: number, options: StateOptions = {}): DensityMatrix {
  checkArity(arguments.length, 2, "sState");
  checkOptions(options, STATE_OPTIONS, "sState");
  checkProb(p, "p", "sState");
  return DensityMatrix.fromMatrix(realMixture([PHI_P, [1, 0, 0, 0]], [p, 1 - p], 4), options);
}

/**
 * The isotropic state p|Phi+><Phi+| + (1 - p) I / 2^n on an even number n of qubits, with
 * |Phi+> = 2^{-n/4} sum_i |i>|i> (the first n/2 qubits paired with the last n/2).
 * @example
 * isotropicState(2, 0.5);
 */
export function isotropicState(nQubits: number, p: number, options: StateOptions = {}) {
  checkArity(arguments.length, 3, "isotropicState");
  checkOptions(options, STATE_OPTIONS, "isotropicState");
  if (!Number.isInteger(nQubits) || nQubits < 2 || nQubits % 2 !== 0)
    throw new ArgumentError(
      `isotropicState: nQubits must be an even integer >= 2, got ${describe(nQubits)}`,
    );
  checkProb(p, "p", "isotropicState");
  const d = 2 ** nQubits;
  const half = 2 ** (nQubits / 2);
  const v = new Array<number>(d).fill(0);
  for (let i = 0; i < half; i++) v[i * half + i] = 1 / Math.sqrt(half);
  const out = realMixture([v], [p], d);
  for (let i = 0; i < d; i++) out[2 * (i * d + i)] += (1 - p) / d;
  return DensityMatrix.fromMatrix(out, options);
}

/**
 * A random density matrix of the given rank (default full): G G^dagger / tr for a complex
 * Gaussian 2^n x rank matrix G (the induced measure), seeded.
 * @example
 * randomDensityMatrix(2, { rank: 1, seed: 3 }).purity(); // [1]
 */
export function randomDensityMatrix(
  nQubits: number,
  options: StateOptions & { rank?: number; seed?: number | Rng } = {},
): DensityMatrix {
  checkArity(arguments.length, 2, "randomDensityMatrix");
  checkOptions(options, RANDOM_DENSITY_OPTIONS, "randomDensityMatrix");
  if (!Number.isInteger(nQubits) || nQubits < 1)
    throw new ArgumentError(`randomDensityMatrix: nQubits must be >= 1, got ${describe(nQubits)}`);
  const d = 2 ** nQubits;
  const rank = options.rank ?? d;
  if (!Number.isInteger(rank) || rank < 1 || rank > d)
    throw new ArgumentError(`randomDensityMatrix: rank ${describe(rank)} must be in [1, ${d}]`);
  const batch = options.batch ?? 1;
  if (!Number.isInteger(batch) || batch < 1)
    throw new ArgumentError(
      `randomDensityMatrix: batch must be a positive integer, got ${describe(batch)}`,
    );
  const rng = toRng(options.seed);
  const all = new Float64Array(2 * d * d * batch);
  const g = new Float64Array(2 * d * rank);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < g.length; i++) g[i] = rng.normal();
    let tr = 0;
    for (let i = 0; i < g.length; i++) tr += g[i]! * g[i]!;
    const base = 2 * b * d * d;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let re = 0;
        let im = 0;
        for (let k = 0; k < rank; k++) {
          const ar = g[2 * (i * rank + k)]!;
          const ai = g[2 * (i * rank + k) + 1]!;
          const br = g[2 * (j * rank + k)]!;
          const bi = -g[2 * (j * rank + k) + 1]!;
          re += ar * br - ai * bi;
          im += ar * bi + ai * br;
        }
        all[base + 2 * (i * d + j)] = re / tr;
        all[base + 2 * (i * d + j) + 1] = im / tr;
      }
    }
  }
  return DensityMatrix.fromMatrix(all, { backend: options.backend, batch, check: false });
}

/**
 * The mixture sum_i p_i rho_i of states (pure `State`s or `DensityMatrix`es, batch 1, same
 * qubit count).
 * @example
 * mixture([State.zero(1), State.basis(1, 1)], [0.5, 0.5]); // I/2
 */
export function mixture(
  states: readonly (State | DensityMatrix)[],
  probs: readonly number[],
  options: StateOptions = {},
): DensityMatrix {
  checkArity(arguments.length, 3, "mixture");
  checkOptions(options, STATE_OPTIONS, "mixture");
  if (!Array.isArray(states) || states.length === 0 || states.length !== probs.length)
    throw new ArgumentError(
      `mixture: expected as many probabilities as states (${states?.length}), got ${describe(probs)}`,
    );
  probs.forEach((p, i) => {
    checkProb(p, `probs[${i}]`, "mixture");
  });
  const sum = probs.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-10)
    throw new ArgumentError(`mixture: probabilities sum to ${sum}, expected 1`);
  const n = states[0]!.nQubits;
  const d = 2 ** n;
  const out = new Float64Array(2 * d * d);
  states.forEach((s, k) => {
    if (s.nQubits !== n || s.batch !== 1)
      throw new ShapeError(
        `mixture: state ${k} has ${s.nQubits} qubits x batch ${s.batch}, expected ${n} x 1`,
      );
    const rho = s instanceof State ? DensityMatrix.fromState(s) : s;
    const a = rho.toArray();
    for (let i = 0; i < a.length; i++) out[i] += probs[k]! * a[i]!;
    if (rho !== s) rho.free();
  });
  return DensityMatrix.fromMatrix(out, options);
}

/** Options of `collapse`. */
export interface CollapseOptions {
  /** The outcome to project on: an index over `qubits` (qubits[0] the MSB) or a bitstring; default sampled. */
  outcome?: number | string;
  /** Seed (or generator) for sampling the outcome when none is given. */
  seed?: number | Rng;
}

const RANDOM_DENSITY_OPTIONS = optionKeys<OptionsOf<typeof randomDensityMatrix, 1>>({
  batch: true,
  backend: true,
  rank: true,
  seed: true,
});
const COLLAPSE_OPTIONS = optionKeys<CollapseOptions>({ outcome: true, seed: true });

/** What `collapse` returns: the post-measurement state and, per batch element, outcome and probability. */
export interface CollapseResult<T> {
  /** The normalized post-measurement state (a new object; the input is unchanged). */
  state: T;
  /** The outcome per batch element, an index over `qubits` (qubits[0] the MSB). */
  outcomes: number[];
  /** The probability of that outcome per batch element, before the collapse. */
  probabilities: number[];
}

/**
 * Mid-circuit projective measurement of `qubits` in the computational basis: the normalized
 * post-measurement state (P rho P / p, or P|psi> / sqrt p) with a chosen or sampled (seeded)
 * outcome per batch element. The input is not changed.
 * @example
 * const { state, outcomes } = collapse(State.bell(), [0], { seed: 1 }); // |00> or |11>
 */
export function collapse<T extends State | DensityMatrix>(
  state: T,
  qubits: readonly number[],
  options: CollapseOptions = {},
): CollapseResult<T> {
  checkArity(arguments.length, 3, "collapse");
  checkOptions(options, COLLAPSE_OPTIONS, "collapse");
  if (!(state instanceof State) && !(state instanceof DensityMatrix))
    throw new ArgumentError(
      `collapse: expected a State or a DensityMatrix, got ${describe(state)}`,
    );
  const n = state.nQubits;
  checkQubitIndices(qubits, n, "collapse: qubits");
  if (qubits.length === 0) throw new ArgumentError("collapse: measure at least one qubit");
  const k = qubits.length;
  let fixed: number | undefined;
  if (typeof options.outcome === "string") {
    if (options.outcome.length !== k || !/^[01]+$/.test(options.outcome))
      throw new ArgumentError(
        `collapse: outcome ${describe(options.outcome)} must be ${k} characters 0 or 1`,
      );
    fixed = Number.parseInt(options.outcome, 2);
  } else if (options.outcome !== undefined) {
    if (!Number.isInteger(options.outcome) || options.outcome < 0 || options.outcome >= 2 ** k)
      throw new ArgumentError(
        `collapse: outcome ${describe(options.outcome)} out of range [0, ${2 ** k - 1}]`,
      );
    fixed = options.outcome;
  }
  const probs = state.probabilities([...qubits]);
  const rng = fixed === undefined ? toRng(options.seed) : undefined;
  const outcomes: number[] = [];
  const ps: number[] = [];
  for (let b = 0; b < state.batch; b++) {
    const o = fixed ?? sampleIndices(probs, 1, rng!, b << k, 1 << k)[0]!;
    const p = probs[(b << k) + o]!;
    if (!(p > 1e-14))
      throw new ArgumentError(
        `collapse: outcome ${o.toString(2).padStart(k, "0")} has probability ${p} in batch element ${b}`,
      );
    outcomes.push(o);
    ps.push(p);
  }
  const a = state.toArray();
  const d = 2 ** n;
  if (state instanceof State) {
    for (let b = 0; b < state.batch; b++) {
      const s = 1 / Math.sqrt(ps[b]!);
      for (let i = 0; i < d; i++) {
        const keep = extractBits(i, n, qubits) === outcomes[b];
        const idx = 2 * (b * d + i);
        a[idx] = keep ? a[idx]! * s : 0;
        a[idx + 1] = keep ? a[idx + 1]! * s : 0;
      }
    }
    const out = new State(state.backend.fromArray(n, state.batch, a), state.backend);
    return { state: out as T, outcomes, probabilities: ps };
  }
  for (let b = 0; b < state.batch; b++) {
    const s = 1 / ps[b]!;
    for (let i = 0; i < d; i++) {
      const ki = extractBits(i, n, qubits) === outcomes[b];
      for (let j = 0; j < d; j++) {
        const keep = ki && extractBits(j, n, qubits) === outcomes[b];
        const idx = 2 * (b * d * d + i * d + j);
        a[idx] = keep ? a[idx]! * s : 0;
        a[idx + 1] = keep ? a[idx + 1]! * s : 0;
      }
    }
  }
  const out = new DensityMatrix(state.backend.fromArray(2 * n, state.batch, a), state.backend);
  return { state: out as T, outcomes, probabilities: ps };
}

/**
 * tr(H rho) as a differentiable tensor (a scalar for batch 1, [batch] otherwise): the density
 * matrix counterpart of `expecVal`. Its cotangent for rho is H itself (times the incoming
 * gradient), in the PyTorch convention dL/dRe + i dL/dIm.
 * @example
 * const loss = densityExpecVal(circuit.forward(DensityMatrix.zero(2)), Hamiltonian.fromString("Z0 Z1"));
 * loss.backward();
 */
export function densityExpecVal(rho: DensityMatrix, H: PauliSum | string): Tensor {
  checkArity(arguments.length, 2, "densityExpecVal");
  if (!(rho instanceof DensityMatrix))
    throw new ArgumentError(`densityExpecVal: expected a DensityMatrix, got ${describe(rho)}`);
  const terms = checkTerms(toPauliSum(H), rho.nQubits);
  return densityExpecValNode(rho, terms, () =>
    pauliSumTrace(rho.toArray(), rho.nQubits, rho.batch, terms),
  );
}

/**
 * `densityExpecVal` on any backend: the values are read without blocking (on webgpu one GPU
 * reduction over the rows, then the numbers). The backward needs no read back (its cotangent is
 * H itself), so `loss.backward()` or `await runBackwardAsync(loss)` both work on the tensor; a
 * circuit's density-matrix output on webgpu needs the latter.
 * @example
 * const loss = await densityExpecValAsync(circuit.forward(DensityMatrix.zero(2, { backend: gpu })), "Z0 Z1");
 * await runBackwardAsync(loss);
 */
export async function densityExpecValAsync(
  rho: DensityMatrix,
  H: PauliSum | string,
): Promise<Tensor> {
  checkArity(arguments.length, 2, "densityExpecValAsync");
  if (!(rho instanceof DensityMatrix))
    throw new ArgumentError(`densityExpecValAsync: expected a DensityMatrix, got ${describe(rho)}`);
  const terms = checkTerms(toPauliSum(H), rho.nQubits);
  const values = await rho.expecValBatchAsync({ terms });
  return densityExpecValNode(rho, terms, () => values);
}

function toPauliSum(H: PauliSum | string): PauliSum {
  return typeof H === "string" ? Hamiltonian.fromString(H) : H;
}

/** The autograd node of tr(H rho) with its values from `values`. */
function densityExpecValNode(
  rho: DensityMatrix,
  terms: readonly PauliTerm[],
  values: () => Float64Array,
): Tensor {
  const batch = rho.batch;
  const n = rho.nQubits;
  const shape = batch === 1 ? [] : [batch];
  return customOp({
    name: "densityExpecVal",
    inputs: [rho],
    forward: () => fromData(values(), shape, "float64"),
    backward: (grad: Tensor) => {
      const h = pauliSumMatrix(terms, n);
      const out = new Float64Array(h.length * batch);
      for (let b = 0; b < batch; b++) {
        const g = grad.data[batch === 1 ? 0 : b]!;
        for (let i = 0; i < h.length; i++) out[b * h.length + i] = g * h[i]!;
      }
      return [fromData(out, [batch, 4 ** n], "complex128")];
    },
  });
}

/**
 * A density matrix from a complex128 tensor [batch, 2^n, 2^n] (or [2^n, 2^n]), differentiable:
 * the gradient for the density matrix reaches the tensor. No validity check.
 * @example
 * const rho = densityFromTensor(t);
 */
export function densityFromTensor(t: Tensor, options: StateOptions = {}): DensityMatrix {
  checkArity(arguments.length, 2, "densityFromTensor");
  checkOptions(options, STATE_OPTIONS, "densityFromTensor");
  if (!(t instanceof Tensor))
    throw new ArgumentError(`densityFromTensor: expected a complex128 tensor, got ${describe(t)}`);
  if (t.dtype !== "complex128")
    throw new ArgumentError(`densityFromTensor: expected complex128, got ${t.dtype}`);
  const d = t.shape[t.shape.length - 1] ?? 0;
  const n = Math.log2(d);
  const batch = t.shape.length === 2 ? 1 : (t.shape[0] ?? 0);
  if (
    !Number.isInteger(n) ||
    n < 1 ||
    t.shape.length < 2 ||
    t.shape.length > 3 ||
    t.shape[t.shape.length - 2] !== d
  )
    throw new ShapeError(
      `densityFromTensor: expected shape [batch, 2^n, 2^n] or [2^n, 2^n], got [${t.shape.join(", ")}]`,
    );
  const backend = getBackend(options.backend);
  const shape = [...t.shape];
  return customOp({
    name: "densityFromTensor",
    inputs: [t],
    forward: () =>
      new DensityMatrix(backend.fromArray(2 * n, batch, Float64Array.from(t.data)), backend),
    backward: (grad: Tensor) => [fromData(grad.data, shape, "complex128")],
  });
}
