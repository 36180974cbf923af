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
  if (m >= n) return columnSvd(a, m, n, false);
  // A = (A^dagger)^dagger: the SVD of the n x m adjoint, factors swapped
  const r = columnSvd(a, n, m, true);
  return { u: adjointOf(r.vh, r.k, m), s: r.s, vh: adjointOf(r.u, n, r.k), k: r.k };
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

/** The adjoint (conjugate transpose) of the rows x cols matrix `x`. */
function adjointOf(x: Float64Array, rows: number, cols: number): Float64Array {
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
