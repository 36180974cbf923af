/**
 * Small dense complex linear algebra for gate matrices, tests and small Hamiltonians.
 *
 * Every matrix is a `Float64Array` of interleaved (re, im) pairs, row-major, `d x d` complex
 * entries (length `2 * d * d`). These helpers are for small `d` (gates, <= 2^6 in tests); the state
 * vector kernels live in the backends.
 */
import { type ComplexLike, isComplexLike } from "../complex.js";
import { ArgumentError, ConvergenceError, describe, ShapeError } from "../errors.js";

/** A complex scalar as a (re, im) pair. */
export type ComplexPair = readonly [number, number];

/**
 * The dimension `d` of a `d x d` interleaved complex matrix, validated.
 * @example
 * matrixDim(identity(4)); // 4
 */
export function matrixDim(m: Float64Array, argName = "matrix"): number {
  if (!(m instanceof Float64Array)) {
    throw new ArgumentError(
      `${argName}: expected an interleaved complex Float64Array matrix, got ${describe(m)}`,
    );
  }
  const d = Math.round(Math.sqrt(m.length / 2));
  if (2 * d * d !== m.length || d === 0) {
    throw new ShapeError(
      `${argName}: length ${m.length} is not 2 * d * d for a square interleaved complex matrix`,
    );
  }
  return d;
}

/**
 * The `d x d` identity.
 * @example
 * identity(2); // Float64Array [1, 0, 0, 0, 0, 0, 1, 0]
 */
export function identity(d: number): Float64Array {
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) out[2 * (i * d + i)] = 1;
  return out;
}

/**
 * A complex matrix from nested rows whose entries are real numbers, (re, im) pairs
 * (`[re, im][][]`) or complex `{ re, im }` values (complex.js `Complex`).
 * @example
 * fromRows([[0, 1], [1, 0]]); // the Pauli X matrix
 * fromRows([[[0, 0], [0, -1]], [[0, 1], [0, 0]]]); // Pauli Y
 * fromRows([[0, new Complex(0, -1)], [new Complex(0, 1), 0]]); // Pauli Y
 */
export function fromRows(
  rows: readonly (readonly (number | ComplexPair | ComplexLike)[])[],
): Float64Array {
  if (!Array.isArray(rows))
    throw new ArgumentError(`fromRows: rows must be an array of rows, got ${describe(rows)}`);
  const d = rows.length;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    const row = rows[i]!;
    if (!Array.isArray(row))
      throw new ArgumentError(`fromRows: row ${i} must be an array, got ${describe(row)}`);
    if (row.length !== d) {
      throw new ShapeError(`fromRows: row ${i} has ${row.length} entries, expected ${d} (square)`);
    }
    for (let j = 0; j < d; j++) {
      const v = row[j]!;
      if (typeof v === "number") out[2 * (i * d + j)] = v;
      else if (isComplexLike(v)) {
        out[2 * (i * d + j)] = v.re;
        out[2 * (i * d + j) + 1] = v.im;
      } else {
        out[2 * (i * d + j)] = v[0];
        out[2 * (i * d + j) + 1] = v[1];
      }
    }
  }
  return out;
}

/**
 * The product `a b` of two `d x d` complex matrices.
 * @example
 * matmul(x, x); // identity(2) for the Pauli X matrix x
 */
export function matmul(a: Float64Array, b: Float64Array): Float64Array {
  const d = matrixDim(a, "a");
  if (b.length !== a.length)
    throw new ShapeError(`matmul: b has length ${b.length}, expected ${a.length}`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const ar = a[2 * (i * d + k)]!;
      const ai = a[2 * (i * d + k) + 1]!;
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < d; j++) {
        const br = b[2 * (k * d + j)]!;
        const bi = b[2 * (k * d + j) + 1]!;
        out[2 * (i * d + j)] += ar * br - ai * bi;
        out[2 * (i * d + j) + 1] += ar * bi + ai * br;
      }
    }
  }
  return out;
}

/**
 * The matrix-vector product `m v` (v interleaved complex of length 2d).
 * @example
 * matvec(identity(2), new Float64Array([1, 0, 0, 0]));
 */
export function matvec(m: Float64Array, v: Float64Array): Float64Array {
  const d = matrixDim(m);
  if (v.length !== 2 * d)
    throw new ShapeError(`matvec: vector has length ${v.length}, expected ${2 * d}`);
  const out = new Float64Array(2 * d);
  for (let i = 0; i < d; i++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < d; j++) {
      const mr = m[2 * (i * d + j)]!;
      const mi = m[2 * (i * d + j) + 1]!;
      const vr = v[2 * j]!;
      const vi = v[2 * j + 1]!;
      re += mr * vr - mi * vi;
      im += mr * vi + mi * vr;
    }
    out[2 * i] = re;
    out[2 * i + 1] = im;
  }
  return out;
}

/**
 * The conjugate transpose.
 * @example
 * dagger(s); // S^dagger for the S gate matrix s
 */
export function dagger(a: Float64Array): Float64Array {
  const d = matrixDim(a);
  const out = new Float64Array(a.length);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      out[2 * (j * d + i)] = a[2 * (i * d + j)]!;
      out[2 * (j * d + i) + 1] = -a[2 * (i * d + j) + 1]!;
    }
  }
  return out;
}

/**
 * The Kronecker product `a (x) b`; `a`'s index is the more significant one.
 * @example
 * kron(x, identity(2)); // X on qubit 0 of two qubits
 */
export function kron(a: Float64Array, b: Float64Array): Float64Array {
  const da = matrixDim(a, "a");
  const db = matrixDim(b, "b");
  const d = da * db;
  const out = new Float64Array(2 * d * d);
  for (let i1 = 0; i1 < da; i1++) {
    for (let j1 = 0; j1 < da; j1++) {
      const ar = a[2 * (i1 * da + j1)]!;
      const ai = a[2 * (i1 * da + j1) + 1]!;
      if (ar === 0 && ai === 0) continue;
      for (let i2 = 0; i2 < db; i2++) {
        for (let j2 = 0; j2 < db; j2++) {
          const br = b[2 * (i2 * db + j2)]!;
          const bi = b[2 * (i2 * db + j2) + 1]!;
          const idx = 2 * ((i1 * db + i2) * d + (j1 * db + j2));
          out[idx] = ar * br - ai * bi;
          out[idx + 1] = ar * bi + ai * br;
        }
      }
    }
  }
  return out;
}

/**
 * `s * a` for a complex scalar `s`.
 * @example
 * scaleMatrix(identity(2), [0, 1]); // i * I
 */
export function scaleMatrix(a: Float64Array, s: ComplexPair): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i += 2) {
    out[i] = a[i]! * s[0] - a[i + 1]! * s[1];
    out[i + 1] = a[i]! * s[1] + a[i + 1]! * s[0];
  }
  return out;
}

/**
 * `a + b` entry-wise.
 * @example
 * addMatrices(identity(2), identity(2));
 */
export function addMatrices(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length !== b.length)
    throw new ShapeError(`addMatrices: lengths ${a.length} and ${b.length} differ`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

/**
 * The largest absolute entry-wise difference |a_i - b_i| (over complex entries).
 * @example
 * maxAbsDiff(matmul(u, dagger(u)), identity(2)) < 1e-12;
 */
export function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length)
    throw new ShapeError(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`);
  let worst = 0;
  for (let i = 0; i < a.length; i += 2) {
    const dr = a[i]! - b[i]!;
    const di = a[i + 1]! - b[i + 1]!;
    const v = Math.hypot(dr, di);
    if (v > worst || Number.isNaN(v)) worst = v;
  }
  return worst;
}

/**
 * Whether `u u^dagger = I` to `tol` (max entry-wise).
 * @example
 * isUnitary(identity(4)); // true
 */
export function isUnitary(u: Float64Array, tol = 1e-8): boolean {
  const d = matrixDim(u);
  return maxAbsDiff(matmul(u, dagger(u)), identity(d)) <= tol;
}

/**
 * Whether `h = h^dagger` to `tol`.
 * @example
 * isHermitian(identity(2)); // true
 */
export function isHermitian(h: Float64Array, tol = 1e-10): boolean {
  return maxAbsDiff(h, dagger(h)) <= tol;
}

/** Eigen-decomposition of a Hermitian matrix: ascending values, eigenvectors as columns. */
export interface HermitianEigen {
  /** Eigenvalues in ascending order. */
  values: Float64Array;
  /** Unitary `d x d` (interleaved, row-major) whose column `j` is the eigenvector of `values[j]`. */
  vectors: Float64Array;
}

/**
 * Eigenvalues and eigenvectors of a Hermitian matrix by the cyclic complex Jacobi method
 * (each 2x2 pivot block is made real by a phase, then rotated away). Accurate to a few ulps of
 * the matrix norm; O(d^3) per sweep, meant for d up to a few hundred.
 * @example
 * const { values } = eighHermitian(fromRows([[0, 1], [1, 0]])); // [-1, 1]
 */
export function eighHermitian(h: Float64Array, maxSweeps = 100): HermitianEigen {
  const d = matrixDim(h, "h");
  const a = Float64Array.from(h);
  const v = identity(d);
  // Symmetrize (average with the conjugate transpose) so tiny asymmetries don't bias the result.
  for (let i = 0; i < d; i++) {
    a[2 * (i * d + i) + 1] = 0;
    for (let j = i + 1; j < d; j++) {
      const re = 0.5 * (a[2 * (i * d + j)]! + a[2 * (j * d + i)]!);
      const im = 0.5 * (a[2 * (i * d + j) + 1]! - a[2 * (j * d + i) + 1]!);
      a[2 * (i * d + j)] = re;
      a[2 * (i * d + j) + 1] = im;
      a[2 * (j * d + i)] = re;
      a[2 * (j * d + i) + 1] = -im;
    }
  }
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale += a[i]! * a[i]!;
  scale = Math.sqrt(scale);
  const eps = 1e-15 * Math.max(scale, Number.MIN_VALUE);
  let sweep = 0;
  for (; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        off += a[2 * (p * d + q)]! ** 2 + a[2 * (p * d + q) + 1]! ** 2;
      }
    }
    if (Math.sqrt(off) <= eps) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const xr = a[2 * (p * d + q)]!;
        const xi = a[2 * (p * d + q) + 1]!;
        const r = Math.hypot(xr, xi);
        if (r <= eps * 1e-3) continue;
        const app = a[2 * (p * d + p)]!;
        const aqq = a[2 * (q * d + q)]!;
        // Phase e^{i phi} = a_pq / |a_pq|; J = diag(1, e^{-i phi}) R with the real rotation R.
        const er = xr / r;
        const ei = xi / r;
        const theta = (aqq - app) / (2 * r);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // Columns: a_kp' = c a_kp - s e^{-i phi} a_kq ; a_kq' = s a_kp + c e^{-i phi} a_kq.
        rotateColumns(a, d, p, q, c, s, er, ei);
        rotateColumns(v, d, p, q, c, s, er, ei);
        // Rows: a_pk' = c a_pk - s e^{i phi} a_qk ; a_qk' = s a_pk + c e^{i phi} a_qk.
        for (let k = 0; k < d; k++) {
          const pr = a[2 * (p * d + k)]!;
          const pi = a[2 * (p * d + k) + 1]!;
          const qr = a[2 * (q * d + k)]!;
          const qi = a[2 * (q * d + k) + 1]!;
          const eqr = er * qr - ei * qi;
          const eqi = er * qi + ei * qr;
          a[2 * (p * d + k)] = c * pr - s * eqr;
          a[2 * (p * d + k) + 1] = c * pi - s * eqi;
          a[2 * (q * d + k)] = s * pr + c * eqr;
          a[2 * (q * d + k) + 1] = s * pi + c * eqi;
        }
        a[2 * (p * d + q)] = 0;
        a[2 * (p * d + q) + 1] = 0;
        a[2 * (q * d + p)] = 0;
        a[2 * (q * d + p) + 1] = 0;
        a[2 * (p * d + p) + 1] = 0;
        a[2 * (q * d + q) + 1] = 0;
      }
    }
  }
  if (sweep === maxSweeps) {
    throw new ConvergenceError(
      `eighHermitian: Jacobi did not converge in maxSweeps = ${maxSweeps} sweeps`,
    );
  }
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => a[2 * (i * d + i)]! - a[2 * (j * d + j)]!,
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(2 * d * d);
  for (let jNew = 0; jNew < d; jNew++) {
    const jOld = order[jNew]!;
    values[jNew] = a[2 * (jOld * d + jOld)]!;
    for (let i = 0; i < d; i++) {
      vectors[2 * (i * d + jNew)] = v[2 * (i * d + jOld)]!;
      vectors[2 * (i * d + jNew) + 1] = v[2 * (i * d + jOld) + 1]!;
    }
  }
  return { values, vectors };
}

function rotateColumns(
  m: Float64Array,
  d: number,
  p: number,
  q: number,
  c: number,
  s: number,
  er: number,
  ei: number,
): void {
  for (let k = 0; k < d; k++) {
    const pr = m[2 * (k * d + p)]!;
    const pi = m[2 * (k * d + p) + 1]!;
    const qr = m[2 * (k * d + q)]!;
    const qi = m[2 * (k * d + q) + 1]!;
    // e^{-i phi} a_kq
    const eqr = er * qr + ei * qi;
    const eqi = er * qi - ei * qr;
    m[2 * (k * d + p)] = c * pr - s * eqr;
    m[2 * (k * d + p) + 1] = c * pi - s * eqi;
    m[2 * (k * d + q)] = s * pr + c * eqr;
    m[2 * (k * d + q) + 1] = s * pi + c * eqi;
  }
}

/**
 * `f(H) = V diag(f(lambda)) V^dagger` for a Hermitian `h`, where `f(lambda) = exp(coef * lambda)`
 * with a complex `coef`. With `coef = [0, -t / 2]` this is the gate `exp(-i t H / 2)`.
 * @example
 * expmHermitian(pauliX, [0, -Math.PI / 4]); // RX(pi/2)
 */
export function expmHermitian(h: Float64Array, coef: ComplexPair): Float64Array {
  const d = matrixDim(h, "h");
  const { values, vectors } = eighHermitian(h);
  const out = new Float64Array(2 * d * d);
  const fr = new Float64Array(d);
  const fi = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    const mag = Math.exp(coef[0] * values[k]!);
    fr[k] = mag * Math.cos(coef[1] * values[k]!);
    fi[k] = mag * Math.sin(coef[1] * values[k]!);
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const ar = vectors[2 * (i * d + k)]!;
        const ai = vectors[2 * (i * d + k) + 1]!;
        // conj(V_jk)
        const br = vectors[2 * (j * d + k)]!;
        const bi = -vectors[2 * (j * d + k) + 1]!;
        const tr = ar * fr[k]! - ai * fi[k]!;
        const ti = ar * fi[k]! + ai * fr[k]!;
        re += tr * br - ti * bi;
        im += tr * bi + ti * br;
      }
      out[2 * (i * d + j)] = re;
      out[2 * (i * d + j) + 1] = im;
    }
  }
  return out;
}

/**
 * Embeds a k-qubit matrix acting on `targets` into the full `2^n x 2^n` operator (identity on
 * the other qubits). Qubit 0 is the most significant bit; `targets[0]` is the most significant
 * bit of the small matrix's index. The naive reference for kernel tests; O(4^n).
 * @example
 * expandOperator(cnotMatrix, [1, 0], 2); // CNOT with control 1, target 0
 */
export function expandOperator(
  matrix: Float64Array,
  targets: readonly number[],
  nQubits: number,
): Float64Array {
  const dk = matrixDim(matrix);
  const k = targets.length;
  if (dk !== 1 << k) {
    throw new ShapeError(`expandOperator: a ${dk}x${dk} matrix does not act on ${k} targets`);
  }
  for (const t of targets) {
    if (!Number.isInteger(t) || t < 0 || t >= nQubits) {
      throw new ArgumentError(`expandOperator: target ${t} out of range for ${nQubits} qubits`);
    }
  }
  const d = 1 << nQubits;
  let tmask = 0;
  for (const t of targets) tmask |= 1 << (nQubits - 1 - t);
  const sub = (i: number): number => {
    let s = 0;
    for (let b = 0; b < k; b++) {
      if (i & (1 << (nQubits - 1 - targets[b]!))) s |= 1 << (k - 1 - b);
    }
    return s;
  };
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    const si = sub(i);
    for (let j = 0; j < d; j++) {
      if ((i & ~tmask) !== (j & ~tmask)) continue;
      const sj = sub(j);
      out[2 * (i * d + j)] = matrix[2 * (si * dk + sj)]!;
      out[2 * (i * d + j) + 1] = matrix[2 * (si * dk + sj) + 1]!;
    }
  }
  return out;
}

/**
 * The block-diagonal controlled matrix: identity on every control pattern but all-ones, where
 * `target` acts. The first `nControls` qubits are the controls (most significant bits).
 * @example
 * controlledMatrix(pauliX, 1); // CNOT
 */
export function controlledMatrix(target: Float64Array, nControls: number): Float64Array {
  const dt = matrixDim(target, "target");
  const d = dt << nControls;
  const out = identity(d);
  const off = d - dt;
  for (let i = 0; i < dt; i++) {
    for (let j = 0; j < dt; j++) {
      out[2 * ((off + i) * d + off + j)] = target[2 * (i * dt + j)]!;
      out[2 * ((off + i) * d + off + j) + 1] = target[2 * (i * dt + j) + 1]!;
    }
  }
  return out;
}
