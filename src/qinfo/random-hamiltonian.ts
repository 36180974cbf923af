/** Seeded random Hamiltonians in Pauli-sum form (Paddle's `random_pauli_str_generator`). */
import { ArgumentError, describe } from "../errors.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { toRng } from "../random.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import type { SeedOptions } from "./haar.js";

/** Options of `randomHamiltonian`. */
export interface RandomHamiltonianOptions extends SeedOptions {
  /** Number of Pauli strings drawn (default nQubits); equal strings are merged. */
  nTerms?: number;
  /** At most this many non-identity letters per string (default nQubits). */
  maxWeight?: number;
  /** Coefficients are drawn uniformly from [-scale, scale] (default 1). */
  scale?: number;
}

const RANDOM_HAMILTONIAN_OPTIONS = optionKeys<RandomHamiltonianOptions>({
  seed: true,
  nTerms: true,
  maxWeight: true,
  scale: true,
});

/**
 * A Hamiltonian of `nTerms` random non-identity Pauli strings on `nQubits` qubits with uniform
 * coefficients in [-scale, scale]; each string picks its weight w in [1, maxWeight], then w
 * distinct qubits and a letter X, Y or Z for each.
 * @example
 * const h = randomHamiltonian(3, { nTerms: 5, seed: 2 });
 * h.toString(); // e.g. "0.31 X0 Z2 - 0.84 Y1 + ..."
 */
export function randomHamiltonian(
  nQubits: number,
  options: RandomHamiltonianOptions = {},
): Hamiltonian {
  checkArity(arguments.length, 2, "randomHamiltonian");
  checkOptions(options, RANDOM_HAMILTONIAN_OPTIONS, "randomHamiltonian");
  if (!Number.isInteger(nQubits) || nQubits < 1) {
    throw new ArgumentError(
      `randomHamiltonian: nQubits must be a positive integer, got ${describe(nQubits)}`,
    );
  }
  const nTerms = options.nTerms ?? nQubits;
  if (!Number.isInteger(nTerms) || nTerms < 1) {
    throw new ArgumentError(
      `randomHamiltonian: nTerms must be a positive integer, got ${describe(nTerms)}`,
    );
  }
  const maxWeight = options.maxWeight ?? nQubits;
  if (!Number.isInteger(maxWeight) || maxWeight < 1 || maxWeight > nQubits) {
    throw new ArgumentError(
      `randomHamiltonian: maxWeight must be an integer in [1, ${nQubits}], got ${describe(maxWeight)}`,
    );
  }
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0)) {
    throw new ArgumentError(
      `randomHamiltonian: scale must be a positive number, got ${describe(scale)}`,
    );
  }
  const rng = toRng(options.seed);
  const list: [number, string][] = [];
  for (let t = 0; t < nTerms; t++) {
    const w = 1 + rng.int(maxWeight);
    const qubits = rng.shuffle(Array.from({ length: nQubits }, (_, q) => q)).slice(0, w);
    qubits.sort((a, b) => a - b);
    const word = qubits.map((q) => `${"XYZ"[rng.int(3)]}${q}`).join(", ");
    list.push([scale * (2 * rng.uniform() - 1), word]);
  }
  return new Hamiltonian(list, { nQubits }).compress(0);
}
