/**
 * Qubit tapering (Bravyi, Gambetta, Mezzacapo and Temme, arXiv:1701.08213): Z2 symmetries of a
 * qubit Hamiltonian remove one qubit each.
 *
 * 1. Symmetries: Z-type strings τ = Z^b that commute with every term X^x Z^z, i.e. |x & b| even
 *    for every term: the null space over GF(2) of the terms' X masks. (Molecular Hamiltonians
 *    under Jordan-Wigner, Bravyi-Kitaev and parity have their particle-number parities and the
 *    point-group parities of the orbitals among these.) The null-space basis is taken in reduced
 *    form, so generator i alone has a Z on its pivot qubit q_i.
 * 2. Clifford: U_i = (X_{q_i} + τ_i) / √2 is Hermitian and unitary; U_i P U_i = P for a term P
 *    without Z on q_i and = P τ_i X_{q_i} otherwise. After all U_i every term has I or X on each
 *    pivot, and τ_i has become X_{q_i}.
 * 3. Sector: in the eigenspace τ_i = s_i the pivot X_{q_i} is the number s_i; the pivots drop out.
 *    The sector is that of the Hartree-Fock state (a basis state |b>: s_i = (-1)^|b & b_i|),
 *    which fixes the particle-number parity and the spatial symmetry of the reference, so the
 *    lowest energy of the tapered operator is the FCI energy of the reference's sector (a parity
 *    alone admits N ± 2 electrons too; they lie higher for the molecules tapered here).
 */
import { ArgumentError, describe } from "../errors.js";
import { State } from "../quantum/state/state.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import type { FermionOperator } from "./fermion.js";
import { popcount32 } from "./linalg-small.js";
import { getBit, QubitOperator } from "./mappings.js";
import type { ElectronicProblem } from "./problem.js";

/** One Z2 symmetry generator τ = Π_{q in qubits} Z_q and the qubit it removes. */
export interface Z2Symmetry {
  /** The qubits of τ's Z factors, ascending. */
  qubits: number[];
  /** The pivot: the one qubit on which only this generator has a Z (it is tapered off). */
  pivot: number;
  /** τ as a Pauli label, "Z0, Z2, Z5". */
  label: string;
}

function maskOf(qubits: readonly number[], nWords: number): Uint32Array {
  const m = new Uint32Array(nWords);
  for (const q of qubits) m[q >>> 5]! |= 1 << (q & 31);
  return m;
}

function overlapParity(a: Uint32Array, b: Uint32Array): number {
  let s = 0;
  for (let w = 0; w < a.length; w++) s += popcount32(a[w]! & b[w]!);
  return s & 1;
}

function checkOperator(op: unknown, where: string): QubitOperator {
  if (!(op instanceof QubitOperator))
    throw new ArgumentError(`${where}: expected a QubitOperator, got ${describe(op)}`);
  return op;
}

/**
 * The Z-type Z2 symmetries of a qubit operator: a basis of the Z strings that commute with all
 * its terms, each with its own pivot qubit (the reduced null-space basis).
 * @example
 * findZ2Symmetries(jordanWigner(molecularHamiltonian(ints))).map((s) => s.label); // H2: ["Z0, Z1", "Z0, Z2", "Z0, Z3"]
 */
export function findZ2Symmetries(op: QubitOperator): Z2Symmetry[] {
  checkArity(arguments.length, 1, "findZ2Symmetries");
  checkOperator(op, "findZ2Symmetries");
  const n = op.nQubits;
  // rows: the distinct X masks of the terms, as bit arrays over the qubits
  const seen = new Set<string>();
  const rows: Uint8Array[] = [];
  for (const t of op.xzTerms(1e-14)) {
    const key = t.x.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    const r = new Uint8Array(n);
    for (let q = 0; q < n; q++) r[q] = getBit(t.x, q);
    rows.push(r);
  }
  // reduced row echelon form over GF(2)
  const pivotCols: number[] = [];
  let rank = 0;
  for (let c = 0; c < n && rank < rows.length; c++) {
    let p = rank;
    while (p < rows.length && rows[p]![c] === 0) p++;
    if (p === rows.length) continue;
    [rows[p], rows[rank]] = [rows[rank]!, rows[p]!];
    for (let r = 0; r < rows.length; r++) {
      if (r !== rank && rows[r]![c] === 1)
        for (let k = 0; k < n; k++) rows[r]![k]! ^= rows[rank]![k]!;
    }
    pivotCols.push(c);
    rank++;
  }
  const isPivot = new Uint8Array(n);
  for (const c of pivotCols) isPivot[c] = 1;
  // one null vector per free column f: bit f, plus the pivot columns its rows need
  const out: Z2Symmetry[] = [];
  for (let f = 0; f < n; f++) {
    if (isPivot[f]) continue;
    const qubits = [f];
    pivotCols.forEach((c, r) => {
      if (rows[r]![f] === 1) qubits.push(c);
    });
    qubits.sort((a, b) => a - b);
    out.push({ qubits, pivot: f, label: qubits.map((q) => `Z${q}`).join(", ") });
  }
  return out;
}

/** Options of {@link taper}. */
export interface TaperOptions {
  /** The eigenvalues s_i = ±1 of the symmetries (in `symmetries` order) ... */
  sector?: readonly number[];
  /** ... or a basis state (entry q = qubit q; the Hartree-Fock bits) whose sector to take. */
  referenceBits?: ArrayLike<number>;
  /** The symmetries to use (default: `findZ2Symmetries(op)`). */
  symmetries?: readonly Z2Symmetry[];
}

const TAPER_OPTIONS = optionKeys<TaperOptions>({
  sector: true,
  referenceBits: true,
  symmetries: true,
});

/**
 * A tapering: the symmetries, the sector, the qubits kept, and the maps into the tapered space.
 * Build it with {@link taper}.
 */
export class Tapering {
  /** The tapered operator (the one `taper` was given), on `keptQubits.length` qubits. */
  readonly operator: QubitOperator;
  /** Qubits of the original space that remain, in order: tapered qubit k is original `keptQubits[k]`. */
  readonly keptQubits: readonly number[];
  private readonly masks: Uint32Array[];
  private readonly nWords: number;

  /** @internal use {@link taper}. */
  constructor(
    /** Qubits before tapering. */
    readonly nQubits: number,
    /** The symmetry generators, one tapered qubit each. */
    readonly symmetries: readonly Z2Symmetry[],
    /** The eigenvalue (±1) of each generator in the chosen sector. */
    readonly sector: readonly number[],
    op: QubitOperator,
  ) {
    this.nWords = Math.max(1, Math.ceil(nQubits / 32));
    this.masks = symmetries.map((s) => maskOf(s.qubits, this.nWords));
    const pivots = new Set(symmetries.map((s) => s.pivot));
    this.keptQubits = Array.from({ length: nQubits }, (_, q) => q).filter((q) => !pivots.has(q));
    this.operator = this.taperOperator(op);
  }

  /** Qubits after tapering. */
  get nTapered(): number {
    return this.keptQubits.length;
  }

  /**
   * Any operator that commutes with the symmetries (the Hamiltonian, N, S^2, excitation
   * generators), rotated by the Clifford and restricted to the sector.
   * @example tapering.taperOperator(problem.map(s2Operator(problem.nOrbitals)));
   */
  taperOperator(op: QubitOperator): QubitOperator {
    checkArity(arguments.length, 1, "Tapering.taperOperator");
    checkOperator(op, "Tapering.taperOperator");
    if (op.nQubits !== this.nQubits) {
      throw new ArgumentError(
        `Tapering.taperOperator: the operator has ${op.nQubits} qubits, the tapering ${this.nQubits}`,
      );
    }
    const nw = this.nWords;
    const kept = this.keptQubits;
    const outWords = Math.max(1, Math.ceil(kept.length / 32));
    const out = new QubitOperator(kept.length);
    for (const t of op.xzTerms(0)) {
      const x = Uint32Array.from(t.x);
      const z = Uint32Array.from(t.z);
      let sign = 1;
      this.symmetries.forEach((s, i) => {
        const tau = this.masks[i]!;
        if (overlapParity(x, tau)) {
          throw new ArgumentError(
            `Tapering: a term does not commute with the symmetry ${s.label}; only symmetric operators can be tapered`,
          );
        }
        const q = s.pivot;
        if (!getBit(z, q)) return;
        // P -> P τ X_q: X^x Z^z Z^b X^e = (-1)^{(z ^ b)_q} X^{x ^ e} Z^{z ^ b}
        for (let w = 0; w < nw; w++) z[w]! ^= tau[w]!;
        if (getBit(z, q)) sign = -sign;
        x[q >>> 5]! ^= 1 << (q & 31);
      });
      this.symmetries.forEach((s, i) => {
        if (getBit(x, s.pivot)) sign *= this.sector[i]!;
      });
      const tx = new Uint32Array(outWords);
      const tz = new Uint32Array(outWords);
      kept.forEach((q, k) => {
        if (getBit(x, q)) tx[k >>> 5]! |= 1 << (k & 31);
        if (getBit(z, q)) tz[k >>> 5]! |= 1 << (k & 31);
      });
      out.addXZ(tx, tz, sign * t.re, sign * t.im);
    }
    return out.simplified(1e-14);
  }

  /**
   * Whether a full-space operator commutes with every symmetry (so {@link taperOperator} takes it).
   * @example tapering.isSymmetric(problem.map(excitationGenerator(ex)));
   */
  isSymmetric(op: QubitOperator): boolean {
    checkArity(arguments.length, 1, "Tapering.isSymmetric");
    checkOperator(op, "Tapering.isSymmetric");
    return op
      .xzTerms(0)
      .every((t) =>
        this.masks.every((tau) => t.x.length !== tau.length || !overlapParity(t.x, tau)),
      );
  }

  /**
   * The tapered basis state of a basis state in this sector (entry q = qubit q): the Clifford
   * turns each pivot qubit into an X eigenstate and leaves the other bits as they are.
   * @example tapering.taperBits(problem.hartreeFockBits); // the tapered reference state
   */
  taperBits(bits: ArrayLike<number>): Uint8Array {
    checkArity(arguments.length, 1, "Tapering.taperBits");
    if (bits === null || typeof bits !== "object" || bits.length !== this.nQubits) {
      throw new ArgumentError(
        `Tapering.taperBits: expected ${this.nQubits} bits, got ${describe(bits)}`,
      );
    }
    const s = sectorOf(bits, this.symmetries);
    s.forEach((v, i) => {
      if (v !== this.sector[i]) {
        throw new ArgumentError(
          `Tapering.taperBits: the state has ${this.symmetries[i]!.label} = ${v}, the sector ${this.sector[i]}`,
        );
      }
    });
    return Uint8Array.from(this.keptQubits, (q) => bits[q]! & 1);
  }

  /**
   * The full-space state of a tapered state (batch 1): the pivots in their X eigenstates, then
   * the Clifford (U = U^-1). For properties (RDMs, dipoles) of a tapered VQE state.
   * @example rdmsFromState(tapering.untaperState(psi), problem);
   */
  untaperState(state: State): State {
    checkArity(arguments.length, 1, "Tapering.untaperState");
    if (!(state instanceof State) || state.nQubits !== this.nTapered || state.batch !== 1) {
      throw new ArgumentError(
        `Tapering.untaperState: expected one State of ${this.nTapered} qubits, got ${describe(state)}`,
      );
    }
    const n = this.nQubits;
    const m = this.nTapered;
    const small = state.toArray();
    let amp = new Float64Array(2 << n);
    const pivots = this.symmetries.map((s) => s.pivot);
    const norm = 2 ** (-pivots.length / 2);
    // qubit q is bit (n - 1 - q) of the index (qubit 0 most significant)
    for (let j = 0; j < 1 << m; j++) {
      let base = 0;
      for (let k = 0; k < m; k++)
        if ((j >>> (m - 1 - k)) & 1) base |= 1 << (n - 1 - this.keptQubits[k]!);
      for (let c = 0; c < 1 << pivots.length; c++) {
        let idx = base;
        let sign = 1;
        pivots.forEach((q, i) => {
          if ((c >>> i) & 1) {
            idx |= 1 << (n - 1 - q);
            sign *= this.sector[i]!; // |+> or |-> on the pivot
          }
        });
        amp[2 * idx] = sign * norm * small[2 * j]!;
        amp[2 * idx + 1] = sign * norm * small[2 * j + 1]!;
      }
    }
    for (const s of this.symmetries) {
      const flip = 1 << (n - 1 - s.pivot);
      let zmask = 0;
      for (const q of s.qubits) zmask |= 1 << (n - 1 - q);
      const next = new Float64Array(amp.length);
      for (let idx = 0; idx < 1 << n; idx++) {
        // (X_q + τ) / √2
        const t = popcount32(idx & zmask) & 1 ? -1 : 1;
        next[2 * (idx ^ flip)] += Math.SQRT1_2 * amp[2 * idx]!;
        next[2 * (idx ^ flip) + 1] += Math.SQRT1_2 * amp[2 * idx + 1]!;
        next[2 * idx] += Math.SQRT1_2 * t * amp[2 * idx]!;
        next[2 * idx + 1] += Math.SQRT1_2 * t * amp[2 * idx + 1]!;
      }
      amp = next;
    }
    return State.fromAmplitudes(amp);
  }
}

function sectorOf(bits: ArrayLike<number>, symmetries: readonly Z2Symmetry[]): number[] {
  return symmetries.map((s) => {
    let p = 0;
    for (const q of s.qubits) p ^= bits[q]! & 1;
    return p ? -1 : 1;
  });
}

/**
 * Tapers a qubit operator by its Z2 symmetries in one sector: given as eigenvalues, or as the
 * sector of a reference basis state (the Hartree-Fock bits: the physically right one).
 * @example
 * const p = electronicProblem(Molecule.fromName("h2"));
 * const t = taper(p.qubitOperator, { referenceBits: p.hartreeFockBits });
 * t.operator.nQubits; // 1
 */
export function taper(op: QubitOperator, options: TaperOptions): Tapering {
  checkArity(arguments.length, 2, "taper");
  checkOperator(op, "taper");
  if (options === null || typeof options !== "object") {
    throw new ArgumentError(
      `taper: options { sector } or { referenceBits } are required, got ${describe(options)}`,
    );
  }
  checkOptions(options, TAPER_OPTIONS, "taper");
  const symmetries = options.symmetries ?? findZ2Symmetries(op);
  if (!Array.isArray(symmetries)) {
    throw new ArgumentError(
      `taper: symmetries must be an array of Z2Symmetry, got ${describe(symmetries)}`,
    );
  }
  for (const s of symmetries) {
    if (
      s === null ||
      typeof s !== "object" ||
      !Array.isArray(s.qubits) ||
      !s.qubits.includes(s.pivot) ||
      s.qubits.some((q: number) => !Number.isInteger(q) || q < 0 || q >= op.nQubits)
    ) {
      throw new ArgumentError(`taper: bad symmetry ${describe(s)} for ${op.nQubits} qubits`);
    }
  }
  symmetries.forEach((s, i) => {
    symmetries.forEach((o, j) => {
      if (i !== j && o.qubits.includes(s.pivot)) {
        throw new ArgumentError(
          `taper: pivot qubit ${s.pivot} of ${s.label} also appears in ${o.label}`,
        );
      }
    });
  });
  const given = [options.sector !== undefined, options.referenceBits !== undefined].filter(Boolean);
  if (given.length !== 1) {
    throw new ArgumentError("taper: give exactly one of sector (eigenvalues ±1) or referenceBits");
  }
  let sector: number[];
  if (options.referenceBits !== undefined) {
    const bits = options.referenceBits;
    if (bits === null || typeof bits !== "object" || bits.length !== op.nQubits) {
      throw new ArgumentError(
        `taper: referenceBits must hold ${op.nQubits} bits (entry q = qubit q), got ${describe(bits)}`,
      );
    }
    sector = sectorOf(bits, symmetries);
  } else {
    const s = options.sector!;
    if (!Array.isArray(s) || s.length !== symmetries.length || s.some((v) => v !== 1 && v !== -1)) {
      throw new ArgumentError(
        `taper: sector must list ${symmetries.length} eigenvalues, each 1 or -1, got ${describe(s)}`,
      );
    }
    sector = [...s];
  }
  return new Tapering(op.nQubits, symmetries, sector, op);
}

/**
 * An electronic problem tapered in its Hartree-Fock sector: the same molecule, integrals and
 * encoding, with the tapered Hamiltonian, a `map` that tapers what it maps (excitation
 * generators, N, S^2), and the tapered reference bits; `tapering` says how. UCCSD built on it is
 * the tapered UCCSD ansatz. (`electronicProblem(molecule, { taper: true })` gives the same.)
 * @example
 * const p = taperProblem(electronicProblem(Molecule.fromName("lih")));
 * p.nQubits; // 8
 */
export function taperProblem(problem: ElectronicProblem): ElectronicProblem {
  checkArity(arguments.length, 1, "taperProblem");
  if (
    problem === null ||
    typeof problem !== "object" ||
    !(problem.qubitOperator instanceof QubitOperator)
  ) {
    throw new ArgumentError(
      `taperProblem: expected an electronic problem, got ${describe(problem)}`,
    );
  }
  if (problem.tapering !== undefined) {
    throw new ArgumentError("taperProblem: the problem is already tapered");
  }
  const t0 = performance.now();
  const tapering = taper(problem.qubitOperator, { referenceBits: problem.hartreeFockBits });
  const qubitOperator = tapering.operator;
  const fullMap = problem.map;
  return {
    ...problem,
    nQubits: tapering.nTapered,
    qubitOperator,
    hamiltonian: qubitOperator.toHamiltonian(),
    map: (op: FermionOperator) => tapering.taperOperator(fullMap(op)),
    hartreeFockBits: tapering.taperBits(problem.hartreeFockBits),
    tapering,
    untapered: problem,
    timings: {
      scf: problem.timings.scf,
      hamiltonian: problem.timings.hamiltonian + performance.now() - t0,
    },
  };
}
