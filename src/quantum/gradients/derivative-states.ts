/**
 * Derivative states: |d_p psi> = d|psi(theta)>/d theta_p for every trainable entry p, from one
 * forward sweep (the metric, Fisher information and their relatives are inner products of these).
 *
 * The sweep carries psi and one buffer D_p per parameter entry. At an operation U that reads
 * theta_p, D_p <- U D_p + (dU/d theta_p) psi_in: for a one-parameter gate with generator G,
 * dU psi_in = -i/2 G psi_out (G commutes with U), so no extra pass is needed; other gates
 * (u3, cu, universal, and every operation on density matrices) use the derivative matrix or
 * superoperator on psi_in. Every other operation is applied to psi and to every live D_p. A
 * parameter read by several operations gets the sum of their terms (the product rule).
 *
 * Cost: an entry's D_p is born at its first operation, so the gate applications are one pass
 * for psi plus, per entry, the part of the circuit after it: at most P + 1 passes for P entries,
 * about P / 2 + 1 for parameters spread evenly. `groups` lets a caller take inner products as
 * soon as a group of entries is complete (for state vectors, inner products are the same in
 * every later frame), which frees their buffers early: the block-diagonal metric pays only for
 * each block's span. On density matrices (channels don't keep inner products) groups complete
 * at the end.
 * Memory: psi, a scratch state and the live D_p's (all P of them for the full matrix).
 */
import type { Backend, StateBuffer } from "../../backend/backend.js";
import { ArgumentError } from "../../errors.js";
import type { Parameter } from "../../tensor/index.js";
import type { GateOperation, Operation, StaticOperation } from "../circuit/operation.js";
import { isDynamic, resolveAngles } from "../circuit/operation.js";
import { applyOperation, derivativeSuperop } from "../density/run.js";
import { applyGate } from "../gates/apply.js";
import { gateDerivative } from "../gates/derivative.js";
import { dagger } from "../linalg.js";

/** What the sweep needs. */
export interface DerivativeSweepInput {
  /** The backend that owns `initial`. */
  backend: Backend;
  /** The circuit's operations, in time order. */
  operations: readonly Operation[];
  /** Qubits of the circuit (a density-matrix buffer has twice as many). */
  nQubits: number;
  /** The input state (not modified): n qubits, or 2n for vec(rho) when `density`. */
  initial: StateBuffer;
  /** Whether `initial` is a density matrix vec(rho). */
  density: boolean;
  /** Encoding features [batch, nFeatures] row-major, when the circuit reads data. */
  data: Float64Array | undefined;
  /** Features per row of `data`. */
  nFeatures: number;
  /** The parameters; entry p is `parameters[k].data[i]` flattened in this order. */
  parameters: readonly Parameter[];
  /**
   * Groups of flat entries (disjoint). `complete` is called for a group once no later operation
   * reads its entries (at the end with `finalFrame` or on density matrices), with psi and the group's D_p in one
   * frame; D_p is undefined for an entry no operation reads. The buffers are freed afterwards.
   */
  groups: readonly (readonly number[])[];
  /** Propagate to the circuit's output before calling `complete` (probabilities need it). */
  finalFrame: boolean;
  /** Receives one completed group (index into `groups`). */
  complete(
    group: number,
    psi: StateBuffer,
    derivatives: readonly (StateBuffer | undefined)[],
  ): void;
}

/** What the sweep cost. */
export interface DerivativeSweepStats {
  /** Operations in the circuit. */
  operations: number;
  /** Operation applications on any buffer (psi, D_p) plus derivative terms computed. */
  applications: number;
  /** `applications / operations`: state passes, one forward pass = 1. */
  passes: number;
}

/**
 * Runs the sweep (module comment) and reports its cost.
 * @example
 * const stats = derivativeSweep({ backend, operations: c.operations, nQubits: 2, initial,
 *   density: false, data: undefined, nFeatures: 0, parameters: c.parameters(),
 *   groups: [[0, 1]], finalFrame: false, complete: (g, psi, ds) => {} });
 */
export function derivativeSweep(input: DerivativeSweepInput): DerivativeSweepStats {
  const { backend, nQubits: n, density, data, nFeatures, groups } = input;
  const dynamic = input.operations.find(isDynamic);
  if (dynamic !== undefined) {
    throw new ArgumentError(
      `derivativeSweep: the circuit has a ${dynamic.kind} operation; Fisher information and derivative states need a circuit of gates and channels`,
    );
  }
  const ops = input.operations as readonly StaticOperation[];
  const offsets = new Map<Parameter, number>();
  let total = 0;
  for (const p of input.parameters) {
    offsets.set(p, total);
    total += p.size;
  }
  const groupOf = new Int32Array(total).fill(-1);
  groups.forEach((g, gi) => {
    for (const p of g) {
      if (!(p >= 0 && p < total) || groupOf[p] !== -1)
        throw new ArgumentError(
          `derivativeSweep: groups must be disjoint entries in [0, ${total})`,
        );
      groupOf[p] = gi;
    }
  });
  const entryOf = (op: Operation, j: number): number => {
    const a = op.angles[j]!;
    if (a.kind !== "param") return -1;
    const off = offsets.get(a.param);
    return off === undefined ? -1 : off + a.index;
  };
  // the last operation reading each group: the group is complete after it
  const last = new Int32Array(groups.length).fill(-1);
  ops.forEach((op, oi) => {
    for (let j = 0; j < op.angles.length; j++) {
      const p = entryOf(op, j);
      if (p >= 0 && groupOf[p]! >= 0) last[groupOf[p]!] = oi;
    }
  });
  // channels don't preserve inner products: on density matrices every group waits for the end
  const toEnd = input.finalFrame || density;
  const finishAt = (gi: number): number => (toEnd ? ops.length - 1 : last[gi]!);

  const psi = backend.clone(input.initial);
  const batch = psi.batch;
  const tmp = backend.zeros(psi.nQubits, batch);
  const live = new Map<number, StateBuffer>();
  let applications = 0;
  const apply = (buf: StateBuffer, op: StaticOperation, angles: Float64Array | undefined): void => {
    applications++;
    if (density) applyOperation(backend, buf, n, op, data, nFeatures);
    else {
      const g = op as GateOperation;
      applyGate(backend, buf, g.gate, g.qubits, angles, { adjoint: g.adjoint });
    }
  };
  const addTerm = (p: number, alpha: Float64Array): void => {
    const d = live.get(p);
    if (d === undefined) {
      const fresh = backend.clone(tmp);
      backend.scale(fresh, alpha);
      live.set(p, fresh);
    } else backend.axpy(d, alpha, tmp);
  };
  const finish = (gi: number): void => {
    const ds = groups[gi]!.map((p) => live.get(p));
    try {
      input.complete(gi, psi, ds);
    } finally {
      for (const p of groups[gi]!) {
        const d = live.get(p);
        if (d !== undefined) backend.free(d);
        live.delete(p);
      }
    }
  };
  try {
    // groups no operation reads are complete at once
    groups.forEach((_, gi) => {
      if (ops.length === 0 || (last[gi] === -1 && !toEnd)) finish(gi);
    });
    for (let oi = 0; oi < ops.length; oi++) {
      const op = ops[oi]!;
      if (!density && op.kind !== "gate") {
        throw new ArgumentError(
          `derivativeSweep: the channel ${op.channel.name} needs a density matrix (pass a DensityMatrix state)`,
        );
      }
      const k = op.kind === "gate" ? op.gate.nParams : op.channel.nParams;
      const angles = k > 0 ? resolveAngles(op, data, nFeatures, batch) : undefined;
      for (const d of live.values()) apply(d, op, angles);
      const wanted: number[] = [];
      for (let j = 0; j < k; j++) {
        const p = entryOf(op, j);
        if (p >= 0 && groupOf[p]! >= 0) wanted.push(j);
      }
      if (wanted.length === 0) {
        apply(psi, op, angles);
      } else if (!density && op.kind === "gate" && k === 1 && op.gate.generator !== undefined) {
        // dU psi_in = -i/2 G psi_out (+i/2 for an inverted gate)
        apply(psi, op, angles);
        backend.copyInto(tmp, psi);
        const letters = op.gate.pauliRotation;
        if (letters !== undefined) backend.applyPauliString(tmp, { qubits: op.qubits, letters });
        else backend.applyDense(tmp, op.qubits, op.gate.generator);
        applications++;
        const a = op.angles[0]!;
        const scale = a.kind === "param" ? a.scale : 0;
        addTerm(entryOf(op, 0), new Float64Array([0, (op.adjoint ? 0.5 : -0.5) * scale]));
      } else {
        for (const j of wanted) {
          backend.copyInto(tmp, psi);
          applyDerivative(backend, tmp, n, op, angles!, k, j, density);
          applications++;
          const a = op.angles[j]!;
          addTerm(entryOf(op, j), new Float64Array([a.kind === "param" ? a.scale : 0, 0]));
        }
        apply(psi, op, angles);
      }
      groups.forEach((_, gi) => {
        if (finishAt(gi) === oi) finish(gi);
      });
    }
  } finally {
    for (const d of live.values()) backend.free(d);
    backend.free(tmp);
    backend.free(psi);
  }
  const count = Math.max(ops.length, 1);
  return { operations: ops.length, applications, passes: applications / count };
}

/** buf <- (dS/d theta_j) buf for the operation's superoperator or gate matrix (per parameter set). */
function applyDerivative(
  backend: Backend,
  buf: StateBuffer,
  n: number,
  op: StaticOperation,
  angles: Float64Array,
  k: number,
  j: number,
  density: boolean,
): void {
  const sets = angles.length / k;
  const one = (b: number): Float64Array => {
    const theta = angles.subarray(b * k, (b + 1) * k);
    if (density) return derivativeSuperop(op, theta, j);
    const g = op as GateOperation;
    const dU = gateDerivative(g.gate, theta, j, g.gate.matrix(theta));
    return g.adjoint ? dagger(dU) : dU;
  };
  let m = one(0);
  if (sets > 1) {
    const all = new Float64Array(m.length * sets);
    all.set(m, 0);
    for (let b = 1; b < sets; b++) all.set(one(b), b * m.length);
    m = all;
  }
  const targets = density ? [...op.qubits, ...op.qubits.map((q) => q + n)] : op.qubits;
  backend.applyDense(buf, targets, m);
}
