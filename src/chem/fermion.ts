/**
 * Second quantization: `FermionOperator`, a sum of products of creation (a†) and annihilation (a)
 * operators on spin orbitals with complex coefficients, and the molecular electronic Hamiltonian
 * built from MO integrals.
 *
 * Conventions (OpenFermion's): a term is a list of ladder operators `[mode, action]`, action 1 =
 * creation, 0 = annihilation, written like `"3^ 2 1^ 0"`; normal order puts creation operators
 * left of annihilation operators, each group in descending mode order. Molecular spin orbitals
 * are interleaved: mode 2p is spatial orbital p with spin alpha, 2p + 1 the same with spin beta.
 */
import { ArgumentError, describe, ParseError } from "../errors.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import type { MOIntegrals } from "./active-space.js";
import { checkMOIntegrals } from "./active-space.js";

/** One ladder operator: `[mode, 1]` = a†_mode, `[mode, 0]` = a_mode. */
export type LadderOp = readonly [mode: number, action: 0 | 1];

/** One term of a {@link FermionOperator}: its ladder operators (left to right) and coefficient. */
export interface FermionTerm {
  /** Ladder operators in product order, leftmost first. */
  readonly ops: readonly LadderOp[];
  /** Real part of the coefficient. */
  readonly re: number;
  /** Imaginary part of the coefficient. */
  readonly im: number;
}

/** A complex coefficient: a real number or `{ re, im }` (a complex.js `Complex` is one). */
export type Coefficient =
  | number
  | {
      /** Real part. */
      re: number;
      /** Imaginary part (default 0). */
      im?: number;
    };

function splitCoefficient(c: Coefficient, where: string): [number, number] {
  if (typeof c !== "number" && (c === null || typeof c !== "object")) {
    throw new ArgumentError(
      `${where}: coefficient must be a number or { re, im }, got ${describe(c)}`,
    );
  }
  const [re, im] = typeof c === "number" ? [c, 0] : [c.re, c.im ?? 0];
  if (!Number.isFinite(re) || !Number.isFinite(im)) {
    throw new ArgumentError(`${where}: coefficient must be finite, got ${describe(c)}`);
  }
  return [re, im];
}

function termKey(ops: readonly LadderOp[]): string {
  let s = "";
  for (let i = 0; i < ops.length; i++) {
    const [m, a] = ops[i]!;
    s += i === 0 ? "" : " ";
    s += a === 1 ? `${m}^` : `${m}`;
  }
  return s;
}

/**
 * Parses `"3^ 2 1^ 0"` into ladder operators (the empty string is the identity).
 * @example parseLadderTerm("1^ 0"); // [[1, 1], [0, 0]]
 */
export function parseLadderTerm(text: string): LadderOp[] {
  const ops: LadderOp[] = [];
  for (const tok of text.trim().split(/\s+/)) {
    if (tok === "") continue;
    const m = /^(\d+)(\^?)$/.exec(tok);
    if (m === null) {
      throw new ParseError(
        `FermionOperator: bad ladder operator ${JSON.stringify(tok)} in ${JSON.stringify(text)}; expected like "3^" or "2"`,
      );
    }
    ops.push([Number(m[1]), m[2] === "^" ? 1 : 0]);
  }
  return ops;
}

/**
 * A linear combination of products of fermionic ladder operators. Immutable: every operation
 * returns a new operator.
 * @example
 * const n0 = FermionOperator.term("0^ 0");                    // number operator of mode 0
 * const h = FermionOperator.term("0^ 1", 0.5).add(FermionOperator.term("1^ 0", 0.5));
 * h.isHermitian(); // true
 */
export class FermionOperator {
  private readonly map: Map<string, { ops: LadderOp[]; re: number; im: number }>;

  private constructor(map?: Map<string, { ops: LadderOp[]; re: number; im: number }>) {
    this.map = map ?? new Map();
  }

  /** The zero operator. @example FermionOperator.zero().nTerms; // 0 */
  static zero(): FermionOperator {
    return new FermionOperator();
  }

  /** `c` times the identity. @example FermionOperator.identity(2).toString(); // "2 []" */
  static identity(coefficient: Coefficient = 1): FermionOperator {
    return FermionOperator.term([], coefficient);
  }

  /**
   * One product of ladder operators times a coefficient.
   * @param ops `"3^ 2"` or `[[3, 1], [2, 0]]`
   * @example
   * FermionOperator.term("1^ 0", 0.5); // 0.5 a†_1 a_0
   */
  static term(ops: string | readonly LadderOp[], coefficient: Coefficient = 1): FermionOperator {
    checkArity(arguments.length, 2, "FermionOperator.term");
    if (typeof ops !== "string" && !Array.isArray(ops)) {
      throw new ArgumentError(
        `FermionOperator.term: ops must be a string such as "1^ 0" or a list of [mode, dagger] pairs, got ${describe(ops)}`,
      );
    }
    const list = typeof ops === "string" ? parseLadderTerm(ops) : ops.map((o) => validateLadder(o));
    const [re, im] = splitCoefficient(coefficient, "FermionOperator.term");
    const out = new FermionOperator();
    if (re !== 0 || im !== 0) out.map.set(termKey(list), { ops: list.slice(), re, im });
    return out;
  }

  /** Number of stored terms. */
  get nTerms(): number {
    return this.map.size;
  }

  /** One more than the largest mode index used (0 for a constant). */
  get nModes(): number {
    let m = 0;
    for (const t of this.map.values()) for (const [i] of t.ops) m = Math.max(m, i + 1);
    return m;
  }

  /** The terms (a snapshot). @example for (const t of op.terms()) console.log(t.ops, t.re); */
  terms(): FermionTerm[] {
    return [...this.map.values()].map((t) => ({ ops: t.ops.slice(), re: t.re, im: t.im }));
  }

  /** Coefficient of the term with exactly these ladder operators (in this order), 0 if absent. */
  coefficient(ops: string | readonly LadderOp[]): {
    /** Real part. */
    re: number;
    /** Imaginary part. */
    im: number;
  } {
    if (typeof ops !== "string" && !Array.isArray(ops))
      throw new ArgumentError(
        `coefficient: ops must be a string or ladder pairs, got ${describe(ops)}`,
      );
    const list = typeof ops === "string" ? parseLadderTerm(ops) : ops.map((o) => validateLadder(o));
    const t = this.map.get(termKey(list));
    return t === undefined ? { re: 0, im: 0 } : { re: t.re + 0, im: t.im + 0 };
  }

  /** Sum. @example FermionOperator.term("0^ 0").add(FermionOperator.identity(1)); */
  add(other: FermionOperator): FermionOperator {
    checkFermion(other, "FermionOperator.add");
    const out = this.clone();
    for (const t of other.map.values()) out.accumulate(t.ops, t.re, t.im);
    return out.simplify(0);
  }

  /** Difference. @example a.sub(a).nTerms; // 0 */
  sub(other: FermionOperator): FermionOperator {
    checkFermion(other, "FermionOperator.sub");
    return this.add(other.scale(-1));
  }

  /** Product with a (complex) scalar. @example FermionOperator.term("0^ 0").scale({ re: 0, im: 1 }); */
  scale(c: Coefficient): FermionOperator {
    const [cr, ci] = splitCoefficient(c, "FermionOperator.scale");
    const out = new FermionOperator();
    for (const [k, t] of this.map) {
      const re = t.re * cr - t.im * ci;
      const im = t.re * ci + t.im * cr;
      if (re !== 0 || im !== 0) out.map.set(k, { ops: t.ops, re, im });
    }
    return out;
  }

  /** Operator product `this * other` (concatenates ladder strings, not normal ordered). */
  multiply(other: FermionOperator): FermionOperator {
    checkFermion(other, "FermionOperator.multiply");
    const out = new FermionOperator();
    for (const a of this.map.values()) {
      for (const b of other.map.values()) {
        out.accumulate(a.ops.concat(b.ops), a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
      }
    }
    return out.simplify(0);
  }

  /** Hermitian conjugate: reverses each product, swaps a and a†, conjugates coefficients. */
  hermitianConjugate(): FermionOperator {
    const out = new FermionOperator();
    for (const t of this.map.values()) {
      const ops = t.ops
        .slice()
        .reverse()
        .map(([m, a]) => [m, a === 1 ? 0 : 1] as LadderOp);
      out.accumulate(ops, t.re, -t.im);
    }
    return out;
  }

  /**
   * Normal-ordered form (creation left of annihilation, each group in descending mode order),
   * using the anticommutation relations {a_p, a†_q} = δ_pq; products with a repeated a_p or a†_p
   * vanish. Two operators are equal exactly when their normal forms are.
   * @example
   * FermionOperator.term("0 0^").normalOrdered().toString(); // "1 [] + -1 [0^ 0]"
   */
  normalOrdered(): FermionOperator {
    const terms: { ops: LadderOp[]; re: number; im: number }[] = [];
    const sink = (ops: LadderOp[], re: number, im: number): void => {
      terms.push({ ops, re, im });
    };
    for (const t of this.map.values()) normalOrderTerm(t.ops.slice(), t.re, t.im, sink);
    return FermionOperator.fromTerms(terms).simplify(0);
  }

  /** Drops terms whose |coefficient| <= tol. */
  simplify(tol = 1e-12): FermionOperator {
    const out = new FermionOperator();
    for (const [k, t] of this.map) if (Math.hypot(t.re, t.im) > tol) out.map.set(k, t);
    return out;
  }

  /** Whether the normal forms of `this` and `other` agree to `tol` per coefficient. */
  equals(other: FermionOperator, tol = 1e-10): boolean {
    checkFermion(other, "FermionOperator.equals");
    const d = this.sub(other).normalOrdered();
    for (const t of d.map.values()) if (Math.hypot(t.re, t.im) > tol) return false;
    return true;
  }

  /** Whether the operator equals its Hermitian conjugate (to `tol`). */
  isHermitian(tol = 1e-10): boolean {
    return this.equals(this.hermitianConjugate(), tol);
  }

  /**
   * Renames modes: mode i becomes `perm[i]` (a permutation of 0..n-1 with n >= nModes).
   * @example op.permuteModes(interleavedToBlock(4)); // spin orbitals in block order
   */
  permuteModes(perm: readonly number[]): FermionOperator {
    if (!Array.isArray(perm))
      throw new ArgumentError(
        `permuteModes: perm must be an array of modes, got ${describe(perm)}`,
      );
    if (perm.length < this.nModes) {
      throw new ArgumentError(
        `permuteModes: perm has ${perm.length} entries, the operator uses ${this.nModes} modes`,
      );
    }
    const out = new FermionOperator();
    for (const t of this.map.values()) {
      out.accumulate(
        t.ops.map(([m, a]) => [perm[m]!, a] as LadderOp),
        t.re,
        t.im,
      );
    }
    return out;
  }

  /** Human-readable text, one `coef [ops]` per term joined by " + ". */
  toString(): string {
    if (this.map.size === 0) return "0";
    return [...this.map.entries()]
      .map(
        ([k, t]) =>
          `${t.im === 0 ? t.re : `(${t.re}${t.im < 0 ? "-" : "+"}${Math.abs(t.im)}j)`} [${k}]`,
      )
      .join(" + ");
  }

  private clone(): FermionOperator {
    const m = new Map<string, { ops: LadderOp[]; re: number; im: number }>();
    for (const [k, t] of this.map) m.set(k, { ops: t.ops, re: t.re, im: t.im });
    return new FermionOperator(m);
  }

  /** Adds `(re + i im) * ops` in place (only on operators under construction). */
  private accumulate(ops: LadderOp[], re: number, im: number): void {
    const k = termKey(ops);
    const t = this.map.get(k);
    if (t === undefined) this.map.set(k, { ops, re, im });
    else {
      t.re += re;
      t.im += im;
    }
  }

  /**
   * The sum of the given terms (their `ops` arrays are taken over, not copied).
   * @example FermionOperator.fromTerms([{ ops: [[0, 1], [0, 0]], re: 1 }]);
   */
  static fromTerms(terms: Iterable<{ ops: LadderOp[]; re: number; im?: number }>): FermionOperator {
    checkArity(arguments.length, 1, "FermionOperator.fromTerms");
    if (terms === null || typeof (terms as Iterable<unknown>)?.[Symbol.iterator] !== "function") {
      throw new ArgumentError(
        `FermionOperator.fromTerms: terms must be an iterable of { ops, re, im }, got ${describe(terms)}`,
      );
    }
    const out = new FermionOperator();
    for (const t of terms) {
      if (t === null || typeof t !== "object" || !Array.isArray(t.ops)) {
        throw new ArgumentError(
          `FermionOperator.fromTerms: each term must be { ops, re, im }, got ${describe(t)}`,
        );
      }
      const [re, im] = splitCoefficient({ re: t.re, im: t.im ?? 0 }, "FermionOperator.fromTerms");
      out.accumulate(
        t.ops.map((o) => validateLadder(o)),
        re,
        im,
      );
    }
    return out;
  }
}

function checkFermion(other: unknown, where: string): void {
  if (!(other instanceof FermionOperator))
    throw new ArgumentError(`${where}: expected a FermionOperator, got ${describe(other)}`);
}

function validateLadder(o: LadderOp): LadderOp {
  if (!Array.isArray(o) || o.length !== 2) {
    throw new ArgumentError(`a ladder operator must be a pair [mode, dagger], got ${describe(o)}`);
  }
  const [m, a] = o;
  if (!Number.isInteger(m) || m < 0 || (a !== 0 && a !== 1)) {
    throw new ArgumentError(
      `FermionOperator: ladder operator must be [mode >= 0, 0 | 1], got ${describe(o)}`,
    );
  }
  return [m, a];
}

// OpenFermion's bubble sort: swaps pick up a sign; a_p a†_p -> 1 - a†_p a_p spawns a shorter term.
function normalOrderTerm(
  term: LadderOp[],
  re: number,
  im: number,
  sink: (ops: LadderOp[], re: number, im: number) => void,
): void {
  for (let i = 1; i < term.length; i++) {
    for (let j = i; j > 0; j--) {
      const right = term[j]!;
      const left = term[j - 1]!;
      if (right[1] === 1 && left[1] === 0) {
        term[j - 1] = right;
        term[j] = left;
        re = -re;
        im = -im;
        if (right[0] === left[0]) {
          normalOrderTerm(term.slice(0, j - 1).concat(term.slice(j + 1)), -re, -im, sink);
        }
      } else if (right[1] === left[1]) {
        if (right[0] === left[0]) return;
        if (right[0] > left[0]) {
          term[j - 1] = right;
          term[j] = left;
          re = -re;
          im = -im;
        }
      }
    }
  }
  sink(term, re, im);
}

/**
 * The permutation from interleaved spin orbitals (2p alpha, 2p+1 beta) to block order (alpha
 * orbitals 0..n/2-1, then beta n/2..n-1): `perm[interleavedMode] = blockMode`.
 * @example interleavedToBlock(4); // [0, 2, 1, 3]
 */
export function interleavedToBlock(nSpinOrbitals: number): number[] {
  if (!Number.isInteger(nSpinOrbitals) || nSpinOrbitals < 0 || nSpinOrbitals % 2 !== 0) {
    throw new ArgumentError(
      `interleavedToBlock: nSpinOrbitals must be an even integer >= 0, got ${nSpinOrbitals}`,
    );
  }
  const half = nSpinOrbitals / 2;
  return Array.from({ length: nSpinOrbitals }, (_, i) =>
    i % 2 === 0 ? i / 2 : half + (i - 1) / 2,
  );
}

const MOLECULAR_HAMILTONIAN_OPTIONS = optionKeys<OptionsOf<typeof molecularHamiltonian, 1>>({
  tol: true,
});

/**
 * The molecular electronic Hamiltonian in second quantization over interleaved spin orbitals:
 * H = E_const + Σ_{pq,σ} h_pq a†_{pσ} a_{qσ} + ½ Σ_{pqrs,στ} (pq|rs) a†_{pσ} a†_{rτ} a_{sτ} a_{qσ}
 * (chemists' notation; spin orbital 2p = p alpha, 2p+1 = p beta). Integrals with |v| <= `tol` are
 * skipped (default 0: only exact zeros).
 * @example
 * const H = molecularHamiltonian(moIntegralsFromArrays(h, eri, eNuc)); // H2: 4 spin orbitals
 */
export function molecularHamiltonian(
  ints: MOIntegrals,
  options: { tol?: number } = {},
): FermionOperator {
  checkArity(arguments.length, 2, "molecularHamiltonian");
  checkOptions(options, MOLECULAR_HAMILTONIAN_OPTIONS, "molecularHamiltonian");
  checkMOIntegrals(ints, "molecularHamiltonian");
  const { nOrbitals: n, h, eri, constant } = ints;
  const tol = options.tol ?? 0;
  const terms: { ops: LadderOp[]; re: number }[] = [];
  if (constant !== 0) terms.push({ ops: [], re: constant });
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      const v = h[p * n + q]!;
      if (Math.abs(v) <= tol) continue;
      for (let s = 0; s < 2; s++)
        terms.push({
          ops: [
            [2 * p + s, 1],
            [2 * q + s, 0],
          ],
          re: v,
        });
    }
  }
  for (let p = 0; p < n; p++) {
    for (let q = 0; q < n; q++) {
      for (let r = 0; r < n; r++) {
        for (let s = 0; s < n; s++) {
          const v = 0.5 * eri[((p * n + q) * n + r) * n + s]!;
          if (Math.abs(v) <= tol) continue;
          for (let sig = 0; sig < 2; sig++) {
            for (let tau = 0; tau < 2; tau++) {
              const P = 2 * p + sig;
              const Q = 2 * q + sig;
              const R = 2 * r + tau;
              const S = 2 * s + tau;
              if (P === R || Q === S) continue; // a†a† or aa on one mode is zero
              terms.push({
                ops: [
                  [P, 1],
                  [R, 1],
                  [S, 0],
                  [Q, 0],
                ],
                re: v,
              });
            }
          }
        }
      }
    }
  }
  return FermionOperator.fromTerms(terms);
}

function checkOrbitals(nOrbitals: number, where: string): void {
  if (!Number.isInteger(nOrbitals) || nOrbitals < 0) {
    throw new ArgumentError(
      `${where}: nOrbitals must be an integer >= 0, got ${describe(nOrbitals)}`,
    );
  }
}

/**
 * The electron-number operator N = Σ_p a†_p a_p over 2 nOrbitals interleaved spin orbitals.
 * @example jordanWigner(numberOperator(1)).toList(); // [[1, "I"], [-0.5, "Z0"], [-0.5, "Z1"]]
 */
export function numberOperator(nOrbitals: number): FermionOperator {
  checkOrbitals(nOrbitals, "numberOperator");
  const terms: { ops: LadderOp[]; re: number }[] = [];
  for (let m = 0; m < 2 * nOrbitals; m++)
    terms.push({
      ops: [
        [m, 1],
        [m, 0],
      ],
      re: 1,
    });
  return FermionOperator.fromTerms(terms);
}

/**
 * S_z = ½ Σ_p (n_{p alpha} - n_{p beta}) over interleaved spin orbitals.
 * @example szOperator(2).nTerms; // 4
 */
export function szOperator(nOrbitals: number): FermionOperator {
  checkOrbitals(nOrbitals, "szOperator");
  const terms: { ops: LadderOp[]; re: number }[] = [];
  for (let p = 0; p < nOrbitals; p++) {
    terms.push({
      ops: [
        [2 * p, 1],
        [2 * p, 0],
      ],
      re: 0.5,
    });
    terms.push({
      ops: [
        [2 * p + 1, 1],
        [2 * p + 1, 0],
      ],
      re: -0.5,
    });
  }
  return FermionOperator.fromTerms(terms);
}

/**
 * Total spin S² = S_- S_+ + S_z (S_z + 1), with S_+ = Σ_p a†_{p alpha} a_{p beta}, over
 * interleaved spin orbitals (normal ordered). Eigenvalues S(S+1).
 * @example s2Operator(1).isHermitian(); // true
 */
export function s2Operator(nOrbitals: number): FermionOperator {
  checkOrbitals(nOrbitals, "s2Operator");
  const sPlus: { ops: LadderOp[]; re: number }[] = [];
  const sMinus: { ops: LadderOp[]; re: number }[] = [];
  for (let p = 0; p < nOrbitals; p++) {
    sPlus.push({
      ops: [
        [2 * p, 1],
        [2 * p + 1, 0],
      ],
      re: 1,
    });
    sMinus.push({
      ops: [
        [2 * p + 1, 1],
        [2 * p, 0],
      ],
      re: 1,
    });
  }
  const sz = szOperator(nOrbitals);
  return FermionOperator.fromTerms(sMinus)
    .multiply(FermionOperator.fromTerms(sPlus))
    .add(sz.multiply(sz))
    .add(sz)
    .normalOrdered();
}
