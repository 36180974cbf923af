/**
 * Exact time evolution as one autograd node, shared by `State.evolve` and `DensityMatrix.evolve`:
 * argument checks (a Hermitian Pauli sum on the state's qubits, a finite time, the options), the
 * Krylov exponential (`krylov.ts`) and its backward pass. For psi_out = exp(-i t H) psi_in the
 * cotangent of psi_in is exp(+i t H) g (the adjoint of a unitary map) and dL/dt = sum_b
 * Im <g_b|H|psi_out_b>, in the framework's convention (stored grad = dL/dx + i dL/dy).
 *
 * A density matrix is the 2n-qubit vector vec(rho) (row qubits first), and
 * vec(U rho U^dagger) = exp(-i t L) vec(rho) with L = H (x) I - I (x) conj(H): the same
 * exponential of another Pauli sum (`liouvillianTerms`).
 */
import type { Backend, PauliTerm, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, BackendError, describe } from "../../errors.js";
import {
  customOp,
  type Differentiable,
  fromData,
  isGradEnabled,
  Tensor,
} from "../../tensor/index.js";
import { checkOptions } from "../../validate.js";
import { asyncReader } from "../state/async-reads.js";
import { defaultKrylovDim, type KrylovSettings, type KrylovStats, krylovExpm } from "./krylov.js";

/** Options of `State.evolve` and `DensityMatrix.evolve`. */
export interface EvolveOptions {
  /**
   * Target error ||psi_computed - exp(-i t H) psi|| / ||psi|| per batch element, as the Krylov
   * error estimate measures it (default 1e-12).
   */
  tol?: number;
  /**
   * Largest Krylov basis (state-sized vectors held at once): beyond it the time is split into
   * steps. Default 64, fewer when 64 vectors would pass 1 GiB (at least 12).
   */
  krylovDim?: number;
  /** Most H applications before a `ConvergenceError` (default 100000). */
  maxMatvecs?: number;
}

/** The valid keys of `EvolveOptions`. */
export const EVOLVE_OPTION_KEYS: readonly string[] = ["tol", "krylovDim", "maxMatvecs"];

/** What one evolution did: the Krylov statistics. */
export type EvolutionInfo = KrylovStats;

/** A time: a number, or a one-element float64 tensor to differentiate with respect to t. */
export type EvolutionTime = number | Tensor;

/** What the evolution node needs of a State or DensityMatrix. */
export interface EvolvableValue extends Differentiable {
  readonly backend: Backend;
  readonly buffer: StateBuffer;
}

/**
 * The terms of a Hermitian Pauli sum acting on qubits below `nQubits`, checked: every
 * coefficient a finite real number (a complex one, as `[re, im]`, `{ re, im }` or a complex.js
 * value, would make H non-Hermitian and exp(-i t H) non-unitary).
 * @example
 * hermitianTerms(Hamiltonian.fromString("Z0 Z1"), 2, "State.evolve");
 */
export function hermitianTerms(h: unknown, nQubits: number, fn: string): readonly PauliTerm[] {
  const terms = (h as { terms?: unknown } | null)?.terms;
  if (h === null || typeof h !== "object" || !Array.isArray(terms)) {
    throw new ArgumentError(
      `${fn}: H must be a Hamiltonian (an object with Pauli terms), got ${describe(h)}`,
    );
  }
  terms.forEach((term: PauliTerm, i: number) => {
    const c: unknown = term?.coefficient;
    if (typeof c !== "number") {
      throw new ArgumentError(
        `${fn}: H is not Hermitian: term ${i} has coefficient ${describe(c)}; a Hamiltonian needs real coefficients (a complex one makes exp(-i t H) non-unitary)`,
      );
    }
    if (!Number.isFinite(c)) {
      throw new ArgumentError(
        `${fn}: term ${i} of H has coefficient ${c}, expected a finite real number`,
      );
    }
    for (const q of term.qubits) {
      if (!Number.isInteger(q) || q < 0 || q >= nQubits) {
        throw new ArgumentError(
          `${fn}: term ${i} of H acts on qubit ${describe(q)}, but the state has ${nQubits} qubits (0..${nQubits - 1})`,
        );
      }
    }
  });
  return terms as readonly PauliTerm[];
}

/**
 * The time as a number (and the tensor to differentiate, if one was given); throws an
 * `ArgumentError` for a non-finite t.
 * @example
 * evolutionTime(0.5, "State.evolve"); // { value: 0.5, tensor: undefined }
 */
export function evolutionTime(
  t: EvolutionTime,
  fn: string,
): { value: number; tensor: Tensor | undefined } {
  if (t instanceof Tensor) {
    if (t.dtype !== "float64" || t.size !== 1) {
      throw new ArgumentError(
        `${fn}: t must be a number or a one-element float64 tensor, got a ${t.dtype} tensor of shape [${t.shape.join(", ")}]`,
      );
    }
    const value = t.data[0]!;
    if (!Number.isFinite(value)) throw new ArgumentError(`${fn}: t must be finite, got ${value}`);
    return { value, tensor: t };
  }
  if (typeof t !== "number" || !Number.isFinite(t)) {
    throw new ArgumentError(`${fn}: t must be a finite number, got ${describe(t)}`);
  }
  return { value: t, tensor: undefined };
}

/**
 * Checked `EvolveOptions` with defaults filled in for a buffer of `nQubits` x `batch`.
 * @example
 * evolveSettings({ tol: 1e-8 }, 20, 1, "State.evolve"); // { tol: 1e-8, krylovDim: 64, ... }
 */
export function evolveSettings(
  options: EvolveOptions,
  nQubits: number,
  batch: number,
  fn: string,
): KrylovSettings {
  checkOptions(options, EVOLVE_OPTION_KEYS, fn);
  const tol = options.tol ?? 1e-12;
  if (typeof tol !== "number" || !(tol > 0) || !Number.isFinite(tol)) {
    throw new ArgumentError(`${fn}: options.tol must be a positive number, got ${describe(tol)}`);
  }
  const krylovDim = options.krylovDim ?? defaultKrylovDim(nQubits, batch);
  if (!Number.isInteger(krylovDim) || krylovDim < 2) {
    throw new ArgumentError(
      `${fn}: options.krylovDim must be an integer >= 2, got ${describe(krylovDim)}`,
    );
  }
  const maxMatvecs = options.maxMatvecs ?? 100_000;
  if (!Number.isInteger(maxMatvecs) || maxMatvecs < 1) {
    throw new ArgumentError(
      `${fn}: options.maxMatvecs must be a positive integer, got ${describe(maxMatvecs)}`,
    );
  }
  return { tol, krylovDim, maxMatvecs };
}

/**
 * The Pauli sum L = H (x) I - I (x) conj(H) on 2n qubits that evolves vec(rho): H's terms on the
 * row qubits, and on the column qubits (shifted by n) with the sign of conj(P) = (-1)^nY P
 * flipped. Identity terms cancel.
 * @example
 * liouvillianTerms(Hamiltonian.fromString("Y0").terms, 1); // Y0 + Y1
 */
export function liouvillianTerms(terms: readonly PauliTerm[], n: number): PauliTerm[] {
  const out: PauliTerm[] = [];
  for (const t of terms) {
    if (t.qubits.length === 0) continue;
    const nY = t.letters.filter((l) => l === "Y").length;
    out.push({ coefficient: t.coefficient, qubits: t.qubits, letters: t.letters });
    out.push({
      coefficient: nY % 2 === 0 ? -t.coefficient : t.coefficient,
      qubits: t.qubits.map((q) => q + n),
      letters: t.letters,
    });
  }
  return out;
}

/**
 * exp(-i t H) applied to `input`'s buffer (H given by `terms` on the buffer's qubits), wrapped
 * by `wrap` into the caller's type; an autograd node when `input` or a tensor `t` requires grad.
 * @example
 * const { value, info } = evolveValue(state, terms, 1, {}, (b) => new State(b, state.backend), "State.evolve");
 */
export function evolveValue<T extends EvolvableValue>(
  input: T,
  terms: readonly PauliTerm[],
  t: EvolutionTime,
  options: EvolveOptions,
  wrap: (buffer: StateBuffer) => T,
  fn: string,
): { value: T; info: EvolutionInfo } {
  const time = evolutionTime(t, fn);
  const backend = input.backend;
  const buf = input.buffer;
  const settings = evolveSettings(options, buf.nQubits, buf.batch, fn);
  if (asyncReader(backend) !== undefined) {
    throw new BackendError(
      `${fn}: the Krylov exponential reads inner products at every step, which the ${backend.name} backend only answers asynchronously; evolve a copy on cpu, or run trotterCircuit(H, t) there`,
    );
  }
  const { buffer, stats } = krylovExpm(backend, buf, terms, time.value, settings);
  const out = wrap(buffer);
  const inputs: Differentiable[] = time.tensor === undefined ? [input] : [input, time.tensor];
  if (!isGradEnabled() || !inputs.some((x) => x.requiresGrad)) return { value: out, info: stats };
  const shape = [buf.batch, 2 ** buf.nQubits];
  const value = customOp({
    name: fn,
    inputs,
    forward: () => out,
    backward: (g: Tensor, output: T) => {
      const gBuf = backend.fromArray(buf.nQubits, buf.batch, Float64Array.from(g.data));
      try {
        let gState: Tensor | null = null;
        if (input.requiresGrad) {
          const back = krylovExpm(backend, gBuf, terms, -time.value, settings).buffer;
          gState = fromData(backend.toArray(back), shape, "complex128");
          backend.free(back);
        }
        if (time.tensor === undefined) return [gState];
        let gTime: Tensor | null = null;
        if (time.tensor.requiresGrad) {
          const hy = backend.zeros(buf.nQubits, buf.batch);
          backend.applyPauliSum(hy, output.buffer, terms);
          const ip = backend.innerProduct(gBuf, hy);
          backend.free(hy);
          let s = 0;
          for (let b = 0; b < buf.batch; b++) s += ip[2 * b + 1]!;
          gTime = fromData(Float64Array.of(s), time.tensor.shape, "float64");
        }
        return [gState, gTime];
      } finally {
        backend.free(gBuf);
      }
    },
  });
  return { value, info: stats };
}
