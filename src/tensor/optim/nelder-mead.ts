/**
 * The Nelder-Mead downhill simplex (Nelder & Mead 1965), with the adaptive coefficients of
 * Gao & Han (2012) as an option for many parameters. Gradient-free: the closure only returns the
 * loss. Stops when the simplex is smaller than `xatol` and its losses differ by at most `fatol`
 * (scipy's test), or after `maxIter` iterations / `maxEval` evaluations.
 */
import { ArgumentError } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { Tensor } from "../tensor.js";
import { checkClosure, type FlatParams, flatParamsOf, lossValue } from "./flat.js";
import { type Closure, checkNonNegative } from "./optimizer.js";

/** Nelder-Mead options. */
export interface NelderMeadOptions {
  /** Iterations per `step` (default 200 per parameter). */
  maxIter?: number;
  /** Closure evaluations per `step` (default 200 per parameter). */
  maxEval?: number;
  /** Convergence: the largest distance of a vertex from the best, per coordinate (default 1e-8). */
  xatol?: number;
  /** Convergence: the largest loss difference from the best vertex (default 1e-8). */
  fatol?: number;
  /**
   * Edge length of the initial simplex along each axis; default 5% of a nonzero coordinate and
   * 0.00025 for a zero one (scipy's choice).
   */
  initialStep?: number;
  /** Gao-Han coefficients that depend on the dimension (default false). */
  adaptive?: boolean;
}

const NELDER_MEAD_OPTIONS = optionKeys<NelderMeadOptions>({
  maxIter: true,
  maxEval: true,
  xatol: true,
  fatol: true,
  initialStep: true,
  adaptive: true,
});

/** What one `step` did. */
export interface NelderMeadResult {
  /** The best loss found (the parameters are left at its vertex). */
  loss: number;
  /** Iterations run. */
  iterations: number;
  /** Closure evaluations. */
  evaluations: number;
  /** Whether the xatol/fatol test was met (false: a limit stopped it). */
  converged: boolean;
}

/**
 * Nelder-Mead; `step(closure)` runs a whole minimization from the current parameters and leaves
 * them at the best vertex.
 * @example
 * const opt = new NelderMead([x], { xatol: 1e-10, fatol: 1e-12 });
 * const { loss, converged } = opt.step(() => rosenbrock(x));
 */
export class NelderMead {
  /** The parameters updated in place. */
  readonly params: readonly Tensor[];
  /** Iterations per `step`. */
  readonly maxIter: number;
  /** Evaluations per `step`. */
  readonly maxEval: number;
  /** Vertex-spread tolerance. */
  readonly xatol: number;
  /** Loss-spread tolerance. */
  readonly fatol: number;
  /** Initial edge length, or undefined for scipy's relative rule. */
  readonly initialStep: number | undefined;
  /** Whether the Gao-Han coefficients are used. */
  readonly adaptive: boolean;
  private readonly flat: FlatParams;

  constructor(params: Iterable<Tensor>, options: NelderMeadOptions = {}) {
    checkArity(arguments.length, 2, "NelderMead");
    checkOptions(options, NELDER_MEAD_OPTIONS, "NelderMead");
    this.flat = flatParamsOf(params, "NelderMead");
    this.params = this.flat.params;
    const n = this.flat.size;
    this.maxIter = options.maxIter ?? 200 * n;
    this.maxEval = options.maxEval ?? 200 * n;
    this.xatol = options.xatol ?? 1e-8;
    this.fatol = options.fatol ?? 1e-8;
    this.initialStep = options.initialStep;
    this.adaptive = options.adaptive ?? false;
    for (const [name, v] of [
      ["maxIter", this.maxIter],
      ["maxEval", this.maxEval],
    ] as const) {
      if (!Number.isInteger(v) || v < 1)
        throw new ArgumentError(`NelderMead: ${name} must be a positive integer, got ${v}`);
    }
    checkNonNegative(this.xatol, "xatol", "NelderMead");
    checkNonNegative(this.fatol, "fatol", "NelderMead");
    if (
      this.initialStep !== undefined &&
      !(this.initialStep > 0 && Number.isFinite(this.initialStep))
    )
      throw new ArgumentError(
        `NelderMead: initialStep must be a positive number, got ${this.initialStep}`,
      );
  }

  /**
   * Minimizes the closure's loss from the current parameters.
   * @example
   * const { loss } = opt.step(() => f(x));
   */
  step(closure: Closure): NelderMeadResult {
    checkArity(arguments.length, 1, "NelderMead.step");
    checkClosure(closure, "NelderMead.step");
    const n = this.flat.size;
    const [reflect, expand, contract, shrink] = this.adaptive
      ? [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n]
      : [1, 2, 0.5, 0.5];
    let evaluations = 0;
    const f = (x: Float64Array): number => {
      this.flat.write(x);
      evaluations++;
      return lossValue(closure, "NelderMead.step");
    };
    const x0 = this.flat.read();
    const verts: Float64Array[] = [x0];
    for (let i = 0; i < n; i++) {
      const v = x0.slice();
      v[i] = v[i]! + (this.initialStep ?? (v[i] !== 0 ? 0.05 * v[i]! : 0.00025));
      verts.push(v);
    }
    const losses = verts.map(f);
    const order = (): void => {
      const idx = verts.map((_, i) => i).sort((a, b) => losses[a]! - losses[b]!);
      const vs = idx.map((i) => verts[i]!);
      const ls = idx.map((i) => losses[i]!);
      verts.splice(0, verts.length, ...vs);
      losses.splice(0, losses.length, ...ls);
    };
    // the point centroid + t (centroid - worst)
    const along = (centroid: Float64Array, t: number): Float64Array => {
      const worst = verts[n]!;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = centroid[i]! + t * (centroid[i]! - worst[i]!);
      return out;
    };
    let iterations = 0;
    let converged = false;
    order();
    while (iterations < this.maxIter && evaluations < this.maxEval) {
      if (spreadBelowTolerance(verts, losses, this.xatol, this.fatol)) {
        converged = true;
        break;
      }
      iterations++;
      const centroid = new Float64Array(n);
      for (let j = 0; j < n; j++)
        for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + verts[j]![i]! / n;
      const xr = along(centroid, reflect);
      const fr = f(xr);
      let accepted: [Float64Array, number] | null = null;
      if (fr < losses[0]!) {
        const xe = along(centroid, reflect * expand);
        const fe = f(xe);
        accepted = fe < fr ? [xe, fe] : [xr, fr];
      } else if (fr < losses[n - 1]!) {
        accepted = [xr, fr];
      } else if (fr < losses[n]!) {
        const xc = along(centroid, reflect * contract); // outside contraction
        const fc = f(xc);
        if (fc <= fr) accepted = [xc, fc];
      } else {
        const xc = along(centroid, -contract); // inside contraction
        const fc = f(xc);
        if (fc < losses[n]!) accepted = [xc, fc];
      }
      if (accepted) {
        verts[n] = accepted[0];
        losses[n] = accepted[1];
      } else {
        const best = verts[0]!;
        for (let j = 1; j <= n; j++) {
          const v = verts[j]!;
          for (let i = 0; i < n; i++) v[i] = best[i]! + shrink * (v[i]! - best[i]!);
          losses[j] = f(v);
        }
      }
      order();
    }
    this.flat.write(verts[0]!);
    return { loss: losses[0]!, iterations, evaluations, converged };
  }
}

/** scipy's stopping test: every vertex within xatol of the best per coordinate, losses within fatol. */
function spreadBelowTolerance(
  verts: readonly Float64Array[],
  losses: readonly number[],
  xatol: number,
  fatol: number,
): boolean {
  const best = verts[0]!;
  for (let j = 1; j < verts.length; j++) {
    if (Math.abs(losses[j]! - losses[0]!) > fatol) return false;
    const v = verts[j]!;
    for (let i = 0; i < v.length; i++) if (Math.abs(v[i]! - best[i]!) > xatol) return false;
  }
  return true;
}
