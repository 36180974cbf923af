/**
 * Energy and adjoint gradient of a kernel-level circuit (Pauli rotations exp(-i theta P / 2) and
 * fixed gates) for H = sum_j c_j P_j, written once for every backend. The sweep needs one inner
 * product per rotation; it asks for them through `DeferredReads`, which the CPU answers at once
 * and the WebGPU backend records into a GPU results list read back once at the end, so the whole
 * forward + reverse sweep is one command stream with a single read back.
 *
 * This is the shape the circuit-level adjoint (quantum/gradients/adjoint.ts) can take on asynchronous
 * backends: record the inner products during the sweep, accumulate gradients after `resolve()`.
 */
import { ArgumentError, describe } from "../../errors.js";
import type { Backend, PauliString, PauliTerm, StateBuffer } from "../backend.js";
import { WebGpuBackend } from "./webgpu.js";

/** One step of a kernel-level circuit. */
export type CircuitStep =
  | { kind: "rotation"; pauli: PauliString; param: number }
  | {
      kind: "dense";
      targets: readonly number[];
      matrix: Float64Array;
      controls?: readonly number[];
    }
  | {
      kind: "permutation";
      targets: readonly number[];
      perm: Int32Array;
      phases?: Float64Array;
      controls?: readonly number[];
    };

/** Reads that may be answered later: each call returns an offset into `resolve()`'s array. */
export interface DeferredReads {
  /** <a|b> per batch element (complex). */
  innerProduct(a: StateBuffer, b: StateBuffer): number;
  /** <a|P|b> per batch element (complex); `scratch` is a state the CPU path may overwrite. */
  pauliInner(a: StateBuffer, pauli: PauliString, b: StateBuffer, scratch: StateBuffer): number;
  /** <psi|H|psi> per batch element (as complex, imaginary part 0). */
  expectation(buf: StateBuffer, terms: readonly PauliTerm[]): number;
  /** Every value asked for since the last call. */
  resolve(): Promise<Float64Array>;
}

/**
 * Deferred reads on `backend`: GPU-side results for the webgpu backend, immediate values else.
 * @example
 * const reads = deferredReads(getBackend("cpu"));
 */
export function deferredReads(backend: Backend): DeferredReads {
  if (backend instanceof WebGpuBackend) {
    return {
      innerProduct: (a, b) => backend.innerProductDeferred(a, b),
      pauliInner: (a, pauli, b) => backend.pauliInnerDeferred(a, pauli, b),
      expectation: (buf, terms) => backend.expectationPauliSumDeferred(buf, terms),
      resolve: () => backend.resolveDeferred(),
    };
  }
  let values: number[] = [];
  return {
    innerProduct(a, b) {
      const at = values.length;
      values.push(...backend.innerProduct(a, b));
      return at;
    },
    pauliInner(a, pauli, b, scratch) {
      backend.copyInto(scratch, b);
      backend.applyPauliString(scratch, pauli);
      return this.innerProduct(a, scratch);
    },
    expectation(buf, terms) {
      const at = values.length;
      for (const e of backend.expectationPauliSum(buf, terms)) values.push(e, 0);
      return at;
    },
    async resolve() {
      const out = Float64Array.from(values);
      values = [];
      return out;
    },
  };
}

function applyStep(
  backend: Backend,
  buf: StateBuffer,
  step: CircuitStep,
  params: Float64Array,
  inverse: boolean,
): void {
  if (step.kind === "rotation") {
    const t = params[step.param]!;
    backend.applyPauliRotation(buf, step.pauli, Float64Array.of(inverse ? -t : t));
  } else if (step.kind === "dense") {
    backend.applyDense(
      buf,
      step.targets,
      inverse ? daggerOf(step.matrix) : step.matrix,
      step.controls,
    );
  } else if (!inverse) {
    backend.applyPermutation(buf, step.targets, step.perm, step.phases, step.controls);
  } else {
    const d = step.perm.length;
    const inv = new Int32Array(d);
    const ph = step.phases === undefined ? undefined : new Float64Array(2 * d);
    for (let j = 0; j < d; j++) {
      const p = step.perm[j]!;
      inv[p] = j;
      if (ph !== undefined) {
        ph[2 * p] = step.phases![2 * j]!;
        ph[2 * p + 1] = -step.phases![2 * j + 1]!;
      }
    }
    backend.applyPermutation(buf, step.targets, inv, ph, step.controls);
  }
}

function daggerOf(m: Float64Array): Float64Array {
  const d = Math.round(Math.sqrt(m.length / 2));
  const out = new Float64Array(m.length);
  for (let r = 0; r < d; r++)
    for (let c = 0; c < d; c++) {
      out[2 * (c * d + r)] = m[2 * (r * d + c)]!;
      out[2 * (c * d + r) + 1] = -m[2 * (r * d + c) + 1]!;
    }
  return out;
}

/**
 * The state of `steps` applied to |0...0> with angles `params` (the caller frees it).
 * @example
 * const psi = runCircuit(cpu, 2, [{ kind: "rotation", pauli: { qubits: [0], letters: ["Y"] }, param: 0 }], Float64Array.of(1));
 */
export function runCircuit(
  backend: Backend,
  nQubits: number,
  steps: readonly CircuitStep[],
  params: Float64Array,
): StateBuffer {
  checkParams(steps, params);
  const psi = backend.zeros(nQubits, 1);
  for (const s of steps) applyStep(backend, psi, s, params, false);
  return psi;
}

function checkParams(steps: readonly CircuitStep[], params: Float64Array): void {
  if (!(params instanceof Float64Array)) {
    throw new ArgumentError(`params must be a Float64Array, got ${describe(params)}`);
  }
  for (const s of steps) {
    if (
      s.kind === "rotation" &&
      !(Number.isInteger(s.param) && s.param >= 0 && s.param < params.length)
    ) {
      throw new ArgumentError(
        `a rotation step uses param ${describe(s.param)}; expected an index in [0, ${params.length - 1}]`,
      );
    }
  }
}

/**
 * E = <psi|H|psi> for psi = steps |0...0> and dE/dparams by the adjoint method: one forward run,
 * one reverse sweep carrying psi and lambda = H psi back through every step, dE/dtheta_k =
 * Im <lambda_k| P_k |psi_k>; three state buffers however deep the circuit.
 * @example
 * const { energy, gradient } = await energyAndGradient(cpu, 1, steps, Float64Array.of(0.3), [{ qubits: [0], letters: ["Z"], coefficient: 1 }]);
 */
export async function energyAndGradient(
  backend: Backend,
  nQubits: number,
  steps: readonly CircuitStep[],
  params: Float64Array,
  terms: readonly PauliTerm[],
): Promise<{ energy: number; gradient: Float64Array }> {
  const reads = deferredReads(backend);
  const psi = runCircuit(backend, nQubits, steps, params);
  const lam = backend.zeros(nQubits, 1);
  const tmp = backend.zeros(nQubits, 1);
  const slots: { param: number; at: number }[] = [];
  try {
    const energyAt = reads.expectation(psi, terms);
    backend.applyPauliSum(lam, psi, terms);
    for (let k = steps.length - 1; k >= 0; k--) {
      const s = steps[k]!;
      if (s.kind === "rotation") {
        slots.push({ param: s.param, at: reads.pauliInner(lam, s.pauli, psi, tmp) });
      }
      applyStep(backend, psi, s, params, true);
      applyStep(backend, lam, s, params, true);
    }
    const values = await reads.resolve();
    const gradient = new Float64Array(params.length);
    for (const { param, at } of slots) gradient[param] += values[at + 1]!;
    return { energy: values[energyAt]!, gradient };
  } finally {
    backend.free(psi);
    backend.free(lam);
    backend.free(tmp);
  }
}
