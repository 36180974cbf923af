/**
 * FCIDUMP, the integral interchange file of Knowles and Handy (Molpro, PySCF `tools.fcidump`,
 * Psi4 `fcidump`, OpenFermion): a Fortran namelist header `&FCI NORB=..., NELEC=..., MS2=...,
 * ORBSYM=..., ISYM=..., &END`, then one line per integral `value i j k l` with 1-based orbital
 * indices: (ij|kl) when all four are set, h_ij when k = l = 0, the energy constant when all are
 * 0 (lines `value i 0 0 0`, orbital energies, are skipped). Only restricted (spatial-orbital,
 * real) files: each stored integral stands for its 8-fold (2-fold for h) symmetric partners.
 */
import { ArgumentError, describe, ParseError } from "../errors.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { checkMOIntegrals, type MOIntegrals } from "./active-space.js";
import { setEightfold } from "./integrals/eri.js";

/** A parsed FCIDUMP file. */
export interface Fcidump {
  /** The integrals (constant = the file's core energy, usually the nuclear repulsion). */
  integrals: MOIntegrals;
  /** NELEC: number of electrons. */
  nElectrons: number;
  /** MS2 = 2 S_z = nAlpha - nBeta. */
  ms2: number;
  /** Alpha electrons, (NELEC + MS2) / 2. */
  nAlpha: number;
  /** Beta electrons, (NELEC - MS2) / 2. */
  nBeta: number;
  /** ORBSYM: the irreducible representation of each orbital (1-based; all 1 without symmetry). */
  orbitalSymmetries: number[];
  /** ISYM: the irreducible representation of the state. */
  isym: number;
}

/** Header fields after `&FCI` up to `&END` or `/`: NAME=value(s), values split on commas. */
function parseHeader(text: string): { fields: Map<string, string[]>; body: number } {
  const start = /&FCI\b/i.exec(text);
  if (start === null) throw new ParseError("FCIDUMP: no '&FCI' header at the start of the file");
  const end = /(&END\b|\/)/i.exec(text.slice(start.index + 4));
  if (end === null) throw new ParseError("FCIDUMP: the '&FCI' header has no '&END' (or '/')");
  const headerText = text.slice(start.index + 4, start.index + 4 + end.index);
  const fields = new Map<string, string[]>();
  const keys = [...headerText.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=/g)];
  keys.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < keys.length ? keys[i + 1]!.index! : headerText.length;
    const values = headerText
      .slice(from, to)
      .split(/[\s,]+/)
      .filter((v) => v !== "");
    fields.set(m[1]!.toUpperCase(), values);
  });
  return { fields, body: start.index + 4 + end.index + end[0].length };
}

function headerInteger(fields: Map<string, string[]>, key: string, fallback?: number): number {
  const v = fields.get(key);
  if (v === undefined || v.length === 0) {
    if (fallback !== undefined) return fallback;
    throw new ParseError(`FCIDUMP: the header has no ${key}=`);
  }
  const x = Number(v[0]);
  if (v.length !== 1 || !Number.isInteger(x)) {
    throw new ParseError(`FCIDUMP: ${key} must be one integer, got ${JSON.stringify(v.join(","))}`);
  }
  return x;
}

/**
 * Reads an FCIDUMP file's text.
 * @example
 * const { integrals, nAlpha, nBeta } = parseFcidump(readFileSync("h2o.FCIDUMP", "utf8"));
 * fci(integrals, { nAlpha, nBeta }).energy;
 */
export function parseFcidump(text: string): Fcidump {
  checkArity(arguments.length, 1, "parseFcidump");
  if (typeof text !== "string")
    throw new ArgumentError(`parseFcidump: text must be a string, got ${describe(text)}`);
  const { fields, body } = parseHeader(text);
  const uhf = fields.get("UHF") ?? fields.get("IUHF");
  if (uhf !== undefined && /^(\.?T(RUE)?\.?|1)$/i.test(uhf[0] ?? "")) {
    throw new ParseError(
      "FCIDUMP: UHF (spin-unrestricted) files are not supported; expected UHF=.FALSE.",
    );
  }
  const n = headerInteger(fields, "NORB");
  if (n < 1) throw new ParseError(`FCIDUMP: NORB must be >= 1, got ${n}`);
  const nElectrons = headerInteger(fields, "NELEC");
  const ms2 = headerInteger(fields, "MS2", 0);
  if (nElectrons < 0 || nElectrons > 2 * n) {
    throw new ParseError(`FCIDUMP: NELEC=${nElectrons} does not fit in NORB=${n} orbitals`);
  }
  if ((nElectrons + ms2) % 2 !== 0 || Math.abs(ms2) > nElectrons) {
    throw new ParseError(`FCIDUMP: MS2=${ms2} is impossible with NELEC=${nElectrons}`);
  }
  const nAlpha = (nElectrons + ms2) / 2;
  const nBeta = (nElectrons - ms2) / 2;
  if (nAlpha > n || nBeta > n) {
    throw new ParseError(
      `FCIDUMP: ${nAlpha} alpha and ${nBeta} beta electrons do not fit in NORB=${n} orbitals`,
    );
  }
  const orbsym = (fields.get("ORBSYM") ?? Array.from({ length: n }, () => "1")).map(Number);
  if (orbsym.length !== n || orbsym.some((s) => !Number.isInteger(s))) {
    throw new ParseError(
      `FCIDUMP: inconsistent orbital counts: ORBSYM lists ${orbsym.length} orbitals, NORB=${n}`,
    );
  }
  const isym = headerInteger(fields, "ISYM", 1);
  const h = new Float64Array(n * n);
  const eri = new Float64Array(n ** 4);
  let constant = 0;
  const lines = text.slice(body).split(/\r?\n/);
  const firstLine = text.slice(0, body).split(/\r?\n/).length;
  lines.forEach((raw, k) => {
    const line = raw.trim();
    if (line === "") return;
    const where = `FCIDUMP line ${firstLine + k}`;
    const tok = line.split(/\s+/);
    if (tok.length !== 5) {
      throw new ParseError(
        `${where}: expected "value i j k l", got ${JSON.stringify(line.slice(0, 60))}`,
      );
    }
    const v = Number(tok[0]!.replace(/[dD]/, "e"));
    const idx = tok.slice(1).map(Number);
    if (!Number.isFinite(v) || idx.some((i) => !Number.isInteger(i) || i < 0)) {
      throw new ParseError(
        `${where}: expected a number and four indices >= 0, got ${JSON.stringify(line)}`,
      );
    }
    const bad = idx.find((i) => i > n);
    if (bad !== undefined) {
      throw new ParseError(`${where}: inconsistent orbital counts: index ${bad} exceeds NORB=${n}`);
    }
    const [i, j, a, b] = idx as [number, number, number, number];
    if (i > 0 && j > 0 && a > 0 && b > 0) setEightfold(eri, n, i - 1, j - 1, a - 1, b - 1, v);
    else if (i > 0 && j > 0 && a === 0 && b === 0) {
      h[(i - 1) * n + (j - 1)] = v;
      h[(j - 1) * n + (i - 1)] = v;
    } else if (i === 0 && j === 0 && a === 0 && b === 0) constant = v;
    else if (!(i > 0 && j === 0 && a === 0 && b === 0)) {
      throw new ParseError(
        `${where}: index pattern ${idx.join(" ")} is not an integral of a restricted FCIDUMP`,
      );
    }
  });
  return {
    integrals: { nOrbitals: n, constant, h, eri },
    nElectrons,
    ms2,
    nAlpha,
    nBeta,
    orbitalSymmetries: orbsym,
    isym,
  };
}

/** Options of {@link writeFcidump}. */
export interface FcidumpWriteOptions {
  /** NELEC (required). */
  nElectrons: number;
  /** MS2 = nAlpha - nBeta (default 0). */
  ms2?: number;
  /** ORBSYM (default all 1: no symmetry). */
  orbitalSymmetries?: readonly number[];
  /** ISYM (default 1). */
  isym?: number;
  /** Integrals with |v| <= tol are not written (default 1e-15). */
  tol?: number;
}

const WRITE_OPTIONS = optionKeys<FcidumpWriteOptions>({
  nElectrons: true,
  ms2: true,
  orbitalSymmetries: true,
  isym: true,
  tol: true,
});

function fmt(v: number): string {
  return v.toExponential(16).padStart(25);
}

/**
 * Writes real MO integrals as FCIDUMP text: the symmetry-unique (ij|kl) (i >= j, k >= l,
 * ij >= kl), then h_ij (i >= j), then the constant; 17 significant digits, so reading it back
 * gives the same numbers.
 * @example
 * writeFileSync("h2.FCIDUMP", writeFcidump(problem.integrals, { nElectrons: 2 }));
 */
export function writeFcidump(ints: MOIntegrals, options: FcidumpWriteOptions): string {
  checkArity(arguments.length, 2, "writeFcidump");
  if (options === null || typeof options !== "object") {
    throw new ArgumentError(
      `writeFcidump: options { nElectrons } are required, got ${describe(options)}`,
    );
  }
  checkOptions(options, WRITE_OPTIONS, "writeFcidump");
  checkMOIntegrals(ints, "writeFcidump");
  const n = ints.nOrbitals;
  const { nElectrons } = options;
  const ms2 = options.ms2 ?? 0;
  const isym = options.isym ?? 1;
  const tol = options.tol ?? 1e-15;
  for (const [k, v] of [
    ["nElectrons", nElectrons],
    ["ms2", ms2],
    ["isym", isym],
  ] as const) {
    if (typeof v !== "number" || !Number.isInteger(v)) {
      throw new ArgumentError(`writeFcidump: ${k} must be an integer, got ${describe(v)}`);
    }
  }
  if (
    nElectrons < 0 ||
    nElectrons > 2 * n ||
    (nElectrons + ms2) % 2 !== 0 ||
    Math.abs(ms2) > nElectrons
  ) {
    throw new ArgumentError(
      `writeFcidump: nElectrons ${nElectrons} with ms2 ${ms2} does not fit ${n} orbitals`,
    );
  }
  if (!(tol >= 0)) throw new ArgumentError(`writeFcidump: tol must be >= 0, got ${describe(tol)}`);
  const orbsym = options.orbitalSymmetries ?? Array.from({ length: n }, () => 1);
  if (!Array.isArray(orbsym) || orbsym.length !== n || orbsym.some((s) => !Number.isInteger(s))) {
    throw new ArgumentError(
      `writeFcidump: orbitalSymmetries must list one integer per orbital (${n}), got ${describe(orbsym)}`,
    );
  }
  const out = [
    `&FCI NORB=${n},NELEC=${nElectrons},MS2=${ms2},`,
    ` ORBSYM=${orbsym.join(",")},`,
    ` ISYM=${isym},`,
    "&END",
  ];
  const { h, eri } = ints;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const ij = (i * (i + 1)) / 2 + j;
      for (let k = 0; k < n; k++) {
        for (let l = 0; l <= k; l++) {
          if ((k * (k + 1)) / 2 + l > ij) continue;
          const v = eri[((i * n + j) * n + k) * n + l]!;
          if (Math.abs(v) > tol) out.push(`${fmt(v)} ${i + 1} ${j + 1} ${k + 1} ${l + 1}`);
        }
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = h[i * n + j]!;
      if (Math.abs(v) > tol) out.push(`${fmt(v)} ${i + 1} ${j + 1} 0 0`);
    }
  }
  out.push(`${fmt(ints.constant)} 0 0 0 0`);
  return `${out.join("\n")}\n`;
}
