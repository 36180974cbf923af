/**
 * Printing values: short numbers, complex numbers, and the leading values of a nested array,
 * shared by `Tensor`, `State` and `DensityMatrix` for `toString()` and `console.log`.
 *
 * `console.log` in Node prints an object through `util.inspect`, which calls the method under
 * `Symbol.for("nodejs.util.inspect.custom")` when an object has one; the symbol is taken from the
 * global registry, so browser bundles import nothing from node:util.
 */

/** The key of Node's `util.inspect` hook (`util.inspect.custom`), without importing node:util. */
export const INSPECT_CUSTOM = Symbol.for("nodejs.util.inspect.custom");

/** Values shown before "..." when an object prints its leading values. */
export const LEADING_VALUES = 8;

/**
 * A real number in at most `digits` significant digits: integers as they are, exponents for
 * very small and very large magnitudes.
 * @example
 * formatReal(Math.SQRT1_2); // "0.7071"
 * formatReal(3); // "3"
 * formatReal(1.5e-7); // "1.500e-7"
 */
export function formatReal(x: number, digits = 4): string {
  if (x === 0) return "0"; // also -0
  if (!Number.isFinite(x) || (Number.isInteger(x) && Math.abs(x) < 1e15)) return String(x);
  const a = Math.abs(x);
  return a < 1e-4 || a >= 1e6 ? x.toExponential(digits - 1) : String(Number(x.toPrecision(digits)));
}

/**
 * A complex number as `re+imi` ("0" when both parts are zero).
 * @example
 * formatComplex(Math.SQRT1_2, 0); // "0.7071+0i"
 * formatComplex(0.5, -0.25); // "0.5-0.25i"
 */
export function formatComplex(re: number, im: number, digits = 4): string {
  if (re === 0 && im === 0) return "0";
  const sign = im < 0 ? "-" : "+";
  return `${formatReal(re, digits)}${sign}${formatReal(Math.abs(im), digits)}i`;
}

/**
 * The leading `limit` values of a row-major array of `shape`, nested in brackets like the array,
 * with "..." where values are left out; `element(i)` formats the i-th value in row-major order.
 * A scalar (shape []) prints as its one value.
 * @example
 * leadingValues([2, 3], (i) => String(i)); // "[[0, 1, 2], [3, 4, 5]]"
 * leadingValues([20], (i) => String(i), 3); // "[0, 1, 2, ...]"
 */
export function leadingValues(
  shape: readonly number[],
  element: (index: number) => string,
  limit = LEADING_VALUES,
): string {
  let left = limit;
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = stride;
    stride *= shape[d]!;
  }
  const render = (dim: number, offset: number): string => {
    if (dim === shape.length) {
      left--;
      return element(offset);
    }
    const items: string[] = [];
    for (let i = 0; i < shape[dim]!; i++) {
      if (left <= 0) {
        items.push("...");
        break;
      }
      items.push(render(dim + 1, offset + i * strides[dim]!));
    }
    return `[${items.join(", ")}]`;
  };
  return render(0, 0);
}
