/**
 * Fermion-to-qubit mappings: Jordan-Wigner (the default), Bravyi-Kitaev and parity, and the
 * parity mapping's two-qubit reduction; and `QubitOperator`, the Pauli sum they produce.
 *
 * All three mappings are linear binary encodings of occupation numbers: qubit bits b = A n (mod 2)
 * with A the identity (Jordan-Wigner), the lower-triangular all-ones matrix (parity: qubit i stores
 * n_0 + ... + n_i) or the Fenwick-tree matrix of Seeley, Richard and Love (Bravyi-Kitaev: qubit i
 * stores n_k for i & (i + 1) <= k <= i). For such an encoding, with U(j) = {i : A_ij = 1} (the
 * update set), P(j) the qubits whose parity is n_0 + ... + n_{j-1} and O(j) those whose parity is
 * n_j (rows of A^-1):
 *   a†_j + a_j = X_U Z_P,    a†_j - a_j = X_U Z_{P Δ O},
 * so a†_j = ½ (X_U Z_P + X_U Z_{PΔO}) and a_j = ½ (X_U Z_P - X_U Z_{PΔO}). Pauli strings are kept
 * internally as X^x Z^z (bit masks x, z), whose products need only a sign:
 * (X^x1 Z^z1)(X^x2 Z^z2) = (-1)^|z1 & x2| X^(x1^x2) Z^(z1^z2); Y = i X Z.
 *
 * Mode order: the mappings act on the fermion modes in the order given. Molecular Hamiltonians
 * from `molecularHamiltonian` are interleaved (mode 2p = orbital p alpha, 2p+1 = beta); option
 * `order: "block"` renumbers them first to block order (alpha orbitals, then beta), as Qiskit
 * Nature does. The two-qubit reduction always uses block order (its qubits n/2-1 and n-1 then hold
 * the alpha-electron parity and the total parity).
 */
import { ArgumentError, describe, QoarError } from "../errors.js";
import { Hamiltonian } from "../quantum/operators/hamiltonian.js";
import { parsePauli } from "../quantum/operators/pauli.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import type { MOIntegrals } from "./active-space.js";
import { checkMOIntegrals } from "./active-space.js";
import { FermionOperator, interleavedToBlock, molecularHamiltonian } from "./fermion.js";

/** The name of a fermion-to-qubit mapping. */
export type MappingName = "jordan-wigner" | "bravyi-kitaev" | "parity";

/** How fermionic occupation states become qubit basis states (what `encodeOccupations` needs). */
export interface QubitEncoding {
  /** The mapping used. */
  mapping: MappingName;
  /** Spin-orbital order the mapping saw: as given/interleaved, or renumbered to block order. */
  order: "interleaved" | "block";
  /** Number of fermion modes (spin orbitals) before any reduction. */
  nModes: number;
  /** Set when the parity two-qubit reduction removed qubits nModes/2 - 1 and nModes - 1. */
  reduced?: {
    /** Alpha electrons of the sector. */
    nAlpha: number;
    /** Beta electrons of the sector. */
    nBeta: number;
  };
}

interface XZTerm {
  x: Uint32Array;
  z: Uint32Array;
  re: number;
  im: number;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function maskKey(x: Uint32Array, z: Uint32Array): string {
  if (x.length === 1) return `${x[0]},${z[0]}`;
  return `${x.join(",")}|${z.join(",")}`;
}

/** Bit i of a multi-word mask (32 qubits per word). @example getBit(Uint32Array.of(4), 2); // 1 */
export function getBit(m: Uint32Array, i: number): number {
  return (m[i >>> 5]! >>> (i & 31)) & 1;
}

/**
 * A sum of Pauli strings with complex coefficients on `nQubits` qubits, as produced by the
 * fermion-to-qubit mappings. `toList()` gives Paddle Quantum's `[[coef, "Z0, Z1"], ...]` form with
 * real coefficients (asserting the imaginary parts cancel), which `Hamiltonian` accepts.
 * @example
 * const H = jordanWigner(molecularHamiltonian(ints));
 * H.toList(); // [[-0.0906, "I"], [0.1722, "Z0"], ...]
 */
export class QubitOperator {
  /** Set by the mappings: how occupation bitstrings map to this operator's basis states. */
  encoding: QubitEncoding | undefined;
  private readonly map = new Map<string, XZTerm>();
  private readonly nWords: number;

  /** @param nQubits number of qubits (>= 0) */
  constructor(readonly nQubits: number) {
    checkArity(arguments.length, 1, "QubitOperator");
    if (!Number.isInteger(nQubits) || nQubits < 0) {
      throw new ArgumentError(
        `QubitOperator: nQubits must be an integer >= 0, got ${describe(nQubits)}`,
      );
    }
    this.nWords = Math.max(1, Math.ceil(nQubits / 32));
  }

  /**
   * From Paddle Quantum's list form (labels like "Z0, Z1", "X0 Y1", "I").
   * @example QubitOperator.fromList([[0.5, "Z0, Z1"], [-0.3, "X2"]]).nQubits; // 3
   */
  static fromList(list: readonly (readonly [number, string])[], nQubits?: number): QubitOperator {
    checkArity(arguments.length, 2, "QubitOperator.fromList");
    if (!Array.isArray(list))
      throw new ArgumentError(
        `QubitOperator.fromList: list must be [[coefficient, "X0 Z1"], ...], got ${describe(list)}`,
      );
    const parsed = list.map(([c, label], i) => {
      if (typeof c !== "number" || !Number.isFinite(c)) {
        throw new ArgumentError(
          `QubitOperator.fromList: coefficient of term ${i} must be a finite number, got ${describe(c)}`,
        );
      }
      return { c, p: parsePauli(label) };
    });
    let n = nQubits ?? 0;
    if (nQubits === undefined)
      for (const { p } of parsed) for (const q of p.qubits) n = Math.max(n, q + 1);
    const out = new QubitOperator(n);
    for (const { c, p } of parsed) {
      const x = new Uint32Array(out.nWords);
      const z = new Uint32Array(out.nWords);
      let nY = 0;
      p.qubits.forEach((q, k) => {
        if (q >= n)
          throw new ArgumentError(
            `QubitOperator.fromList: qubit ${q} out of range for ${n} qubits`,
          );
        const l = p.letters[k];
        if (l === "X" || l === "Y") x[q >>> 5]! |= 1 << (q & 31);
        if (l === "Z" || l === "Y") z[q >>> 5]! |= 1 << (q & 31);
        if (l === "Y") nY++;
      });
      // P = i^nY X^x Z^z
      const ph = nY & 3;
      const re = ph === 0 ? c : ph === 2 ? -c : 0;
      const im = ph === 1 ? c : ph === 3 ? -c : 0;
      out.addXZ(x, z, re, im);
    }
    return out;
  }

  /** Number of stored X^x Z^z terms. */
  get nTerms(): number {
    return this.map.size;
  }

  /** Adds (re + i im) X^x Z^z in place (masks: 32 qubits per word, qubit i = bit i). */
  addXZ(x: Uint32Array, z: Uint32Array, re: number, im = 0): void {
    if (!(x instanceof Uint32Array) || !(z instanceof Uint32Array) || typeof re !== "number")
      throw new ArgumentError(
        `QubitOperator.addXZ: expected X and Z masks (Uint32Array) and a coefficient, got ${describe(x)}, ${describe(z)}, ${describe(re)}`,
      );
    const k = maskKey(x, z);
    const t = this.map.get(k);
    if (t === undefined) this.map.set(k, { x, z, re, im });
    else {
      t.re += re;
      t.im += im;
    }
  }

  /** Sum with another operator on the same number of qubits. */
  add(other: QubitOperator): QubitOperator {
    if (!(other instanceof QubitOperator))
      throw new ArgumentError(
        `QubitOperator.add: expected a QubitOperator, got ${describe(other)}`,
      );
    if (other.nQubits !== this.nQubits) {
      throw new ArgumentError(
        `QubitOperator.add: ${other.nQubits} qubits, expected ${this.nQubits}`,
      );
    }
    const out = new QubitOperator(this.nQubits);
    for (const t of this.map.values()) out.addXZ(t.x, t.z, t.re, t.im);
    for (const t of other.map.values()) out.addXZ(t.x, t.z, t.re, t.im);
    return out;
  }

  /** Operator product `this * other`. @example a.multiply(b).simplified(); */
  multiply(other: QubitOperator): QubitOperator {
    if (!(other instanceof QubitOperator))
      throw new ArgumentError(
        `QubitOperator.multiply: expected a QubitOperator, got ${describe(other)}`,
      );
    if (other.nQubits !== this.nQubits) {
      throw new ArgumentError(
        `QubitOperator.multiply: ${other.nQubits} qubits, expected ${this.nQubits}`,
      );
    }
    const out = new QubitOperator(this.nQubits);
    for (const a of this.map.values()) {
      for (const b of other.map.values()) {
        const x = new Uint32Array(this.nWords);
        const z = new Uint32Array(this.nWords);
        let sign = 0;
        for (let w = 0; w < this.nWords; w++) {
          sign += popcount(a.z[w]! & b.x[w]!);
          x[w] = a.x[w]! ^ b.x[w]!;
          z[w] = a.z[w]! ^ b.z[w]!;
        }
        const s = sign & 1 ? -1 : 1;
        out.addXZ(x, z, s * (a.re * b.re - a.im * b.im), s * (a.re * b.im + a.im * b.re));
      }
    }
    return out;
  }

  /** A copy without terms of |coefficient| <= tol. */
  simplified(tol = 1e-12): QubitOperator {
    const out = new QubitOperator(this.nQubits);
    out.encoding = this.encoding;
    for (const [k, t] of this.map) if (Math.hypot(t.re, t.im) > tol) out.map.set(k, { ...t });
    return out;
  }

  /**
   * The terms as X^x Z^z masks with complex coefficients (|coef| > tol).
   * @example for (const t of H.xzTerms()) console.log(t.x, t.z, t.re);
   */
  xzTerms(tol = 0): {
    /** X mask: bit q set = X on qubit q. */
    x: Uint32Array;
    /** Z mask: bit q set = Z on qubit q. */
    z: Uint32Array;
    /** Real part. */
    re: number;
    /** Imaginary part. */
    im: number;
  }[] {
    return [...this.map.values()]
      .filter((t) => Math.hypot(t.re, t.im) > tol)
      .map((t) => ({ ...t }));
  }

  /**
   * Pauli terms with real coefficients, `[[coef, "X0, Y1, Z3"], ...]` ("I" for the identity),
   * sorted by label; drops |coef| <= tol and throws if an imaginary part exceeds `imagTol`
   * (the operator is then not Hermitian).
   * @example jordanWigner(FermionOperator.term("0^ 0")).toList(); // [[0.5, "I"], [-0.5, "Z0"]]
   */
  toList(tol = 1e-12, imagTol = 1e-10): [number, string][] {
    const out: [number, string][] = [];
    for (const { re, im, label } of this.pauliTerms(0)) {
      if (Math.abs(im) > imagTol) {
        throw new QoarError(
          `QubitOperator.toList: term ${label} has imaginary coefficient ${im}; the operator is not Hermitian`,
        );
      }
      if (Math.abs(re) > tol) out.push([re, label]);
    }
    return out;
  }

  /**
   * Pauli terms with complex coefficients (|coef| > tol), sorted by label.
   * @example jordanWigner(FermionOperator.term("0")).pauliTerms(); // [{ re: 0.5, im: 0, label: "X0" }, { re: 0, im: 0.5, label: "Y0" }]
   */
  pauliTerms(tol = 1e-12): {
    /** Real part. */
    re: number;
    /** Imaginary part. */
    im: number;
    /** Pauli string, e.g. "X0, Z1". */
    label: string;
  }[] {
    const out: { re: number; im: number; label: string }[] = [];
    for (const t of this.map.values()) {
      if (Math.hypot(t.re, t.im) <= tol) continue;
      // X^x Z^z = (-i)^nY P with P the Pauli label.
      let nY = 0;
      for (let w = 0; w < this.nWords; w++) nY += popcount(t.x[w]! & t.z[w]!);
      const ph = nY & 3;
      // (re + i im) * (-i)^ph
      const re = ph === 0 ? t.re : ph === 1 ? t.im : ph === 2 ? -t.re : -t.im;
      const im = ph === 0 ? t.im : ph === 1 ? -t.re : ph === 2 ? -t.im : t.re;
      out.push({ re: re + 0, im: im + 0, label: this.label(t.x, t.z) });
    }
    return out.sort((a, b) => compareLabels(a.label, b.label));
  }

  /**
   * The quantum layer's `Hamiltonian` of {@link toList} (same qubit count).
   * @example expecVal(circuit.forward(), jordanWigner(op).toHamiltonian());
   */
  toHamiltonian(tol = 1e-12): Hamiltonian {
    return new Hamiltonian(this.toList(tol), { nQubits: this.nQubits });
  }

  /** Text like "0.5 Z0 Z1 - 0.3 X2" (real parts of {@link toList}). */
  toString(): string {
    return this.toList()
      .map(
        ([c, l], i) =>
          `${i === 0 ? (c < 0 ? "-" : "") : c < 0 ? " - " : " + "}${Math.abs(c)} ${l === "I" ? "I" : l.replace(/,/g, "")}`,
      )
      .join("");
  }

  private label(x: Uint32Array, z: Uint32Array): string {
    const parts: string[] = [];
    for (let q = 0; q < this.nQubits; q++) {
      const xb = getBit(x, q);
      const zb = getBit(z, q);
      if (xb && zb) parts.push(`Y${q}`);
      else if (xb) parts.push(`X${q}`);
      else if (zb) parts.push(`Z${q}`);
    }
    return parts.length === 0 ? "I" : parts.join(", ");
  }
}

function compareLabels(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "I") return -1;
  if (b === "I") return 1;
  const fa = a.split(", ");
  const fb = b.split(", ");
  if (fa.length !== fb.length) return fa.length - fb.length;
  for (let i = 0; i < fa.length; i++) {
    const qa = Number(fa[i]!.slice(1));
    const qb = Number(fb[i]!.slice(1));
    if (qa !== qb) return qa - qb;
    if (fa[i]![0] !== fb[i]![0]) return fa[i]![0]! < fb[i]![0]! ? -1 : 1;
  }
  return 0;
}

/**
 * The binary encoding matrix A (row-major n x n, qubit bits b = A n mod 2) of a mapping.
 * @example encodingMatrix("parity", 3); // [1,0,0, 1,1,0, 1,1,1]
 */
export function encodingMatrix(mapping: MappingName, n: number): Uint8Array {
  const a = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    if (mapping === "jordan-wigner") a[i * n + i] = 1;
    else if (mapping === "parity") for (let k = 0; k <= i; k++) a[i * n + k] = 1;
    else if (mapping === "bravyi-kitaev") for (let k = i & (i + 1); k <= i; k++) a[i * n + k] = 1;
    else
      throw new ArgumentError(
        `mapping must be "jordan-wigner", "bravyi-kitaev" or "parity", got ${describe(mapping)}`,
      );
  }
  return a;
}

function inverseGF2(a: Uint8Array, n: number): Uint8Array {
  const m = Uint8Array.from(a);
  const inv = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    while (p < n && m[p * n + c] === 0) p++;
    if (p === n) throw new QoarError("encoding matrix is singular over GF(2)");
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        [m[p * n + k], m[c * n + k]] = [m[c * n + k]!, m[p * n + k]!];
        [inv[p * n + k], inv[c * n + k]] = [inv[c * n + k]!, inv[p * n + k]!];
      }
    }
    for (let r = 0; r < n; r++) {
      if (r !== c && m[r * n + c] === 1) {
        for (let k = 0; k < n; k++) {
          m[r * n + k]! ^= m[c * n + k]!;
          inv[r * n + k]! ^= inv[c * n + k]!;
        }
      }
    }
  }
  return inv;
}

/** The two X^x Z^z strings of a†_j and a_j: [x, zP, zPO] with a†/a = ½ (X^x Z^zP ± X^x Z^zPO). */
function ladderImages(
  mapping: MappingName,
  n: number,
): { x: Uint32Array; zP: Uint32Array; zPO: Uint32Array }[] {
  const a = encodingMatrix(mapping, n);
  const inv = inverseGF2(a, n);
  const nWords = Math.max(1, Math.ceil(n / 32));
  const out: { x: Uint32Array; zP: Uint32Array; zPO: Uint32Array }[] = [];
  const parity = new Uint8Array(n); // running Σ_{k<j} rows of A^-1
  for (let j = 0; j < n; j++) {
    const x = new Uint32Array(nWords);
    const zP = new Uint32Array(nWords);
    const zPO = new Uint32Array(nWords);
    for (let i = 0; i < n; i++) {
      if (a[i * n + j]) x[i >>> 5]! |= 1 << (i & 31);
      if (parity[i]) zP[i >>> 5]! |= 1 << (i & 31);
      if (parity[i]! ^ inv[j * n + i]!) zPO[i >>> 5]! |= 1 << (i & 31);
    }
    for (let i = 0; i < n; i++) parity[i]! ^= inv[j * n + i]!;
    out.push({ x, zP, zPO });
  }
  return out;
}

/** Options of `mapFermionOperator`. */
export interface MappingOptions {
  /** Default "jordan-wigner". */
  mapping?: MappingName;
  /** Number of modes/qubits (default: the operator's nModes; rounded up to even for block order). */
  nModes?: number;
  /** "interleaved" (default): modes as given; "block": renumber interleaved spin orbitals to block order first. */
  order?: "interleaved" | "block";
}

const MAPPING_OPTIONS = optionKeys<MappingOptions>({ mapping: true, nModes: true, order: true });

/**
 * Maps a fermion operator to qubits.
 * @example
 * const H = mapFermionOperator(molecularHamiltonian(ints), { mapping: "bravyi-kitaev" });
 */
export function mapFermionOperator(
  op: FermionOperator,
  options: MappingOptions = {},
): QubitOperator {
  checkArity(arguments.length, 2, "mapFermionOperator");
  checkOptions(options, MAPPING_OPTIONS, "mapFermionOperator");
  if (!(op instanceof FermionOperator))
    throw new ArgumentError(`mapping: expected a FermionOperator, got ${describe(op)}`);
  const mapping = options.mapping ?? "jordan-wigner";
  const order = options.order ?? "interleaved";
  if (order !== "interleaved" && order !== "block") {
    throw new ArgumentError(`order must be "interleaved" or "block", got ${describe(order)}`);
  }
  let n = options.nModes ?? op.nModes;
  if (!Number.isInteger(n) || n < op.nModes) {
    throw new ArgumentError(
      `nModes must be an integer >= the operator's ${op.nModes} modes, got ${describe(options.nModes)}`,
    );
  }
  if (order === "block") {
    if (n % 2 === 1) n++;
    op = op.permuteModes(interleavedToBlock(n));
  }
  const images = ladderImages(mapping, n);
  const out = n <= 26 ? mapSmall(op, images, n) : mapWide(op, images, n);
  const result = out.simplified(0);
  result.encoding = { mapping, order, nModes: n };
  return result;
}

/** Masks of a†_j / a_j = ½ (X^x Z^zP ± X^x Z^zPO). */
type LadderImage = { x: Uint32Array; zP: Uint32Array; zPO: Uint32Array };

/**
 * Expands each product of k ladder operators into its 2^k X^x Z^z strings, accumulating in a Map
 * keyed by the number x * 2^n + z (exact for n <= 26): no allocation per product.
 */
function mapSmall(op: FermionOperator, images: LadderImage[], n: number): QubitOperator {
  const ix = images.map((m) => m.x[0]!);
  const izP = images.map((m) => m.zP[0]!);
  const izPO = images.map((m) => m.zPO[0]!);
  const shift = 2 ** n;
  const acc = new Map<number, { re: number; im: number }>();
  let curX = new Float64Array(1);
  let curZ = new Float64Array(1);
  let curC = new Float64Array(1);
  let nxt = { x: new Float64Array(2), z: new Float64Array(2), c: new Float64Array(2) };
  for (const t of op.terms()) {
    const k = t.ops.length;
    const size = 1 << k;
    if (curX.length < size) {
      curX = new Float64Array(size);
      curZ = new Float64Array(size);
      curC = new Float64Array(size);
      nxt = { x: new Float64Array(size), z: new Float64Array(size), c: new Float64Array(size) };
    }
    curX[0] = 0;
    curZ[0] = 0;
    curC[0] = 1;
    let len = 1;
    for (const [mode, action] of t.ops) {
      const x1 = ix[mode]!;
      const zA = izP[mode]!;
      const zB = izPO[mode]!;
      for (let c = 0; c < len; c++) {
        const x0 = curX[c]!;
        const z0 = curZ[c]!;
        const base = (popcount(z0 & x1) & 1 ? -0.5 : 0.5) * curC[c]!;
        nxt.x[2 * c] = (x0 ^ x1) >>> 0;
        nxt.z[2 * c] = (z0 ^ zA) >>> 0;
        nxt.c[2 * c] = base;
        nxt.x[2 * c + 1] = (x0 ^ x1) >>> 0;
        nxt.z[2 * c + 1] = (z0 ^ zB) >>> 0;
        nxt.c[2 * c + 1] = action === 0 ? -base : base;
      }
      len *= 2;
      [curX, nxt.x] = [nxt.x, curX];
      [curZ, nxt.z] = [nxt.z, curZ];
      [curC, nxt.c] = [nxt.c, curC];
    }
    for (let c = 0; c < len; c++) {
      const key = curX[c]! * shift + curZ[c]!;
      const e = acc.get(key);
      const re = t.re * curC[c]!;
      const im = t.im * curC[c]!;
      if (e === undefined) acc.set(key, { re, im });
      else {
        e.re += re;
        e.im += im;
      }
    }
  }
  const out = new QubitOperator(n);
  for (const [key, e] of acc) {
    const x = Math.floor(key / shift);
    out.addXZ(Uint32Array.of(x), Uint32Array.of(key - x * shift), e.re, e.im);
  }
  return out;
}

/** The general path (any number of qubits): multi-word masks. */
function mapWide(op: FermionOperator, images: LadderImage[], n: number): QubitOperator {
  const out = new QubitOperator(n);
  const nWords = Math.max(1, Math.ceil(n / 32));
  for (const t of op.terms()) {
    let curX: Uint32Array[] = [new Uint32Array(nWords)];
    let curZ: Uint32Array[] = [new Uint32Array(nWords)];
    let curC: number[] = [1];
    for (const [mode, action] of t.ops) {
      const img = images[mode]!;
      const nx: Uint32Array[] = [];
      const nz: Uint32Array[] = [];
      const nc: number[] = [];
      for (let c = 0; c < curC.length; c++) {
        const x0 = curX[c]!;
        const z0 = curZ[c]!;
        let sign = 0;
        for (let w = 0; w < nWords; w++) sign += popcount(z0[w]! & img.x[w]!);
        const base = (sign & 1 ? -0.5 : 0.5) * curC[c]!;
        for (let half = 0; half < 2; half++) {
          const zz = half === 0 ? img.zP : img.zPO;
          const x = new Uint32Array(nWords);
          const z = new Uint32Array(nWords);
          for (let w = 0; w < nWords; w++) {
            x[w] = x0[w]! ^ img.x[w]!;
            z[w] = z0[w]! ^ zz[w]!;
          }
          nx.push(x);
          nz.push(z);
          nc.push(half === 1 && action === 0 ? -base : base);
        }
      }
      curX = nx;
      curZ = nz;
      curC = nc;
    }
    for (let c = 0; c < curC.length; c++)
      out.addXZ(curX[c]!, curZ[c]!, t.re * curC[c]!, t.im * curC[c]!);
  }
  return out;
}

const ENCODING_OPTIONS = MAPPING_OPTIONS.filter((k) => k !== "mapping");

/**
 * Jordan-Wigner: a†_j = Z_0 ... Z_{j-1} (X_j - i Y_j) / 2, |1> = occupied.
 * @example jordanWigner(FermionOperator.term("0^ 0")).toList(); // [[0.5, "I"], [-0.5, "Z0"]]
 */
export function jordanWigner(
  op: FermionOperator,
  options: Omit<MappingOptions, "mapping"> = {},
): QubitOperator {
  checkArity(arguments.length, 2, "jordanWigner");
  checkOptions(options, ENCODING_OPTIONS, "jordanWigner");
  return mapFermionOperator(op, { ...options, mapping: "jordan-wigner" });
}

/**
 * Bravyi-Kitaev (Seeley-Richard-Love Fenwick-tree encoding, any number of modes).
 * @example bravyiKitaev(molecularHamiltonian(ints)).nQubits; // 4 for H2/STO-3G
 */
export function bravyiKitaev(
  op: FermionOperator,
  options: Omit<MappingOptions, "mapping"> = {},
): QubitOperator {
  checkArity(arguments.length, 2, "bravyiKitaev");
  checkOptions(options, ENCODING_OPTIONS, "bravyiKitaev");
  return mapFermionOperator(op, { ...options, mapping: "bravyi-kitaev" });
}

/**
 * Parity mapping: qubit i stores n_0 + ... + n_i mod 2.
 * @example parity(FermionOperator.term("0^ 0")).toList(); // [[0.5, "I"], [-0.5, "Z0"]]
 */
export function parity(
  op: FermionOperator,
  options: Omit<MappingOptions, "mapping"> = {},
): QubitOperator {
  checkArity(arguments.length, 2, "parity");
  checkOptions(options, ENCODING_OPTIONS, "parity");
  return mapFermionOperator(op, { ...options, mapping: "parity" });
}

const PARITY_REDUCED_OPTIONS = optionKeys<OptionsOf<typeof parityReduced, 1>>({
  nAlpha: true,
  nBeta: true,
  nModes: true,
});

/**
 * Parity mapping with the two-qubit reduction: renumbers the interleaved spin orbitals of `op` to
 * block order, maps with the parity encoding, and replaces qubit n/2-1 (alpha parity) and qubit
 * n-1 (total parity) by their eigenvalues (-1)^nAlpha and (-1)^(nAlpha+nBeta), leaving n-2 qubits.
 * Valid for operators that conserve the number of alpha and of beta electrons (checked: those
 * qubits must carry only I or Z).
 * @example
 * const H = parityReduced(molecularHamiltonian(ints), { nAlpha: 1, nBeta: 1 }); // H2: 2 qubits
 */
export function parityReduced(
  op: FermionOperator,
  options: { nAlpha: number; nBeta: number; nModes?: number },
): QubitOperator {
  checkArity(arguments.length, 2, "parityReduced");
  if (options === undefined)
    throw new ArgumentError("parityReduced: options { nAlpha, nBeta } are required");
  checkOptions(options, PARITY_REDUCED_OPTIONS, "parityReduced");
  const { nAlpha, nBeta } = options;
  for (const [k, v] of [
    ["nAlpha", nAlpha],
    ["nBeta", nBeta],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new ArgumentError(`parityReduced: ${k} must be an integer >= 0, got ${describe(v)}`);
  }
  const full = mapFermionOperator(op, {
    mapping: "parity",
    order: "block",
    ...(options.nModes === undefined ? {} : { nModes: options.nModes }),
  });
  const n = full.nQubits;
  if (n < 2) throw new ArgumentError(`parityReduced: needs at least 2 modes, got ${n}`);
  const qa = n / 2 - 1;
  const qt = n - 1;
  const sa = nAlpha % 2 === 0 ? 1 : -1;
  const st = (nAlpha + nBeta) % 2 === 0 ? 1 : -1;
  const out = new QubitOperator(n - 2);
  const nw = Math.max(1, Math.ceil((n - 2) / 32));
  for (const t of full.xzTerms()) {
    if (getBit(t.x, qa) || getBit(t.x, qt)) {
      if (Math.hypot(t.re, t.im) < 1e-12) continue;
      throw new QoarError(
        `parityReduced: a term flips qubit ${qa} or ${qt}; the operator does not conserve alpha and beta electron numbers`,
      );
    }
    const s = (getBit(t.z, qa) ? sa : 1) * (getBit(t.z, qt) ? st : 1);
    const x = new Uint32Array(nw);
    const z = new Uint32Array(nw);
    let k = 0;
    for (let q = 0; q < n; q++) {
      if (q === qa || q === qt) continue;
      if (getBit(t.x, q)) x[k >>> 5]! |= 1 << (k & 31);
      if (getBit(t.z, q)) z[k >>> 5]! |= 1 << (k & 31);
      k++;
    }
    out.addXZ(x, z, s * t.re, s * t.im);
  }
  const result = out.simplified(0);
  result.encoding = { mapping: "parity", order: "block", nModes: n, reduced: { nAlpha, nBeta } };
  return result;
}

/**
 * Qubit bits (entry q = qubit q) of fermionic occupation vectors under an encoding. Each
 * occupation is an array of 0/1 over the operator's original modes (interleaved for molecular
 * Hamiltonians); the result has the encoding's qubit count (two fewer after the parity reduction).
 * Useful for Hartree-Fock reference states under BK and parity.
 * @example encodeOccupations([[1, 1, 0, 0]], { mapping: "parity", order: "interleaved", nModes: 4 }); // [[1, 0, 0, 0]]
 */
export function encodeOccupations(
  occupations: readonly (readonly number[])[],
  encoding: QubitEncoding,
): Uint8Array[] {
  const n = encoding.nModes;
  const a = encodingMatrix(encoding.mapping, n);
  const perm =
    encoding.order === "block" ? interleavedToBlock(n) : Array.from({ length: n }, (_, i) => i);
  const out: Uint8Array[] = [];
  const occ = new Uint8Array(n);
  for (const o of occupations) {
    if (o.length !== n)
      throw new ArgumentError(`encodeOccupations: occupation of length ${o.length}, expected ${n}`);
    occ.fill(0);
    for (let m = 0; m < n; m++) if (o[m]) occ[perm[m]!] = 1;
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s ^= a[i * n + k]! & occ[k]!;
      b[i] = s;
    }
    if (encoding.reduced === undefined) out.push(b);
    else {
      const qa = n / 2 - 1;
      out.push(b.filter((_, q) => q !== qa && q !== n - 1));
    }
  }
  return out;
}

/**
 * The inverse of {@link encodeOccupations} for one basis state: the occupation bits (bit m =
 * original mode m, interleaved for molecular operators) of the qubit basis state whose bit q is
 * qubit q (`bits[q]`). After the parity reduction the two removed qubits are restored from the
 * sector's parities. Needs nModes <= 30.
 * @example decodeOccupation([1, 0, 0, 0], { mapping: "parity", order: "interleaved", nModes: 4 }); // 1 (mode 0 occupied)
 */
export function decodeOccupation(bits: ArrayLike<number>, encoding: QubitEncoding): number {
  return occupationDecoder(encoding)(bits);
}

/** A reusable decoder for {@link decodeOccupation} (one GF(2) inversion for many states). */
export function occupationDecoder(encoding: QubitEncoding): (bits: ArrayLike<number>) => number {
  if (encoding === null || typeof encoding !== "object" || !Number.isInteger(encoding.nModes)) {
    throw new ArgumentError(
      `decodeOccupation: expected a qubit encoding { mapping, order, nModes }, got ${describe(encoding)}`,
    );
  }
  const n = encoding.nModes;
  if (n > 30) throw new ArgumentError(`decodeOccupation: at most 30 modes, got ${n}`);
  const inv = inverseGF2(encodingMatrix(encoding.mapping, n), n);
  const perm =
    encoding.order === "block" ? interleavedToBlock(n) : Array.from({ length: n }, (_, i) => i);
  const reduced = encoding.reduced;
  const nq = reduced === undefined ? n : n - 2;
  const full = new Uint8Array(n);
  return (bits) => {
    if (bits.length !== nq)
      throw new ArgumentError(`decodeOccupation: ${bits.length} qubit bits, expected ${nq}`);
    if (reduced === undefined) for (let q = 0; q < n; q++) full[q] = bits[q]! & 1;
    else {
      const qa = n / 2 - 1;
      let k = 0;
      for (let q = 0; q < n; q++) {
        if (q === qa) full[q] = reduced.nAlpha & 1;
        else if (q === n - 1) full[q] = (reduced.nAlpha + reduced.nBeta) & 1;
        else full[q] = bits[k++]! & 1;
      }
    }
    let occ = 0;
    for (let m = 0; m < n; m++) {
      const row = perm[m]!; // the mapped position of interleaved mode m
      let s = 0;
      for (let q = 0; q < n; q++) s ^= inv[row * n + q]! & full[q]!;
      if (s) occ |= 1 << m;
    }
    return occ >>> 0;
  };
}

/** Options of {@link qubitHamiltonian}. */
export interface QubitHamiltonianOptions {
  /** Default "jordan-wigner". */
  mapping?: MappingName;
  /** Spin-orbital order for the mapping (default "interleaved"; the reduction always uses block order). */
  order?: "interleaved" | "block";
  /** Parity mapping with the two-qubit reduction (needs nAlpha and nBeta). */
  twoQubitReduction?: boolean;
  /** Alpha electrons (needed by `twoQubitReduction`). */
  nAlpha?: number;
  /** Beta electrons (needed by `twoQubitReduction`). */
  nBeta?: number;
  /** Skip integrals with |v| <= tol when building the fermion operator (default 0). */
  tol?: number;
}

const QUBIT_HAMILTONIAN_OPTIONS = optionKeys<QubitHamiltonianOptions>({
  mapping: true,
  order: true,
  twoQubitReduction: true,
  nAlpha: true,
  nBeta: true,
  tol: true,
});

/**
 * The qubit Hamiltonian of MO integrals: `molecularHamiltonian` then the chosen mapping.
 * @example
 * const H = qubitHamiltonian(ints, { mapping: "parity", twoQubitReduction: true, nAlpha: 1, nBeta: 1 });
 * H.toList(); // Paddle Quantum's list form, for `new Hamiltonian(...)`
 */
export function qubitHamiltonian(
  ints: MOIntegrals,
  options: QubitHamiltonianOptions = {},
): QubitOperator {
  checkArity(arguments.length, 2, "qubitHamiltonian");
  checkOptions(options, QUBIT_HAMILTONIAN_OPTIONS, "qubitHamiltonian");
  checkMOIntegrals(ints, "qubitHamiltonian");
  const op = molecularHamiltonian(ints, { tol: options.tol ?? 0 });
  const nModes = 2 * ints.nOrbitals;
  if (options.twoQubitReduction === true) {
    if (options.mapping !== undefined && options.mapping !== "parity") {
      throw new ArgumentError(
        `qubitHamiltonian: twoQubitReduction needs mapping "parity", got ${describe(options.mapping)}`,
      );
    }
    if (options.nAlpha === undefined || options.nBeta === undefined) {
      throw new ArgumentError("qubitHamiltonian: twoQubitReduction needs nAlpha and nBeta");
    }
    return parityReduced(op, { nAlpha: options.nAlpha, nBeta: options.nBeta, nModes });
  }
  return mapFermionOperator(op, {
    mapping: options.mapping ?? "jordan-wigner",
    order: options.order ?? "interleaved",
    nModes,
  });
}

/**
 * Qubit bits (entry q = qubit q) of the Hartree-Fock determinant: the lowest nAlpha alpha and
 * nBeta beta spin orbitals occupied, under an operator's encoding (mapping, order, reduction).
 * @example hartreeFockBits({ mapping: "bravyi-kitaev", order: "interleaved", nModes: 4 }, { nAlpha: 1, nBeta: 1 }); // [1, 0, 0, 0]
 */
export function hartreeFockBits(
  encoding: QubitEncoding,
  counts: { nAlpha: number; nBeta: number },
): Uint8Array {
  checkArity(arguments.length, 2, "hartreeFockBits");
  if (
    encoding === null ||
    typeof encoding !== "object" ||
    counts === null ||
    typeof counts !== "object"
  )
    throw new ArgumentError(
      `hartreeFockBits: expected an encoding and { nAlpha, nBeta }, got ${describe(encoding)} and ${describe(counts)}`,
    );
  const n = encoding.nModes;
  const { nAlpha, nBeta } = counts;
  for (const [k, v] of [
    ["nAlpha", nAlpha],
    ["nBeta", nBeta],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > Math.floor((n + (k === "nAlpha" ? 1 : 0)) / 2)) {
      throw new ArgumentError(
        `hartreeFockBits: ${k} must be an integer in [0, ${Math.floor(n / 2)}], got ${describe(v)}`,
      );
    }
  }
  const occ = new Array<number>(n).fill(0);
  for (let p = 0; p < nAlpha; p++) occ[2 * p] = 1;
  for (let p = 0; p < nBeta; p++) occ[2 * p + 1] = 1;
  return encodeOccupations([occ], encoding)[0]!;
}
