/**
 * The flat form of a circuit: a list of operations, each one gate-table entry on some qubits with
 * its angles taken from a trainable `Parameter`, a constant, or a data feature. Builder calls,
 * layer templates and QASM import all lower to this list; simulation and the adjoint sweep read it.
 */
import type { Parameter } from "../../tensor/index.js";
import type { GateEntry } from "../gates/table.js";

/** Where one gate angle comes from. */
export type AngleSource =
  /** `scale * param.data[index]` (trainable). */
  | {
      /** Discriminant. */
      readonly kind: "param";
      /** The trainable tensor read. */
      readonly param: Parameter;
      /** Flat index into `param.data`. */
      readonly index: number;
      /** Multiplier of the entry. */
      readonly scale: number;
    }
  /** A fixed angle. */
  | {
      /** Discriminant. */
      readonly kind: "const";
      /** The angle (radians). */
      readonly value: number;
    }
  /**
   * `scale * prod_f data[b, f]` over `features` for batch element b (data encoding; one feature
   * for angle encoding, two for IQP's x_i x_j).
   */
  | {
      /** Discriminant. */
      readonly kind: "data";
      /** Feature indices multiplied together. */
      readonly features: readonly number[];
      /** Multiplier of the product. */
      readonly scale: number;
    };

/** A noise channel as the circuit sees it (implemented in `channels.ts`). */
export interface ChannelLike {
  /** Channel name, e.g. "depolarizing". */
  readonly name: string;
  /** Number of qubits it acts on. */
  readonly nQubits: number;
  /** Number of parameters (noise strengths). */
  readonly nParams: number;
  /** Kraus operators for the given parameters (interleaved complex 2^k x 2^k). */
  kraus(params: ArrayLike<number>): readonly Float64Array[];
}

/** One noise channel application (density matrices only). */
export interface ChannelOperation {
  /** Discriminant: always "channel". */
  readonly kind: "channel";
  /** The channel applied. */
  readonly channel: ChannelLike;
  /** The circuit qubits it acts on. */
  readonly qubits: readonly number[];
  /** One source per channel parameter (noise strengths may be trainable). */
  readonly angles: readonly AngleSource[];
  /** The builder call (block) that made it, for drawing and serialization. */
  readonly block: number;
}

/**
 * One operation of a circuit: a gate, a channel (density matrices), or a dynamic operation
 * (mid-circuit measurement, reset, classically controlled gate, postselection; `dynamic.ts`).
 */
export type Operation = GateOperation | ChannelOperation | DynamicOperation;

/** A gate or a channel: what unitary/noisy runs apply without branching. */
export type StaticOperation = GateOperation | ChannelOperation;

/** The operations that are not unitary gates or channels: they branch, project or read bits. */
export type DynamicOperation =
  | MeasureOperation
  | ResetOperation
  | CondOperation
  | PostselectOperation;

/** A projective Z measurement of one qubit, writing one classical bit. */
export interface MeasureOperation {
  /** Discriminant: always "measure". */
  readonly kind: "measure";
  /** The measured qubit (one). */
  readonly qubits: readonly [number];
  /** The classical bit written. */
  readonly bit: number;
  /** Always empty (a uniform shape with gates and channels). */
  readonly angles: readonly AngleSource[];
  /** The builder call (block) that made it. */
  readonly block: number;
}

/** Resets one qubit to |0> (measure, then X on outcome 1; no classical bit is written). */
export interface ResetOperation {
  /** Discriminant: always "reset". */
  readonly kind: "reset";
  /** The reset qubit (one). */
  readonly qubits: readonly [number];
  /** Always empty (a uniform shape with gates and channels). */
  readonly angles: readonly AngleSource[];
  /** The builder call (block) that made it. */
  readonly block: number;
}

/**
 * A gate applied only when the classical bits `bits`, read as an integer with `bits[0]` the least
 * significant bit (OpenQASM 2's reading of `if (c == v)`), equal `value`.
 */
export interface CondOperation {
  /** Discriminant: always "cond". */
  readonly kind: "cond";
  /** The classical bits read, least significant first. */
  readonly bits: readonly number[];
  /** The integer they must hold. */
  readonly value: number;
  /** The conditioned gate. */
  readonly gate: GateOperation;
  /** Its qubits (those of `gate`). */
  readonly qubits: readonly number[];
  /** Its angle sources (those of `gate`). */
  readonly angles: readonly AngleSource[];
  /** The builder call (block) that made it. */
  readonly block: number;
}

/** Projects one qubit onto a Z outcome and renormalizes (Paddle Quantum's `Collapse`). */
export interface PostselectOperation {
  /** Discriminant: always "postselect". */
  readonly kind: "postselect";
  /** The projected qubit (one). */
  readonly qubits: readonly [number];
  /** The kept outcome, 0 or 1. */
  readonly outcome: 0 | 1;
  /** Always empty (a uniform shape with gates and channels). */
  readonly angles: readonly AngleSource[];
  /** The builder call (block) that made it. */
  readonly block: number;
}

/**
 * Whether the operation branches, projects or reads classical bits (not a gate or a channel).
 * @example
 * isDynamic({ kind: "reset", qubits: [0], angles: [], block: 0 }); // true
 */
export function isDynamic(op: Operation): op is DynamicOperation {
  return op.kind !== "gate" && op.kind !== "channel";
}

/**
 * How many classical bits the measurements of `ops` write (the highest bit written, plus one).
 * @example
 * classicalBitCount([{ kind: "measure", qubits: [0], bit: 2, angles: [], block: 0 }]); // 3
 */
export function classicalBitCount(ops: readonly Operation[]): number {
  let n = 0;
  for (const op of ops) if (op.kind === "measure") n = Math.max(n, op.bit + 1);
  return n;
}

/**
 * The operation in words for messages: "depolarizing channel", "measure operation",
 * "conditioned x gate", or the gate's name.
 * @example
 * describeOperation({ kind: "reset", qubits: [0], angles: [], block: 0 }); // "reset operation"
 */
export function describeOperation(op: Operation): string {
  if (op.kind === "gate") return `${op.gate.name} gate`;
  if (op.kind === "channel") return `${op.channel.name} channel`;
  if (op.kind === "cond") return `conditioned ${op.gate.gate.name} gate`;
  return `${op.kind} operation`;
}

/**
 * The operation's display name: the gate's or channel's name, or the dynamic kind ("measure",
 * "reset", "postselect"; a conditioned gate is "if " + the gate's name).
 * @example
 * operationName({ kind: "reset", qubits: [0], angles: [], block: 0 }); // "reset"
 */
export function operationName(op: Operation): string {
  if (op.kind === "gate") return op.gate.name;
  if (op.kind === "channel") return op.channel.name;
  if (op.kind === "cond") return `if ${op.gate.gate.name}`;
  return op.kind;
}

/** One gate application. */
export interface GateOperation {
  /** Discriminant: always "gate". */
  readonly kind: "gate";
  /** The gate-table entry applied. */
  readonly gate: GateEntry;
  /** The circuit qubits the gate's qubits 0..k-1 act on (controls first for controlled gates). */
  readonly qubits: readonly number[];
  /** One source per gate parameter. */
  readonly angles: readonly AngleSource[];
  /** Apply U^dagger instead of U (made by `Circuit.inverse()`). */
  readonly adjoint: boolean;
  /** The builder call (block) that made it, for drawing and serialization. */
  readonly block: number;
}

/**
 * Whether any angle of the operation depends on the data tensor.
 * @example
 * usesData({ angles: [{ kind: "const", value: 0.5 }] }); // false
 * usesData({ angles: [{ kind: "data", features: [0], scale: 1 }] }); // true
 */
export function usesData(op: { readonly angles: readonly AngleSource[] }): boolean {
  return op.angles.some((a) => a.kind === "data");
}

/**
 * The operation's angles: `nParams` values, or `batch * nParams` (row-major) when an angle reads
 * the data (row-major [batch, nFeatures] values in `data`). Returns a new array.
 * @example
 * const op = { angles: [{ kind: "data", features: [1], scale: 2 }] } as const;
 * resolveAngles(op, new Float64Array([0, 1, 0, 3]), 2, 2); // [2, 6]
 */
export function resolveAngles(
  op: { readonly angles: readonly AngleSource[] },
  data: Float64Array | undefined,
  nFeatures: number,
  batch: number,
): Float64Array {
  const k = op.angles.length;
  const perBatch = data !== undefined && usesData(op);
  const sets = perBatch ? batch : 1;
  const out = new Float64Array(k * sets);
  for (let b = 0; b < sets; b++) {
    for (let j = 0; j < k; j++) {
      const a = op.angles[j]!;
      let v: number;
      if (a.kind === "param") v = a.scale * a.param.data[a.index]!;
      else if (a.kind === "const") v = a.value;
      else {
        v = a.scale;
        for (const f of a.features) v *= data![b * nFeatures + f]!;
      }
      out[b * k + j] = v;
    }
  }
  return out;
}

/**
 * Adds the gradient of one angle, given per batch element in `perBatch[0..batch)`, to where the
 * angle comes from: the `Parameter` entry in `grads` (summed over the batch, times the scale) or
 * the data features in `dataGrad` (product rule over the features the angle multiplies).
 * Constants take nothing. Every gradient method (adjoint, parameter shift, shots, density-matrix
 * sweep) ends in this one function.
 * @example
 * accumulateAngleGradient(op.angles[0]!, perBatch, grads, undefined, undefined, 0);
 */
export function accumulateAngleGradient(
  source: AngleSource,
  perBatch: Float64Array,
  grads: Map<Parameter, Float64Array>,
  dataGrad: Float64Array | undefined,
  data: Float64Array | undefined,
  nFeatures: number,
  batch: number = perBatch.length,
): void {
  if (source.kind === "param") {
    const g = grads.get(source.param);
    if (g === undefined) return;
    let s = 0;
    for (let b = 0; b < batch; b++) s += perBatch[b]!;
    g[source.index]! += source.scale * s;
  } else if (source.kind === "data" && dataGrad !== undefined && data !== undefined) {
    // angle = scale * prod_f x_f: the product rule gives each feature the product of the others
    const fs = source.features;
    for (let b = 0; b < batch; b++) {
      const row = b * nFeatures;
      for (let i = 0; i < fs.length; i++) {
        let d = source.scale * perBatch[b]!;
        for (let j = 0; j < fs.length; j++) if (j !== i) d *= data[row + fs[j]!]!;
        dataGrad[row + fs[i]!]! += d;
      }
    }
  }
}
