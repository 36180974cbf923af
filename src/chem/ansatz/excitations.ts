/**
 * Spin-conserving single and double excitations over interleaved spin orbitals (2p alpha,
 * 2p+1 beta) from a Hartree-Fock determinant, their anti-Hermitian generators T - T†, and MP2
 * first-order amplitudes as a starting point for UCCSD.
 *
 * Conventions: single i -> a is T = a†_a a_i; double (i, j) -> (a, b) with i < j, a < b is
 * T = a†_a a†_b a_j a_i, so T|HF> is the determinant Φ_ij^ab of the MP1 wave function
 * |Ψ1> = Σ t_ij^ab |Φ_ij^ab>, t_ij^ab = <ab||ij> / (ε_i + ε_j - ε_a - ε_b).
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../../validate.js";
import type { MOIntegrals } from "../active-space.js";
import { checkMOIntegrals } from "../active-space.js";
import { FermionOperator, type LadderOp } from "../fermion.js";

/** One excitation: occupied spin orbitals left, virtual ones right (1 or 2 each). */
export interface Excitation {
  /** One electron moved or two. */
  readonly kind: "single" | "double";
  /** Occupied spin orbitals emptied. */
  readonly from: readonly number[];
  /** Virtual spin orbitals filled. */
  readonly to: readonly number[];
}

/** Occupied spin orbitals of the determinant with nAlpha alpha and nBeta beta electrons in the lowest orbitals. */
function occupied(nAlpha: number, nBeta: number): Set<number> {
  const s = new Set<number>();
  for (let p = 0; p < nAlpha; p++) s.add(2 * p);
  for (let p = 0; p < nBeta; p++) s.add(2 * p + 1);
  return s;
}

const EXCITATION_OPTIONS = optionKeys<OptionsOf<typeof spinConservingExcitations, 3>>({
  singles: true,
  doubles: true,
});

/**
 * All spin-conserving singles and doubles out of the Hartree-Fock determinant.
 * @example
 * spinConservingExcitations(2, 1, 1); // H2: 2 singles (alpha, beta) and 1 double
 */
export function spinConservingExcitations(
  nOrbitals: number,
  nAlpha: number,
  nBeta: number,
  options: { singles?: boolean; doubles?: boolean } = {},
): Excitation[] {
  checkArity(arguments.length, 4, "spinConservingExcitations");
  checkOptions(options, EXCITATION_OPTIONS, "spinConservingExcitations");
  for (const [k, v, max] of [
    ["nOrbitals", nOrbitals, 64],
    ["nAlpha", nAlpha, nOrbitals],
    ["nBeta", nBeta, nOrbitals],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) {
      throw new ArgumentError(
        `spinConservingExcitations: ${k} must be an integer in [0, ${max}], got ${describe(v)}`,
      );
    }
  }
  const n = 2 * nOrbitals;
  const occ = occupied(nAlpha, nBeta);
  const occList = [...occ].sort((a, b) => a - b);
  const virt = Array.from({ length: n }, (_, m) => m).filter((m) => !occ.has(m));
  const out: Excitation[] = [];
  if (options.singles !== false) {
    for (const i of occList)
      for (const a of virt) if (i % 2 === a % 2) out.push({ kind: "single", from: [i], to: [a] });
  }
  if (options.doubles !== false) {
    for (let x = 0; x < occList.length; x++) {
      for (let y = x + 1; y < occList.length; y++) {
        const i = occList[x]!;
        const j = occList[y]!;
        for (let u = 0; u < virt.length; u++) {
          for (let v = u + 1; v < virt.length; v++) {
            const a = virt[u]!;
            const b = virt[v]!;
            // total Sz conserved: same multiset of spins
            if ((i % 2) + (j % 2) !== (a % 2) + (b % 2)) continue;
            out.push({ kind: "double", from: [i, j], to: [a, b] });
          }
        }
      }
    }
  }
  return out;
}

/**
 * The anti-Hermitian generator T - T† of an excitation.
 * @example excitationGenerator({ kind: "single", from: [0], to: [2] }).toString(); // "1 [2^ 0] + -1 [0^ 2]"
 */
export function excitationGenerator(ex: Excitation): FermionOperator {
  checkArity(arguments.length, 1, "excitationGenerator");
  if (ex === null || typeof ex !== "object" || !Array.isArray(ex.from) || !Array.isArray(ex.to))
    throw new ArgumentError(
      `excitationGenerator: expected an excitation { kind, from, to }, got ${describe(ex)}`,
    );
  const ops: LadderOp[] = [
    ...ex.to.map((m) => [m, 1] as LadderOp),
    ...[...ex.from].reverse().map((m) => [m, 0] as LadderOp),
  ];
  const T = FermionOperator.term(ops, 1);
  return T.sub(T.hermitianConjugate());
}

/** <pq||rs> over interleaved spin orbitals from spatial (pq|rs) (chemists' notation). */
function antisymmetrized(ints: MOIntegrals, p: number, q: number, r: number, s: number): number {
  const n = ints.nOrbitals;
  const eri = ints.eri;
  const chem = (a: number, b: number, c: number, d: number): number => {
    // <ab|cd> = (ac|bd), nonzero when spin(a) = spin(c) and spin(b) = spin(d)
    if (a % 2 !== c % 2 || b % 2 !== d % 2) return 0;
    const [A, B, C, D] = [a >> 1, b >> 1, c >> 1, d >> 1];
    return eri[((A * n + C) * n + B) * n + D]!;
  };
  return chem(p, q, r, s) - chem(p, q, s, r);
}

/**
 * Orbital energies per spin orbital: diagonal of the Fock operator of the determinant,
 * f_pp = h_pp + Σ_k occupied <pk||pk>.
 * @example
 * spinOrbitalEnergies(ints, 1, 1); // H2: [ε_σg, ε_σg, ε_σu, ε_σu]
 */
export function spinOrbitalEnergies(
  ints: MOIntegrals,
  nAlpha: number,
  nBeta: number,
): Float64Array {
  checkArity(arguments.length, 3, "spinOrbitalEnergies");
  checkMOIntegrals(ints, "spinOrbitalEnergies");
  const n = ints.nOrbitals;
  const occ = [...occupied(nAlpha, nBeta)];
  const eps = new Float64Array(2 * n);
  for (let p = 0; p < 2 * n; p++) {
    let f = ints.h[(p >> 1) * n + (p >> 1)]!;
    for (const k of occ) f += antisymmetrized(ints, p, k, p, k);
    eps[p] = f;
  }
  return eps;
}

/**
 * MP2 first-order amplitudes for the doubles (0 for singles, as in canonical RHF where the
 * Brillouin theorem makes them vanish), and the MP2 correlation energy Σ |<ab||ij>|^2 / D.
 * @example
 * const { amplitudes, energy } = mp2Amplitudes(ints, excitations, 1, 1);
 */
export function mp2Amplitudes(
  ints: MOIntegrals,
  excitations: readonly Excitation[],
  nAlpha: number,
  nBeta: number,
): {
  /** One amplitude per excitation. */
  amplitudes: Float64Array;
  /** MP2 correlation energy (Hartree). */
  energy: number;
} {
  checkArity(arguments.length, 4, "mp2Amplitudes");
  checkMOIntegrals(ints, "mp2Amplitudes");
  if (!Array.isArray(excitations))
    throw new ArgumentError(
      `mp2Amplitudes: excitations must be an array, got ${describe(excitations)}`,
    );
  const eps = spinOrbitalEnergies(ints, nAlpha, nBeta);
  const t = new Float64Array(excitations.length);
  let e2 = 0;
  excitations.forEach((ex, k) => {
    if (ex.kind !== "double") return;
    const [i, j] = ex.from as [number, number];
    const [a, b] = ex.to as [number, number];
    const v = antisymmetrized(ints, a, b, i, j);
    const d = eps[i]! + eps[j]! - eps[a]! - eps[b]!;
    if (Math.abs(d) < 1e-10) return;
    t[k] = v / d;
    e2 += (v * v) / d;
  });
  return { amplitudes: t, energy: e2 };
}
