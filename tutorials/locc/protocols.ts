/**
 * Recurrence distillation shared by the LOCC tutorials: one 2 -> 1 round of BBPSSW or DEJMPS
 * built on `LoccNet`, and the published formulas it must reproduce. Alice holds A0 A1, Bob B0 B1;
 * the pairs (A0, B0) and (A1, B1) each start in rho. Both parties apply CNOT(0 -> 1) on their
 * qubits (DEJMPS first rotates Alice's qubits by RX(pi/2) and Bob's by RX(-pi/2)), measure the
 * target pair and keep (A0, B0) when the two outcomes agree.
 *
 * Bell-diagonal coefficients use DEJMPS's names: A = <Phi+|rho|Phi+>, B = Psi-, C = Psi+, D = Phi-.
 */
import {
  type Circuit,
  DensityMatrix,
  LoccNet,
  type LoccStatus,
  State,
  successProbability,
  targetOverlap,
} from "qoar";

/** The recurrence protocols. */
export type Recurrence = "bbpssw" | "dejmps";

/** One round's result: the kept pair's state (conditioned on success), its fidelity, the success probability. */
export interface RoundResult {
  readonly state: DensityMatrix;
  readonly fidelity: number;
  readonly probability: number;
}

/** |Phi+> = (|00> + |11>) / sqrt 2, the target of distillation. */
export const PHI_PLUS = State.bell();

/**
 * The state of the successful branches together (sum_i p_i rho_i / sum_i p_i) and its fidelity
 * with |Phi+>: what the kept pair is, conditioned on success.
 */
export function successfulPair(branches: readonly LoccStatus[]): RoundResult {
  const p = successProbability(branches).item();
  const d = branches[0]!.state.dim;
  const mix = new Float64Array(2 * d * d);
  let weighted = 0;
  for (const b of branches) {
    const w = b.probability.item();
    const m = b.state.matrix(0);
    for (let i = 0; i < mix.length; i++) mix[i] += (w / p) * m[i]!;
    weighted += w * targetOverlap(b.state, PHI_PLUS).item();
  }
  return {
    state: DensityMatrix.fromMatrix(mix),
    fidelity: weighted / p,
    probability: p,
  };
}

/**
 * One round of `protocol` on two copies of the 2-qubit state `rho`; `bobFirst` (if given) is a
 * 1-qubit circuit Bob applies to each of his qubits first (BBPSSW's unilateral rotation that
 * turns a singlet-form Werner state into the Phi+ form).
 */
export function recurrenceRound(
  rho: DensityMatrix,
  protocol: Recurrence,
  bobFirst?: (c: Circuit) => void,
): RoundResult {
  const net = new LoccNet();
  net.addParty("Alice", 2);
  net.addParty("Bob", 2);
  net.setInitialState(rho, [
    ["Alice", 0],
    ["Bob", 0],
  ]);
  net.setInitialState(rho, [
    ["Alice", 1],
    ["Bob", 1],
  ]);
  const alice = net.localCircuit("Alice");
  const bob = net.localCircuit("Bob");
  if (bobFirst) bobFirst(bob);
  if (protocol === "dejmps") {
    alice.rx("full", { param: Math.PI / 2 });
    bob.rx("full", { param: -Math.PI / 2 });
  }
  alice.cnot([0, 1]);
  bob.cnot([0, 1]);
  const status = net.apply(net.apply(net.initialStatus(), alice), bob);
  const kept = net.measure(
    status,
    [
      ["Alice", 1],
      ["Bob", 1],
    ],
    ["00", "11"],
    { discard: true },
  );
  return successfulPair(kept);
}

/**
 * BBPSSW on Werner (isotropic) pairs of fidelity F (Bennett et al. 1996):
 * F' = (F^2 + ((1 - F)/3)^2) / N with success probability N = F^2 + 2F(1 - F)/3 + 5((1 - F)/3)^2.
 */
export function bbpsswFormula(F: number): { fidelity: number; probability: number } {
  const q = (1 - F) / 3;
  const N = F * F + 2 * F * q + 5 * q * q;
  return { fidelity: (F * F + q * q) / N, probability: N };
}

/** Bell-diagonal coefficients [A, B, C, D] = [Phi+, Psi-, Psi+, Phi-]. */
export type BellCoefficients = readonly [number, number, number, number];

/**
 * DEJMPS on Bell-diagonal pairs (Deutsch et al. 1996): with N = (A + B)^2 + (C + D)^2, the kept
 * pair has A' = (A^2 + B^2)/N, B' = 2CD/N, C' = (C^2 + D^2)/N, D' = 2AB/N; N is the success
 * probability.
 */
export function dejmpsFormula(c: BellCoefficients): {
  coefficients: BellCoefficients;
  probability: number;
} {
  const [A, B, C, D] = c;
  const N = (A + B) ** 2 + (C + D) ** 2;
  return {
    coefficients: [(A * A + B * B) / N, (2 * C * D) / N, (C * C + D * D) / N, (2 * A * B) / N],
    probability: N,
  };
}

/** The Bell-diagonal coefficients [Phi+, Psi-, Psi+, Phi-] of a 2-qubit state. */
export function bellCoefficients(rho: DensityMatrix): BellCoefficients {
  const [A, B, C, D] = (["phi+", "psi-", "psi+", "phi-"] as const).map((k) =>
    targetOverlap(rho, State.bell(k)).item(),
  );
  return [A!, B!, C!, D!];
}
