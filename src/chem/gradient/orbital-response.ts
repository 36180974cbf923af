/**
 * The orbital-response (Z-vector) equations of a correlated energy computed on canonical RHF
 * orbitals.
 *
 * The orbitals at every geometry obey F_pq = 0 for p ≠ q (Brillouin for occupied-virtual pairs,
 * canonical for the rest). With the Lagrangian L = E + Σ_{p>q} z_pq F_pq, stationarity in the
 * rotations κ_rs (C -> C (1 + κ), κ antisymmetric) reads g_rs + Σ_{p>q} z_pq ∂F_pq/∂κ_rs = 0,
 * where g is the correlated energy's orbital gradient and, for canonical orbitals,
 *   ∂F_pq/∂κ_rs = δ_(pq),(rs) (ε_p - ε_q) + [rs = ai] (4 (pq|ai) - (pa|qi) - (pi|qa))
 * (only occupied-virtual rotations change the RHF density). Pairs within the occupied or the
 * virtual block decouple, z_pq = -g_pq / (ε_p - ε_q); the occupied-virtual ones then solve the
 * CPHF system on the RHF Hessian. One solve serves every nuclear coordinate.
 */
import { ArgumentError } from "../../errors.js";
import { solveLinear } from "../linalg.js";

/** Energies closer than this are treated as degenerate. */
const DEGENERATE = 1e-8;

/** What the Z-vector equations need about the RHF orbitals. */
export interface CanonicalOrbitals {
  /** Number of molecular orbitals. */
  nmo: number;
  /** Doubly occupied orbitals (the lowest `nocc`). */
  nocc: number;
  /** Orbital energies, ascending. */
  energies: Float64Array;
  /** MO ERIs (pq|rs), nmo^4, chemists' order. */
  eri: Float64Array;
}

/**
 * The Z-vector as a symmetric nmo x nmo matrix, Z_pq = Z_qp = z_pq / 2 (so Σ_{p>q} z_pq X_pq =
 * Σ_pq Z_pq X_pq for a symmetric X), from the orbital gradient `g[p * nmo + q]` (p > q read)
 * of the energy for rotation κ_pq. `redundant(p, q)` marks pairs the energy does not depend on
 * (z = 0 there). A degenerate non-redundant pair with a gradient throws: the canonical condition
 * does not fix that rotation.
 * @example
 * const Z = solveZVector(orbitals, g, (p, q) => p < nCore && q < nCore);
 */
export function solveZVector(
  orbitals: CanonicalOrbitals,
  g: Float64Array,
  redundant: (p: number, q: number) => boolean,
): Float64Array {
  const { nmo: n, nocc, energies: eps, eri } = orbitals;
  const n2 = n * n;
  const n3 = n2 * n;
  const at = (p: number, q: number, r: number, s: number): number =>
    eri[p * n3 + q * n2 + r * n + s]!;
  const z = new Float64Array(n2); // z[p * n + q], p > q
  const isOV = (p: number, q: number): boolean => p >= nocc && q < nocc;
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < p; q++) {
      if (isOV(p, q) || redundant(p, q)) continue;
      const gap = eps[p]! - eps[q]!;
      const grad = g[p * n + q]!;
      if (Math.abs(gap) < DEGENERATE) {
        if (Math.abs(grad) < 1e-7) continue;
        throw new ArgumentError(
          `orbital response: orbitals ${q} and ${p} are degenerate (ε = ${eps[p]!.toFixed(8)}) but the energy depends on their rotation (gradient ${grad.toExponential(2)}); use finite differences (numerical: true)`,
        );
      }
      z[p * n + q] = -grad / gap;
    }
  }
  const nvir = n - nocc;
  const nov = nocc * nvir;
  if (nov > 0) {
    // A[ai][bj] = δ (ε_a - ε_i) + 4 (ai|bj) - (ab|ij) - (aj|ib), ai = (a - nocc) * nocc + i
    const A = new Float64Array(nov * nov);
    const rhs = new Float64Array(nov);
    for (let a = nocc; a < n; a++) {
      for (let i = 0; i < nocc; i++) {
        const ai = (a - nocc) * nocc + i;
        let r = -g[a * n + i]!;
        for (let p = 0; p < n; p++) {
          for (let q = 0; q < p; q++) {
            const zpq = z[p * n + q]!;
            if (zpq === 0 || isOV(p, q)) continue;
            r -= zpq * (4 * at(p, q, a, i) - at(p, a, q, i) - at(p, i, q, a));
          }
        }
        rhs[ai] = r;
        for (let b = nocc; b < n; b++) {
          for (let j = 0; j < nocc; j++) {
            const bj = (b - nocc) * nocc + j;
            A[ai * nov + bj] = 4 * at(a, i, b, j) - at(a, b, i, j) - at(a, j, i, b);
          }
        }
        A[ai * nov + ai]! += eps[a]! - eps[i]!;
      }
    }
    const x = solveLinear(A, rhs, nov);
    if (x === undefined)
      throw new ArgumentError(
        "orbital response: the RHF Hessian is singular (an unstable or degenerate RHF solution); use finite differences (numerical: true)",
      );
    for (let a = nocc; a < n; a++)
      for (let i = 0; i < nocc; i++) z[a * n + i] = x[(a - nocc) * nocc + i]!;
  }
  const Z = new Float64Array(n2);
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < p; q++) {
      Z[p * n + q] = 0.5 * z[p * n + q]!;
      Z[q * n + p] = 0.5 * z[p * n + q]!;
    }
  }
  return Z;
}
