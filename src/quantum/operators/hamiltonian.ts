/**
 * `Hamiltonian`: a real-weighted sum of Pauli strings, Paddle Quantum's list form
 * `[[0.5, "Z0, Z1"], [-0.3, "X2"]]` or text `"0.5 Z0 Z1 - 0.3 X2 + 0.1 Y3"`. Dense and sparse
 * matrices for small systems; expectation values and the ground state (Lanczos on the Pauli sum,
 * no dense matrix) through the backend.
 */
import { type Backend, getBackend, type PauliTerm } from "../../backend/backend.js";
import { ArgumentError, describe, ParseError, ResourceError } from "../../errors.js";
import type { Rng } from "../../random.js";
import { type ConstructorOptionsOf, checkArity, checkOptions, optionKeys } from "../../validate.js";
import { EXPEC_VAL_OPTIONS, type ExpecValOptions, State } from "../state/state.js";
import { lanczos } from "./lanczos.js";
import type { PauliString } from "./pauli.js";
import { parsePauli, pauliMasks, pauliToString, pauliWidth, popcount, scanPauli } from "./pauli.js";

/** Paddle Quantum's list form: [coefficient, Pauli string] pairs. */
export type HamiltonianList = readonly (readonly [number, string])[];

/** A compressed sparse row matrix; `values` interleaved complex. */
export interface SparseMatrix {
  /** Number of rows (and columns): 2^nQubits. */
  nRows: number;
  /** Row i's entries are at `rowPtr[i] .. rowPtr[i + 1] - 1`. */
  rowPtr: Int32Array;
  /** Column of each stored entry. */
  colIdx: Int32Array;
  /** Entry values, interleaved re, im. */
  values: Float64Array;
}

/** Options of `Hamiltonian.groundState`. */
export interface GroundStateOptions {
  /** Number of lowest eigenpairs (default 1). */
  k?: number;
  /** Residual tolerance (default 1e-10). */
  tol?: number;
  /** Maximum matvecs (default 5000). */
  maxIter?: number;
  /** Seed of Lanczos' start vector. */
  seed?: number | Rng;
  /** For k > 1: one eigenpair at a time with locking, exact multiplicities (default true). */
  locking?: boolean;
  /** Lanczos basis size per restart cycle (see `LanczosOptions.krylovDim`). */
  krylovDim?: number;
  /** Backend for the matvecs and the returned states (default: current). */
  backend?: string | Backend;
}

const HAMILTONIAN_OPTIONS = optionKeys<ConstructorOptionsOf<typeof Hamiltonian, 1>>({
  nQubits: true,
});
const GROUND_STATE_OPTIONS = optionKeys<GroundStateOptions>({
  k: true,
  tol: true,
  maxIter: true,
  seed: true,
  locking: true,
  krylovDim: true,
  backend: true,
});

/** Result of `Hamiltonian.groundState`. */
export interface GroundStateResult {
  /** The lowest eigenvalue. */
  energy: number;
  /** The ground state. */
  state: State;
  /** The k lowest eigenvalues, ascending. */
  energies: Float64Array;
  /** The k eigenvectors as states. */
  states: State[];
  /** Residual norms ||H v - E v||. */
  residuals: Float64Array;
  /** Number of Hamiltonian-vector products used. */
  matvecs: number;
}

const DENSE_LIMIT = 14;
const SPARSE_LIMIT = 24;

/**
 * A real-weighted sum of Pauli strings.
 * @example
 * const h = new Hamiltonian([[1, "Z0"], [0.5, "X0"]]);
 * h.expectation(State.zero(1)); // 1
 * h.groundState().energy; // -1.118... (= -sqrt(1.25))
 */
export class Hamiltonian {
  /** The terms, each Pauli string in canonical order (qubits ascending). */
  readonly terms: readonly PauliTerm[];
  private readonly explicitQubits: number;

  /**
   * @param list Paddle's list `[[coef, "Z0, Z1"], ...]` or `PauliTerm` objects.
   * @param options.nQubits at least this many qubits (default: one more than the largest index).
   * @example
   * const h = new Hamiltonian([[0.5, "Z0, Z1"], [-0.3, "X2"]]);
   */
  constructor(list: HamiltonianList | readonly PauliTerm[], options: { nQubits?: number } = {}) {
    checkArity(arguments.length, 2, "Hamiltonian");
    checkOptions(options, HAMILTONIAN_OPTIONS, "Hamiltonian");
    if (!Array.isArray(list))
      throw new ArgumentError(
        `Hamiltonian: expected a list of [coefficient, string] pairs, got ${describe(list)}`,
      );
    const terms: PauliTerm[] = [];
    list.forEach((item: unknown, i: number) => {
      let coefficient: unknown;
      let pauli: PauliString;
      if (Array.isArray(item)) {
        if (item.length !== 2 || typeof item[1] !== "string") {
          throw new ArgumentError(
            `Hamiltonian: term ${i} = ${describe(item)} is not a [coefficient, "Pauli string"] pair`,
          );
        }
        coefficient = item[0];
        pauli = parsePauli(item[1]);
      } else if (
        item !== null &&
        typeof item === "object" &&
        "coefficient" in item &&
        "qubits" in item &&
        "letters" in item
      ) {
        const t = item as PauliTerm;
        coefficient = t.coefficient;
        pauli = parsePauli(pauliToString(t));
      } else {
        throw new ArgumentError(
          `Hamiltonian: term ${i} = ${describe(item)} is not a [coefficient, string] pair or a PauliTerm`,
        );
      }
      if (typeof coefficient !== "number" || !Number.isFinite(coefficient)) {
        throw new ArgumentError(
          `Hamiltonian: term ${i} has coefficient ${describe(coefficient)}, expected a finite real number`,
        );
      }
      terms.push(Object.freeze({ coefficient, qubits: pauli.qubits, letters: pauli.letters }));
    });
    const n = options.nQubits ?? 0;
    if (!Number.isInteger(n) || n < 0)
      throw new ArgumentError(
        `Hamiltonian: nQubits must be a non-negative integer, got ${describe(n)}`,
      );
    this.terms = Object.freeze(terms);
    this.explicitQubits = n;
  }

  /**
   * Parses `"0.5 Z0 Z1 - 0.3 X2 + 0.1 Y3"`: terms joined by + or -, each an optional number
   * (scientific notation allowed, optional `*`) and Pauli factors; "I" or a bare number is a
   * constant term. Throws `ParseError` naming the text and position.
   * @example
   * Hamiltonian.fromString("-1.05 I + 0.39 Z0 - 0.39 Z1 + 1.8e-1 X0 X1");
   */
  static fromString(text: string): Hamiltonian {
    checkArity(arguments.length, 1, "Hamiltonian.fromString");
    if (typeof text !== "string")
      throw new ParseError(`Hamiltonian.fromString: expected text, got ${describe(text)}`);
    const terms: PauliTerm[] = [];
    const fail = (pos: number, what: string): never => {
      throw new ParseError(`Hamiltonian ${JSON.stringify(text)}: ${what} at position ${pos}`);
    };
    let pos = 0;
    const skip = (): void => {
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    };
    skip();
    if (pos === text.length) fail(pos, "empty text, expected terms");
    let first = true;
    while (pos < text.length) {
      let sign = 1;
      if (text[pos] === "+" || text[pos] === "-") {
        sign = text[pos] === "-" ? -1 : 1;
        pos++;
        skip();
      } else if (!first)
        fail(pos, `expected + or - before the next term, found ${JSON.stringify(text[pos])}`);
      first = false;
      const termStart = pos;
      let coef = 1;
      const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(pos));
      if (num) {
        coef = Number(num[0]);
        pos += num[0].length;
        skip();
        if (text[pos] === "*") {
          pos++;
          skip();
        }
      }
      const scan = scanPauli(text, pos);
      if (scan.end === pos && !num) {
        fail(
          pos,
          `expected a coefficient or a Pauli factor like Z0, found ${JSON.stringify(text[pos] ?? "end of text")}`,
        );
      }
      pos = scan.end;
      skip();
      if (pos < text.length && text[pos] !== "+" && text[pos] !== "-") {
        fail(
          pos,
          `expected + or - after the term starting at position ${termStart}, found ${JSON.stringify(text[pos])}`,
        );
      }
      terms.push({
        coefficient: sign * coef,
        qubits: scan.pauli.qubits,
        letters: scan.pauli.letters,
      });
    }
    return new Hamiltonian(terms);
  }

  /** The number of qubits: one more than the largest index (or the `nQubits` option if larger). */
  get nQubits(): number {
    let n = this.explicitQubits;
    for (const t of this.terms) n = Math.max(n, pauliWidth(t));
    return n;
  }

  /** The number of terms. */
  get nTerms(): number {
    return this.terms.length;
  }

  /**
   * The sum with another Hamiltonian or a constant (terms concatenated; see `compress`).
   * @example
   * h.add(Hamiltonian.fromString("Z0")).add(1.5);
   */
  add(other: Hamiltonian | number): Hamiltonian {
    checkArity(arguments.length, 1, "Hamiltonian.add");
    const o = typeof other === "number" ? new Hamiltonian([[other, "I"]]) : other;
    if (!(o instanceof Hamiltonian))
      throw new ArgumentError(
        `Hamiltonian.add: expected a Hamiltonian or number, got ${describe(other)}`,
      );
    return new Hamiltonian([...this.terms, ...o.terms], {
      nQubits: Math.max(this.explicitQubits, o.explicitQubits),
    });
  }

  /**
   * The difference `this - other`.
   * @example
   * h.sub(h).compress().nTerms; // 0
   */
  sub(other: Hamiltonian | number): Hamiltonian {
    checkArity(arguments.length, 1, "Hamiltonian.sub");
    const o = typeof other === "number" ? new Hamiltonian([[other, "I"]]) : other;
    if (!(o instanceof Hamiltonian))
      throw new ArgumentError(
        `Hamiltonian.sub: expected a Hamiltonian or number, got ${describe(other)}`,
      );
    return this.add(o.scale(-1));
  }

  /**
   * Every coefficient times `factor`.
   * @example
   * h.scale(2);
   */
  scale(factor: number): Hamiltonian {
    checkArity(arguments.length, 1, "Hamiltonian.scale");
    if (typeof factor !== "number" || !Number.isFinite(factor)) {
      throw new ArgumentError(
        `Hamiltonian.scale: factor ${describe(factor)} is not a finite number`,
      );
    }
    return new Hamiltonian(
      this.terms.map((t) => ({ ...t, coefficient: t.coefficient * factor })),
      { nQubits: this.explicitQubits },
    );
  }

  /**
   * Equal Pauli strings merged (first-appearance order), terms with |c| < tol dropped.
   * @example
   * Hamiltonian.fromString("Z0 + Z0 - 2 X1 + 2 X1").compress().toString(); // "2 Z0"
   */
  compress(tol = 1e-12): Hamiltonian {
    checkArity(arguments.length, 1, "Hamiltonian.compress");
    const merged = new Map<string, PauliTerm>();
    for (const t of this.terms) {
      const key = pauliToString(t);
      const prev = merged.get(key);
      merged.set(key, {
        qubits: t.qubits,
        letters: t.letters,
        coefficient: (prev?.coefficient ?? 0) + t.coefficient,
      });
    }
    return new Hamiltonian(
      [...merged.values()].filter((t) => Math.abs(t.coefficient) >= tol),
      { nQubits: this.explicitQubits },
    );
  }

  /**
   * Text that `fromString` reads back: `"0.5 Z0 Z1 - 0.3 X2"`; `"0"` when there are no terms.
   * @example
   * new Hamiltonian([[0.5, "z0,z1"]]).toString(); // "0.5 Z0 Z1"
   */
  toString(): string {
    if (this.terms.length === 0) return "0";
    return this.terms
      .map((t, i) => {
        const c = t.coefficient;
        const body = `${Math.abs(c)} ${pauliToString(t)}`;
        if (i === 0) return c < 0 || Object.is(c, -0) ? `-${body}` : body;
        return `${c < 0 ? "-" : "+"} ${body}`;
      })
      .join(" ");
  }

  /**
   * Paddle's list form `[[coef, "Z0, Z1"], ...]` ("I" for constants).
   * @example
   * Hamiltonian.fromString("0.5 Z0 Z1").toList(); // [[0.5, "Z0, Z1"]]
   */
  toList(): [number, string][] {
    checkArity(arguments.length, 0, "Hamiltonian.toList");
    return this.terms.map((t) => [t.coefficient, pauliToString(t, ", ")]);
  }

  /**
   * The dense 2^n x 2^n matrix (interleaved complex); refuses n > 14 (`ResourceError`).
   * @example
   * Hamiltonian.fromString("X0").matrix(); // [[0, 1], [1, 0]]
   */
  matrix(nQubits = this.nQubits): Float64Array {
    checkArity(arguments.length, 1, "Hamiltonian.matrix");
    const n = this.checkWidth(nQubits, DENSE_LIMIT, "matrix");
    const d = 2 ** n;
    const out = new Float64Array(2 * d * d);
    for (const t of this.terms) {
      const { xMask, zMask, nY } = pauliMasks(t, n);
      const [pr, pi] = iPower(nY, t.coefficient);
      for (let j = 0; j < d; j++) {
        const s = popcount(j & zMask) & 1 ? -1 : 1;
        const i = j ^ xMask;
        out[2 * (i * d + j)]! += s * pr;
        out[2 * (i * d + j) + 1]! += s * pi;
      }
    }
    return out;
  }

  /**
   * The matrix in compressed sparse row form (columns ascending per row, exact zeros dropped);
   * refuses n > 24.
   * @example
   * Hamiltonian.fromString("X0 + Z0").sparseMatrix().colIdx; // Int32Array [0, 1, 0, 1]
   */
  sparseMatrix(nQubits = this.nQubits): SparseMatrix {
    checkArity(arguments.length, 1, "Hamiltonian.sparseMatrix");
    const n = this.checkWidth(nQubits, SPARSE_LIMIT, "sparseMatrix");
    const d = 2 ** n;
    // Group by X mask: each group contributes one entry per row, at column row ^ xMask.
    const groups = new Map<number, { zMask: number; re: number; im: number }[]>();
    for (const t of this.terms) {
      const { xMask, zMask, nY } = pauliMasks(t, n);
      const [re, im] = iPower(nY, t.coefficient);
      let list = groups.get(xMask);
      if (!list) groups.set(xMask, (list = []));
      list.push({ zMask, re, im });
    }
    const masks = [...groups.keys()];
    const rowPtr = new Int32Array(d + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    const rowCols: number[] = [];
    for (let r = 0; r < d; r++) {
      rowCols.length = 0;
      const entries: [number, number, number][] = [];
      for (const x of masks) {
        const c = r ^ x;
        let re = 0;
        let im = 0;
        for (const g of groups.get(x)!) {
          const s = popcount(c & g.zMask) & 1 ? -1 : 1;
          re += s * g.re;
          im += s * g.im;
        }
        if (re !== 0 || im !== 0) entries.push([c, re, im]);
      }
      entries.sort((a, b) => a[0] - b[0]);
      for (const [c, re, im] of entries) {
        cols.push(c);
        vals.push(re, im);
      }
      rowPtr[r + 1] = cols.length;
    }
    return { nRows: d, rowPtr, colIdx: Int32Array.from(cols), values: Float64Array.from(vals) };
  }

  /**
   * <psi|H|psi> of a single state (exact, or sampled with `shots`).
   * @example
   * Hamiltonian.fromString("Z0").expectation(State.zero(1)); // 1
   */
  expectation(state: State, options: ExpecValOptions = {}): number {
    checkArity(arguments.length, 2, "Hamiltonian.expectation");
    checkOptions(options, EXPEC_VAL_OPTIONS, "Hamiltonian.expectation");
    if (!(state instanceof State))
      throw new ArgumentError(`Hamiltonian.expectation: expected a State, got ${describe(state)}`);
    return state.expecVal(this, options);
  }

  /**
   * The lowest eigenpair(s) by Lanczos on the Pauli sum (matvecs by `backend.applyPauliSum`, no
   * dense matrix), up to about 20 qubits.
   * @example
   * const { energy, state } = Hamiltonian.fromString("Z0 Z1 + 0.5 X0").groundState({ seed: 1 });
   */
  groundState(options: GroundStateOptions = {}): GroundStateResult {
    checkArity(arguments.length, 1, "Hamiltonian.groundState");
    checkOptions(options, GROUND_STATE_OPTIONS, "Hamiltonian.groundState");
    const n = Math.max(1, this.nQubits);
    const backend = getBackend(options.backend);
    const terms = this.terms;
    const matvec = (x: Float64Array, y: Float64Array): void => {
      const input = backend.fromArray(n, 1, x);
      const out = backend.zeros(n, 1);
      try {
        backend.applyPauliSum(out, input, terms);
        y.set(backend.toArray(out));
      } finally {
        backend.free(input);
        backend.free(out);
      }
    };
    const res = lanczos(matvec, 2 ** n, {
      k: options.k,
      tol: options.tol,
      maxIter: options.maxIter,
      seed: options.seed,
      locking: options.locking,
      krylovDim: options.krylovDim,
    });
    const states = res.vectors.map((v) => new State(backend.fromArray(n, 1, v), backend));
    return {
      energy: res.values[0]!,
      state: states[0]!,
      energies: res.values,
      states,
      residuals: res.residuals,
      matvecs: res.matvecs,
    };
  }

  private checkWidth(nQubits: number, limit: number, what: string): number {
    const w = this.nQubits;
    if (!Number.isInteger(nQubits) || nQubits < Math.max(w, 1)) {
      throw new ArgumentError(
        `Hamiltonian.${what}: nQubits ${describe(nQubits)} must be an integer >= ${Math.max(w, 1)}`,
      );
    }
    if (nQubits > limit) {
      throw new ResourceError(
        `Hamiltonian.${what}: ${nQubits} qubits is too large (limit ${limit}); use groundState or expectation instead`,
      );
    }
    return nQubits;
  }
}

/** c * i^nY as (re, im). */
function iPower(nY: number, c: number): [number, number] {
  switch (nY % 4) {
    case 0:
      return [c, 0];
    case 1:
      return [0, c];
    case 2:
      return [-c, 0];
    default:
      return [0, -c];
  }
}
