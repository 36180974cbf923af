/**
 * Elementwise primitives, forward kernel and gradient rule side by side. Binary ops broadcast
 * (NumPy rules) and promote float64 to complex128; their rules return full-shape cotangents and
 * the engine sums them down. Holomorphic ops pass back `g * conj(f'(z))` (PyTorch's convention),
 * which for real tensors is just `g * f'(x)`.
 */
import { DtypeError } from "../../errors.js";
import { type Nested, tensor } from "../creation.js";
import { broadcastIndex, broadcastShapes, sameShape, sizeOf } from "../shape.js";
import { Tensor, type TensorLike } from "../tensor.js";
import { type GradRule, record } from "./record.js";
import { asTensor, gatherData, promoteData, requireReal, tensorArg } from "./util.js";

// ------------------------------------------------------------------ binary

type BinaryOp = "add" | "sub" | "mul" | "div" | "pow";

/** Data of `x` broadcast to `shape` and promoted to complex when `complex`. */
function operand(x: Tensor, shape: readonly number[], complex: boolean): Float64Array {
  let d = x.data;
  const xc = x.dtype === "complex128";
  if (!sameShape(x.shape, shape)) d = gatherData(d, broadcastIndex(shape, x.shape), xc);
  if (complex && !xc) d = promoteData(d);
  return d;
}

function binary(op: BinaryOp, aIn: TensorLike, bIn: TensorLike): Tensor {
  const a = asTensor(aIn, op);
  const b = asTensor(bIn, op);
  const shape = broadcastShapes(a.shape, b.shape, op);
  const complex = a.dtype === "complex128" || b.dtype === "complex128";
  const x = operand(a, shape, complex);
  const y = operand(b, shape, complex);
  const n = sizeOf(shape);
  const o = new Float64Array(complex ? 2 * n : n);
  if (!complex) {
    switch (op) {
      case "add":
        for (let i = 0; i < n; i++) o[i] = x[i] + y[i];
        break;
      case "sub":
        for (let i = 0; i < n; i++) o[i] = x[i] - y[i];
        break;
      case "mul":
        for (let i = 0; i < n; i++) o[i] = x[i] * y[i];
        break;
      case "div":
        for (let i = 0; i < n; i++) o[i] = x[i] / y[i];
        break;
      case "pow":
        for (let i = 0; i < n; i++) o[i] = Math.pow(x[i], y[i]);
        break;
    }
  } else {
    switch (op) {
      case "add":
        for (let i = 0; i < 2 * n; i++) o[i] = x[i] + y[i];
        break;
      case "sub":
        for (let i = 0; i < 2 * n; i++) o[i] = x[i] - y[i];
        break;
      case "mul":
        for (let i = 0; i < 2 * n; i += 2) {
          const ar = x[i];
          const ai = x[i + 1];
          const br = y[i];
          const bi = y[i + 1];
          o[i] = ar * br - ai * bi;
          o[i + 1] = ar * bi + ai * br;
        }
        break;
      case "div":
        for (let i = 0; i < 2 * n; i += 2) {
          const ar = x[i];
          const ai = x[i + 1];
          const br = y[i];
          const bi = y[i + 1];
          const den = br * br + bi * bi;
          o[i] = (ar * br + ai * bi) / den;
          o[i + 1] = (ai * br - ar * bi) / den;
        }
        break;
      case "pow":
        throw new DtypeError(
          "pow: complex operands need a number exponent (use pow(z, p) with p a number)",
        );
    }
  }
  return record(op, [a, b], new Tensor(o, shape, complex ? "complex128" : "float64"));
}

/**
 * Elementwise a + b with broadcasting; numbers are scalars.
 * @example
 * add(tensor([1, 2]), 1).toArray(); // [2, 3]
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  return binary("add", a, b);
}
/**
 * Elementwise a - b with broadcasting.
 * @example
 * sub(tensor([3]), tensor([1])).item(); // 2
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return binary("sub", a, b);
}
/**
 * Elementwise a * b with broadcasting.
 * @example
 * mul(tensor([2, 3]), 2).toArray(); // [4, 6]
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary("mul", a, b);
}
/**
 * Elementwise a / b with broadcasting.
 * @example
 * div(tensor([1]), 4).item(); // 0.25
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary("div", a, b);
}
/**
 * Elementwise a ** b. Real tensors take any exponent tensor; a complex base takes a number
 * exponent (principal branch, exp(p log z)).
 * @example
 * pow(tensor([2, 3]), 2).toArray(); // [4, 9]
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const at = asTensor(a, "pow");
  if (at.dtype === "complex128") {
    if (typeof b !== "number") throw new DtypeError("pow: a complex base needs a number exponent");
    if (b === 2) return mul(at, at);
    if (b === 1) return clone(at);
    return exp(mul(log(at), b));
  }
  return binary("pow", at, b);
}

const binaryRules: Record<BinaryOp, GradRule> = {
  add: (g) => [g, g],
  sub: (g) => [g, neg(g)],
  mul: (g, { inputs: [a, b] }) => [
    a!.requiresGrad ? mul(g, conj(b!)) : null,
    b!.requiresGrad ? mul(g, conj(a!)) : null,
  ],
  div: (g, { inputs: [, b], output }) => [
    div(g, conj(b!)),
    b!.requiresGrad ? neg(mul(g, conj(div(output, b!)))) : null,
  ],
  pow: (g, { inputs: [a, b], output }) => {
    const ga = a!.requiresGrad ? mul(g, mul(b!, pow(a!, sub(b!, 1)))) : null;
    let gb: Tensor | null = null;
    if (b!.requiresGrad) {
      // d/db a^b = a^b log a; taken as 0 where a = 0 (and b >= 0), as PyTorch does
      const shape = output.shape;
      const ad = operand(a!, shape, false);
      const od = output.data;
      const gd = operand(g, shape, false);
      const r = new Float64Array(od.length);
      for (let i = 0; i < r.length; i++) r[i] = ad[i] === 0 ? 0 : gd[i] * od[i] * Math.log(ad[i]);
      gb = new Tensor(r, shape);
    }
    return [ga, gb];
  },
};

// ------------------------------------------------------------------ unary

type UnaryOp = "neg" | "clone" | "exp" | "log" | "sqrt" | "sin" | "cos" | "tanh" | "sigmoid";

// scratch for complex kernels (no allocation per element)
let cr = 0;
let ci = 0;

type ComplexFn = (re: number, im: number) => void;
const cexp: ComplexFn = (re, im) => {
  const e = Math.exp(re);
  cr = e * Math.cos(im);
  ci = e * Math.sin(im);
};
const clog: ComplexFn = (re, im) => {
  cr = Math.log(Math.hypot(re, im));
  ci = Math.atan2(im, re);
};
const csqrt: ComplexFn = (re, im) => {
  const r = Math.hypot(re, im);
  const s = Math.sqrt((r + Math.abs(re)) / 2);
  if (s === 0) {
    cr = 0;
    ci = 0;
  } else if (re >= 0) {
    cr = s;
    ci = im / (2 * s);
  } else {
    cr = Math.abs(im) / (2 * s);
    ci = im < 0 || Object.is(im, -0) ? -s : s;
  }
};
const csin: ComplexFn = (re, im) => {
  cr = Math.sin(re) * Math.cosh(im);
  ci = Math.cos(re) * Math.sinh(im);
};
const ccos: ComplexFn = (re, im) => {
  cr = Math.cos(re) * Math.cosh(im);
  ci = -Math.sin(re) * Math.sinh(im);
};
const ctanh: ComplexFn = (re, im) => {
  if (Math.abs(re) > 20) {
    cr = Math.sign(re);
    ci = 0;
    return;
  }
  const den = Math.cosh(2 * re) + Math.cos(2 * im);
  cr = Math.sinh(2 * re) / den;
  ci = Math.sin(2 * im) / den;
};
const csigmoid: ComplexFn = (re, im) => {
  // 1 / (1 + e^-z)
  const e = Math.exp(-re);
  const dr = 1 + e * Math.cos(-im);
  const di = e * Math.sin(-im);
  const den = dr * dr + di * di;
  cr = dr / den;
  ci = -di / den;
};

const sigmoidReal = (x: number): number =>
  x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));

const unaryKernels: Record<UnaryOp, [(x: number) => number, ComplexFn]> = {
  neg: [
    (x) => -x,
    (re, im) => {
      cr = -re;
      ci = -im;
    },
  ],
  clone: [
    (x) => x,
    (re, im) => {
      cr = re;
      ci = im;
    },
  ],
  exp: [Math.exp, cexp],
  log: [Math.log, clog],
  sqrt: [Math.sqrt, csqrt],
  sin: [Math.sin, csin],
  cos: [Math.cos, ccos],
  tanh: [Math.tanh, ctanh],
  sigmoid: [sigmoidReal, csigmoid],
};

function mapReal(x: Tensor, f: (v: number) => number): Float64Array {
  const d = x.data;
  const o = new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) o[i] = f(d[i]);
  return o;
}

function unary(op: UnaryOp, x: Tensor): Tensor {
  const [fr, fc] = unaryKernels[op];
  let o: Float64Array;
  if (x.dtype === "float64") o = mapReal(x, fr);
  else {
    const d = x.data;
    o = new Float64Array(d.length);
    for (let i = 0; i < d.length; i += 2) {
      fc(d[i], d[i + 1]);
      o[i] = cr;
      o[i + 1] = ci;
    }
  }
  return record(op, [x], new Tensor(o, x.shape, x.dtype));
}

/** Elementwise -x. @example neg(tensor([1])).item(); // -1 */
export function neg(x: TensorLike): Tensor {
  return unary("neg", asTensor(x, "neg"));
}
/** A differentiable copy. @example clone(x) */
export function clone(x: Tensor): Tensor {
  tensorArg(x, "clone");
  return unary("clone", x);
}
/** Elementwise e^x (complex too). @example exp(tensor([0])).item(); // 1 */
export function exp(x: TensorLike): Tensor {
  return unary("exp", asTensor(x, "exp"));
}
/** Natural log (complex: principal branch). @example log(tensor([1])).item(); // 0 */
export function log(x: TensorLike): Tensor {
  return unary("log", asTensor(x, "log"));
}
/** Square root (complex: principal branch). @example sqrt(tensor([4])).item(); // 2 */
export function sqrt(x: TensorLike): Tensor {
  return unary("sqrt", asTensor(x, "sqrt"));
}
/** Elementwise sine (complex too). @example sin(tensor([0])).item(); // 0 */
export function sin(x: TensorLike): Tensor {
  return unary("sin", asTensor(x, "sin"));
}
/** Elementwise cosine (complex too). @example cos(tensor([0])).item(); // 1 */
export function cos(x: TensorLike): Tensor {
  return unary("cos", asTensor(x, "cos"));
}
/** Hyperbolic tangent (complex too). @example tanh(tensor([0])).item(); // 0 */
export function tanh(x: TensorLike): Tensor {
  return unary("tanh", asTensor(x, "tanh"));
}
/** Logistic sigmoid 1/(1+e^-x), numerically stable (complex too). @example sigmoid(tensor([0])).item(); // 0.5 */
export function sigmoid(x: TensorLike): Tensor {
  return unary("sigmoid", asTensor(x, "sigmoid"));
}

const unaryRules: Record<UnaryOp, GradRule> = {
  neg: (g) => [neg(g)],
  clone: (g) => [g],
  exp: (g, { output }) => [mul(g, conj(output))],
  log: (g, { inputs: [x] }) => [div(g, conj(x!))],
  sqrt: (g, { output }) => [div(g, mul(conj(output), 2))],
  sin: (g, { inputs: [x] }) => [mul(g, conj(cos(x!)))],
  cos: (g, { inputs: [x] }) => [neg(mul(g, conj(sin(x!))))],
  tanh: (g, { output }) => [mul(g, conj(sub(1, mul(output, output))))],
  sigmoid: (g, { output }) => [mul(g, conj(mul(output, sub(1, output))))],
};

// ------------------------------------------------------------------ real-only activations

type RealOp = "relu" | "leakyRelu" | "gelu" | "softplus" | "clamp";

/**
 * erf to ~1e-15: Taylor series for |x| < 3, continued fraction for erfc beyond.
 * @example
 * erf(0); // 0
 * erf(1); // 0.84270079294971...
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 3) {
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(a) = exp(-a^2)/sqrt(pi) * 1/(a + 1/2/(a + 1/(a + 3/2/(a + ...)))) (Lentz)
  let f = a;
  let c = a;
  let d = 0;
  for (let k = 1; k < 200; k++) {
    const ak = k / 2;
    d = a + ak * d;
    d = d === 0 ? 1e-300 : 1 / d;
    c = a + ak / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
  return x > 0 ? 1 - erfc : erfc - 1;
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const phiCdf = (x: number): number => 0.5 * (1 + erf(x * SQRT1_2));

function realUnary(op: RealOp, x: Tensor, f: (v: number) => number, attrs?: unknown): Tensor {
  requireReal(x, op);
  return record(op, [x], new Tensor(mapReal(x, f), x.shape), attrs);
}

/** max(x, 0). @example relu(tensor([-1, 2])).toArray(); // [0, 2] */
export function relu(x: Tensor): Tensor {
  tensorArg(x, "relu");
  return realUnary("relu", x, (v) => Math.max(v, 0));
}
/** x for x > 0, slope * x otherwise. @example leakyRelu(tensor([-1]), 0.1).item(); // -0.1 */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  tensorArg(x, "leakyRelu");
  return realUnary("leakyRelu", x, (v) => (v > 0 ? v : slope * v), slope);
}
/** Exact GELU, x * Phi(x) (PyTorch's default). @example gelu(tensor([0])).item(); // 0 */
export function gelu(x: Tensor): Tensor {
  tensorArg(x, "gelu");
  return realUnary("gelu", x, (v) => v * phiCdf(v));
}
/** log(1 + e^x), stable. @example softplus(tensor([0])).item(); // Math.log(2) */
export function softplus(x: Tensor): Tensor {
  tensorArg(x, "softplus");
  return realUnary("softplus", x, (v) =>
    v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)),
  );
}
/**
 * Clamps into [min, max] (either bound optional).
 * @example
 * clamp(tensor([-2, 0.5, 3]), 0, 1).toArray(); // [0, 0.5, 1]
 */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  tensorArg(x, "clamp");
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  return realUnary("clamp", x, (v) => Math.min(Math.max(v, lo), hi), [lo, hi]);
}

function maskGrad(g: Tensor, x: Tensor, df: (v: number) => number): Tensor {
  return mul(g, new Tensor(mapReal(x, df), x.shape));
}

const realRules: Record<RealOp, GradRule> = {
  relu: (g, { inputs: [x] }) => [maskGrad(g, x!, (v) => (v > 0 ? 1 : 0))],
  leakyRelu: (g, { inputs: [x], attrs }) => [
    maskGrad(g, x!, (v) => (v > 0 ? 1 : (attrs as number))),
  ],
  gelu: (g, { inputs: [x] }) => [
    maskGrad(g, x!, (v) => phiCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v)),
  ],
  softplus: (g, { inputs: [x] }) => [maskGrad(g, x!, sigmoidReal)],
  clamp: (g, { inputs: [x], attrs }) => {
    const [lo, hi] = attrs as [number, number];
    return [maskGrad(g, x!, (v) => (v >= lo && v <= hi ? 1 : 0))];
  },
};

// ------------------------------------------------------------------ complex parts

type PartOp = "abs" | "conj" | "real" | "imag" | "complex";

/**
 * |x| (complex: the modulus, a float64 tensor).
 * @example
 * abs(tensor([[3, 4]], { dtype: "complex128" })).item(); // 5
 */
export function abs(x: TensorLike): Tensor {
  const t = asTensor(x, "abs");
  const d = t.data;
  let o: Float64Array;
  if (t.dtype === "float64") o = mapReal(t, Math.abs);
  else {
    o = new Float64Array(d.length / 2);
    for (let i = 0; i < o.length; i++) o[i] = Math.hypot(d[2 * i], d[2 * i + 1]);
  }
  return record("abs", [t], new Tensor(o, t.shape));
}
/** Complex conjugate (the tensor itself for float64). @example conj(z) */
export function conj(x: Tensor): Tensor {
  tensorArg(x, "conj");
  if (x.dtype === "float64") return x;
  const d = x.data;
  const o = new Float64Array(d.length);
  for (let i = 0; i < d.length; i += 2) {
    o[i] = d[i];
    o[i + 1] = -d[i + 1];
  }
  return record("conj", [x], new Tensor(o, x.shape, "complex128"));
}
/** Real part, float64 (the tensor itself for float64). @example real(z) */
export function real(x: Tensor): Tensor {
  tensorArg(x, "real");
  if (x.dtype === "float64") return x;
  const d = x.data;
  const o = new Float64Array(d.length / 2);
  for (let i = 0; i < o.length; i++) o[i] = d[2 * i];
  return record("real", [x], new Tensor(o, x.shape));
}
/** Imaginary part, float64 (zeros for float64). @example imag(z) */
export function imag(x: Tensor): Tensor {
  tensorArg(x, "imag");
  const d = x.data;
  const complex = x.dtype === "complex128";
  const o = new Float64Array(complex ? d.length / 2 : d.length);
  if (complex) for (let i = 0; i < o.length; i++) o[i] = d[2 * i + 1];
  return record("imag", [x], new Tensor(o, x.shape));
}
/**
 * re + i im from two float64 tensors (broadcast).
 * @example
 * complex(tensor([1]), tensor([2])).toArray(); // [[1, 2]]
 */
export function complex(re: TensorLike, im: TensorLike): Tensor {
  const a = asTensor(re, "complex");
  const b = asTensor(im, "complex");
  if (a.dtype !== "float64" || b.dtype !== "float64") {
    throw new DtypeError(`complex: re and im must be float64, got ${a.dtype} and ${b.dtype}`);
  }
  const shape = broadcastShapes(a.shape, b.shape, "complex");
  const x = operand(a, shape, false);
  const y = operand(b, shape, false);
  const o = new Float64Array(2 * x.length);
  for (let i = 0; i < x.length; i++) {
    o[2 * i] = x[i];
    o[2 * i + 1] = y[i];
  }
  return record("complex", [a, b], new Tensor(o, shape, "complex128"));
}

const partRules: Record<PartOp, GradRule> = {
  abs: (g, { inputs: [x] }) => {
    const t = x!;
    if (t.dtype === "float64") return [maskGrad(g, t, Math.sign)];
    // d|z| for the stored convention: g * z / |z| (0 at z = 0)
    const d = t.data;
    const u = new Float64Array(d.length);
    for (let i = 0; i < d.length; i += 2) {
      const r = Math.hypot(d[i], d[i + 1]);
      if (r > 0) {
        u[i] = d[i] / r;
        u[i + 1] = d[i + 1] / r;
      }
    }
    return [mul(g, new Tensor(u, t.shape, "complex128"))];
  },
  conj: (g) => [conj(g)],
  real: (g) => [g],
  imag: (g) => [complex(zerosLikeReal(g), real(g))],
  complex: (g) => [real(g), imag(g)],
};

function zerosLikeReal(g: Tensor): Tensor {
  return new Tensor(new Float64Array(g.size), g.shape);
}

// ------------------------------------------------------------------ where

/**
 * Picks `a` where `cond` is nonzero, else `b` (all three broadcast).
 * @example
 * where(tensor([1, 0]), tensor([1, 2]), 0).toArray(); // [1, 0]
 */
export function where(cond: Tensor | readonly unknown[], a: TensorLike, b: TensorLike): Tensor {
  const c = cond instanceof Tensor ? cond : tensor(cond as Nested);
  requireReal(c, "where (cond)");
  const at = asTensor(a, "where");
  const bt = asTensor(b, "where");
  const shape = broadcastShapes(broadcastShapes(c.shape, at.shape, "where"), bt.shape, "where");
  const complex = at.dtype === "complex128" || bt.dtype === "complex128";
  const m = operand(c, shape, false);
  const x = operand(at, shape, complex);
  const y = operand(bt, shape, complex);
  const o = new Float64Array(x.length);
  const w = complex ? 2 : 1;
  for (let i = 0; i < m.length; i++) {
    const src = m[i] !== 0 ? x : y;
    for (let k = 0; k < w; k++) o[w * i + k] = src[w * i + k];
  }
  return record("where", [c, at, bt], new Tensor(o, shape, complex ? "complex128" : "float64"), m);
}

const whereRules: Record<"where", GradRule> = {
  where: (g, { output, attrs }) => {
    const m = attrs as Float64Array;
    const mask = new Tensor(
      m.map((v) => (v !== 0 ? 1 : 0)),
      output.shape,
    );
    const inv = new Tensor(
      m.map((v) => (v !== 0 ? 0 : 1)),
      output.shape,
    );
    return [null, mul(g, mask), mul(g, inv)];
  },
};

/** The gradient rules of this file. */
export const elementwiseRules: Record<BinaryOp | UnaryOp | RealOp | PartOp | "where", GradRule> = {
  ...binaryRules,
  ...unaryRules,
  ...realRules,
  ...partRules,
  ...whereRules,
};
