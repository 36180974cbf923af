/**
 * The one optimization loop of the variational algorithms (VQE, SSVQE, VQD, VQSD, VQLS, VQSVD,
 * chemistry's ground states): L-BFGS with a strong-Wolfe line search, one iteration per outer
 * step so callbacks see every iteration, or Adam; a history of losses, early stopping on the loss
 * change, the gradient, or the callback.
 */
import { ArgumentError, ConvergenceError, describe } from "../errors.js";
import { Adam, LBFGS, type Tensor } from "../tensor/index.js";
import { optionKeys } from "../validate.js";

/** One optimizer iteration, as the callback sees it. */
export interface VQEIteration {
  /** Iteration number, from 1. */
  iteration: number;
  /** The loss at the start of the iteration (the energy, for VQE). */
  energy: number;
  /** Largest |dL/dθ| there. */
  gradientMax: number;
  /** Milliseconds since the optimization started. */
  elapsedMs: number;
}

/** How a variational loss is minimized (every variational algorithm takes these). */
export interface VariationalLoopOptions {
  /** "lbfgs" (default, strong-Wolfe line search) or "adam". */
  optimizer?: "lbfgs" | "adam";
  /** Learning rate (default 1 for L-BFGS, 0.05 for Adam). */
  lr?: number;
  /** Most optimizer iterations (default 200 for L-BFGS, 1000 for Adam). */
  maxIterations?: number;
  /** Converged when the loss changes by less than this between L-BFGS iterations (default 1e-9) ... */
  tolerance?: number;
  /** ... or the largest gradient component is below this (default 1e-6). */
  gradientTolerance?: number;
  /** Called after every iteration; return true to stop. */
  callback?: (info: VQEIteration) => boolean | undefined;
  /** Receives human-readable progress lines (iteration 1 and every tenth). */
  progress?: (line: string) => void;
}

/** The keys of {@link VariationalLoopOptions}, for option checks. */
export const VARIATIONAL_LOOP_OPTIONS = optionKeys<VariationalLoopOptions>({
  optimizer: true,
  lr: true,
  maxIterations: true,
  tolerance: true,
  gradientTolerance: true,
  callback: true,
  progress: true,
});

/** The loop's options among `options` (callers with more options pass these on). */
export function loopOptionsOf(options: VariationalLoopOptions): VariationalLoopOptions {
  const out: Record<string, unknown> = {};
  for (const key of VARIATIONAL_LOOP_OPTIONS) {
    const v = (options as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = v;
  }
  return out as VariationalLoopOptions;
}

/** What the loop returns. */
export interface VariationalLoopResult {
  /** The loss at the start of the last iteration. */
  loss: number;
  /** The loss per iteration. */
  history: number[];
  /** Optimizer iterations run. */
  iterations: number;
  /** Loss-and-gradient evaluations (L-BFGS line searches need several per iteration). */
  evaluations: number;
  /** Whether a tolerance was met before `maxIterations`. */
  converged: boolean;
  /** Milliseconds the loop took. */
  elapsedMs: number;
}

/** The loop's settings once checked, with their defaults. */
interface LoopSettings {
  optimizer: "lbfgs" | "adam";
  lr: number;
  maxIterations: number;
  tolerance: number;
  gradientTolerance: number;
}

/** A positive number (an integer when asked), else an ArgumentError naming it. */
export function positiveOption(v: unknown, name: string, integer = false): number {
  if (
    typeof v !== "number" ||
    !(v > 0) ||
    !Number.isFinite(v) ||
    (integer && !Number.isInteger(v))
  ) {
    throw new ArgumentError(
      `${name} must be a positive ${integer ? "integer" : "number"}, got ${describe(v)}`,
    );
  }
  return v;
}

/**
 * Checks the loop's options (the caller checks the keys) and fills in the defaults; `where`
 * names the caller in the messages about callbacks.
 */
export function loopSettings(options: VariationalLoopOptions, where: string): LoopSettings {
  for (const key of ["progress", "callback"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function")
      throw new ArgumentError(`${where}: ${key} must be a function, got ${describe(options[key])}`);
  }
  const optimizer = options.optimizer ?? "lbfgs";
  if (optimizer !== "lbfgs" && optimizer !== "adam") {
    throw new ArgumentError(`optimizer must be "lbfgs" or "adam", got ${describe(optimizer)}`);
  }
  const lbfgs = optimizer === "lbfgs";
  return {
    optimizer,
    tolerance: positiveOption(options.tolerance ?? 1e-9, "tolerance"),
    gradientTolerance: positiveOption(options.gradientTolerance ?? 1e-6, "gradientTolerance"),
    maxIterations: positiveOption(
      options.maxIterations ?? (lbfgs ? 200 : 1000),
      "maxIterations",
      true,
    ),
    lr: positiveOption(options.lr ?? (lbfgs ? 1 : 0.05), "lr"),
  };
}

function fmt(e: number): string {
  return e.toFixed(10);
}

/**
 * Minimizes `loss()` (a scalar tensor whose backward reaches `params`) over `params`, in place.
 * `where` names the algorithm in errors ("VQE: the energy became NaN ...").
 */
export function minimizeVariational(
  params: readonly Tensor[],
  loss: () => Tensor,
  options: VariationalLoopOptions,
  where: string,
): VariationalLoopResult {
  const s = loopSettings(options, where);
  const say = options.progress ?? (() => {});
  let evaluations = 0;
  let lastGradMax = Number.POSITIVE_INFINITY;
  const evaluate = (): number => {
    for (const p of params) p.grad = null;
    const l = loss();
    l.backward();
    evaluations++;
    let g = 0;
    for (const p of params) {
      const d = p.grad?.data;
      if (d) for (let i = 0; i < d.length; i++) g = Math.max(g, Math.abs(d[i]!));
    }
    lastGradMax = g;
    return l.item();
  };

  const t0 = performance.now();
  const history: number[] = [];
  let converged = false;
  let iterations = 0;
  let prev = Number.POSITIVE_INFINITY;
  const lbfgs =
    s.optimizer === "lbfgs"
      ? new LBFGS(params, {
          lr: s.lr,
          maxIter: 1,
          maxEval: 25,
          lineSearchFn: "strong_wolfe",
          toleranceGrad: s.gradientTolerance / 10,
          toleranceChange: 0,
        })
      : undefined;
  const adam = s.optimizer === "adam" ? new Adam(params, { lr: s.lr }) : undefined;
  let e = Number.NaN;
  while (iterations < s.maxIterations) {
    let gMax: number;
    if (lbfgs) {
      // the iteration's loss is the first evaluation of its line search
      let first: number | undefined;
      let firstG = 0;
      lbfgs.step(() => {
        const v = evaluate();
        if (first === undefined) {
          first = v;
          firstG = lastGradMax;
        }
        return v;
      });
      e = first!;
      gMax = firstG;
    } else {
      e = evaluate();
      gMax = lastGradMax;
      adam!.step();
    }
    iterations++;
    if (!Number.isFinite(e)) {
      throw new ConvergenceError(
        `${where}: the energy became ${e} at iteration ${iterations}; lower the learning rate (lr ${s.lr})`,
      );
    }
    history.push(e);
    const elapsedMs = performance.now() - t0;
    if (iterations === 1 || iterations % 10 === 0) {
      say(`iter ${iterations}: E = ${fmt(e)}  max|grad| = ${gMax.toExponential(2)}`);
    }
    const stop = options.callback?.({
      iteration: iterations,
      energy: e,
      gradientMax: gMax,
      elapsedMs,
    });
    if (gMax < s.gradientTolerance || (lbfgs && Math.abs(prev - e) < s.tolerance)) {
      converged = true;
      break;
    }
    if (stop === true) break;
    prev = e;
  }
  return {
    loss: e,
    history,
    iterations,
    evaluations,
    converged,
    elapsedMs: performance.now() - t0,
  };
}
