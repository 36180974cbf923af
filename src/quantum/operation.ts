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
  /** `scale * data[b, feature]` for batch element b (data encoding). */
  | { readonly kind: "data"; readonly feature: number; readonly scale: number };

/** One gate application. */
export interface Operation {
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
export function usesData(op: Operation): boolean {
  return op.angles.some((a) => a.kind === "data");
}

/**
 * The operation's angles: `nParams` values, or `batch * nParams` when an angle reads the data
 * (row-major [batch, features] values in `data`). Writes into `out` when it is large enough.
 */
export function resolveAngles(
  op: Operation,
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
      else v = a.scale * data![b * nFeatures + a.feature]!;
      out[b * k + j] = v;
    }
  }
  return out;
}
