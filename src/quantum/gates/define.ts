/**
 * Builds frozen gate entries from a short spec: validates parameters once, derives the
 * diagonal or permutation view from the matrix, and computes matrices of factored gates.
 */
import type { PauliLetter } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import { expandOperator, identity, matmul, scaleMatrix } from "../linalg.js";
import type {
  GateEntry,
  GateFactor,
  GateStructure,
  GlobalPhase,
  PermutationSpec,
} from "./types.js";

/** What a table row states; `defineGate` fills in the rest. */
export interface GateSpec {
  /** Canonical name. */
  name: string;
  /** Other accepted names. */
  aliases?: string[];
  /** Number of qubits. */
  nQubits: number;
  /** Number of angle parameters. */
  nParams: number;
  /** Kernel family. */
  structure: GateStructure;
  /** The matrix for already-validated parameters (omit when `factors` define it). */
  build?: (theta: ArrayLike<number>) => Float64Array;
  /** Controls and target, for controlled gates. */
  controlled?: { nControls: number; target: GateEntry };
  /** G with matrix(t) = exp(-i t G / 2), for one-parameter gates. */
  /**
   * The generator G (matrix = exp(-i t G / 2)); a function builds it on first use (Pauli
   * rotations on many qubits: a dense 2^k x 2^k generator is only built if someone asks for it).
   */
  generator?: Float64Array | (() => Float64Array);
  /** One-parameter factor decomposition, for multi-parameter gates. */
  factors?: GateFactor[];
  /** Global phase of the factor decomposition. */
  globalPhase?: GlobalPhase;
  /** Letters of P for a Pauli rotation exp(-i t P / 2). */
  pauliRotation?: PauliLetter[];
}

const EMPTY = new Float64Array(0);

/**
 * Checks that `theta` holds `nParams` finite numbers; throws an `ArgumentError` naming the gate.
 * @example
 * checkTheta("rx", 1, [0.3]);
 */
export function checkTheta(
  name: string,
  nParams: number,
  theta: ArrayLike<number> | undefined,
): ArrayLike<number> {
  const t = theta ?? EMPTY;
  if (t.length !== nParams) {
    throw new ArgumentError(
      `${name}: theta has ${t.length} values, expected ${nParams} parameter${nParams === 1 ? "" : "s"}`,
    );
  }
  for (let i = 0; i < t.length; i++) {
    if (typeof t[i] !== "number" || !Number.isFinite(t[i])) {
      throw new ArgumentError(`${name}: theta[${i}] = ${describe(t[i])} is not a finite number`);
    }
  }
  return t;
}

/**
 * A frozen gate entry from a spec.
 * @example
 * const g = defineGate({ name: "x", nQubits: 1, nParams: 0, structure: "permutation", build: () => X });
 */
export function defineGate(spec: GateSpec): GateEntry {
  const { name, nQubits, nParams, structure } = spec;
  const build =
    spec.build ??
    (spec.factors
      ? (t: ArrayLike<number>) => factorProduct(nQubits, spec.factors!, spec.globalPhase, t)
      : undefined);
  if (build === undefined) throw new Error(`defineGate(${name}): needs build or factors`);
  const matrix = (theta?: ArrayLike<number>): Float64Array =>
    build(checkTheta(name, nParams, theta));
  const dim = 1 << nQubits;
  const diagonal =
    structure === "diagonal"
      ? (theta?: ArrayLike<number>): Float64Array => {
          const m = matrix(theta);
          const out = new Float64Array(2 * dim);
          for (let i = 0; i < dim; i++) {
            out[2 * i] = m[2 * (i * dim + i)]!;
            out[2 * i + 1] = m[2 * (i * dim + i) + 1]!;
          }
          return out;
        }
      : undefined;
  let permutation: PermutationSpec | undefined;
  if (structure === "permutation") {
    if (nParams !== 0) throw new Error(`defineGate(${name}): permutation gates take no parameters`);
    permutation = derivePermutation(name, matrix(EMPTY), dim);
  }
  const entry: GateEntry = {
    name,
    aliases: Object.freeze([...(spec.aliases ?? [])]),
    nQubits,
    nParams,
    structure,
    matrix,
    diagonal,
    permutation,
    controlled: spec.controlled ? Object.freeze({ ...spec.controlled }) : undefined,
    generator: typeof spec.generator === "function" ? undefined : spec.generator,
    factors: spec.factors ? Object.freeze(spec.factors.map((f) => Object.freeze(f))) : undefined,
    globalPhase: spec.globalPhase ? Object.freeze(spec.globalPhase) : undefined,
    pauliRotation: spec.pauliRotation ? Object.freeze([...spec.pauliRotation]) : undefined,
  };
  const makeGenerator = spec.generator;
  if (typeof makeGenerator === "function") {
    let cached: Float64Array | undefined;
    Object.defineProperty(entry, "generator", {
      enumerable: true,
      get: () => {
        cached ??= makeGenerator();
        return cached;
      },
    });
  }
  return Object.freeze(entry);
}

function derivePermutation(name: string, m: Float64Array, dim: number): PermutationSpec {
  const perm = new Int32Array(dim);
  const phases = new Float64Array(2 * dim);
  let trivial = true;
  for (let j = 0; j < dim; j++) {
    let found = -1;
    for (let i = 0; i < dim; i++) {
      if (m[2 * (i * dim + j)] !== 0 || m[2 * (i * dim + j) + 1] !== 0) {
        if (found >= 0) throw new Error(`defineGate(${name}): column ${j} has two nonzeros`);
        found = i;
      }
    }
    perm[j] = found;
    phases[2 * j] = m[2 * (found * dim + j)]!;
    phases[2 * j + 1] = m[2 * (found * dim + j) + 1]!;
    if (phases[2 * j] !== 1 || phases[2 * j + 1] !== 0) trivial = false;
  }
  return Object.freeze({ perm, phases: trivial ? undefined : phases });
}

/**
 * A factor: `gate` on the parent's qubit positions `qubits`, angle `scale * theta[param] + offset`.
 * @example
 * factor(RY, [0], 0); // RY(theta[0]) on the parent's first qubit
 */
export function factor(
  gate: GateEntry,
  qubits: number[],
  param?: number,
  scale = 1,
  offset = 0,
): GateFactor {
  return { gate, qubits, param, scale, offset };
}

/**
 * The matrix `e^{i phase} F_last ... F_first` of a factor list on `nQubits` qubits.
 * @example
 * factorProduct(1, U3.factors!, U3.globalPhase, [0.1, 0.2, 0.3]); // equals U3.matrix([...])
 */
export function factorProduct(
  nQubits: number,
  factors: readonly GateFactor[],
  globalPhase: GlobalPhase | undefined,
  theta: ArrayLike<number>,
): Float64Array {
  let u = identity(1 << nQubits);
  for (const f of factors) {
    const angle = f.param === undefined ? EMPTY : [f.scale * theta[f.param]! + f.offset];
    const small = f.gate.matrix(angle);
    const full =
      f.gate.nQubits === nQubits && f.qubits.every((q, i) => q === i)
        ? small
        : expandOperator(small, f.qubits, nQubits);
    u = matmul(full, u);
  }
  if (globalPhase) {
    const factor = globalPhaseFactor(globalPhase, theta);
    if (factor[0] !== 1 || factor[1] !== 0) u = scaleMatrix(u, factor);
  }
  return u;
}

/**
 * The value of a linear global phase at `theta`. For the phase factor itself use
 * `globalPhaseFactor`: the rounded sum loses the angle at large `theta` (0.06 rad at 1e15).
 * @example
 * globalPhaseOf({ coefficients: [0, 0.5, 0.5], offset: 0 }, [1, 2, 4]); // 3
 */
export function globalPhaseOf(phase: GlobalPhase, theta: ArrayLike<number>): number {
  let phi = phase.offset;
  for (let j = 0; j < phase.coefficients.length; j++) phi += phase.coefficients[j]! * theta[j]!;
  return phi;
}

/**
 * e^{i phase(theta)} as (re, im): the product of e^{i offset} and each e^{i c_j theta_j}, every
 * angle reduced on its own by Math.cos/sin, never summed first (a sum of angles of 1e15 is off
 * by up to 0.06 rad, which would make the gate disagree with its factors).
 * @example
 * globalPhaseFactor({ coefficients: [0, 0.5, 0.5], offset: 0 }, [1, 2, 4]); // [cos 3, sin 3]
 */
export function globalPhaseFactor(phase: GlobalPhase, theta: ArrayLike<number>): [number, number] {
  let re = Math.cos(phase.offset);
  let im = Math.sin(phase.offset);
  for (let j = 0; j < phase.coefficients.length; j++) {
    const c = phase.coefficients[j]!;
    if (c === 0) continue;
    const a = c * theta[j]!;
    const cr = Math.cos(a);
    const ci = Math.sin(a);
    const next = re * cr - im * ci;
    im = re * ci + im * cr;
    re = next;
  }
  return [re, im];
}
