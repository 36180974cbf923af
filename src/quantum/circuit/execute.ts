/**
 * Runs a circuit's flat operation list on a state-vector buffer. This is the one place the
 * simulator executes gates for `Circuit.forward` and for re-runs by gradient methods, so
 * compilation steps plug in here: gate fusion (`fusion.ts`) is on by default; a block of one
 * operation keeps its specialized kernel (diagonal, permutation, Pauli rotation), a block of
 * several runs as one dense matrix (which the backend may still recognize as diagonal or a
 * permutation).
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import { applyGate } from "../gates/apply.js";
import type { AngleShift } from "../gradients/adjoint.js";
import { blockMatrix, fusedProgram, fusionFromEnv, operationAngles } from "./fusion.js";
import { describeOperation, type GateOperation, type Operation } from "./operation.js";

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
  /**
   * Gate fusion: the largest block in qubits (0 = off, one kernel call per gate). Default: the
   * `QOAR_FUSION` variable, else 2.
   */
  readonly fusion?: number | undefined;
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
  const asked = options.fusion ?? fusionFromEnv();
  if (!Number.isInteger(asked) || asked < 0 || asked > 5) {
    throw new ArgumentError(
      `executeOperations: options.fusion must be an integer in [0, 5], got ${describe(asked)}`,
    );
  }
  // fusion is per backend: the mps backend takes blocks of at most 2 qubits
  const maxQubits = Math.min(asked, backend.maxFusedQubits ?? asked);
  const batch = buf.batch;
  if (maxQubits === 0) {
    for (let oi = 0; oi < ops.length; oi++) {
      const op = checkGate(ops[oi]!, options.nQubits);
      const angles = operationAngles(op, oi, data, nFeatures, batch, shift);
      applyGate(backend, buf, op.gate, op.qubits, angles, { adjoint: op.adjoint });
    }
  } else {
    const program = fusedProgram(ops, options.nQubits, maxQubits);
    for (const block of program.blocks) {
      if (block.ops.length === 1) {
        const oi = block.ops[0]!;
        const op = ops[oi] as GateOperation;
        const angles = operationAngles(op, oi, data, nFeatures, batch, shift);
        applyGate(backend, buf, op.gate, op.qubits, angles, { adjoint: op.adjoint });
      } else {
        const m = blockMatrix(block, ops, data, nFeatures, batch, shift);
        backend.applyDense(buf, block.qubits, m);
      }
    }
  }
  if (options.globalPhase !== 0) {
    const ph = options.globalPhase;
    backend.scale(buf, new Float64Array([Math.cos(ph), Math.sin(ph)]));
  }
}

function checkGate(op: Operation, nQubits: number): GateOperation {
  if (op.kind !== "gate") {
    throw new ArgumentError(
      `forward: the circuit has a ${describeOperation(op)}; noise needs a density matrix: c.forward(DensityMatrix.zero(${nQubits}))`,
    );
  }
  return op;
}
