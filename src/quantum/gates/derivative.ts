/** The derivative of a gate's matrix with respect to one of its angles. */
import type { GateEntry } from "./table.js";

/**
 * dU/dtheta_j: -i/2 G U for one-parameter gates with a generator, else a 4-point central
 * difference of the (smooth, trigonometric) matrix, error ~ h^4 ~ 1e-13. `U` is the gate's
 * matrix at `theta`. Used by the density-matrix sweep and by conditioned gates.
 * @example
 * const ry = getGate("ry");
 * const t = Float64Array.of(0.3);
 * gateDerivative(ry, t, 0, ry.matrix(t)); // d RY / d theta at 0.3
 */
export function gateDerivative(
  gate: GateEntry,
  theta: Float64Array,
  j: number,
  U: Float64Array,
): Float64Array {
  const d = 1 << gate.nQubits;
  if (gate.nParams === 1 && gate.generator !== undefined) {
    const G = gate.generator;
    const out = new Float64Array(2 * d * d);
    for (let r = 0; r < d; r++)
      for (let c = 0; c < d; c++) {
        let re = 0;
        let im = 0;
        for (let m = 0; m < d; m++) {
          const gr = G[2 * (r * d + m)]!;
          const gi = G[2 * (r * d + m) + 1]!;
          const ur = U[2 * (m * d + c)]!;
          const ui = U[2 * (m * d + c) + 1]!;
          re += gr * ur - gi * ui;
          im += gr * ui + gi * ur;
        }
        // -i/2 (re + i im) = im/2 - i re/2
        out[2 * (r * d + c)] = im / 2;
        out[2 * (r * d + c) + 1] = -re / 2;
      }
    return out;
  }
  const h = 1e-3;
  const at = (dx: number): Float64Array => {
    const t = Float64Array.from(theta);
    t[j] += dx;
    return gate.matrix(t);
  };
  const p1 = at(h);
  const m1 = at(-h);
  const p2 = at(2 * h);
  const m2 = at(-2 * h);
  const out = new Float64Array(p1.length);
  for (let i = 0; i < out.length; i++)
    out[i] = (8 * (p1[i]! - m1[i]!) - (p2[i]! - m2[i]!)) / (12 * h);
  return out;
}
