/**
 * The complex singular value decomposition of the MPS backend: one-sided (Hestenes) Jacobi.
 * No registry library does a complex SVD in plain TypeScript (numeric.js, ml-matrix and svd-js
 * are real only), and a two-site MPS update needs one of a (2 chi) x (2 chi) complex matrix per
 * gate. One-sided Jacobi rotates pairs of columns until they are orthogonal: simple, and accurate
 * to the last digits even for tiny singular values, which is what truncation decisions need.
 */

/** A = U diag(S) Vh with U m x k and Vh k x n (interleaved complex, row-major), S descending. */
export interface Svd {
  /** The left singular vectors: m x k, interleaved, row-major. */
  readonly u: Float64Array;
  /** The singular values, descending (length k). */
  readonly s: Float64Array;
  /** The right singular vectors conjugated: k x n, interleaved, row-major. */
  readonly vh: Float64Array;
  /** How many singular values were kept. */
  readonly k: number;
}

/** Singular values below this fraction of the largest are rounding noise and always dropped. */
export const NOISE_FLOOR = 1e-14;
const MAX_SWEEPS = 80;
const ORTHOGONAL = 1e-15;

/**
 * The SVD of the m x n complex matrix `a` (interleaved, row-major; not modified), keeping only the
 * singular values above `NOISE_FLOOR` times the largest (a zero matrix keeps one, 0).
 * @example
 * svd(new Float64Array([3, 0, 0, 0, 0, 0, 4, 0]), 2, 2).s; // [4, 3]
 */
export function svd(a: Float64Array, m: number, n: number): Svd {
  if (m >= n) return tallSvd(a, m, n);
  // A = (A^dagger)^dagger: the SVD of the n x m adjoint, factors swapped
  const r = tallSvd(adjointOf(a, m, n), n, m);
  return { u: adjointOf(r.vh, r.k, m), s: r.s, vh: adjointOf(r.u, n, r.k), k: r.k };
}

/**
 * The SVD of a tall m x n matrix (m >= n), preconditioned as Drmac and Veselic do: a QR
 * decomposition with column pivoting, A P = Q R, reveals the rank r (the rows of R below
 * rounding are dropped), and one-sided Jacobi on the n x r matrix R^dagger, which is close to
 * orthogonal columns already, converges in a few sweeps. Then A = (Q V) S U^dagger P^T.
 */
function tallSvd(a: Float64Array, m: number, n: number): Svd {
  const qr = pivotedQr(a, m, n, RANK_FLOOR);
  const rank = qr.rank;
  if (rank === 0) {
    // the zero matrix: one singular value 0 with unit vectors
    const u = new Float64Array(2 * m);
    const vh = new Float64Array(2 * n);
    u[0] = 1;
    vh[0] = 1;
    return { u, s: new Float64Array(1), vh, k: 1 };
  }
  // B = R^dagger is n x rank: the Jacobi SVD of B = Ub S Vbh
  const b = columnSvd(qr.r, n, rank, true);
  const k = b.k;
  // U = Q Vb (m x k), Vb = Vbh^dagger (rank x k)
  const u = new Float64Array(2 * m * k);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < k; c++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < rank; j++) {
        const qr_ = qr.q[2 * (i * rank + j)]!;
        const qi = qr.q[2 * (i * rank + j) + 1]!;
        const vr = b.vh[2 * (c * rank + j)]!;
        const vi = -b.vh[2 * (c * rank + j) + 1]!;
        re += qr_ * vr - qi * vi;
        im += qr_ * vi + qi * vr;
      }
      u[2 * (i * k + c)] = re;
      u[2 * (i * k + c) + 1] = im;
    }
  }
  // Vh = Ub^dagger P^T: Vh[c][perm[j]] = conj(Ub[j][c])
  const vh = new Float64Array(2 * k * n);
  for (let j = 0; j < n; j++) {
    const col = qr.perm[j]!;
    for (let c = 0; c < k; c++) {
      vh[2 * (c * n + col)] = b.u[2 * (j * k + c)]!;
      vh[2 * (c * n + col) + 1] = -b.u[2 * (j * k + c) + 1]!;
    }
  }
  return { u, s: b.s, vh, k };
}

/**
 * A = Q R with Q m x r orthonormal columns and r the numerical rank (pivots below `NOISE_FLOOR`
 * of the first dropped, as the SVD drops its noise), by Householder QR with column pivoting:
 * what an MPS update needs when nothing is truncated, several times cheaper than an SVD.
 * @example
 * isometricSplit(new Float64Array([0, 0, 2, 0]), 2, 1).r; // [2, 0] up to a phase
 */
export function isometricSplit(
  a: Float64Array,
  m: number,
  n: number,
): { q: Float64Array; r: Float64Array; rank: number } {
  const f = pivotedQr(a, m, n, NOISE_FLOOR);
  if (f.rank === 0) {
    const q = new Float64Array(2 * m);
    q[0] = 1;
    return { q, r: new Float64Array(2 * n), rank: 1 };
  }
  // R P^T: column j of the pivoted R is column perm[j] of A
  const r = new Float64Array(2 * f.rank * n);
  for (let i = 0; i < f.rank; i++) {
    for (let j = 0; j < n; j++) {
      r[2 * (i * n + f.perm[j]!)] = f.r[2 * (i * n + j)]!;
      r[2 * (i * n + f.perm[j]!) + 1] = f.r[2 * (i * n + j) + 1]!;
    }
  }
  return { q: f.q, r, rank: f.rank };
}

/** Below this fraction of the first pivot, the remaining columns are rounding noise. */
const RANK_FLOOR = 1e-16;

/**
 * Householder QR with column pivoting of the m x n matrix a: A P = Q R with Q m x rank
 * (orthonormal columns) and R rank x n (upper trapezoidal, columns in pivoted order), both
 * row-major interleaved; perm[j] is the column of A in position j. Columns whose remaining norm
 * is below `floor` times the first pivot end the factorization (they set the rank).
 */
function pivotedQr(
  a: Float64Array,
  m: number,
  n: number,
  floor: number,
): { q: Float64Array; r: Float64Array; rank: number; perm: Int32Array } {
  const w = new Float64Array(2 * m * n); // column-major working copy
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      w[2 * (j * m + i)] = a[2 * (i * n + j)]!;
      w[2 * (j * m + i) + 1] = a[2 * (i * n + j) + 1]!;
    }
  }
  const perm = Int32Array.from({ length: n }, (_, j) => j);
  const vs: Float64Array[] = [];
  const diag: [number, number][] = [];
  let first = 0;
  let rank = 0;
  for (let k = 0; k < n; k++) {
    // the remaining column of largest norm (rows k..m-1)
    let best = -1;
    let bestNorm = -1;
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = 2 * (j * m + k); i < 2 * (j * m + m); i++) s += w[i]! * w[i]!;
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    const norm = Math.sqrt(bestNorm);
    if (k === 0) first = norm;
    if (!(norm > floor * first) || norm === 0) break;
    if (best !== k) {
      for (let i = 0; i < 2 * m; i++) {
        const t = w[2 * k * m + i]!;
        w[2 * k * m + i] = w[2 * best * m + i]!;
        w[2 * best * m + i] = t;
      }
      const t = perm[k]!;
      perm[k] = perm[best]!;
      perm[best] = t;
    }
    // v = x - alpha e1 with alpha = -phase(x0) |x|, so that H x = alpha e1
    const len = m - k;
    const v = new Float64Array(2 * len);
    v.set(w.subarray(2 * (k * m + k), 2 * (k * m + m)));
    const x0 = Math.hypot(v[0]!, v[1]!);
    const pr = x0 > 0 ? v[0]! / x0 : 1;
    const pi = x0 > 0 ? v[1]! / x0 : 0;
    const ar = -pr * norm;
    const ai = -pi * norm;
    v[0]! -= ar;
    v[1]! -= ai;
    let vn = 0;
    for (let i = 0; i < 2 * len; i++) vn += v[i]! * v[i]!;
    for (let j = k; j < n; j++) reflect(w, 2 * (j * m + k), v, vn);
    vs.push(v);
    diag.push([ar, ai]);
    rank++;
  }
  const r = new Float64Array(2 * rank * n);
  for (let i = 0; i < rank; i++) {
    for (let j = i; j < n; j++) {
      r[2 * (i * n + j)] = w[2 * (j * m + i)]!;
      r[2 * (i * n + j) + 1] = w[2 * (j * m + i) + 1]!;
    }
  }
  // Q = H_0 ... H_{rank-1} [I; 0], column by column (column-major, then row-major out)
  const qc = new Float64Array(2 * m * rank);
  for (let c = 0; c < rank; c++) {
    qc[2 * (c * m + c)] = 1;
    for (let k = Math.min(c, rank - 1); k >= 0; k--) {
      const v = vs[k]!;
      let vn = 0;
      for (let i = 0; i < v.length; i++) vn += v[i]! * v[i]!;
      reflect(qc, 2 * (c * m + k), v, vn);
    }
  }
  const q = new Float64Array(2 * m * rank);
  for (let i = 0; i < m; i++) {
    for (let c = 0; c < rank; c++) {
      q[2 * (i * rank + c)] = qc[2 * (c * m + i)]!;
      q[2 * (i * rank + c) + 1] = qc[2 * (c * m + i) + 1]!;
    }
  }
  return { q, r, rank, perm };
}

/** y <- (I - 2 v v^dagger / |v|^2) y for the column segment y at offset `o` (length of v). */
function reflect(x: Float64Array, o: number, v: Float64Array, vn: number): void {
  if (vn === 0) return;
  let dr = 0;
  let di = 0;
  for (let i = 0; i < v.length; i += 2) {
    const vr = v[i]!;
    const vi = v[i + 1]!;
    const yr = x[o + i]!;
    const yi = x[o + i + 1]!;
    dr += vr * yr + vi * yi;
    di += vr * yi - vi * yr;
  }
  const fr = (2 * dr) / vn;
  const fi = (2 * di) / vn;
  for (let i = 0; i < v.length; i += 2) {
    const vr = v[i]!;
    const vi = v[i + 1]!;
    x[o + i]! -= vr * fr - vi * fi;
    x[o + i + 1]! -= vr * fi + vi * fr;
  }
}

/**
 * One-sided Jacobi on the columns of B (m x n, m >= n), B = `a` or, with `adjoint`, the adjoint of
 * the n x m matrix `a`. Columns are stored contiguously (column-major) for the rotations.
 */
function columnSvd(a: Float64Array, m: number, n: number, adjoint: boolean): Svd {
  const w = new Float64Array(2 * m * n); // B, column j at 2 m j
  if (adjoint) {
    // B[i][j] = conj(a[j][i]), a is n x m
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) {
        w[2 * (j * m + i)] = a[2 * (j * m + i)]!;
        w[2 * (j * m + i) + 1] = -a[2 * (j * m + i) + 1]!;
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        w[2 * (j * m + i)] = a[2 * (i * n + j)]!;
        w[2 * (j * m + i) + 1] = a[2 * (i * n + j) + 1]!;
      }
    }
  }
  const v = new Float64Array(2 * n * n); // V, column j at 2 n j
  for (let j = 0; j < n; j++) v[2 * (j * n + j)] = 1;
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = columnNorm2(w, m, j);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = norms[p]!;
        const beta = norms[q]!;
        if (!(alpha > 0 && beta > 0)) continue;
        // gamma = <b_p, b_q>
        let gr = 0;
        let gi = 0;
        const op = 2 * m * p;
        const oq = 2 * m * q;
        for (let i = 0; i < 2 * m; i += 2) {
          const pr = w[op + i]!;
          const pi = w[op + i + 1]!;
          const qr = w[oq + i]!;
          const qi = w[oq + i + 1]!;
          gr += pr * qr + pi * qi;
          gi += pr * qi - pi * qr;
        }
        const g = Math.hypot(gr, gi);
        if (!(g > ORTHOGONAL * Math.sqrt(alpha * beta))) continue;
        rotated = true;
        // the real Jacobi rotation of [[alpha, g], [g, beta]], with the phase of gamma on column q
        const zeta = (beta - alpha) / (2 * g);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        const er = gr / g; // e = conj(gamma) / |gamma|
        const ei = -gi / g;
        rotate(w, m, op, oq, c, s, er, ei);
        rotate(v, n, 2 * n * p, 2 * n * q, c, s, er, ei);
        norms[p] = Math.max(alpha - t * g, 0);
        norms[q] = beta + t * g;
      }
    }
    // the running norms drift: refresh them once per sweep
    for (let j = 0; j < n; j++) norms[j] = columnNorm2(w, m, j);
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y]! - norms[x]!);
  const smax = Math.sqrt(norms[order[0]!]!);
  let k = 0;
  while (k < n && Math.sqrt(norms[order[k]!]!) > NOISE_FLOOR * smax) k++;
  if (k === 0) k = 1;
  const u = new Float64Array(2 * m * k);
  const sv = new Float64Array(k);
  const vh = new Float64Array(2 * k * n);
  for (let c = 0; c < k; c++) {
    const j = order[c]!;
    const sj = Math.sqrt(norms[j]!);
    sv[c] = sj;
    const inv = sj > 0 ? 1 / sj : 0;
    for (let i = 0; i < m; i++) {
      u[2 * (i * k + c)] = w[2 * (j * m + i)]! * inv;
      u[2 * (i * k + c) + 1] = w[2 * (j * m + i) + 1]! * inv;
    }
    if (sj === 0) u[0] = 1; // a zero matrix: any unit vector
    for (let i = 0; i < n; i++) {
      vh[2 * (c * n + i)] = v[2 * (j * n + i)]!;
      vh[2 * (c * n + i) + 1] = -v[2 * (j * n + i) + 1]!;
    }
  }
  return { u, s: sv, vh, k };
}

/** Columns p, q (offsets op, oq, length len) <- (c x_p - s e x_q, s x_p + c e x_q). */
function rotate(
  x: Float64Array,
  len: number,
  op: number,
  oq: number,
  c: number,
  s: number,
  er: number,
  ei: number,
): void {
  for (let i = 0; i < 2 * len; i += 2) {
    const pr = x[op + i]!;
    const pi = x[op + i + 1]!;
    const qr = x[oq + i]!;
    const qi = x[oq + i + 1]!;
    const eqr = er * qr - ei * qi;
    const eqi = er * qi + ei * qr;
    x[op + i] = c * pr - s * eqr;
    x[op + i + 1] = c * pi - s * eqi;
    x[oq + i] = s * pr + c * eqr;
    x[oq + i + 1] = s * pi + c * eqi;
  }
}

function columnNorm2(w: Float64Array, m: number, j: number): number {
  let sum = 0;
  for (let i = 2 * m * j; i < 2 * m * (j + 1); i++) sum += w[i]! * w[i]!;
  return sum;
}

/**
 * The adjoint (conjugate transpose) of the rows x cols matrix `x` (interleaved, row-major).
 * @example
 * adjointOf(new Float64Array([1, 2, 3, 4]), 1, 2); // [1, -2, 3, -4] as a 2 x 1 column
 */
export function adjointOf(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(2 * rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[2 * (j * rows + i)] = x[2 * (i * cols + j)]!;
      out[2 * (j * rows + i) + 1] = -x[2 * (i * cols + j) + 1]!;
    }
  }
  return out;
}

/** How many of the descending singular values `s` to keep, and the weight dropped. */
export interface Truncation {
  /** Kept values. */
  readonly keep: number;
  /** Sum of the dropped s^2 over the sum of all s^2 (0 when nothing is dropped). */
  readonly discarded: number;
}

/**
 * The fewest singular values whose dropped weight (sum of s^2 of the rest, relative to the
 * total) is at most `cutoff`, and at most `maxBond` of them.
 * @example
 * truncation(new Float64Array([1, 1e-3]), Infinity, 1e-4).keep; // 1
 */
export function truncation(s: Float64Array, maxBond: number, cutoff: number): Truncation {
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i]! * s[i]!;
  let keep = s.length;
  let dropped = 0;
  // drop from the smallest while the dropped weight stays within the cutoff
  while (keep > 1 && dropped + s[keep - 1]! ** 2 <= cutoff * total) {
    dropped += s[keep - 1]! ** 2;
    keep--;
  }
  while (keep > maxBond) {
    dropped += s[keep - 1]! ** 2;
    keep--;
  }
  return { keep, discarded: total > 0 ? dropped / total : 0 };
}
