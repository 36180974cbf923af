/**
 * Reverse-mode automatic differentiation: grad mode, anomaly detection, `customOp` and the one
 * backward engine.
 *
 * The engine is iterative (no recursion, so graph depth is unbounded): it orders the values that
 * reach the root topologically with an explicit stack, then walks them in reverse, calling each
 * value's `gradFn.backward` once with the summed cotangent. Broadcast reduction (summing a
 * cotangent down to the input's shape) and dtype reduction (the real part for a float64 input of
 * a complex op) happen here, in one place, so gradient rules may return full-shape cotangents.
 *
 * Complex convention (PyTorch's): for a real loss L and z = x + iy the stored `z.grad` is
 * dL/dx + i dL/dy (= 2 dL/dz*). For L = |z|^2 that is 2z, so `z - lr * z.grad` descends.
 * A holomorphic op w = f(z) passes back `conj(f'(z)) * grad_w`.
 *
 * @example
 * const z = tensor([[1, 2]], { dtype: "complex128", requiresGrad: true }); // z = 1 + 2i
 * z.abs().pow(2).sum().backward();
 * z.grad!.toArray(); // [[2, 4]]  (= 2z)
 */
import { ArgumentError, QoarError } from "../errors.js";
import { Tensor } from "./tensor.js";

/** Anything that can sit in the graph: a Tensor, or another value type (the quantum State). */
export interface Differentiable {
  /** Whether ops on this value are recorded. */
  requiresGrad: boolean;
  /** The op that produced this value; null for leaves. */
  gradFn: GradNode | null;
  /** Accumulated gradient (leaves that require grad, after `backward`). */
  grad?: Tensor | null;
}

/** One recorded operation: its inputs, and the map from its output's cotangent to theirs. */
export interface GradNode {
  /** Op name, used in error and anomaly messages. */
  readonly name: string;
  /** The op's inputs, in order. */
  readonly inputs: readonly Differentiable[];
  /** Cotangents for each input (null where the input needs none), given the output's cotangent. */
  backward(gradOutput: Tensor): (Tensor | null)[];
  /**
   * The same cotangents, for nodes that must read results back asynchronously (a circuit on the
   * WebGPU backend); `runBackwardAsync` prefers it, `runBackward` never calls it.
   */
  backwardAsync?(gradOutput: Tensor): Promise<(Tensor | null)[]>;
}

/**
 * Raised when anomaly detection finds NaN or Infinity in a forward value or a gradient.
 * @example
 * try {
 *   detectAnomaly(() => tensor([0]).log()); // -Infinity
 * } catch (e) {
 *   if (e instanceof AnomalyError) console.log(e.message);
 * }
 */
export class AnomalyError extends QoarError {}

let gradEnabled = true;
let anomaly = false;

/**
 * Runs `fn` with gradient recording off (no graph is built) and returns its value.
 * @example
 * const y = noGrad(() => w.mul(2)); // y.requiresGrad === false
 */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/**
 * Runs `fn` with gradient recording on, even inside `noGrad`.
 * @example
 * noGrad(() => enableGrad(() => x.mul(2))).requiresGrad; // true when x requires grad
 */
export function enableGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = true;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/**
 * Whether ops currently record the graph.
 * @example
 * isGradEnabled(); // true, false inside noGrad
 */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Turns anomaly detection on or off: when on, every op output and every gradient is checked for
 * NaN/Infinity and an `AnomalyError` names the op that produced it.
 * @example
 * setAnomalyDetection(true);
 */
export function setAnomalyDetection(on: boolean): void {
  anomaly = on;
}

/**
 * Whether anomaly detection is on.
 * @example
 * isAnomalyDetectionEnabled(); // false by default
 */
export function isAnomalyDetectionEnabled(): boolean {
  return anomaly;
}

/**
 * Runs `fn` with anomaly detection on (restored afterwards).
 * @example
 * detectAnomaly(() => loss.backward());
 */
export function detectAnomaly<T>(fn: () => T): T {
  const prev = anomaly;
  anomaly = true;
  try {
    return fn();
  } finally {
    anomaly = prev;
  }
}

/**
 * Throws an AnomalyError naming `where` if `t` holds NaN or Infinity (only while detection is on).
 * @example
 * detectAnomaly(() => checkAnomaly(tensor([Number.NaN]), "myOp")); // throws AnomalyError
 */
export function checkAnomaly(t: Tensor, where: string): void {
  if (!anomaly) return;
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i]!)) {
      throw new AnomalyError(
        `anomaly detected: ${where} produced ${d[i]} (shape [${t.shape.join(", ")}])`,
      );
    }
  }
}

/**
 * Records one node in the graph: runs `forward()` (under noGrad), and if grad mode is on and any
 * input requires grad, sets `output.requiresGrad = true` and `output.gradFn`. The output may be a
 * non-Tensor Differentiable (the quantum State); its cotangent is always a Tensor, produced by
 * the consumers' backward (e.g. complex128 [batch, 2^n] for a State). `backward` returns one
 * cotangent per input, in the Tensor convention of this module (null = no gradient).
 * @example
 * // y = 3x as one node
 * const y = customOp({
 *   name: "triple", inputs: [x],
 *   forward: () => noGrad(() => x.mul(3)),
 *   backward: (g) => [g.mul(3)],
 * });
 */
export function customOp<T extends Differentiable>(spec: {
  name: string;
  inputs: readonly Differentiable[];
  forward: () => T;
  backward: (gradOutput: Tensor, output: T) => (Tensor | null)[];
  /** Optional asynchronous backward, used by `runBackwardAsync` (`backward` stays the sync one). */
  backwardAsync?: (gradOutput: Tensor, output: T) => Promise<(Tensor | null)[]>;
}): T {
  if (spec === null || typeof spec !== "object" || !Array.isArray(spec.inputs)) {
    throw new ArgumentError(
      `customOp: expected { name, inputs, forward, backward }, got ${spec === null ? "null" : typeof spec}`,
    );
  }
  if (typeof spec.forward !== "function" || typeof spec.backward !== "function") {
    throw new ArgumentError(`customOp "${spec.name}": forward and backward must be functions`);
  }
  const output = noGrad(spec.forward);
  if (output instanceof Tensor) checkAnomaly(output, `customOp "${spec.name}" (forward)`);
  if (gradEnabled && spec.inputs.some((x) => x.requiresGrad)) {
    const inputs = [...spec.inputs];
    output.requiresGrad = true;
    const node: GradNode = {
      name: spec.name,
      inputs,
      backward: (g: Tensor) => spec.backward(g, output),
    };
    const later = spec.backwardAsync;
    if (later !== undefined) node.backwardAsync = (g: Tensor) => later(g, output);
    output.gradFn = node;
  }
  return output;
}

/**
 * Back-propagates from `root` (a Tensor or other Differentiable) with cotangent `gradient`
 * (default 1 for a one-element root) and accumulates `.grad` on every leaf that requires grad.
 * @example
 * const x = tensor([1, 2], { requiresGrad: true });
 * runBackward(x.mul(x).sum()); // same as .backward()
 * x.grad!.toArray(); // [2, 4]
 */
export function runBackward(root: Differentiable, gradient?: Tensor): void {
  const seed = seedOf(root, gradient);
  noGrad(() => {
    const order = topoOrder(root);
    const cot = new Map<Differentiable, Tensor>([[root, seed]]);
    for (let k = order.length - 1; k >= 0; k--) {
      const v = order[k]!;
      const g = takeCotangent(v, cot);
      if (g === undefined) continue;
      const fn = v.gradFn!;
      spread(fn, callNode(fn, g, false) as (Tensor | null)[], cot);
    }
  });
}

/**
 * `runBackward` for graphs whose nodes may read results back asynchronously: the same walk
 * (the same ordering, leaf and spreading steps), but a node with `backwardAsync` (a circuit on the
 * WebGPU backend, `expecValAsync`) is awaited. Without such nodes it gives what `runBackward` gives.
 * @example
 * const loss = await expecValAsync(circuit.forward(), H);
 * await runBackwardAsync(loss); // loss.backwardAsync()
 */
export async function runBackwardAsync(root: Differentiable, gradient?: Tensor): Promise<void> {
  const seed = seedOf(root, gradient);
  const order = noGrad(() => topoOrder(root));
  const cot = new Map<Differentiable, Tensor>([[root, seed]]);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    const g = noGrad(() => takeCotangent(v, cot));
    if (g === undefined) continue;
    const fn = v.gradFn!;
    const grads = await noGrad(() => callNode(fn, g, true));
    noGrad(() => spread(fn, grads, cot));
  }
}

/** The root's cotangent: `gradient`, or 1 for a one-element real root (validated). */
function seedOf(root: Differentiable, gradient: Tensor | undefined): Tensor {
  let seed: Tensor;
  if (gradient === undefined) {
    if (!(root instanceof Tensor) || root.size !== 1) {
      const shape = root instanceof Tensor ? `[${root.shape.join(", ")}]` : "a non-Tensor value";
      throw new ArgumentError(
        `backward: the output has shape ${shape}; backward() without a gradient needs a one-element tensor (pass backward(gradient))`,
      );
    }
    if (root.dtype === "complex128") {
      throw new ArgumentError(
        "backward: a complex output needs an explicit gradient (take real() or abs() for a real loss)",
      );
    }
    seed = Tensor.onesLikeValue(root);
  } else {
    if (!(gradient instanceof Tensor))
      throw new ArgumentError("backward: gradient must be a Tensor");
    if (root instanceof Tensor && gradient.size !== root.size) {
      throw new ArgumentError(
        `backward: gradient shape [${gradient.shape.join(", ")}] does not match the output shape [${root.shape.join(", ")}]`,
      );
    }
    seed = root instanceof Tensor ? gradient.reshape(root.shape) : gradient;
  }
  if (!root.requiresGrad) {
    throw new ArgumentError(
      "backward: the output does not require grad (no input had requiresGrad, or it ran under noGrad)",
    );
  }
  return seed;
}

/**
 * Calls one node's backward with anomaly checks off inside the rule (its results are checked by
 * the walk, naming the node); with `async`, its `backwardAsync` when it has one.
 */
function callNode(
  fn: GradNode,
  g: Tensor,
  async: boolean,
): (Tensor | null)[] | Promise<(Tensor | null)[]> {
  const detect = anomaly;
  anomaly = false;
  try {
    return async && fn.backwardAsync !== undefined ? fn.backwardAsync(g) : fn.backward(g);
  } finally {
    anomaly = detect;
  }
}

/** Topological order of the values reaching the root, by an explicit-stack DFS (post-order). */
function topoOrder(root: Differentiable): Differentiable[] {
  const order: Differentiable[] = [];
  const visited = new Set<Differentiable>();
  const stack: [Differentiable, number][] = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [v, i] = top;
    const inputs = v.gradFn?.inputs ?? [];
    if (i < inputs.length) {
      top[1] = i + 1;
      const u = inputs[i]!;
      if (u.requiresGrad && !visited.has(u)) {
        visited.add(u);
        stack.push([u, 0]);
      }
    } else {
      stack.pop();
      order.push(v);
    }
  }
  return order;
}

/**
 * Removes and returns `v`'s summed cotangent when `v` is a node whose rule must run; for a leaf,
 * accumulates it into `.grad` and returns undefined (also when nothing reached `v`).
 */
function takeCotangent(v: Differentiable, cot: Map<Differentiable, Tensor>): Tensor | undefined {
  const g = cot.get(v);
  if (g === undefined) return undefined;
  cot.delete(v);
  if (v.gradFn !== null) return g;
  // a leaf: store (accumulate) the gradient; a fresh copy, since rules may share data
  // between cotangents and users may edit .grad in place (gradient clipping)
  if ("grad" in v || v instanceof Tensor) v.grad = v.grad ? accumulate(v.grad, g) : g.clone();
  return undefined;
}

/** Adds a node's input cotangents (fitted to each input's shape and dtype) into `cot`. */
function spread(fn: GradNode, grads: (Tensor | null)[], cot: Map<Differentiable, Tensor>): void {
  if (grads.length !== fn.inputs.length) {
    throw new ArgumentError(
      `backward of "${fn.name}" returned ${grads.length} gradients for ${fn.inputs.length} inputs`,
    );
  }
  for (let j = 0; j < grads.length; j++) {
    const u = fn.inputs[j]!;
    let gu = grads[j];
    if (!u.requiresGrad || gu === null || gu === undefined) continue;
    if (u instanceof Tensor) gu = fitGradient(gu, u, fn.name);
    checkAnomaly(gu, `the backward of "${fn.name}"`);
    const prev = cot.get(u);
    cot.set(u, prev ? accumulate(prev, gu) : gu);
  }
}

function accumulate(a: Tensor, b: Tensor): Tensor {
  return a.add(b);
}

/** Sums a cotangent down to the input's (broadcast) shape and matches its dtype. */
function fitGradient(g: Tensor, input: Tensor, name: string): Tensor {
  if (input.dtype === "float64" && g.dtype === "complex128") g = g.real();
  else if (input.dtype === "complex128" && g.dtype === "float64") g = g.toComplex();
  if (g.size !== input.size || g.shape.length !== input.shape.length)
    g = g.sumTo(input.shape, name);
  else if (!g.shape.every((d, i) => d === input.shape[i])) g = g.sumTo(input.shape, name);
  return g;
}
