/**
 * `gradcheck`: compares autograd gradients with central finite differences, for real and
 * complex inputs, in the convention of this framework (the stored grad of z = x + iy is
 * dL/dx + i dL/dy). A non-scalar output is reduced to a real scalar by a fixed random
 * projection L = sum(Re(conj(v) * y)), which checks the whole vector-Jacobian product.
 */
import { ArgumentError, describe } from "../errors.js";
import { Rng } from "../random.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { noGrad } from "./autograd.js";
import { Tensor } from "./tensor.js";

/** Options of gradcheck. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-4). */
  rtol?: number;
  /** Seed of the output projection (default 0). */
  seed?: number;
}

const GRADCHECK_OPTIONS = optionKeys<GradcheckOptions>({
  eps: true,
  atol: true,
  rtol: true,
  seed: true,
});

/** The outcome: `ok`, the worst absolute error, and a message naming the first mismatch. */
export interface GradcheckResult {
  /** Whether every entry matched within tolerance. */
  ok: boolean;
  /** The largest absolute error between analytic and numeric gradients. */
  maxError: number;
  /** `"ok"`, or the first mismatch (input, element, both values). */
  message: string;
}

/**
 * Checks `fn`'s autograd gradients w.r.t. every input that requires grad against central finite
 * differences. Inputs are leaves; their `.grad` is restored afterwards.
 * @example
 * const x = randn([3], { seed: 1 }).requiresGrad_();
 * gradcheck((x) => x.sin().sum(), [x]).ok; // true
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  checkArity(arguments.length, 3, "gradcheck");
  checkOptions(options, GRADCHECK_OPTIONS, "gradcheck");
  if (
    typeof fn !== "function" ||
    !Array.isArray(inputs) ||
    !inputs.every((t) => t instanceof Tensor)
  )
    throw new ArgumentError(
      `gradcheck: expected a function and an array of tensors, got ${describe(fn)} and ${describe(inputs)}`,
    );
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-4;
  if (!inputs.some((t) => t.requiresGrad))
    throw new ArgumentError("gradcheck: no input requires grad");
  const probe = noGrad(() => fn(...inputs));
  if (!(probe instanceof Tensor)) throw new ArgumentError("gradcheck: fn must return a Tensor");
  const rng = new Rng(options.seed ?? 0);
  const v = new Float64Array(probe.data.length);
  for (let i = 0; i < v.length; i++) v[i] = rng.uniformIn(-1, 1);
  // L = sum(Re(conj(v) y)) = sum over the stored doubles of v * y
  const loss = (y: Tensor): number => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * y.data[i]!;
    return s;
  };

  const saved = inputs.map((t) => t.grad);
  for (const t of inputs) t.grad = null;
  const y = fn(...inputs);
  if (!y.requiresGrad)
    throw new ArgumentError(
      "gradcheck: the output does not depend on any input that requires grad",
    );
  y.backward(new Tensor(v.slice(), y.shape, y.dtype));
  const analytic = inputs.map((t) => t.grad);
  inputs.forEach((t, i) => {
    t.grad = saved[i]!;
  });

  let maxError = 0;
  let message = "ok";
  let ok = true;
  noGrad(() => {
    inputs.forEach((t, ti) => {
      if (!t.requiresGrad) return;
      const g = analytic[ti];
      for (let k = 0; k < t.data.length; k++) {
        const orig = t.data[k]!;
        t.data[k] = orig + eps;
        const fp = loss(fn(...inputs));
        t.data[k] = orig - eps;
        const fm = loss(fn(...inputs));
        t.data[k] = orig;
        const numeric = (fp - fm) / (2 * eps);
        const got = g ? g.data[k]! : 0;
        const err = Math.abs(got - numeric);
        if (err > maxError) maxError = err;
        if (!(err <= atol + rtol * Math.abs(numeric)) && ok) {
          ok = false;
          const part = t.isComplex ? (k % 2 ? " (imag)" : " (real)") : "";
          message = `input ${ti}, element ${t.isComplex ? k >> 1 : k}${part}: autograd ${got}, finite differences ${numeric}`;
        }
      }
    });
  });
  return { ok, maxError, message };
}
