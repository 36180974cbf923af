/**
 * L-BFGS, a port of PyTorch's `torch.optim.LBFGS` (two-loop recursion, optional strong-Wolfe
 * line search with cubic interpolation). `step(closure)` runs up to `maxIter` iterations; the
 * closure must zero the grads, compute the loss, call backward and return the loss.
 */
import { ArgumentError } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { enableGrad } from "../autograd.js";
import type { Tensor } from "../tensor.js";
import { FlatParams } from "./flat.js";
import type { Closure } from "./optimizer.js";
import { checkNonNegative, tensorList } from "./optimizer.js";

/** L-BFGS options (PyTorch's names in camelCase). */
export interface LBFGSOptions {
  /** Step length multiplier (default 1). */
  lr?: number;
  /** Iterations per `step` (default 20). */
  maxIter?: number;
  /** Closure evaluations per `step` (default floor(maxIter * 5 / 4)). */
  maxEval?: number;
  /** Stop when the largest gradient entry is at most this (default 1e-7). */
  toleranceGrad?: number;
  /** Stop when the step or the loss change is below this (default 1e-9). */
  toleranceChange?: number;
  /** Number of stored curvature pairs (default 100). */
  historySize?: number;
  /** `"strong_wolfe"` for a strong-Wolfe line search; null for fixed steps (default). */
  lineSearchFn?: "strong_wolfe" | null;
}

const LBFGS_OPTIONS = optionKeys<LBFGSOptions>({
  lr: true,
  maxIter: true,
  maxEval: true,
  toleranceGrad: true,
  toleranceChange: true,
  historySize: true,
  lineSearchFn: true,
});

type Vec = Float64Array;

function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
function absMax(a: Vec): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Minimizer of the cubic interpolating (x1, f1, g1), (x2, f2, g2), clamped to bounds. */
function cubicInterpolate(
  x1: number,
  f1: number,
  g1: number,
  x2: number,
  f2: number,
  g2: number,
  bounds?: [number, number],
): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2sq = d1 * d1 - g1 * g2;
  if (d2sq >= 0) {
    const d2 = Math.sqrt(d2sq);
    const pos =
      x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(pos, lo), hi);
  }
  return (lo + hi) / 2;
}

type Obj = (t: number) => [number, Vec];

/** Strong-Wolfe line search (bracketing then zoom), as in PyTorch. */
function strongWolfe(
  obj: Obj,
  t: number,
  d: Vec,
  f: number,
  g: Vec,
  gtd: number,
  tolChange: number,
  c1 = 1e-4,
  c2 = 0.9,
  maxLs = 25,
): [number, Vec, number, number] {
  const dNorm = absMax(d);
  let [fNew, gNew] = obj(t);
  let evals = 1;
  let gtdNew = dot(gNew, d);
  let tPrev = 0;
  let fPrev = f;
  let gPrev = g;
  let gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let br: number[] = [];
  let bf: number[] = [];
  let bg: Vec[] = [];
  let bgtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [br, bf, bg, bgtd] = [
        [tPrev, t],
        [fPrev, fNew],
        [gPrev, gNew],
        [gtdPrev, gtdNew],
      ];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [br, bf, bg, bgtd] = [[t], [fNew], [gNew], [gtdNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [br, bf, bg, bgtd] = [
        [tPrev, t],
        [fPrev, fNew],
        [gPrev, gNew],
        [gtdPrev, gtdNew],
      ];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew;
    gtdPrev = gtdNew;
    [fNew, gNew] = obj(t);
    evals++;
    gtdNew = dot(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLs)
    [br, bf, bg, bgtd] = [
      [0, t],
      [f, fNew],
      [g, gNew],
      [gtd, gtdNew],
    ];

  // zoom
  let insufProgress = false;
  let [low, high] = bf[0]! <= bf[bf.length - 1]! ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(br[1]! - br[0]!) * dNorm < tolChange) break;
    t = cubicInterpolate(br[0]!, bf[0]!, bgtd[0]!, br[1]!, bf[1]!, bgtd[1]!);
    const bmax = Math.max(br[0]!, br[1]!);
    const bmin = Math.min(br[0]!, br[1]!);
    const eps = 0.1 * (bmax - bmin);
    if (Math.min(bmax - t, t - bmin) < eps) {
      if (insufProgress || t >= bmax || t <= bmin) {
        t = Math.abs(t - bmax) < Math.abs(t - bmin) ? bmax - eps : bmin + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    [fNew, gNew] = obj(t);
    evals++;
    gtdNew = dot(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bf[low]!) {
      br[high] = t;
      bf[high] = fNew;
      bg[high] = gNew;
      bgtd[high] = gtdNew;
      [low, high] = bf[0]! <= bf[1]! ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (br[high]! - br[low]!) >= 0) {
        br[high] = br[low]!;
        bf[high] = bf[low]!;
        bg[high] = bg[low]!;
        bgtd[high] = bgtd[low]!;
      }
      br[low] = t;
      bf[low] = fNew;
      bg[low] = gNew;
      bgtd[low] = gtdNew;
    }
  }
  return [bf[low]!, bg[low]!, br[low]!, evals];
}

/**
 * Limited-memory BFGS.
 * @example
 * const opt = new LBFGS([x], { lineSearchFn: "strong_wolfe" });
 * opt.step(() => { opt.zeroGrad(); const l = f(x); l.backward(); return l; });
 */
export class LBFGS {
  /** The parameters updated in place. */
  readonly params: Tensor[];
  /** Step length multiplier. */
  lr: number;
  /** Iterations per `step`. */
  readonly maxIter: number;
  /** Closure evaluations per `step`. */
  readonly maxEval: number;
  /** Gradient tolerance for stopping. */
  readonly toleranceGrad: number;
  /** Step / loss-change tolerance for stopping. */
  readonly toleranceChange: number;
  /** Number of stored curvature pairs. */
  readonly historySize: number;
  /** The line search in use, or null. */
  readonly lineSearchFn: "strong_wolfe" | null;
  /** Total closure evaluations so far. */
  funcEvals = 0;
  /** Total iterations so far. */
  nIter = 0;
  private d: Vec | null = null;
  private t = 0;
  private oldDirs: Vec[] = [];
  private oldStps: Vec[] = [];
  private ro: number[] = [];
  private hDiag = 1;
  private prevFlatGrad: Vec | null = null;
  private readonly flat: FlatParams;

  constructor(params: Iterable<Tensor>, options: LBFGSOptions = {}) {
    checkArity(arguments.length, 2, "LBFGS");
    checkOptions(options, LBFGS_OPTIONS, "LBFGS");
    this.params = tensorList(params, "LBFGS");
    if (this.params.length === 0) throw new ArgumentError("LBFGS: got an empty parameter list");
    this.flat = new FlatParams(this.params);
    this.lr = options.lr ?? 1;
    checkNonNegative(this.lr, "lr", "LBFGS");
    this.maxIter = options.maxIter ?? 20;
    this.maxEval = options.maxEval ?? Math.floor((this.maxIter * 5) / 4);
    this.toleranceGrad = options.toleranceGrad ?? 1e-7;
    this.toleranceChange = options.toleranceChange ?? 1e-9;
    this.historySize = options.historySize ?? 100;
    this.lineSearchFn = options.lineSearchFn ?? null;
    if (this.lineSearchFn !== null && this.lineSearchFn !== "strong_wolfe") {
      throw new ArgumentError(
        `LBFGS: lineSearchFn must be "strong_wolfe" or null, got ${JSON.stringify(this.lineSearchFn)}`,
      );
    }
  }

  /** Clears every parameter's gradient. @example opt.zeroGrad() */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  private flatGrad(): Vec {
    const out = new Float64Array(this.flat.size);
    let o = 0;
    for (const p of this.params) {
      if (p.grad) out.set(p.grad.data, o);
      o += p.data.length;
    }
    return out;
  }

  /**
   * Runs up to maxIter iterations; returns the loss of the first closure evaluation.
   * @example
   * const loss = opt.step(closure);
   */
  step(closure: Closure): number {
    checkArity(arguments.length, 1, "LBFGS.step");
    if (typeof closure !== "function")
      throw new ArgumentError("LBFGS.step needs a closure that returns the loss");
    const evalLoss = (): number => {
      const l = enableGrad(closure);
      return typeof l === "number" ? l : l.item();
    };
    const origLoss = evalLoss();
    let loss = origLoss;
    let currentEvals = 1;
    this.funcEvals++;
    let flatGrad = this.flatGrad();
    if (absMax(flatGrad) <= this.toleranceGrad) return origLoss;
    let d = this.d;
    let t = this.t;
    let nIter = 0;
    while (nIter < this.maxIter) {
      nIter++;
      this.nIter++;
      if (this.nIter === 1 || d === null) {
        d = flatGrad.map((v) => -v);
        this.oldDirs = [];
        this.oldStps = [];
        this.ro = [];
        this.hDiag = 1;
      } else {
        const y = flatGrad.map((v, i) => v - this.prevFlatGrad![i]!);
        const s = d.map((v) => v * t);
        const ys = dot(y, s);
        if (ys > 1e-10) {
          if (this.oldDirs.length === this.historySize) {
            this.oldDirs.shift();
            this.oldStps.shift();
            this.ro.shift();
          }
          this.oldDirs.push(y);
          this.oldStps.push(s);
          this.ro.push(1 / ys);
          this.hDiag = ys / dot(y, y);
        }
        const num = this.oldDirs.length;
        const al = new Array<number>(num);
        const q = flatGrad.map((v) => -v);
        for (let i = num - 1; i >= 0; i--) {
          al[i] = dot(this.oldStps[i]!, q) * this.ro[i]!;
          const od = this.oldDirs[i]!;
          for (let k = 0; k < q.length; k++) q[k] = q[k]! - al[i]! * od[k]!;
        }
        const r = q.map((v) => v * this.hDiag);
        for (let i = 0; i < num; i++) {
          const be = dot(this.oldDirs[i]!, r) * this.ro[i]!;
          const os = this.oldStps[i]!;
          for (let k = 0; k < r.length; k++) r[k] = r[k]! + (al[i]! - be) * os[k]!;
        }
        d = r;
      }
      this.prevFlatGrad = flatGrad.slice();
      const prevLoss = loss;
      if (this.nIter === 1) {
        let s = 0;
        for (const v of flatGrad) s += Math.abs(v);
        t = Math.min(1, 1 / s) * this.lr;
      } else t = this.lr;
      const gtd = dot(flatGrad, d);
      if (gtd > -this.toleranceChange) break;
      let lsEvals = 0;
      if (this.lineSearchFn === "strong_wolfe") {
        const x0 = this.flat.read();
        const dir = d;
        const obj: Obj = (step) => {
          this.flat.addScaled(step, dir);
          const f = evalLoss();
          const g = this.flatGrad();
          this.flat.write(x0);
          return [f, g];
        };
        [loss, flatGrad, t, lsEvals] = strongWolfe(
          obj,
          t,
          d,
          loss,
          flatGrad,
          gtd,
          this.toleranceChange,
        );
        this.flat.addScaled(t, d);
      } else {
        this.flat.addScaled(t, d);
        if (nIter !== this.maxIter) {
          loss = evalLoss();
          flatGrad = this.flatGrad();
          lsEvals = 1;
        }
      }
      const optCond = absMax(flatGrad) <= this.toleranceGrad;
      currentEvals += lsEvals;
      this.funcEvals += lsEvals;
      if (nIter === this.maxIter) break;
      if (currentEvals >= this.maxEval) break;
      if (optCond) break;
      if (absMax(d) * Math.abs(t) <= this.toleranceChange) break;
      if (Math.abs(loss - prevLoss) < this.toleranceChange) break;
    }
    this.d = d;
    this.t = t;
    return origLoss;
  }
}
