/**
 * The Fermi-Hubbard model on a lattice (`quantum/operators/lattice.ts`):
 *
 *   H = -t sum_(i,j) sum_s (a+_(i s) a_(j s) + a+_(j s) a_(i s)) + U sum_i n_(i up) n_(i down) - mu sum_(i s) n_(i s)
 *
 * with the spin orbitals interleaved as for molecules (mode 2i = site i spin up, 2i + 1 = spin
 * down), mapped to qubits by Jordan-Wigner (default), Bravyi-Kitaev or parity.
 */
import { ArgumentError, describe } from "../errors.js";
import type { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { type LatticeLike, toLattice } from "../quantum/operators/lattice.js";
import { checkOptions } from "../validate.js";
import { FermionOperator, type LadderOp } from "./fermion.js";
import { type MappingName, mapFermionOperator } from "./mappings.js";

/** Options of `fermiHubbard` and `fermiHubbardOperator`. */
export interface FermiHubbardOptions {
  /** Hopping amplitude t (default 1). */
  t?: number;
  /** On-site repulsion U (default 1). */
  U?: number;
  /** Chemical potential mu (default 0; U / 2 is half filling's particle-hole symmetric point). */
  mu?: number;
  /** The fermion-to-qubit mapping of `fermiHubbard` (default "jordan-wigner"). */
  mapping?: MappingName;
}

const KEYS = ["t", "U", "mu", "mapping"];

/**
 * The Fermi-Hubbard Hamiltonian as a `FermionOperator` on 2 nSites spin orbitals.
 * @example
 * fermiHubbardOperator(chainLattice(2), { t: 1, U: 4 }).nModes; // 4
 */
export function fermiHubbardOperator(
  lattice: LatticeLike,
  options: FermiHubbardOptions = {},
): FermionOperator {
  const fn = "fermiHubbardOperator";
  checkOptions(options, KEYS, fn);
  const l = toLattice(lattice, fn);
  const t = real(options.t ?? 1, `${fn}: options.t`);
  const U = real(options.U ?? 1, `${fn}: options.U`);
  const mu = real(options.mu ?? 0, `${fn}: options.mu`);
  const terms: { ops: LadderOp[]; re: number }[] = [];
  for (const [i, j] of l.edges) {
    for (const s of [0, 1]) {
      const a = 2 * i + s;
      const b = 2 * j + s;
      if (t !== 0) {
        terms.push({
          ops: [
            [a, 1],
            [b, 0],
          ],
          re: -t,
        });
        terms.push({
          ops: [
            [b, 1],
            [a, 0],
          ],
          re: -t,
        });
      }
    }
  }
  for (let i = 0; i < l.nSites; i++) {
    const up = 2 * i;
    const down = 2 * i + 1;
    if (U !== 0)
      terms.push({
        ops: [
          [up, 1],
          [up, 0],
          [down, 1],
          [down, 0],
        ],
        re: U,
      });
    if (mu !== 0) {
      terms.push({
        ops: [
          [up, 1],
          [up, 0],
        ],
        re: -mu,
      });
      terms.push({
        ops: [
          [down, 1],
          [down, 0],
        ],
        re: -mu,
      });
    }
  }
  return FermionOperator.fromTerms(terms);
}

/**
 * The Fermi-Hubbard Hamiltonian mapped to 2 nSites qubits (qubit 2i = site i up, 2i + 1 = down
 * under Jordan-Wigner).
 * @example
 * const H = fermiHubbard(chainLattice(2), { t: 1, U: 4, mu: 2 });
 * H.groundState().energy; // -U/2 - sqrt(U^2 + 16 t^2)/2 = -4.828...
 */
export function fermiHubbard(lattice: LatticeLike, options: FermiHubbardOptions = {}): Hamiltonian {
  const fn = "fermiHubbard";
  checkOptions(options, KEYS, fn);
  const mapping = options.mapping ?? "jordan-wigner";
  if (!["jordan-wigner", "bravyi-kitaev", "parity"].includes(mapping)) {
    throw new ArgumentError(
      `${fn}: options.mapping must be "jordan-wigner", "bravyi-kitaev" or "parity", got ${describe(mapping)}`,
    );
  }
  const l = toLattice(lattice, fn);
  const op = fermiHubbardOperator(l, { t: options.t, U: options.U, mu: options.mu });
  return mapFermionOperator(op, { mapping, nModes: 2 * l.nSites }).toHamiltonian();
}

function real(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new ArgumentError(`${what} must be a finite real number, got ${describe(v)}`);
  return v;
}
