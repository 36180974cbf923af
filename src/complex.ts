/**
 * The complex scalar of qoar's public API: complex.js's `Complex`. A single complex number
 * comes out as a `Complex` (`State.amplitude`), and goes in as any `{ re, im }` object, a
 * `Complex` included (tensor operands, amplitudes, matrix entries, fermion coefficients).
 * Arrays of amplitudes stay interleaved Float64Arrays inside; `Complex` is for the edges.
 */
import { Complex } from "complex.js";
import { ArgumentError, describe } from "./errors.js";

export { Complex };

/** One complex number as a user passes it: a complex.js `Complex`, or any `{ re, im }`. */
export interface ComplexLike {
  /** Real part. */
  readonly re: number;
  /** Imaginary part. */
  readonly im: number;
}

/**
 * Whether `v` is a `{ re, im }` object with number parts (a `Complex` is one).
 * @example
 * isComplexLike(new Complex(1, 2)); // true
 * isComplexLike([1, 2]); // false
 */
export function isComplexLike(v: unknown): v is ComplexLike {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as ComplexLike).re === "number" &&
    typeof (v as ComplexLike).im === "number"
  );
}

/**
 * The finite (re, im) parts of a number or a `{ re, im }`; an ArgumentError naming `name` otherwise.
 * @example
 * complexParts(new Complex(0, 1), "coefficient"); // [0, 1]
 */
export function complexParts(v: number | ComplexLike, name: string): [number, number] {
  const [re, im] = typeof v === "number" ? [v, 0] : isComplexLike(v) ? [v.re, v.im] : [NaN, NaN];
  if (!Number.isFinite(re) || !Number.isFinite(im))
    throw new ArgumentError(
      `${name}: expected a finite number or a complex { re, im } (e.g. new Complex(1, 2)), got ${describe(v)}`,
    );
  return [re, im];
}
