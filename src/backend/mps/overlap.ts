/**
 * Overlap matrices of two matrix product states on one or two qubits, for the adjoint sweep:
 * M[i][j] = sum_r conj(a[i, r]) b[j, r] (i, j the basis of the chosen qubits, r the rest). The
 * rest is contracted into a left environment (sites before the first qubit) and a right one
 * (sites after the last). The sweep changes only the sites a gate touches, so the environments
 * are cached per pair of states and recognized by the identity of the site arrays they were
 * built from (every change of a site stores a new array): a sweep across the chain extends them
 * by one site at a time instead of contracting the whole chain for every gate.
 */
import { type Mps, transfer } from "./mps.js";

/** Environments of one pair (a, b): left[k] covers sites 0..k-1, right[k] sites k..n-1. */
export class OverlapEnvironments {
  private readonly left: Float64Array[] = [];
  private readonly right: Float64Array[] = [];
  /** The site arrays each environment step used: [a's, b's] for site k. */
  private readonly leftFrom: [Float64Array, Float64Array][] = [];
  private readonly rightFrom: [Float64Array, Float64Array][] = [];

  constructor(
    readonly a: Mps,
    readonly b: Mps,
  ) {
    this.left[0] = new Float64Array([1, 0]);
    this.right[a.n] = new Float64Array([1, 0]);
  }

  /** The contraction of sites 0..k-1 (a conjugated), a dims[k](a) x dims[k](b) matrix. */
  leftOf(k: number): Float64Array {
    const { a, b } = this;
    let valid = 0;
    while (
      valid < k &&
      this.leftFrom[valid]?.[0] === a.sites[valid] &&
      this.leftFrom[valid]?.[1] === b.sites[valid]
    )
      valid++;
    for (let j = valid; j < k; j++) {
      this.left[j + 1] = transfer(
        this.left[j]!,
        a.sites[j]!,
        a.dims[j]!,
        a.dims[j + 1]!,
        b.sites[j]!,
        b.dims[j]!,
        b.dims[j + 1]!,
        null,
      );
      this.leftFrom[j] = [a.sites[j]!, b.sites[j]!];
    }
    return this.left[k]!;
  }

  /** The contraction of sites k..n-1, a dims[k](a) x dims[k](b) matrix. */
  rightOf(k: number): Float64Array {
    const { a, b } = this;
    const n = a.n;
    let valid = n;
    while (
      valid > k &&
      this.rightFrom[valid - 1]?.[0] === a.sites[valid - 1] &&
      this.rightFrom[valid - 1]?.[1] === b.sites[valid - 1]
    )
      valid--;
    for (let j = valid - 1; j >= k; j--) {
      this.right[j] = rightStep(this.right[j + 1]!, a, b, j);
      this.rightFrom[j] = [a.sites[j]!, b.sites[j]!];
    }
    return this.right[k]!;
  }

  /**
   * The 2^k x 2^k overlap matrix on `qubits` (one or two, any order; qubits[0] the most
   * significant bit of i and j), interleaved complex, row-major.
   */
  overlap(qubits: readonly number[]): Float64Array {
    const { a, b } = this;
    const sorted = [...qubits].sort((x, y) => x - y);
    const lo = sorted[0]!;
    const hi = sorted[sorted.length - 1]!;
    const env = this.leftOf(lo);
    const r = this.rightOf(hi + 1);
    const k = qubits.length;
    const d = 2 ** k;
    const out = new Float64Array(2 * d * d);
    // open indices (s, t) on each chosen site, identity between them
    const assignments =
      k === 1
        ? [[0], [1]]
        : [
            [0, 0],
            [0, 1],
            [1, 0],
            [1, 1],
          ];
    for (const si of assignments) {
      for (const ti of assignments) {
        let e = env;
        for (let site = lo; site <= hi; site++) {
          const pos = sorted.indexOf(site);
          let op: Float64Array | null = null;
          if (pos >= 0) {
            op = new Float64Array(8);
            op[2 * (si[pos]! * 2 + ti[pos]!)] = 1;
          }
          e = transfer(
            e,
            a.sites[site]!,
            a.dims[site]!,
            a.dims[site + 1]!,
            b.sites[site]!,
            b.dims[site]!,
            b.dims[site + 1]!,
            op,
          );
        }
        // close with the right environment: sum_xy e[x, y] r[x, y]
        let re = 0;
        let im = 0;
        for (let x = 0; x < e.length; x += 2) {
          re += e[x]! * r[x]! - e[x + 1]! * r[x + 1]!;
          im += e[x]! * r[x + 1]! + e[x + 1]! * r[x]!;
        }
        // i, j in the caller's qubit order
        const index = (bits: number[]) =>
          qubits.reduce((acc, q) => acc * 2 + bits[sorted.indexOf(q)]!, 0);
        const i = index(si);
        const j = index(ti);
        out[2 * (i * d + j)] = re;
        out[2 * (i * d + j) + 1] = im;
      }
    }
    return out;
  }
}

/** R'[x, y] = sum_s conj(A[x, s, x']) B[y, s, y'] R[x', y'] for site j. */
function rightStep(r: Float64Array, a: Mps, b: Mps, j: number): Float64Array {
  const A = a.sites[j]!;
  const B = b.sites[j]!;
  const dal = a.dims[j]!;
  const dar = a.dims[j + 1]!;
  const dbl = b.dims[j]!;
  const dbr = b.dims[j + 1]!;
  const out = new Float64Array(2 * dal * dbl);
  for (let s = 0; s < 2; s++) {
    // X[x', y] = sum_y' R[x', y'] B[y, s, y']
    const x = new Float64Array(2 * dar * dbl);
    for (let xp = 0; xp < dar; xp++) {
      for (let y = 0; y < dbl; y++) {
        let re = 0;
        let im = 0;
        const bo = 2 * (y * 2 + s) * dbr;
        const ro = 2 * xp * dbr;
        for (let yp = 0; yp < dbr; yp++) {
          const rr = r[ro + 2 * yp]!;
          const ri = r[ro + 2 * yp + 1]!;
          const br = B[bo + 2 * yp]!;
          const bi = B[bo + 2 * yp + 1]!;
          re += rr * br - ri * bi;
          im += rr * bi + ri * br;
        }
        x[2 * (xp * dbl + y)] = re;
        x[2 * (xp * dbl + y) + 1] = im;
      }
    }
    // out[x, y] += sum_x' conj(A[x, s, x']) X[x', y]
    for (let xa = 0; xa < dal; xa++) {
      const ao = 2 * (xa * 2 + s) * dar;
      for (let xp = 0; xp < dar; xp++) {
        const cr = A[ao + 2 * xp]!;
        const ci = -A[ao + 2 * xp + 1]!;
        if (cr === 0 && ci === 0) continue;
        const xo = 2 * xp * dbl;
        const oo = 2 * xa * dbl;
        for (let y = 0; y < dbl; y++) {
          const xr = x[xo + 2 * y]!;
          const xi = x[xo + 2 * y + 1]!;
          out[oo + 2 * y]! += cr * xr - ci * xi;
          out[oo + 2 * y + 1]! += cr * xi + ci * xr;
        }
      }
    }
  }
  return out;
}
