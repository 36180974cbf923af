/**
 * Creating tensors: from nested arrays, from raw data, constant and range fillers, and seeded
 * random tensors (every random creator takes `{ seed }` or an `Rng`).
 */
import { ArgumentError, DtypeError, describe, ShapeError } from "../errors.js";
import { Rng, rngOption, toRng } from "../random.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { checkShape, sizeOf } from "./shape.js";
import { type DType, Tensor } from "./tensor.js";

/** Options of the creators. */
export interface TensorOptions {
  /** Element type (default float64; complex128 when the data holds `{ re, im }` leaves). */
  dtype?: DType;
  /** Record ops for `backward()` (default false). */
  requiresGrad?: boolean;
}

const TENSOR_OPTIONS = optionKeys<TensorOptions>({ dtype: true, requiresGrad: true });

/** Options of the random creators: a seed or a generator, plus dtype/requiresGrad. */
export interface RandomOptions extends TensorOptions {
  /** Seed of a fresh generator (ignored when `rng` is given). */
  seed?: number;
  /** Generator to draw from (advanced in place). */
  rng?: Rng;
}

const RANDOM_OPTIONS = optionKeys<RandomOptions>({
  dtype: true,
  requiresGrad: true,
  seed: true,
  rng: true,
});

/** Nested arrays of numbers (or booleans, or `{ re, im }` leaves). */
export type Nested =
  | number
  | boolean
  | {
      /** Real part. */
      re: number;
      /** Imaginary part. */
      im: number;
    }
  | readonly Nested[];

function isComplexLeaf(v: unknown): v is { re: number; im: number } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && "re" in v && "im" in v;
}

/**
 * A tensor from nested arrays (or a number, or a Float64Array as a vector). For complex128 the
 * innermost arrays are `[re, im]` pairs (or leaves may be `{ re, im }` objects, which imply
 * complex128).
 * @example
 * tensor([[1, 2], [3, 4]]);                          // float64 [2, 2]
 * tensor([[1, 0], [0, -1]], { dtype: "complex128" }); // complex128 [2]: 1, -i
 */
export function tensor(
  values: Nested | Float64Array | Tensor,
  options: TensorOptions = {},
): Tensor {
  checkArity(arguments.length, 2, "tensor");
  checkOptions(options, TENSOR_OPTIONS, "tensor");
  if (values instanceof Tensor) {
    const t = values.dtype === (options.dtype ?? values.dtype) ? values : values.toComplex();
    return new Tensor(Float64Array.from(t.data), t.shape, t.dtype, options.requiresGrad ?? false);
  }
  if (values instanceof Float64Array) {
    const dtype = options.dtype ?? "float64";
    const shape = dtype === "complex128" ? [values.length / 2] : [values.length];
    return new Tensor(Float64Array.from(values), shape, dtype, options.requiresGrad ?? false);
  }
  // shape from the first element at each depth
  const shape: number[] = [];
  let probe: unknown = values;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const objComplex = isComplexLeaf(probe);
  let dtype: DType = options.dtype ?? (objComplex ? "complex128" : "float64");
  if (dtype !== "float64" && dtype !== "complex128") {
    throw new DtypeError(
      `tensor: dtype must be "float64" or "complex128", got ${JSON.stringify(dtype)}`,
    );
  }
  const pairs = dtype === "complex128" && !objComplex;
  if (pairs) {
    if (shape[shape.length - 1] !== 2) {
      throw new ShapeError(
        `tensor: complex128 values need [re, im] pairs innermost, got shape [${shape.join(", ")}]`,
      );
    }
    shape.pop();
  }
  if (objComplex) dtype = "complex128";
  const n = sizeOf(shape);
  const data = new Float64Array(dtype === "complex128" ? 2 * n : n);
  let k = 0;
  const depth = shape.length + (pairs ? 1 : 0);
  const fullShape = pairs ? [...shape, 2] : shape;
  const walk = (v: unknown, d: number): void => {
    if (d === depth) {
      if (isComplexLeaf(v)) {
        if (dtype !== "complex128")
          throw new DtypeError("tensor: a complex value in a float64 tensor");
        data[k++] = v.re;
        data[k++] = v.im;
        return;
      }
      const x = typeof v === "boolean" ? (v ? 1 : 0) : v;
      if (typeof x !== "number")
        throw new ArgumentError(`tensor: expected a number, got ${JSON.stringify(v)}`);
      data[k++] = x;
      if (dtype === "complex128" && !pairs) data[k++] = 0;
      return;
    }
    if (!Array.isArray(v) || v.length !== fullShape[d]) {
      throw new ShapeError(
        `tensor: ragged nested array: expected length ${fullShape[d]} at depth ${d}, got ${JSON.stringify(v)}`,
      );
    }
    for (const u of v) walk(u, d + 1);
  };
  walk(values, 0);
  return new Tensor(data, shape, dtype, options.requiresGrad ?? false);
}

const FROM_DATA_OPTIONS = optionKeys<OptionsOf<typeof fromData, 3>>({ requiresGrad: true });

/**
 * Wraps a Float64Array (no copy) as a tensor of `shape`; complex128 data is interleaved.
 * @example
 * fromData(new Float64Array([1, 0, 0, 1]), [2], "complex128"); // [1, i]
 */
export function fromData(
  data: Float64Array,
  shape: readonly number[],
  dtype: DType = "float64",
  options: { requiresGrad?: boolean } = {},
): Tensor {
  checkArity(arguments.length, 4, "fromData");
  checkOptions(options, FROM_DATA_OPTIONS, "fromData");
  return new Tensor(data, shape, dtype, options.requiresGrad ?? false);
}

function filled(shape: readonly number[], value: number, options: TensorOptions): Tensor {
  checkShape(shape);
  const dtype = options.dtype ?? "float64";
  const n = sizeOf(shape);
  const data = new Float64Array(dtype === "complex128" ? 2 * n : n);
  if (value !== 0) {
    if (dtype === "complex128") for (let i = 0; i < n; i++) data[2 * i] = value;
    else data.fill(value);
  }
  return new Tensor(data, shape, dtype, options.requiresGrad ?? false);
}

/** Zeros. @example zeros([2, 3]) */
export function zeros(shape: readonly number[], options: TensorOptions = {}): Tensor {
  checkArity(arguments.length, 2, "zeros");
  checkOptions(options, TENSOR_OPTIONS, "zeros");
  return filled(shape, 0, options);
}
/** Ones. @example ones([2]) */
export function ones(shape: readonly number[], options: TensorOptions = {}): Tensor {
  checkArity(arguments.length, 2, "ones");
  checkOptions(options, TENSOR_OPTIONS, "ones");
  return filled(shape, 1, options);
}
/** A constant. @example full([2], 7) */
export function full(shape: readonly number[], value: number, options: TensorOptions = {}): Tensor {
  checkArity(arguments.length, 3, "full");
  checkOptions(options, TENSOR_OPTIONS, "full");
  if (
    !Number.isFinite(value) &&
    !Number.isNaN(value) &&
    Math.abs(value) !== Number.POSITIVE_INFINITY
  ) {
    throw new ArgumentError(`full: value must be a number, got ${value}`);
  }
  return filled(shape, value, options);
}
/** Zeros shaped like `t`. @example zerosLike(x) */
export function zerosLike(t: Tensor, options: TensorOptions = {}): Tensor {
  checkArity(arguments.length, 2, "zerosLike");
  checkOptions(options, TENSOR_OPTIONS, "zerosLike");
  if (!(t instanceof Tensor))
    throw new ArgumentError(`zerosLike: t must be a Tensor, got ${describe(t)}`);
  return filled(t.shape, 0, { dtype: t.dtype, ...options });
}
/** Ones shaped like `t`. @example onesLike(x) */
export function onesLike(t: Tensor, options: TensorOptions = {}): Tensor {
  checkArity(arguments.length, 2, "onesLike");
  checkOptions(options, TENSOR_OPTIONS, "onesLike");
  if (!(t instanceof Tensor))
    throw new ArgumentError(`onesLike: t must be a Tensor, got ${describe(t)}`);
  return filled(t.shape, 1, { dtype: t.dtype, ...options });
}

/**
 * The n x m identity (m = n by default).
 * @example
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 */
export function eye(n: number, m: number = n, options: TensorOptions = {}): Tensor {
  checkArity(arguments.length, 3, "eye");
  checkOptions(options, TENSOR_OPTIONS, "eye");
  const t = filled([n, m], 0, options);
  const w = t.isComplex ? 2 : 1;
  for (let i = 0; i < Math.min(n, m); i++) t.data[w * (i * m + i)] = 1;
  return t;
}

/**
 * start, start + step, ... below stop (one argument: 0..stop-1).
 * @example
 * arange(3).toArray(); // [0, 1, 2]
 */
export function arange(
  start: number,
  stop?: number,
  step = 1,
  options: TensorOptions = {},
): Tensor {
  checkArity(arguments.length, 4, "arange");
  checkOptions(options, TENSOR_OPTIONS, "arange");
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  if (!Number.isFinite(start) || !Number.isFinite(stop) || !Number.isFinite(step) || step === 0) {
    throw new ArgumentError(
      `arange: start ${start}, stop ${stop}, step ${step} must be finite with step != 0`,
    );
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const t = filled([n], 0, options);
  const w = t.isComplex ? 2 : 1;
  for (let i = 0; i < n; i++) t.data[w * i] = start + i * step;
  return t;
}

/**
 * `num` evenly spaced points from start to stop inclusive.
 * @example
 * linspace(0, 1, 3).toArray(); // [0, 0.5, 1]
 */
export function linspace(
  start: number,
  stop: number,
  num: number,
  options: TensorOptions = {},
): Tensor {
  checkArity(arguments.length, 4, "linspace");
  checkOptions(options, TENSOR_OPTIONS, "linspace");
  if (!Number.isInteger(num) || num < 0)
    throw new ArgumentError(`linspace: num must be a non-negative integer, got ${num}`);
  const t = filled([num], 0, options);
  const w = t.isComplex ? 2 : 1;
  for (let i = 0; i < num; i++)
    t.data[w * i] = num === 1 ? start : start + ((stop - start) * i) / (num - 1);
  return t;
}

function rngOf(options: RandomOptions | number | Rng | undefined): Rng {
  if (options instanceof Rng || typeof options === "number") return toRng(options);
  return rngOption(options?.rng, options?.seed, "random tensor");
}
function optsOf(options: RandomOptions | number | Rng | undefined): RandomOptions {
  return options instanceof Rng || typeof options === "number" || options === undefined
    ? {}
    : options;
}

function random(
  shape: readonly number[],
  options: RandomOptions | number | Rng | undefined,
  draw: (r: Rng) => number,
  where: string,
): Tensor {
  if (!(options instanceof Rng) && typeof options !== "number")
    checkOptions(options, RANDOM_OPTIONS, where);
  const rng = rngOf(options);
  const t = filled(shape, 0, optsOf(options));
  for (let i = 0; i < t.data.length; i++) t.data[i] = draw(rng); // complex: re and im each drawn
  return t;
}

/**
 * Uniform [0, 1) values, seeded (`{ seed }`, a seed number, or an Rng).
 * @example
 * rand([2, 2], { seed: 1 });
 */
export function rand(shape: readonly number[], options?: RandomOptions | number | Rng): Tensor {
  checkArity(arguments.length, 2, "rand");
  return random(shape, options, (r) => r.uniform(), "rand");
}
/**
 * Standard normal values, seeded. For complex128, re and im are each N(0, 1).
 * @example
 * randn([3], { seed: 1 });
 */
export function randn(shape: readonly number[], options?: RandomOptions | number | Rng): Tensor {
  checkArity(arguments.length, 2, "randn");
  return random(shape, options, (r) => r.normal(), "randn");
}
/**
 * Uniform [low, high) values, seeded.
 * @example
 * uniform([3], -1, 1, { seed: 1 });
 */
export function uniform(
  shape: readonly number[],
  low: number,
  high: number,
  options?: RandomOptions | number | Rng,
): Tensor {
  checkArity(arguments.length, 4, "uniform");
  if (!(high >= low)) throw new ArgumentError(`uniform: need low <= high, got ${low} and ${high}`);
  return random(shape, options, (r) => low + (high - low) * r.uniform(), "uniform");
}
