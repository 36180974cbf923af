/**
 * Stability of a converged RHF solution against real orbital rotations (Seeger and Pople 1977).
 * With Δ_{ia,jb} = δ_ij δ_ab (ε_a - ε_i) over occupied i, j and virtual a, b:
 *   singlet (RHF -> lower RHF):  A¹ + B¹ = Δ + 4 (ia|jb) - (ib|ja) - (ij|ab)
 *   triplet (RHF -> lower UHF):  A³ + B³ = Δ - (ib|ja) - (ij|ab)
 * A negative lowest eigenvalue means the solution is a saddle point, not a minimum, in that
 * space (stretched H2 beyond about 1.2 A has a triplet instability: UHF goes lower).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { eigh } from "../linalg.js";

/** Lowest eigenvalues of the two stability matrices, and the verdict. */
export interface StabilityResult {
  /** Lowest eigenvalue of A¹ + B¹ (Hartree); negative: a lower RHF solution exists. */
  singlet: number;
  /** Lowest eigenvalue of A³ + B³ (Hartree); negative: a lower UHF solution exists. */
  triplet: number;
  /** Both at least -tolerance. */
  stable: boolean;
  /**
   * The lowest singlet eigenvector over occupied-virtual pairs, `singletVector[i * nVirtual + a]`
   * (occupied i, virtual a = orbital nOcc + a): the orbital rotation that lowers the RHF energy
   * when `singlet` is negative. Absent when there are no occupied-virtual pairs.
   */
  singletVector?: Float64Array;
}

/** (pq|rs) over four blocks of MO coefficient columns: C columns [o0, o0 + n0) etc. */
function moBlock(
  eri: Float64Array,
  C: Float64Array,
  n: number,
  nmo: number,
  ranges: readonly (readonly [number, number])[],
): { data: Float64Array; dims: number[] } {
  let cur = eri;
  const dims = [n, n, n, n];
  // Transform the first axis and move it to the back, four times.
  for (let step = 0; step < 4; step++) {
    const [lo, hi] = ranges[step]!;
    const w = hi - lo;
    const rest = dims[1]! * dims[2]! * dims[3]!;
    const next = new Float64Array(rest * w);
    for (let mu = 0; mu < dims[0]!; mu++) {
      for (let x = 0; x < rest; x++) {
        const v = cur[mu * rest + x]!;
        if (v === 0) continue;
        const o = x * w;
        for (let p = 0; p < w; p++) next[o + p]! += v * C[mu * nmo + lo + p]!;
      }
    }
    cur = next;
    dims.shift();
    dims.push(w);
  }
  return { data: cur, dims };
}

/**
 * Real RHF stability analysis of a converged closed-shell result.
 * @example
 * const hf = runSCF(Molecule.fromGeometry("H 0 0 0; H 0 0 2.5"));
 * rhfStability(hf).triplet < 0; // true: stretched H2 breaks spin symmetry
 */
export function rhfStability(
  result: {
    reference: string;
    nbf: number;
    nmo: number;
    nAlpha: number;
    nBeta: number;
    coefficients: Float64Array;
    orbitalEnergies: Float64Array;
    integrals: { eri: Float64Array };
  },
  tolerance = 1e-8,
): StabilityResult {
  checkArity(arguments.length, 2, "rhfStability");
  if (
    result === null ||
    typeof result !== "object" ||
    !(result.coefficients instanceof Float64Array)
  )
    throw new ArgumentError(`rhfStability: expected a runSCF() result, got ${describe(result)}`);
  if (result.reference !== "rhf" || result.nAlpha !== result.nBeta) {
    throw new ArgumentError(
      `rhfStability: needs a closed-shell RHF result, got reference ${result.reference}`,
    );
  }
  const { nbf: n, nmo: m, coefficients: C, orbitalEnergies: eps } = result;
  const no = result.nAlpha;
  const nv = m - no;
  const dim = no * nv;
  if (dim === 0)
    return { singlet: Number.POSITIVE_INFINITY, triplet: Number.POSITIVE_INFINITY, stable: true };
  const occ = [0, no] as const;
  const vir = [no, m] as const;
  const ovov = moBlock(result.integrals.eri, C, n, m, [occ, vir, occ, vir]).data; // (ia|jb)
  const oovv = moBlock(result.integrals.eri, C, n, m, [occ, occ, vir, vir]).data; // (ij|ab)
  const iajb = (i: number, a: number, j: number, b: number): number =>
    ovov[((i * nv + a) * no + j) * nv + b]!;
  const ijab = (i: number, j: number, a: number, b: number): number =>
    oovv[((i * no + j) * nv + a) * nv + b]!;
  const s = new Float64Array(dim * dim);
  const t = new Float64Array(dim * dim);
  for (let i = 0; i < no; i++) {
    for (let a = 0; a < nv; a++) {
      const r = i * nv + a;
      for (let j = 0; j < no; j++) {
        for (let b = 0; b < nv; b++) {
          const c = j * nv + b;
          const diag = r === c ? eps[no + a]! - eps[i]! : 0;
          const ex = iajb(i, b, j, a) + ijab(i, j, a, b);
          s[r * dim + c] = diag + 4 * iajb(i, a, j, b) - ex;
          t[r * dim + c] = diag - ex;
        }
      }
    }
  }
  const se = eigh(s, dim);
  const singlet = se.values[0]!;
  const singletVector = new Float64Array(dim);
  for (let r = 0; r < dim; r++) singletVector[r] = se.vectors[r * dim]!;
  const triplet = eigh(t, dim).values[0]!;
  return {
    singlet,
    triplet,
    stable: singlet >= -tolerance && triplet >= -tolerance,
    singletVector,
  };
}
