/**
 * Reductions and vector updates over whole states: probabilities (all or marginal), inner
 * products, norms, scaling and axpy. All per batch element, each on one state view at a time so
 * indices stay int32.
 */
import { stateView } from "./common.js";

/**
 * |psi_j|^2 of every amplitude, batch-major (length batch * 2^n).
 * @example
 * probabilitiesAll(Float64Array.of(0.6, 0, 0, 0.8), 1, 1); // [0.36, 0.64]
 */
export function probabilitiesAll(data: Float64Array, dim: number, batch: number): Float64Array {
  const out = new Float64Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    const v = stateView(data, b, 2 * dim);
    const o = stateView(out, b, dim);
    for (let j = 0; j < dim; j++) {
      const re = v[2 * j]!;
      const im = v[2 * j + 1]!;
      o[j] = re * re + im * im;
    }
  }
  return out;
}

/**
 * Marginal probabilities of `qubits` (qubits[0] the most significant bit of the outcome), per
 * batch element. The outcome of a basis index is looked up in two tables (low 16 bits, high
 * bits) instead of extracting bit by bit.
 * @example
 * probabilitiesMarginal(Float64Array.of(0.6, 0, 0, 0, 0, 0, 0, 0.8), 2, 1, [1]); // [0.36, 0.64]
 */
export function probabilitiesMarginal(
  data: Float64Array,
  nQubits: number,
  batch: number,
  qubits: readonly number[],
): Float64Array {
  const m = qubits.length;
  const outDim = 1 << m;
  const out = new Float64Array(batch * outDim);
  const lowBits = Math.min(nQubits, 16);
  const lo = new Int32Array(1 << lowBits);
  const hi = new Int32Array(1 << (nQubits - lowBits));
  for (let t = 0; t < m; t++) {
    const bit = nQubits - 1 - qubits[t]!;
    const outBit = 1 << (m - 1 - t);
    if (bit < lowBits) {
      for (let v = 0; v < lo.length; v++) if ((v >> bit) & 1) lo[v]! |= outBit;
    } else {
      const hb = bit - lowBits;
      for (let v = 0; v < hi.length; v++) if ((v >> hb) & 1) hi[v]! |= outBit;
    }
  }
  const loLen = lo.length;
  const dim2 = 2 << nQubits;
  for (let b = 0; b < batch; b++) {
    const v = stateView(data, b, dim2);
    const o = stateView(out, b, outDim);
    for (let h = 0; h < hi.length; h++) {
      const oh = hi[h]!;
      let at = 2 * h * loLen;
      for (let l = 0; l < loLen; l++, at += 2) {
        const re = v[at]!;
        const im = v[at + 1]!;
        const k = oh | lo[l]!;
        o[k] = o[k]! + re * re + im * im;
      }
    }
  }
  return out;
}

/**
 * <a|b> per batch element, interleaved complex (length 2 * batch).
 * @example
 * innerProductKernel(Float64Array.of(0, 1), Float64Array.of(1, 0), 1, 1); // [0, -1]  (<i|1> = -i)
 */
export function innerProductKernel(
  a: Float64Array,
  b: Float64Array,
  dim: number,
  batch: number,
): Float64Array {
  const out = new Float64Array(2 * batch);
  const len = 2 * dim;
  for (let k = 0; k < batch; k++) {
    const x = stateView(a, k, len);
    const y = stateView(b, k, len);
    let sr = 0;
    let si = 0;
    for (let at = 0; at < len; at += 2) {
      const ar = x[at]!;
      const ai = x[at + 1]!;
      const br = y[at]!;
      const bi = y[at + 1]!;
      sr += ar * br + ai * bi;
      si += ar * bi - ai * br;
    }
    out[2 * k] = sr;
    out[2 * k + 1] = si;
  }
  return out;
}

/**
 * <psi|psi> per batch element.
 * @example
 * normSquaredKernel(Float64Array.of(3, 4), 1, 1); // [25]
 */
export function normSquaredKernel(data: Float64Array, dim: number, batch: number): Float64Array {
  const out = new Float64Array(batch);
  const len = 2 * dim;
  for (let k = 0; k < batch; k++) {
    const v = stateView(data, k, len);
    let s = 0;
    for (let at = 0; at < len; at++) s += v[at]! * v[at]!;
    out[k] = s;
  }
  return out;
}

/**
 * psi <- f psi, with f = factors[b * fStride] (complex) for batch element b.
 * @example
 * scaleKernel(Float64Array.of(1, 0), 1, 1, Float64Array.of(0, 1), 0); // [0, 1]
 */
export function scaleKernel(
  data: Float64Array,
  dim: number,
  batch: number,
  factors: Float64Array,
  fStride: number,
): void {
  const len = 2 * dim;
  for (let k = 0; k < batch; k++) {
    const v = stateView(data, k, len);
    const fr = factors[k * fStride]!;
    const fi = factors[k * fStride + 1]!;
    if (fi === 0) {
      for (let at = 0; at < len; at++) v[at] = fr * v[at]!;
      continue;
    }
    for (let at = 0; at < len; at += 2) {
      const re = v[at]!;
      const im = v[at + 1]!;
      v[at] = fr * re - fi * im;
      v[at + 1] = fr * im + fi * re;
    }
  }
}

/**
 * dst <- dst + alpha src, alpha = alphas[b * aStride] (complex) for batch element b.
 * @example
 * const dst = Float64Array.of(1, 0);
 * axpyKernel(dst, Float64Array.of(1, 0), 1, 1, Float64Array.of(2, 0), 0); // dst = [3, 0]
 */
export function axpyKernel(
  dst: Float64Array,
  src: Float64Array,
  dim: number,
  batch: number,
  alphas: Float64Array,
  aStride: number,
): void {
  const len = 2 * dim;
  for (let k = 0; k < batch; k++) {
    const d = stateView(dst, k, len);
    const s = stateView(src, k, len);
    const fr = alphas[k * aStride]!;
    const fi = alphas[k * aStride + 1]!;
    for (let at = 0; at < len; at += 2) {
      const re = s[at]!;
      const im = s[at + 1]!;
      d[at] = d[at]! + fr * re - fi * im;
      d[at + 1] = d[at + 1]! + fr * im + fi * re;
    }
  }
}
