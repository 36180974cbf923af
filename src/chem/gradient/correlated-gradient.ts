/**
 * The analytic nuclear gradient of a correlated (FCI/CASCI or VQE) energy on canonical RHF
 * orbitals, from its relaxed densities.
 *
 * Over all MOs (frozen core included) the energy is E = Σ D_pq h_pq + ½ Σ P_pqrs (pq|rs) + V_nn
 * with the correlated 1- and 2-RDMs. Its orbital dependence gives the generalized Fock matrix
 * F^g_pm = Σ_q D_pq h_mq + Σ_qrs P_pqrs (mq|rs): the orbital gradient g_pq = 2 (F^g_qp - F^g_pq)
 * drives the Z-vector equations (orbital-response.ts), and its symmetric part is the
 * energy-weighted density of the Pulay term (the orbitals follow the basis through the
 * symmetric connection C S_MO^{-1/2}). The Z-vector then adds the RHF Fock matrix's own
 * derivative: Z to the 1-density, Z ⊗ D_HF (Coulomb minus half exchange) to the 2-density, and
 * ½ Z_rs (ε_r + ε_s) + ½ (n_r + n_s) G[Z]_rs to the energy-weighted density. These relaxed
 * densities go to the Cartesian AO basis once and meet the derivative integrals as in the SCF
 * gradient: dE/dR = Σ D dh/dR + ½ Σ P d(μν|λσ)/dR - Σ W dS/dR + dV_nn/dR.
 *
 * The orbital-space arrays are dense (nmo^4), so this suits the small orbital spaces correlated
 * solvers reach.
 */
import { ArgumentError, ResourceError } from "../../errors.js";
import { transformToMO } from "../active-space.js";
import {
  cartesianLayout,
  oneElectronGradient,
  rowsToCartesian,
  twoParticleGradient,
} from "../integrals/derivatives.js";
import { nucleiOf } from "../integrals/one-electron.js";
import { matmul } from "../linalg.js";
import type { ActiveSpaceProblem } from "../problem.js";
import { type ReducedDensityMatrices, spatialOneRdm } from "../rdm.js";
import { nuclearRepulsionGradient } from "./geometry.js";
import { solveZVector } from "./orbital-response.js";

/** Dense orbital-space 4-index arrays beyond this many entries are refused (8 bytes each). */
const MAX_ENTRIES = 2 ** 26;

/** The analytic gradient with the energy its densities give. */
export interface CorrelatedGradient {
  /** Σ D h + ½ Σ P (pq|rs) + V_nn from the RDMs (the solver's energy, as a check). */
  energy: number;
  /** dE/dR: x, y, z per atom (Hartree/Bohr). */
  gradient: Float64Array;
}

/**
 * dE/dR of the state whose active-space RDMs are given, on the problem's RHF orbitals, with the
 * orbital response. `invariantActive`: the energy is unchanged by rotations among the active
 * orbitals (FCI/CASCI; not a VQE ansatz).
 * @example
 * const p = activeSpaceProblem(mol, { scf: { energyTolerance: 1e-12, gradientTolerance: 1e-10 } });
 * const g = correlatedGradient(p, rdmsFromFCI(fci(p.integrals, p), p.nOrbitals), true);
 */
export function correlatedGradient(
  problem: ActiveSpaceProblem,
  rdms: ReducedDensityMatrices,
  invariantActive: boolean,
): CorrelatedGradient {
  const { scf, molecule } = problem;
  if (scf.reference !== "rhf" || scf.nAlpha !== scf.nBeta)
    throw new ArgumentError(
      `correlatedGradient: the analytic route needs closed-shell RHF orbitals, got ${scf.reference}`,
    );
  const n = scf.nmo;
  const basis = scf.integrals.basis;
  const nc = cartesianLayout(basis).n;
  if (Math.max(n, nc) ** 4 > MAX_ENTRIES)
    throw new ResourceError(
      `correlatedGradient: ${n} orbitals (${nc} Cartesian functions) need dense arrays of ${Math.max(n, nc)}^4 > ${MAX_ENTRIES} entries; use finite differences`,
    );
  const nocc = scf.nAlpha;
  const eps = scf.orbitalEnergies;
  const mo = transformToMO(scf.integrals.hCore, scf.integrals.eri, scf.coefficients, scf.eNuc);
  const { D, P } = fullDensities(problem, rdms);
  const n2 = n * n;
  const n3 = n2 * n;

  // the generalized Fock matrix F^g[p][m] and the energy of the densities
  const Fg = new Float64Array(n2);
  let energy = scf.eNuc;
  for (let p = 0; p < n; p++) {
    for (let m = 0; m < n; m++) {
      let s = 0;
      for (let q = 0; q < n; q++) s += D[p * n + q]! * mo.h[m * n + q]!;
      for (let q = 0; q < n; q++) {
        const pq = (p * n + q) * n2;
        const mq = (m * n + q) * n2;
        for (let rs = 0; rs < n2; rs++) s += P[pq + rs]! * mo.eri[mq + rs]!;
      }
      Fg[p * n + m] = s;
    }
    for (let q = 0; q < n; q++) {
      energy += D[p * n + q]! * mo.h[p * n + q]!;
      for (let rs = 0; rs < n2; rs++)
        energy += 0.5 * P[(p * n + q) * n2 + rs]! * mo.eri[(p * n + q) * n2 + rs]!;
    }
  }
  const g = new Float64Array(n2);
  for (let p = 0; p < n; p++)
    for (let q = 0; q < p; q++) g[p * n + q] = 2 * (Fg[q * n + p]! - Fg[p * n + q]!);
  const role = orbitalRoles(problem);
  const Z = solveZVector({ nmo: n, nocc, energies: eps, eri: mo.eri }, g, (p, q) => {
    const rp = role[p]!;
    return rp === role[q] && (rp !== ACTIVE || invariantActive);
  });

  // relaxed densities: D + Z; P + Z ⊗ D_HF (Coulomb - ½ exchange); W
  const occ = new Float64Array(n);
  for (let i = 0; i < nocc; i++) occ[i] = 2;
  for (let pq = 0; pq < n2; pq++) D[pq]! += Z[pq]!;
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      const zpq = Z[p * n + q]!;
      if (zpq === 0) continue;
      for (let r = 0; r < nocc; r++) {
        P[(p * n + q) * n2 + r * n + r]! += 2 * zpq; // Z_pq D_rr
        P[(r * n + r) * n2 + p * n + q]! += 2 * zpq; // D_rr Z_pq
        P[(p * n + r) * n2 + r * n + q]! -= zpq; // -½ Z_ps D_rq (s = q here, r = q' occupied)
        P[(r * n + p) * n2 + q * n + r]! -= zpq; // -½ D_ps Z_rq
      }
    }
  }
  const W = new Float64Array(n2);
  for (let r = 0; r < n; r++) {
    for (let s = 0; s < n; s++) {
      let gz = 0; // G[Z]_rs = Σ_pq Z_pq [(rs|pq) - ½ (rp|sq)]
      for (let p = 0; p < n; p++) {
        for (let q = 0; q < n; q++) {
          const zpq = Z[p * n + q]!;
          if (zpq !== 0)
            gz +=
              zpq *
              (mo.eri[r * n3 + s * n2 + p * n + q]! - 0.5 * mo.eri[r * n3 + p * n2 + s * n + q]!);
        }
      }
      W[r * n + s] =
        0.5 * (Fg[r * n + s]! + Fg[s * n + r]!) +
        0.5 * Z[r * n + s]! * (eps[r]! + eps[s]!) +
        0.5 * (occ[r]! + occ[s]!) * gz;
    }
  }
  symmetrize(P, n);

  // to the Cartesian AO basis: C_cart = M^T C, then C_cart X C_cart^T (transformToMO with C_cart^T)
  const Cc = rowsToCartesian(basis, scf.coefficients, n);
  const CcT = new Float64Array(n * nc);
  for (let k = 0; k < nc; k++) for (let p = 0; p < n; p++) CcT[p * nc + k] = Cc[k * n + p]!;
  const cart = transformToMO(D, P, CcT, 0);
  const Wc = matmul(matmul(Cc, W, nc, n, n), Cc, nc, n, nc, { transB: true });
  const half = cart.eri;
  for (let i = 0; i < half.length; i++) half[i]! *= 0.5;
  const nAtoms = molecule.atoms.length;
  const gradient = nuclearRepulsionGradient(molecule);
  const one = oneElectronGradient(basis, nucleiOf(molecule), cart.h, Wc, nAtoms);
  const two = twoParticleGradient(basis, half, nAtoms);
  for (let i = 0; i < gradient.length; i++) gradient[i]! += one[i]! + two[i]!;
  return { energy, gradient };
}

const CORE = 0;
const ACTIVE = 1;
const VIRTUAL = 2;

/** Each MO's role: frozen core, active, or frozen virtual. */
function orbitalRoles(problem: ActiveSpaceProblem): Uint8Array {
  const { nCore, active } = problem.activeSpace;
  const role = new Uint8Array(problem.scf.nmo).fill(VIRTUAL);
  for (let i = 0; i < nCore; i++) role[i] = CORE;
  for (const t of active) role[t] = ACTIVE;
  return role;
}

/**
 * The spin-summed 1- and 2-RDMs over all MOs: the active RDMs, the doubly occupied core, and
 * their products (core-core and core-active pairs are separable, D_pq D_rs - ½ D_ps D_rq),
 * with P_pqrs = Σ_στ <a†_pσ a†_rτ a_sτ a_qσ> so that E = Σ D h + ½ Σ P (pq|rs).
 */
function fullDensities(
  problem: ActiveSpaceProblem,
  rdms: ReducedDensityMatrices,
): { D: Float64Array; P: Float64Array } {
  const n = problem.scf.nmo;
  const { nCore, active } = problem.activeSpace;
  const m = rdms.nOrbitals;
  if (m !== active.length || rdms.twoRdm === undefined)
    throw new ArgumentError(
      `correlatedGradient: expected 1- and 2-RDMs over the ${active.length} active orbitals, got ${m} orbitals${rdms.twoRdm === undefined ? " without a 2-RDM" : ""}`,
    );
  const n2 = n * n;
  const Dact = spatialOneRdm(rdms);
  const Dc = new Float64Array(n2); // core
  const Da = new Float64Array(n2); // active
  for (let i = 0; i < nCore; i++) Dc[i * n + i] = 2;
  for (let t = 0; t < m; t++)
    for (let u = 0; u < m; u++) Da[active[t]! * n + active[u]!] = Dact[t * m + u]!;
  const D = new Float64Array(n2);
  for (let k = 0; k < n2; k++) D[k] = Dc[k]! + Da[k]!;
  const P = new Float64Array(n2 * n2);
  // separable part: Dc ⊗ Dc + Dc ⊗ Da + Da ⊗ Dc (Coulomb - ½ exchange); only core rows are nonzero
  const core = Array.from({ length: nCore }, (_, i) => i);
  const occupiedIdx = [...core, ...active];
  for (const p of occupiedIdx) {
    for (const q of occupiedIdx) {
      for (const r of occupiedIdx) {
        for (const s of occupiedIdx) {
          const coul =
            Dc[p * n + q]! * (Dc[r * n + s]! + Da[r * n + s]!) + Da[p * n + q]! * Dc[r * n + s]!;
          const exch =
            Dc[p * n + s]! * (Dc[r * n + q]! + Da[r * n + q]!) + Da[p * n + s]! * Dc[r * n + q]!;
          const v = coul - 0.5 * exch;
          if (v !== 0) P[(p * n + q) * n2 + r * n + s]! += v;
        }
      }
    }
  }
  const G = rdms.twoRdm;
  const N = 2 * m;
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      for (let r = 0; r < m; r++) {
        for (let s = 0; s < m; s++) {
          let v = 0;
          for (let sg = 0; sg < 2; sg++)
            for (let tau = 0; tau < 2; tau++)
              v += G[(((2 * p + sg) * N + 2 * r + tau) * N + 2 * s + tau) * N + 2 * q + sg]!;
          P[(active[p]! * n + active[q]!) * n2 + active[r]! * n + active[s]!]! += v;
        }
      }
    }
  }
  return { D, P };
}

/** Averages P over the 8 index permutations that leave (pq|rs) unchanged, in place. */
function symmetrize(P: Float64Array, n: number): void {
  const n2 = n * n;
  const at = (p: number, q: number, r: number, s: number): number => (p * n + q) * n2 + r * n + s;
  for (let p = 0; p < n; p++) {
    for (let q = 0; q <= p; q++) {
      for (let r = 0; r < n; r++) {
        for (let s = 0; s <= r; s++) {
          if (p * n + q < r * n + s) continue;
          const idx = [
            at(p, q, r, s),
            at(q, p, r, s),
            at(p, q, s, r),
            at(q, p, s, r),
            at(r, s, p, q),
            at(s, r, p, q),
            at(r, s, q, p),
            at(s, r, q, p),
          ];
          let v = 0;
          for (const k of idx) v += P[k]!;
          v /= 8;
          for (const k of idx) P[k] = v;
        }
      }
    }
  }
}
