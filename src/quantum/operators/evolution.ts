/**
 * Exact evolution with its error estimate, the exact propagator as a dense matrix for small
 * systems, and the error measures of approximate evolutions (Trotter, QDRIFT, variational):
 * the state distance up to a global phase, the infidelity, and the operator-norm distance of two
 * unitaries.
 */
import { getBackend } from "../../backend/backend.js";
import { ArgumentError, describe, ResourceError, ShapeError } from "../../errors.js";
import { checkOptions } from "../../validate.js";
import { DensityMatrix } from "../density/density.js";
import { dagger, eighHermitian, matmul, matrixDim, matvec } from "../linalg.js";
import { type PauliSum, State } from "../state/state.js";
import {
  EVOLVE_OPTION_KEYS,
  type EvolutionInfo,
  type EvolutionTime,
  type EvolveOptions,
  evolveSettings,
  evolveValue,
  hermitianTerms,
  liouvillianTerms,
} from "./evolve.js";
import { krylovExpm } from "./krylov.js";
import { lanczos } from "./lanczos.js";
import { circuitWidth } from "./term-rotation.js";
import { declaredWidth } from "./trotter.js";

/** Largest register `evolutionOperator` builds a dense matrix for. */
const DENSE_QUBITS = 12;

/**
 * `state.evolve(H, t, options)` together with what the Krylov exponential did: its error
 * estimate (per unit norm), H applications and time steps. Works for a `State` and a
 * `DensityMatrix` and is differentiable like `evolve`.
 * @example
 * const { state, info } = krylovEvolve(State.basis(4, "0101"), heisenberg(chainLattice(4)), 1, { tol: 1e-8 });
 * info.errorEstimate; // <= 1e-8
 */
export function krylovEvolve<T extends State | DensityMatrix>(
  state: T,
  h: PauliSum,
  t: EvolutionTime,
  options: EvolveOptions = {},
): { state: T; info: EvolutionInfo } {
  const fn = "krylovEvolve";
  if (state instanceof State) {
    const terms = hermitianTerms(h, state.nQubits, fn);
    const wrap = (b: State["buffer"]) => new State(b, state.backend);
    const r = evolveValue(state, terms, t, options, wrap, fn);
    return { state: r.value as T, info: r.info };
  }
  if (state instanceof DensityMatrix) {
    const n = state.nQubits;
    const terms = liouvillianTerms(hermitianTerms(h, n, fn), n);
    const wrap = (b: DensityMatrix["buffer"]) => new DensityMatrix(b, state.backend);
    const r = evolveValue(state, terms, t, options, wrap, fn);
    return { state: r.value as T, info: r.info };
  }
  throw new ArgumentError(`${fn}: expected a State or a DensityMatrix, got ${describe(state)}`);
}

/**
 * The exact propagator exp(-i t H) as a dense 2^n x 2^n matrix (interleaved complex, row-major),
 * n <= 12: its columns are the basis states evolved by the Krylov exponential (`options` as for
 * `State.evolve`), a few at a time. `options.nQubits` widens the register beyond H's qubits.
 * @example
 * const U = evolutionOperator(Hamiltonian.fromString("X0"), Math.PI / 2); // -i X
 */
export function evolutionOperator(
  h: PauliSum,
  t: number,
  options: EvolveOptions & { nQubits?: number } = {},
): Float64Array {
  const fn = "evolutionOperator";
  checkOptions(options, [...EVOLVE_OPTION_KEYS, "nQubits"], fn);
  const { nQubits, ...evolveOptions } = options;
  const terms = hermitianTerms(h, Number.MAX_SAFE_INTEGER, fn);
  const n = circuitWidth(terms, nQubits ?? declaredWidth(h), fn);
  if (n > DENSE_QUBITS) {
    throw new ResourceError(
      `${fn}: ${n} qubits is too many for a dense propagator (at most ${DENSE_QUBITS}); evolve states with State.evolve instead`,
    );
  }
  if (typeof t !== "number" || !Number.isFinite(t))
    throw new ArgumentError(`${fn}: t must be a finite number, got ${describe(t)}`);
  const dim = 2 ** n;
  // columns in batches of about 2^16 amplitudes: the Krylov basis stays small
  const chunk = Math.max(1, Math.min(dim, Math.floor(2 ** 16 / dim)));
  const settings = evolveSettings({ krylovDim: 40, ...evolveOptions }, n, chunk, fn);
  const backend = getBackend();
  const u = new Float64Array(2 * dim * dim);
  for (let first = 0; first < dim; first += chunk) {
    const cols = Math.min(chunk, dim - first);
    const basis = new Float64Array(2 * dim * cols);
    for (let c = 0; c < cols; c++) basis[2 * (c * dim + first + c)] = 1;
    const input = backend.fromArray(n, cols, basis);
    try {
      const { buffer } = krylovExpm(backend, input, terms, t, settings);
      const out = backend.toArray(buffer);
      backend.free(buffer);
      for (let c = 0; c < cols; c++) {
        for (let i = 0; i < dim; i++) {
          u[2 * (i * dim + first + c)] = out[2 * (c * dim + i)]!;
          u[2 * (i * dim + first + c) + 1] = out[2 * (c * dim + i) + 1]!;
        }
      }
    } finally {
      backend.free(input);
    }
  }
  return u;
}

/**
 * min over phi of ||a - e^(i phi) b||: the distance of two pure states (batch 1) up to a global
 * phase, computed from the difference vector (accurate down to rounding, unlike
 * sqrt(2 - 2 |<a|b>|)).
 * @example
 * stateDistance(State.zero(1), State.zero(1)); // 0
 */
export function stateDistance(a: State, b: State): number {
  const { backend, phase } = pairOf(a, b, "stateDistance");
  const diff = backend.clone(a.buffer);
  try {
    backend.axpy(diff, Float64Array.of(-phase[0], -phase[1]), b.buffer);
    return Math.sqrt(backend.normSquared(diff)[0]!);
  } finally {
    backend.free(diff);
  }
}

/**
 * 1 - |<a|b>|^2 / (<a|a> <b|b>) for two pure states (batch 1), computed as d^2 (1 - d^2 / 4)
 * from the phase-aligned distance d of the normalized states, so it stays accurate far below
 * the rounding level of 1 - |<a|b>|^2.
 * @example
 * infidelity(State.zero(1), State.basis(1, 1)); // 1
 */
export function infidelity(a: State, b: State): number {
  const { backend, phase } = pairOf(a, b, "infidelity");
  const na = Math.sqrt(backend.normSquared(a.buffer)[0]!);
  const nb = Math.sqrt(backend.normSquared(b.buffer)[0]!);
  if (na === 0 || nb === 0) throw new ArgumentError("infidelity: a state is the zero vector");
  const diff = backend.clone(a.buffer);
  try {
    backend.scale(diff, Float64Array.of(1 / na, 0));
    backend.axpy(diff, Float64Array.of(-phase[0] / nb, -phase[1] / nb), b.buffer);
    const d2 = backend.normSquared(diff)[0]!;
    return Math.max(0, d2 * (1 - d2 / 4));
  } finally {
    backend.free(diff);
  }
}

/**
 * The operator-norm (largest singular value) distance ||U - V|| of two square matrices of one
 * size (interleaved complex), e.g. a circuit's `unitary()` and `evolutionOperator(H, t)`. No
 * global phase is removed: a Trotter circuit carries the identity terms' phase exactly.
 * @example
 * operatorDistance(c.unitary(), evolutionOperator(H, 1)); // the Trotter error in operator norm
 */
export function operatorDistance(u: Float64Array, v: Float64Array): number {
  if (!(u instanceof Float64Array) || !(v instanceof Float64Array)) {
    throw new ArgumentError(
      `operatorDistance: expected two interleaved complex matrices (Float64Array), got ${describe(u)} and ${describe(v)}`,
    );
  }
  const d = matrixDim(u, "operatorDistance: u");
  if (v.length !== u.length)
    throw new ShapeError(`operatorDistance: u is ${d} x ${d}, v has ${v.length / 2} entries`);
  const a = new Float64Array(u.length);
  let frob = 0;
  for (let i = 0; i < u.length; i++) {
    a[i] = u[i]! - v[i]!;
    frob += a[i]! * a[i]!;
  }
  if (frob === 0) return 0;
  // scale to unit Frobenius norm, so the Gram matrix's eigenvalues lie in [1/d, 1]
  const s = Math.sqrt(frob);
  for (let i = 0; i < a.length; i++) a[i]! /= s;
  const ad = dagger(a);
  if (d <= 64) {
    const values = eighHermitian(matmul(ad, a)).values;
    return s * Math.sqrt(Math.max(0, ...values));
  }
  // largest eigenvalue of A^dagger A = lowest of its negative, by Lanczos
  const res = lanczos(
    (x, y) => {
      const g = matvec(ad, matvec(a, x));
      for (let i = 0; i < g.length; i++) y[i] = -g[i]!;
    },
    d,
    { tol: 1e-13, seed: 1, maxIter: 2000 },
  );
  return s * Math.sqrt(Math.max(0, -res.values[0]!));
}

/** Checks two single states for a comparison; `phase` = <b|a> / |<b|a>| (1 when orthogonal). */
function pairOf(
  a: State,
  b: State,
  fn: string,
): { backend: State["backend"]; phase: [number, number] } {
  if (!(a instanceof State) || !(b instanceof State))
    throw new ArgumentError(`${fn}: expected two States, got ${describe(a)} and ${describe(b)}`);
  if (a.nQubits !== b.nQubits || a.batch !== 1 || b.batch !== 1) {
    throw new ShapeError(
      `${fn}: expected two single states of one size, got ${a.nQubits} qubits x batch ${a.batch} and ${b.nQubits} x ${b.batch}`,
    );
  }
  if (a.backend !== b.backend)
    throw new ArgumentError(
      `${fn}: the states live on backends ${a.backend.name} and ${b.backend.name}`,
    );
  const ip = a.backend.innerProduct(b.buffer, a.buffer);
  const r = Math.hypot(ip[0]!, ip[1]!);
  return { backend: a.backend, phase: r === 0 ? [1, 0] : [ip[0]! / r, ip[1]! / r] };
}
