/**
 * Exact diagonalization of a qubit Hamiltonian inside a particle-number (and Sz) sector: the
 * reference a VQE result must be compared with (the lowest eigenvalue over all qubit states can
 * belong to another electron count: for HeH+ it is neutral HeH).
 *
 * The sector basis is the set of occupation bitstrings with the requested electron counts,
 * carried into the qubit basis by the mapping's binary encoding (identity for Jordan-Wigner; the
 * parity and Bravyi-Kitaev matrices otherwise; minus the two removed qubits after the parity
 * reduction). Pauli terms act on basis states directly, X^x Z^z |b> = (-1)^|z & b| |b ^ x>, so
 * the 2^n-dimensional space is never formed; then Davidson.
 */
import { ArgumentError, describe, QoarError, ResourceError } from "../errors.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { occupationStrings } from "./fci.js";
import { interleavedToBlock } from "./fermion.js";
import { binomial, davidson, jacobiEigh, popcount32 } from "./linalg-small.js";
import { encodingMatrix, type QubitEncoding, QubitOperator } from "./mappings.js";

/** Which sector: alpha and beta electron counts, or only the total. */
export interface SectorSpec {
  /** Alpha electrons (with `nBeta`). */
  nAlpha?: number;
  /** Beta electrons (with `nAlpha`). */
  nBeta?: number;
  /** Total electrons (all spin orbitals alike) when nAlpha/nBeta are not given. */
  nElectrons?: number;
}

/** Options of {@link sectorGroundState}. */
export interface SectorOptions extends SectorSpec {
  /** How occupations map to qubits; default: the operator's own `encoding`, else Jordan-Wigner on interleaved modes. */
  encoding?: QubitEncoding;
  /** Number of lowest eigenvalues (default 1). */
  nRoots?: number;
  /** Davidson residual tolerance (default 1e-6). */
  tol?: number;
}

const SECTOR_OPTIONS = optionKeys<SectorOptions>({
  nAlpha: true,
  nBeta: true,
  nElectrons: true,
  encoding: true,
  nRoots: true,
  tol: true,
});

/** Result of {@link sectorGroundState}. */
export interface SectorResult {
  /** Lowest eigenvalue in the sector. */
  energy: number;
  /** The `nRoots` lowest eigenvalues, ascending. */
  energies: Float64Array;
  /** Ground-state amplitudes over `basis`. */
  vector: Float64Array;
  /** Qubit basis states of the sector as integers (bit q = qubit q). */
  basis: Int32Array;
  /** Number of basis states in the sector. */
  dimension: number;
  /** Davidson iterations (1 when solved densely). */
  iterations: number;
}

function isAlphaMode(m: number): boolean {
  return m % 2 === 0;
}

/**
 * The sector's qubit basis states (bit q = qubit q), from occupation strings of the original
 * (interleaved: even = alpha, odd = beta) modes.
 * @example sectorBasis({ mapping: "jordan-wigner", order: "interleaved", nModes: 4 }, { nAlpha: 1, nBeta: 1 }); // [3, 6, 9, 12]
 */
export function sectorBasis(encoding: QubitEncoding, spec: SectorSpec): Int32Array {
  const n = encoding.nModes;
  if (n > 30) throw new ResourceError(`sectorBasis: at most 30 modes are supported, got ${n}`);
  const occs: number[] = [];
  if (spec.nAlpha !== undefined || spec.nBeta !== undefined) {
    const na = spec.nAlpha ?? 0;
    const nb = spec.nBeta ?? 0;
    const alpha: number[] = [];
    const beta: number[] = [];
    for (let m = 0; m < n; m++) (isAlphaMode(m) ? alpha : beta).push(m);
    for (const [k, v, modes] of [
      ["nAlpha", na, alpha],
      ["nBeta", nb, beta],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v > modes.length) {
        throw new ArgumentError(
          `sector: ${k} must be an integer in [0, ${modes.length}], got ${describe(v)}`,
        );
      }
    }
    if (binomial(alpha.length, na) * binomial(beta.length, nb) > 5e7) {
      throw new ResourceError("sector: more than 5e7 basis states");
    }
    const subsets = (modes: number[], k: number): number[] => {
      const out: number[] = [];
      const rec = (start: number, left: number, acc: number): void => {
        if (left === 0) {
          out.push(acc);
          return;
        }
        for (let i = start; i <= modes.length - left; i++)
          rec(i + 1, left - 1, acc | (1 << modes[i]!));
      };
      rec(0, k, 0);
      return out;
    };
    const sa = subsets(alpha, na);
    const sb = subsets(beta, nb);
    for (const a of sa) for (const b of sb) occs.push(a | b);
  } else {
    const ne = spec.nElectrons;
    if (ne === undefined || !Number.isInteger(ne) || ne < 0 || ne > n) {
      throw new ArgumentError(
        `sector: give nAlpha and nBeta, or nElectrons in [0, ${n}]; got ${describe(ne)}`,
      );
    }
    if (binomial(n, ne) > 5e7) throw new ResourceError("sector: more than 5e7 basis states");
    for (const s of occupationStrings(n, ne)) occs.push(s);
  }
  if (encoding.reduced !== undefined && (spec.nAlpha === undefined || spec.nBeta === undefined)) {
    throw new ArgumentError("sector: a parity-reduced operator needs nAlpha and nBeta");
  }
  if (
    encoding.reduced !== undefined &&
    (encoding.reduced.nAlpha % 2 !== spec.nAlpha! % 2 ||
      encoding.reduced.nBeta % 2 !== spec.nBeta! % 2)
  ) {
    throw new ArgumentError(
      `sector: the operator was reduced for nAlpha=${encoding.reduced.nAlpha}, nBeta=${encoding.reduced.nBeta}; parities differ from the sector`,
    );
  }
  const a = encodingMatrix(encoding.mapping, n);
  const perm = encoding.order === "block" ? interleavedToBlock(n) : null;
  // Row masks of A: bit i of the code is parity(rowMask_i & occupation).
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) if (a[i * n + k]) rows[i]! |= 1 << k;
  const out = new Int32Array(occs.length);
  const qa = n / 2 - 1;
  occs.forEach((o, idx) => {
    let occ = o;
    if (perm !== null) {
      occ = 0;
      for (let m = 0; m < n; m++) if ((o >>> m) & 1) occ |= 1 << perm[m]!;
    }
    let code = 0;
    let q = 0;
    for (let i = 0; i < n; i++) {
      if (encoding.reduced !== undefined && (i === qa || i === n - 1)) continue;
      if (popcount32(rows[i]! & occ) & 1) code |= 1 << q;
      q++;
    }
    out[idx] = code;
  });
  return out;
}

interface Grouped {
  xs: Int32Array;
  start: Int32Array;
  zs: Int32Array;
  cs: Float64Array;
}

function groupTerms(H: QubitOperator): Grouped {
  if (H.nQubits > 30)
    throw new ResourceError(`sector: at most 30 qubits are supported, got ${H.nQubits}`);
  const byX = new Map<number, { z: number[]; c: number[] }>();
  for (const t of H.xzTerms()) {
    if (Math.abs(t.im) > 1e-10 * Math.max(1, Math.abs(t.re))) {
      throw new QoarError(
        "sector: the Hamiltonian has a complex matrix in the computational basis (odd number of Y factors); only real Hamiltonians are supported",
      );
    }
    if (t.re === 0) continue;
    const x = t.x[0]! | 0;
    let g = byX.get(x);
    if (g === undefined) byX.set(x, (g = { z: [], c: [] }));
    g.z.push(t.z[0]! | 0);
    g.c.push(t.re);
  }
  const xs = new Int32Array(byX.size);
  const start = new Int32Array(byX.size + 1);
  const zs: number[] = [];
  const cs: number[] = [];
  let i = 0;
  for (const [x, g] of byX) {
    xs[i] = x;
    start[i] = zs.length;
    zs.push(...g.z);
    cs.push(...g.c);
    i++;
  }
  start[i] = zs.length;
  return { xs, start, zs: Int32Array.from(zs), cs: Float64Array.from(cs) };
}

/**
 * Lowest eigenvalue(s) of a real qubit Hamiltonian restricted to an electron-number sector.
 * @example
 * const H = jordanWigner(molecularHamiltonian(ints));
 * sectorGroundState(H, { nAlpha: 1, nBeta: 1 }).energy; // = FCI energy
 */
export function sectorGroundState(
  hamiltonian: HamiltonianLike,
  options: SectorOptions,
): SectorResult {
  checkArity(arguments.length, 2, "sectorGroundState");
  if (options === undefined) {
    throw new ArgumentError(
      "sectorGroundState: options with the sector ({ nAlpha, nBeta } or { nElectrons }) are required",
    );
  }
  checkOptions(options, SECTOR_OPTIONS, "sectorGroundState");
  const H = toQubitOperator(hamiltonian);
  const encoding: QubitEncoding = options.encoding ??
    H.encoding ?? { mapping: "jordan-wigner", order: "interleaved", nModes: H.nQubits };
  const nq = encoding.reduced === undefined ? encoding.nModes : encoding.nModes - 2;
  if (nq !== H.nQubits) {
    throw new ArgumentError(
      `sector: the encoding describes ${nq} qubits but the Hamiltonian has ${H.nQubits}`,
    );
  }
  return lowestInBasis(H, sectorBasis(encoding, options), options.nRoots ?? 1, options.tol ?? 1e-6);
}

/** Options of {@link lowestEigenvalue}. */
export interface LowestEigenvalueOptions {
  /** Number of lowest eigenvalues (default 1). */
  nRoots?: number;
  /** Davidson residual tolerance (default 1e-6). */
  tol?: number;
}

const LOWEST_OPTIONS = optionKeys<LowestEigenvalueOptions>({ nRoots: true, tol: true });

/**
 * Lowest eigenvalue(s) of a real qubit Hamiltonian on all 2^n basis states: for operators
 * without an occupation encoding (a tapered Hamiltonian). Matrix-free beyond 2e7 stored entries.
 * @example lowestEigenvalue(tapering.operator).energy; // the tapered ground energy
 */
export function lowestEigenvalue(
  hamiltonian: HamiltonianLike,
  options: LowestEigenvalueOptions = {},
): SectorResult {
  checkArity(arguments.length, 2, "lowestEigenvalue");
  checkOptions(options, LOWEST_OPTIONS, "lowestEigenvalue");
  const H = toQubitOperator(hamiltonian);
  if (H.nQubits > 26)
    throw new ResourceError(`lowestEigenvalue: at most 26 qubits, got ${H.nQubits}`);
  const basis = Int32Array.from({ length: 2 ** H.nQubits }, (_, i) => i);
  return lowestInBasis(H, basis, options.nRoots ?? 1, options.tol ?? 1e-6);
}

/** Davidson on H restricted to the span of `basis` (bit q = qubit q), which H must keep. */
function lowestInBasis(
  H: QubitOperator,
  basis: Int32Array,
  nRoots: number,
  tol: number,
): SectorResult {
  const dim = basis.length;
  if (dim === 0) throw new ArgumentError("sector: the sector is empty");
  const lookup = makeLookup(basis, H.nQubits);
  const g = groupTerms(H);
  const nG = g.xs.length;
  const diag = new Float64Array(dim);
  // Column j of H restricted to the sector: entries (lookup(b ^ x), Σ_z c (-1)^{z·b}).
  const column = (j: number, emit: (i: number, val: number) => void): void => {
    const b = basis[j]!;
    for (let k = 0; k < nG; k++) {
      const i = lookup(b ^ g.xs[k]!);
      if (i < 0) continue;
      let val = 0;
      for (let t = g.start[k]!; t < g.start[k + 1]!; t++) {
        val += popcount32(g.zs[t]! & b) & 1 ? -g.cs[t]! : g.cs[t]!;
      }
      if (val !== 0) emit(i, val);
    }
  };
  // Store the sector matrix (CSC) when it fits in MAX_STORED entries; otherwise recompute per product.
  const csc = buildCsc(dim, column);
  const matvec =
    csc !== null
      ? (v: Float64Array, y: Float64Array): void => {
          const { ptr, idx, val } = csc;
          for (let j = 0; j < dim; j++) {
            const vj = v[j]!;
            if (vj === 0) continue;
            for (let e = ptr[j]!; e < ptr[j + 1]!; e++) y[idx[e]!] += val[e]! * vj;
          }
        }
      : (v: Float64Array, y: Float64Array): void => {
          for (let j = 0; j < dim; j++) {
            const vj = v[j]!;
            if (vj === 0) continue;
            column(j, (i, val) => {
              y[i] += val * vj;
            });
          }
        };
  const k0 = Array.from(g.xs).indexOf(0);
  for (let j = 0; j < dim; j++) {
    if (k0 < 0) break;
    const b = basis[j]!;
    let val = 0;
    for (let t = g.start[k0]!; t < g.start[k0 + 1]!; t++)
      val += popcount32(g.zs[t]! & b) & 1 ? -g.cs[t]! : g.cs[t]!;
    diag[j] = val;
  }
  const res = davidson(matvec, diag, { nRoots, tol });
  return {
    energy: res.values[0]!,
    energies: res.values,
    vector: res.vectors[0]!,
    basis,
    dimension: dim,
    iterations: res.iterations,
  };
}

const MAX_STORED = 2e7;

function buildCsc(
  dim: number,
  column: (j: number, emit: (i: number, val: number) => void) => void,
): { ptr: Int32Array; idx: Int32Array; val: Float64Array } | null {
  let idx = new Int32Array(Math.min(MAX_STORED, dim * 16));
  let val = new Float64Array(idx.length);
  const ptr = new Int32Array(dim + 1);
  let nnz = 0;
  let overflow = false;
  for (let j = 0; j < dim && !overflow; j++) {
    column(j, (i, v) => {
      if (overflow) return;
      if (nnz === idx.length) {
        if (idx.length >= MAX_STORED) {
          overflow = true;
          return;
        }
        const grow = Math.min(MAX_STORED, idx.length * 2);
        const i2 = new Int32Array(grow);
        i2.set(idx);
        const v2 = new Float64Array(grow);
        v2.set(val);
        idx = i2;
        val = v2;
      }
      idx[nnz] = i;
      val[nnz] = v;
      nnz++;
    });
    ptr[j + 1] = nnz;
  }
  return overflow ? null : { ptr, idx, val };
}

/** A qubit Hamiltonian: a `QubitOperator`, a Paddle-style list, or anything with `toList()` and `nQubits` (the quantum layer's `Hamiltonian`). */
export type HamiltonianLike =
  | QubitOperator
  | readonly (readonly [number, string])[]
  | {
      /** [coefficient, Pauli string] pairs. */
      toList(): [number, string][];
      /** Number of qubits. */
      readonly nQubits: number;
    };

function toQubitOperator(h: HamiltonianLike): QubitOperator {
  if (h instanceof QubitOperator) return h;
  if (Array.isArray(h)) return QubitOperator.fromList(h);
  const obj = (h ?? {}) as { toList?: unknown; nQubits?: unknown };
  if (typeof obj.toList === "function" && typeof obj.nQubits === "number") {
    return QubitOperator.fromList((h as { toList(): [number, string][] }).toList(), obj.nQubits);
  }
  throw new ArgumentError(
    `expected a QubitOperator, a [coef, "Z0, Z1"] list or a Hamiltonian, got ${describe(h)}`,
  );
}

function makeLookup(basis: Int32Array, nQubits: number): (b: number) => number {
  if (nQubits <= 24) {
    const table = new Int32Array(1 << nQubits).fill(-1);
    basis.forEach((b, i) => {
      table[b] = i;
    });
    return (b) => (b >= 0 && b < table.length ? table[b]! : -1);
  }
  const map = new Map<number, number>();
  for (let i = 0; i < basis.length; i++) map.set(basis[i]!, i);
  return (b) => map.get(b) ?? -1;
}

/**
 * The dense real matrix of a (real) qubit Hamiltonian, row-major 2^n x 2^n, with qubit 0 the most
 * significant bit of the index (qoar's convention). For tests and small systems (n <= 12).
 * @example denseMatrix(QubitOperator.fromList([[1, "Z0"]])); // [1, 0, 0, -1]
 */
export function denseMatrix(hamiltonian: HamiltonianLike): Float64Array {
  const H = toQubitOperator(hamiltonian);
  const n = H.nQubits;
  if (n > 12) throw new ResourceError(`denseMatrix: at most 12 qubits, got ${n}`);
  const dim = 1 << n;
  const g = groupTerms(H);
  const toIndex = (b: number): number => {
    let idx = 0;
    for (let q = 0; q < n; q++) if ((b >>> q) & 1) idx |= 1 << (n - 1 - q);
    return idx;
  };
  const m = new Float64Array(dim * dim);
  for (let b = 0; b < dim; b++) {
    const col = toIndex(b);
    for (let k = 0; k < g.xs.length; k++) {
      let val = 0;
      for (let t = g.start[k]!; t < g.start[k + 1]!; t++)
        val += popcount32(g.zs[t]! & b) & 1 ? -g.cs[t]! : g.cs[t]!;
      m[toIndex(b ^ g.xs[k]!) * dim + col] += val;
    }
  }
  return m;
}

/**
 * All eigenvalues (ascending) of a small real qubit Hamiltonian, densely.
 * @example spectrum([[1, "Z0"], [0.5, "X0"]]); // [-1.118..., 1.118...]
 */
export function spectrum(hamiltonian: HamiltonianLike): Float64Array {
  const m = denseMatrix(hamiltonian);
  return jacobiEigh(m, Math.round(Math.sqrt(m.length))).values;
}
