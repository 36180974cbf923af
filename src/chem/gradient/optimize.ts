/**
 * Geometry optimization: BFGS in Cartesian coordinates, started from Lindh's model Hessian
 * (model-hessian.ts), with a trust radius on each step and a backtracking line search (a step
 * that raises the energy beyond the Armijo bound is halved until it does not). Converged when
 * the largest Cartesian gradient component is below `maxForce` (default 1.5e-5 Hartree/Bohr).
 *
 * The gradient of an isolated molecule has no component along overall translations and
 * rotations, so the step has none either (to first order): the molecule keeps its frame and
 * the optimized geometry comes out in the input's frame.
 */
import { ArgumentError, ConvergenceError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { eigh } from "../linalg.js";
import { BOHR_IN_ANGSTROM, Molecule } from "../molecule.js";
import type { SCFOptions, SCFResult } from "../scf.js";
import { coordinatesOf, withCoordinates } from "./geometry.js";
import { lindhHessian } from "./model-hessian.js";
import { type NuclearGradient, scfGradient } from "./scf-gradient.js";

/** Energy and gradient of a molecule at its geometry (what the optimizer follows). */
export type GradientFunction = (molecule: Molecule) => NuclearGradient | Promise<NuclearGradient>;

/** One accepted optimization step. */
export interface OptimizationStep {
  /** Step number; 0 is the starting geometry. */
  step: number;
  /** Energy at this geometry (Hartree). */
  energy: number;
  /** Largest |dE/dx| (Hartree/Bohr). */
  maxForce: number;
  /** Length of the step that led here (Bohr; 0 at the start). */
  stepLength: number;
}

/** Options of {@link optimizeGeometry}. */
export interface OptimizeOptions {
  /** Energy and gradient to follow (default: the analytic Hartree-Fock gradient with `scf`). */
  gradient?: GradientFunction;
  /** SCF options of the default Hartree-Fock gradient. */
  scf?: SCFOptions;
  /** Converged when the largest gradient component is below this (default 1.5e-5 Hartree/Bohr). */
  maxForce?: number;
  /** Most steps (default 100). */
  maxSteps?: number;
  /** Largest step, and the starting trust radius (default 0.3 Bohr). */
  maxStepLength?: number;
  /** Return the last geometry unconverged instead of throwing ConvergenceError (default false). */
  allowUnconverged?: boolean;
  /** Called at the start and after every accepted step. */
  onStep?: (info: OptimizationStep) => void;
}

const OPTIONS = optionKeys<OptimizeOptions>({
  gradient: true,
  scf: true,
  maxForce: true,
  maxSteps: true,
  maxStepLength: true,
  allowUnconverged: true,
  onStep: true,
});

/** The outcome of {@link optimizeGeometry}. */
export interface OptimizationResult {
  /** The molecule at the final geometry. */
  molecule: Molecule;
  /** Energy there (Hartree). */
  energy: number;
  /** Gradient there (x, y, z per atom, Hartree/Bohr). */
  gradient: Float64Array;
  /** How the gradients were computed. */
  method: NuclearGradient["method"];
  /** Whether the largest force fell below `maxForce`. */
  converged: boolean;
  /** Accepted steps taken. */
  steps: number;
  /** Energy and largest force of the start and every accepted step. */
  history: OptimizationStep[];
  /** Energy-and-gradient evaluations, the rejected line-search trials included. */
  evaluations: number;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 6;
/** Model-Hessian eigenvalues are kept above this in the step (translations and rotations have 0). */
const MIN_CURVATURE = 0.05;

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The quasi-Newton step -H^-1 g over H's eigenvectors, curvatures clamped from below. */
function newtonStep(H: Float64Array, g: Float64Array): Float64Array {
  const n = g.length;
  const { values, vectors } = eigh(H, n);
  const s = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += vectors[i * n + k]! * g[i]!;
    const f = -c / Math.max(values[k]!, MIN_CURVATURE);
    for (let i = 0; i < n; i++) s[i]! += f * vectors[i * n + k]!;
  }
  return s;
}

function geometryText(m: Molecule): string {
  return m.atoms
    .map(
      (a) =>
        `${a.symbol} ${[a.x, a.y, a.z].map((v) => (v * BOHR_IN_ANGSTROM).toFixed(6)).join(" ")}`,
    )
    .join("; ");
}

function positiveOption(v: unknown, name: string, integer = false): void {
  if (
    v !== undefined &&
    (typeof v !== "number" || !(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v)))
  ) {
    throw new ArgumentError(
      `optimizeGeometry: ${name} must be a positive ${integer ? "integer" : "number"}, got ${describe(v)}`,
    );
  }
}

/**
 * The default gradient: analytic Hartree-Fock, each SCF started from the previous geometry's
 * orbitals (a few iterations instead of a SAD start) and, after the first, without the
 * stability analysis (the first geometry settled which solution is followed).
 */
function hartreeFockFollower(scf: SCFOptions | undefined): GradientFunction {
  let previous: SCFResult | undefined;
  return (m) => {
    const warm =
      previous === undefined || scf?.initialCoefficients !== undefined
        ? {}
        : { initialCoefficients: previous.coefficients, followInstabilities: false };
    const g = scfGradient(m, { scf: { ...warm, ...scf } });
    if (g.scf.nmo === (previous?.nmo ?? g.scf.nmo) && g.scf.reference !== "uhf") previous = g.scf;
    return g;
  };
}

/**
 * Minimizes the energy over the nuclear positions.
 * @example
 * const opt = await optimizeGeometry(Molecule.fromName("h2o"));
 * opt.energy; // -74.965901 (RHF/STO-3G minimum)
 */
export async function optimizeGeometry(
  molecule: Molecule,
  options: OptimizeOptions = {},
): Promise<OptimizationResult> {
  checkArity(arguments.length, 2, "optimizeGeometry");
  checkOptions(options, OPTIONS, "optimizeGeometry");
  if (!(molecule instanceof Molecule))
    throw new ArgumentError(`optimizeGeometry: expected a Molecule, got ${describe(molecule)}`);
  for (const key of ["gradient", "onStep"] as const) {
    if (options[key] !== undefined && typeof options[key] !== "function")
      throw new ArgumentError(
        `optimizeGeometry: ${key} must be a function, got ${describe(options[key])}`,
      );
  }
  if (options.scf !== undefined && (options.scf === null || typeof options.scf !== "object"))
    throw new ArgumentError(
      `optimizeGeometry: scf must be SCF options, got ${describe(options.scf)}`,
    );
  if (options.gradient !== undefined && options.scf !== undefined)
    throw new ArgumentError("optimizeGeometry: give either gradient or scf options, not both");
  positiveOption(options.maxForce, "maxForce");
  positiveOption(options.maxSteps, "maxSteps", true);
  positiveOption(options.maxStepLength, "maxStepLength");
  const maxForce = options.maxForce ?? 1.5e-5;
  const maxSteps = options.maxSteps ?? 100;
  const maxLength = options.maxStepLength ?? 0.3;
  const gradientOf: GradientFunction = options.gradient ?? hartreeFockFollower(options.scf);
  let evaluations = 0;
  const evaluate = async (m: Molecule): Promise<NuclearGradient> => {
    evaluations++;
    const r = await gradientOf(m);
    if (
      r === null ||
      typeof r !== "object" ||
      !(r.gradient instanceof Float64Array) ||
      r.gradient.length !== 3 * m.atoms.length ||
      !Number.isFinite(r.energy)
    ) {
      throw new ArgumentError(
        `optimizeGeometry: the gradient function must return { energy, gradient: Float64Array(${3 * m.atoms.length}) }, got ${describe(r)}`,
      );
    }
    return r;
  };

  let current = molecule;
  let x = coordinatesOf(molecule);
  let here = await evaluate(current);
  const H = lindhHessian(molecule);
  let trust = maxLength;
  const history: OptimizationStep[] = [
    { step: 0, energy: here.energy, maxForce: maxAbs(here.gradient), stepLength: 0 },
  ];
  options.onStep?.(history[0]!);
  let steps = 0;
  while (maxAbs(here.gradient) >= maxForce && steps < maxSteps) {
    const g = here.gradient;
    let s = newtonStep(H, g);
    const length = Math.sqrt(dot(s, s));
    if (length > trust) s = s.map((v) => (v * trust) / length);
    // Backtracking: halve the step while the energy rises above the Armijo line.
    let t = 1;
    let trial: NuclearGradient | undefined;
    let trialMol = current;
    const slope = dot(g, s);
    for (let k = 0; k <= MAX_BACKTRACKS; k++) {
      const xn = x.map((v, i) => v + t * s[i]!);
      trialMol = withCoordinates(current, xn);
      trial = await evaluate(trialMol);
      if (trial.energy <= here.energy + ARMIJO * t * slope || slope >= 0) break;
      t /= 2;
    }
    const step = s.map((v) => t * v);
    const stepLength = Math.sqrt(dot(step, step));
    const y = trial!.gradient.map((v, i) => v - g[i]!);
    const sy = dot(step, y);
    const n = step.length;
    const Hs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += H[i * n + j]! * step[j]!;
      Hs[i] = v;
    }
    const sHs = dot(step, Hs);
    // Trust radius: shrink to what a backtracked or poorly predicted step reached, grow after
    // full steps the quadratic model predicted well.
    const predicted = dot(g, step) + 0.5 * sHs;
    const ratio = predicted < 0 ? (trial!.energy - here.energy) / predicted : 0;
    if (t < 1 || ratio < 0.25) trust = Math.max(0.02, Math.min(trust, stepLength) / 2);
    else if (ratio > 0.75 && stepLength >= 0.8 * trust) trust = Math.min(maxLength, 2 * trust);
    // BFGS: H += y y^T / (y.s) - (H s)(H s)^T / (s.H s), when the curvature condition holds.
    if (sy > 1e-12 * Math.sqrt(dot(y, y)) * stepLength && sHs > 0) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) H[i * n + j]! += (y[i]! * y[j]!) / sy - (Hs[i]! * Hs[j]!) / sHs;
      }
    }
    x = x.map((v, i) => v + step[i]!);
    current = trialMol;
    here = trial!;
    steps++;
    const info = {
      step: steps,
      energy: here.energy,
      maxForce: maxAbs(here.gradient),
      stepLength,
    };
    history.push(info);
    options.onStep?.(info);
  }
  const converged = maxAbs(here.gradient) < maxForce;
  if (!converged && !options.allowUnconverged) {
    throw new ConvergenceError(
      `optimizeGeometry: not converged in ${maxSteps} steps (maxSteps): largest force ${maxAbs(here.gradient).toExponential(3)} Hartree/Bohr (maxForce ${maxForce}), energy ${here.energy.toFixed(10)}; last geometry (Angstrom): ${geometryText(current)}`,
    );
  }
  return {
    molecule: current,
    energy: here.energy,
    gradient: here.gradient,
    method: here.method,
    converged,
    steps,
    history,
    evaluations,
  };
}
