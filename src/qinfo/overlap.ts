/**
 * Differentiable functions of two pure states through their overlap: one autograd node with the
 * backward written out (no matrices), used by `stateFidelity` and `traceDistance` when both
 * arguments are `State`s. Batched: each batch is 1 or both are equal (broadcast).
 *
 * A value f(s, na, nb) of s = |<b|a>|^2 and the squared norms na = <a|a>, nb = <b|b> has, in
 * qoar's (PyTorch's) convention grad = 2 dL/d conj(amplitude),
 *   grad_a = 2 g (f_s z b + f_na a),   grad_b = 2 g (f_s conj(z) a + f_nb b),   z = <b|a>.
 */
import { ArgumentError, ShapeError } from "../errors.js";
import type { State } from "../quantum/state/state.js";
import { customOp, fromData, type Tensor } from "../tensor/index.js";

/** A function of the overlap and the norms, with its partial derivatives. */
export interface OverlapFunction {
  /** The value from s = |<b|a>|^2 and the squared norms. */
  value(s: number, na: number, nb: number): number;
  /** [df/ds, df/dna, df/dnb]; may throw where the gradient is undefined. */
  partials(s: number, na: number, nb: number): [number, number, number];
}

/** z_e = <b_e|a_e> and the squared norms, per batch element e of the broadcast batch. */
function overlapsAndNorms(
  a: Float64Array,
  b: Float64Array,
  aBatch: number,
  bBatch: number,
  batch: number,
  dim: number,
): { z: Float64Array; na: Float64Array; nb: Float64Array } {
  const z = new Float64Array(2 * batch);
  const na = new Float64Array(batch);
  const nb = new Float64Array(batch);
  for (let e = 0; e < batch; e++) {
    const oa = aBatch === 1 ? 0 : e * dim;
    const ob = bBatch === 1 ? 0 : e * dim;
    let re = 0;
    let im = 0;
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < dim; i++) {
      const ar = a[2 * (oa + i)]!;
      const ai = a[2 * (oa + i) + 1]!;
      const br = b[2 * (ob + i)]!;
      const bi = b[2 * (ob + i) + 1]!;
      re += br * ar + bi * ai;
      im += br * ai - bi * ar;
      sa += ar * ar + ai * ai;
      sb += br * br + bi * bi;
    }
    z[2 * e] = re;
    z[2 * e + 1] = im;
    na[e] = sa;
    nb[e] = sb;
  }
  return { z, na, nb };
}

/**
 * f(|<b|a>|^2, <a|a>, <b|b>) per batch element as a tensor (shape [] for batch 1, else [batch]),
 * differentiable in both states.
 * @example
 * const fid = overlapOp("stateFidelity", a, b, { value: Math.sqrt, partials: (s) => [0.5 / Math.sqrt(s), 0, 0] });
 */
export function overlapOp(name: string, a: State, b: State, fn: OverlapFunction): Tensor {
  if (a.nQubits !== b.nQubits) {
    throw new ShapeError(`${name}: the states have ${a.nQubits} and ${b.nQubits} qubits`);
  }
  const batch = Math.max(a.batch, b.batch);
  if ((a.batch !== 1 && a.batch !== batch) || (b.batch !== 1 && b.batch !== batch)) {
    throw new ShapeError(`${name}: batches ${a.batch} and ${b.batch} do not match`);
  }
  const dim = 2 ** a.nQubits;
  const av = a.toArray();
  const bv = b.toArray();
  const { z, na, nb } = overlapsAndNorms(av, bv, a.batch, b.batch, batch, dim);
  const s = (e: number): number => z[2 * e]! ** 2 + z[2 * e + 1]! ** 2;
  const values = Float64Array.from({ length: batch }, (_, e) => fn.value(s(e), na[e]!, nb[e]!));
  for (const v of values) {
    if (Number.isNaN(v)) throw new ArgumentError(`${name}: the states give NaN (zero states?)`);
  }
  return customOp({
    name,
    inputs: [a, b],
    forward: () => fromData(values, batch === 1 ? [] : [batch], "float64"),
    backward: (grad: Tensor) => {
      const ga = new Float64Array(2 * a.batch * dim);
      const gb = new Float64Array(2 * b.batch * dim);
      for (let e = 0; e < batch; e++) {
        const [fs, fa, fb] = fn.partials(s(e), na[e]!, nb[e]!);
        const g = 2 * grad.data[batch === 1 ? 0 : e]!;
        const zr = z[2 * e]!;
        const zi = z[2 * e + 1]!;
        const oa = a.batch === 1 ? 0 : e * dim;
        const ob = b.batch === 1 ? 0 : e * dim;
        for (let i = 0; i < dim; i++) {
          const ar = av[2 * (oa + i)]!;
          const ai = av[2 * (oa + i) + 1]!;
          const br = bv[2 * (ob + i)]!;
          const bi = bv[2 * (ob + i) + 1]!;
          // grad_a += 2g (f_s z b + f_na a); grad_b += 2g (f_s conj(z) a + f_nb b)
          ga[2 * (oa + i)]! += g * (fs * (zr * br - zi * bi) + fa * ar);
          ga[2 * (oa + i) + 1]! += g * (fs * (zr * bi + zi * br) + fa * ai);
          gb[2 * (ob + i)]! += g * (fs * (zr * ar + zi * ai) + fb * br);
          gb[2 * (ob + i) + 1]! += g * (fs * (zr * ai - zi * ar) + fb * bi);
        }
      }
      return [
        fromData(ga, [a.batch, dim], "complex128"),
        fromData(gb, [b.batch, dim], "complex128"),
      ];
    },
  });
}
