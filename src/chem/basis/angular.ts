/**
 * Angular parts of Gaussian shells: the order of Cartesian components, real solid harmonics and
 * the matrices that turn a shell's Cartesian integrals into its output functions.
 *
 * Integrals are computed over Cartesian components that all carry the normalization of x^l (the
 * "common" normalization, under which <x^l|x^l> = 1 but <xy|xy> = 1/3). A shell's transform then
 * gives either unit-normalized Cartesian functions (each component scaled by its own factor) or
 * unit-normalized real solid harmonics. Order: Cartesian components as Psi4/libint (xx, xy, xz, yy,
 * yz, zz); spherical components m = 0, +1, -1, +2, -2, ... as Psi4; p shells are always x, y, z.
 */

/**
 * Double factorial n!! with (-1)!! = 1.
 * @example
 * doubleFactorial(5); // 15
 */
export function doubleFactorial(n: number): number {
  let r = 1;
  for (let k = n; k > 1; k -= 2) r *= k;
  return r;
}

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * Cartesian components (lx, ly, lz) of angular momentum l in Psi4's order.
 * @example
 * cartesianComponents(1); // [[1,0,0],[0,1,0],[0,0,1]]
 */
export function cartesianComponents(l: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let i = 0; i <= l; i++) {
    for (let j = 0; j <= i; j++) out.push([l - i, i - j, j]);
  }
  return out;
}

/**
 * Number of Cartesian components of angular momentum l.
 * @example
 * nCartesian(2); // 6
 */
export function nCartesian(l: number): number {
  return ((l + 1) * (l + 2)) / 2;
}

/**
 * Number of functions of a shell: 2l+1 when pure (l >= 2), else the Cartesian count.
 * @example
 * nFunctions(2, true); // 5
 */
export function nFunctions(l: number, pure: boolean): number {
  return pure && l >= 2 ? 2 * l + 1 : nCartesian(l);
}

/** Overlap of two commonly normalized monomials of the same l and exponent. */
function monomialOverlap(l: number, a: readonly number[], b: readonly number[]): number {
  const x = a[0]! + b[0]!;
  const y = a[1]! + b[1]!;
  const z = a[2]! + b[2]!;
  if (x % 2 || y % 2 || z % 2) return 0;
  return (
    (doubleFactorial(x - 1) * doubleFactorial(y - 1) * doubleFactorial(z - 1)) /
    doubleFactorial(2 * l - 1)
  );
}

/**
 * Coefficients of the real solid harmonic S_lm on the Cartesian components (Helgaker, Jorgensen,
 * Olsen eq. 6.4.47), normalized to 1 over commonly normalized components.
 */
function solidHarmonic(l: number, m: number): Float64Array {
  const comps = cartesianComponents(l);
  const index = new Map(comps.map((c, k) => [c.join(","), k]));
  const coef = new Float64Array(comps.length);
  const am = Math.abs(m);
  const vm2 = m < 0 ? 1 : 0; // 2 * v_m
  const vMax2 = 2 * Math.floor(am / 2 - vm2 / 2) + vm2;
  for (let t = 0; t <= Math.floor((l - am) / 2); t++) {
    for (let u = 0; u <= t; u++) {
      for (let v2 = vm2; v2 <= vMax2; v2 += 2) {
        const sign = (t + (v2 - vm2) / 2) % 2 === 0 ? 1 : -1;
        const c =
          sign *
          0.25 ** t *
          binomial(l, t) *
          binomial(l - t, am + t) *
          binomial(t, u) *
          binomial(am, v2);
        const key = [2 * t + am - 2 * u - v2, 2 * u + v2, l - 2 * t - am].join(",");
        coef[index.get(key)!]! += c;
      }
    }
  }
  let norm = 0;
  for (let i = 0; i < comps.length; i++) {
    for (let j = 0; j < comps.length; j++)
      norm += coef[i]! * coef[j]! * monomialOverlap(l, comps[i]!, comps[j]!);
  }
  const s = 1 / Math.sqrt(norm);
  for (let i = 0; i < coef.length; i++) coef[i]! *= s;
  return coef;
}

const transformCache = new Map<string, Float64Array>();

/**
 * Row-major (nFunctions x nCartesian) matrix taking a shell's commonly normalized Cartesian
 * components to its output functions: unit-normalized Cartesians (diagonal) or real solid
 * harmonics in the order m = 0, +1, -1, +2, -2, ...
 * @example
 * shellTransform(2, true).length; // 5 * 6
 */
export function shellTransform(l: number, pure: boolean): Float64Array {
  const key = `${l},${pure && l >= 2}`;
  const hit = transformCache.get(key);
  if (hit) return hit;
  const comps = cartesianComponents(l);
  const nc = comps.length;
  let out: Float64Array;
  if (pure && l >= 2) {
    out = new Float64Array((2 * l + 1) * nc);
    for (let k = 0; k < 2 * l + 1; k++) {
      const m = k === 0 ? 0 : k % 2 === 1 ? (k + 1) / 2 : -k / 2;
      out.set(solidHarmonic(l, m), k * nc);
    }
  } else {
    out = new Float64Array(nc * nc);
    const top = doubleFactorial(2 * l - 1);
    comps.forEach(([a, b, c], k) => {
      out[k * nc + k] = Math.sqrt(
        top /
          (doubleFactorial(2 * a - 1) * doubleFactorial(2 * b - 1) * doubleFactorial(2 * c - 1)),
      );
    });
  }
  transformCache.set(key, out);
  return out;
}

/**
 * Labels of a shell's functions ("s", "px", "dxy", "d0", "d+1", "d-2", ...).
 * @example
 * functionLabels(2, false); // ["dxx", "dxy", "dxz", "dyy", "dyz", "dzz"]
 */
export function functionLabels(l: number, pure: boolean): string[] {
  const letter = "spdfghik"[l] ?? `l${l}`;
  if (l === 0) return ["s"];
  if (pure && l >= 2) {
    return Array.from({ length: 2 * l + 1 }, (_, k) => {
      const m = k === 0 ? 0 : k % 2 === 1 ? (k + 1) / 2 : -k / 2;
      return `${letter}${m > 0 ? "+" : ""}${m}`;
    });
  }
  return cartesianComponents(l).map(
    ([a, b, c]) => letter + "x".repeat(a) + "y".repeat(b) + "z".repeat(c),
  );
}
