/**
 * The Boys function F_m(T) = ∫_0^1 t^{2m} exp(-T t^2) dt, which every Coulomb-type Gaussian
 * integral reduces to.
 *
 * Method: a table of F_m(T0) on a grid T0 = 0, 0.05, ..., 60 (built once from the convergent
 * series F_m(T) = e^{-T} Σ_k (2T)^k / ((2m+1)(2m+3)...(2m+2k+1)) and downward recursion), a
 * 7-term Taylor expansion F_m(T0 + d) = Σ_k F_{m+k}(T0) (-d)^k / k! for the highest order
 * needed (|d| <= 0.025: truncation below 2e-15 relative, since F_{m+k} <= F_m), then the stable
 * downward recursion F_{m-1} = (2T F_m + e^{-T}) / (2m - 1). Beyond the grid the asymptotic
 * F_0 = sqrt(pi / T) / 2 (erfc(sqrt 60) is below 1e-27) and upward recursion, which is stable
 * there because e^{-T} is negligible next to (2m + 1) F_m.
 */
import { ArgumentError } from "../../errors.js";

/** Highest order m supported (enough for (gg|gg) integrals and their derivatives). */
export const BOYS_MAX_M = 24;

const STEP = 0.05;
const T_MAX = 60;
const N_TAYLOR = 7;
const N_GRID = Math.round(T_MAX / STEP) + 1;
const WIDTH = BOYS_MAX_M + N_TAYLOR; // orders stored per grid point: 0 .. WIDTH - 1
const table = new Float64Array(N_GRID * WIDTH);
const INV_FACT = [1, 1, 1 / 2, 1 / 6, 1 / 24, 1 / 120, 1 / 720];

/** The series at one point for order m (accurate for all T, slow for large T: table use only). */
function seriesTop(m: number, t: number): number {
  let term = 1 / (2 * m + 1);
  let sum = term;
  for (let k = 1; k < 100000; k++) {
    term *= (2 * t) / (2 * m + 2 * k + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.exp(-t) * sum;
}

for (let g = 0; g < N_GRID; g++) {
  const t = g * STEP;
  const e = Math.exp(-t);
  const base = g * WIDTH;
  table[base + WIDTH - 1] = seriesTop(WIDTH - 1, t);
  for (let m = WIDTH - 1; m > 0; m--)
    table[base + m - 1] = (2 * t * table[base + m]! + e) / (2 * m - 1);
}

/**
 * Writes F_0(T) ... F_mMax(T) into `out[0..mMax]`.
 * @example
 * const f = new Float64Array(3);
 * boys(2, 0, f); // f = [1, 1/3, 1/5]
 */
export function boys(mMax: number, t: number, out: Float64Array): void {
  if (t < T_MAX - 0.5 * STEP) {
    const g = Math.round(t / STEP);
    const d = g * STEP - t; // -(T - T0)
    const base = g * WIDTH + mMax;
    let f = table[base]!;
    let pow = 1;
    for (let k = 1; k < N_TAYLOR; k++) {
      pow *= d;
      f += table[base + k]! * pow * INV_FACT[k]!;
    }
    out[mMax] = f;
    if (mMax > 0) {
      const e = Math.exp(-t);
      const t2 = 2 * t;
      for (let m = mMax; m > 0; m--) {
        f = (t2 * f + e) / (2 * m - 1);
        out[m - 1] = f;
      }
    }
  } else {
    let f = 0.5 * Math.sqrt(Math.PI / t);
    out[0] = f;
    if (mMax > 0) {
      const e = Math.exp(-t);
      const inv = 0.5 / t;
      for (let m = 0; m < mMax; m++) {
        f = ((2 * m + 1) * f - e) * inv;
        out[m + 1] = f;
      }
    }
  }
}

/**
 * F_m(T) for one order (convenience; hot loops call {@link boys}).
 * @example
 * boysValue(0, 1); // 0.746824132812427...
 */
export function boysValue(m: number, t: number): number {
  if (!Number.isInteger(m) || m < 0 || m > BOYS_MAX_M) {
    throw new ArgumentError(`boysValue: m must be an integer in [0, ${BOYS_MAX_M}], got ${m}`);
  }
  if (!(t >= 0) || !Number.isFinite(t))
    throw new ArgumentError(`boysValue: T must be finite and >= 0, got ${t}`);
  const out = new Float64Array(m + 1);
  boys(m, t, out);
  return out[m]!;
}
