/**
 * Classical shadows (Huang, Kueng & Preskill 2020): measure copies of a state in random bases and
 * keep, for each, the snapshot rho_s = M^-1(U^dagger |b><b| U), an unbiased estimate of rho.
 * Linear properties tr(O rho) are means of tr(O rho_s); quadratic ones (purity, Rényi-2
 * entropy) are means over pairs s != t of tr(rho_s rho_t).
 * - Pauli ensemble: every qubit measured in X, Y or Z; rho_s = tensor_q (3 |e_q><e_q| - I), so a
 *   Pauli string P is estimated by prod_{q in P} 3 [b_q = P_q] (+-1) (zero unless every factor
 *   was measured in its own basis). The bases are uniform, or chosen for a Hamiltonian by
 *   Paddle's LBCS and APS (importance.ts), with Paddle's estimators: LBCS reweights by
 *   1 / beta[q][P_q] instead of 3; APS averages each term over the snapshots that measured it.
 * - Clifford ensemble (global): rho_s = (2^n + 1) |phi><phi| - I with phi a stabilizer state
 *   (stabilizer.ts); better for fidelities with entangled states, costly for local observables.
 * Snapshots are drawn with a seed; the same seed gives the same shadow on every backend.
 */
import { ArgumentError, describe } from "../../errors.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { Hamiltonian } from "../../quantum/operators/hamiltonian.js";
import { pauliMasks } from "../../quantum/operators/pauli.js";
import { sampleIndices } from "../../quantum/state/measure.js";
import { rotatedToPauliBasis } from "../../quantum/state/pauli-basis.js";
import { State } from "../../quantum/state/state.js";
import { type Rng, toRng } from "../../random.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { logOf } from "../entropy.js";
import { checkQubitList } from "../matrix.js";
import { apsBases, drawBases, lbcsDistribution } from "./importance.js";
import { cliffordSnapshots, matrixExpectation, overlapSquared } from "./stabilizer.js";
import { medianOfMeans, normalQuantile } from "./statistics.js";
import { type TermTable, termTable } from "./terms.js";

/** Which random unitaries the snapshots use. */
export type ShadowEnsemble = "pauli" | "clifford";

/** How the Pauli bases are chosen: uniformly, or for a Hamiltonian by LBCS or APS. */
export type ShadowSampling = "uniform" | "lbcs" | "aps";

/** An observable: a `Hamiltonian`, a Pauli list `[[0.5, "Z0, Z1"]]` or a string `"0.5 Z0 Z1"`. */
export type ShadowObservable = Hamiltonian | ConstructorParameters<typeof Hamiltonian>[0] | string;

/** Options of `classicalShadow`. */
export interface ClassicalShadowOptions {
  /** Seed (or generator) of the bases and outcomes. */
  seed?: number | Rng;
  /** `"pauli"` (default) or `"clifford"` (global Cliffords: at most 10 qubits, 6 for a density matrix). */
  ensemble?: ShadowEnsemble;
  /** Pauli bases: `"uniform"` (default), `"lbcs"` or `"aps"` (both need `hamiltonian`). */
  sampling?: ShadowSampling;
  /** The Hamiltonian LBCS and APS sample for. */
  hamiltonian?: ShadowObservable;
}

const SHADOW_OPTIONS = optionKeys<ClassicalShadowOptions>({
  seed: true,
  ensemble: true,
  sampling: true,
  hamiltonian: true,
});

/** Options of an estimate. */
export interface ShadowEstimateOptions {
  /** Median of means over this many blocks of snapshots (default 1: the plain mean). */
  groups?: number;
  /** Coverage of the normal confidence interval (default 0.95). */
  confidence?: number;
}

const ESTIMATE_OPTIONS = optionKeys<ShadowEstimateOptions>({ groups: true, confidence: true });

/** A shadow estimate with its uncertainty. */
export interface ShadowEstimate {
  /** The estimate (a median of means when `groups` > 1). */
  value: number;
  /** The standard error of the snapshot mean, from the snapshots' own spread. */
  standardError: number;
  /** value -+ z standardError, z the normal quantile of the confidence. */
  confidenceInterval: [number, number];
  /** The confidence of the interval. */
  confidence: number;
  /** Snapshots used. */
  snapshots: number;
}

/** The largest state the Clifford ensemble takes (each snapshot costs about 4^n operations). */
export const MAX_CLIFFORD_SHADOW_QUBITS = 10;

/** The largest density matrix the Clifford ensemble takes (about 8^n operations a snapshot). */
export const MAX_CLIFFORD_DENSITY_QUBITS = 6;

/**
 * The shadow of `state` (a batch-1 `State` or `DensityMatrix`) from `snapshots` random
 * measurements.
 * @example
 * const shadow = classicalShadow(State.bell(), 10000, { seed: 1 });
 * shadow.expectation("Z0 Z1"); // about 1 (standard error 0.028)
 * shadow.estimate("Z0 Z1").confidenceInterval; // about [0.94, 1.06]
 */
export function classicalShadow(
  state: State | DensityMatrix,
  snapshots: number,
  options: ClassicalShadowOptions = {},
): ClassicalShadow {
  checkArity(arguments.length, 3, "classicalShadow");
  if (!(state instanceof State) && !(state instanceof DensityMatrix))
    throw new ArgumentError(
      `classicalShadow: state must be a State or a DensityMatrix, got ${describe(state)}`,
    );
  if (state.batch !== 1)
    throw new ArgumentError(`classicalShadow: state must have batch 1, got batch ${state.batch}`);
  if (!Number.isSafeInteger(snapshots) || snapshots < 1)
    throw new ArgumentError(
      `classicalShadow: snapshots must be a positive integer, got ${describe(snapshots)}`,
    );
  checkOptions(options, SHADOW_OPTIONS, "classicalShadow");
  const ensemble = options.ensemble ?? "pauli";
  const sampling = options.sampling ?? "uniform";
  if (ensemble !== "pauli" && ensemble !== "clifford")
    throw new ArgumentError(
      `classicalShadow: ensemble must be "pauli" or "clifford", got ${describe(ensemble)}`,
    );
  if (sampling !== "uniform" && sampling !== "lbcs" && sampling !== "aps")
    throw new ArgumentError(
      `classicalShadow: sampling must be "uniform", "lbcs" or "aps", got ${describe(sampling)}`,
    );
  const rng = toRng(options.seed);
  const n = state.nQubits;
  if (ensemble === "clifford") {
    if (sampling !== "uniform")
      throw new ArgumentError(
        `classicalShadow: sampling "${sampling}" needs the Pauli ensemble, got ensemble "clifford"`,
      );
    const limit = state instanceof State ? MAX_CLIFFORD_SHADOW_QUBITS : MAX_CLIFFORD_DENSITY_QUBITS;
    if (n > limit)
      throw new ArgumentError(
        `classicalShadow: the Clifford ensemble takes at most ${limit} qubits for a ${state.constructor.name}, got ${n}; use ensemble "pauli"`,
      );
    let weight: (phi: Float64Array) => number;
    if (state instanceof State) {
      const psi = state.toArray();
      weight = (phi) => overlapSquared(phi, psi);
    } else {
      const rho = state.matrix();
      weight = (phi) => matrixExpectation(rho, phi);
    }
    return new ClassicalShadow(n, {
      kind: "clifford",
      states: cliffordSnapshots(n, snapshots, rng, weight),
    });
  }
  let table: TermTable | undefined;
  if (sampling !== "uniform") {
    if (options.hamiltonian === undefined)
      throw new ArgumentError(
        `classicalShadow: sampling "${sampling}" needs the hamiltonian option`,
      );
    table = termTable(
      observableOf(options.hamiltonian, "classicalShadow: hamiltonian"),
      n,
      "classicalShadow",
    );
  }
  const beta = sampling === "lbcs" ? lbcsDistribution(table!) : new Float64Array(3 * n).fill(1 / 3);
  const bases = new Uint8Array(snapshots * n);
  for (let s = 0; s < snapshots; s++) {
    const row = bases.subarray(s * n, (s + 1) * n);
    if (sampling === "aps") apsBases(table!, rng, row);
    else drawBases(beta, rng, row);
  }
  const outcomes = measureBases(state, bases, snapshots, rng);
  return new ClassicalShadow(n, { kind: "pauli", sampling, bases, outcomes, beta });
}

/** One outcome bit per (snapshot, qubit), the snapshots grouped by basis setting. */
function measureBases(
  state: State | DensityMatrix,
  bases: Uint8Array,
  snapshots: number,
  rng: Rng,
): Uint8Array {
  const n = state.nQubits;
  const groups = new Map<string, number[]>();
  for (let s = 0; s < snapshots; s++) {
    const key = bases.subarray(s * n, (s + 1) * n).join("");
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = []));
    g.push(s);
  }
  const outcomes = new Uint8Array(snapshots * n);
  const qubits = Array.from({ length: n }, (_, q) => q);
  const backend = state.backend;
  for (const members of groups.values()) {
    const first = members[0]! * n;
    // a density matrix is vec(rho) on 2n qubits: its column qubits get the conjugate rotation
    const density = state instanceof DensityMatrix;
    const rotated = rotatedToPauliBasis(
      backend,
      state.buffer,
      qubits,
      (q) => "XYZ"[bases[first + q]!],
      density ? n : undefined,
    );
    let probs: Float64Array;
    try {
      probs = density
        ? new DensityMatrix(rotated, backend).probabilities()
        : backend.probabilities(rotated);
    } finally {
      backend.free(rotated);
    }
    const drawn = sampleIndices(probs, members.length, rng);
    members.forEach((s, i) => {
      for (let q = 0; q < n; q++) outcomes[s * n + q] = (drawn[i]! >>> (n - 1 - q)) & 1;
    });
  }
  return outcomes;
}

/** What the snapshots are. */
type SnapshotData =
  | {
      kind: "pauli";
      sampling: ShadowSampling;
      /** Basis codes (0 X, 1 Y, 2 Z), snapshots x nQubits. */
      bases: Uint8Array;
      /** Outcome bits, snapshots x nQubits. */
      outcomes: Uint8Array;
      /** Per-qubit basis probabilities, nQubits x 3. */
      beta: Float64Array;
    }
  | { kind: "clifford"; states: Float64Array[] };

function observableOf(h: unknown, where: string): Hamiltonian {
  if (h instanceof Hamiltonian) return h;
  if (typeof h === "string") return Hamiltonian.fromString(h);
  if (Array.isArray(h)) return new Hamiltonian(h);
  throw new ArgumentError(
    `${where}: expected a Hamiltonian, a Pauli list or a string, got ${describe(h)}`,
  );
}

/**
 * A classical shadow: the snapshots of one state and the estimators on them. Made by
 * `classicalShadow`.
 * @example
 * const shadow = classicalShadow(State.ghz(3), 2000, { seed: 2 });
 * shadow.fidelity(State.ghz(3)); // about 1
 * shadow.renyi2Entropy([0]); // about 1 bit
 */
export class ClassicalShadow {
  /** Number of qubits of the state. */
  readonly nQubits: number;
  /** Number of snapshots. */
  readonly snapshots: number;
  /** The ensemble of the snapshots. */
  readonly ensemble: ShadowEnsemble;
  /** How the Pauli bases were chosen (`"uniform"` for Clifford shadows). */
  readonly sampling: ShadowSampling;
  private readonly data: SnapshotData;

  /** Use `classicalShadow`. */
  constructor(nQubits: number, data: SnapshotData) {
    checkArity(arguments.length, 2, "ClassicalShadow");
    const valid =
      Number.isInteger(nQubits) &&
      nQubits >= 1 &&
      data !== null &&
      typeof data === "object" &&
      (data.kind === "pauli"
        ? data.bases instanceof Uint8Array &&
          data.outcomes instanceof Uint8Array &&
          data.beta instanceof Float64Array
        : data.kind === "clifford" && Array.isArray(data.states));
    if (!valid)
      throw new ArgumentError(
        `ClassicalShadow: made by classicalShadow(state, snapshots, options), got ${describe(nQubits)}, ${describe(data)}`,
      );
    this.nQubits = nQubits;
    this.data = data;
    this.ensemble = data.kind;
    this.sampling = data.kind === "pauli" ? data.sampling : "uniform";
    this.snapshots = snapshotCount(data, nQubits);
  }

  /**
   * The estimate of <H>, a number (see `estimate` for its uncertainty).
   * @example
   * classicalShadow(State.bell(), 10000, { seed: 1 }).expectation("Z0 Z1"); // about 1
   */
  expectation(H: ShadowObservable, options: ShadowEstimateOptions = {}): number {
    checkArity(arguments.length, 2, "ClassicalShadow.expectation");
    return estimateWith(this.data, this.nQubits, "ClassicalShadow.expectation", H, options).value;
  }

  /**
   * The estimate of <H> with its standard error and a normal confidence interval. With `groups`
   * the value is a median of means (robust to rare large snapshots); the error stays that of
   * the plain mean. APS shadows average each term over the snapshots that measured it (Paddle's
   * estimator); their error comes from each snapshot's influence on those averages.
   * @example
   * const { value, confidenceInterval } = shadow.estimate(H, { groups: 10, confidence: 0.99 });
   */
  estimate(H: ShadowObservable, options: ShadowEstimateOptions = {}): ShadowEstimate {
    checkArity(arguments.length, 2, "ClassicalShadow.estimate");
    return estimateWith(this.data, this.nQubits, "ClassicalShadow.estimate", H, options);
  }

  /**
   * The fidelity <psi|rho|psi> with a pure target state (a batch-1 `State` of as many qubits).
   * @example
   * classicalShadow(State.bell(), 5000, { seed: 3, ensemble: "clifford" }).fidelity(State.bell()); // about 1
   */
  fidelity(target: State): number {
    checkArity(arguments.length, 1, "ClassicalShadow.fidelity");
    if (!(target instanceof State) || target.batch !== 1 || target.nQubits !== this.nQubits)
      throw new ArgumentError(
        `ClassicalShadow.fidelity: target must be a batch-1 State of ${this.nQubits} qubits, got ${describeState(target)}`,
      );
    const psi = target.toArray();
    let sum = 0;
    if (this.data.kind === "clifford") {
      for (const phi of this.data.states)
        sum += (2 ** this.nQubits + 1) * overlapSquared(phi, psi) - 1;
      return sum / this.snapshots;
    }
    if (this.data.sampling !== "uniform")
      throw new ArgumentError(
        "ClassicalShadow.fidelity: needs uniform Pauli bases (or the Clifford ensemble)",
      );
    const work = new Float64Array(psi.length);
    for (let s = 0; s < this.snapshots; s++) {
      work.set(psi);
      for (let q = 0; q < this.nQubits; q++)
        applyInverseChannel(
          work,
          this.nQubits,
          q,
          this.data.bases[s * this.nQubits + q]!,
          this.data.outcomes[s * this.nQubits + q]!,
        );
      let re = 0;
      for (let i = 0; i < psi.length; i += 2) re += psi[i]! * work[i]! + psi[i + 1]! * work[i + 1]!;
      sum += re;
    }
    return sum / this.snapshots;
  }

  /**
   * The purity tr(rho_A^2) of the qubits `qubits` (all when omitted), the mean of
   * tr(rho_s,A rho_t,A) over pairs of distinct snapshots (Clifford shadows: all qubits only).
   * @example
   * classicalShadow(State.bell(), 4000, { seed: 1 }).purity([0]); // about 0.5
   */
  purity(qubits?: readonly number[]): number {
    checkArity(arguments.length, 1, "ClassicalShadow.purity");
    return purityOf(this.data, this.nQubits, "ClassicalShadow.purity", qubits);
  }

  /**
   * The Rényi-2 entropy -log tr(rho_A^2) of the qubits `qubits` (all when omitted), in bits
   * unless `base` says otherwise. The purity estimate can come out at or below 0 for too few
   * snapshots: then it throws, asking for more.
   * @example
   * classicalShadow(State.bell(), 4000, { seed: 1 }).renyi2Entropy([0]); // about 1 bit
   */
  renyi2Entropy(qubits?: readonly number[], options: { base?: number } = {}): number {
    checkArity(arguments.length, 2, "ClassicalShadow.renyi2Entropy");
    checkOptions(options, ["base"], "ClassicalShadow.renyi2Entropy");
    const log = logOf(options.base);
    const p = purityOf(this.data, this.nQubits, "ClassicalShadow.renyi2Entropy", qubits);
    if (!(p > 0))
      throw new ArgumentError(
        `ClassicalShadow.renyi2Entropy: the purity estimate is ${p} (not positive) from ${this.snapshots} snapshots; take more snapshots`,
      );
    return -log(p);
  }
}

function snapshotCount(data: SnapshotData, nQubits: number): number {
  return data.kind === "pauli" ? data.bases.length / nQubits : data.states.length;
}

/** The estimate of <H> (`estimate` and `expectation`). */
function estimateWith(
  data: SnapshotData,
  nQubits: number,
  where: string,
  H: ShadowObservable,
  options: ShadowEstimateOptions,
): ShadowEstimate {
  const snapshots = snapshotCount(data, nQubits);
  checkOptions(options, ESTIMATE_OPTIONS, where);
  const groups = options.groups ?? 1;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(groups) || groups < 1 || groups > snapshots)
    throw new ArgumentError(
      `${where}: groups must be an integer in [1, ${snapshots}] (the snapshots), got ${describe(groups)}`,
    );
  if (typeof confidence !== "number" || !(confidence > 0 && confidence < 1))
    throw new ArgumentError(`${where}: confidence must be in (0, 1), got ${describe(confidence)}`);
  const table = termTable(observableOf(H, where), nQubits, where);
  const z = normalQuantile(0.5 + confidence / 2);
  const finish = (value: number, standardError: number): ShadowEstimate => ({
    value,
    standardError,
    confidenceInterval: [value - z * standardError, value + z * standardError],
    confidence,
    snapshots: snapshots,
  });
  if (data.kind === "pauli" && data.sampling === "aps") {
    if (groups !== 1)
      throw new ArgumentError(`${where}: groups (median of means) does not apply to APS shadows`);
    const { value, standardError } = apsEstimate(table, data.bases, data.outcomes);
    return finish(value, standardError);
  }
  const perSnapshot = perSnapshotValues(data, nQubits, table);
  let mean = 0;
  for (const v of perSnapshot) mean += v;
  mean /= perSnapshot.length;
  let sq = 0;
  for (const v of perSnapshot) sq += (v - mean) ** 2;
  const n = perSnapshot.length;
  const standardError = n > 1 ? Math.sqrt(sq / (n - 1) / n) : Number.POSITIVE_INFINITY;
  return finish(groups === 1 ? mean : medianOfMeans(perSnapshot, groups), standardError);
}

/** tr(H rho_s) for every snapshot s. */
function perSnapshotValues(data: SnapshotData, nQubits: number, table: TermTable): Float64Array {
  const snapshots = snapshotCount(data, nQubits);
  const n = nQubits;
  const out = new Float64Array(snapshots).fill(table.constant);
  if (data.kind === "clifford") {
    const scale = 2 ** n + 1;
    const masks = table.supports.map((support, t) =>
      pauliMasks(
        {
          qubits: [...support],
          letters: [...support].map((q) => "XYZ"[table.letters[t * n + q]! - 1] as "X" | "Y" | "Z"),
        },
        n,
      ),
    );
    data.states.forEach((phi, s) => {
      let v = 0;
      masks.forEach((m, t) => {
        v += table.coefficients[t]! * pauliExpectation(phi, m);
      });
      out[s] = out[s]! + scale * v;
    });
    return out;
  }
  const { bases, outcomes, beta } = data;
  for (let s = 0; s < snapshots; s++) {
    let v = 0;
    for (let t = 0; t < table.nTerms; t++) {
      let w = table.coefficients[t]!;
      for (const q of table.supports[t]!) {
        const b = bases[s * n + q]!;
        if (table.letters[t * n + q]! !== b + 1) {
          w = 0;
          break;
        }
        w *= (outcomes[s * n + q] ? -1 : 1) / beta[3 * q + b]!;
      }
      v += w;
    }
    out[s] = out[s]! + v;
  }
  return out;
}

/** The purity estimate of a subsystem (`purity` and `renyi2Entropy`). */
function purityOf(
  data: SnapshotData,
  nQubits: number,
  where: string,
  qubits: readonly number[] | undefined,
): number {
  const snapshots = snapshotCount(data, nQubits);
  const n = nQubits;
  const subsystem =
    qubits === undefined
      ? Array.from({ length: n }, (_, q) => q)
      : [...checkQubitList(qubits, n, `${where}: qubits`)];
  if (snapshots < 2)
    throw new ArgumentError(`${where}: needs at least 2 snapshots, got ${snapshots}`);
  const m = snapshots;
  if (data.kind === "clifford") {
    if (subsystem.length !== n)
      throw new ArgumentError(
        `${where}: Clifford shadows are global; qubits must be all ${n} qubits`,
      );
    const d = 2 ** n;
    let sum = 0;
    const states = data.states;
    for (let i = 0; i < m; i++)
      for (let j = i + 1; j < m; j++)
        sum += (d + 1) ** 2 * overlapSquared(states[i]!, states[j]!) - d - 2;
    return (2 * sum) / (m * (m - 1));
  }
  if (data.sampling !== "uniform")
    throw new ArgumentError(`${where}: needs uniform Pauli bases (or the Clifford ensemble)`);
  if (subsystem.length === 0) return 1;
  // snapshots restricted to the subsystem, counted by (basis, outcome) per qubit: a code in [0, 6)
  const { bases, outcomes } = data;
  const counts = new Map<string, number>();
  const codes = new Uint8Array(subsystem.length);
  for (let s = 0; s < m; s++) {
    subsystem.forEach((q, k) => {
      codes[k] = 2 * bases[s * n + q]! + outcomes[s * n + q]!;
    });
    const key = codes.join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  let sum = 0;
  for (const a of keys) {
    for (const b of keys) {
      let t = 1;
      for (let k = 0; k < a.length; k++) {
        const ca = a.charCodeAt(k) - 48;
        const cb = b.charCodeAt(k) - 48;
        // tr[(3|a><a| - I)(3|b><b| - I)] = 9 |<a|b>|^2 - 4: 5 for equal, -4 opposite, 1/2 other bases
        t *= ca >> 1 !== cb >> 1 ? 0.5 : ca === cb ? 5 : -4;
      }
      const na = counts.get(a)!;
      sum += t * na * (a === b ? na - 1 : counts.get(b)!);
    }
  }
  return sum / (m * (m - 1));
}

function describeState(x: unknown): string {
  return x instanceof State ? `a State of ${x.nQubits} qubits, batch ${x.batch}` : describe(x);
}

/** <phi|P|phi> from the masks of P (real for a Hermitian P). */
function pauliExpectation(
  phi: Float64Array,
  m: { xMask: number; zMask: number; nY: number },
): number {
  // P|j> = i^nY (-1)^popcount(j & z) |j ^ x>, so <phi|P|phi> = i^nY sum_j conj(phi_{j^x}) phi_j (-1)^...
  let re = 0;
  let im = 0;
  for (let j = 0; 2 * j < phi.length; j++) {
    const k = j ^ m.xMask;
    let sign = 1;
    for (let z = j & m.zMask; z !== 0; z &= z - 1) sign = -sign;
    const ar = phi[2 * k]!;
    const ai = -phi[2 * k + 1]!;
    const br = phi[2 * j]!;
    const bi = phi[2 * j + 1]!;
    re += sign * (ar * br - ai * bi);
    im += sign * (ar * bi + ai * br);
  }
  // multiply by i^nY and keep the real part
  switch (m.nY % 4) {
    case 0:
      return re;
    case 1:
      return -im;
    case 2:
      return -re;
    default:
      return im;
  }
}

/**
 * v <- (3 |e><e| - I) on qubit q, |e> the eigenstate measured: basis 0 X (|+>, |->), 1 Y
 * (|+i>, |-i>), 2 Z (|0>, |1>), `bit` the outcome.
 */
function applyInverseChannel(
  v: Float64Array,
  n: number,
  q: number,
  basis: number,
  bit: number,
): void {
  // |e> = (e0, e1) complex
  const s = Math.SQRT1_2;
  const sign = bit ? -1 : 1;
  const [e0r, e0i, e1r, e1i] =
    basis === 2
      ? bit
        ? [0, 0, 1, 0]
        : [1, 0, 0, 0]
      : basis === 0
        ? [s, 0, sign * s, 0]
        : [s, 0, 0, sign * s];
  // A = 3 e e^dagger - I
  const a00 = 3 * (e0r * e0r + e0i * e0i) - 1;
  const a11 = 3 * (e1r * e1r + e1i * e1i) - 1;
  const a01r = 3 * (e0r * e1r + e0i * e1i); // e0 conj(e1)
  const a01i = 3 * (e0i * e1r - e0r * e1i);
  const stride = 1 << (n - 1 - q);
  for (let j = 0; j < 1 << n; j++) {
    if (j & stride) continue;
    const k = j | stride;
    const xr = v[2 * j]!;
    const xi = v[2 * j + 1]!;
    const yr = v[2 * k]!;
    const yi = v[2 * k + 1]!;
    // [a00 a01; conj(a01) a11] (x, y)
    v[2 * j] = a00 * xr + a01r * yr - a01i * yi;
    v[2 * j + 1] = a00 * xi + a01r * yi + a01i * yr;
    v[2 * k] = a01r * xr + a01i * xi + a11 * yr;
    v[2 * k + 1] = a01r * xi - a01i * xr + a11 * yi;
  }
}

/**
 * Paddle's APS estimator: each term's mean over the snapshots whose bases cover it (0 when none
 * do), summed with the coefficients. APS covers rare terms (H2's four-qubit XXYY terms) in a few
 * snapshots only, where a spread estimated from those few values says little, so the error is the
 * larger of two estimates: the influence of each snapshot on the means,
 * sum_s (sum_P c_P [s covers P] (v_P(s) - m_P) / n_P)^2, which keeps the covariances of terms read
 * in the same snapshots, and the sum over terms of c_P^2 (1 - m~_P^2) / n_P, with m~_P the mean
 * shrunk by one pseudo-observation of 0 (the values are +-1, so their variance is 1 - <P>^2); an
 * uncovered term adds c_P^2, the largest error its missing mean can make.
 */
function apsEstimate(
  table: TermTable,
  bases: Uint8Array,
  outcomes: Uint8Array,
): { value: number; standardError: number } {
  const n = table.nQubits;
  const m = bases.length / n;
  const covered = new Float64Array(table.nTerms);
  const sums = new Float64Array(table.nTerms);
  const termValue = (s: number, t: number): number | null => {
    let v = 1;
    for (const q of table.supports[t]!) {
      if (table.letters[t * n + q]! !== bases[s * n + q]! + 1) return null;
      if (outcomes[s * n + q]) v = -v;
    }
    return v;
  };
  for (let s = 0; s < m; s++) {
    for (let t = 0; t < table.nTerms; t++) {
      const v = termValue(s, t);
      if (v === null) continue;
      covered[t]!++;
      sums[t]! += v;
    }
  }
  let value = table.constant;
  const means = sums.map((x, t) => (covered[t]! > 0 ? x / covered[t]! : 0));
  means.forEach((mean, t) => {
    value += table.coefficients[t]! * mean;
  });
  let influence = 0;
  for (let s = 0; s < m; s++) {
    let u = 0;
    for (let t = 0; t < table.nTerms; t++) {
      const v = termValue(s, t);
      if (v !== null) u += (table.coefficients[t]! * (v - means[t]!)) / covered[t]!;
    }
    influence += u * u;
  }
  let perTerm = 0;
  for (let t = 0; t < table.nTerms; t++) {
    const c2 = table.coefficients[t]! ** 2;
    const k = covered[t]!;
    const shrunk = (k * means[t]!) / (k + 1);
    perTerm += k === 0 ? c2 : (c2 * (1 - shrunk * shrunk)) / k;
  }
  return { value, standardError: Math.sqrt(Math.max(influence, perTerm)) };
}
