/**
 * The diamond norm, in the one case it has a dependable closed form without a semidefinite
 * program: the difference of two unitary channels rho -> U rho U^dagger and rho -> V rho V^dagger.
 *
 * For general channels the diamond norm is the value of an SDP (Watrous 2009); without a
 * convex-optimization library there is no method here we could vouch for, so general channels
 * are not supported. For unitaries, ||U.U^dagger - V.V^dagger||_diamond = 2 sqrt(1 - r^2), where
 * r is the distance from 0 to the numerical range of W = U^dagger V. W is normal, so its
 * numerical range is the convex hull of its eigenvalues, points on the unit circle: r = 0 when
 * they don't fit in an open half circle, else r = cos(span / 2) with span the shortest arc that
 * holds them all. The input that attains the norm needs no ancilla: the equal superposition of
 * the eigenvectors at the two ends of that arc.
 */
import { ArgumentError, ShapeError } from "../errors.js";
import { dagger, eighHermitian, matmul, matrixDim } from "../quantum/linalg.js";
import { checkArity } from "../validate.js";
import { isUnitary } from "./checks.js";

/** The result of `diamondNormUnitaryDifference`. */
export interface UnitaryDiamondResult {
  /** ||U.U^dagger - V.V^dagger||_diamond, in [0, 2]. */
  readonly value: number;
  /** A pure input state (interleaved, dimension d) at which the trace norm of the output difference equals `value`. */
  readonly optimalInput: Float64Array;
  /** The eigenphases of U^dagger V, in (-pi, pi]. */
  readonly eigenphases: Float64Array;
}

/**
 * The diamond-norm distance of the unitary channels of `u` and `v` (scope: unitary channels
 * only; see the module comment for why general channels are not supported).
 * @example
 * diamondNormUnitaryDifference(identity(2), pauliZ).value; // 2 (perfectly distinguishable)
 */
export function diamondNormUnitaryDifference(
  u: Float64Array,
  v: Float64Array,
): UnitaryDiamondResult {
  checkArity(arguments.length, 2, "diamondNormUnitaryDifference");
  const d = matrixDim(u, "u");
  if (matrixDim(v, "v") !== d)
    throw new ShapeError(`v: dimension ${matrixDim(v, "v")} differs from u's ${d}`);
  if (!isUnitary(u, 1e-8)) throw new ArgumentError("u: the matrix is not unitary (to 1e-8)");
  if (!isUnitary(v, 1e-8)) throw new ArgumentError("v: the matrix is not unitary (to 1e-8)");
  const w = matmul(dagger(u), v);
  // W = A + iB with commuting Hermitian A, B; a generic real combination A + cB shares their
  // eigenvectors, and the eigenvalue of W on each is the Rayleigh quotient <x|W|x>.
  const wd = dagger(w);
  const c = 0.7548776662466927; // irrational, so accidental degeneracies of A + cB are unlikely
  const h = new Float64Array(2 * d * d);
  for (let k = 0; k < h.length; k += 2) {
    const ar = 0.5 * (w[k]! + wd[k]!);
    const ai = 0.5 * (w[k + 1]! + wd[k + 1]!);
    // B = (W - W^dagger) / 2i
    const br = 0.5 * (w[k + 1]! - wd[k + 1]!);
    const bi = -0.5 * (w[k]! - wd[k]!);
    h[k] = ar + c * br;
    h[k + 1] = ai + c * bi;
  }
  const { vectors } = eighHermitian(h);
  const phases = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < d; i++) {
      const xr = vectors[2 * (i * d + k)]!;
      const xi = -vectors[2 * (i * d + k) + 1]!;
      let yr = 0;
      let yi = 0;
      for (let j = 0; j < d; j++) {
        const mr = w[2 * (i * d + j)]!;
        const mi = w[2 * (i * d + j) + 1]!;
        const vr = vectors[2 * (j * d + k)]!;
        const vi = vectors[2 * (j * d + k) + 1]!;
        yr += mr * vr - mi * vi;
        yi += mr * vi + mi * vr;
      }
      re += xr * yr - xi * yi;
      im += xr * yi + xi * yr;
    }
    phases[k] = Math.atan2(im, re);
  }
  // The largest gap between consecutive phases on the circle; the arc holding all is 2 pi - gap.
  const order = Array.from({ length: d }, (_, k) => k).sort((a, b) => phases[a]! - phases[b]!);
  let gap = -1;
  let gapAt = 0;
  for (let t = 0; t < d; t++) {
    const a = phases[order[t]!]!;
    const b = t + 1 < d ? phases[order[t + 1]!]! : phases[order[0]!]! + 2 * Math.PI;
    if (b - a > gap) {
      gap = b - a;
      gapAt = t;
    }
  }
  const span = 2 * Math.PI - gap;
  const r = span >= Math.PI ? 0 : Math.cos(span / 2);
  // The extreme eigenvectors: the arc runs from order[gapAt + 1] round to order[gapAt].
  const kEnd = order[gapAt]!;
  const kStart = order[(gapAt + 1) % d]!;
  const input = new Float64Array(2 * d);
  if (kEnd === kStart) {
    for (let i = 0; i < d; i++) {
      input[2 * i] = vectors[2 * (i * d + kEnd)]!;
      input[2 * i + 1] = vectors[2 * (i * d + kEnd) + 1]!;
    }
  } else if (span >= Math.PI) {
    // 0 lies in the hull; by Caratheodory it is a convex combination of at most 3 eigenvalues.
    const weights = zeroCombination(phases);
    for (const [k, wk] of weights) {
      const s = Math.sqrt(wk);
      for (let i = 0; i < d; i++) {
        input[2 * i]! += s * vectors[2 * (i * d + k)]!;
        input[2 * i + 1]! += s * vectors[2 * (i * d + k) + 1]!;
      }
    }
  } else {
    for (let i = 0; i < d; i++) {
      input[2 * i] = Math.SQRT1_2 * (vectors[2 * (i * d + kStart)]! + vectors[2 * (i * d + kEnd)]!);
      input[2 * i + 1] =
        Math.SQRT1_2 * (vectors[2 * (i * d + kStart) + 1]! + vectors[2 * (i * d + kEnd) + 1]!);
    }
  }
  return { value: 2 * Math.sqrt(Math.max(0, 1 - r * r)), optimalInput: input, eigenphases: phases };
}

/** Weights (index, w >= 0, summing to 1) of at most 3 unit-circle points whose mean is 0. */
function zeroCombination(phases: Float64Array): [number, number][] {
  const d = phases.length;
  let best: [number, number][] = [];
  let bestErr = Number.POSITIVE_INFINITY;
  for (let a = 0; a < d; a++) {
    for (let b = a + 1; b < d; b++) {
      // a pair: antipodal points
      const err = Math.abs(Math.cos((phases[a]! - phases[b]!) / 2));
      if (err < bestErr) {
        bestErr = err;
        best = [
          [a, 0.5],
          [b, 0.5],
        ];
      }
      for (let c = b + 1; c < d; c++) {
        const p = [a, b, c].map((k) => [Math.cos(phases[k]!), Math.sin(phases[k]!)] as const);
        const [x1, y1] = p[0]!;
        const [x2, y2] = p[1]!;
        const [x3, y3] = p[2]!;
        const det = (y2 - y3) * (x1 - x3) + (x3 - x2) * (y1 - y3);
        if (Math.abs(det) < 1e-12) continue;
        const l1 = ((y2 - y3) * -x3 + (x3 - x2) * -y3) / det;
        const l2 = ((y3 - y1) * -x3 + (x1 - x3) * -y3) / det;
        const l3 = 1 - l1 - l2;
        const neg = Math.max(0, -l1, -l2, -l3);
        if (neg < bestErr) {
          bestErr = neg;
          const c1 = Math.max(0, l1);
          const c2 = Math.max(0, l2);
          const c3 = Math.max(0, l3);
          const s = c1 + c2 + c3;
          best = [
            [a, c1 / s],
            [b, c2 / s],
            [c, c3 / s],
          ];
        }
      }
    }
  }
  return best;
}
