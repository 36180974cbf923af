/**
 * QDRIFT (Campbell 2019): a random product formula for exp(-i t H), H = sum_j c_j P_j. With
 * lambda = sum_j |c_j|, each of N samples draws term j with probability |c_j| / lambda and applies
 * exp(-i sign(c_j) lambda (t / N) P_j). Averaged over the draws, the channel is within
 * 2 lambda^2 t^2 / N of the exact evolution (diamond norm), whatever the number of terms: the gate
 * count depends on lambda t, not on how many terms H has, which is where it beats Trotter for
 * Hamiltonians with many small terms. Identity terms go into the circuit's global phase exactly.
 */
import type { Backend } from "../../backend/backend.js";
import { ArgumentError, describe } from "../../errors.js";
import { type Rng, toRng } from "../../random.js";
import { checkOptions } from "../../validate.js";
import { Circuit } from "../circuit/circuit.js";
import type { PauliSum } from "../state/state.js";
import { hermitianTerms } from "./evolve.js";
import { circuitWidth, termRotationGate } from "./term-rotation.js";
import { declaredWidth, identityWeight } from "./trotter.js";

/** Options of `qdriftCircuit`. */
export interface QdriftOptions {
  /** Number of sampled rotations N (default 100). */
  samples?: number;
  /** Seed (or generator) of the draws; the same seed gives the same circuit. */
  seed?: number | Rng;
  /** Circuit width (default: H's qubit count). */
  nQubits?: number;
  /** The circuit's backend (default: the current backend at each run). */
  backend?: string | Backend;
}

/** The valid keys of `QdriftOptions`. */
export const QDRIFT_OPTION_KEYS: readonly string[] = ["samples", "seed", "nQubits", "backend"];

/**
 * One QDRIFT sample of exp(-i t H) as a circuit of `samples` Pauli rotations, each of angle
 * 2 lambda t / N times the sign of its term (see the module comment). Average over seeds (e.g. of
 * density matrices) for the QDRIFT channel. Throws an `ArgumentError` for a non-Hermitian H, a
 * non-finite t or samples < 1.
 * @example
 * const c = qdriftCircuit(Hamiltonian.fromString("Z0 Z1 + 0.1 X0 + 0.1 X1"), 0.5, { samples: 200, seed: 1 });
 */
export function qdriftCircuit(h: PauliSum, t: number, options: QdriftOptions = {}): Circuit {
  const fn = "qdriftCircuit";
  checkOptions(options, QDRIFT_OPTION_KEYS, fn);
  const samples = options.samples ?? 100;
  if (typeof samples !== "number" || !Number.isInteger(samples) || samples < 1) {
    throw new ArgumentError(`${fn}: samples must be an integer >= 1, got ${describe(samples)}`);
  }
  if (typeof t !== "number" || !Number.isFinite(t))
    throw new ArgumentError(`${fn}: t must be a finite number, got ${describe(t)}`);
  const terms = hermitianTerms(h, Number.MAX_SAFE_INTEGER, fn);
  const n = circuitWidth(terms, options.nQubits ?? declaredWidth(h), fn);
  const circuit = new Circuit(n, { backend: options.backend });
  circuit.globalPhase = -identityWeight(terms) * t;
  const active = terms.filter((term) => term.qubits.length > 0 && term.coefficient !== 0);
  const cumulative = new Float64Array(active.length);
  let lambda = 0;
  active.forEach((term, j) => {
    lambda += Math.abs(term.coefficient);
    cumulative[j] = lambda;
  });
  if (active.length === 0) return circuit;
  const rng = toRng(options.seed);
  const angle = (2 * lambda * t) / samples;
  for (let s = 0; s < samples; s++) {
    const u = rng.uniform() * lambda;
    // the first term whose cumulative weight passes u (binary search)
    let lo = 0;
    let hi = active.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    const term = active[lo]!;
    circuit.addOperation(termRotationGate(term), term.qubits, [
      { kind: "const", value: Math.sign(term.coefficient) * angle },
    ]);
  }
  return circuit;
}
