/**
 * exp(-i t H) |psi> for a Pauli sum H without a matrix: the Lanczos (Krylov) approximation
 * |psi(t)> ~ ||psi|| V_m exp(-i t T_m) e_1, where V_m is an orthonormal basis of
 * span{psi, H psi, ..., H^(m-1) psi} and T_m = V_m^dagger H V_m is tridiagonal. Only H applications
 * (`backend.applyPauliSum`), inner products and axpys run on the state, so it works at any size the
 * backend holds, for every batch element at once (each with its own T_m).
 *
 * The basis grows until the error estimate of the remaining time is within the tolerance; when
 * the basis reaches `krylovDim` first, the largest step whose estimate fits is taken and the
 * Lanczos process restarts from the evolved state (time stepping, as Expokit does).
 *
 * Error estimate: the Lanczos residual is H V_m - V_m T_m = beta_m v_(m+1) e_m^T, so the
 * approximation u(s) obeys i u' = H u - beta_m [exp(-i s T_m) e_1]_m v_(m+1), and the error after a
 * step h is the propagated integral of that defect: about beta_m h |[phi_1(-i h T_m) e_1]_m| per
 * unit of ||psi||, with phi_1(z) = (e^z - 1) / z. Substep estimates add up (the propagation is
 * unitary). Lanczos keeps only local orthogonality (the three-term recurrence): for the
 * exponential, unlike for eigenvectors, the lost global orthogonality does not spoil the result
 * (Druskin, Greenbaum and Knizhnerman 1998). The basis vectors stay unnormalized (their norms are
 * kept beside them), so a Lanczos step costs one H application, one inner product and one pass of
 * `backend.linearCombination` (w <- H v_j - alpha v_j - beta v_(j-1) with its norm), and the
 * result is one more combination pass over the basis; backends without `linearCombination` run
 * scale + axpys + norm instead.
 */
import type { Backend, PauliTerm, StateBuffer } from "../../backend/backend.js";
import { ConvergenceError } from "../../errors.js";
import { tridiagonalEigen } from "./tridiagonal.js";

/** Settings of the Krylov exponential (validated by the caller). */
export interface KrylovSettings {
  /** Target ||u - exp(-i t H) psi|| / ||psi|| for each batch element. */
  readonly tol: number;
  /** Largest Lanczos basis per step (vectors of the state's size). */
  readonly krylovDim: number;
  /** Most H applications before a `ConvergenceError`. */
  readonly maxMatvecs: number;
}

/** What one Krylov exponential did. */
export interface KrylovStats {
  /** The estimated error ||u - exp(-i t H) psi|| / ||psi||, the worst over the batch. */
  errorEstimate: number;
  /** H applications used. */
  matvecs: number;
  /** Time steps taken (1 when one Krylov basis covered the whole time). */
  substeps: number;
  /** The largest basis built. */
  krylovDim: number;
}

/** Bytes of Krylov basis the default `krylovDim` allows (the basis is m state-sized vectors). */
const BASIS_BYTES = 2 ** 30;

/**
 * The default largest basis for a buffer: 64 vectors, fewer when they would pass 1 GiB (at least 12).
 * @example
 * defaultKrylovDim(20, 1); // 64 (16 MiB per vector)
 */
export function defaultKrylovDim(nQubits: number, batch: number): number {
  const bytes = 16 * 2 ** nQubits * batch;
  return Math.max(12, Math.min(64, Math.floor(BASIS_BYTES / bytes)));
}

/**
 * A new buffer holding exp(-i t H) applied to every batch element of `input` (H = sum of `terms`,
 * real coefficients, acting within the buffer's qubits); `input` is not changed.
 * @example
 * const { buffer, stats } = krylovExpm(be, psi, h.terms, 1, { tol: 1e-10, krylovDim: 40, maxMatvecs: 1000 });
 */
export function krylovExpm(
  backend: Backend,
  input: StateBuffer,
  terms: readonly PauliTerm[],
  t: number,
  settings: KrylovSettings,
): { buffer: StateBuffer; stats: KrylovStats } {
  // identity terms only shift the phase: apply it exactly, and keep them out of the recurrence
  let shift = 0;
  const active: PauliTerm[] = [];
  for (const term of terms) {
    if (term.qubits.length === 0) shift += term.coefficient;
    else if (term.coefficient !== 0) active.push(term);
  }
  const psi = backend.clone(input);
  const stats: KrylovStats = { errorEstimate: 0, matvecs: 0, substeps: 0, krylovDim: 0 };
  try {
    if (active.length > 0 && t !== 0) evolveInPlace(backend, psi, active, t, settings, stats);
    if (shift !== 0) backend.scale(psi, Float64Array.of(Math.cos(shift * t), -Math.sin(shift * t)));
  } catch (e) {
    backend.free(psi);
    throw e;
  }
  return { buffer: psi, stats };
}

/** psi <- exp(-i t H) psi, in Krylov steps. */
function evolveInPlace(
  backend: Backend,
  psi: StateBuffer,
  terms: readonly PauliTerm[],
  t: number,
  settings: KrylovSettings,
  stats: KrylovStats,
): void {
  const batch = psi.batch;
  const dim = 2 ** psi.nQubits;
  const maxDim = Math.max(1, Math.min(settings.krylovDim, dim));
  // an invariant subspace shows as a coupling at rounding level against the operator's size
  let hScale = 0;
  for (const term of terms) hScale += Math.abs(term.coefficient);
  const breakdown = 1e-13 * hScale;
  const accumulated = new Float64Array(batch);
  let remaining = t;
  while (remaining !== 0) {
    const lanczos = buildBasis(
      backend,
      psi,
      terms,
      maxDim,
      breakdown,
      stats,
      settings,
      (model) => model.estimate(remaining) <= (settings.tol * Math.abs(remaining)) / Math.abs(t),
    );
    try {
      const { model } = lanczos;
      let h = remaining;
      if (model.estimate(h) > (settings.tol * Math.abs(h)) / Math.abs(t)) {
        h = largestStep(model, remaining, settings.tol / Math.abs(t));
      }
      const est = model.estimates(h);
      for (let b = 0; b < batch; b++) accumulated[b]! += est[b]!;
      // psi (= basis[0]) <- sum_j c_j v_j, with v_j = basis[j] / scale_j
      const coefs = model.coefficients(h).map((c, j) => divide(c, lanczos.scales[j]!));
      linearCombination(backend, psi, coefs, lanczos.basis);
      remaining = Math.abs(remaining - h) <= 1e-15 * Math.abs(t) ? 0 : remaining - h;
      stats.substeps++;
    } finally {
      for (const v of lanczos.basis.slice(1)) backend.free(v);
    }
  }
  stats.errorEstimate = Math.max(0, ...accumulated);
}

/**
 * The Lanczos basis of one step, kept unnormalized: the Lanczos vector v_j is
 * `basis[j] / scales[j]` per batch element (basis[0] is psi itself), which saves the
 * normalizing pass; and the small model built on it.
 */
interface StepBasis {
  basis: StateBuffer[];
  scales: Float64Array[];
  model: TridiagonalModel;
}

/**
 * Lanczos from psi until `done(model)` holds or the basis has `maxDim` vectors. basis[0] is psi
 * (not changed); the others are new buffers that the caller frees.
 */
function buildBasis(
  backend: Backend,
  psi: StateBuffer,
  terms: readonly PauliTerm[],
  maxDim: number,
  breakdown: number,
  stats: KrylovStats,
  settings: KrylovSettings,
  done: (model: TridiagonalModel) => boolean,
): StepBasis {
  const batch = psi.batch;
  const norms = backend.normSquared(psi).map(Math.sqrt);
  const alpha: Float64Array[] = [];
  const beta: Float64Array[] = [];
  const basis: StateBuffer[] = [psi];
  const scales: Float64Array[] = [norms];
  const exhausted = Uint8Array.from(norms, (x) => (x === 0 ? 1 : 0));
  try {
    for (let j = 0; ; j++) {
      if (stats.matvecs >= settings.maxMatvecs) {
        throw new ConvergenceError(
          `evolve: the Krylov exponential used maxMatvecs = ${settings.maxMatvecs} H applications without reaching tol = ${settings.tol}`,
        );
      }
      const v = basis[j]!;
      const s = scales[j]!;
      const w = backend.zeros(psi.nQubits, batch);
      basis.push(w);
      backend.applyPauliSum(w, v, terms);
      stats.matvecs++;
      // alpha_j = <v_j|H|v_j>; then w <- H v_j - alpha_j v_j - beta_(j-1) v_(j-1), one pass
      const ip = backend.innerProduct(v, w);
      const a = new Float64Array(batch);
      const cw = new Float64Array(2 * batch);
      const cv = new Float64Array(2 * batch);
      const cu = new Float64Array(2 * batch);
      for (let b = 0; b < batch; b++) {
        if (exhausted[b]) continue;
        a[b] = ip[2 * b]! / (s[b]! * s[b]!);
        cw[2 * b] = 1 / s[b]!;
        cv[2 * b] = -a[b]! / s[b]!;
        if (j > 0) cu[2 * b] = -beta[j - 1]![b]! / scales[j - 1]![b]!;
      }
      const sources = j > 0 ? [w, v, basis[j - 1]!] : [w, v];
      const coefs = j > 0 ? [cw, cv, cu] : [cw, cv];
      const nb = linearCombination(backend, w, coefs, sources).map(Math.sqrt);
      for (let b = 0; b < batch; b++) {
        if (exhausted[b] || nb[b]! <= breakdown) {
          exhausted[b] = 1;
          nb[b] = 0; // decouples T_m: the basis so far spans an invariant subspace
        }
      }
      alpha.push(a);
      beta.push(nb);
      scales.push(nb);
      const model = new TridiagonalModel(alpha, beta, norms);
      stats.krylovDim = Math.max(stats.krylovDim, j + 1);
      if (done(model) || j + 1 >= maxDim || exhausted.every((x) => x === 1)) {
        backend.free(basis.pop()!); // w, the next direction, is not needed
        scales.pop();
        return { basis, scales, model };
      }
    }
  } catch (e) {
    for (const v of basis.slice(1)) backend.free(v);
    throw e;
  }
}

/** Complex per batch element (interleaved) divided by a real per element; 0 where it is 0. */
function divide(c: Float64Array, x: Float64Array): Float64Array {
  const out = new Float64Array(c.length);
  for (let b = 0; b < x.length; b++) {
    if (x[b] === 0) continue;
    out[2 * b] = c[2 * b]! / x[b]!;
    out[2 * b + 1] = c[2 * b + 1]! / x[b]!;
  }
  return out;
}

/**
 * dst <- sum_k coefs[k] sources[k] (dst may be one of the sources), returning <dst|dst>: one
 * pass on backends with `linearCombination`, else a scale, axpys and a norm.
 */
function linearCombination(
  backend: Backend,
  dst: StateBuffer,
  coefs: readonly Float64Array[],
  sources: readonly StateBuffer[],
): Float64Array {
  if (backend.linearCombination !== undefined)
    return backend.linearCombination(dst, coefs, sources);
  const own = sources.indexOf(dst);
  backend.scale(dst, own >= 0 ? coefs[own]! : new Float64Array(2));
  sources.forEach((src, k) => {
    if (k !== own) backend.axpy(dst, coefs[k]!, src);
  });
  return backend.normSquared(dst);
}

/**
 * The largest h in (0, |remaining|] (with remaining's sign) whose estimate is within
 * `tolPerTime * |h|`: bisection on log h (the estimate grows like h^m for small h).
 */
function largestStep(model: TridiagonalModel, remaining: number, tolPerTime: number): number {
  const sign = Math.sign(remaining);
  let hi = Math.abs(remaining);
  // an admissible lower end: halve until the estimate fits
  let lo = hi / 2;
  for (let k = 0; k < 200 && model.estimate(sign * lo) > tolPerTime * lo; k++) {
    hi = lo;
    lo /= 2;
  }
  for (let k = 0; k < 40 && hi - lo > 1e-3 * lo; k++) {
    const mid = Math.sqrt(lo * hi);
    if (model.estimate(sign * mid) <= tolPerTime * mid) lo = mid;
    else hi = mid;
  }
  return sign * lo;
}

/**
 * The small Lanczos model of every batch element: T_m = tridiag(beta, alpha, beta) and its
 * eigen-decomposition, from which the step's coefficients and error estimates follow for any h.
 */
class TridiagonalModel {
  private readonly m: number;
  private readonly batch: number;
  private readonly values: Float64Array[] = [];
  private readonly vectors: Float64Array[] = [];
  /** beta_m per element: the coupling to the next, unbuilt, basis vector. */
  private readonly residual: Float64Array;

  constructor(
    alpha: readonly Float64Array[],
    beta: readonly Float64Array[],
    private readonly norms: Float64Array,
  ) {
    this.m = alpha.length;
    this.batch = norms.length;
    this.residual = beta[this.m - 1]!;
    for (let b = 0; b < this.batch; b++) {
      const diag = alpha.map((a) => a[b]!);
      const off = beta.slice(0, this.m - 1).map((x) => x[b]!);
      const { values, vectors } = tridiagonalEigen(diag, off);
      this.values.push(values);
      this.vectors.push(vectors);
    }
  }

  /** The worst error estimate over the batch for a step h. */
  estimate(h: number): number {
    return Math.max(...this.estimates(h));
  }

  /** Per element: beta_m |h| |[phi_1(-i h T_m) e_1]_m| (relative to ||psi||). */
  estimates(h: number): Float64Array {
    const m = this.m;
    const out = new Float64Array(this.batch);
    for (let b = 0; b < this.batch; b++) {
      const r = this.residual[b]!;
      if (r === 0 || this.norms[b] === 0) continue;
      const lam = this.values[b]!;
      const q = this.vectors[b]!;
      let re = 0;
      let im = 0;
      for (let k = 0; k < m; k++) {
        const w = q[(m - 1) * m + k]! * q[k]!;
        const [pr, pi] = phi1(-h * lam[k]!);
        re += w * pr;
        im += w * pi;
      }
      out[b] = r * Math.abs(h) * Math.hypot(re, im);
    }
    return out;
  }

  /** Coefficient j (complex per element, interleaved) of basis vector j: ||psi|| [exp(-i h T) e_1]_j. */
  coefficients(h: number): Float64Array[] {
    const m = this.m;
    const out = Array.from({ length: m }, () => new Float64Array(2 * this.batch));
    for (let b = 0; b < this.batch; b++) {
      const lam = this.values[b]!;
      const q = this.vectors[b]!;
      const c = new Float64Array(m);
      const s = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        c[k] = Math.cos(h * lam[k]!) * q[k]!;
        s[k] = -Math.sin(h * lam[k]!) * q[k]!;
      }
      for (let j = 0; j < m; j++) {
        let re = 0;
        let im = 0;
        for (let k = 0; k < m; k++) {
          re += q[j * m + k]! * c[k]!;
          im += q[j * m + k]! * s[k]!;
        }
        out[j]![2 * b] = this.norms[b]! * re;
        out[j]![2 * b + 1] = this.norms[b]! * im;
      }
    }
    return out;
  }
}

/** phi_1(i x) = (e^(i x) - 1) / (i x) as (re, im), by its series near 0. */
function phi1(x: number): [number, number] {
  if (Math.abs(x) < 1e-4) {
    // 1 + ix/2 - x^2/6 - i x^3/24
    return [1 - (x * x) / 6, x / 2 - (x * x * x) / 24];
  }
  // (cos x - 1 + i sin x) / (i x) = sin x / x + i (1 - cos x) / x
  return [Math.sin(x) / x, (1 - Math.cos(x)) / x];
}
