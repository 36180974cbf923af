/**
 * The `Tensor`: a contiguous row-major Float64Array with a shape and a dtype (`float64`, or
 * `complex128` stored interleaved re/im, so `data.length === 2 * size`), plus the autograd fields.
 * Every op returns a new tensor (no strided views); methods delegate to the functional ops.
 */
import ndarray, { type NdArray } from "ndarray";
import { Complex, type ComplexLike } from "../complex.js";
import { ArgumentError, DtypeError, describe } from "../errors.js";
import { type Differentiable, type GradNode, runBackward, runBackwardAsync } from "./autograd.js";
import { formatComplex, formatReal, INSPECT_CUSTOM, leadingValues } from "./format.js";
import * as F from "./ops/index.js";
import { checkShape, sizeOf } from "./shape.js";

/** Element type: real doubles or complex doubles (interleaved re/im). */
export type DType = "float64" | "complex128";

/**
 * A tensor, a plain number (a real scalar) or a complex scalar (a complex.js `Complex` or any
 * `{ re, im }`), accepted wherever an op takes an operand: `t.mul(new Complex(0, 1))`.
 */
export type TensorLike = Tensor | number | ComplexLike;

/** Per-axis slice spec: a number selects (and drops) the axis, `[start, stop?, step?]` keeps it, null keeps all. */
export type SliceSpec = number | null | readonly [number?, number?, number?];

/**
 * An n-dimensional array of float64 or complex128 values that records the ops applied to it
 * when `requiresGrad` is set.
 * @example
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * x.mul(x).sum().backward();
 * x.grad!.toArray(); // [[2, 4], [6, 8]]
 */
export class Tensor implements Differentiable {
  /** Axis sizes; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** Element type: `"float64"` or `"complex128"`. */
  readonly dtype: DType;
  /** Contiguous row-major values; complex128 interleaved (length 2 * size). */
  data: Float64Array;
  /** Whether ops on this tensor are recorded for `backward()`. */
  requiresGrad: boolean;
  /** Gradient accumulated by `backward()`; null until then or after `zeroGrad()`. */
  grad: Tensor | null = null;
  /** The op that produced this tensor in the autograd graph; null for leaves. */
  gradFn: GradNode | null = null;

  /**
   * Wraps `data` (no copy). Prefer `tensor()` / `fromData()`.
   * @example
   * new Tensor(new Float64Array([1, 2]), [2]);
   */
  constructor(
    data: Float64Array,
    shape: readonly number[],
    dtype: DType = "float64",
    requiresGrad = false,
  ) {
    checkShape(shape);
    if (dtype !== "float64" && dtype !== "complex128") {
      throw new DtypeError(`dtype must be "float64" or "complex128", got ${JSON.stringify(dtype)}`);
    }
    const need = sizeOf(shape) * (dtype === "complex128" ? 2 : 1);
    if (!(data instanceof Float64Array) || data.length !== need) {
      throw new ArgumentError(
        `data must be a Float64Array of length ${need} for shape [${shape.join(", ")}] (${dtype}), got ${data?.length}`,
      );
    }
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.requiresGrad = requiresGrad;
  }

  /** A one-element tensor of ones with the dtype of `t` (the default backward seed). */
  static onesLikeValue(t: Tensor): Tensor {
    if (!(t instanceof Tensor))
      throw new ArgumentError(`onesLikeValue: expected a Tensor, got ${describe(t)}`);
    const d = new Float64Array(t.data.length);
    d[0] = 1;
    return new Tensor(d, t.shape, t.dtype);
  }

  /** The number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** The number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Whether the dtype is complex128. */
  get isComplex(): boolean {
    return this.dtype === "complex128";
  }

  /** Whether this tensor is a leaf of the graph (not produced by a recorded op). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /**
   * The value of a one-element tensor (the real part for complex; use `toArray()` for both parts).
   * @example
   * tensor([[3]]).item(); // 3
   */
  item(): number {
    if (this.size !== 1) {
      throw new ArgumentError(
        `item() needs a one-element tensor, got shape [${this.shape.join(", ")}]`,
      );
    }
    return this.data[0]!;
  }

  /**
   * The value of a one-element tensor as a complex.js `Complex` (imaginary part 0 for float64).
   * @example
   * tensor([[0, 1]], { dtype: "complex128" }).complexItem(); // Complex { re: 0, im: 1 }
   */
  complexItem(): Complex {
    if (this.size !== 1) {
      throw new ArgumentError(
        `complexItem() needs a one-element tensor, got shape [${this.shape.join(", ")}]`,
      );
    }
    return new Complex(this.data[0]!, this.isComplex ? this.data[1]! : 0);
  }

  /**
   * The values as an ndarray (scijs) of the tensor's shape, over a copy of the data (writing to
   * it does not change the tensor). complex128 data gets a trailing dimension of 2, real and
   * imaginary parts: element `[i, j]` of a complex [m, n] tensor is `a.get(i, j, 0)` +
   * i `a.get(i, j, 1)` in an ndarray of shape [m, n, 2]. Row-major (C order) strides.
   * @example
   * const a = tensor([[1, 2], [3, 4]]).toNdarray();
   * a.get(1, 0); // 3
   */
  toNdarray(): NdArray<Float64Array> {
    const shape = this.isComplex ? [...this.shape, 2] : [...this.shape];
    return ndarray(Float64Array.from(this.data), shape);
  }

  /**
   * Nested arrays of numbers; complex elements as `[re, im]` pairs.
   * @example
   * tensor([1, 2]).toArray(); // [1, 2]
   */
  // biome-ignore lint/suspicious/noExplicitAny: nested arrays of any depth (the public contract)
  toArray(): any {
    const c = this.isComplex;
    const d = this.data;
    const build = (dim: number, off: number): unknown => {
      if (dim === this.shape.length) return c ? [d[2 * off]!, d[2 * off + 1]!] : d[off]!;
      const n = this.shape[dim]!;
      const stride = sizeOf(this.shape.slice(dim + 1));
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = build(dim + 1, off + i * stride);
      return out;
    };
    return build(0, 0);
  }

  /**
   * Shape, dtype, autograd role and the leading values (at most 8, then "..."), e.g.
   * `Tensor(shape=[2,3], dtype=float64, requiresGrad) [[1, 2, 3], [4, 5, 6]]`; what
   * `console.log` prints too.
   * @example
   * String(tensor([1.5, 2])); // "Tensor(shape=[2], dtype=float64) [1.5, 2]"
   */
  toString(): string {
    const header = [`shape=[${this.shape.join(",")}]`, `dtype=${this.dtype}`];
    if (this.gradFn !== null) header.push(`gradFn=${this.gradFn.name}`);
    else if (this.requiresGrad) header.push("requiresGrad");
    const d = this.data;
    const element = this.isComplex
      ? (i: number) => formatComplex(d[2 * i]!, d[2 * i + 1]!, 6)
      : (i: number) => formatReal(d[i]!, 6);
    return `Tensor(${header.join(", ")}) ${leadingValues(this.shape, element)}`;
  }

  /** What `console.log` and `util.inspect` print in Node: `toString()`. */
  [INSPECT_CUSTOM](): string {
    return this.toString();
  }

  /**
   * Back-propagates from this tensor; `gradient` is required unless it has one element.
   * @example
   * x.mul(x).sum().backward();
   */
  backward(gradient?: Tensor): void {
    runBackward(this, gradient);
  }

  /**
   * Like `backward`, awaiting graph nodes that read results back asynchronously (the webgpu
   * backend's circuits and `expecValAsync`). On cpu it gives exactly what `backward` gives.
   * @example
   * const loss = await expecValAsync(circuit.forward(), H);
   * await loss.backwardAsync();
   */
  backwardAsync(gradient?: Tensor): Promise<void> {
    return runBackwardAsync(this, gradient);
  }

  /**
   * The same values, cut from the graph (shares data).
   * @example
   * const y = x.detach(); // y.requiresGrad === false
   */
  detach(): Tensor {
    return new Tensor(this.data, this.shape, this.dtype);
  }

  /**
   * A copy of the values (differentiable: gradients flow to this tensor).
   * @example
   * const y = x.clone();
   */
  clone(): Tensor {
    return F.clone(this);
  }

  /**
   * Sets `requiresGrad` in place and returns this tensor.
   * @example
   * const w = zeros([3]).requiresGrad_();
   */
  requiresGrad_(on = true): this {
    this.requiresGrad = on;
    return this;
  }

  /**
   * Clears `.grad`.
   * @example
   * w.zeroGrad();
   */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The complex128 version (imaginary parts zero); itself if already complex. */
  toComplex(): Tensor {
    return this.isComplex ? this : F.complex(this, 0);
  }

  // ---- functional ops as methods (see ops/ for docs)
  /** Elementwise `this + b`, broadcasting. See `add`. */
  add(b: TensorLike): Tensor {
    return F.add(this, b);
  }
  /** Elementwise `this - b`, broadcasting. See `sub`. */
  sub(b: TensorLike): Tensor {
    return F.sub(this, b);
  }
  /** Elementwise `this * b`, broadcasting. See `mul`. */
  mul(b: TensorLike): Tensor {
    return F.mul(this, b);
  }
  /** Elementwise `this / b`, broadcasting. See `div`. */
  div(b: TensorLike): Tensor {
    return F.div(this, b);
  }
  /** Elementwise `this ** b`, broadcasting. See `pow`. */
  pow(b: TensorLike): Tensor {
    return F.pow(this, b);
  }
  /** Elementwise negation. See `neg`. */
  neg(): Tensor {
    return F.neg(this);
  }
  /** Elementwise e^x. See `exp`. */
  exp(): Tensor {
    return F.exp(this);
  }
  /** Elementwise natural log. See `log`. */
  log(): Tensor {
    return F.log(this);
  }
  /** Elementwise square root. See `sqrt`. */
  sqrt(): Tensor {
    return F.sqrt(this);
  }
  /** Elementwise `this * this`. See `square`. */
  square(): Tensor {
    return F.square(this);
  }
  /** Elementwise absolute value (modulus for complex). See `abs`. */
  abs(): Tensor {
    return F.abs(this);
  }
  /** Elementwise sine. See `sin`. */
  sin(): Tensor {
    return F.sin(this);
  }
  /** Elementwise cosine. See `cos`. */
  cos(): Tensor {
    return F.cos(this);
  }
  /** Elementwise hyperbolic tangent. See `tanh`. */
  tanh(): Tensor {
    return F.tanh(this);
  }
  /** Elementwise logistic sigmoid. See `sigmoid`. */
  sigmoid(): Tensor {
    return F.sigmoid(this);
  }
  /** Elementwise max(x, 0). See `relu`. */
  relu(): Tensor {
    return F.relu(this);
  }
  /** Elementwise x for x > 0, else `slope * x`. See `leakyRelu`. */
  leakyRelu(slope = 0.01): Tensor {
    return F.leakyRelu(this, slope);
  }
  /** Elementwise GELU, x * Phi(x) with the exact normal CDF. See `gelu`. */
  gelu(): Tensor {
    return F.gelu(this);
  }
  /** Elementwise log(1 + e^x). See `softplus`. */
  softplus(): Tensor {
    return F.softplus(this);
  }
  /** Complex conjugate. See `conj`. */
  conj(): Tensor {
    return F.conj(this);
  }
  /** Real part as a float64 tensor. See `real`. */
  real(): Tensor {
    return F.real(this);
  }
  /** Imaginary part as a float64 tensor. See `imag`. */
  imag(): Tensor {
    return F.imag(this);
  }
  /** Clamps into [min, max] (either bound optional). See `clamp`. */
  clamp(min?: number, max?: number): Tensor {
    return F.clamp(this, min, max);
  }
  /** Matrix product with `b` (batched, broadcasting). See `matmul`. */
  matmul(b: Tensor): Tensor {
    return F.matmul(this, b);
  }
  /** Sum over `axes` (all when omitted). See `sum`. */
  sum(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.sum(this, axes, keepdim);
  }
  /** Mean over `axes` (all when omitted). See `mean`. */
  mean(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.mean(this, axes, keepdim);
  }
  /** Maximum over `axes` (all when omitted). See `max`. */
  max(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.max(this, axes, keepdim);
  }
  /** Minimum over `axes` (all when omitted). See `min`. */
  min(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.min(this, axes, keepdim);
  }
  /** Product over `axes` (all when omitted). See `prod`. */
  prod(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.prod(this, axes, keepdim);
  }
  /** Indices of the maxima along `axis` (not differentiable). See `argmax`. */
  argmax(axis: number): number[] {
    return F.argmax(this, axis);
  }
  /** Sums a (broadcast) tensor down to `shape`. */
  sumTo(shape: readonly number[], op = "sumTo"): Tensor {
    return F.sumTo(this, shape, op);
  }
  /** Same values with a new shape (one axis may be -1). See `reshape`. */
  reshape(shape: readonly number[]): Tensor {
    return F.reshape(this, shape);
  }
  /** Merges axes `startAxis..endAxis` into one. See `flatten`. */
  flatten(startAxis = 0, endAxis = -1): Tensor {
    return F.flatten(this, startAxis, endAxis);
  }
  /** Removes size-1 axes (or just `axis`). See `squeeze`. */
  squeeze(axis?: number): Tensor {
    return F.squeeze(this, axis);
  }
  /** Inserts a size-1 axis at `axis`. See `unsqueeze`. */
  unsqueeze(axis: number): Tensor {
    return F.unsqueeze(this, axis);
  }
  /** Broadcasts to `shape`. See `expand`. */
  expand(shape: readonly number[]): Tensor {
    return F.expand(this, shape);
  }
  /** Swaps two axes (default: the last two). See `transpose`. */
  transpose(axis0 = -2, axis1 = -1): Tensor {
    return F.transpose(this, axis0, axis1);
  }
  /** Reorders the axes. See `permute`. */
  permute(axes: readonly number[]): Tensor {
    return F.permute(this, axes);
  }
  /** Slices per axis with `SliceSpec`s. See `slice`. */
  slice(specs: readonly SliceSpec[]): Tensor {
    return F.slice(this, specs);
  }
  /** Selects index `i` of the first axis (dropping it). See `index`. */
  index(i: number): Tensor {
    return F.index(this, i);
  }
  /** Picks `indices` along `axis`. See `indexSelect`. */
  indexSelect(axis: number, indices: readonly number[]): Tensor {
    return F.indexSelect(this, axis, indices);
  }
  /** PyTorch-style gather along `axis`. See `gather`. */
  gather(axis: number, index: Tensor | readonly unknown[]): Tensor {
    return F.gather(this, axis, index);
  }
  /** Softmax along `axis`. See `softmax`. */
  softmax(axis = -1): Tensor {
    return F.softmax(this, axis);
  }
  /** Log of the softmax along `axis`. See `logSoftmax`. */
  logSoftmax(axis = -1): Tensor {
    return F.logSoftmax(this, axis);
  }
  /** Kronecker product with `b` (vectors or matrices). See `kron`. */
  kron(b: Tensor): Tensor {
    return F.kron(this, b);
  }
  /** Outer product with vector `b` (no conjugation). See `outer`. */
  outer(b: Tensor): Tensor {
    return F.outer(this, b);
  }
  /** Sum of the matrix diagonal. See `trace`. */
  trace(): Tensor {
    return F.trace(this);
  }
  /** A matrix's diagonal as a vector, or a vector as a diagonal matrix. See `diag`. */
  diag(): Tensor {
    return F.diag(this);
  }
}
