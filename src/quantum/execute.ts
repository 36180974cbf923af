/**
 * Runs a circuit's flat operation list on a state-vector buffer. This is the one place the
 * simulator executes gates for `Circuit.forward` and for re-runs by gradient methods, so
 * compilation steps (gate fusion) plug in here.
 */
import type { Backend, StateBuffer } from "../backend/backend.js";
import { ArgumentError } from "../errors.js";
import type { AngleShift } from "./adjoint.js";
import { applyGate } from "./apply.js";
import { type Operation, resolveAngles } from "./operation.js";

/** What `executeOperations` needs besides the operations. */
export interface ExecuteOptions {
  readonly nQubits: number;
  /** e^{i globalPhase} multiplies the state after the gates. */
  readonly globalPhase: number;
  /** Encoding features, [batch, nFeatures] row-major. */
  readonly data?: Float64Array | undefined;
  readonly nFeatures: number;
  /** Shift one angle of one operation (parameter-shift and finite differences). */
  readonly shift?: AngleShift | undefined;
}

/**
 * Applies every operation to `buf` in place.
 * @example
 * executeOperations(backend, buf, circuit.operations, { nQubits: 2, globalPhase: 0, nFeatures: 0 });
 */
export function executeOperations(
  backend: Backend,
  buf: StateBuffer,
  ops: readonly Operation[],
  options: ExecuteOptions,
): void {
  const { data, nFeatures, shift } = options;
  for (let oi = 0; oi < ops.length; oi++) {
    const op = ops[oi]!;
    if (op.kind !== "gate") {
      throw new ArgumentError(
        `forward: the circuit has a ${op.channel.name} channel; noise needs a density matrix: c.forward(DensityMatrix.zero(${options.nQubits}))`,
      );
    }
    const angles = op.gate.nParams > 0 ? resolveAngles(op, data, nFeatures, buf.batch) : undefined;
    if (shift !== undefined && shift.operation === oi) {
      const k = op.gate.nParams;
      for (let i = shift.angle; i < angles!.length; i += k) angles![i] += shift.delta;
    }
    applyGate(backend, buf, op.gate, op.qubits, angles, { adjoint: op.adjoint });
  }
  if (options.globalPhase !== 0) {
    const ph = options.globalPhase;
    backend.scale(buf, new Float64Array([Math.cos(ph), Math.sin(ph)]));
  }
}
