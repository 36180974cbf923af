/**
 * McMurchie-Davidson building blocks: Hermite expansion coefficients E^{ij}_t of a product of
 * two 1D Cartesian Gaussians, and the Hermite Coulomb integrals R_{tuv}.
 *
 * Why McMurchie-Davidson: it is the simplest scheme to get right for any angular momentum, every
 * integral type (overlap, kinetic, nuclear, multipole, ERI) comes from the same two tables, and
 * the ERI contracts as matrix products (bra E, R, ket E) that run well on typed arrays. Obara-Saika
 * with horizontal recurrence is faster for high l and many primitives; for the s/p/d basis sets
 * used here MD is within reach of the targets.
 *
 * Hermite triples (t, u, v) are numbered globally, sorted by t + u + v, so the triples with
 * t + u + v <= L are the first nHermite(L) of them.
 */

/** Highest Hermite order tabulated: 4 * l_max for (gg|gg). */
export const HERMITE_MAX_L = 16;

/**
 * Number of Hermite triples with t + u + v <= L.
 * @example
 * nHermite(2); // 10
 */
export function nHermite(L: number): number {
  return ((L + 1) * (L + 2) * (L + 3)) / 6;
}

const NH_MAX = nHermite(HERMITE_MAX_L);
/** t of each global Hermite index. */
export const HT = new Int32Array(NH_MAX);
/** u of each global Hermite index. */
export const HU = new Int32Array(NH_MAX);
/** v of each global Hermite index. */
export const HV = new Int32Array(NH_MAX);
const lookup = new Int32Array((HERMITE_MAX_L + 1) ** 3).fill(-1);
const box = (t: number, u: number, v: number): number =>
  (t * (HERMITE_MAX_L + 1) + u) * (HERMITE_MAX_L + 1) + v;
{
  let k = 0;
  for (let n = 0; n <= HERMITE_MAX_L; n++) {
    for (let t = n; t >= 0; t--) {
      for (let u = n - t; u >= 0; u--) {
        HT[k] = t;
        HU[k] = u;
        HV[k] = n - t - u;
        lookup[box(t, u, n - t - u)] = k;
        k++;
      }
    }
  }
}

/**
 * Global index of the Hermite triple (t, u, v).
 * @example
 * hermiteIndex(0, 0, 0); // 0
 */
export function hermiteIndex(t: number, u: number, v: number): number {
  return lookup[box(t, u, v)]!;
}

// Recursion recipe for R^n_h from level n + 1: R^n_h = C[h] R^{n+1}_{H2[h]} + X_{D[h]} R^{n+1}_{H1[h]}.
const RD = new Int32Array(NH_MAX);
const RH1 = new Int32Array(NH_MAX);
const RH2 = new Int32Array(NH_MAX);
const RC = new Float64Array(NH_MAX);
for (let h = 1; h < NH_MAX; h++) {
  const t = HT[h]!;
  const u = HU[h]!;
  const v = HV[h]!;
  if (t > 0) {
    RD[h] = 0;
    RH1[h] = hermiteIndex(t - 1, u, v);
    RC[h] = t - 1;
    RH2[h] = t > 1 ? hermiteIndex(t - 2, u, v) : 0;
  } else if (u > 0) {
    RD[h] = 1;
    RH1[h] = hermiteIndex(0, u - 1, v);
    RC[h] = u - 1;
    RH2[h] = u > 1 ? hermiteIndex(0, u - 2, v) : 0;
  } else {
    RD[h] = 2;
    RH1[h] = hermiteIndex(0, 0, v - 1);
    RC[h] = v - 1;
    RH2[h] = v > 1 ? hermiteIndex(0, 0, v - 2) : 0;
  }
}

/**
 * Hermite Coulomb integrals R^0_{tuv} for t + u + v <= L into `out[0 .. nHermite(L))`, given
 * F_n(T) for n = 0..L in `boysValues`, the exponent alpha and the vector (X, Y, Z) between the
 * two charge centres. `work` needs (L + 1) * nHermite(L) entries.
 * @example
 * boys(2, alpha * r2, F);
 * hermiteR(2, alpha, x, y, z, F, work, R); // R[hermiteIndex(1, 0, 0)] = R_100
 */
export function hermiteR(
  L: number,
  alpha: number,
  x: number,
  y: number,
  z: number,
  boysValues: Float64Array,
  work: Float64Array,
  out: Float64Array,
): void {
  const nh = nHermite(L);
  if (L === 0) {
    out[0] = boysValues[0]!;
    return;
  }
  let f = 1;
  const m2a = -2 * alpha;
  for (let n = 0; n <= L; n++) {
    work[n * nh] = f * boysValues[n]!;
    f *= m2a;
  }
  for (let n = L - 1; n >= 0; n--) {
    const cur = n * nh;
    const prev = cur + nh;
    const top = n === 0 ? nh : nHermite(L - n);
    for (let h = 1; h < top; h++) {
      const d = RD[h]!;
      const xd = d === 0 ? x : d === 1 ? y : z;
      work[cur + h] = RC[h]! * work[prev + RH2[h]!]! + xd * work[prev + RH1[h]!]!;
    }
  }
  for (let h = 0; h < nh; h++) out[h] = work[h]!;
}

/**
 * 1D Hermite coefficients E^{ij}_t for i <= la, j <= lb, 0 <= t <= i + j, stored at
 * `out[(i * (lb + 1) + j) * (la + lb + 1) + t]` (without the exp(-mu X_AB^2) factor, which the
 * caller folds into the pair prefactor). p = a + b; xpa = P - A, xpb = P - B.
 * @example
 * hermiteE(1, 1, p, px - ax, px - bx, ex); // ex[(1 * 2 + 1) * 3 + 0] = E^{11}_0
 */
export function hermiteE(
  la: number,
  lb: number,
  p: number,
  xpa: number,
  xpb: number,
  out: Float64Array,
): void {
  const nt = la + lb + 1;
  const sj = nt;
  const si = (lb + 1) * nt;
  const h = 0.5 / p;
  out.fill(0, 0, (la + 1) * si);
  out[0] = 1;
  for (let i = 0; i <= la; i++) {
    if (i > 0) {
      const src = (i - 1) * si;
      const dst = i * si;
      for (let t = 0; t <= i; t++) {
        let v = xpa * out[src + t]!;
        if (t > 0) v += h * out[src + t - 1]!;
        if (t + 1 <= i - 1) v += (t + 1) * out[src + t + 1]!;
        out[dst + t] = v;
      }
    }
    for (let j = 1; j <= lb; j++) {
      const src = i * si + (j - 1) * sj;
      const dst = src + sj;
      const tmax = i + j;
      for (let t = 0; t <= tmax; t++) {
        let v = t <= tmax - 1 ? xpb * out[src + t]! : 0;
        if (t > 0) v += h * out[src + t - 1]!;
        if (t + 1 <= tmax - 1) v += (t + 1) * out[src + t + 1]!;
        out[dst + t] = v;
      }
    }
  }
}
