/**
 * Constrained optimization by linear approximations, in the manner of Powell's COBYLA (1994):
 * the loss and every constraint c_i(x) >= 0 are modelled by linear interpolation on a simplex of
 * n + 1 evaluated points; each trust-region step minimizes the linear model of the loss subject
 * to the linearized constraints, within a region of radius rho that shrinks from `rhoBeg` to
 * `rhoEnd`. Written for qoar (no package does it); the differences from Powell's Fortran:
 * - the trust region is a box (|d_j| <= rho), so the step is a small linear program, solved
 *   exactly by the simplex method (linear-program.ts), instead of Powell's ball;
 * - when the linearized constraints cannot all hold in the box, the step minimizes their largest
 *   violation first and the loss second (Powell's order too), through a large penalty weight.
 * Points are compared by the merit f + mu * violation, with mu raised so that each step's
 * predicted merit decreases (Powell's rule), and vertices are replaced to keep the simplex well
 * shaped (its edges at most 2 rho, each vertex at least rho/4 from the opposite face).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import type { Tensor } from "../tensor.js";
import { checkClosure, type FlatParams, flatParamsOf, lossValue } from "./flat.js";
import { invertMatrix, maximizeLinear } from "./linear-program.js";
import type { Closure } from "./optimizer.js";

/** One constraint: a function of the current parameters that must be >= 0. */
export type Constraint = () => Tensor | number;

/** COBYLA options. */
export interface COBYLAOptions {
  /** Inequality constraints c(x) >= 0, each read at the current parameters (default none). */
  constraints?: readonly Constraint[];
  /** The initial trust-region radius, about a tenth of the expected change (default 0.5). */
  rhoBeg?: number;
  /** The final radius, the accuracy wanted in x (default 1e-6). */
  rhoEnd?: number;
  /** Closure evaluations per `step` (default 1000 per parameter, at least 2000). */
  maxEval?: number;
}

const COBYLA_OPTIONS = optionKeys<COBYLAOptions>({
  constraints: true,
  rhoBeg: true,
  rhoEnd: true,
  maxEval: true,
});

/** What one `step` did. */
export interface COBYLAResult {
  /** The loss at the returned point (the parameters are left there). */
  loss: number;
  /** The largest constraint violation there, max(0, -min c_i); 0 when feasible. */
  maxViolation: number;
  /** Closure evaluations (each evaluates the loss and every constraint once). */
  evaluations: number;
  /** Whether rho reached rhoEnd (false: maxEval stopped it). */
  converged: boolean;
}

/** An evaluated point: its loss and its constraint values. */
interface Sample {
  x: Float64Array;
  f: number;
  c: Float64Array;
  violation: number;
}

/**
 * COBYLA-style constrained minimizer; `step(closure)` runs a whole minimization from the
 * current parameters and leaves them at the best point found.
 * @example
 * const x = new Parameter(tensor([0, 0]));
 * const opt = new COBYLA([x], { constraints: [() => 1 - x.data[0]! ** 2 - x.data[1]! ** 2] });
 * opt.step(() => x.data[0]! + x.data[1]!); // x -> (-1/sqrt 2, -1/sqrt 2)
 */
export class COBYLA {
  /** The parameters updated in place. */
  readonly params: readonly Tensor[];
  /** The constraints c_i >= 0. */
  readonly constraints: readonly Constraint[];
  /** Initial trust-region radius. */
  readonly rhoBeg: number;
  /** Final trust-region radius. */
  readonly rhoEnd: number;
  /** Evaluations per `step`. */
  readonly maxEval: number;
  private readonly flat: FlatParams;

  constructor(params: Iterable<Tensor>, options: COBYLAOptions = {}) {
    checkArity(arguments.length, 2, "COBYLA");
    checkOptions(options, COBYLA_OPTIONS, "COBYLA");
    this.flat = flatParamsOf(params, "COBYLA");
    this.params = this.flat.params;
    const constraints = options.constraints ?? [];
    if (!Array.isArray(constraints)) {
      throw new ArgumentError(
        `COBYLA: constraints must be an array of functions (each >= 0 when satisfied), got ${describe(constraints)}`,
      );
    }
    constraints.forEach((c, i) => {
      if (typeof c !== "function")
        throw new ArgumentError(`COBYLA: constraints[${i}] must be a function, got ${describe(c)}`);
    });
    this.constraints = [...constraints];
    this.rhoBeg = options.rhoBeg ?? 0.5;
    this.rhoEnd = options.rhoEnd ?? 1e-6;
    this.maxEval = options.maxEval ?? Math.max(2000, 1000 * this.flat.size);
    if (!(this.rhoBeg > 0 && Number.isFinite(this.rhoBeg)))
      throw new ArgumentError(
        `COBYLA: rhoBeg must be a positive number, got ${describe(this.rhoBeg)}`,
      );
    if (!(this.rhoEnd > 0 && this.rhoEnd <= this.rhoBeg))
      throw new ArgumentError(
        `COBYLA: rhoEnd must be a positive number at most rhoBeg (${this.rhoBeg}), got ${describe(this.rhoEnd)}`,
      );
    if (!Number.isInteger(this.maxEval) || this.maxEval < this.flat.size + 2)
      throw new ArgumentError(
        `COBYLA: maxEval must be an integer of at least n + 2 = ${this.flat.size + 2}, got ${describe(this.maxEval)}`,
      );
  }

  /**
   * Minimizes the closure's loss subject to the constraints, from the current parameters.
   * @example
   * const { loss, maxViolation } = opt.step(() => f(x));
   */
  step(closure: Closure): COBYLAResult {
    checkArity(arguments.length, 1, "COBYLA.step");
    checkClosure(closure, "COBYLA.step");
    const n = this.flat.size;
    let evaluations = 0;
    const sample = (x: Float64Array): Sample => {
      this.flat.write(x);
      evaluations++;
      const f = lossValue(closure, "COBYLA.step");
      const c = Float64Array.from(this.constraints, (g, i) =>
        lossValue(g, `COBYLA constraints[${i}]`),
      );
      let violation = 0;
      for (const v of c) violation = Math.max(violation, -v);
      return { x, f, c, violation };
    };
    let rho = this.rhoBeg;
    let mu = 0;
    const merit = (s: Sample): number => s.f + mu * s.violation;
    const x0 = this.flat.read();
    const simplex: Sample[] = [sample(x0)];
    for (let j = 0; j < n; j++) {
      const x = x0.slice();
      x[j] = x[j]! + rho;
      simplex.push(sample(x));
    }
    let converged = false;
    // after a short or poor step: repair the simplex if it is badly shaped, else shrink rho
    let refine = false;
    while (evaluations < this.maxEval) {
      putBestFirst(simplex, merit);
      const model = linearModels(simplex, n);
      if (model === null) {
        const j = farthest(simplex);
        simplex[j] = sample(geometryPoint(simplex, null, j, n, rho, mu));
        continue;
      }
      if (refine) {
        refine = false;
        const j = badVertex(simplex, model.inverse, n, rho);
        if (j >= 0) simplex[j] = sample(geometryPoint(simplex, model, j, n, rho, mu));
        else if (rho <= this.rhoEnd) {
          converged = true;
          break;
        } else rho = shrinkRadius(rho, this.rhoEnd);
        continue;
      }
      const best = simplex[0]!;
      const d = trustRegionStep(model, best, rho);
      let stepNorm = 0;
      for (const v of d) stepNorm = Math.max(stepNorm, Math.abs(v));
      const predictedLoss = dotProduct(model.lossGradient, d);
      const violationDrop = best.violation - violationAfter(model, best, d);
      if (violationDrop > 0 && predictedLoss > 0) {
        const barMu = predictedLoss / violationDrop;
        if (mu < 1.5 * barMu) {
          mu = 2 * barMu;
          if (simplex.some((s) => merit(s) < merit(best))) continue; // a new best under the new mu
        }
      }
      const predicted = -predictedLoss + mu * violationDrop;
      if (stepNorm < 0.5 * rho || !(predicted > 0)) {
        refine = true;
        continue;
      }
      const trial = sample(best.x.map((v, i) => v + d[i]!));
      const improvement = merit(best) - merit(trial);
      const j = replacementIndex(model.inverse, simplex, d, n, rho, improvement > 0);
      if (j >= 0) simplex[j] = trial;
      if (improvement < 0.1 * predicted) refine = true;
    }
    putBestFirst(simplex, merit);
    const best = simplex[0]!;
    this.flat.write(best.x);
    return { loss: best.f, maxViolation: best.violation, evaluations, converged };
  }
}

/** Powell's radius reduction: halve, or jump to rhoEnd once close to it. */
function shrinkRadius(rho: number, rhoEnd: number): number {
  return rho > 3 * rhoEnd ? Math.max(0.5 * rho, rhoEnd) : rhoEnd;
}

function dotProduct(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Moves the vertex of least merit (ties: least violation) to index 0. */
function putBestFirst(simplex: Sample[], merit: (s: Sample) => number): void {
  let b = 0;
  for (let j = 1; j < simplex.length; j++) {
    const mj = merit(simplex[j]!);
    const mb = merit(simplex[b]!);
    if (mj < mb || (mj === mb && simplex[j]!.violation < simplex[b]!.violation)) b = j;
  }
  [simplex[0], simplex[b]] = [simplex[b]!, simplex[0]!];
}

/** The interpolating linear models around vertex 0. */
interface LinearModels {
  /** Inverse of the edge matrix D (row j = x_j - x_0), row-major n x n. */
  inverse: Float64Array;
  /** Gradient of the loss model. */
  lossGradient: Float64Array;
  /** Gradient of each constraint model. */
  constraintGradients: Float64Array[];
}

/** Solves D g = (f_j - f_0) for the loss and every constraint; null if the simplex is flat. */
function linearModels(simplex: readonly Sample[], n: number): LinearModels | null {
  const x0 = simplex[0]!.x;
  const edges = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) edges[j * n + i] = simplex[j + 1]!.x[i]! - x0[i]!;
  const inverse = invertMatrix(edges, n);
  if (inverse === null) return null;
  const gradientOf = (value: (s: Sample) => number): Float64Array => {
    const g = new Float64Array(n);
    const v0 = value(simplex[0]!);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += inverse[i * n + j]! * (value(simplex[j + 1]!) - v0);
      g[i] = s;
    }
    return g;
  };
  const m = simplex[0]!.c.length;
  return {
    inverse,
    lossGradient: gradientOf((s) => s.f),
    constraintGradients: Array.from({ length: m }, (_, k) => gradientOf((s) => s.c[k]!)),
  };
}

/** Column j of D^-1: orthogonal to every edge but edge j, with edge_j . col_j = 1. */
function inverseColumn(inverse: Float64Array, n: number, j: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => inverse[i * n + j]!);
}

function norm(v: Float64Array): number {
  return Math.sqrt(dotProduct(v, v));
}

/**
 * A vertex that spoils the simplex: one farther than 2 rho from vertex 0 (the farthest), else
 * one closer than rho/4 to the face through the others (the closest); -1 when the shape is fine.
 */
function badVertex(
  simplex: readonly Sample[],
  inverse: Float64Array,
  n: number,
  rho: number,
): number {
  let far = -1;
  let farDist = 2 * rho;
  let flat = -1;
  let flatDist = 0.25 * rho;
  for (let j = 1; j <= n; j++) {
    const dist = distance(simplex[j]!.x, simplex[0]!.x);
    if (dist > farDist) {
      farDist = dist;
      far = j;
    }
    const faceDist = 1 / norm(inverseColumn(inverse, n, j - 1));
    if (faceDist < flatDist) {
      flatDist = faceDist;
      flat = j;
    }
  }
  return far >= 0 ? far : flat;
}

function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

function farthest(simplex: readonly Sample[]): number {
  let j = 1;
  for (let k = 2; k < simplex.length; k++) {
    if (distance(simplex[k]!.x, simplex[0]!.x) > distance(simplex[j]!.x, simplex[0]!.x)) j = k;
  }
  return j;
}

/**
 * The replacement for vertex j that restores the simplex: vertex 0 plus rho along the normal of
 * the face through the other vertices (any coordinate axis when the simplex is flat), on the side
 * where the linear models predict the lower merit.
 */
function geometryPoint(
  simplex: readonly Sample[],
  model: LinearModels | null,
  j: number,
  n: number,
  rho: number,
  mu: number,
): Float64Array {
  const best = simplex[0]!;
  let dir: Float64Array;
  if (model === null) {
    dir = new Float64Array(n);
    dir[(j - 1) % n] = 1;
  } else {
    dir = inverseColumn(model.inverse, n, j - 1);
    const len = norm(dir);
    for (let i = 0; i < n; i++) dir[i] = dir[i]! / len;
  }
  const step = dir.map((v) => rho * v);
  if (model !== null) {
    const plus = dotProduct(model.lossGradient, step) + mu * violationAfter(model, best, step);
    const back = step.map((v) => -v);
    const minus = dotProduct(model.lossGradient, back) + mu * violationAfter(model, best, back);
    if (minus < plus) return best.x.map((v, i) => v + back[i]!);
  }
  return best.x.map((v, i) => v + step[i]!);
}

/** max(0, -min_i (c_i + a_i . d)) of the linearized constraints. */
function violationAfter(model: LinearModels, best: Sample, d: Float64Array): number {
  let v = 0;
  model.constraintGradients.forEach((a, i) => {
    v = Math.max(v, -(best.c[i]! + dotProduct(a, d)));
  });
  return v;
}

/**
 * The trust-region step: minimize g . d + M t subject to c_i + a_i . d + t >= 0, t >= 0 and
 * |d_j| <= rho, with M large (violation first, then loss). As a linear program in x >= 0 with
 * A x <= b, b >= 0: d = p - q (p, q in [0, rho]) and t = t0 - w (w in [0, t0], t0 the current
 * violation, so x = 0 is the feasible point d = 0).
 */
function trustRegionStep(model: LinearModels, best: Sample, rho: number): Float64Array {
  const g = model.lossGradient;
  const n = g.length;
  const m = best.c.length;
  const t0 = best.violation;
  const nVars = 2 * n + 1;
  const rows = m + 2 * n + 1;
  const a = new Float64Array(rows * nVars);
  const b = new Float64Array(rows);
  model.constraintGradients.forEach((ai, i) => {
    for (let k = 0; k < n; k++) {
      a[i * nVars + k] = -ai[k]!;
      a[i * nVars + n + k] = ai[k]!;
    }
    a[i * nVars + 2 * n] = 1;
    b[i] = Math.max(0, best.c[i]! + t0);
  });
  for (let k = 0; k < 2 * n; k++) {
    a[(m + k) * nVars + k] = 1;
    b[m + k] = rho;
  }
  a[(m + 2 * n) * nVars + 2 * n] = 1;
  b[m + 2 * n] = t0;
  let gScale = 0;
  for (const v of g) gScale += Math.abs(v);
  const c = new Float64Array(nVars);
  for (let k = 0; k < n; k++) {
    c[k] = -g[k]!;
    c[n + k] = g[k]!;
  }
  c[2 * n] = 1e6 * (1 + gScale);
  const x = maximizeLinear(c, a, b) ?? new Float64Array(nVars); // bounded: never null
  const boxStep = Float64Array.from({ length: n }, (_, k) => x[k]! - x[n + k]!);
  const stillViolated = t0 - x[2 * n]! > 1e-12 * (1 + t0);
  if (stillViolated) return boxStep;
  return ballStep(model, best, rho, boxStep) ?? boxStep;
}

/**
 * A box step always lies at a corner of the box, a poor direction in curved valleys. The step of
 * a ball of radius rho on the same active constraints (those binding at the box step, taken as
 * equalities): the least-norm point d0 on them, plus the loss gradient projected onto their null
 * space, scaled to reach the sphere. Null when it breaks another linearized constraint, when the
 * active set fixes the step, or when d0 lies outside the ball.
 */
function ballStep(
  model: LinearModels,
  best: Sample,
  rho: number,
  boxStep: Float64Array,
): Float64Array | null {
  const g = model.lossGradient;
  const n = g.length;
  const slack = model.constraintGradients.map((ai, i) => best.c[i]! + dotProduct(ai, boxStep));
  const active = slack.flatMap((v, i) => (v <= 1e-10 * (1 + Math.abs(best.c[i]!)) ? [i] : []));
  if (active.length >= n) return null;
  const rows = active.map((i) => model.constraintGradients[i]!);
  const k = rows.length;
  // least-squares pieces through the Gram matrix A A^T of the active gradients
  const gram = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) gram[i * k + j] = dotProduct(rows[i]!, rows[j]!);
  const gramInverse = k === 0 ? new Float64Array(0) : invertMatrix(gram, k);
  if (gramInverse === null) return null;
  const combine = (coef: Float64Array): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < k; i++)
      for (let t = 0; t < n; t++) out[t] = out[t]! + coef[i]! * rows[i]![t]!;
    return out;
  };
  const solveGram = (rhs: Float64Array): Float64Array =>
    Float64Array.from({ length: k }, (_, i) => {
      let s = 0;
      for (let j = 0; j < k; j++) s += gramInverse[i * k + j]! * rhs[j]!;
      return s;
    });
  const d0 = combine(solveGram(Float64Array.from(active, (i) => -best.c[i]!)));
  const rowPart = combine(solveGram(Float64Array.from(rows, (r) => dotProduct(r, g))));
  const projected = g.map((v, t) => v - rowPart[t]!);
  const room = rho * rho - dotProduct(d0, d0);
  const pNorm = norm(projected);
  if (room < 0 || pNorm === 0) return null;
  const scale = Math.sqrt(room) / pNorm;
  const d = d0.map((v, t) => v - scale * projected[t]!);
  const ok = model.constraintGradients.every(
    (ai, i) => best.c[i]! + dotProduct(ai, d) >= -1e-10 * (1 + Math.abs(best.c[i]!)),
  );
  return ok ? d : null;
}

/**
 * Which vertex the trial point x_0 + d replaces, or -1. Replacing vertex j scales the simplex
 * volume by |(D^-T d)_j|; an improving trial always enters (as the new best), a worse one only
 * where it makes the simplex better shaped (weighting far vertices, as Powell does).
 */
function replacementIndex(
  inverse: Float64Array,
  simplex: readonly Sample[],
  d: Float64Array,
  n: number,
  rho: number,
  improving: boolean,
): number {
  let best = -1;
  let bestScore = improving ? 0 : 1;
  for (let j = 1; j <= n; j++) {
    const volumeRatio = Math.abs(dotProduct(inverseColumn(inverse, n, j - 1), d));
    const dist = distance(simplex[j]!.x, simplex[0]!.x);
    const score = volumeRatio * Math.max(1, dist / rho) ** 3;
    if (score > bestScore) {
      bestScore = score;
      best = j;
    }
  }
  return best;
}
