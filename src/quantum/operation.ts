/**
 * The flat form of a circuit: a list of operations, each one gate-table entry on some qubits with
 * its angles taken from a trainable `Parameter`, a constant, or a data feature. Builder calls,
 * layer templates and QASM import all lower to this list; simulation and the adjoint sweep read it.
 */
import type { Parameter } from "../tensor/index.js";
import type { GateEntry } from "./gates.js";

/** Where one gate angle comes from. */
export type AngleSource =
  /** `scale * param.data[index]` (trainable). */
  | {
      readonly kind: "param";
      readonly param: Parameter;
      readonly index: number;
      readonly scale: number;
    }
  /** A fixed angle. */
  | { readonly kind: "const"; readonly value: number }
  /**
   * `scale * prod_f data[b, f]` over `features` for batch element b (data encoding; one feature
   * for angle encoding, two for IQP's x_i x_j).
   */
  | { readonly kind: "data"; readonly features: readonly number[]; readonly scale: number };

/** A noise channel as the circuit sees it (implemented in `channels.ts`). */
export interface ChannelLike {
  readonly name: string;
  readonly nQubits: number;
  readonly nParams: number;
  /** Kraus operators for the given parameters (interleaved complex 2^k x 2^k). */
  kraus(params: ArrayLike<number>): readonly Float64Array[];
}

/** One noise channel application (density matrices only). */
export interface ChannelOperation {
  readonly kind: "channel";
  readonly channel: ChannelLike;
  readonly qubits: readonly number[];
  /** One source per channel parameter (noise strengths may be trainable). */
  readonly angles: readonly AngleSource[];
  readonly block: number;
}

/** One operation of a circuit: a gate or (for density matrices) a channel. */
export type Operation = GateOperation | ChannelOperation;

/** One gate application. */
export interface GateOperation {
  readonly kind: "gate";
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

/** Whether any angle of the operation depends on the data tensor. */
export function usesData(op: { readonly angles: readonly AngleSource[] }): boolean {
  return op.angles.some((a) => a.kind === "data");
}

/**
 * The operation's angles: `nParams` values, or `batch * nParams` when an angle reads the data
 * (row-major [batch, features] values in `data`). Writes into `out` when it is large enough.
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
