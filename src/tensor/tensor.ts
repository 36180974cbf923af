/**
 * The `Tensor`: a contiguous row-major Float64Array with a shape and a dtype (`float64`, or
 * `complex128` stored interleaved re/im, so `data.length === 2 * size`), plus the autograd fields.
 * Every op returns a new tensor (no strided views); methods delegate to the functional ops.
 */
import { ArgumentError, DtypeError } from "../errors.js";
import { type Differentiable, type GradNode, runBackward } from "./autograd.js";
import * as F from "./ops/index.js";
import { checkShape, sizeOf } from "./shape.js";

/** Element type: real doubles or complex doubles (interleaved re/im). */
export type DType = "float64" | "complex128";

/** A tensor or a plain number (a real scalar), accepted wherever an op takes an operand. */
export type TensorLike = Tensor | number;

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
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** Contiguous row-major values; complex128 interleaved (length 2 * size). */
  data: Float64Array;
  requiresGrad: boolean;
  grad: Tensor | null = null;
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
   * A readable rendering, e.g. `tensor([[1, 2], [3, 4]], requiresGrad=true)`.
   * @example
   * String(tensor([1.5, 2])); // "tensor([1.5, 2])"
   */
  toString(): string {
    const fmt = (x: number): string => {
      if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
      const a = Math.abs(x);
      return a !== 0 && (a < 1e-4 || a >= 1e6)
        ? x.toExponential(4)
        : String(Number(x.toPrecision(6)));
    };
    const el = (v: unknown): string => {
      if (!this.isComplex) return fmt(v as number);
      const [re, im] = v as [number, number];
      return `${fmt(re)}${im < 0 || Object.is(im, -0) ? "-" : "+"}${fmt(Math.abs(im))}i`;
    };
    const maxItems = 6;
    const render = (v: unknown, depth: number): string => {
      if (depth === this.shape.length) return el(v);
      const arr = v as unknown[];
      const items =
        arr.length > maxItems
          ? [
              ...arr.slice(0, 3).map((x) => render(x, depth + 1)),
              "...",
              ...arr.slice(-3).map((x) => render(x, depth + 1)),
            ]
          : arr.map((x) => render(x, depth + 1));
      const sep = depth < this.shape.length - 1 ? `,\n${" ".repeat(8 + depth)}` : ", ";
      return `[${items.join(sep)}]`;
    };
    const extras: string[] = [];
    if (this.isComplex) extras.push("dtype=complex128");
    if (this.requiresGrad)
      extras.push(this.gradFn ? `gradFn=${this.gradFn.name}` : "requiresGrad=true");
    return `tensor(${render(this.toArray(), 0)}${extras.length ? `, ${extras.join(", ")}` : ""})`;
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
  add(b: TensorLike): Tensor {
    return F.add(this, b);
  }
  sub(b: TensorLike): Tensor {
    return F.sub(this, b);
  }
  mul(b: TensorLike): Tensor {
    return F.mul(this, b);
  }
  div(b: TensorLike): Tensor {
    return F.div(this, b);
  }
  pow(b: TensorLike): Tensor {
    return F.pow(this, b);
  }
  neg(): Tensor {
    return F.neg(this);
  }
  exp(): Tensor {
    return F.exp(this);
  }
  log(): Tensor {
    return F.log(this);
  }
  sqrt(): Tensor {
    return F.sqrt(this);
  }
  square(): Tensor {
    return F.square(this);
  }
  abs(): Tensor {
    return F.abs(this);
  }
  sin(): Tensor {
    return F.sin(this);
  }
  cos(): Tensor {
    return F.cos(this);
  }
  tanh(): Tensor {
    return F.tanh(this);
  }
  sigmoid(): Tensor {
    return F.sigmoid(this);
  }
  relu(): Tensor {
    return F.relu(this);
  }
  leakyRelu(slope = 0.01): Tensor {
    return F.leakyRelu(this, slope);
  }
  gelu(): Tensor {
    return F.gelu(this);
  }
  softplus(): Tensor {
    return F.softplus(this);
  }
  conj(): Tensor {
    return F.conj(this);
  }
  real(): Tensor {
    return F.real(this);
  }
  imag(): Tensor {
    return F.imag(this);
  }
  clamp(min?: number, max?: number): Tensor {
    return F.clamp(this, min, max);
  }
  matmul(b: Tensor): Tensor {
    return F.matmul(this, b);
  }
  sum(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.sum(this, axes, keepdim);
  }
  mean(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.mean(this, axes, keepdim);
  }
  max(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.max(this, axes, keepdim);
  }
  min(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.min(this, axes, keepdim);
  }
  prod(axes?: number | readonly number[], keepdim = false): Tensor {
    return F.prod(this, axes, keepdim);
  }
  argmax(axis: number): number[] {
    return F.argmax(this, axis);
  }
  /** Sums a (broadcast) tensor down to `shape`. */
  sumTo(shape: readonly number[], op = "sumTo"): Tensor {
    return F.sumTo(this, shape, op);
  }
  reshape(shape: readonly number[]): Tensor {
    return F.reshape(this, shape);
  }
  flatten(startAxis = 0, endAxis = -1): Tensor {
    return F.flatten(this, startAxis, endAxis);
  }
  squeeze(axis?: number): Tensor {
    return F.squeeze(this, axis);
  }
  unsqueeze(axis: number): Tensor {
    return F.unsqueeze(this, axis);
  }
  expand(shape: readonly number[]): Tensor {
    return F.expand(this, shape);
  }
  transpose(axis0 = -2, axis1 = -1): Tensor {
    return F.transpose(this, axis0, axis1);
  }
  permute(axes: readonly number[]): Tensor {
    return F.permute(this, axes);
  }
  slice(specs: readonly SliceSpec[]): Tensor {
    return F.slice(this, specs);
  }
  index(i: number): Tensor {
    return F.index(this, i);
  }
  indexSelect(axis: number, indices: readonly number[]): Tensor {
    return F.indexSelect(this, axis, indices);
  }
  gather(axis: number, index: Tensor | readonly unknown[]): Tensor {
    return F.gather(this, axis, index);
  }
  softmax(axis = -1): Tensor {
    return F.softmax(this, axis);
  }
  logSoftmax(axis = -1): Tensor {
    return F.logSoftmax(this, axis);
  }
  kron(b: Tensor): Tensor {
    return F.kron(this, b);
  }
  outer(b: Tensor): Tensor {
    return F.outer(this, b);
  }
  trace(): Tensor {
    return F.trace(this);
  }
  diag(): Tensor {
    return F.diag(this);
  }
}
