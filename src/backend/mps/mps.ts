/**
 * A matrix product state: site k holds a tensor A_k[l, s, r] of shape [dims[k], 2, dims[k+1]]
 * (interleaved complex, index ((l * 2 + s) * dims[k+1] + r)), dims[0] = dims[n] = 1, so that
 * <s_0 ... s_{n-1}|psi> = A_0[s_0] A_1[s_1] ... A_{n-1}[s_{n-1}] (qubit 0 leftmost, as everywhere).
 *
 * Canonical form: when `center` >= 0 every site left of it is a left isometry and every site
 * right of it a right isometry, so the norm and every local quantity live at the center. Gates
 * keep that form (1-qubit unitaries in place, 2-qubit gates by a truncated SVD that leaves the
 * center on the right site); `center = -1` marks a state whose form is unknown (after a sum).
 */
import { adjointOf as adjoint, isometricSplit, svd, truncation } from "./svd.js";

/** Truncation settings: the largest bond, and the dropped weight allowed per SVD. */
export interface TruncationLimits {
  readonly maxBond: number;
  readonly cutoff: number;
}

/** No truncation beyond the rounding noise. */
export const EXACT: TruncationLimits = { maxBond: Number.POSITIVE_INFINITY, cutoff: 0 };

export class Mps {
  /** Qubits (sites). */
  readonly n: number;
  /** Site tensors [dims[k], 2, dims[k+1]], interleaved complex. */
  sites: Float64Array[];
  /** Bond dimensions, length n + 1 (both ends 1). */
  dims: number[];
  /** The orthogonality center, or -1 when the canonical form is unknown. */
  center: number;
  /** Accumulated dropped weight of the truncations (sum of relative discarded s^2). */
  truncationError = 0;

  constructor(sites: Float64Array[], dims: number[], center: number) {
    this.n = sites.length;
    this.sites = sites;
    this.dims = dims;
    this.center = center;
  }

  /** |0...0> on n qubits (bond dimension 1). */
  static zero(n: number): Mps {
    const sites: Float64Array[] = [];
    for (let k = 0; k < n; k++) {
      const a = new Float64Array(4);
      a[0] = 1;
      sites.push(a);
    }
    return new Mps(sites, new Array<number>(n + 1).fill(1), 0);
  }

  /** The MPS of a dense state (2^n interleaved amplitudes, qubit 0 most significant) by SVDs. */
  static fromDense(n: number, amps: Float64Array): Mps {
    const sites: Float64Array[] = [];
    const dims = [1];
    let rest: Float64Array = Float64Array.from(amps); // [dims[k] * 2, 2^(n-k-1)] row-major
    for (let k = 0; k < n - 1; k++) {
      const rows = dims[k]! * 2;
      const cols = rest.length / 2 / rows;
      const f = svd(rest, rows, cols);
      sites.push(f.u);
      dims.push(f.k);
      rest = scaleRows(f.vh, f.s, f.k, cols);
    }
    sites.push(rest);
    dims.push(1);
    return new Mps(sites, dims, n - 1);
  }

  /** An independent copy. */
  clone(): Mps {
    const m = new Mps(
      this.sites.map((a) => Float64Array.from(a)),
      [...this.dims],
      this.center,
    );
    m.truncationError = this.truncationError;
    return m;
  }

  /** The largest bond dimension. */
  maxBond(): number {
    return Math.max(...this.dims);
  }

  /** Bytes held by the site tensors. */
  bytes(): number {
    let total = 0;
    for (const a of this.sites) total += a.byteLength;
    return total;
  }

  // --- canonical form ------------------------------------------------------------------------

  /**
   * Moves the orthogonality center to site k by SVDs (no truncation unless `limits` says so; a
   * state of unknown form is first brought into left-canonical form from site 0).
   */
  moveCenter(k: number, limits: TruncationLimits = EXACT): void {
    if (this.center < 0) {
      for (let i = 0; i < this.n - 1; i++) this.shiftRight(i, EXACT);
      this.center = this.n - 1;
    }
    while (this.center < k) {
      this.shiftRight(this.center, limits);
      this.center++;
    }
    while (this.center > k) {
      this.shiftLeft(this.center, limits);
      this.center--;
    }
  }

  /** Site i becomes a left isometry; its remainder S Vh moves into site i + 1. */
  private shiftRight(i: number, limits: TruncationLimits): void {
    const dl = this.dims[i]!;
    const dr = this.dims[i + 1]!;
    const dn = this.dims[i + 2]!;
    if (isExact(limits)) {
      // no truncation: a QR split is enough (A = Q R, Q the left isometry)
      const f = isometricSplit(this.sites[i]!, dl * 2, dr);
      this.sites[i] = f.q;
      this.sites[i + 1] = matmul(f.r, this.sites[i + 1]!, f.rank, dr, 2 * dn);
      this.dims[i + 1] = f.rank;
      return;
    }
    const f = svd(this.sites[i]!, dl * 2, dr);
    const t = truncation(f.s, limits.maxBond, limits.cutoff);
    this.truncationError += t.discarded;
    const k = t.keep;
    this.sites[i] = keepColumns(f.u, dl * 2, f.k, k);
    const carry = scaleRows(f.vh, f.s, k, dr); // k x dr
    this.sites[i + 1] = matmul(carry, this.sites[i + 1]!, k, dr, 2 * dn);
    this.dims[i + 1] = k;
  }

  /** Site i becomes a right isometry; its remainder U S moves into site i - 1. */
  private shiftLeft(i: number, limits: TruncationLimits): void {
    const dl = this.dims[i]!;
    const dr = this.dims[i + 1]!;
    const dp = this.dims[i - 1]!;
    if (isExact(limits)) {
      // A^dagger = Q R, so A = R^dagger Q^dagger with Q^dagger the right isometry
      const f = isometricSplit(adjoint(this.sites[i]!, dl, 2 * dr), 2 * dr, dl);
      this.sites[i] = adjoint(f.q, 2 * dr, f.rank);
      this.sites[i - 1] = matmul(this.sites[i - 1]!, adjoint(f.r, f.rank, dl), dp * 2, dl, f.rank);
      this.dims[i] = f.rank;
      return;
    }
    const f = svd(this.sites[i]!, dl, 2 * dr);
    const t = truncation(f.s, limits.maxBond, limits.cutoff);
    this.truncationError += t.discarded;
    const k = t.keep;
    this.sites[i] = f.vh.subarray(0, 2 * k * 2 * dr).slice();
    const carry = scaleColumns(f.u, f.s, dl, f.k, k); // dl x k
    this.sites[i - 1] = matmul(this.sites[i - 1]!, carry, dp * 2, dl, k);
    this.dims[i] = k;
  }

  /**
   * Recompresses a state of any form: left-canonical from site 0 without loss, then truncated
   * sweeping back to site 0 (each cut then keeps its largest Schmidt values).
   */
  compress(limits: TruncationLimits): void {
    this.center = -1;
    this.moveCenter(this.n - 1);
    this.moveCenter(0, limits);
  }

  // --- gates -------------------------------------------------------------------------------

  /** Applies the 2 x 2 matrix `u` (interleaved, row-major) on site k. */
  apply1(k: number, u: Float64Array, unitary: boolean): void {
    // a non-unitary factor would spoil the isometry of a site off the center
    if (!unitary && this.center !== k) this.moveCenter(k);
    // a new array, not an update in place: cached environments recognize sites by identity
    const a = Float64Array.from(this.sites[k]!);
    this.sites[k] = a;
    const dl = this.dims[k]!;
    const dr = this.dims[k + 1]!;
    for (let l = 0; l < dl; l++) {
      for (let r = 0; r < dr; r++) {
        const i0 = 2 * (l * 2 * dr + r);
        const i1 = 2 * ((l * 2 + 1) * dr + r);
        const x0r = a[i0]!;
        const x0i = a[i0 + 1]!;
        const x1r = a[i1]!;
        const x1i = a[i1 + 1]!;
        a[i0] = u[0]! * x0r - u[1]! * x0i + u[2]! * x1r - u[3]! * x1i;
        a[i0 + 1] = u[0]! * x0i + u[1]! * x0r + u[2]! * x1i + u[3]! * x1r;
        a[i1] = u[4]! * x0r - u[5]! * x0i + u[6]! * x1r - u[7]! * x1i;
        a[i1 + 1] = u[4]! * x0i + u[5]! * x0r + u[6]! * x1i + u[7]! * x1r;
      }
    }
  }

  /**
   * Applies the 4 x 4 matrix `g` on sites (i, i + 1) (row index 2 s_i + s_{i+1}): the two sites
   * are contracted, the gate applied, and the pair split again by a truncated SVD (by a
   * rank-revealing QR when `limits` truncate nothing); a unitary
   * keeps the norm (the kept singular values are rescaled). The center crosses the pair in the
   * direction it came from (from the right it ends on i, from the left on i + 1), so a sweep of
   * gates along the chain moves it one site per gate.
   */
  apply2Adjacent(i: number, g: Float64Array, unitary: boolean, limits: TruncationLimits): void {
    // the center enters from the nearer side
    if (this.center !== i && this.center !== i + 1) this.moveCenter(this.center > i ? i + 1 : i);
    const fromRight = this.center === i + 1;
    const dl = this.dims[i]!;
    const dm = this.dims[i + 1]!;
    const dr = this.dims[i + 2]!;
    // theta[l, s, t, r] = sum_m A_i[l, s, m] A_{i+1}[m, t, r]
    const theta = matmul(this.sites[i]!, this.sites[i + 1]!, dl * 2, dm, 2 * dr);
    const out = new Float64Array(theta.length);
    for (let l = 0; l < dl; l++) {
      for (let r = 0; r < dr; r++) {
        for (let row = 0; row < 4; row++) {
          let re = 0;
          let im = 0;
          for (let col = 0; col < 4; col++) {
            const gr = g[2 * (row * 4 + col)]!;
            const gi = g[2 * (row * 4 + col) + 1]!;
            if (gr === 0 && gi === 0) continue;
            const x = 2 * ((l * 4 + col) * dr + r);
            re += gr * theta[x]! - gi * theta[x + 1]!;
            im += gr * theta[x + 1]! + gi * theta[x]!;
          }
          const y = 2 * ((l * 4 + row) * dr + r);
          out[y] = re;
          out[y + 1] = im;
        }
      }
    }
    if (isExact(limits)) {
      // nothing to truncate: an exact rank-revealing QR split (Q an isometry) instead of an SVD
      if (fromRight) {
        const f = isometricSplit(adjoint(out, dl * 2, 2 * dr), 2 * dr, dl * 2);
        this.sites[i + 1] = adjoint(f.q, 2 * dr, f.rank);
        this.sites[i] = adjoint(f.r, f.rank, dl * 2);
        this.center = i;
        this.dims[i + 1] = f.rank;
      } else {
        const f = isometricSplit(out, dl * 2, 2 * dr);
        this.sites[i] = f.q;
        this.sites[i + 1] = f.r;
        this.center = i + 1;
        this.dims[i + 1] = f.rank;
      }
      return;
    }
    const f = svd(out, dl * 2, 2 * dr);
    const t = truncation(f.s, limits.maxBond, limits.cutoff);
    const k = t.keep;
    const s = f.s.subarray(0, k).slice();
    if (t.discarded > 0) {
      this.truncationError += t.discarded;
      if (unitary) {
        const scale = 1 / Math.sqrt(1 - t.discarded);
        for (let j = 0; j < k; j++) s[j]! *= scale;
      }
    }
    if (fromRight) {
      this.sites[i] = scaleColumns(f.u, s, dl * 2, f.k, k);
      this.sites[i + 1] = f.vh.subarray(0, 2 * k * 2 * dr).slice();
      this.center = i;
    } else {
      this.sites[i] = keepColumns(f.u, dl * 2, f.k, k);
      this.sites[i + 1] = scaleRows(f.vh, s, k, 2 * dr);
      this.center = i + 1;
    }
    this.dims[i + 1] = k;
  }

  /**
   * Applies the 4 x 4 matrix `g` on qubits (a, b), a != b in either order (row index 2 s_a + s_b):
   * qubit b is swapped next to a, the gate applied, and b swapped back (a swap network).
   */
  apply2(a: number, b: number, g: Float64Array, unitary: boolean, limits: TruncationLimits): void {
    const m = a < b ? g : swapTargets(g);
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    for (let j = hi - 1; j > lo; j--) this.apply2Adjacent(j, SWAP, true, limits);
    this.apply2Adjacent(lo, m, unitary, limits);
    for (let j = lo + 1; j < hi; j++) this.apply2Adjacent(j, SWAP, true, limits);
  }

  /** Multiplies the state by the complex number (re, im), at the center (the norm's site). */
  scale(re: number, im: number): void {
    const c = Math.max(this.center, 0);
    const a = Float64Array.from(this.sites[c]!);
    this.sites[c] = a;
    for (let i = 0; i < a.length; i += 2) {
      const x = a[i]!;
      const y = a[i + 1]!;
      a[i] = re * x - im * y;
      a[i + 1] = re * y + im * x;
    }
  }

  // --- reads ---------------------------------------------------------------------------------

  /** <x|psi> for the bits of x (qubit 0 first), as [re, im]. */
  amplitude(bits: Uint8Array): [number, number] {
    let v: Float64Array = new Float64Array([1, 0]);
    for (let k = 0; k < this.n; k++) {
      const dl = this.dims[k]!;
      const dr = this.dims[k + 1]!;
      const a = this.sites[k]!;
      const s = bits[k]!;
      const w = new Float64Array(2 * dr);
      for (let l = 0; l < dl; l++) {
        const vr = v[2 * l]!;
        const vi = v[2 * l + 1]!;
        if (vr === 0 && vi === 0) continue;
        const o = 2 * (l * 2 + s) * dr;
        for (let r = 0; r < dr; r++) {
          const ar = a[o + 2 * r]!;
          const ai = a[o + 2 * r + 1]!;
          w[2 * r]! += vr * ar - vi * ai;
          w[2 * r + 1]! += vr * ai + vi * ar;
        }
      }
      v = w;
    }
    return [v[0]!, v[1]!];
  }

  /** The dense state vector (2^n interleaved amplitudes, qubit 0 the most significant bit). */
  toDense(): Float64Array {
    let t: Float64Array = new Float64Array([1, 0]); // [prefixes, dims[k]]
    let prefixes = 1;
    for (let k = 0; k < this.n; k++) {
      const dl = this.dims[k]!;
      const dr = this.dims[k + 1]!;
      // [prefixes, dl] x [dl, 2 * dr] = [prefixes * 2, dr]
      t = matmul(t, this.sites[k]!, prefixes, dl, 2 * dr);
      prefixes *= 2;
    }
    return t;
  }

  /** <this|other> as [re, im] by transfer matrices from the left. */
  inner(other: Mps): [number, number] {
    let e: Float64Array = new Float64Array([1, 0]);
    for (let k = 0; k < this.n; k++) {
      e = transfer(
        e,
        this.sites[k]!,
        this.dims[k]!,
        this.dims[k + 1]!,
        other.sites[k]!,
        other.dims[k]!,
        other.dims[k + 1]!,
        null,
      );
    }
    return [e[0]!, e[1]!];
  }

  /** <psi|psi>: the center tensor's squared norm when the form is known. */
  norm2(): number {
    if (this.center < 0) return this.inner(this).at(0)!;
    const a = this.sites[this.center]!;
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i]! * a[i]!;
    return sum;
  }

  /**
   * <psi|P|psi> for the operator `ops[k]` (a 2 x 2 matrix, or null for the identity) on each
   * site of lo..hi, identity elsewhere: with the center moved to lo, the isometries on either side
   * contract to identities, so only sites lo..hi are touched.
   */
  localExpectation(lo: number, hi: number, ops: (Float64Array | null)[]): [number, number] {
    this.moveCenter(lo);
    const d = this.dims[lo]!;
    let e: Float64Array = new Float64Array(2 * d * d);
    for (let j = 0; j < d; j++) e[2 * (j * d + j)] = 1;
    for (let k = lo; k <= hi; k++) {
      const a = this.sites[k]!;
      e = transfer(
        e,
        a,
        this.dims[k]!,
        this.dims[k + 1]!,
        a,
        this.dims[k]!,
        this.dims[k + 1]!,
        ops[k - lo]!,
      );
    }
    const dr = this.dims[hi + 1]!;
    let re = 0;
    let im = 0;
    for (let j = 0; j < dr; j++) {
      re += e[2 * (j * dr + j)]!;
      im += e[2 * (j * dr + j) + 1]!;
    }
    return [re, im];
  }

  /**
   * The von Neumann entropy (natural log) of the Schmidt spectrum at every cut k | k + 1,
   * normalized; leaves the center on the last site.
   */
  entanglementEntropies(): Float64Array {
    const out = new Float64Array(Math.max(this.n - 1, 0));
    this.moveCenter(0);
    for (let k = 0; k < this.n - 1; k++) {
      const dl = this.dims[k]!;
      const dr = this.dims[k + 1]!;
      const f = svd(this.sites[k]!, dl * 2, dr);
      let total = 0;
      for (let j = 0; j < f.k; j++) total += f.s[j]! ** 2;
      let h = 0;
      for (let j = 0; j < f.k; j++) {
        const p = f.s[j]! ** 2 / total;
        if (p > 0) h -= p * Math.log(p);
      }
      out[k] = h;
      this.moveCenter(k + 1);
    }
    return out;
  }
}

/** Whether `limits` asks for no truncation at all. */
function isExact(limits: TruncationLimits): boolean {
  return limits.cutoff === 0 && limits.maxBond === Number.POSITIVE_INFINITY;
}

/** The SWAP gate. */
const SWAP = new Float64Array([
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
]);

/** The same 2-qubit gate with its two targets exchanged (bits of the row and column swapped). * @example
 * swapTargets(cnot01); // the CNOT with control 1, target 0
 */
export function swapTargets(g: Float64Array): Float64Array {
  const p = [0, 2, 1, 3];
  const out = new Float64Array(32);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      out[2 * (p[r]! * 4 + p[c]!)] = g[2 * (r * 4 + c)]!;
      out[2 * (p[r]! * 4 + p[c]!) + 1] = g[2 * (r * 4 + c) + 1]!;
    }
  }
  return out;
}

/**
 * E'[a', b'] = sum_{s,t} op[s][t] conj(A[a, s, a']) E[a, b] B[b, t, b'] (op null = identity):
 * one step of a transfer-matrix contraction of <A|op|B>; E is da x db, the result da' x db'.
 * @example
 * let e = transfer(new Float64Array([1, 0]), a.sites[0], 1, a.dims[1], b.sites[0], 1, b.dims[1], null);
 */
export function transfer(
  e: Float64Array,
  a: Float64Array,
  dal: number,
  dar: number,
  b: Float64Array,
  dbl: number,
  dbr: number,
  op: Float64Array | null,
): Float64Array {
  const out = new Float64Array(2 * dar * dbr);
  for (let t = 0; t < 2; t++) {
    // X[a, b'] = sum_b E[a, b] B[b, t, b']
    let x: Float64Array | undefined;
    for (let s = 0; s < 2; s++) {
      const wr = op === null ? (s === t ? 1 : 0) : op[2 * (s * 2 + t)]!;
      const wi = op === null ? 0 : op[2 * (s * 2 + t) + 1]!;
      if (wr === 0 && wi === 0) continue;
      x ??= eTimesSlice(e, dal, dbl, b, t, dbr);
      // out[a', b'] += w sum_a conj(A[a, s, a']) X[a, b']
      for (let al = 0; al < dal; al++) {
        const ao = 2 * (al * 2 + s) * dar;
        const xo = 2 * al * dbr;
        for (let ar = 0; ar < dar; ar++) {
          const cr = a[ao + 2 * ar]!;
          const ci = -a[ao + 2 * ar + 1]!;
          if (cr === 0 && ci === 0) continue;
          // (w * conj(A))
          const mr = wr * cr - wi * ci;
          const mi = wr * ci + wi * cr;
          const oo = 2 * ar * dbr;
          for (let br = 0; br < dbr; br++) {
            const xr = x[xo + 2 * br]!;
            const xi = x[xo + 2 * br + 1]!;
            out[oo + 2 * br]! += mr * xr - mi * xi;
            out[oo + 2 * br + 1]! += mr * xi + mi * xr;
          }
        }
      }
    }
  }
  return out;
}

/** X[a, b'] = sum_b E[a, b] B[b, t, b'] for E da x db and B [db, 2, dbr]. */
function eTimesSlice(
  e: Float64Array,
  da: number,
  db: number,
  b: Float64Array,
  t: number,
  dbr: number,
): Float64Array {
  const x = new Float64Array(2 * da * dbr);
  for (let i = 0; i < da; i++) {
    for (let j = 0; j < db; j++) {
      const er = e[2 * (i * db + j)]!;
      const ei = e[2 * (i * db + j) + 1]!;
      if (er === 0 && ei === 0) continue;
      const bo = 2 * (j * 2 + t) * dbr;
      const xo = 2 * i * dbr;
      for (let r = 0; r < dbr; r++) {
        const br = b[bo + 2 * r]!;
        const bi = b[bo + 2 * r + 1]!;
        x[xo + 2 * r]! += er * br - ei * bi;
        x[xo + 2 * r + 1]! += er * bi + ei * br;
      }
    }
  }
  return x;
}

/** C = A B for A m x k and B k x n (interleaved complex, row-major). * @example
 * matmul(new Float64Array([1, 0, 0, 1]), new Float64Array([2, 0]), 1, 2, 1); // [2, 0]: 1*2 + i*0
 */
export function matmul(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  const c = new Float64Array(2 * m * n);
  for (let i = 0; i < m; i++) {
    const co = 2 * i * n;
    for (let p = 0; p < k; p++) {
      const ar = a[2 * (i * k + p)]!;
      const ai = a[2 * (i * k + p) + 1]!;
      if (ar === 0 && ai === 0) continue;
      const bo = 2 * p * n;
      for (let j = 0; j < n; j++) {
        const br = b[bo + 2 * j]!;
        const bi = b[bo + 2 * j + 1]!;
        c[co + 2 * j]! += ar * br - ai * bi;
        c[co + 2 * j + 1]! += ar * bi + ai * br;
      }
    }
  }
  return c;
}

/** diag(s[0..k)) times the first k rows of the k' x n matrix x. */
function scaleRows(x: Float64Array, s: Float64Array, k: number, n: number): Float64Array {
  const out = new Float64Array(2 * k * n);
  for (let i = 0; i < k; i++) {
    const si = s[i]!;
    for (let j = 0; j < 2 * n; j++) out[2 * i * n + j] = x[2 * i * n + j]! * si;
  }
  return out;
}

/** The first k columns of the m x kk matrix u, each times s[j]. */
function scaleColumns(
  u: Float64Array,
  s: Float64Array,
  m: number,
  kk: number,
  k: number,
): Float64Array {
  const out = new Float64Array(2 * m * k);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      out[2 * (i * k + j)] = u[2 * (i * kk + j)]! * s[j]!;
      out[2 * (i * k + j) + 1] = u[2 * (i * kk + j) + 1]! * s[j]!;
    }
  }
  return out;
}

/** The first k columns of the m x kk matrix u. */
function keepColumns(u: Float64Array, m: number, kk: number, k: number): Float64Array {
  if (k === kk) return u;
  const out = new Float64Array(2 * m * k);
  for (let i = 0; i < m; i++) out.set(u.subarray(2 * i * kk, 2 * i * kk + 2 * k), 2 * i * k);
  return out;
}

/**
 * a * A + b * B as one MPS of bond dims dA + dB (a direct sum; exact, canonical form unknown):
 * the first site is the row [a A_0, b B_0], the last the column [A_last; B_last], the middle ones
 * block diagonal.
 * @example
 * const psi = mpsSum(Mps.zero(3), [Math.SQRT1_2, 0], flipped, [Math.SQRT1_2, 0]);
 */
export function mpsSum(x: Mps, cx: [number, number], y: Mps, cy: [number, number]): Mps {
  const n = x.n;
  if (n === 1) {
    const s = new Float64Array(4);
    for (let i = 0; i < 4; i += 2) {
      const a = x.sites[0]!;
      const b = y.sites[0]!;
      s[i] = cx[0] * a[i]! - cx[1] * a[i + 1]! + cy[0] * b[i]! - cy[1] * b[i + 1]!;
      s[i + 1] = cx[0] * a[i + 1]! + cx[1] * a[i]! + cy[0] * b[i + 1]! + cy[1] * b[i]!;
    }
    return new Mps([s], [1, 1], 0);
  }
  const dims = [1];
  for (let k = 1; k < n; k++) dims.push(x.dims[k]! + y.dims[k]!);
  dims.push(1);
  const sites: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const dl = dims[k]!;
    const dr = dims[k + 1]!;
    const out = new Float64Array(2 * dl * 2 * dr);
    const place = (src: Mps, c: [number, number], offL: number, offR: number): void => {
      const a = src.sites[k]!;
      const sl = src.dims[k]!;
      const sr = src.dims[k + 1]!;
      for (let l = 0; l < sl; l++) {
        for (let s = 0; s < 2; s++) {
          for (let r = 0; r < sr; r++) {
            const i = 2 * ((l * 2 + s) * sr + r);
            const o = 2 * (((l + offL) * 2 + s) * dr + r + offR);
            out[o] = c[0] * a[i]! - c[1] * a[i + 1]!;
            out[o + 1] = c[0] * a[i + 1]! + c[1] * a[i]!;
          }
        }
      }
    };
    const one: [number, number] = [1, 0];
    place(x, k === 0 ? cx : one, 0, 0);
    place(y, k === 0 ? cy : one, k === 0 ? 0 : x.dims[k]!, k === n - 1 ? 0 : x.dims[k + 1]!);
    sites.push(out);
  }
  const m = new Mps(sites, dims, -1);
  m.truncationError = Math.max(x.truncationError, y.truncationError);
  return m;
}
