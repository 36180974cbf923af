/**
 * Self-consistent field: restricted (RHF), restricted open-shell (ROHF) and unrestricted (UHF)
 * Hartree-Fock with DIIS, from a core-Hamiltonian, generalized Wolfsberg-Helmholz or
 * superposition-of-atomic-densities (SAD) guess.
 *
 * All three share one loop. Alpha and beta Fock matrices F_σ = H + J(D_α + D_β) - K(D_σ) give
 * E = ½ Σ [D_α (H + F_α) + D_β (H + F_β)] + E_nuc. What gets diagonalized (in the orthonormal
 * basis X, X^T S X = 1) and extrapolated by DIIS differs:
 * - RHF: F (= F_α = F_β), error X^T (F D S - S D F) X;
 * - UHF: F_α and F_β, both commutators;
 * - ROHF: one effective Fock operator built in the MO basis of the current orbitals (Psi4's
 *   choice: F_c = (F_α + F_β)/2 on the diagonal blocks and docc-virt, F_β between docc and socc,
 *   F_α between socc and virt), error = its docc-socc, docc-virt and socc-virt blocks (the
 *   orbital gradient). The converged energy does not depend on the diagonal blocks chosen.
 */
import { ArgumentError, ConvergenceError, describe } from "../errors.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { type Dipole, dipoleFromDensity } from "./dipole.js";
import { type AOIntegrals, computeIntegrals } from "./integrals/index.js";
import type { JKResult } from "./integrals/jk.js";
import { eigh, matmul, orthogonalizer } from "./linalg.js";
import { Molecule } from "./molecule.js";
import { Diis } from "./scf/diis.js";
import { addCoulombExchange, densityFrom } from "./scf/fock.js";
import { sadDensity } from "./scf/guess.js";
import { rhfStability } from "./scf/stability.js";

export { AU_TO_DEBYE, type Dipole } from "./dipole.js";
export { rhfStability, type StabilityOptions, type StabilityResult } from "./scf/stability.js";

/** The Hartree-Fock flavour. */
export type Reference = "rhf" | "rohf" | "uhf";

/** Options of {@link runSCF}. */
export interface SCFOptions {
  /** Default: "rhf" for singlets, "rohf" otherwise. */
  reference?: Reference;
  /** Most iterations (default 100). */
  maxIterations?: number;
  /** Converged when the energy changes by less than this (default 1e-10 Hartree) ... */
  energyTolerance?: number;
  /** ... and the RMS orbital gradient / DIIS error is below this (default 1e-8). */
  gradientTolerance?: number;
  /** Use DIIS (default true). */
  diis?: boolean;
  /** Number of stored DIIS vectors (default 8). */
  diisSize?: number;
  /**
   * Initial guess (default "sad"): the core Hamiltonian, generalized Wolfsberg-Helmholz, or the
   * superposition of atomic densities (one Fock build from the SAD density gives the orbitals).
   * The core guess sends N2 to a saddle point (-106.766 instead of -107.496 in STO-3G), hence SAD.
   */
  guess?: "core" | "gwh" | "sad";
  /**
   * RHF only (default true): after convergence, run the stability analysis and, while a singlet
   * instability exists (a lower RHF solution), rotate the orbitals along it and converge again
   * (at most 3 times). Guards against landing on a saddle point from a poor guess.
   */
  followInstabilities?: boolean;
  /** Start from these orbitals (nbf x nmo, as `coefficients`) instead of a guess. */
  initialCoefficients?: Float64Array;
  /**
   * UHF only: rotate the alpha HOMO and LUMO by 45 degrees in the initial guess (default false),
   * so a spin-symmetry-broken solution (stretched bonds) can be reached.
   */
  breakSymmetry?: boolean;
  /** Return an unconverged result instead of throwing ConvergenceError (default false). */
  allowUnconverged?: boolean;
  /** Precomputed AO integrals (else computed from the molecule and its basis). */
  integrals?: AOIntegrals;
  /** Basis override (default: the molecule's). */
  basis?: string;
  /** Overlap eigenvalues below this are removed by canonical orthogonalization (default 1e-7). */
  linearDependenceTolerance?: number;
  /**
   * Bytes the stored two-electron integrals may take when the SCF computes them (default 2^30,
   * 1 GiB): above it the Fock builds run integral-direct. Ignored with `integrals`.
   */
  memoryBudget?: number;
  /**
   * Build J and K by density fitting (RI-J and RI-K): `true` picks the auxiliary basis that
   * matches the orbital basis (cc-pvdz-jkfit for cc-pvdz, else def2-universal-jkfit), a string
   * names one (default false: exact integrals). Ignored with `integrals`.
   */
  densityFitting?: boolean | string;
  /** Called after every iteration (progress output). */
  onIteration?: (info: SCFIterationInfo) => void;
}

/** What {@link SCFOptions.onIteration} receives. */
export interface SCFIterationInfo {
  /** Iteration number, from 1. */
  iteration: number;
  /** Total energy after this iteration's Fock build (Hartree). */
  energy: number;
  /** Change from the previous iteration. */
  energyChange: number;
  /** RMS orbital gradient (the DIIS error). */
  diisError: number;
  /** Seconds since the SCF started (including computing the integrals). */
  seconds: number;
  /** How J and K were built: "in-core", "direct" or "dense" (a given nbf^4 array). */
  twoElectron: "in-core" | "direct" | "density-fitting" | "dense";
  /** Shell quartets computed in this build (direct), or replayed (in core); 0 for dense. */
  quartets: number;
}

/** The outcome of {@link runSCF}. Matrices are row-major Float64Arrays. */
export interface SCFResult {
  /** Which determinant was optimized: RHF, UHF or ROHF. */
  reference: Reference;
  /** Whether the energy change and orbital gradient met the tolerances. */
  converged: boolean;
  /** Number of SCF iterations run. */
  iterations: number;
  /** Total energy E_elec + E_nuc (Hartree). */
  energy: number;
  /** Nuclear repulsion energy (Hartree). */
  eNuc: number;
  /** Electronic energy (Hartree). */
  eElectronic: number;
  /** Energy of every iteration. */
  energies: number[];
  /** The last energy change and RMS orbital gradient (what convergence was judged on). */
  lastEnergyChange: number;
  /** The last RMS orbital gradient. */
  lastGradient: number;
  /** Number of AO basis functions. */
  nbf: number;
  /** Number of molecular orbitals (nbf unless near-linear dependencies were removed). */
  nmo: number;
  /** Number of alpha electrons. */
  nAlpha: number;
  /** Number of beta electrons. */
  nBeta: number;
  /** Orbital energies, ascending (alpha for UHF; ROHF: eigenvalues of the effective Fock). */
  orbitalEnergies: Float64Array;
  /** MO coefficients, AO x MO (nbf x nmo): `coefficients[μ * nmo + p]`; alpha for UHF. */
  coefficients: Float64Array;
  /** UHF beta orbitals (for RHF/ROHF the same arrays as alpha). */
  orbitalEnergiesBeta: Float64Array;
  /** Beta MO coefficients, same layout as `coefficients`. */
  coefficientsBeta: Float64Array;
  /** Total density D_α + D_β, and the spin densities (nbf x nbf). */
  density: Float64Array;
  /** Alpha density (nbf x nbf). */
  densityAlpha: Float64Array;
  /** Beta density (nbf x nbf). */
  densityBeta: Float64Array;
  /** Fock matrices in the AO basis (equal for RHF). */
  fockAlpha: Float64Array;
  /** Beta Fock matrix (nbf x nbf). */
  fockBeta: Float64Array;
  /**
   * <S^2> of the determinant: S_z (S_z + 1) + n_β - Σ_ij <i_α|j_β>^2 over occupied orbitals
   * (exactly S (S + 1) for RHF and ROHF; larger for a spin-contaminated UHF).
   */
  spinSquared: number;
  /** Mulliken atomic charges Z_A - Σ_{μ on A} (D S)_μμ. */
  mullikenCharges: Float64Array;
  /** Dipole moment about the origin. */
  dipole: Dipole;
  /** The AO integrals used: hCore and eri feed the MO transform. */
  integrals: AOIntegrals;
  /** RHF: singlet instabilities followed to reach this solution (0 when the first one was stable). */
  instabilitiesFollowed: number;
  /** How J and K were built: stored quartets, integral-direct, or a given dense array. */
  twoElectron: "in-core" | "direct" | "density-fitting" | "dense";
  /** Bytes of two-electron integrals the SCF held (the stored quartets, or the dense array). */
  twoElectronBytes: number;
}

const SCF_OPTIONS = optionKeys<SCFOptions>({
  reference: true,
  maxIterations: true,
  energyTolerance: true,
  gradientTolerance: true,
  diis: true,
  diisSize: true,
  guess: true,
  followInstabilities: true,
  initialCoefficients: true,
  breakSymmetry: true,
  allowUnconverged: true,
  integrals: true,
  basis: true,
  linearDependenceTolerance: true,
  memoryBudget: true,
  densityFitting: true,
  onIteration: true,
});

function positive(v: unknown, name: string, integer = false): number {
  if (
    typeof v !== "number" ||
    !(v > 0) ||
    !Number.isFinite(v) ||
    (integer && !Number.isInteger(v))
  ) {
    throw new ArgumentError(
      `runSCF: ${name} must be a positive ${integer ? "integer" : "number"}, got ${describe(v)}`,
    );
  }
  return v;
}

/** The auxiliary basis `densityFitting` asks for, as computeIntegrals options. */
function auxiliaryOption(densityFitting: unknown, basis: string): { auxiliaryBasis?: string } {
  if (densityFitting === undefined || densityFitting === false) return {};
  if (densityFitting === true)
    return {
      auxiliaryBasis:
        basis.trim().toLowerCase() === "cc-pvdz" ? "cc-pvdz-jkfit" : "def2-universal-jkfit",
    };
  if (typeof densityFitting === "string") return { auxiliaryBasis: densityFitting };
  throw new ArgumentError(
    `runSCF: densityFitting must be true, false or an auxiliary basis name, got ${describe(densityFitting)}`,
  );
}

/**
 * Hartree-Fock for a molecule in its basis set.
 * @example
 * const mol = Molecule.fromName("h2o", { basis: "sto-3g" });
 * const hf = runSCF(mol); // hf.energy ≈ -74.963023
 * const mo = transformToMO(hf.integrals.hCore, hf.integrals.eri, hf.coefficients, hf.eNuc);
 */
export function runSCF(molecule: Molecule, options: SCFOptions = {}): SCFResult {
  checkArity(arguments.length, 2, "runSCF");
  checkOptions(options, SCF_OPTIONS, "runSCF");
  if (!(molecule instanceof Molecule))
    throw new ArgumentError(`runSCF: expected a Molecule, got ${describe(molecule)}`);
  if (
    options.integrals !== undefined &&
    (options.integrals === null ||
      typeof options.integrals !== "object" ||
      !(options.integrals.hCore instanceof Float64Array))
  )
    throw new ArgumentError(
      `runSCF: integrals must be computeIntegrals() output, got ${describe(options.integrals)}`,
    );
  let res = scfOnce(molecule, options);
  if (res.reference !== "rhf" || options.followInstabilities === false || !res.converged)
    return res;
  for (let k = 1; k <= MAX_FOLLOW; k++) {
    const st = rhfStability(res, 1e-8, { singletOnly: true });
    if (st.singlet >= -INSTABILITY_TOL || st.singletVector === undefined) break;
    const C = rotateOccupiedVirtual(res, st.singletVector, FOLLOW_ANGLE);
    const next = scfOnce(molecule, {
      ...options,
      integrals: res.integrals,
      initialCoefficients: C,
    });
    if (!next.converged || next.energy > res.energy - 1e-10) break;
    res = { ...next, instabilitiesFollowed: k };
  }
  return res;
}

/** Instability following: at most this many restarts, eigenvalues below -tol count, rotation angle (rad). */
const MAX_FOLLOW = 3;
const INSTABILITY_TOL = 1e-5;
const FOLLOW_ANGLE = Math.PI / 4;
/** Direct SCF: a full (not incremental) Fock build every this many iterations. */
const REBUILD_EVERY = 8;

/**
 * C exp(K): K antisymmetric with K[a][i] = angle * v[i, a] over occupied i and virtual a (v of unit
 * norm), exp by scaling and squaring of a Taylor series (K is small, m x m).
 */
function rotateOccupiedVirtual(
  res: { nbf: number; nmo: number; nAlpha: number; coefficients: Float64Array },
  v: Float64Array,
  angle: number,
): Float64Array {
  const { nbf: n, nmo: m, nAlpha: no } = res;
  const nv = m - no;
  const K = new Float64Array(m * m);
  for (let i = 0; i < no; i++) {
    for (let a = 0; a < nv; a++) {
      const x = angle * v[i * nv + a]!;
      K[(no + a) * m + i] = x;
      K[i * m + no + a] = -x;
    }
  }
  // exp(K) = (exp(K / 2^s))^(2^s) with |K / 2^s| <= 0.5
  let norm = 0;
  for (let i = 0; i < K.length; i++) norm += K[i]! * K[i]!;
  const s = Math.max(0, Math.ceil(Math.log2(Math.sqrt(norm) / 0.5)));
  for (let i = 0; i < K.length; i++) K[i] = K[i]! / 2 ** s;
  let E: Float64Array = new Float64Array(m * m);
  let term: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    E[i * m + i] = 1;
    term[i * m + i] = 1;
  }
  for (let k = 1; k <= 16; k++) {
    term = matmul(term, K, m, m, m);
    for (let i = 0; i < term.length; i++) term[i] = term[i]! / k;
    for (let i = 0; i < E.length; i++) E[i] = E[i]! + term[i]!;
  }
  for (let k = 0; k < s; k++) E = matmul(E, E, m, m, m);
  return matmul(res.coefficients, E, n, m, m);
}

function scfOnce(molecule: Molecule, options: SCFOptions): SCFResult {
  const reference = options.reference ?? (molecule.multiplicity === 1 ? "rhf" : "rohf");
  if (!["rhf", "rohf", "uhf"].includes(reference)) {
    throw new ArgumentError(
      `runSCF: reference must be "rhf", "rohf" or "uhf", got ${describe(reference)}`,
    );
  }
  if (reference === "rhf" && molecule.multiplicity !== 1) {
    throw new ArgumentError(
      `runSCF: RHF needs a closed shell, but the molecule has multiplicity ${molecule.multiplicity}; use "rohf" or "uhf"`,
    );
  }
  const maxIter = positive(options.maxIterations ?? 100, "maxIterations", true);
  const eTol = positive(options.energyTolerance ?? 1e-10, "energyTolerance");
  const gTol = positive(options.gradientTolerance ?? 1e-8, "gradientTolerance");
  const diisSize = positive(options.diisSize ?? 8, "diisSize", true);
  const guess = options.guess ?? "sad";
  if (guess !== "core" && guess !== "gwh" && guess !== "sad") {
    throw new ArgumentError(`runSCF: guess must be "core", "gwh" or "sad", got ${describe(guess)}`);
  }
  const t0 = performance.now();
  const ints =
    options.integrals ??
    computeIntegrals(molecule, {
      ...(options.basis === undefined ? {} : { basis: options.basis }),
      ...(options.memoryBudget === undefined ? {} : { memoryBudget: options.memoryBudget }),
      ...auxiliaryOption(options.densityFitting, options.basis ?? molecule.basis),
    });
  const n = ints.nbf;
  if (
    ints.basis.functionAtoms.some((a) => a >= molecule.atoms.length) ||
    Math.abs(ints.nuclearRepulsion - molecule.nuclearRepulsion()) > 1e-10
  ) {
    throw new ArgumentError("runSCF: the integrals given do not belong to this molecule");
  }
  const nA = molecule.nAlpha;
  const nB = molecule.nBeta;
  const S = ints.overlap;
  const H = ints.hCore;
  const eNuc = ints.nuclearRepulsion;
  const orth = orthogonalizer(S, n, options.linearDependenceTolerance ?? 1e-7);
  const X = orth.X;
  const m = orth.nmo;
  if (nA > m) {
    throw new ArgumentError(
      `runSCF: ${nA} alpha electrons do not fit in ${m} orbitals (basis too small)`,
    );
  }

  // Orbitals: one set (RHF, ROHF) or two (UHF).
  const nSets = reference === "uhf" ? 2 : 1;
  const C = [new Float64Array(n * m), new Float64Array(n * m)];
  const eps = [new Float64Array(m), new Float64Array(m)];
  const diagonalize = (fOrth: Float64Array, k: number): void => {
    const { values, vectors } = eigh(fOrth, m);
    eps[k]!.set(values);
    matmul(X, vectors, n, m, m, { out: C[k]! });
  };
  const toOrth = (F: Float64Array): Float64Array =>
    matmul(X, matmul(F, X, n, n, m), m, n, m, { transA: true });

  // J and K: from the shell-quartet builder when the integrals came from computeIntegrals,
  // else from the dense array given.
  const jk = ints.jk;
  const twoElectron = jk === undefined ? "dense" : jk.mode;
  const coulombExchange = (dens: Float64Array[]): JKResult => {
    if (jk !== undefined) return jk.compute(dens);
    const J = dens.map((D) => {
      const out = new Float64Array(n * n);
      addCoulombExchange(ints.eri, D, n, 1, 0, out);
      return out;
    });
    const K = dens.map((D) => {
      const out = new Float64Array(n * n);
      addCoulombExchange(ints.eri, D, n, 0, 1, out);
      return out;
    });
    return { J, K };
  };

  // Initial guess.
  const F0 = new Float64Array(n * n);
  if (guess === "core") F0.set(H);
  else if (guess === "sad") {
    const { J, K } = coulombExchange([sadDensity(molecule, ints.basis)]);
    for (let i = 0; i < n * n; i++) F0[i] = H[i]! + J[0]![i]! - 0.5 * K[0]![i]!;
  } else {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        F0[i * n + j] =
          i === j ? H[i * n + i]! : 0.875 * S[i * n + j]! * (H[i * n + i]! + H[j * n + j]!);
      }
    }
  }
  const f0 = toOrth(F0);
  diagonalize(f0, 0);
  const C0 = options.initialCoefficients;
  if (C0 !== undefined) {
    if (!(C0 instanceof Float64Array) || C0.length !== n * m) {
      throw new ArgumentError(
        `runSCF: initialCoefficients must be a Float64Array of ${n} x ${m} values, got ${describe(C0)}`,
      );
    }
    C[0]!.set(C0);
  }
  if (nSets === 2) {
    if (C0 !== undefined) C[1]!.set(C0);
    else diagonalize(f0, 1);
    if (options.breakSymmetry && nA >= 1 && nA < m) {
      const Ca = C[0]!;
      const h = nA - 1;
      for (let mu = 0; mu < n; mu++) {
        const x = Ca[mu * m + h]!;
        const y = Ca[mu * m + h + 1]!;
        Ca[mu * m + h] = Math.SQRT1_2 * (x + y);
        Ca[mu * m + h + 1] = Math.SQRT1_2 * (y - x);
      }
    }
  }

  const Da = new Float64Array(n * n);
  const Db = new Float64Array(n * n);
  const Dt = new Float64Array(n * n);
  const Fa = new Float64Array(n * n);
  const Fb = new Float64Array(n * n);
  const makeDensities = (): void => {
    densityFrom(C[0]!, n, m, nA, 1, Da);
    densityFrom(C[nSets - 1]!, n, m, nB, 1, Db);
    for (let i = 0; i < n * n; i++) Dt[i] = Da[i]! + Db[i]!;
  };
  makeDensities();

  const diis = options.diis === false ? undefined : new Diis(diisSize);
  const energies: number[] = [];
  let energy = 0;
  let dE = Number.POSITIVE_INFINITY;
  let rms = Number.POSITIVE_INFINITY;
  let converged = false;
  let iter = 0;
  const ctRohf = new Float64Array(m * m);
  // Direct mode builds incrementally: J(D) = J(D_prev) + J(D - D_prev), where the change is small
  // and density-weighted screening drops most quartets; a full build every REBUILD_EVERY
  // iterations bounds the accumulated screening error.
  const incremental = twoElectron === "direct";
  const nDens = reference === "rhf" ? 1 : 2;
  let prevD: Float64Array[] | undefined;
  let prevJK: JKResult | undefined;
  while (iter < maxIter) {
    iter++;
    // Fock matrices.
    const dens = reference === "rhf" ? [Da] : [Da, Db];
    let jkNow: JKResult;
    if (incremental && prevD !== undefined && prevJK !== undefined && iter % REBUILD_EVERY !== 0) {
      const delta = dens.map((D, k) => {
        const d = new Float64Array(n * n);
        for (let i = 0; i < n * n; i++) d[i] = D[i]! - prevD![k]![i]!;
        return d;
      });
      const inc = coulombExchange(delta);
      for (let k = 0; k < nDens; k++) {
        for (let i = 0; i < n * n; i++) {
          inc.J[k]![i]! += prevJK.J[k]![i]!;
          inc.K[k]![i]! += prevJK.K[k]![i]!;
        }
      }
      jkNow = inc;
    } else jkNow = coulombExchange(dens);
    if (incremental) {
      prevD = dens.map((D) => D.slice());
      prevJK = jkNow;
    }
    {
      const { J, K } = jkNow;
      if (reference === "rhf") {
        const J0 = J[0]!;
        const K0 = K[0]!;
        for (let i = 0; i < n * n; i++) Fa[i] = H[i]! + 2 * J0[i]! - K0[i]!;
        Fb.set(Fa);
      } else {
        const [J0, J1] = [J[0]!, J[1]!];
        const [K0, K1] = [K[0]!, K[1]!];
        for (let i = 0; i < n * n; i++) {
          const h = H[i]! + J0[i]! + J1[i]!;
          Fa[i] = h - K0[i]!;
          Fb[i] = h - K1[i]!;
        }
      }
    }
    let e = 0;
    for (let i = 0; i < n * n; i++) e += Da[i]! * (H[i]! + Fa[i]!) + Db[i]! * (H[i]! + Fb[i]!);
    e = 0.5 * e + eNuc;
    dE = e - energy;
    energy = e;
    energies.push(e);

    // What to diagonalize, and the orbital-gradient error.
    let focks: Float64Array[];
    let errors: Float64Array[];
    if (reference === "rohf") {
      const [feff, err] = rohfEffective(Fa, Fb, C[0]!, X, S, n, m, nA, nB, ctRohf);
      focks = [feff];
      errors = [err];
    } else {
      focks = [toOrth(Fa)];
      errors = [commutator(Fa, Da, S, X, n, m)];
      if (reference === "uhf") {
        focks.push(toOrth(Fb));
        errors.push(commutator(Fb, Db, S, X, n, m));
      }
    }
    let ss = 0;
    let count = 0;
    for (const er of errors) {
      for (let i = 0; i < er.length; i++) ss += er[i]! * er[i]!;
      count += er.length;
    }
    rms = Math.sqrt(ss / Math.max(1, count));
    options.onIteration?.({
      iteration: iter,
      energy,
      energyChange: dE,
      diisError: rms,
      seconds: (performance.now() - t0) / 1000,
      twoElectron,
      quartets: jk?.lastQuartets ?? 0,
    });
    if (iter > 1 && Math.abs(dE) < eTol && rms < gTol) {
      converged = true;
      for (let k = 0; k < nSets; k++) diagonalize(focks[k]!, k);
      break;
    }
    if (diis) {
      const big = concat(focks);
      const ext = diis.extrapolate(big, concat(errors));
      focks = focks.map((_, k) => ext.subarray(k * m * m, (k + 1) * m * m));
    }
    for (let k = 0; k < nSets; k++) diagonalize(focks[k]!, k);
    makeDensities();
  }
  if (converged) makeDensities();
  if (!converged && !options.allowUnconverged) {
    throw new ConvergenceError(
      `runSCF (${reference.toUpperCase()}): not converged in ${iter} iterations: last energy change ${dE.toExponential(3)}, ` +
        `last RMS orbital gradient ${rms.toExponential(3)} (tolerances ${eTol}, ${gTol}); raise maxIterations, try guess "gwh", or pass allowUnconverged`,
    );
  }

  // Properties of the final density.
  const DS = matmul(Dt, S, n, n, n);
  const charges = new Float64Array(molecule.atoms.length);
  molecule.atoms.forEach((a, k) => {
    charges[k] = a.Z;
  });
  for (let mu = 0; mu < n; mu++) charges[ints.basis.functionAtoms[mu]!]! -= DS[mu * n + mu]!;
  const dipole = dipoleFromDensity(molecule, ints.dipole, Dt);
  // <S^2>: overlaps of occupied alpha and beta orbitals, C_α^T S C_β.
  const sz = (nA - nB) / 2;
  const SCb = matmul(S, C[nSets - 1]!, n, n, m);
  let overlap2 = 0;
  for (let i = 0; i < nA; i++) {
    for (let j = 0; j < nB; j++) {
      let o = 0;
      for (let mu = 0; mu < n; mu++) o += C[0]![mu * m + i]! * SCb[mu * m + j]!;
      overlap2 += o * o;
    }
  }
  const spinSquared = sz * (sz + 1) + nB - overlap2;
  return {
    reference,
    converged,
    iterations: iter,
    energy,
    eNuc,
    eElectronic: energy - eNuc,
    energies,
    lastEnergyChange: dE,
    lastGradient: rms,
    nbf: n,
    nmo: m,
    nAlpha: nA,
    nBeta: nB,
    orbitalEnergies: eps[0]!,
    coefficients: C[0]!,
    orbitalEnergiesBeta: eps[nSets - 1]!,
    coefficientsBeta: C[nSets - 1]!,
    density: Dt,
    densityAlpha: Da,
    densityBeta: Db,
    fockAlpha: Fa,
    fockBeta: Fb,
    spinSquared,
    mullikenCharges: charges,
    dipole,
    integrals: ints,
    instabilitiesFollowed: 0,
    twoElectron,
    twoElectronBytes: jk === undefined ? ints.eri.byteLength : jk.storedBytes,
  };
}

function concat(parts: Float64Array[]): Float64Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** X^T (F D S - S D F) X: zero at self-consistency. */
function commutator(
  F: Float64Array,
  D: Float64Array,
  S: Float64Array,
  X: Float64Array,
  n: number,
  m: number,
): Float64Array {
  const FDS = matmul(matmul(F, D, n, n, n), S, n, n, n);
  const E = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) E[i * n + j] = FDS[i * n + j]! - FDS[j * n + i]!;
  return matmul(X, matmul(E, X, n, n, m), m, n, m, { transA: true });
}

/**
 * ROHF effective Fock operator and orbital gradient, both in the orthonormal basis:
 * Ct = X^T S C are the current orbitals there, F_eff = Ct F_eff^MO Ct^T.
 */
function rohfEffective(
  Fa: Float64Array,
  Fb: Float64Array,
  C: Float64Array,
  X: Float64Array,
  S: Float64Array,
  n: number,
  m: number,
  nA: number,
  nB: number,
  ct: Float64Array,
): [Float64Array, Float64Array] {
  const faMo = matmul(C, matmul(Fa, C, n, n, m), m, n, m, { transA: true });
  const fbMo = matmul(C, matmul(Fb, C, n, n, m), m, n, m, { transA: true });
  const feff = new Float64Array(m * m);
  const grad = new Float64Array(m * m);
  const space = (p: number): number => (p < nB ? 0 : p < nA ? 1 : 2); // docc, socc, virt
  for (let p = 0; p < m; p++) {
    for (let q = 0; q < m; q++) {
      const sp = space(p);
      const sq = space(q);
      const lo = Math.min(sp, sq);
      const hi = Math.max(sp, sq);
      let v: number;
      if (lo === 0 && hi === 1) v = fbMo[p * m + q]!;
      else if (lo === 1 && hi === 2) v = faMo[p * m + q]!;
      else v = 0.5 * (faMo[p * m + q]! + fbMo[p * m + q]!);
      feff[p * m + q] = v;
      if (sp !== sq) grad[p * m + q] = v;
    }
  }
  matmul(X, matmul(S, C, n, n, m), m, n, m, { transA: true, out: ct });
  const back = (M: Float64Array): Float64Array =>
    matmul(matmul(ct, M, m, m, m), ct, m, m, m, { transB: true });
  return [back(feff), back(grad)];
}
