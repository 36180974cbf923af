/**
 * Gaussian basis sets: parsing the Gaussian94 text format (`.gbs`, as the Basis Set Exchange and
 * Psi4 ship them), and placing shells on a molecule's atoms.
 *
 * The first non-comment line of a bundled file says `spherical` or `cartesian`: how shells with
 * l >= 2 are meant (Psi4's defaults: STO-3G and cc-pVDZ spherical, Pople sets Cartesian). `SP`
 * (or `L`) shells share exponents between an s and a p contraction. Fortran exponents
 * (`0.1D+01`) are accepted.
 *
 * Contraction coefficients are stored for primitives normalized as x^l Gaussians, scaled so the
 * contracted x^l component has norm 1; see basis/angular.ts for the per-function transforms.
 */
import { ArgumentError, describe, ParseError } from "../errors.js";
import { checkArity, checkOptions, type OptionsOf, optionKeys } from "../validate.js";
import { doubleFactorial, functionLabels, nFunctions } from "./basis/angular.js";
import { readChemistryText } from "./basis/files.js";
import { findAtomicNumber, SYMBOLS } from "./elements.js";
import type { Molecule } from "./molecule.js";

/** A contracted shell as written in a basis file. */
export interface ShellSpec {
  /** Angular momentum (0 = s, 1 = p, ...). */
  readonly l: number;
  /** Primitive Gaussian exponents. */
  readonly exponents: readonly number[];
  /** Contraction coefficients as written (for normalized primitives). */
  readonly coefficients: readonly number[];
}

/** A parsed basis-set file. */
export interface BasisSetData {
  /** Basis-set name. */
  readonly name: string;
  /** Whether shells with l >= 2 are real solid harmonics (true) or Cartesian (false). */
  readonly pure: boolean;
  /** Shells by element symbol (canonical case: "He"). */
  readonly elements: ReadonlyMap<string, readonly ShellSpec[]>;
}

/** A shell placed on an atom, ready for the integral code. */
export interface Shell {
  /** Angular momentum (0 = s, 1 = p, ...). */
  readonly l: number;
  /** Whether l >= 2 uses real solid harmonics (true) or Cartesian functions (false). */
  readonly pure: boolean;
  /** Index of the atom it sits on. */
  readonly atom: number;
  /** Centre in Bohr. */
  readonly x: number;
  /** Centre y in Bohr. */
  readonly y: number;
  /** Centre z in Bohr. */
  readonly z: number;
  /** Primitive Gaussian exponents. */
  readonly exponents: Float64Array;
  /** Coefficients including primitive normalization (of x^l) and contraction normalization. */
  readonly coefficients: Float64Array;
  /** Index of the shell's first basis function. */
  readonly offset: number;
  /** Number of basis functions (2l+1 or (l+1)(l+2)/2). */
  readonly size: number;
}

const ANGULAR = "SPDFGHIK";

/** Basis names and their bundled file names (`*` is not a good file-name character). */
const BUNDLED: Record<string, string> = {
  "sto-3g": "sto-3g.gbs",
  "3-21g": "3-21g.gbs",
  "6-31g": "6-31g.gbs",
  "6-31g*": "6-31gs.gbs",
  "cc-pvdz": "cc-pvdz.gbs",
  "6-311g**": "6-311gss.gbs",
  "6-311g(d,p)": "6-311gss.gbs",
  "aug-cc-pvdz": "aug-cc-pvdz.gbs",
  "def2-svp": "def2-svp.gbs",
  "cc-pvtz": "cc-pvtz.gbs",
};

/** The bundled auxiliary (density-fitting) basis sets: loadBasisData reads them too. */
const AUXILIARY: Record<string, string> = {
  "cc-pvdz-jkfit": "cc-pvdz-jkfit.gbs",
  "def2-universal-jkfit": "def2-universal-jkfit.gbs",
};

/**
 * Names of the bundled auxiliary basis sets (J and K fitting, for density-fitted SCF).
 * @example
 * auxiliaryBasisNames(); // ["cc-pvdz-jkfit", "def2-universal-jkfit"]
 */
export function auxiliaryBasisNames(): string[] {
  checkArity(arguments.length, 0, "auxiliaryBasisNames");
  return Object.keys(AUXILIARY);
}

/**
 * Names of the bundled basis sets.
 * @example
 * basisNames(); // ["sto-3g", "3-21g", "6-31g", "6-31g*", "cc-pvdz", "6-311g**", ...]
 */
export function basisNames(): string[] {
  checkArity(arguments.length, 0, "basisNames");
  return Object.keys(BUNDLED);
}

const PURE_OPTIONS = optionKeys<OptionsOf<typeof parseGbs, 2>>({ pure: true });

/**
 * Parses Gaussian94 basis-set text. `pure` overrides the `spherical`/`cartesian` header line
 * (default Cartesian when the file has none).
 * @example
 * const data = parseGbs("cartesian\n****\nH 0\nS 1 1.00\n 1.0 1.0\n****\n", "mine");
 */
export function parseGbs(
  text: string,
  name = "basis",
  options: { pure?: boolean } = {},
): BasisSetData {
  checkArity(arguments.length, 3, "parseGbs");
  checkOptions(options, PURE_OPTIONS, "parseGbs");
  if (typeof text !== "string")
    throw new ArgumentError(
      `parseGbs: text must be a string (Gaussian94 basis-set text), got ${describe(text)}`,
    );
  const lines = text.split(/\r?\n/);
  let pure: boolean | undefined;
  const elements = new Map<string, ShellSpec[]>();
  let current: ShellSpec[] | undefined;
  const num = (s: string | undefined, ln: number): number => {
    const v = Number((s ?? "").replace(/[dD]/, "e"));
    if (!Number.isFinite(v))
      throw new ParseError(`${name} line ${ln}: expected a number, got ${describe(s ?? "")}`);
    return v;
  };
  let i = 0;
  while (i < lines.length) {
    const ln = i + 1;
    const line = lines[i]!.replace(/!.*$/, "").trim();
    i++;
    if (line === "") continue;
    const lower = line.toLowerCase();
    if (lower === "spherical" || lower === "cartesian") {
      pure = lower === "spherical";
      continue;
    }
    if (line.startsWith("****")) {
      current = undefined;
      continue;
    }
    const tok = line.split(/\s+/);
    if (current === undefined) {
      const z = findAtomicNumber(tok[0]!.replace(/^-/, ""));
      if (z === undefined || tok.length !== 2) {
        throw new ParseError(`${name} line ${ln}: expected "<element> 0", got ${describe(line)}`);
      }
      current = [];
      elements.set(SYMBOLS[z]!, current);
      continue;
    }
    const kind = tok[0]!.toUpperCase();
    const nPrim = Number(tok[1]);
    if (tok.length < 2 || !Number.isInteger(nPrim) || nPrim < 1) {
      throw new ParseError(
        `${name} line ${ln}: expected "<shell> <nprim> <scale>", got ${describe(line)}`,
      );
    }
    const scale = tok[2] === undefined ? 1 : num(tok[2], ln);
    const sp = kind === "SP" || kind === "L";
    const l = ANGULAR.indexOf(kind);
    if (!sp && (kind.length !== 1 || l < 0)) {
      throw new ParseError(`${name} line ${ln}: unknown shell type ${describe(tok[0])}`);
    }
    const exps: number[] = [];
    const c1: number[] = [];
    const c2: number[] = [];
    for (let k = 0; k < nPrim; k++) {
      if (i >= lines.length) throw new ParseError(`${name} line ${i}: file ends inside a shell`);
      const pl = i + 1;
      const pt = lines[i]!.trim().split(/\s+/);
      i++;
      if (pt.length < (sp ? 3 : 2)) {
        throw new ParseError(
          `${name} line ${pl}: expected exponent and coefficient${sp ? "s" : ""}`,
        );
      }
      const e = num(pt[0], pl) * scale * scale;
      if (!(e > 0))
        throw new ParseError(`${name} line ${pl}: exponent must be positive, got ${pt[0]}`);
      exps.push(e);
      c1.push(num(pt[1], pl));
      if (sp) c2.push(num(pt[2], pl));
    }
    if (sp) {
      current.push({ l: 0, exponents: exps, coefficients: c1 });
      current.push({ l: 1, exponents: exps, coefficients: c2 });
    } else {
      current.push({ l, exponents: exps, coefficients: c1 });
    }
  }
  return { name, pure: options.pure ?? pure ?? false, elements };
}

const loaded = new Map<string, BasisSetData>();

/**
 * A bundled basis set by name (case-insensitive), parsed once and cached.
 * @example
 * loadBasisData("6-31g*").pure; // false (Cartesian d)
 */
export function loadBasisData(name: string): BasisSetData {
  const key = name.trim().toLowerCase();
  const file = BUNDLED[key] ?? AUXILIARY[key];
  if (file === undefined) {
    throw new ArgumentError(
      `unknown basis set ${describe(name)}: expected one of ${basisNames().join(", ")} (auxiliary: ${auxiliaryBasisNames().join(", ")})`,
    );
  }
  let data = loaded.get(key);
  if (data === undefined) {
    const text = readChemistryText(
      ["basis", file],
      `the named basis set ${JSON.stringify(key)}`,
      "pass the parsed Gaussian94 text, parseGbs(text), instead of the name",
    );
    data = parseGbs(text, key);
    loaded.set(key, data);
  }
  return data;
}

/** Norm factor of a primitive x^l e^{-a r^2}. */
function primitiveNorm(a: number, l: number): number {
  return (((2 * a) / Math.PI) ** 0.75 * (4 * a) ** (l / 2)) / Math.sqrt(doubleFactorial(2 * l - 1));
}

/** Coefficients with primitive norms folded in, scaled so the contracted x^l function has norm 1. */
function normalizedCoefficients(spec: ShellSpec): Float64Array {
  const { l, exponents: e, coefficients: c } = spec;
  const out = new Float64Array(c.length);
  for (let k = 0; k < c.length; k++) out[k] = c[k]! * primitiveNorm(e[k]!, l);
  let s = 0;
  const df = doubleFactorial(2 * l - 1);
  for (let i = 0; i < e.length; i++) {
    for (let j = 0; j < e.length; j++) {
      const p = e[i]! + e[j]!;
      s += (out[i]! * out[j]! * (Math.PI / p) ** 1.5 * df) / (2 * p) ** l;
    }
  }
  const f = 1 / Math.sqrt(s);
  for (let k = 0; k < out.length; k++) out[k]! *= f;
  return out;
}

/**
 * A basis set on a molecule: its shells and basis functions.
 * @example
 * const basis = new BasisSet(Molecule.fromName("ch4"), "6-31g*"); // basis.nbf === 23
 */
export class BasisSet {
  /** Basis-set name. */
  readonly name: string;
  /** Whether l >= 2 shells are real solid harmonics (true) or Cartesian (false). */
  readonly pure: boolean;
  /** The parsed basis-set data the shells came from. */
  readonly data: BasisSetData;
  /** Shells in atom order. */
  readonly shells: readonly Shell[];
  /** Number of basis functions. */
  readonly nbf: number;
  /** Atom index of each basis function. */
  readonly functionAtoms: Int32Array;
  /** Labels like "O0:s", "O0:px", "H1:s", "C0:d+1". */
  readonly labels: readonly string[];

  /**
   * Places the shells of `data` (or of the bundled set named by the molecule) on its atoms.
   * @example
   * const basis = new BasisSet(Molecule.fromName("h2o"), "cc-pvdz"); // basis.nbf === 24
   */
  constructor(
    molecule: Molecule,
    basisOrDefault?: string | BasisSetData,
    options: { pure?: boolean } = {},
  ) {
    checkArity(arguments.length, 3, "BasisSet");
    checkOptions(options, PURE_OPTIONS, "BasisSet");
    if (molecule === null || typeof molecule !== "object" || !Array.isArray(molecule.atoms))
      throw new ArgumentError(`BasisSet: expected a Molecule, got ${describe(molecule)}`);
    const basis = basisOrDefault ?? molecule.basis;
    if (
      typeof basis !== "string" &&
      !(basis !== null && typeof basis === "object" && basis.elements instanceof Map)
    )
      throw new ArgumentError(
        `BasisSet: basis must be a basis-set name or parsed data (parseGbs), got ${describe(basis)}`,
      );
    const data = typeof basis === "string" ? loadBasisData(basis) : basis;
    this.name = data.name;
    this.data = data;
    this.pure = options.pure ?? data.pure;
    const shells: Shell[] = [];
    const atomsOf: number[] = [];
    const labels: string[] = [];
    let offset = 0;
    molecule.atoms.forEach((atom, ai) => {
      const specs = data.elements.get(atom.symbol);
      if (specs === undefined) {
        throw new ArgumentError(
          `basis set ${describe(data.name)} has no functions for element ${atom.symbol}`,
        );
      }
      for (const spec of specs) {
        const size = nFunctions(spec.l, this.pure);
        shells.push(
          Object.freeze({
            l: spec.l,
            pure: this.pure && spec.l >= 2,
            atom: ai,
            x: atom.x,
            y: atom.y,
            z: atom.z,
            exponents: Float64Array.from(spec.exponents),
            coefficients: normalizedCoefficients(spec),
            offset,
            size,
          }),
        );
        for (const lab of functionLabels(spec.l, this.pure)) {
          atomsOf.push(ai);
          labels.push(`${atom.symbol}${ai}:${lab}`);
        }
        offset += size;
      }
    });
    this.shells = Object.freeze(shells);
    this.nbf = offset;
    this.functionAtoms = Int32Array.from(atomsOf);
    this.labels = Object.freeze(labels);
  }

  /** Largest angular momentum of any shell. */
  get maxL(): number {
    return this.shells.reduce((m, s) => Math.max(m, s.l), 0);
  }
}
