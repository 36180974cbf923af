/**
 * The parameters of an optimizer as one flat vector: gradient-free and quasi-Newton methods
 * think in R^n, while the parameters are several tensors updated in place.
 */
import { ArgumentError, describe } from "../../errors.js";
import { noGrad } from "../autograd.js";
import { Tensor } from "../tensor.js";
import { type Closure, tensorList } from "./optimizer.js";

/**
 * A view of several tensors' doubles as one vector x (complex tensors as interleaved re/im).
 * @example
 * const flat = new FlatParams([w, b]);
 * const x = flat.read();
 * x[0] += 0.1;
 * flat.write(x);
 */
export class FlatParams {
  /** Total number of doubles. */
  readonly size: number;

  constructor(readonly params: readonly Tensor[]) {
    this.size = params.reduce((s, p) => s + p.data.length, 0);
  }

  /** A copy of the current values. */
  read(): Float64Array {
    const out = new Float64Array(this.size);
    let o = 0;
    for (const p of this.params) {
      out.set(p.data, o);
      o += p.data.length;
    }
    return out;
  }

  /** Writes `x` into the tensors. */
  write(x: Float64Array): void {
    let o = 0;
    for (const p of this.params) {
      p.data.set(x.subarray(o, o + p.data.length));
      o += p.data.length;
    }
  }

  /** Adds t * d to the tensors. */
  addScaled(t: number, d: Float64Array): void {
    let o = 0;
    for (const p of this.params) {
      const x = p.data;
      for (let k = 0; k < x.length; k++) x[k] = x[k]! + t * d[o + k]!;
      o += x.length;
    }
  }
}

/**
 * Checks that `closure` is a function; `where` names the caller.
 * @example
 * checkClosure(() => 1, "SPSA.step"); // ok
 */
export function checkClosure(closure: unknown, where: string): asserts closure is Closure {
  if (typeof closure !== "function") {
    throw new ArgumentError(
      `${where}: closure must be a function that returns the loss, got ${describe(closure)}`,
    );
  }
}

/**
 * The closure's loss as a number, evaluated without recording gradients (gradient-free methods
 * need only values); a non-finite loss is an ArgumentError naming `where`.
 * @example
 * lossValue(() => 2, "NelderMead.step"); // 2
 */
export function lossValue(closure: Closure, where: string): number {
  const l = noGrad(closure);
  const v = typeof l === "number" ? l : l instanceof Tensor ? l.item() : Number.NaN;
  if (Number.isNaN(v)) {
    throw new ArgumentError(
      `${where}: the closure must return a number or a scalar tensor (not NaN), got ${describe(l)}`,
    );
  }
  return v;
}

/**
 * The flat view of an optimizer's parameter list, checked: an iterable of tensors, not empty.
 * @example
 * const flat = flatParamsOf(net.parameters(), "NelderMead");
 */
export function flatParamsOf(params: Iterable<Tensor>, owner: string): FlatParams {
  const list = tensorList(params, owner);
  if (list.length === 0) throw new ArgumentError(`${owner}: got an empty parameter list`);
  return new FlatParams(list);
}
