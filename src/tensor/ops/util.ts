/** Small helpers shared by the op files: operand conversion, dtype checks, gather/scatter maps. */
import { isComplexLike } from "../../complex.js";
import { ArgumentError, DtypeError, describe } from "../../errors.js";
import { type DType, Tensor, type TensorLike } from "../tensor.js";

/**
 * A number becomes a float64 scalar tensor, a `{ re, im }` (a complex.js `Complex`) a complex128
 * scalar; a Tensor passes through. Throws `DtypeError` otherwise.
 * @example
 * asTensor(2, "add").shape; // []
 * asTensor(new Complex(0, 1), "mul").dtype; // "complex128"
 */
export function asTensor(x: TensorLike, op: string): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x === "number") return new Tensor(new Float64Array([x]), [], "float64");
  if (isComplexLike(x)) return new Tensor(new Float64Array([x.re, x.im]), [], "complex128");
  throw new DtypeError(
    `${op}: expected a Tensor, a number or a complex { re, im }, got ${describe(x)}`,
  );
}

/**
 * `x` if it is a Tensor, else an ArgumentError naming the op and the argument.
 * @example
 * tensorArg(tensor([1]), "relu"); // the tensor
 * tensorArg([1], "relu"); // throws ArgumentError: relu: x must be a Tensor, got [1]
 */
export function tensorArg(x: unknown, op: string, name = "x"): Tensor {
  if (x instanceof Tensor) return x;
  throw new ArgumentError(`${op}: ${name} must be a Tensor, got ${describe(x)}`);
}

/**
 * `v` if it is an array, else an ArgumentError naming the op, the argument and what it holds.
 * @example
 * arrayArg([2, 3], "reshape", "shape", "integers"); // [2, 3]
 */
export function arrayArg<T>(v: readonly T[], op: string, name: string, of: string): readonly T[] {
  if (Array.isArray(v)) return v;
  throw new ArgumentError(`${op}: ${name} must be an array of ${of}, got ${describe(v)}`);
}

/**
 * Throws a DtypeError unless `x` is float64 (for ops with no complex meaning).
 * @example
 * requireReal(tensor([1, 2]), "relu"); // ok
 * requireReal(tensor([1, 2]).toComplex(), "relu"); // throws DtypeError
 */
export function requireReal(x: Tensor, op: string): void {
  if (x.dtype !== "float64") {
    throw new DtypeError(
      `${op}: expected a float64 tensor, got dtype ${x.dtype} (shape [${x.shape.join(", ")}])`,
    );
  }
}

/**
 * A new zero tensor.
 * @example
 * zerosOf([2, 2], "complex128").data.length; // 8
 */
export function zerosOf(shape: readonly number[], dtype: DType): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  return new Tensor(new Float64Array(dtype === "complex128" ? 2 * n : n), shape, dtype);
}

/**
 * `out[i] = src[map[i]]` over elements (two doubles per element when complex).
 * @example
 * gatherData(new Float64Array([10, 20, 30]), Int32Array.of(2, 0), false); // [30, 10]
 */
export function gatherData(src: Float64Array, map: Int32Array, complex: boolean): Float64Array {
  const n = map.length;
  if (!complex) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[map[i]!]!;
    return out;
  }
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const j = 2 * map[i]!;
    out[2 * i] = src[j]!;
    out[2 * i + 1] = src[j + 1]!;
  }
  return out;
}

/**
 * `dst[map[i]] += src[i]` over elements (the adjoint of gatherData).
 * @example
 * const dst = new Float64Array(3);
 * scatterAdd(dst, Int32Array.of(2, 2), new Float64Array([1, 2]), false); // dst = [0, 0, 3]
 */
export function scatterAdd(
  dst: Float64Array,
  map: Int32Array,
  src: Float64Array,
  complex: boolean,
): void {
  const n = map.length;
  if (!complex) {
    for (let i = 0; i < n; i++) dst[map[i]] += src[i];
    return;
  }
  for (let i = 0; i < n; i++) {
    const j = 2 * map[i]!;
    dst[j] += src[2 * i]!;
    dst[j + 1] += src[2 * i + 1]!;
  }
}

/**
 * A complex128 copy of real data (imaginary parts zero).
 * @example
 * promoteData(new Float64Array([1, 2])); // [1, 0, 2, 0]
 */
export function promoteData(src: Float64Array): Float64Array {
  const out = new Float64Array(2 * src.length);
  for (let i = 0; i < src.length; i++) out[2 * i] = src[i]!;
  return out;
}
