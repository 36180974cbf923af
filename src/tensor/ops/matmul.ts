/**
 * Matrix products. The primitive `mm(a, b, transA, transB)` multiplies op(a) op(b) over a batch
 * (equal leading dims), where op is an optional transpose read straight from the stored layout,
 * so `Linear` (x W^T) and every backward product run without transposing copies.
 *
 * The real kernel packs op(B) into 4-column panels (contiguous along k), then accumulates 4x4
 * blocks of C in registers over k-blocks, with k and j blocking so the working set stays in
 * cache. No allocation inside the loops; transposes are strides, not copies.
 */
import { DtypeError, ShapeError } from "../../errors.js";
import { broadcastShapes, fmtShape, sameShape, sizeOf } from "../shape.js";
import { Tensor } from "../tensor.js";
import { conj } from "./elementwise.js";
import { type GradRule, record } from "./record.js";
import { expand, reshape } from "./shapeops.js";
import { promoteData, tensorArg } from "./util.js";

const KB = 256; // k-block: a 4-row strip of A (8 KB) stays in L1
const JP = 16; // panels of 4 columns per j-block: the packed B block (128 KB) stays in L2
let packed = new Float64Array(0);

/**
 * Packs op(B) into panels of 4 columns, `Bp[(jp * k + p) * 4 + c] = op(B)[p, 4 jp + c]` (zero
 * padded), so the micro-kernel streams it contiguously; a transposed B is just another read order.
 */
function packB(B: Float64Array, bo: number, n: number, k: number, tb: boolean): Float64Array {
  const np = (n + 3) >> 2;
  const need = np * k * 4;
  if (packed.length < need) packed = new Float64Array(need);
  const Bp = packed;
  for (let jp = 0; jp < np; jp++) {
    for (let c = 0; c < 4; c++) {
      const j = 4 * jp + c;
      let o = jp * k * 4 + c;
      if (j >= n) {
        for (let p = 0; p < k; p++, o += 4) Bp[o] = 0;
      } else if (tb) {
        const row = bo + j * k; // B stored [n, k]
        for (let p = 0; p < k; p++, o += 4) Bp[o] = B[row + p];
      } else {
        for (let p = 0; p < k; p++, o += 4) Bp[o] = B[bo + p * n + j];
      }
    }
  }
  return Bp;
}

/**
 * Real C[m,n] += op(A) op(B) for one batch entry (C zeroed by the caller). A 4x4 block of C is
 * accumulated in 16 locals over a k-block (16 multiply-adds per 8 loads, no stores in the loop);
 * op(A)[i, p] is read through strides, so a transposed A costs no copy either.
 */
function realProduct(
  A: Float64Array,
  ao: number,
  B: Float64Array,
  bo: number,
  C: Float64Array,
  co: number,
  m: number,
  n: number,
  k: number,
  ta: boolean,
  tb: boolean,
): void {
  const Bp = packB(B, bo, n, k, tb);
  const np = (n + 3) >> 2;
  const ars = ta ? 1 : k; // stride between rows i of op(A)
  const acs = ta ? m : 1; // stride between columns p of op(A)
  const m4 = m & ~3;
  for (let kk = 0; kk < k; kk += KB) {
    const kEnd = Math.min(k, kk + KB);
    for (let jb = 0; jb < np; jb += JP) {
      const jbEnd = Math.min(np, jb + JP);
      for (let i = 0; i < m4; i += 4) {
        const aStart = ao + i * ars + kk * acs;
        for (let jp = jb; jp < jbEnd; jp++) {
          let c00 = 0;
          let c01 = 0;
          let c02 = 0;
          let c03 = 0;
          let c10 = 0;
          let c11 = 0;
          let c12 = 0;
          let c13 = 0;
          let c20 = 0;
          let c21 = 0;
          let c22 = 0;
          let c23 = 0;
          let c30 = 0;
          let c31 = 0;
          let c32 = 0;
          let c33 = 0;
          let b = (jp * k + kk) * 4;
          let a = aStart;
          for (let p = kk; p < kEnd; p++, b += 4, a += acs) {
            const b0 = Bp[b];
            const b1 = Bp[b + 1];
            const b2 = Bp[b + 2];
            const b3 = Bp[b + 3];
            const x0 = A[a];
            const x1 = A[a + ars];
            const x2 = A[a + 2 * ars];
            const x3 = A[a + 3 * ars];
            c00 += x0 * b0;
            c01 += x0 * b1;
            c02 += x0 * b2;
            c03 += x0 * b3;
            c10 += x1 * b0;
            c11 += x1 * b1;
            c12 += x1 * b2;
            c13 += x1 * b3;
            c20 += x2 * b0;
            c21 += x2 * b1;
            c22 += x2 * b2;
            c23 += x2 * b3;
            c30 += x3 * b0;
            c31 += x3 * b1;
            c32 += x3 * b2;
            c33 += x3 * b3;
          }
          const j = 4 * jp;
          const r0 = co + i * n + j;
          if (j + 3 < n) {
            const r1 = r0 + n;
            const r2 = r1 + n;
            const r3 = r2 + n;
            C[r0] += c00;
            C[r0 + 1] += c01;
            C[r0 + 2] += c02;
            C[r0 + 3] += c03;
            C[r1] += c10;
            C[r1 + 1] += c11;
            C[r1 + 2] += c12;
            C[r1 + 3] += c13;
            C[r2] += c20;
            C[r2 + 1] += c21;
            C[r2 + 2] += c22;
            C[r2 + 3] += c23;
            C[r3] += c30;
            C[r3 + 1] += c31;
            C[r3 + 2] += c32;
            C[r3 + 3] += c33;
          } else {
            // the last, partial panel: w = n - j columns are real
            const w = n - j;
            const r1 = r0 + n;
            const r2 = r1 + n;
            const r3 = r2 + n;
            C[r0] += c00;
            C[r1] += c10;
            C[r2] += c20;
            C[r3] += c30;
            if (w > 1) {
              C[r0 + 1] += c01;
              C[r1 + 1] += c11;
              C[r2 + 1] += c21;
              C[r3 + 1] += c31;
            }
            if (w > 2) {
              C[r0 + 2] += c02;
              C[r1 + 2] += c12;
              C[r2 + 2] += c22;
              C[r3 + 2] += c32;
            }
          }
        }
      }
    }
    // leftover rows (m % 4), one at a time
    for (let i = m4; i < m; i++) {
      for (let jp = 0; jp < np; jp++) {
        let c0 = 0;
        let c1 = 0;
        let c2 = 0;
        let c3 = 0;
        let b = (jp * k + kk) * 4;
        let a = ao + i * ars + kk * acs;
        for (let p = kk; p < kEnd; p++, b += 4, a += acs) {
          const x = A[a];
          c0 += x * Bp[b];
          c1 += x * Bp[b + 1];
          c2 += x * Bp[b + 2];
          c3 += x * Bp[b + 3];
        }
        const j = 4 * jp;
        const r0 = co + i * n + j;
        C[r0] += c0;
        if (j + 1 < n) C[r0 + 1] += c1;
        if (j + 2 < n) C[r0 + 2] += c2;
        if (j + 3 < n) C[r0 + 3] += c3;
      }
    }
  }
}

/** Complex op(A) op(B) (interleaved), plain loops. */
function complexProduct(
  A: Float64Array,
  ao: number,
  B: Float64Array,
  bo: number,
  C: Float64Array,
  co: number,
  m: number,
  n: number,
  k: number,
  ta: boolean,
  tb: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const ai = 2 * (ta ? ao + p * m + i : ao + i * k + p);
      const xr = A[ai];
      const xi = A[ai + 1];
      if (xr === 0 && xi === 0) continue;
      const c = 2 * (co + i * n);
      for (let j = 0; j < n; j++) {
        const bi = 2 * (tb ? bo + j * k + p : bo + p * n + j);
        const yr = B[bi];
        const yi = B[bi + 1];
        C[c + 2 * j] += xr * yr - xi * yi;
        C[c + 2 * j + 1] += xr * yi + xi * yr;
      }
    }
  }
}

/**
 * Batched op(a) op(b): a is [..., m, k] (or [..., k, m] when transA), b is [..., k, n] (or
 * [..., n, k] when transB), with equal leading dims. The primitive behind `matmul` and `Linear`.
 * @example
 * mm(x, w, false, true); // x @ w^T
 */
export function mm(a: Tensor, b: Tensor, transA = false, transB = false): Tensor {
  tensorArg(a, "mm", "a");
  tensorArg(b, "mm", "b");
  if (
    a.ndim < 2 ||
    b.ndim < 2 ||
    a.ndim !== b.ndim ||
    !sameShape(a.shape.slice(0, -2), b.shape.slice(0, -2))
  ) {
    throw new ShapeError(
      `matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} need equal batch dims and >= 2 dims`,
    );
  }
  const r = a.ndim;
  const m = transA ? a.shape[r - 1]! : a.shape[r - 2]!;
  const k = transA ? a.shape[r - 2]! : a.shape[r - 1]!;
  const kb = transB ? b.shape[r - 1]! : b.shape[r - 2]!;
  const n = transB ? b.shape[r - 2]! : b.shape[r - 1]!;
  if (k !== kb) {
    throw new ShapeError(
      `matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not fit (inner dims ${k} and ${kb})`,
    );
  }
  const batch = sizeOf(a.shape.slice(0, -2));
  const complex = a.isComplex || b.isComplex;
  const shape = [...a.shape.slice(0, -2), m, n];
  const C = new Float64Array(batch * m * n * (complex ? 2 : 1));
  if (complex) {
    const A = a.isComplex ? a.data : promoteData(a.data);
    const B = b.isComplex ? b.data : promoteData(b.data);
    for (let t = 0; t < batch; t++)
      complexProduct(A, t * m * k, B, t * k * n, C, t * m * n, m, n, k, transA, transB);
  } else {
    for (let t = 0; t < batch; t++)
      realProduct(a.data, t * m * k, b.data, t * k * n, C, t * m * n, m, n, k, transA, transB);
  }
  return record("matmul", [a, b], new Tensor(C, shape, complex ? "complex128" : "float64"), [
    transA,
    transB,
  ]);
}

/**
 * Matrix product with NumPy semantics: 1-D operands are promoted (and the added axis removed),
 * leading batch dims broadcast. Complex and mixed dtypes allowed.
 * @example
 * matmul(tensor([[1, 2], [3, 4]]), tensor([1, 1])).toArray(); // [3, 7]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(a instanceof Tensor) || !(b instanceof Tensor))
    throw new DtypeError("matmul: operands must be Tensors");
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `matmul: operands must have at least 1 dim, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`,
    );
  }
  const a2 = a.ndim === 1 ? reshape(a, [1, a.shape[0]!]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [b.shape[0]!, 1]) : b;
  const ka = a2.shape[a2.ndim - 1]!;
  const kb = b2.shape[b2.ndim - 2]!;
  if (ka !== kb) {
    throw new ShapeError(
      `matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} do not fit (inner dims ${ka} and ${kb})`,
    );
  }
  const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2), "matmul");
  const ae = expand(a2, [...batch, ...a2.shape.slice(-2)]);
  const be = expand(b2, [...batch, ...b2.shape.slice(-2)]);
  let out = mm(ae, be);
  const shape = [...batch];
  if (a.ndim > 1) shape.push(a2.shape[a2.ndim - 2]!);
  if (b.ndim > 1) shape.push(b2.shape[b2.ndim - 1]!);
  if (shape.length !== out.ndim) out = reshape(out, shape);
  return out;
}

/** The gradient rule of this file (complex: the conjugate-transposed partners). */
export const matmulRules: Record<"matmul", GradRule> = {
  matmul: (g, { inputs: [a, b], attrs }) => {
    const [ta, tb] = attrs as [boolean, boolean];
    const A = conj(a!);
    const B = conj(b!);
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a!.requiresGrad) {
      if (!ta) ga = tb ? mm(g, B, false, false) : mm(g, B, false, true);
      else ga = tb ? mm(B, g, true, true) : mm(B, g, false, true);
    }
    if (b!.requiresGrad) {
      if (!tb) gb = ta ? mm(A, g, false, false) : mm(A, g, true, false);
      else gb = ta ? mm(g, A, true, true) : mm(g, A, true, false);
    }
    return [ga, gb];
  },
};
