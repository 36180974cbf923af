/** The small statistics of the shadow estimators: medians, block means, normal quantiles. */

/**
 * The median of `values` (the mean of the middle two for an even count).
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Median of means: `values` cut into `groups` contiguous blocks of (nearly) equal size, the
 * median of the block means. One group is the plain mean.
 * @example
 * medianOfMeans([1, 2, 3, 100], 2); // median(1.5, 51.5) = 26.5
 */
export function medianOfMeans(values: ArrayLike<number>, groups: number): number {
  const n = values.length;
  const means = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    const lo = Math.floor((g * n) / groups);
    const hi = Math.floor(((g + 1) * n) / groups);
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i]!;
    means[g] = s / (hi - lo);
  }
  return median(means);
}

/**
 * The standard normal quantile Phi^-1(p) for p in (0, 1) (Acklam's rational approximation,
 * relative error below 1.2e-9).
 * @example
 * normalQuantile(0.975); // 1.959963...
 */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
