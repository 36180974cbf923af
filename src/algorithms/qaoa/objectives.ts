/**
 * Objectives of QAOA beyond the energy, as differentiable functions of the outcome
 * probabilities p and the cost of each bitstring E: CVaR (Barkoutsos et al. 2020), the mean of
 * the lowest alpha tail of the cost distribution, and the Gibbs objective (Li et al. 2020),
 * -log sum_i p_i exp(-eta E_i), which rewards mass on low costs exponentially.
 */
import { ArgumentError, describe } from "../../errors.js";
import { add, fromData, log, mul, neg, sum, Tensor } from "../../tensor/index.js";
import { checkArity } from "../../validate.js";

/** p must be a real [d] tensor and costs d numbers. */
function checkInputs(p: unknown, costs: unknown, where: string): void {
  if (!(p instanceof Tensor) || p.shape.length !== 1 || p.dtype !== "float64")
    throw new ArgumentError(
      `${where}: p must be a real 1-D tensor of probabilities, got ${describe(p)}`,
    );
  if (!(costs instanceof Float64Array) || costs.length !== p.shape[0])
    throw new ArgumentError(
      `${where}: costs must be a Float64Array of ${p.shape[0]} costs, got ${describe(costs)}`,
    );
}

/**
 * CVaR_alpha of the costs `costs` under the probabilities `p` (a [2^n] tensor). Its gradient is
 * exact where the tail boundary falls strictly inside one outcome's mass.
 * @example
 * cvar(probabilities(state), costs, 0.1).item();
 */
export function cvar(p: Tensor, costs: Float64Array, alpha: number): Tensor {
  checkArity(arguments.length, 3, "cvar");
  checkInputs(p, costs, "cvar");
  if (typeof alpha !== "number" || !(alpha > 0 && alpha <= 1))
    throw new ArgumentError(`cvar: alpha must be in (0, 1], got ${describe(alpha)}`);
  const order = Array.from(costs.keys()).sort((a, b) => costs[a]! - costs[b]!);
  // the outcomes below the tail boundary k, whose mass is < alpha; then
  // CVaR = E_k + sum_(i before k) p_i (E_i - E_k) / alpha (the boundary takes the rest of alpha)
  let mass = 0;
  let k = order[order.length - 1]!;
  const coef = new Float64Array(costs.length);
  for (const i of order) {
    if (mass + p.data[i]! >= alpha) {
      k = i;
      break;
    }
    mass += p.data[i]!;
    coef[i] = 1;
  }
  for (let i = 0; i < coef.length; i++) coef[i] = coef[i]! * ((costs[i]! - costs[k]!) / alpha);
  return add(sum(mul(p, fromData(coef, [coef.length], "float64"))), costs[k]!);
}

/**
 * The Gibbs objective -log sum_i p_i exp(-eta E_i) (a scalar tensor).
 * @example
 * gibbsObjective(probabilities(state), costs, 2).item();
 */
export function gibbsObjective(p: Tensor, costs: Float64Array, eta: number): Tensor {
  checkArity(arguments.length, 3, "gibbsObjective");
  checkInputs(p, costs, "gibbsObjective");
  if (typeof eta !== "number" || !Number.isFinite(eta) || eta <= 0)
    throw new ArgumentError(`gibbsObjective: eta must be a positive number, got ${describe(eta)}`);
  // shift by the lowest cost so exp cannot overflow; it comes back as + E_min
  let low = Number.POSITIVE_INFINITY;
  for (const c of costs) low = Math.min(low, c);
  const w = costs.map((c) => Math.exp(-eta * (c - low)));
  return add(neg(log(sum(mul(p, fromData(w, [w.length], "float64"))))), eta * low);
}
