/**
 * Parameter-shift rules for every parameterized gate of the table, and `parameterShift()`, the
 * circuit gradient method built on them (`circuit.gradMethod = "parameter-shift"`).
 *
 * A rule comes from the gate's spectrum, never from its name. With theta one angle and the
 * others fixed, the gate is a trigonometric polynomial sum_e e^{i e theta} M_e, whose exponents e
 * come from the generators of the factors that read theta (each contributes -scale * lambda / 2
 * for every eigenvalue lambda of its generator) plus the gate's global-phase coefficient. A
 * function f(theta) with frequencies Omega = {w_1, ..., w_R} has the exact derivative
 * f'(theta) = sum_mu c_mu [f(theta + x_mu) - f(theta - x_mu)] for R shifts x_mu and the c_mu
 * that solve sum_mu 2 c_mu sin(w_k x_mu) = w_k (Wierichs et al., "General parameter-shift
 * rules", 2022). What is shifted decides Omega:
 *
 * - `"expectation"`: f = <psi|H|psi> (what hardware measures), Omega = differences of exponents.
 *   Generators with eigenvalues +-1 (RX, RY, RZ, RXX, ..., Pauli rotations) give the two-term
 *   rule, shifts +-pi/2 and coefficient 1/2; controlled rotations (spectrum {0, +-1}) give the
 *   four-term rule, shifts pi/2 and 3 pi/2, coefficients (sqrt2 +- 1) / (4 sqrt2).
 * - `"state"`: f = Re<g|psi> for a fixed cotangent g, what a circuit's backward needs for an
 *   arbitrary downstream loss; Omega = |exponents|, so RX gets shifts +-pi with coefficient 1/4
 *   and a controlled rotation two terms as well. This is what `parameterShift()` uses; the
 *   expectation rules drive the shot-based gradient in `shots.ts`.
 *
 * Multi-parameter gates (u3, cu, universal two/three-qubit) are shifted one angle at a time as a
 * whole gate; their one-parameter factors only determine the spectrum, so no hook into the
 * simulator is needed and a shifted gate is still one hardware gate.
 */
import type { StateBuffer } from "../backend/backend.js";
import { ArgumentError, describe } from "../errors.js";
import { type GradientMethodFn, registerGradientMethod } from "../quantum/circuit/circuit.js";
import {
  type AngleSource,
  accumulateAngleGradient,
  describeOperation,
  resolveAngles,
} from "../quantum/circuit/operation.js";
import { applyGate } from "../quantum/gates/apply.js";
import type { GateEntry } from "../quantum/gates/table.js";
import type { GradientRequest, GradientResult } from "../quantum/gradients/adjoint.js";
import { eighHermitian } from "../quantum/linalg.js";
import { asyncReader, deferredSweepReads } from "../quantum/state/async-reads.js";
import { fromData, type Parameter, type Tensor } from "../tensor/index.js";
import { checkArity } from "../validate.js";
import { finiteDifferences } from "./finitediff.js";

/** f'(theta) = sum_mu coefficients[mu] * (f(theta + shifts[mu]) - f(theta - shifts[mu])). */
export interface ShiftRule {
  /** The shifts s_mu (radians). */
  readonly shifts: readonly number[];
  /** The weights c_mu, one per shift. */
  readonly coefficients: readonly number[];
}

/** What the shifted quantity is: a linear functional of the state, or an expectation value. */
export type ShiftKind = "state" | "expectation";

const TOL = 1e-9;

/** Sorted distinct values (to TOL). */
function distinct(values: Iterable<number>): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) {
    if (out.length === 0 || Math.abs(v - out[out.length - 1]!) > TOL) out.push(v);
  }
  return out;
}

const spectra = new WeakMap<GateEntry, number[]>();

/** Distinct eigenvalues of a one-parameter gate's generator (cached). */
function spectrumOf(gate: GateEntry): number[] {
  let s = spectra.get(gate);
  if (s !== undefined) return s;
  if (gate.pauliRotation !== undefined) s = [-1, 1];
  else if (gate.generator !== undefined) s = distinct(eighHermitian(gate.generator).values);
  else {
    throw new ArgumentError(
      `parameter shift: gate ${describe(gate.name)} has neither a generator nor a factor decomposition`,
    );
  }
  spectra.set(gate, s);
  return s;
}

function checkGateArg(gate: unknown, where: string): void {
  if (
    gate === null ||
    typeof gate !== "object" ||
    typeof (gate as GateEntry).nParams !== "number"
  ) {
    throw new ArgumentError(
      `${where}: gate must be a gate-table entry (getGate("rx")), got ${describe(gate)}`,
    );
  }
}

/**
 * The exponents e of theta_j in the gate's matrix, sum_e e^{i e theta_j} M_e (the others fixed):
 * the global-phase coefficient plus every sum of one -scale * lambda / 2 per factor reading j.
 * @example
 * gateExponents(getGate("rx"), 0); // [-0.5, 0.5]
 */
export function gateExponents(gate: GateEntry, j: number): number[] {
  checkArity(arguments.length, 2, "gateExponents");
  checkGateArg(gate, "gateExponents");
  if (!Number.isInteger(j) || j < 0 || j >= gate.nParams) {
    throw new ArgumentError(
      `gateExponents: parameter index ${describe(j)} out of range for ${gate.name} (${gate.nParams} parameters)`,
    );
  }
  const phase = gate.globalPhase?.coefficients[j] ?? 0;
  let sums = [phase];
  const add = (g: GateEntry, scale: number): void => {
    const next: number[] = [];
    for (const s of sums) for (const l of spectrumOf(g)) next.push(s - (scale * l) / 2);
    sums = distinct(next);
  };
  if (gate.nParams === 1 && gate.generator !== undefined) add(gate, 1);
  else if (gate.factors !== undefined) {
    for (const f of gate.factors) if (f.param === j) add(f.gate, f.scale);
  } else if (gate.nParams === 1 && gate.pauliRotation !== undefined) add(gate, 1);
  else spectrumOf(gate); // throws: nothing to differentiate with
  return sums.length > 2 ? pruneExponents(gate, j, sums) : sums;
}

/**
 * Drops candidate exponents whose coefficient matrix M_e vanishes. Factors that commute (cu's
 * controlled RZ(l) and the phase l/2 on its control) give fewer exponents than the sum of their
 * spectra; a discrete Fourier transform of the matrix over one period of theta_j, with the
 * other angles at generic values, shows which remain.
 */
function pruneExponents(gate: GateEntry, j: number, cands: number[]): number[] {
  const first = cands[0]!;
  const diffs = cands.slice(1).map((e) => e - first);
  const step = realGcd(diffs);
  const m = Math.round((cands[cands.length - 1]! - first) / step) + 1;
  if (!(step > TOL) || m > 64) return cands;
  const theta = Array.from({ length: gate.nParams }, (_, i) => 0.31 + 0.173 * i);
  const size = gate.matrix(theta).length;
  const acc = new Float64Array(2 * m * size); // coefficient matrix per lattice exponent
  for (let k = 0; k < m; k++) {
    const t = (2 * Math.PI * k) / (m * step);
    theta[j] = t;
    const mat = gate.matrix(theta);
    for (let q = 0; q < m; q++) {
      const ph = -(first + q * step) * t;
      const c = Math.cos(ph);
      const sn = Math.sin(ph);
      for (let i = 0; i < size; i += 2) {
        acc[q * 2 * size + i]! += mat[i]! * c - mat[i + 1]! * sn;
        acc[q * 2 * size + i + 1]! += mat[i]! * sn + mat[i + 1]! * c;
      }
    }
  }
  return cands.filter((e) => {
    const q = Math.round((e - first) / step);
    let worst = 0;
    for (let i = 0; i < 2 * size; i++) worst = Math.max(worst, Math.abs(acc[q * 2 * size + i]!));
    return worst / m > 1e-9;
  });
}

/**
 * The frequencies (positive, distinct) of the shifted function of theta_j: |e| for `"state"`,
 * |e - e'| for `"expectation"`.
 * @example
 * gateFrequencies(getGate("crx"), 0, "expectation"); // [0.5, 1]
 */
export function gateFrequencies(gate: GateEntry, j: number, kind: ShiftKind): number[] {
  checkArity(arguments.length, 3, "gateFrequencies");
  checkGateArg(gate, "gateFrequencies");
  const e = gateExponents(gate, j);
  const all: number[] = [];
  if (kind === "state") for (const a of e) all.push(Math.abs(a));
  else for (const a of e) for (const b of e) all.push(Math.abs(a - b));
  return distinct(all).filter((w) => w > TOL);
}

/** Greatest common divisor of positive reals (to TOL), or 0 when there is none that is useful. */
function realGcd(values: readonly number[]): number {
  let g = values[0]!;
  for (const v of values.slice(1)) {
    let a = Math.max(g, v);
    let b = Math.min(g, v);
    while (b > TOL) {
      const r = a - b * Math.floor(a / b + TOL);
      a = b;
      b = r < TOL ? 0 : r;
    }
    g = a;
  }
  return g;
}

/** Solves the small dense system A c = y by Gaussian elimination with partial pivoting. */
function solve(a: number[][], y: number[]): number[] {
  const n = y.length;
  const m = a.map((row, i) => [...row, y[i]!]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[piv]![col]!)) piv = r;
    [m[col], m[piv]] = [m[piv]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) throw new ArgumentError("shiftRule: the shift system is singular");
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      for (let k = col; k <= n; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * The shift rule exact for every trigonometric polynomial with frequencies in `frequencies`:
 * one shift pi/(2w) for a single frequency w; for several, the equidistant rule on their common
 * base w (frequencies w, 2w, ..., Rw, shifts (2mu - 1) pi / (2 R w)).
 * @example
 * shiftRule([1]);        // { shifts: [pi/2], coefficients: [0.5] }
 * shiftRule([0.5, 1]);   // shifts [pi/2, 3pi/2], coefficients [(sqrt2+1)/(4 sqrt2), -(sqrt2-1)/(4 sqrt2)]
 */
export function shiftRule(frequencies: readonly number[]): ShiftRule {
  checkArity(arguments.length, 1, "shiftRule");
  if (!Array.isArray(frequencies))
    throw new ArgumentError(
      `shiftRule: frequencies must be an array of positive numbers, got ${describe(frequencies)}`,
    );
  for (const w of frequencies) {
    if (typeof w !== "number" || !(w > 0) || !Number.isFinite(w)) {
      throw new ArgumentError(
        `shiftRule: frequencies must be positive finite numbers, got ${describe(frequencies)}`,
      );
    }
  }
  const omega = distinct(frequencies);
  if (omega.length === 0) return { shifts: [], coefficients: [] };
  if (omega.length === 1)
    return { shifts: [Math.PI / (2 * omega[0]!)], coefficients: [omega[0]! / 2] };
  const base = realGcd(omega);
  const r = Math.round(omega[omega.length - 1]! / base);
  if (!(base > TOL) || r > 32) {
    throw new ArgumentError(
      `shiftRule: frequencies ${describe(omega)} have no small common base; no shift rule`,
    );
  }
  const shifts = Array.from({ length: r }, (_, mu) => ((2 * mu + 1) * Math.PI) / (2 * r * base));
  const a = Array.from({ length: r }, (_, k) =>
    shifts.map((x) => 2 * Math.sin((k + 1) * base * x)),
  );
  const y = Array.from({ length: r }, (_, k) => (k + 1) * base);
  return { shifts, coefficients: solve(a, y) };
}

const ruleCache = new WeakMap<GateEntry, Map<string, ShiftRule>>();

/**
 * The shift rule of angle `j` of `gate` (cached).
 * @example
 * gateShiftRule(getGate("ry"), 0, "expectation"); // two terms, +-pi/2, 1/2
 * gateShiftRule(getGate("cry"), 0, "expectation"); // four terms, pi/2 and 3pi/2
 */
export function gateShiftRule(gate: GateEntry, j: number, kind: ShiftKind): ShiftRule {
  checkArity(arguments.length, 3, "gateShiftRule");
  checkGateArg(gate, "gateShiftRule");
  if (kind !== "state" && kind !== "expectation") {
    throw new ArgumentError(
      `gateShiftRule: kind must be "state" or "expectation", got ${describe(kind)}`,
    );
  }
  let byKey = ruleCache.get(gate);
  if (byKey === undefined) {
    byKey = new Map();
    ruleCache.set(gate, byKey);
  }
  const key = `${kind}:${j}`;
  let rule = byKey.get(key);
  if (rule === undefined) {
    rule = shiftRule(gateFrequencies(gate, j, kind));
    byKey.set(key, rule);
  }
  return rule;
}

/** Whether a gradient method must differentiate this angle. */
function wanted(
  source: AngleSource,
  req: GradientRequest,
  grads: Map<Parameter, Float64Array>,
): boolean {
  if (source.kind === "param") return grads.has(source.param) && source.param.requiresGrad;
  if (source.kind === "data") return req.wantData && req.data !== undefined;
  return false;
}

/**
 * The cotangent carried back through every operation's inverse: the input-state gradient
 * U^dagger g of the linear map psi -> U psi (exact; no shifts can give it). Returns the buffer.
 */
function inputStateCotangent(req: GradientRequest, cot: StateBuffer): StateBuffer {
  const be = req.backend;
  const lam = be.clone(cot);
  try {
    if (req.globalPhase !== 0) {
      be.scale(lam, new Float64Array([Math.cos(req.globalPhase), -Math.sin(req.globalPhase)]));
    }
    for (let oi = req.operations.length - 1; oi >= 0; oi--) {
      const op = req.operations[oi]!;
      if (op.kind !== "gate") {
        throw new ArgumentError(
          `parameter shift: the ${describeOperation(op)} needs density matrices or the dynamic engine`,
        );
      }
      const angles =
        op.gate.nParams > 0 ? resolveAngles(op, req.data, req.nFeatures, cot.batch) : undefined;
      applyGate(be, lam, op.gate, op.qubits, angles, { adjoint: !op.adjoint });
    }
    return lam;
  } catch (e) {
    be.free(lam);
    throw e;
  }
}

/** The input-state gradient tensor from lambda's amplitudes (summed when a state was broadcast). */
function inputStateTensor(req: GradientRequest, arr: Float64Array, batch: number): Tensor {
  const dim = 2 ** req.output.nQubits;
  if (req.inputBatch === 1 && batch > 1) {
    const sum = new Float64Array(2 * dim);
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < 2 * dim; i++) sum[i]! += arr[b * 2 * dim + i]!;
    return fromData(sum, [1, dim], "complex128");
  }
  return fromData(arr, [batch, dim], "complex128");
}

/** Re<cotangent|run> per batch element, handed to `use` at once (cpu) or after the read back. */
type InnerRead = (a: StateBuffer, b: StateBuffer, use: (ip: Float64Array) => void) => void;

/**
 * Records every shifted run and its contraction with the cotangent; the gradients are complete
 * once each read has reached its callback. Returns the cotangent buffer (freed by the caller)
 * and the packing of the results.
 */
function recordShifts(
  req: GradientRequest,
  read: InnerRead,
): {
  cot: StateBuffer;
  result(stateArr: Float64Array | undefined): GradientResult;
} {
  const be = req.backend;
  const batch = req.output.batch;
  const grads = new Map<Parameter, Float64Array>();
  for (const p of req.parameters) grads.set(p, new Float64Array(p.size));
  const dataGrad = req.wantData ? new Float64Array(batch * req.nFeatures) : undefined;
  const cot = be.fromArray(req.output.nQubits, batch, req.cotangent.data);
  try {
    req.operations.forEach((op, oi) => {
      if (op.kind !== "gate") return;
      op.angles.forEach((source, j) => {
        if (!wanted(source, req, grads)) return;
        const rule = gateShiftRule(op.gate, j, "state");
        const perBatch = new Float64Array(batch);
        let left = 2 * rule.shifts.length;
        rule.shifts.forEach((x, mu) => {
          const c = rule.coefficients[mu]!;
          for (const sign of [1, -1]) {
            const run = req.run({ operation: oi, angle: j, delta: sign * x });
            read(cot, run, (ip) => {
              for (let b = 0; b < batch; b++) perBatch[b]! += sign * c * ip[2 * b]!;
              // the angle's last term is in: its gradient is complete
              if (--left === 0)
                accumulateAngleGradient(source, perBatch, grads, dataGrad, req.data, req.nFeatures);
            });
            be.free(run);
          }
        });
      });
    });
  } catch (e) {
    be.free(cot);
    throw e;
  }
  return {
    cot,
    result: (stateArr) => ({
      parameters: req.parameters.map((p) => fromData(grads.get(p)!, [...p.shape], "float64")),
      data: dataGrad ? fromData(dataGrad, [batch, req.nFeatures], "float64") : null,
      state: stateArr === undefined ? null : inputStateTensor(req, stateArr, batch),
    }),
  };
}

/**
 * The parameter-shift gradient method: for every trainable angle (and every data angle when the
 * data needs gradients) it re-runs the circuit at the shifts of the angle's `"state"` rule and
 * contracts each run with the incoming cotangent, so it is exact (to rounding) for any
 * downstream loss. Costs 2 simulations per shift per angle occurrence (shared parameters are
 * shifted at each occurrence and summed, the chain rule). The input-state gradient, when asked
 * for, is the cotangent run back through the inverse circuit. On webgpu
 * (`await runBackwardAsync(loss)`) every run and contraction is recorded into one command stream
 * and the contractions are read back at once.
 * @example
 * circuit.gradMethod = parameterShift();   // or circuit.gradMethod = "parameter-shift"
 * expecVal(circuit.forward(), H).backward();
 */
export function parameterShift(): GradientMethodFn {
  checkArity(arguments.length, 0, "parameterShift");
  const method: GradientMethodFn = (req: GradientRequest): GradientResult => {
    const be = req.backend;
    const sweep = recordShifts(req, (a, b, use) => use(be.innerProduct(a, b)));
    try {
      if (!req.wantState) return sweep.result(undefined);
      const lam = inputStateCotangent(req, sweep.cot);
      try {
        return sweep.result(be.toArray(lam));
      } finally {
        be.free(lam);
      }
    } finally {
      be.free(sweep.cot);
    }
  };
  method.async = async (req: GradientRequest): Promise<GradientResult> => {
    const gpu = asyncReader(req.backend);
    if (gpu === undefined) return method(req);
    const reads = deferredSweepReads(gpu, req.output.batch);
    const sweep = recordShifts(req, reads.innerProduct);
    let lam: StateBuffer | undefined;
    try {
      if (req.wantState) lam = inputStateCotangent(req, sweep.cot);
      await reads.deliver();
      return sweep.result(lam === undefined ? undefined : await gpu.toArrayAsync(lam));
    } finally {
      if (lam !== undefined) gpu.free(lam);
      gpu.free(sweep.cot);
    }
  };
  return method;
}

registerGradientMethod("parameter-shift", parameterShift);
registerGradientMethod("finite-diff", () => finiteDifferences());
