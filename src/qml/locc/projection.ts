/**
 * One outcome of a local projective Z measurement, as differentiable tensor functions: the
 * post-measurement state P rho P / p and its probability p = tr(P rho), both reaching whatever
 * produced rho (local circuits' parameters) through `loss.backward()`. LOCC branches are built
 * from these (`locc-net.ts`); Paddle Quantum's LoccNet measures the same way.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { placeBits } from "../../qinfo/bits.js";
import { DensityMatrix } from "../../quantum/density/density.js";
import { densityFromTensor } from "../../quantum/density/states.js";
import { checkQubitIndices } from "../../quantum/gates/apply.js";
import { div, fromData, mul, real, reshape, sum, type Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { blockMap, gatherEntries, otherQubits } from "./entries.js";

/** Options of `projectOutcome`. */
export interface ProjectOutcomeOptions {
  /** Drop the measured qubits from the result (their state is known): default false. */
  discard?: boolean;
  /** Outcomes whose probability is at most this are refused (default 1e-14). */
  minProbability?: number;
}

export const PROJECT_OUTCOME_OPTIONS = optionKeys<ProjectOutcomeOptions>({
  discard: true,
  minProbability: true,
});

/** What `projectOutcome` returns. */
export interface OutcomeBranch {
  /** The normalized post-measurement state (on the other qubits when `discard`). */
  readonly state: DensityMatrix;
  /** tr(P rho), a differentiable real scalar tensor. */
  readonly probability: Tensor;
}

/**
 * Projects rho (batch 1) on the outcome `outcome` (a bitstring, `outcome[0]` for `qubits[0]`) of
 * measuring `qubits` in the Z basis: the normalized state and the outcome's probability, both
 * differentiable. An outcome of probability <= `minProbability` is an `ArgumentError` that says
 * the probability.
 * @example
 * const { state, probability } = projectOutcome(DensityMatrix.fromState(State.bell()), [0], "1");
 * probability.item(); // 0.5; state = |11><11|
 */
export function projectOutcome(
  rho: DensityMatrix,
  qubits: readonly number[],
  outcome: string,
  options: ProjectOutcomeOptions = {},
): OutcomeBranch {
  checkArity(arguments.length, 4, "projectOutcome");
  checkOptions(options, PROJECT_OUTCOME_OPTIONS, "projectOutcome");
  if (!(rho instanceof DensityMatrix))
    throw new ArgumentError(`projectOutcome: rho must be a DensityMatrix, got ${describe(rho)}`);
  if (rho.batch !== 1)
    throw new ShapeError(`projectOutcome: rho has batch ${rho.batch}, expected 1`);
  const n = rho.nQubits;
  checkQubitIndices(qubits, n, "projectOutcome: qubits");
  const k = qubits.length;
  if (k === 0) throw new ArgumentError("projectOutcome: qubits must name at least one qubit");
  if (typeof outcome !== "string" || outcome.length !== k || !/^[01]+$/.test(outcome))
    throw new ArgumentError(
      `projectOutcome: outcome ${describe(outcome)} must be ${k} characters 0 or 1 (one per measured qubit)`,
    );
  if (options.discard === true && k === n)
    throw new ArgumentError(
      "projectOutcome: discard would drop every qubit; measure fewer qubits or keep them",
    );
  const minP = options.minProbability ?? 1e-14;
  if (typeof minP !== "number" || !(minP >= 0))
    throw new ArgumentError(
      `projectOutcome: minProbability = ${describe(minP)} must be a number >= 0`,
    );
  const bits = placeBits(qubits, n)[Number.parseInt(outcome, 2)]!;
  const rest = otherQubits(qubits, n);
  let projected: Tensor;
  if (options.discard === true) {
    const dr = 2 ** rest.length;
    projected = gatherEntries(rho, blockMap(rest, [], n, bits), [dr, dr]);
  } else {
    projected = mul(reshape(rho.toTensor(), [rho.dim, rho.dim]), outcomeMask(n, qubits, bits));
  }
  const d = projected.shape[0]!;
  const diagonal = Array.from({ length: d }, (_, i) => i * d + i);
  const probability = real(sum(gatherEntries(projected, diagonal, [d])));
  const p = probability.item();
  if (!(p > minP))
    throw new ArgumentError(
      `projectOutcome: outcome ${outcome} of qubits [${qubits.join(", ")}] has probability ${p}; nothing to project on`,
    );
  const state = densityFromTensor(div(projected, probability), { backend: rho.backend });
  return { state, probability };
}

/** 1 where both row and column agree with the outcome bits on `qubits`, else 0 (d x d, real). */
function outcomeMask(n: number, qubits: readonly number[], bits: number): Tensor {
  const d = 2 ** n;
  const measured = placeBits(qubits, n);
  const all = measured[measured.length - 1]!; // every measured bit set
  const mask = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    if ((i & all) !== bits) continue;
    for (let j = 0; j < d; j++) if ((j & all) === bits) mask[i * d + j] = 1;
  }
  return fromData(mask, [d, d], "float64");
}
