/**
 * Molecules: atoms (nuclear charges and positions), total charge, spin multiplicity and the name
 * of the basis set to use. Positions are stored in Bohr (atomic units inside); input is Angstrom
 * by default, converted with 1 Bohr = 0.52917721067 A (CODATA 2014, as the reference data).
 *
 * Bundled molecules live in `chemistry/molecules/<name>.xyz`. XYZ comment lines may carry
 * `charge=<int>` and `multiplicity=<int>` (also `mult=`), e.g. `heh+.xyz` says `charge=1`.
 */
import { ArgumentError, describe, ParseError } from "../errors.js";
import { type ConstructorOptionsOf, checkArity, checkOptions, optionKeys } from "../validate.js";
import { listChemistry, readChemistryText } from "./basis/files.js";
import { elementSymbol, findAtomicNumber } from "./elements.js";

/** 1 Bohr in Angstrom (CODATA 2014, Psi4 1.3.2's value). */
export const BOHR_IN_ANGSTROM = 0.52917721067;

/** What to do where the bundled molecule files cannot be read (in a browser). */
const XYZ_TEXT = "pass the geometry as text with Molecule.fromXYZ(text) instead of a name";

/** Sorted names of the bundled molecules; `what` names the caller in the browser error. */
function bundledMolecules(what: string): string[] {
  return listChemistry(["molecules"], what, XYZ_TEXT)
    .filter((f) => f.endsWith(".xyz"))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Atoms closer than this (Bohr) are rejected as "on top of each other". */
const MIN_DISTANCE_BOHR = 1e-3;

/** One nucleus: element, nuclear charge and position in Bohr. */
export interface Atom {
  /** Element symbol, e.g. "H". */
  readonly symbol: string;
  /** Atomic number = nuclear charge. */
  readonly Z: number;
  /** Cartesian position in Bohr. */
  readonly x: number;
  /** y position in Bohr. */
  readonly y: number;
  /** z position in Bohr. */
  readonly z: number;
}

/** Options of the Molecule constructors. */
export interface MoleculeOptions {
  /** Basis-set name (default "sto-3g"); see `basisNames()` in basis.ts. */
  basis?: string;
  /** Total charge (default 0, or the XYZ comment's `charge=`). */
  charge?: number;
  /** Spin multiplicity 2S+1 (default: 1 for an even electron count, 2 for odd). */
  multiplicity?: number;
  /** Units of the coordinates given (default "angstrom"). */
  units?: "angstrom" | "bohr";
  /** A name for reports. */
  name?: string;
}

const MOLECULE_OPTIONS = optionKeys<MoleculeOptions>({
  basis: true,
  charge: true,
  multiplicity: true,
  units: true,
  name: true,
});

/** An atom as given: symbol and coordinates in the input units. */
export type AtomSpec = readonly [symbol: string, x: number, y: number, z: number];

const MOLECULE_CTOR_OPTIONS = optionKeys<ConstructorOptionsOf<typeof Molecule, 1>>({
  charge: true,
  multiplicity: true,
  basis: true,
  name: true,
});

/** The constructor's options from `MoleculeOptions` (the units only matter to the parsers). */
function withoutUnits(options: MoleculeOptions): ConstructorOptionsOf<typeof Molecule, 1> {
  const { units: _units, ...rest } = options;
  return rest;
}

/**
 * A molecule: nuclei, charge, multiplicity and basis name. Immutable.
 * @example
 * const mol = Molecule.fromGeometry("O 0 0 0.1173; H 0 0.7572 -0.4692; H 0 -0.7572 -0.4692");
 * mol.nElectrons; // 10
 */
export class Molecule {
  /** The nuclei, positions in Bohr. */
  readonly atoms: readonly Atom[];
  /** Total charge. */
  readonly charge: number;
  /** Spin multiplicity 2S+1. */
  readonly multiplicity: number;
  /** Basis-set name. */
  readonly basis: string;
  /** A name for reports. */
  readonly name: string;

  /**
   * @param atoms atoms with positions in Bohr (use the static constructors for Angstrom input)
   * @example
   * const h2 = new Molecule([{ symbol: "H", Z: 1, x: 0, y: 0, z: 0 }, { symbol: "H", Z: 1, x: 0, y: 0, z: 1.4 }]);
   */
  constructor(
    atoms: readonly Atom[],
    options: { charge?: number; multiplicity?: number; basis?: string; name?: string } = {},
  ) {
    checkArity(arguments.length, 2, "Molecule");
    checkOptions(options, MOLECULE_CTOR_OPTIONS, "Molecule");
    for (const key of ["basis", "name"] as const) {
      if (options[key] !== undefined && typeof options[key] !== "string")
        throw new ArgumentError(`Molecule: ${key} must be a string, got ${describe(options[key])}`);
    }
    if (!Array.isArray(atoms)) {
      throw new ArgumentError(
        `Molecule: atoms must be an array of { symbol, Z, x, y, z } in Bohr (or use Molecule.fromGeometry), got ${describe(atoms)}`,
      );
    }
    if (atoms.length === 0) throw new ArgumentError("Molecule: atoms must not be empty");
    for (const a of atoms) {
      if (![a.x, a.y, a.z].every(Number.isFinite)) {
        throw new ArgumentError(
          `Molecule: coordinates of ${a.symbol} must be finite, got ${describe([a.x, a.y, a.z])}`,
        );
      }
    }
    for (let i = 0; i < atoms.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = atoms[i]!;
        const b = atoms[j]!;
        const d = Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
        if (d < MIN_DISTANCE_BOHR) {
          throw new ArgumentError(
            `Molecule: atoms ${j} (${b.symbol}) and ${i} (${a.symbol}) are on top of each other (distance ${d} Bohr)`,
          );
        }
      }
    }
    const charge = options.charge ?? 0;
    if (!Number.isInteger(charge))
      throw new ArgumentError(`Molecule: charge must be an integer, got ${charge}`);
    const nuclear = atoms.reduce((s, a) => s + a.Z, 0);
    const nel = nuclear - charge;
    if (nel < 0) {
      throw new ArgumentError(
        `Molecule: charge ${charge} leaves a negative electron count (${nel})`,
      );
    }
    const mult = options.multiplicity ?? (nel % 2 === 0 ? 1 : 2);
    if (!Number.isInteger(mult) || mult < 1) {
      throw new ArgumentError(`Molecule: multiplicity must be an integer >= 1, got ${mult}`);
    }
    if ((nel - (mult - 1)) % 2 !== 0 || mult - 1 > nel) {
      throw new ArgumentError(
        `Molecule: multiplicity ${mult} is impossible with ${nel} electrons (2S = ${mult - 1} must have the parity of the electron count and not exceed it)`,
      );
    }
    this.atoms = atoms.map((a) => Object.freeze({ ...a }));
    this.charge = charge;
    this.multiplicity = mult;
    this.basis = (options.basis ?? "sto-3g").toLowerCase();
    this.name = options.name ?? this.formula();
    Object.freeze(this.atoms);
  }

  /**
   * Molecule from `"H 0 0 0; H 0 0 0.735"` (atoms separated by `;` or newlines) or a list of
   * `[symbol, x, y, z]`.
   * @example
   * const lih = Molecule.fromGeometry("Li 0 0 0; H 0 0 1.5949", { basis: "sto-3g" });
   */
  static fromGeometry(
    geometry: string | readonly AtomSpec[],
    options: MoleculeOptions = {},
  ): Molecule {
    checkArity(arguments.length, 2, "Molecule.fromGeometry");
    checkOptions(options, MOLECULE_OPTIONS, "Molecule.fromGeometry");
    const scale = unitScale(options.units);
    let specs: AtomSpec[];
    if (typeof geometry === "string") {
      specs = [];
      const parts = geometry.split(/[;\n]/);
      for (let k = 0; k < parts.length; k++) {
        const line = parts[k]!.trim();
        if (line === "") continue;
        specs.push(parseAtomLine(line, `geometry entry ${k + 1}`));
      }
    } else if (Array.isArray(geometry)) {
      specs = geometry.map((g, k) => {
        if (!Array.isArray(g) || g.length !== 4 || typeof g[0] !== "string") {
          throw new ArgumentError(
            `Molecule.fromGeometry: atom ${k} must be [symbol, x, y, z], got ${describe(g)}`,
          );
        }
        return g as unknown as AtomSpec;
      });
    } else {
      throw new ArgumentError(
        `Molecule.fromGeometry: geometry must be a string or a list, got ${describe(geometry)}`,
      );
    }
    return new Molecule(
      specs.map((s) => makeAtom(s, scale)),
      withoutUnits(options),
    );
  }

  /**
   * Molecule from XYZ text: atom count, a comment line (may hold `charge=1 multiplicity=3`),
   * then one `symbol x y z` line per atom (Angstrom unless `units` says otherwise).
   * @example
   * const h2 = Molecule.fromXYZ("2\nhydrogen\nH 0 0 0\nH 0 0 0.735\n");
   */
  static fromXYZ(text: string, options: MoleculeOptions = {}): Molecule {
    checkArity(arguments.length, 2, "Molecule.fromXYZ");
    checkOptions(options, MOLECULE_OPTIONS, "Molecule.fromXYZ");
    if (typeof text !== "string")
      throw new ArgumentError(
        `Molecule.fromXYZ: text must be a string (the XYZ file), got ${describe(text)}`,
      );
    const lines = text.split(/\r?\n/);
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
    const count = Number(lines[0]?.trim());
    if (!Number.isInteger(count) || count < 1) {
      throw new ParseError(
        `XYZ line 1: expected the atom count (a positive integer), got ${describe(lines[0] ?? "")}`,
      );
    }
    if (lines.length !== count + 2) {
      throw new ParseError(
        `XYZ: the first line says ${count} atoms, but the file has ${Math.max(0, lines.length - 2)} atom lines`,
      );
    }
    const comment = lines[1]!;
    const fromComment: MoleculeOptions = {};
    const cm = /\bcharge\s*=\s*([+-]?\d+)/i.exec(comment);
    if (cm) fromComment.charge = Number(cm[1]);
    const mm = /\b(?:multiplicity|mult)\s*=\s*(\d+)/i.exec(comment);
    if (mm) fromComment.multiplicity = Number(mm[1]);
    const scale = unitScale(options.units);
    const atoms: Atom[] = [];
    for (let i = 0; i < count; i++) {
      atoms.push(makeAtom(parseAtomLine(lines[i + 2]!, `XYZ line ${i + 3}`), scale));
    }
    return new Molecule(atoms, { ...fromComment, ...withoutUnits(stripUndefined(options)) });
  }

  /**
   * A bundled molecule (`chemistry/molecules/<name>.xyz`), e.g. "h2", "lih", "h2o", "heh+".
   * @example
   * const water = Molecule.fromName("h2o", { basis: "6-31g" });
   */
  static fromName(name: string, options: MoleculeOptions = {}): Molecule {
    checkArity(arguments.length, 2, "Molecule.fromName");
    checkOptions(options, MOLECULE_OPTIONS, "Molecule.fromName");
    if (typeof name !== "string")
      throw new ArgumentError(
        `Molecule.fromName: name must be a string such as "h2", got ${describe(name)}`,
      );
    const key = name.trim().toLowerCase();
    const names = bundledMolecules(`Molecule.fromName(${describe(name)})`);
    if (!names.includes(key)) {
      throw new ArgumentError(
        `Molecule.fromName: unknown molecule ${describe(name)}; bundled: ${names.join(", ")}`,
      );
    }
    const text = readChemistryText(
      ["molecules", `${key}.xyz`],
      `Molecule.fromName(${describe(name)})`,
      XYZ_TEXT,
    );
    return Molecule.fromXYZ(text, { name: key, ...options });
  }

  /**
   * Names of the bundled molecules.
   * @example
   * Molecule.list(); // ["beh2", "ch4", "h2", ...]
   */
  static list(): string[] {
    checkArity(arguments.length, 0, "Molecule.list");
    return bundledMolecules("Molecule.list()");
  }

  /** Total number of electrons. */
  get nElectrons(): number {
    return this.atoms.reduce((s, a) => s + a.Z, 0) - this.charge;
  }

  /** Number of alpha electrons (nElectrons + 2S) / 2. */
  get nAlpha(): number {
    return (this.nElectrons + this.multiplicity - 1) / 2;
  }

  /** Number of beta electrons (nElectrons - 2S) / 2. */
  get nBeta(): number {
    return (this.nElectrons - this.multiplicity + 1) / 2;
  }

  /**
   * Nuclear repulsion energy Σ_{A<B} Z_A Z_B / R_AB in Hartree.
   * @example
   * Molecule.fromName("h2").nuclearRepulsion(); // 0.71996899...
   */
  nuclearRepulsion(): number {
    checkArity(arguments.length, 0, "Molecule.nuclearRepulsion");
    let e = 0;
    const at = this.atoms;
    for (let i = 0; i < at.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = at[i]!;
        const b = at[j]!;
        e += (a.Z * b.Z) / Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
      }
    }
    return e;
  }

  /**
   * A copy with other options (basis, charge, multiplicity, name).
   * @example
   * const cation = Molecule.fromName("h2o").with({ charge: 1 });
   */
  with(
    options: { basis?: string; charge?: number; multiplicity?: number; name?: string } = {},
  ): Molecule {
    checkArity(arguments.length, 1, "Molecule.with");
    checkOptions(options, MOLECULE_CTOR_OPTIONS, "Molecule.with");
    const charge = options.charge ?? this.charge;
    return new Molecule(this.atoms, {
      basis: options.basis ?? this.basis,
      charge,
      multiplicity:
        options.multiplicity ?? (charge === this.charge ? this.multiplicity : undefined),
      name: options.name ?? this.name,
    });
  }

  /**
   * Hill-order formula ("H2O", "CH4", "HHe").
   * @example
   * Molecule.fromName("ch4").formula(); // "CH4"
   */
  formula(): string {
    checkArity(arguments.length, 0, "Molecule.formula");
    const counts = new Map<string, number>();
    for (const a of this.atoms) counts.set(a.symbol, (counts.get(a.symbol) ?? 0) + 1);
    const keys = [...counts.keys()];
    const order = counts.has("C")
      ? ["C", "H", ...keys.filter((k) => k !== "C" && k !== "H").sort()].filter((k) =>
          counts.has(k),
        )
      : keys.sort();
    return order.map((k) => (counts.get(k) === 1 ? k : `${k}${counts.get(k)}`)).join("");
  }

  /**
   * XYZ text of the molecule (Angstrom), with charge and multiplicity in the comment line.
   * @example
   * Molecule.fromXYZ(Molecule.fromName("h2").toXYZ()); // the same molecule
   */
  toXYZ(): string {
    checkArity(arguments.length, 0, "Molecule.toXYZ");
    const lines = [
      `${this.atoms.length}`,
      `${this.name} charge=${this.charge} multiplicity=${this.multiplicity}`,
    ];
    for (const a of this.atoms) {
      const f = (v: number) => (v * BOHR_IN_ANGSTROM).toFixed(10);
      lines.push(`${a.symbol} ${f(a.x)} ${f(a.y)} ${f(a.z)}`);
    }
    return `${lines.join("\n")}\n`;
  }
}

function unitScale(units: string | undefined): number {
  if (units === undefined || units === "angstrom") return 1 / BOHR_IN_ANGSTROM;
  if (units === "bohr") return 1;
  throw new ArgumentError(`Molecule: units must be "angstrom" or "bohr", got ${describe(units)}`);
}

function parseAtomLine(line: string, where: string): AtomSpec {
  const tok = line.trim().split(/[\s,]+/);
  if (tok.length !== 4) {
    throw new ParseError(`${where}: expected "symbol x y z", got ${describe(line.trim())}`);
  }
  const xyz = tok.slice(1).map(Number);
  if (!xyz.every(Number.isFinite)) {
    throw new ParseError(`${where}: coordinates must be numbers, got ${describe(line.trim())}`);
  }
  if (findAtomicNumber(tok[0]!) === undefined) {
    throw new ParseError(`${where}: unknown element symbol ${describe(tok[0])}`);
  }
  return [tok[0]!, xyz[0]!, xyz[1]!, xyz[2]!];
}

function makeAtom(spec: AtomSpec, scale: number): Atom {
  const z = findAtomicNumber(spec[0]);
  if (z === undefined)
    throw new ArgumentError(`Molecule: unknown element symbol ${describe(spec[0])}`);
  const [, x, y, w] = spec;
  if (![x, y, w].every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new ArgumentError(
      `Molecule: coordinates of ${spec[0]} must be finite numbers, got ${describe(spec)}`,
    );
  }
  return { symbol: elementSymbol(z), Z: z, x: x * scale, y: y * scale, z: w * scale };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
