/**
 * Stability of a converged RHF solution against real orbital rotations (Seeger and Pople 1977).
 * With Δ_{ia,jb} = δ_ij δ_ab (ε_a - ε_i) over occupied i, j and virtual a, b:
 *   singlet (RHF -> lower RHF):  A¹ + B¹ = Δ + 4 (ia|jb) - (ib|ja) - (ij|ab)
 *   triplet (RHF -> lower UHF):  A³ + B³ = Δ - (ib|ja) - (ij|ab)
 * A negative lowest eigenvalue means the solution is a saddle point, not a minimum, in that
 * space (stretched H2 beyond about 1.2 A has a triplet instability: UHF goes lower).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { JKBuilder } from "../integrals/jk.js";
import { eigh } from "../linalg.js";
import { davidsonLowestJoint } from "./davidson.js";

/** Options of {@link rhfStability}. */
export interface StabilityOptions {
  /**
   * "dense": build both matrices from MO integrals and diagonalize them (needs the nbf^4 array);
   * "davidson": the lowest eigenpairs by Davidson iterations whose matrix-vector products are
   * J/K builds (no nbf^4 array, for large molecules); "auto" (default): dense up to
   * DENSE_MAX_DIM occupied-virtual pairs or when there is no J/K builder.
   */
  method?: "auto" | "dense" | "davidson";
  /**
   * Skip the triplet matrix (default false): `triplet` is then NaN and `stable` judges the
   * singlet alone. What the SCF's instability following needs, at half the cost.
   */
  singletOnly?: boolean;
}

/** Above this many occupied-virtual pairs "auto" uses Davidson. */
const DENSE_MAX_DIM = 400;

/** Lowest eigenvalues of the two stability matrices, and the verdict. */
export interface StabilityResult {
  /** Lowest eigenvalue of A¹ + B¹ (Hartree); negative: a lower RHF solution exists. */
  singlet: number;
  /** Lowest eigenvalue of A³ + B³ (Hartree); negative: a lower UHF solution exists (NaN with `singletOnly`). */
  triplet: number;
  /** Both at least -tolerance (the singlet alone with `singletOnly`). */
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

const STABILITY_OPTIONS = optionKeys<StabilityOptions>({ method: true, singletOnly: true });

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
    integrals: { eri: Float64Array; jk?: Pick<JKBuilder, "compute"> };
  },
  tolerance = 1e-8,
  options: StabilityOptions = {},
): StabilityResult {
  checkArity(arguments.length, 3, "rhfStability");
  checkOptions(options, STABILITY_OPTIONS, "rhfStability");
  if (
    result === null ||
    typeof result !== "object" ||
    !(result.coefficients instanceof Float64Array)
  )
    throw new ArgumentError(`rhfStability: expected a runSCF() result, got ${describe(result)}`);
  const method = options.method ?? "auto";
  if (method !== "auto" && method !== "dense" && method !== "davidson") {
    throw new ArgumentError(
      `rhfStability: method must be "auto", "dense" or "davidson", got ${describe(method)}`,
    );
  }
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
  const jk = result.integrals.jk;
  if (method === "davidson" && jk === undefined) {
    throw new ArgumentError(
      "rhfStability: method davidson needs integrals with a J/K builder (jk)",
    );
  }
  if (jk !== undefined && (method === "davidson" || (method === "auto" && dim > DENSE_MAX_DIM))) {
    return stabilityByDavidson(jk, C, eps, n, m, no, tolerance, options.singletOnly === true);
  }
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
  const triplet = options.singletOnly === true ? Number.NaN : eigh(t, dim).values[0]!;
  return {
    singlet,
    triplet,
    stable: singlet >= -tolerance && !(triplet < -tolerance),
    singletVector,
  };
}

/**
 * The lowest eigenpairs of A¹ + B¹ and A³ + B³ by Davidson. For a trial x over (i, a), with
 * S = sym(C_occ x C_vir^T), the products are
 *   (A¹ + B¹) x = Δ x + C_occ^T [4 J(S) - 2 K(S)] C_vir,  (A³ + B³) x = Δ x - 2 C_occ^T K(S) C_vir
 * (the (ib|ja) and (ij|ab) terms are K(Dx^T) and K(Dx), which sum to 2 K(S)).
 */
function stabilityByDavidson(
  jk: Pick<JKBuilder, "compute">,
  C: Float64Array,
  eps: Float64Array,
  n: number,
  m: number,
  no: number,
  tolerance: number,
  singletOnly: boolean,
): StabilityResult {
  const nv = m - no;
  const dim = no * nv;
  const diag = new Float64Array(dim);
  for (let i = 0; i < no; i++)
    for (let a = 0; a < nv; a++) diag[i * nv + a] = eps[no + a]! - eps[i]!;
  // One J/K pass per iteration serves both problems: singlet trials first, then triplet ones.
  const apply = (batches: Float64Array[][]): Float64Array[][] => {
    const [sx, tx] = [batches[0]!, batches[1] ?? []];
    const xs = [...sx, ...tx];
    const dens = xs.map((x) => symmetricTransition(x, C, n, m, no));
    const { J, K } = jk.compute(dens);
    const sigma = xs.map((x, k) => {
      const cj = k < sx.length ? 4 : 0;
      const G = new Float64Array(n * n);
      for (let i = 0; i < n * n; i++) G[i] = cj * J[k]![i]! - 2 * K[k]![i]!;
      const out = occVirBlock(G, C, n, m, no);
      for (let r = 0; r < dim; r++) out[r]! += diag[r]! * x[r]!;
      return out;
    });
    const out = [sigma.slice(0, sx.length), sigma.slice(sx.length)];
    return out.slice(0, batches.length);
  };
  const lowest = davidsonLowestJoint(singletOnly ? [diag] : [diag, diag], apply, {
    tolerance: 1e-5,
  });
  const singlet = lowest[0]!;
  const triplet = singletOnly ? Number.NaN : lowest[1]!.value;
  return {
    singlet: singlet.value,
    triplet,
    stable: singlet.value >= -tolerance && !(triplet < -tolerance),
    singletVector: singlet.vector,
  };
}

/** S = sym(C_occ x C_vir^T) for a trial x over (i, a): the density whose J and K give the products. */
function symmetricTransition(
  x: Float64Array,
  C: Float64Array,
  n: number,
  m: number,
  no: number,
): Float64Array {
  const nv = m - no;
  const T = new Float64Array(no * n); // x C_vir^T
  for (let i = 0; i < no; i++) {
    for (let mu = 0; mu < n; mu++) {
      let s = 0;
      for (let a = 0; a < nv; a++) s += x[i * nv + a]! * C[mu * m + no + a]!;
      T[i * n + mu] = s;
    }
  }
  const Dx = new Float64Array(n * n);
  for (let mu = 0; mu < n; mu++) {
    for (let i = 0; i < no; i++) {
      const c = C[mu * m + i]!;
      if (c === 0) continue;
      for (let nu = 0; nu < n; nu++) Dx[mu * n + nu]! += c * T[i * n + nu]!;
    }
  }
  for (let mu = 0; mu < n; mu++) {
    for (let nu = 0; nu < mu; nu++) {
      const v = 0.5 * (Dx[mu * n + nu]! + Dx[nu * n + mu]!);
      Dx[mu * n + nu] = v;
      Dx[nu * n + mu] = v;
    }
  }
  return Dx;
}

/** (C_occ^T G C_vir)_ia as a vector over (i, a). */
function occVirBlock(
  G: Float64Array,
  C: Float64Array,
  n: number,
  m: number,
  no: number,
): Float64Array {
  const nv = m - no;
  const GC = new Float64Array(n * nv);
  for (let mu = 0; mu < n; mu++) {
    for (let nu = 0; nu < n; nu++) {
      const g = G[mu * n + nu]!;
      if (g === 0) continue;
      for (let a = 0; a < nv; a++) GC[mu * nv + a]! += g * C[nu * m + no + a]!;
    }
  }
  const out = new Float64Array(no * nv);
  for (let i = 0; i < no; i++) {
    for (let mu = 0; mu < n; mu++) {
      const c = C[mu * m + i]!;
      if (c === 0) continue;
      for (let a = 0; a < nv; a++) out[i * nv + a]! += c * GC[mu * nv + a]!;
    }
  }
  return out;
}
