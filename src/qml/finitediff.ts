/**
 * Central finite differences as a circuit gradient method (`circuit.gradMethod =
 * finiteDifferences()`): re-simulates the circuit twice per trainable scalar and per data entry,
 * contracting each state difference with the incoming cotangent. A cross-check of the adjoint
 * method, and a fallback for anything it cannot differentiate.
 */

import { ArgumentError, BackendError } from "../errors.js";
import type { GradientRequest, GradientResult } from "../quantum/gradients/adjoint.js";
import { asyncReader } from "../quantum/state/async-reads.js";
import { fromData } from "../tensor/index.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";

/** Re<g|x> summed over the batch: g, x interleaved complex. */
function realOverlap(g: Float64Array, x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i]! * x[i]!;
  return s;
}

const FINITE_DIFF_OPTIONS = optionKeys<OptionsOf<typeof finiteDifferences, 0>>({ h: true });

/**
 * A gradient method by central differences with step `h` (default 1e-6): O(h^2) accurate,
 * 2 simulations per scalar.
 * @example
 * circuit.gradMethod = finiteDifferences({ h: 1e-5 });
 * expecVal(circuit.forward(), H).backward();
 */
export function finiteDifferences(
  options: { h?: number } = {},
): (request: GradientRequest) => GradientResult {
  checkArity(arguments.length, 1, "finiteDifferences");
  checkOptions(options, FINITE_DIFF_OPTIONS, "finiteDifferences");
  const h = options.h ?? 1e-6;
  if (!(h > 0)) throw new ArgumentError(`finiteDifferences: h must be positive, got ${h}`);
  return (req) => {
    if (asyncReader(req.backend) !== undefined) {
      throw new BackendError(
        `finiteDifferences: the ${req.backend.name} backend holds float32 states, where central differences lose the gradient to rounding; use the adjoint (default) or "parameter-shift"`,
      );
    }
    if (req.wantState) {
      throw new ArgumentError(
        "finiteDifferences: gradients with respect to the input state need the adjoint method",
      );
    }
    const g = req.cotangent.data;
    const be = req.backend;
    const difference = (values: Float64Array, i: number): number => {
      const v = values[i]!;
      values[i] = v + h;
      const plus = req.run();
      values[i] = v - h;
      const minus = req.run();
      values[i] = v;
      const d = realOverlap(g, be.toArray(plus)) - realOverlap(g, be.toArray(minus));
      be.free(plus);
      be.free(minus);
      return d / (2 * h);
    };
    const parameters = req.parameters.map((p) => {
      const out = new Float64Array(p.size);
      for (let i = 0; i < p.size; i++) out[i] = difference(p.data, i);
      return fromData(out, [...p.shape], "float64");
    });
    let data = null;
    if (req.wantData && req.data !== undefined) {
      const batch = req.output.batch;
      const out = new Float64Array(batch * req.nFeatures);
      // a data entry affects only its own batch element, but the sum over the batch is the same
      for (let i = 0; i < out.length; i++) out[i] = difference(req.data, i);
      data = fromData(out, [batch, req.nFeatures], "float64");
    }
    return { parameters, data, state: null };
  };
}
