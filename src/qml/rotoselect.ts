/**
 * Rotoselect (Ostaszewski, Grant & Benedetti 2021): for a circuit of single-qubit rotations
 * R_a(t) = exp(-i t a / 2), a in {X, Y, Z}, it chooses each gate's axis as well as its angle. For
 * every axis the loss along t is a sinusoid of frequency 1 (Rotosolve's fit), so three values per
 * axis give the best angle of each; the gate keeps the axis with the lowest minimum. The circuit
 * changes shape with the axes, so the cost takes them: `cost(angles, axes)` builds and runs it.
 */
import { ArgumentError, describe } from "../errors.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { sinusoidMinimum } from "./rotosolve.js";

/** A rotation axis of Rotoselect. */
export type RotationAxis = "x" | "y" | "z";

/** The cost of Rotoselect: the loss of the circuit with these rotation angles and axes. */
export type RotoselectCost = (angles: Float64Array, axes: readonly RotationAxis[]) => number;

/** Rotoselect options. */
export interface RotoselectOptions {
  /** The axes tried for every gate (default all three). */
  candidates?: readonly RotationAxis[];
}

const ROTOSELECT_OPTIONS = optionKeys<RotoselectOptions>({ candidates: true });
const AXES: readonly RotationAxis[] = ["x", "y", "z"];

/**
 * Rotoselect over `angles` (one per rotation gate) and `axes` (one per gate), both held and
 * updated by the optimizer; `step(cost)` runs one sweep over the gates and returns the loss.
 * @example
 * const opt = new Rotoselect([0.1, 0.2], ["x", "x"]);
 * const cost = (t: Float64Array, a: readonly RotationAxis[]) => {
 *   const c = new Circuit(2);
 *   a.forEach((axis, q) => c[`r${axis}`](q, { param: t[q]! }));
 *   c.cnot([0, 1]);
 *   return expecVal(c.forward(), "Z0 Z1 + X1").item();
 * };
 * for (let k = 0; k < 4; k++) opt.step(cost);
 */
export class Rotoselect {
  /** The current angles. */
  readonly angles: Float64Array;
  /** The current axes. */
  readonly axes: RotationAxis[];
  /** The axes tried per gate. */
  readonly candidates: readonly RotationAxis[];
  /** Cost evaluations so far. */
  evaluations = 0;

  constructor(
    angles: ArrayLike<number>,
    axes: readonly RotationAxis[],
    options: RotoselectOptions = {},
  ) {
    checkArity(arguments.length, 3, "Rotoselect");
    checkOptions(options, ROTOSELECT_OPTIONS, "Rotoselect");
    if (angles === null || typeof angles !== "object" || typeof angles.length !== "number")
      throw new ArgumentError(
        `Rotoselect: angles must be an array of numbers, got ${describe(angles)}`,
      );
    this.angles = Float64Array.from(angles);
    if (this.angles.length === 0) throw new ArgumentError("Rotoselect: angles is empty");
    this.angles.forEach((t, i) => {
      if (!Number.isFinite(t))
        throw new ArgumentError(
          `Rotoselect: angles[${i}] must be a finite number, got ${describe(angles[i])}`,
        );
    });
    this.axes = checkAxes(axes, "axes", this.angles.length);
    this.candidates = checkAxes(options.candidates ?? AXES, "candidates", undefined);
  }

  /**
   * One sweep over the gates; returns the loss at the new angles and axes.
   * @example
   * const loss = opt.step(cost);
   */
  step(cost: RotoselectCost): number {
    checkArity(arguments.length, 1, "Rotoselect.step");
    if (typeof cost !== "function")
      throw new ArgumentError(
        `Rotoselect.step: cost must be a function (angles, axes) => loss, got ${describe(cost)}`,
      );
    const f = (): number => {
      this.evaluations++;
      const v = cost(this.angles, this.axes);
      if (typeof v !== "number" || Number.isNaN(v))
        throw new ArgumentError(`Rotoselect.step: cost must return a number, got ${describe(v)}`);
      return v;
    };
    let current = Number.NaN;
    for (let d = 0; d < this.angles.length; d++) {
      const t0 = this.angles[d]!;
      let best = { axis: this.axes[d]!, angle: t0, value: Number.POSITIVE_INFINITY };
      for (const axis of this.candidates) {
        this.axes[d] = axis;
        this.angles[d] = t0;
        const center = f();
        this.angles[d] = t0 + Math.PI / 2;
        const plus = f();
        this.angles[d] = t0 - Math.PI / 2;
        const minus = f();
        const m = sinusoidMinimum(center, plus, minus, 1);
        if (m.value < best.value) best = { axis, angle: t0 + m.offset, value: m.value };
      }
      this.axes[d] = best.axis;
      this.angles[d] = best.angle;
      current = best.value;
    }
    return current;
  }
}

function checkAxes(axes: unknown, name: string, length: number | undefined): RotationAxis[] {
  if (!Array.isArray(axes) || axes.length === 0 || axes.some((a) => !AXES.includes(a)))
    throw new ArgumentError(
      `Rotoselect: ${name} must be a non-empty array of "x", "y", "z", got ${describe(axes)}`,
    );
  if (length !== undefined && axes.length !== length)
    throw new ArgumentError(
      `Rotoselect: ${name} has ${axes.length} entries, expected one per angle (${length})`,
    );
  return [...axes];
}
