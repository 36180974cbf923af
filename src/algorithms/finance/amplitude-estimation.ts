/**
 * Quantum amplitude estimation of a = P(objective qubit = 1) after a state preparation A.
 * The Grover iterate Q = A (2|0><0| - 1) A^dagger (1 - 2 P_good) rotates by 2 theta in the plane
 * of A|0>, with a = sin^2 theta. Canonical QAE (Brassard et al.) reads theta from phase
 * estimation of Q: m evaluation qubits, controlled Q^(2^j), the inverse QFT. Maximum-likelihood
 * QAE (Suzuki et al. 2020) measures Q^k A|0> for k = 0, 1, 2, 4, ... with no phase estimation and
 * maximizes the likelihood of the seeded counts over theta.
 */
import { ArgumentError, describe } from "../../errors.js";
import { probabilities } from "../../qml/losses.js";
import { Circuit } from "../../quantum/circuit/circuit.js";
import { dagger, identity, matmul } from "../../quantum/linalg.js";
import { type Rng, rngOption } from "../../random.js";
import { noGrad } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";

/** What an amplitude estimate returns. */
export interface AmplitudeEstimate {
  /** The estimate of a. */
  readonly estimate: number;
  /** The exact a = P(objective = 1) of the state A|0>, for comparison. */
  readonly exact: number;
  /** Calls of Q in the circuits run (each shot of Q^k counts k). */
  readonly oracleCalls: number;
}

/** Options of `amplitudeEstimation`. */
export interface AmplitudeEstimationOptions {
  /** The qubit whose |1> marks the good states (default the last). */
  objective?: number;
  /** Evaluation qubits m of phase estimation (default 6). */
  evalQubits?: number;
}

const AE_OPTIONS = optionKeys<AmplitudeEstimationOptions>({ objective: true, evalQubits: true });

/** Options of `mlAmplitudeEstimation`. */
export interface MLAmplitudeEstimationOptions {
  /** The qubit whose |1> marks the good states (default the last). */
  objective?: number;
  /** Powers k of Q, 0, 1, 2, 4, ..., 2^(rounds - 2) (default rounds 6). */
  rounds?: number;
  /** Shots per power (default 1000). */
  shots?: number;
  seed?: number;
  rng?: Rng;
}

const MLAE_OPTIONS = optionKeys<MLAmplitudeEstimationOptions>({
  objective: true,
  rounds: true,
  shots: true,
  seed: true,
  rng: true,
});

/** A's unitary, the objective qubit, Q and a, checked. */
function groverSetup(A: Circuit, objective: unknown, where: string) {
  if (!(A instanceof Circuit))
    throw new ArgumentError(`${where}: A must be a Circuit, got ${describe(A)}`);
  const n = A.nQubits;
  if (n > 10)
    throw new ArgumentError(`${where}: A has ${n} qubits, at most 10 here (Q is a dense matrix)`);
  const obj = objective ?? n - 1;
  if (!Number.isInteger(obj) || (obj as number) < 0 || (obj as number) >= n)
    throw new ArgumentError(
      `${where}: objective must be a qubit of A in [0, ${n - 1}], got ${describe(objective)}`,
    );
  const U = A.unitary();
  const dim = 2 ** n;
  const bit = n - 1 - (obj as number);
  // (1 - 2 P_good): -1 on basis states whose objective bit is 1
  const reflectGood = identity(dim);
  for (let i = 0; i < dim; i++) if ((i >> bit) & 1) reflectGood[2 * (i * dim + i)] = -1;
  const reflectZero = identity(dim);
  for (let i = 1; i < dim; i++) reflectZero[2 * (i * dim + i)] = -1;
  const Q = matmul(matmul(matmul(U, reflectZero), dagger(U)), reflectGood);
  // A|0> is U's first column
  let a = 0;
  for (let i = 0; i < dim; i++)
    if ((i >> bit) & 1) a += U[2 * i * dim]! ** 2 + U[2 * i * dim + 1]! ** 2;
  return { n, obj: obj as number, U, Q, exact: a };
}

/**
 * Canonical QAE: phase estimation of the Grover iterate on m evaluation qubits, the most likely
 * outcome y read as a = sin^2(pi y / 2^m) (error O(1 / 2^m)).
 * @example
 * const A = new Circuit(1); A.ry(0, { param: 2 * Math.asin(Math.sqrt(0.3)) });
 * amplitudeEstimation(A, { evalQubits: 8 }).estimate; // about 0.3
 */
export function amplitudeEstimation(
  A: Circuit,
  options: AmplitudeEstimationOptions = {},
): AmplitudeEstimate & { readonly outcomes: Float64Array } {
  checkArity(arguments.length, 2, "amplitudeEstimation");
  checkOptions(options, AE_OPTIONS, "amplitudeEstimation");
  const { n, U, Q, exact } = groverSetup(A, options.objective, "amplitudeEstimation");
  const m = options.evalQubits ?? 6;
  if (!Number.isInteger(m) || m < 1 || m + n > 20)
    throw new ArgumentError(
      `amplitudeEstimation: evalQubits must be an integer in [1, ${20 - n}], got ${describe(m)}`,
    );
  const c = new Circuit(m + n);
  const work = Array.from({ length: n }, (_, q) => m + q);
  c.h(Array.from({ length: m }, (_, q) => q));
  c.oracle(U, [work], { name: "A" });
  // evaluation qubit j (j = 0 the most significant) controls Q^(2^(m - 1 - j))
  let power = Q;
  for (let j = m - 1; j >= 0; j--) {
    c.controlOracle(power, [[j, ...work]], { name: `Q^${2 ** (m - 1 - j)}` });
    power = matmul(power, power);
  }
  inverseQft(c, m);
  const outcomes = Float64Array.from(
    noGrad(() =>
      probabilities(
        c.forward(),
        Array.from({ length: m }, (_, q) => q),
      ),
    ).data,
  );
  let y = 0;
  for (let i = 1; i < outcomes.length; i++) if (outcomes[i]! > outcomes[y]!) y = i;
  return {
    estimate: Math.sin((Math.PI * y) / 2 ** m) ** 2,
    exact,
    oracleCalls: 2 ** m - 1,
    outcomes,
  };
}

/** The inverse of the textbook QFT (qubit 0 the most significant) on qubits 0..m-1 of `c`. */
function inverseQft(c: Circuit, m: number): void {
  for (let q = 0; q < Math.floor(m / 2); q++) c.swap([[q, m - 1 - q]]);
  for (let k = m - 1; k >= 0; k--) {
    for (let l = m - 1; l > k; l--) c.cp([[l, k]], { param: -Math.PI / 2 ** (l - k) });
    c.h(k);
  }
}

/**
 * Maximum-likelihood QAE: seeded shots of the objective qubit after Q^k A|0> for
 * k = 0, 1, 2, 4, ..., then the theta in [0, pi/2] that maximizes the likelihood.
 * @example
 * mlAmplitudeEstimation(A, { rounds: 6, shots: 1000, seed: 1 }).estimate;
 */
export function mlAmplitudeEstimation(
  A: Circuit,
  options: MLAmplitudeEstimationOptions = {},
): AmplitudeEstimate & { readonly powers: number[]; readonly hits: number[] } {
  checkArity(arguments.length, 2, "mlAmplitudeEstimation");
  checkOptions(options, MLAE_OPTIONS, "mlAmplitudeEstimation");
  const { n, obj, U, Q, exact } = groverSetup(A, options.objective, "mlAmplitudeEstimation");
  const rounds = options.rounds ?? 6;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 16)
    throw new ArgumentError(
      `mlAmplitudeEstimation: rounds must be an integer in [1, 16], got ${describe(rounds)}`,
    );
  const shots = options.shots ?? 1000;
  if (!Number.isInteger(shots) || shots < 1)
    throw new ArgumentError(
      `mlAmplitudeEstimation: shots must be a positive integer, got ${describe(shots)}`,
    );
  const rng = rngOption(options.rng, options.seed, "mlAmplitudeEstimation");
  const powers = Array.from({ length: rounds }, (_, r) => (r === 0 ? 0 : 2 ** (r - 1)));
  const hits: number[] = [];
  for (const k of powers) {
    const c = new Circuit(n);
    c.oracle(U, [Array.from({ length: n }, (_, q) => q)], { name: "A" });
    if (k > 0)
      c.oracle(matrixPower(Q, k), [Array.from({ length: n }, (_, q) => q)], { name: `Q^${k}` });
    const p1 = noGrad(() => probabilities(c.forward(), [obj]).data[1]!);
    hits.push(rng.binomial(shots, Math.min(1, Math.max(0, p1))));
  }
  const logLikelihood = (theta: number) =>
    powers.reduce((s, k, r) => {
      const p = Math.sin((2 * k + 1) * theta) ** 2;
      return (
        s +
        hits[r]! * Math.log(Math.max(p, 1e-300)) +
        (shots - hits[r]!) * Math.log(Math.max(1 - p, 1e-300))
      );
    }, 0);
  // a grid finer than the narrowest likelihood peak, then golden-section refinement
  const grid = 200 * (2 * powers[powers.length - 1]! + 1);
  let best = 0;
  let bestL = Number.NEGATIVE_INFINITY;
  for (let g = 0; g <= grid; g++) {
    const th = (g / grid) * (Math.PI / 2);
    const l = logLikelihood(th);
    if (l > bestL) {
      bestL = l;
      best = th;
    }
  }
  const theta = goldenMax(
    logLikelihood,
    Math.max(0, best - Math.PI / 2 / grid),
    Math.min(Math.PI / 2, best + Math.PI / 2 / grid),
  );
  return {
    estimate: Math.sin(theta) ** 2,
    exact,
    oracleCalls: shots * powers.reduce((s, k) => s + k, 0),
    powers,
    hits,
  };
}

function matrixPower(M: Float64Array, k: number): Float64Array {
  const dim = Math.round(Math.sqrt(M.length / 2));
  let out: Float64Array = identity(dim);
  let base = M;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) out = matmul(out, base);
    base = matmul(base, base);
  }
  return out;
}

function goldenMax(f: (x: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let i = 0; i < 80; i++) {
    const x1 = b - r * (b - a);
    const x2 = a + r * (b - a);
    if (f(x1) > f(x2)) b = x2;
    else a = x1;
  }
  return (a + b) / 2;
}
