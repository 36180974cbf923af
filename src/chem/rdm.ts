/**
 * Reduced density matrices of a correlated state and what follows from them: the spin-orbital
 * 1- and 2-RDMs, <N>, <S_z> and <S^2>, natural orbitals and occupations, and the dipole moment.
 *
 * Both sources become one determinant expansion Σ_I c_I |I> over interleaved spin orbitals
 * (2p = p alpha, 2p+1 = p beta): an FCI vector directly (its alpha and beta strings), a qubit
 * state by decoding every basis state through its mapping's encoding (any mapping, the parity
 * reduction included). Ladder operators then act on determinants as bit flips with the sign of
 * the occupied spin orbitals they pass, so no qubit operator is formed.
 */
import { ArgumentError, describe, ResourceError } from "../errors.js";
import type { State } from "../quantum/state/state.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import type { MOIntegrals } from "./active-space.js";
import { type Dipole, dipoleFromDensity } from "./dipole.js";
import type { FCIResult } from "./fci.js";
import { jacobiEigh, popcount32 } from "./linalg-small.js";
import { occupationDecoder, type QubitEncoding } from "./mappings.js";
import type { ActiveSpaceProblem } from "./problem.js";

/** Reduced density matrices over 2 nOrbitals interleaved spin orbitals, with the spin expectations. */
export interface ReducedDensityMatrices {
  /** Spatial orbitals n; the spin orbitals are N = 2n. */
  nOrbitals: number;
  /** γ[P * N + Q] = <a†_P a_Q> (real part; N x N). */
  oneRdm: Float64Array;
  /** Γ[((P * N + Q) * N + R) * N + S] = <a†_P a†_Q a_R a_S> (real part), unless `twoBody: false`. */
  twoRdm?: Float64Array;
  /** <N>. */
  particleNumber: number;
  /** <S_z>. */
  sz: number;
  /** <S^2> = <S_- S_+> + <S_z^2> + <S_z>, with <S_- S_+> the squared norm of S_+ |ψ>. */
  s2: number;
}

/** Options of {@link rdmsFromFCI} and {@link rdmsFromState}. */
export interface RdmOptions {
  /** Also build the 2-RDM (default true; it costs N^4 numbers and dets x N^4 / 4 work). */
  twoBody?: boolean;
}

const RDM_OPTIONS = optionKeys<RdmOptions>({ twoBody: true });

/** Σ_I c_I |I>: determinant I has alpha string `alpha[I]` and beta string `beta[I]` (bit p = orbital p). */
interface Expansion {
  nOrbitals: number;
  alpha: Int32Array;
  beta: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

/** Amplitudes below this magnitude are dropped from a qubit state (round-off outside the sector). */
const AMPLITUDE_CUTOFF = 1e-12;

/** At most 26 orbitals: the determinant keys a * 2^n + b stay exact doubles. */
const MAX_ORBITALS = 26;

function checkRdmOptions(options: RdmOptions, where: string): boolean {
  checkOptions(options, RDM_OPTIONS, where);
  const t = options.twoBody ?? true;
  if (typeof t !== "boolean")
    throw new ArgumentError(`${where}: twoBody must be a boolean, got ${describe(t)}`);
  return t;
}

/**
 * The RDMs of an FCI ground state (`fci(...)` result) over its `nOrbitals` spatial orbitals.
 * @example
 * const r = fci(ints, { nAlpha: 1, nBeta: 1 });
 * const rdm = rdmsFromFCI(r, ints.nOrbitals); // rdm.particleNumber = 2, rdm.s2 = 0
 */
export function rdmsFromFCI(
  result: FCIResult,
  nOrbitals: number,
  options: RdmOptions = {},
): ReducedDensityMatrices {
  checkArity(arguments.length, 3, "rdmsFromFCI");
  const twoBody = checkRdmOptions(options, "rdmsFromFCI");
  if (
    result === null ||
    typeof result !== "object" ||
    !(result.vector instanceof Float64Array) ||
    !(result.alphaStrings instanceof Int32Array) ||
    !(result.betaStrings instanceof Int32Array)
  ) {
    throw new ArgumentError(`rdmsFromFCI: expected an fci() result, got ${describe(result)}`);
  }
  checkOrbitalCount(nOrbitals, "rdmsFromFCI");
  const { alphaStrings: as, betaStrings: bs, vector } = result;
  if (vector.length !== as.length * bs.length) {
    throw new ArgumentError(
      `rdmsFromFCI: the vector has ${vector.length} entries, expected ${as.length} x ${bs.length} determinants`,
    );
  }
  const limit = 2 ** nOrbitals;
  for (const s of [as[as.length - 1], bs[bs.length - 1]]) {
    if (s !== undefined && s >= limit) {
      throw new ArgumentError(
        `rdmsFromFCI: the occupation strings use more than nOrbitals = ${nOrbitals} orbitals`,
      );
    }
  }
  const dets = vector.length;
  const alpha = new Int32Array(dets);
  const beta = new Int32Array(dets);
  // FCI determinants are |alpha string>|beta string>: block order.
  const re = new Float64Array(dets);
  for (let ia = 0; ia < as.length; ia++) {
    const a = as[ia]!;
    for (let ib = 0; ib < bs.length; ib++) {
      const b = bs[ib]!;
      const k = ia * bs.length + ib;
      alpha[k] = a;
      beta[k] = b;
      re[k] = blockToInterleavedSign(a, b, nOrbitals) * vector[k]!;
    }
  }
  return rdmsOf({ nOrbitals, alpha, beta, re, im: new Float64Array(dets) }, twoBody);
}

/**
 * The RDMs of a qubit state (batch 1) under the encoding of its Hamiltonian: `problem.encoding`
 * of an electronic problem, or `qubitOperator.encoding`. Any mapping works, the parity
 * reduction included. Amplitudes below 1e-12 in magnitude are ignored.
 * @example
 * const p = electronicProblem(Molecule.fromName("h2"), { mapping: "bk" });
 * const rdm = rdmsFromState(new UCCSD(p).forward(), p);
 */
export function rdmsFromState(
  state: State,
  spec: {
    /** How occupations map to qubits. */
    encoding: QubitEncoding;
  },
  options: RdmOptions = {},
): ReducedDensityMatrices {
  checkArity(arguments.length, 3, "rdmsFromState");
  const twoBody = checkRdmOptions(options, "rdmsFromState");
  if (state === null || typeof state !== "object" || typeof state.toArray !== "function") {
    throw new ArgumentError(`rdmsFromState: expected a State, got ${describe(state)}`);
  }
  if (spec === null || typeof spec !== "object" || spec.encoding === undefined) {
    throw new ArgumentError(
      `rdmsFromState: expected { encoding } (an electronic problem or a mapped operator's encoding), got ${describe(spec)}`,
    );
  }
  const encoding = spec.encoding;
  const decode = occupationDecoder(encoding);
  const nModes = encoding.nModes;
  if (nModes % 2 !== 0) {
    throw new ArgumentError(
      `rdmsFromState: the encoding has ${nModes} modes; spin orbitals come in pairs`,
    );
  }
  const nOrbitals = nModes / 2;
  checkOrbitalCount(nOrbitals, "rdmsFromState");
  const nq = state.nQubits;
  const expected = encoding.reduced === undefined ? nModes : nModes - 2;
  if (nq !== expected) {
    throw new ArgumentError(
      `rdmsFromState: the state has ${nq} qubits, the encoding describes ${expected}`,
    );
  }
  if (state.batch !== 1) {
    throw new ArgumentError(
      `rdmsFromState: expected one state (batch 1), got batch ${state.batch}`,
    );
  }
  const amps = state.toArray();
  const alpha: number[] = [];
  const beta: number[] = [];
  const re: number[] = [];
  const im: number[] = [];
  const bits = new Uint8Array(nq);
  for (let i = 0; i < amps.length / 2; i++) {
    const r = amps[2 * i]!;
    const m = amps[2 * i + 1]!;
    if (Math.hypot(r, m) < AMPLITUDE_CUTOFF) continue;
    // qubit 0 is the most significant bit of the basis index
    for (let q = 0; q < nq; q++) bits[q] = (i >>> (nq - 1 - q)) & 1;
    const occ = decode(bits);
    let a = 0;
    let b = 0;
    for (let p = 0; p < nOrbitals; p++) {
      if ((occ >>> (2 * p)) & 1) a |= 1 << p;
      if ((occ >>> (2 * p + 1)) & 1) b |= 1 << p;
    }
    // a block-ordered mapping's basis states are block-ordered determinants
    const sign = encoding.order === "block" ? blockToInterleavedSign(a, b, nOrbitals) : 1;
    alpha.push(a);
    beta.push(b);
    re.push(sign * r);
    im.push(sign * m);
  }
  return rdmsOf(
    {
      nOrbitals,
      alpha: Int32Array.from(alpha),
      beta: Int32Array.from(beta),
      re: Float64Array.from(re),
      im: Float64Array.from(im),
    },
    twoBody,
  );
}

/**
 * The sign between a determinant written in block order (all alpha creators left of the beta
 * ones, as FCI strings and block-ordered mappings have it) and in interleaved order: sorting the
 * creators moves beta q left past every alpha p > q.
 */
function blockToInterleavedSign(a: number, b: number, n: number): number {
  let swaps = 0;
  for (let q = 0; q < n; q++) if ((b >>> q) & 1) swaps += popcount32(a & ~((2 << q) - 1));
  return swaps & 1 ? -1 : 1;
}

function checkOrbitalCount(n: unknown, where: string): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new ArgumentError(`${where}: nOrbitals must be an integer >= 1, got ${describe(n)}`);
  }
  if (n > MAX_ORBITALS) {
    throw new ResourceError(`${where}: at most ${MAX_ORBITALS} spatial orbitals, got ${n}`);
  }
}

/**
 * A determinant being acted on: its strings and the sign picked up so far. `flip` applies a_P
 * (occupied = true) or a†_P (occupied = false) to spin orbital P, returning false when the
 * result vanishes.
 */
class Det {
  a = 0;
  b = 0;
  sign = 1;

  set(a: number, b: number): this {
    this.a = a;
    this.b = b;
    this.sign = 1;
    return this;
  }

  copy(other: Det): this {
    this.a = other.a;
    this.b = other.b;
    this.sign = other.sign;
    return this;
  }

  flip(P: number, occupied: boolean): boolean {
    const p = P >> 1;
    const beta = (P & 1) === 1;
    const bit = 1 << p;
    const has = ((beta ? this.b : this.a) & bit) !== 0;
    if (has !== occupied) return false;
    // spin orbitals below P in interleaved order: both spins of orbitals < p, and p alpha for p beta
    const below = (bit - 1) | 0;
    let passed = popcount32(this.a & below) + popcount32(this.b & below);
    if (beta && (this.a & bit) !== 0) passed++;
    if (passed & 1) this.sign = -this.sign;
    if (beta) this.b ^= bit;
    else this.a ^= bit;
    return true;
  }
}

function rdmsOf(e: Expansion, twoBody: boolean): ReducedDensityMatrices {
  const n = e.nOrbitals;
  const N = 2 * n;
  const dets = e.re.length;
  const shift = 2 ** n;
  const index = new Map<number, number>();
  for (let i = 0; i < dets; i++) index.set(e.alpha[i]! * shift + e.beta[i]!, i);
  const lookup = (d: Det): number => index.get(d.a * shift + d.b) ?? -1;
  // Re(conj(c_I) c_J)
  const overlap = (I: number, J: number): number => e.re[I]! * e.re[J]! + e.im[I]! * e.im[J]!;

  const gamma = new Float64Array(N * N);
  const Gamma = twoBody ? new Float64Array(N * N * N * N) : undefined;
  const d = new Det();
  const d1 = new Det();
  const d2 = new Det();
  const d3 = new Det();
  let norm = 0;
  let nExp = 0;
  let szExp = 0;
  let sz2Exp = 0;
  for (let J = 0; J < dets; J++) {
    const aJ = e.alpha[J]!;
    const bJ = e.beta[J]!;
    const w = overlap(J, J);
    if (w === 0) continue;
    norm += w;
    const na = popcount32(aJ);
    const nb = popcount32(bJ);
    nExp += w * (na + nb);
    szExp += (w * (na - nb)) / 2;
    sz2Exp += (w * (na - nb) * (na - nb)) / 4;
    // each level applies one ladder operator to a copy of the level above (pruned when it vanishes)
    for (let Q = 0; Q < N; Q++) {
      if (!d1.set(aJ, bJ).flip(Q, true)) continue;
      for (let P = 0; P < N; P++) {
        if (!d.copy(d1).flip(P, false)) continue;
        const I = lookup(d);
        if (I >= 0) gamma[P * N + Q] += d.sign * overlap(I, J);
      }
    }
    if (Gamma === undefined) continue;
    for (let S = 0; S < N; S++) {
      if (!d1.set(aJ, bJ).flip(S, true)) continue;
      for (let R = 0; R < N; R++) {
        if (!d2.copy(d1).flip(R, true)) continue;
        for (let Q = 0; Q < N; Q++) {
          if (!d3.copy(d2).flip(Q, false)) continue;
          for (let P = 0; P < N; P++) {
            if (!d.copy(d3).flip(P, false)) continue;
            const I = lookup(d);
            if (I >= 0) Gamma[((P * N + Q) * N + R) * N + S] += d.sign * overlap(I, J);
          }
        }
      }
    }
  }
  if (!(norm > 0)) throw new ArgumentError("rdms: the state has no amplitude (zero norm)");
  // S_+ |ψ> = Σ_p a†_{p alpha} a_{p beta} |ψ>: accumulate its amplitudes per target determinant.
  const plusRe = new Map<number, number>();
  const plusIm = new Map<number, number>();
  for (let J = 0; J < dets; J++) {
    for (let p = 0; p < n; p++) {
      d.set(e.alpha[J]!, e.beta[J]!);
      if (!d.flip(2 * p + 1, true) || !d.flip(2 * p, false)) continue;
      const key = d.a * shift + d.b;
      plusRe.set(key, (plusRe.get(key) ?? 0) + d.sign * e.re[J]!);
      plusIm.set(key, (plusIm.get(key) ?? 0) + d.sign * e.im[J]!);
    }
  }
  let sMinusSPlus = 0;
  for (const [key, r] of plusRe) sMinusSPlus += r * r + plusIm.get(key)! ** 2;
  const inv = 1 / norm;
  for (let i = 0; i < gamma.length; i++) gamma[i]! *= inv;
  if (Gamma !== undefined) for (let i = 0; i < Gamma.length; i++) Gamma[i]! *= inv;
  return {
    nOrbitals: n,
    oneRdm: gamma,
    ...(Gamma === undefined ? {} : { twoRdm: Gamma }),
    particleNumber: nExp * inv,
    sz: szExp * inv,
    s2: (sMinusSPlus + sz2Exp + szExp) * inv,
  };
}

function checkRdms(rdms: ReducedDensityMatrices, where: string, needTwo = false): void {
  if (
    rdms === null ||
    typeof rdms !== "object" ||
    !(rdms.oneRdm instanceof Float64Array) ||
    !Number.isInteger(rdms.nOrbitals) ||
    rdms.oneRdm.length !== 4 * rdms.nOrbitals * rdms.nOrbitals
  ) {
    throw new ArgumentError(
      `${where}: expected reduced density matrices (rdmsFromFCI / rdmsFromState), got ${describe(rdms)}`,
    );
  }
  if (needTwo && !(rdms.twoRdm instanceof Float64Array)) {
    throw new ArgumentError(`${where}: needs the 2-RDM; build the RDMs without twoBody: false`);
  }
}

/**
 * The spin-summed spatial 1-RDM D_pq = Σ_σ <a†_{pσ} a_{qσ}> (n x n, row-major; trace = <N>).
 * @example spatialOneRdm(rdmsFromFCI(r, n)); // H2 ground state: diag ≈ [1.98, 0.02]
 */
export function spatialOneRdm(rdms: ReducedDensityMatrices): Float64Array {
  checkArity(arguments.length, 1, "spatialOneRdm");
  checkRdms(rdms, "spatialOneRdm");
  const n = rdms.nOrbitals;
  const N = 2 * n;
  const D = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      D[p * n + q] = rdms.oneRdm[2 * p * N + 2 * q]! + rdms.oneRdm[(2 * p + 1) * N + 2 * q + 1]!;
    }
  }
  return D;
}

/**
 * The energy Σ h_pq D_pq + ½ Σ (pq|rs) P_pqrs + constant of integrals `ints` in the RDMs' state,
 * with P_pqrs = Σ_στ <a†_{pσ} a†_{rτ} a_{sτ} a_{qσ}>: equals <H> of `molecularHamiltonian(ints)`.
 * @example rdmEnergy(ints, rdmsFromFCI(fci(ints, { nAlpha: 1, nBeta: 1 }), ints.nOrbitals)); // the FCI energy
 */
export function rdmEnergy(ints: MOIntegrals, rdms: ReducedDensityMatrices): number {
  checkArity(arguments.length, 2, "rdmEnergy");
  checkRdms(rdms, "rdmEnergy", true);
  if (ints === null || typeof ints !== "object" || ints.nOrbitals !== rdms.nOrbitals) {
    throw new ArgumentError(
      `rdmEnergy: expected MO integrals over the RDMs' ${rdms.nOrbitals} orbitals, got ${describe(ints)}`,
    );
  }
  const n = rdms.nOrbitals;
  const N = 2 * n;
  const D = spatialOneRdm(rdms);
  let e = ints.constant;
  for (let i = 0; i < n * n; i++) e += ints.h[i]! * D[i]!;
  const G = rdms.twoRdm!;
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      for (let r = 0; r < n; r++) {
        for (let s = 0; s < n; s++) {
          const v = ints.eri[((p * n + q) * n + r) * n + s]!;
          if (v === 0) continue;
          let P = 0;
          for (let sg = 0; sg < 2; sg++)
            for (let tau = 0; tau < 2; tau++)
              P += G[(((2 * p + sg) * N + 2 * r + tau) * N + 2 * s + tau) * N + 2 * q + sg]!;
          e += 0.5 * v * P;
        }
      }
    }
  }
  return e;
}

/** Natural orbitals: eigenvectors of the spatial 1-RDM, by occupation (descending). */
export interface NaturalOrbitals {
  /** Occupation numbers in [0, 2], descending; they sum to <N>. */
  occupations: Float64Array;
  /** `vectors[p * n + k]`: component on (active) orbital p of natural orbital k (columns, n x n). */
  vectors: Float64Array;
  /** With a problem: the natural orbitals over the AO basis, `aoCoefficients[μ * n + k]` (nbf x n). */
  aoCoefficients?: Float64Array;
}

/**
 * Natural orbitals and occupations from the RDMs, in the basis of the RDMs' (active) orbitals,
 * and over the AO basis when the problem that made the orbitals is given.
 * @example naturalOrbitals(rdm).occupations; // H2/STO-3G FCI: [1.9876, 0.0124]
 */
export function naturalOrbitals(
  rdms: ReducedDensityMatrices,
  problem?: ActiveSpaceProblem,
): NaturalOrbitals {
  checkArity(arguments.length, 2, "naturalOrbitals");
  const D = spatialOneRdm(rdms);
  const n = rdms.nOrbitals;
  const { values, vectors } = jacobiEigh(D, n);
  const occupations = new Float64Array(n);
  const sorted = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = n - 1 - k; // ascending -> descending
    occupations[k] = values[src]!;
    for (let p = 0; p < n; p++) sorted[p * n + k] = vectors[p * n + src]!;
  }
  if (problem === undefined) return { occupations, vectors: sorted };
  const active = activeOrbitalsOf(problem, n, "naturalOrbitals");
  const { nbf, nmo, coefficients: C } = problem.scf;
  const ao = new Float64Array(nbf * n);
  for (let mu = 0; mu < nbf; mu++) {
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += C[mu * nmo + active[p]!]! * sorted[p * n + k]!;
      ao[mu * n + k] = s;
    }
  }
  return { occupations, vectors: sorted, aoCoefficients: ao };
}

/** The MO indices of the problem's active orbitals, checked against the RDMs' orbital count. */
function activeOrbitalsOf(problem: ActiveSpaceProblem, n: number, where: string): number[] {
  if (
    problem === null ||
    typeof problem !== "object" ||
    problem.activeSpace === undefined ||
    problem.scf === undefined
  ) {
    throw new ArgumentError(
      `${where}: expected an active-space or electronic problem, got ${describe(problem)}`,
    );
  }
  const active = problem.activeSpace.active;
  if (active.length !== n) {
    throw new ArgumentError(
      `${where}: the RDMs cover ${n} orbitals, the problem's active space ${active.length}`,
    );
  }
  return active;
}

/**
 * The dipole moment of a correlated state: the AO density of the frozen core (doubly occupied)
 * plus the active RDMs carried through the SCF's MO coefficients, with the nuclear charges;
 * about the coordinate origin (for ions the result carries a note: it depends on the origin).
 * @example
 * const p = activeSpaceProblem(Molecule.fromName("lih"));
 * const r = fci(p.integrals, p);
 * correlatedDipole(p, rdmsFromFCI(r, p.nOrbitals, { twoBody: false })).vectorDebye; // [0, 0, -4.6202]
 */
export function correlatedDipole(
  problem: ActiveSpaceProblem,
  rdms: ReducedDensityMatrices,
): Dipole {
  checkArity(arguments.length, 2, "correlatedDipole");
  checkRdms(rdms, "correlatedDipole");
  const n = rdms.nOrbitals;
  activeOrbitalsOf(problem, n, "correlatedDipole");
  const { scf, activeSpace } = problem;
  const nbf = scf.nbf;
  const nmo = scf.nmo;
  const C = scf.coefficients;
  const Dmo = spatialOneRdm(rdms);
  const D = new Float64Array(nbf * nbf);
  // C_act D_mo C_act^T, then 2 C_i C_i^T for each frozen core orbital i
  const half = new Float64Array(nbf * n);
  for (let mu = 0; mu < nbf; mu++) {
    for (let q = 0; q < n; q++) {
      let s = 0;
      for (let p = 0; p < n; p++) s += C[mu * nmo + activeSpace.active[p]!]! * Dmo[p * n + q]!;
      half[mu * n + q] = s;
    }
  }
  for (let mu = 0; mu < nbf; mu++) {
    for (let nu = 0; nu < nbf; nu++) {
      let s = 0;
      for (let q = 0; q < n; q++) s += half[mu * n + q]! * C[nu * nmo + activeSpace.active[q]!]!;
      for (let i = 0; i < activeSpace.nCore; i++) s += 2 * C[mu * nmo + i]! * C[nu * nmo + i]!;
      D[mu * nbf + nu] = s;
    }
  }
  return dipoleFromDensity(problem.molecule, scf.integrals.dipole, D);
}
