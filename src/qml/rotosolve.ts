/**
 * Rotosolve (Ostaszewski, Grant & Benedetti 2021; Nakanishi, Fujii & Todo 2020): when an angle
 * enters a circuit through one gate whose expectation values have a single frequency w (a
 * two-term spectrum: rx, ry, rz, rxx, ryy, rzz, Pauli rotations, p), the loss along that angle is
 * exactly C + a cos(w (t - t0)) + b sin(w (t - t0)). Three values fix the sinusoid and its
 * minimum, so each angle jumps to its exact minimum with the others held. It lives in qml/
 * because it reads the circuit: which gate reads each angle, and that gate's spectrum.
 */
import { ArgumentError, describe } from "../errors.js";
import { Circuit } from "../quantum/circuit/circuit.js";
import { isDynamic } from "../quantum/circuit/operation.js";
import type { Parameter } from "../tensor/index.js";
import { checkClosure, lossValue } from "../tensor/optim/flat.js";
import type { Closure } from "../tensor/optim/optimizer.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { gateFrequencies } from "./paramshift.js";

/** The sinusoid through three loss values and where it is lowest. */
export interface SinusoidMinimum {
  /** The offset t - t0 of the minimum, in (-pi/w, pi/w]. */
  offset: number;
  /** The sinusoid's minimum value C - sqrt(a^2 + b^2). */
  value: number;
}

/**
 * The minimum of f(t) = C + a cos(w (t - t0)) + b sin(w (t - t0)) from f(t0) and
 * f(t0 +- pi / (2w)).
 * @example
 * // f = 1 - cos(t - 0.3), sampled at t0 = 0
 * const f = (t: number) => 1 - Math.cos(t - 0.3);
 * sinusoidMinimum(f(0), f(Math.PI / 2), f(-Math.PI / 2), 1); // offset pi + 0.3 - 2 pi ..., value 0
 */
export function sinusoidMinimum(
  atCenter: number,
  atPlus: number,
  atMinus: number,
  frequency: number,
): SinusoidMinimum {
  checkArity(arguments.length, 4, "sinusoidMinimum");
  for (const [name, v] of [
    ["atCenter", atCenter],
    ["atPlus", atPlus],
    ["atMinus", atMinus],
  ] as const) {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ArgumentError(
        `sinusoidMinimum: ${name} must be a finite number, got ${describe(v)}`,
      );
  }
  if (typeof frequency !== "number" || !(frequency > 0) || !Number.isFinite(frequency))
    throw new ArgumentError(
      `sinusoidMinimum: frequency must be a positive number, got ${describe(frequency)}`,
    );
  const c = (atPlus + atMinus) / 2;
  const a = atCenter - c;
  const b = (atPlus - atMinus) / 2;
  // a cos x + b sin x = R cos(x - phi) is lowest at x = phi + pi
  let x = Math.atan2(b, a) + Math.PI;
  if (x > Math.PI) x -= 2 * Math.PI;
  return { offset: x / frequency, value: c - Math.hypot(a, b) };
}

/** Rotosolve options. */
export interface RotosolveOptions {
  /** Sweeps over all angles per `step` (default 1). */
  sweeps?: number;
  /**
   * Whether the closure's loss is exact (default true): then the fitted minimum stands in for
   * the next coordinate's centre value. For a sampled loss (shots) pass false: every coordinate
   * evaluates its centre afresh (three evaluations instead of two).
   */
  exactLoss?: boolean;
}

const ROTOSOLVE_OPTIONS = optionKeys<RotosolveOptions>({ sweeps: true, exactLoss: true });

/** One trainable angle and the frequency of the loss along it. */
interface Coordinate {
  param: Parameter;
  index: number;
  frequency: number;
}

/**
 * Rotosolve over every entry of `circuit.parameters()`; `step(closure)` runs `sweeps` sweeps,
 * one coordinate at a time, and returns the loss after them. Each entry must be read by exactly
 * one gate angle with a single expectation frequency (the constructor checks, and names the
 * gate otherwise: controlled rotations have two frequencies, u3's angles share a gate). The
 * closure must return the exact loss of the current angles (a sum of expectation values of the
 * circuit's output): the value at the new minimum is taken from the fitted sinusoid, so each
 * coordinate costs two evaluations after the first.
 * @example
 * const c = new Circuit(2, { seed: 1 });
 * c.ry("full");
 * c.cnot([0, 1]);
 * c.rx("full");
 * const opt = new Rotosolve(c);
 * for (let k = 0; k < 5; k++) opt.step(() => expecVal(c.forward(), "Z0 Z1 + 0.5 X0"));
 */
export class Rotosolve {
  /** The circuit whose parameters are optimized. */
  readonly circuit: Circuit;
  /** Sweeps per `step`. */
  readonly sweeps: number;
  /** Whether the fitted minimum is reused as the next centre value. */
  readonly exactLoss: boolean;
  /** Closure evaluations so far. */
  evaluations = 0;
  private readonly coordinates: Coordinate[];

  constructor(circuit: Circuit, options: RotosolveOptions = {}) {
    checkArity(arguments.length, 2, "Rotosolve");
    if (!(circuit instanceof Circuit))
      throw new ArgumentError(`Rotosolve: circuit must be a Circuit, got ${describe(circuit)}`);
    checkOptions(options, ROTOSOLVE_OPTIONS, "Rotosolve");
    this.circuit = circuit;
    this.sweeps = options.sweeps ?? 1;
    this.exactLoss = options.exactLoss ?? true;
    if (typeof this.exactLoss !== "boolean")
      throw new ArgumentError(
        `Rotosolve: exactLoss must be true or false, got ${describe(this.exactLoss)}`,
      );
    if (!Number.isInteger(this.sweeps) || this.sweeps < 1)
      throw new ArgumentError(
        `Rotosolve: sweeps must be a positive integer, got ${describe(this.sweeps)}`,
      );
    this.coordinates = singleFrequencyCoordinates(circuit, "Rotosolve");
  }

  /**
   * Runs the sweeps; returns the loss at the final angles.
   * @example
   * const loss = opt.step(() => expecVal(c.forward(), H));
   */
  step(closure: Closure): number {
    checkArity(arguments.length, 1, "Rotosolve.step");
    checkClosure(closure, "Rotosolve.step");
    const f = (): number => {
      this.evaluations++;
      return lossValue(closure, "Rotosolve.step");
    };
    let current = this.exactLoss ? f() : Number.NaN;
    for (let s = 0; s < this.sweeps; s++) {
      for (const { param, index, frequency } of this.coordinates) {
        const t0 = param.data[index]!;
        if (!this.exactLoss) current = f();
        const shift = Math.PI / (2 * frequency);
        param.data[index] = t0 + shift;
        const plus = f();
        param.data[index] = t0 - shift;
        const minus = f();
        const m = sinusoidMinimum(current, plus, minus, frequency);
        param.data[index] = t0 + m.offset;
        current = m.value;
      }
    }
    return current;
  }
}

/**
 * Every trainable entry of the circuit with the single frequency of the loss along it; throws
 * an ArgumentError naming the first entry that has none (no parameters at all, an entry read by
 * several angles, or a gate with more than one frequency).
 */
function singleFrequencyCoordinates(circuit: Circuit, where: string): Coordinate[] {
  const readers = new Map<Parameter, { frequencies: number[]; gates: string[] }[]>();
  for (const op of circuit.operations) {
    if (isDynamic(op)) {
      throw new ArgumentError(
        `${where}: the circuit has a ${op.kind} operation; Rotosolve needs a circuit of gates and channels`,
      );
    }
    op.angles.forEach((a, j) => {
      if (a.kind !== "param") return;
      let entries = readers.get(a.param);
      if (entries === undefined) {
        entries = Array.from({ length: a.param.data.length }, () => ({
          frequencies: [],
          gates: [],
        }));
        readers.set(a.param, entries);
      }
      const entry = entries[a.index]!;
      const name = op.kind === "gate" ? op.gate.name : op.channel.name;
      entry.gates.push(name);
      if (op.kind === "gate")
        for (const w of gateFrequencies(op.gate, j, "expectation"))
          entry.frequencies.push(w * Math.abs(a.scale));
    });
  }
  const params = circuit.parameters();
  if (params.length === 0)
    throw new ArgumentError(`${where}: the circuit has no trainable parameters`);
  const out: Coordinate[] = [];
  params.forEach((param, p) => {
    const entries = readers.get(param);
    for (let index = 0; index < param.data.length; index++) {
      const e = entries?.[index];
      const at = `parameters()[${p}] entry ${index}`;
      if (e === undefined || e.gates.length === 0) continue; // read by no gate: the loss ignores it
      if (e.gates.length > 1 || e.frequencies.length !== 1) {
        const what =
          e.gates.length > 1
            ? `is read by ${e.gates.length} angles (${e.gates.join(", ")})`
            : `enters gate ${e.gates[0]} with frequencies [${e.frequencies.map((w) => +w.toFixed(6)).join(", ")}]`;
        throw new ArgumentError(
          `${where}: ${at} ${what}; it needs every angle read by one gate with a two-term spectrum (one frequency), such as rx, ry, rz, rzz or a Pauli rotation`,
        );
      }
      out.push({ param, index, frequency: e.frequencies[0]! });
    }
  });
  return out;
}
