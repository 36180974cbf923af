/**
 * A support vector machine solved by SMO (sequential minimal optimization; pair selection by the
 * maximal violating pair with second-order step, as in Fan, Chen and Lin 2005 / libsvm) on the
 * kernel matrix: classical linear and RBF kernels, a precomputed matrix, or any object with
 * `matrix(a, b?)` such as `QuantumKernel`. More than two classes: one-vs-rest, the class with
 * the largest decision value wins.
 */
import { ArgumentError, ConvergenceError, describe, ShapeError } from "../errors.js";
import { fromData, type Tensor } from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { checkSampleMatrix } from "./datasets/dataset.js";

/** A kernel: the matrix [rows of a, rows of b] (b defaults to a). */
export interface KernelLike {
  matrix(a: Tensor, b?: Tensor): Tensor;
}

/** Options of {@link SVM}. */
export interface SvmOptions {
  /** Box constraint C > 0 (default 1; large C approaches the hard margin). */
  C?: number;
  /**
   * "rbf" (default), "linear", "precomputed" (fit and predict get kernel matrices: [n, n] and
   * [m, n] against the training samples) or a kernel object such as a QuantumKernel.
   */
  kernel?: "rbf" | "linear" | "precomputed" | KernelLike;
  /** RBF width: exp(-gamma |x - y|^2) (default 1 / features). */
  gamma?: number;
  /** Stopping tolerance on the KKT violation (default 1e-6). */
  tol?: number;
  /** Most SMO iterations per binary problem (default 100000). */
  maxIter?: number;
}

const SVM_OPTIONS = optionKeys<SvmOptions>({
  C: true,
  kernel: true,
  gamma: true,
  tol: true,
  maxIter: true,
});

/** A solved binary problem: dual coefficients alpha_i y_i and the offset. */
export interface BinarySvm {
  /** alpha_i * y_i for every training sample (zero off the support vectors). */
  readonly coef: Float64Array;
  /** Decision value f(x) = sum_i coef_i K(x_i, x) + b. */
  readonly b: number;
  /** SMO iterations taken. */
  readonly iterations: number;
}

/**
 * Solves the C-SVM dual min 1/2 a^T Q a - sum a, 0 <= a <= C, y^T a = 0 (Q_ij = y_i y_j K_ij) by
 * SMO. `K` is the n x n kernel matrix (row-major), `y` the labels +-1.
 * @example
 * const { coef, b } = smo(new Float64Array([1, -1, -1, 1]), new Float64Array([1, -1]), 10);
 */
export function smo(
  K: Float64Array,
  y: Float64Array,
  C: number,
  tol = 1e-6,
  maxIter = 100000,
): BinarySvm {
  checkArity(arguments.length, 5, "smo");
  if (!(y instanceof Float64Array) || y.some((v) => v !== 1 && v !== -1))
    throw new ArgumentError(
      `smo: y must be a Float64Array of labels +1 and -1, got ${describe(y)}`,
    );
  const n = y.length;
  if (!(K instanceof Float64Array) || K.length !== n * n)
    throw new ShapeError(
      `smo: K must be a Float64Array kernel matrix of ${n} x ${n}, got ${describe(K)}`,
    );
  for (const [name, v] of [
    ["C", C],
    ["tol", tol],
  ] as const)
    if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v))
      throw new ArgumentError(`smo: ${name} must be a positive number, got ${describe(v)}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new ArgumentError(`smo: maxIter must be a positive integer, got ${describe(maxIter)}`);
  const alpha = new Float64Array(n);
  const grad = new Float64Array(n).fill(-1); // gradient of the dual objective, Q a - 1
  const tau = 1e-12;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    // i: the most violating index in I_up; j: second-order choice in I_low
    let i = -1;
    let gMax = Number.NEGATIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      const up = y[t]! > 0 ? alpha[t]! < C : alpha[t]! > 0;
      if (up && -y[t]! * grad[t]! >= gMax) {
        gMax = -y[t]! * grad[t]!;
        i = t;
      }
    }
    let j = -1;
    let gMin = Number.POSITIVE_INFINITY;
    let bestDrop = Number.POSITIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      const low = y[t]! > 0 ? alpha[t]! > 0 : alpha[t]! < C;
      if (!low) continue;
      const v = -y[t]! * grad[t]!;
      if (v < gMin) gMin = v;
      if (i < 0) continue;
      const diff = gMax - v;
      if (diff > 0) {
        const quad = Math.max(K[i * n + i]! + K[t * n + t]! - 2 * K[i * n + t]!, tau);
        const drop = -(diff * diff) / quad;
        if (drop <= bestDrop) {
          bestDrop = drop;
          j = t;
        }
      }
    }
    if (i < 0 || j < 0 || gMax - gMin < tol) break;
    const quad = Math.max(K[i * n + i]! + K[j * n + j]! - 2 * K[i * n + j]!, tau);
    // step along y_i d_i = -y_j d_j, then clip to the box
    const yi = y[i]!;
    const yj = y[j]!;
    const oldI = alpha[i]!;
    const oldJ = alpha[j]!;
    const step = (-yi * grad[i]! + yj * grad[j]!) / quad;
    const sum = yi * oldI + yj * oldJ;
    let ai = oldI + yi * step;
    ai = Math.min(Math.max(ai, 0), C);
    let aj = yj * (sum - yi * ai);
    if (aj < 0 || aj > C) {
      aj = Math.min(Math.max(aj, 0), C);
      ai = yi * (sum - yj * aj);
    }
    const di = ai - oldI;
    const dj = aj - oldJ;
    alpha[i] = ai;
    alpha[j] = aj;
    for (let t = 0; t < n; t++)
      grad[t]! += y[t]! * (yi * K[i * n + t]! * di + yj * K[j * n + t]! * dj);
  }
  if (iter === maxIter)
    throw new ConvergenceError(
      `SVM: SMO did not converge in maxIter = ${maxIter} iterations (tol ${tol})`,
    );
  // b from the free support vectors (y_t f(x_t) = 1), else the middle of the feasible interval
  let sumFree = 0;
  let nFree = 0;
  let ub = Number.POSITIVE_INFINITY;
  let lb = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    const yg = y[t]! * grad[t]!;
    if (alpha[t]! > 0 && alpha[t]! < C) {
      sumFree += yg;
      nFree++;
    } else if ((alpha[t] === 0) === y[t]! > 0) ub = Math.min(ub, yg);
    else lb = Math.max(lb, yg);
  }
  const rho = nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  const coef = new Float64Array(n);
  for (let t = 0; t < n; t++) coef[t] = alpha[t]! * y[t]!;
  return { coef, b: -rho, iterations: iter };
}

/**
 * Support vector classifier on a kernel (SMO); `fit(x, y)` then `predict(x)`.
 * @example
 * const svm = new SVM({ kernel: new QuantumKernel({ nQubits: 2, featureMap: "iqp" }), C: 1 });
 * svm.fit(train.x, train.y);
 * svm.score(test.x, test.y); // accuracy
 */
export class SVM {
  /** Box constraint. */
  readonly C: number;
  /** The kernel option. */
  readonly kernel: "rbf" | "linear" | "precomputed" | KernelLike;
  private readonly gamma: number | undefined;
  private readonly tol: number;
  private readonly maxIter: number;
  private trainX: Tensor | undefined;
  private classes: number[] = [];
  /** One binary machine per class (one-vs-rest), or one for two classes. */
  private machines: BinarySvm[] = [];

  constructor(options: SvmOptions = {}) {
    checkArity(arguments.length, 1, "SVM");
    checkOptions(options, SVM_OPTIONS, "SVM");
    const positive = (v: unknown, name: string, fallback: number | undefined) => {
      if (v === undefined) return fallback;
      if (typeof v !== "number" || !(v > 0) || !Number.isFinite(v))
        throw new ArgumentError(`SVM: ${name} must be a positive number, got ${describe(v)}`);
      return v;
    };
    this.C = positive(options.C, "C", 1)!;
    this.gamma = positive(options.gamma, "gamma", undefined);
    this.tol = positive(options.tol, "tol", 1e-6)!;
    const maxIter = options.maxIter ?? 100000;
    if (!Number.isInteger(maxIter) || maxIter < 1)
      throw new ArgumentError(`SVM: maxIter must be a positive integer, got ${describe(maxIter)}`);
    this.maxIter = maxIter;
    const k = options.kernel ?? "rbf";
    if (
      k !== "rbf" &&
      k !== "linear" &&
      k !== "precomputed" &&
      (k === null || typeof k !== "object" || typeof (k as KernelLike).matrix !== "function")
    )
      throw new ArgumentError(
        `SVM: kernel must be "rbf", "linear", "precomputed" or an object with matrix(a, b), got ${describe(k)}`,
      );
    this.kernel = k;
  }

  /**
   * Trains on samples `x` [n, features] (with kernel "precomputed": the kernel matrix [n, n])
   * and integer class labels `y`.
   * @example
   * svm.fit(tensor([[0, 0], [1, 1]]), [0, 1]);
   */
  fit(x: Tensor, y: ArrayLike<number>): this {
    checkArity(arguments.length, 2, "SVM.fit");
    const n = checkSampleMatrix(x, "SVM.fit", "x");
    if (y === null || typeof y !== "object" || typeof y.length !== "number" || y.length !== n)
      throw new ShapeError(`SVM.fit: y must hold ${n} labels, got ${describe(y)}`);
    const labels = Array.from(y as ArrayLike<number>);
    labels.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0)
        throw new ArgumentError(
          `SVM.fit: label y[${i}] = ${describe(v)} is not a class index >= 0`,
        );
    });
    const classes = [...new Set(labels)].sort((a, b) => a - b);
    if (classes.length < 2)
      throw new ArgumentError(`SVM.fit: y holds one class only (${classes[0]})`);
    let K: Float64Array;
    if (this.kernel === "precomputed") {
      if (x.shape[1] !== n)
        throw new ShapeError(
          `SVM.fit: a precomputed kernel must be [${n}, ${n}], got [${x.shape.join(", ")}]`,
        );
      K = Float64Array.from(x.data);
    } else {
      K = kernelMatrix(this.kernel, this.gamma, x, undefined);
      this.trainX = x;
    }
    const targets = classes.length === 2 ? [classes[1]!] : classes;
    this.machines = targets.map((c) =>
      smo(
        K,
        Float64Array.from(labels, (v) => (v === c ? 1 : -1)),
        this.C,
        this.tol,
        this.maxIter,
      ),
    );
    this.classes = classes;
    return this;
  }

  /**
   * Decision values [samples, machines] (one column for two classes: positive means the larger
   * class label).
   * @example
   * svm.decisionFunction(test.x);
   */
  decisionFunction(x: Tensor): Tensor {
    checkArity(arguments.length, 1, "SVM.decisionFunction");
    if (this.machines.length === 0) throw new ArgumentError("SVM.decisionFunction: call fit first");
    const m = checkSampleMatrix(x, "SVM.decisionFunction", "x");
    const nTrain = this.machines[0]!.coef.length;
    let K: Float64Array;
    if (this.kernel === "precomputed") {
      if (x.shape[1] !== nTrain)
        throw new ShapeError(
          `SVM.decisionFunction: a precomputed kernel must be [samples, ${nTrain}] against the training samples, got [${x.shape.join(", ")}]`,
        );
      K = Float64Array.from(x.data);
    } else {
      K = kernelMatrix(this.kernel, this.gamma, x, this.trainX);
    }
    const out = new Float64Array(m * this.machines.length);
    this.machines.forEach((svm, c) => {
      for (let i = 0; i < m; i++) {
        let f = svm.b;
        for (let t = 0; t < nTrain; t++) f += svm.coef[t]! * K[i * nTrain + t]!;
        out[i * this.machines.length + c] = f;
      }
    });
    return fromData(out, [m, this.machines.length], "float64");
  }

  /**
   * Predicted class labels.
   * @example
   * svm.predict(test.x); // Int32Array
   */
  predict(x: Tensor): Int32Array {
    checkArity(arguments.length, 1, "SVM.predict");
    const d = this.decisionFunction(x);
    const w = this.machines.length;
    const out = new Int32Array(d.shape[0]!);
    for (let i = 0; i < out.length; i++) {
      if (w === 1) out[i] = d.data[i]! > 0 ? this.classes[1]! : this.classes[0]!;
      else {
        let best = 0;
        for (let c = 1; c < w; c++) if (d.data[i * w + c]! > d.data[i * w + best]!) best = c;
        out[i] = this.classes[best]!;
      }
    }
    return out;
  }

  /**
   * Accuracy on samples and labels.
   * @example
   * svm.score(test.x, test.y); // 0.95
   */
  score(x: Tensor, y: ArrayLike<number>): number {
    checkArity(arguments.length, 2, "SVM.score");
    const p = this.predict(x);
    if (y === null || typeof y !== "object" || y.length !== p.length)
      throw new ShapeError(`SVM.score: y must hold ${p.length} labels, got ${describe(y)}`);
    let ok = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === y[i]) ok++;
    return ok / p.length;
  }

  /** The support vectors' indices into the training set (nonzero coefficient in any machine). */
  get supportIndices(): number[] {
    const n = this.machines[0]?.coef.length ?? 0;
    const out: number[] = [];
    for (let t = 0; t < n; t++) if (this.machines.some((m) => m.coef[t] !== 0)) out.push(t);
    return out;
  }
}

/** The kernel matrix of a against b (default a): a kernel object's, or the linear or RBF one. */
function kernelMatrix(
  k: "rbf" | "linear" | KernelLike,
  gammaOption: number | undefined,
  a: Tensor,
  b: Tensor | undefined,
): Float64Array {
  if (typeof k === "object") return Float64Array.from(k.matrix(a, b).data);
  const other = b ?? a;
  const [m, f] = a.shape as [number, number];
  const n = other.shape[0]!;
  if (other.shape[1] !== f)
    throw new ShapeError(`SVM: samples have ${f} features, the training samples ${other.shape[1]}`);
  const gamma = gammaOption ?? 1 / f;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let c = 0; c < f; c++) {
        const u = a.data[i * f + c]!;
        const v = other.data[j * f + c]!;
        s += k === "linear" ? u * v : (u - v) ** 2;
      }
      out[i * n + j] = k === "linear" ? s : Math.exp(-gamma * s);
    }
  return out;
}
