/**
 * Small dense linear algebra for the model-based optimizers: a matrix inverse and a linear
 * program solved by the simplex method. Sizes are the number of parameters and constraints of an
 * optimization (tens), so plain row-major Float64Arrays and O(n^3) elimination are right.
 */

/**
 * The inverse of the n x n row-major matrix `a` (Gauss-Jordan with partial pivoting), or null
 * when a pivot is below `tiny` times the largest entry (numerically singular).
 * @example
 * invertMatrix(new Float64Array([2, 0, 0, 4]), 2); // [0.5, 0, 0, 0.25]
 */
export function invertMatrix(a: Float64Array, n: number, tiny = 1e-13): Float64Array | null {
  const m = a.slice();
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return null;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r * n + col]!) > Math.abs(m[piv * n + col]!)) piv = r;
    }
    const p = m[piv * n + col]!;
    if (Math.abs(p) <= tiny * scale) return null;
    if (piv !== col) swapRows(m, inv, n, piv, col);
    for (let k = 0; k < n; k++) {
      m[col * n + k] = m[col * n + k]! / p;
      inv[col * n + k] = inv[col * n + k]! / p;
    }
    for (let r = 0; r < n; r++) {
      const factor = m[r * n + col]!;
      if (r === col || factor === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r * n + k] = m[r * n + k]! - factor * m[col * n + k]!;
        inv[r * n + k] = inv[r * n + k]! - factor * inv[col * n + k]!;
      }
    }
  }
  return inv;
}

function swapRows(m: Float64Array, inv: Float64Array, n: number, i: number, j: number): void {
  for (let k = 0; k < n; k++) {
    const t = m[i * n + k]!;
    m[i * n + k] = m[j * n + k]!;
    m[j * n + k] = t;
    const u = inv[i * n + k]!;
    inv[i * n + k] = inv[j * n + k]!;
    inv[j * n + k] = u;
  }
}

/**
 * Maximizes c . x subject to A x <= b and x >= 0, for b >= 0 (so x = 0 is feasible and the
 * slack basis starts the simplex method; no phase one). A is row-major, rows x nVars. Bland's
 * rule (smallest index enters and leaves) avoids cycling. Returns x, or null when unbounded.
 * @example
 * // max x + y, x <= 1, y <= 2
 * maximizeLinear(new Float64Array([1, 1]), new Float64Array([1, 0, 0, 1]), new Float64Array([1, 2])); // [1, 2]
 */
export function maximizeLinear(
  c: Float64Array,
  a: Float64Array,
  b: Float64Array,
): Float64Array | null {
  const nVars = c.length;
  const rows = b.length;
  const width = nVars + rows + 1; // variables, slacks, right-hand side
  const t = new Float64Array((rows + 1) * width);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < nVars; j++) t[r * width + j] = a[r * nVars + j]!;
    t[r * width + nVars + r] = 1;
    t[r * width + width - 1] = b[r]!;
  }
  const obj = rows * width; // reduced costs: -c for the variables
  for (let j = 0; j < nVars; j++) t[obj + j] = -c[j]!;
  const basis = Int32Array.from({ length: rows }, (_, r) => nVars + r);
  const eps = 1e-12;
  for (let iter = 0; iter < 50 * (rows + nVars) + 100; iter++) {
    let enter = -1;
    for (let j = 0; j < width - 1; j++) {
      if (t[obj + j]! < -eps) {
        enter = j;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1;
    let bestRatio = Number.POSITIVE_INFINITY;
    for (let r = 0; r < rows; r++) {
      const coef = t[r * width + enter]!;
      if (coef <= eps) continue;
      const ratio = t[r * width + width - 1]! / coef;
      if (
        ratio < bestRatio - eps ||
        (Math.abs(ratio - bestRatio) <= eps && basis[r]! < basis[leave]!)
      ) {
        bestRatio = ratio;
        leave = r;
      }
    }
    if (leave < 0) return null;
    pivot(t, width, rows + 1, leave, enter);
    basis[leave] = enter;
  }
  const x = new Float64Array(nVars);
  for (let r = 0; r < rows; r++) if (basis[r]! < nVars) x[basis[r]!] = t[r * width + width - 1]!;
  return x;
}

function pivot(t: Float64Array, width: number, height: number, row: number, col: number): void {
  const p = t[row * width + col]!;
  for (let k = 0; k < width; k++) t[row * width + k] = t[row * width + k]! / p;
  for (let r = 0; r < height; r++) {
    const factor = t[r * width + col]!;
    if (r === row || factor === 0) continue;
    for (let k = 0; k < width; k++)
      t[r * width + k] = t[r * width + k]! - factor * t[row * width + k]!;
  }
}
