/**
 * Differentiable measurements of states (Paddle Quantum's `Measure`, `StateFidelity`,
 * `TraceDistance`), each one autograd node with its backward written out. Gradients for states
 * follow qoar's (PyTorch's) convention: for a real loss L and amplitude z = x + iy, dL/dx + i dL/dy.
 */
import { ArgumentError, ShapeError } from "../errors.js";
import type { State } from "../quantum/state/state.js";
import { customOp, fromData, type Tensor } from "../tensor/index.js";

/**
 * Measurement probabilities of `qubits` (default all; qubits[0] is the most significant bit of
 * the outcome): shape [2^k] for batch 1, [batch, 2^k] otherwise.
 * @example
 * const p = probabilities(circuit.forward(), [0]);  // [p(q0 = 0), p(q0 = 1)]
 */
export function probabilities(state: State, qubits?: readonly number[]): Tensor {
  const n = state.nQubits;
  const qs = qubits === undefined ? Array.from({ length: n }, (_, q) => q) : [...qubits];
  const k = qs.length;
  const batch = state.batch;
  const dim = 2 ** n;
  const shape = batch === 1 ? [2 ** k] : [batch, 2 ** k];
  return customOp({
    name: "probabilities",
    inputs: [state],
    forward: () => fromData(state.probabilities(qs), shape, "float64"),
    backward: (grad: Tensor) => {
      // dL/dpsi_i = 2 g[outcome(i)] psi_i
      const psi = state.toArray();
      const out = new Float64Array(psi.length);
      const g = grad.data;
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < dim; i++) {
          let outcome = 0;
          for (let j = 0; j < k; j++) outcome = (outcome << 1) | ((i >> (n - 1 - qs[j]!)) & 1);
          const w = 2 * g[b * 2 ** k + outcome]!;
          const o = 2 * (b * dim + i);
          out[o] = w * psi[o]!;
          out[o + 1] = w * psi[o + 1]!;
        }
      }
      return [fromData(out, [batch, dim], "complex128")];
    },
  });
}

/** z_b = <target_b|psi_b> for every batch element (target broadcast when its batch is 1). */
function overlaps(
  psi: Float64Array,
  target: Float64Array,
  batch: number,
  tBatch: number,
  dim: number,
): Float64Array {
  const z = new Float64Array(2 * batch);
  for (let b = 0; b < batch; b++) {
    const tb = tBatch === 1 ? 0 : b;
    let re = 0;
    let im = 0;
    for (let i = 0; i < dim; i++) {
      const pr = psi[2 * (b * dim + i)]!;
      const pi = psi[2 * (b * dim + i) + 1]!;
      const tr = target[2 * (tb * dim + i)]!;
      const ti = target[2 * (tb * dim + i) + 1]!;
      re += tr * pr + ti * pi;
      im += tr * pi - ti * pr;
    }
    z[2 * b] = re;
    z[2 * b + 1] = im;
  }
  return z;
}

function checkPair(state: State, target: State, what: string): void {
  if (state.nQubits !== target.nQubits) {
    throw new ShapeError(`${what}: states have ${state.nQubits} and ${target.nQubits} qubits`);
  }
  if (target.batch !== 1 && target.batch !== state.batch) {
    throw new ShapeError(`${what}: batches ${state.batch} and ${target.batch} do not match`);
  }
}

/**
 * Builds a loss f(|z|^2) of the overlap z = <target|psi> per batch element, with gradients for
 * both states: d|z|^2 gives 2 z target for psi and 2 conj(z) psi for the target.
 */
function overlapLoss(
  name: string,
  state: State,
  target: State,
  f: (s: number) => number,
  df: (s: number) => number,
): Tensor {
  checkPair(state, target, name);
  const batch = state.batch;
  const dim = 2 ** state.nQubits;
  const psi = state.toArray();
  const tgt = target.toArray();
  const z = overlaps(psi, tgt, batch, target.batch, dim);
  const s = (b: number): number => z[2 * b]! ** 2 + z[2 * b + 1]! ** 2;
  const shape = batch === 1 ? [] : [batch];
  return customOp({
    name,
    inputs: [state, target],
    forward: () =>
      fromData(
        Float64Array.from({ length: batch }, (_, b) => f(s(b))),
        shape,
        "float64",
      ),
    backward: (grad: Tensor) => {
      const gPsi = new Float64Array(2 * batch * dim);
      const gT = new Float64Array(2 * target.batch * dim);
      for (let b = 0; b < batch; b++) {
        const w = 2 * grad.data[batch === 1 ? 0 : b]! * df(s(b));
        const zr = z[2 * b]!;
        const zi = z[2 * b + 1]!;
        const tb = target.batch === 1 ? 0 : b;
        for (let i = 0; i < dim; i++) {
          const pr = psi[2 * (b * dim + i)]!;
          const pi = psi[2 * (b * dim + i) + 1]!;
          const tr = tgt[2 * (tb * dim + i)]!;
          const ti = tgt[2 * (tb * dim + i) + 1]!;
          gPsi[2 * (b * dim + i)] = w * (zr * tr - zi * ti);
          gPsi[2 * (b * dim + i) + 1] = w * (zr * ti + zi * tr);
          gT[2 * (tb * dim + i)] += w * (zr * pr + zi * pi);
          gT[2 * (tb * dim + i) + 1] += w * (zr * pi - zi * pr);
        }
      }
      return [
        fromData(gPsi, [batch, dim], "complex128"),
        fromData(gT, [target.batch, dim], "complex128"),
      ];
    },
  });
}

/**
 * Fidelity |<target|psi>| of pure states (Paddle's `state_fidelity`, the square-root convention;
 * square it for |<target|psi>|^2). Differentiable in both states.
 * @example
 * const loss = stateFidelity(circuit.forward(), State.ghz(3)).neg();
 */
export function stateFidelity(state: State, target: State): Tensor {
  const eps = 1e-300;
  return overlapLoss(
    "stateFidelity",
    state,
    target,
    Math.sqrt,
    (s) => 0.5 / Math.sqrt(Math.max(s, eps)),
  );
}

/**
 * Trace distance sqrt(1 - |<target|psi>|^2) of normalized pure states. Differentiable in both.
 * @example
 * const loss = traceDistance(circuit.forward(), target);
 */
export function traceDistance(state: State, target: State): Tensor {
  const eps = 1e-300;
  return overlapLoss(
    "traceDistance",
    state,
    target,
    (s) => Math.sqrt(Math.max(1 - s, 0)),
    (s) => {
      if (1 - s < 1e-15)
        throw new ArgumentError("traceDistance: the gradient is undefined for identical states");
      return -0.5 / Math.sqrt(Math.max(1 - s, eps));
    },
  );
}
