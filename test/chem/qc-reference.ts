/**
 * Loads the shared reference data (/work/shared/reference in the workspace) for the quantum
 * chemistry tests: `QOAR_REFERENCE` if set, else `shared/reference` in or next to the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type MOIntegrals, transformToMO } from "../../src/chem/active-space.js";
import { computeIntegrals } from "../../src/chem/integrals/index.js";
import { jacobiEigh } from "../../src/chem/linalg-small.js";
import { type AtomSpec, Molecule } from "../../src/chem/molecule.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Directory of the reference files. */
export function referenceDir(): string {
  const candidates = [
    process.env.QOAR_REFERENCE,
    join(repo, "shared/reference"),
    join(repo, "../shared/reference"),
  ];
  for (const c of candidates) if (c !== undefined && existsSync(join(c, "chem.json"))) return c;
  throw new Error(
    `reference data not found (tried ${candidates.filter(Boolean).join(", ")}); set QOAR_REFERENCE`,
  );
}

/** Parsed JSON of one reference file. */
// biome-ignore lint/suspicious/noExplicitAny: reference JSON of several shapes
export function loadReference(name: string): any {
  return JSON.parse(readFileSync(join(referenceDir(), name), "utf8"));
}

/** One molecule record of chem.json. */
export interface ChemRecord {
  name: string;
  atoms: [string, number, number, number][];
  basis: string;
  charge: number;
  multiplicity: number;
  e_nuc: number;
  e_hf: number;
  e_fci?: number;
  nmo?: number;
  nel?: number;
  hf_only?: boolean;
}

/** The chem.json records that have an FCI energy. */
export function fciRecords(): ChemRecord[] {
  return (loadReference("chem.json").molecules as ChemRecord[]).filter(
    (m) => m.e_fci !== undefined,
  );
}

/** Alpha and beta electron counts of a record (high-spin: Ms = S). */
export function electronCounts(rec: ChemRecord): { nAlpha: number; nBeta: number } {
  const nel = rec.nel!;
  return { nAlpha: (nel + rec.multiplicity - 1) / 2, nBeta: (nel - rec.multiplicity + 1) / 2 };
}

/**
 * MO integrals of a record over Löwdin-orthonormalized AOs (C = S^-1/2): FCI energies are
 * invariant under orbital rotations, so this tests integrals -> transform -> FCI without an SCF.
 */
export function lowdinIntegrals(rec: ChemRecord): MOIntegrals {
  const mol = Molecule.fromGeometry(rec.atoms as AtomSpec[], {
    basis: rec.basis,
    charge: rec.charge,
    multiplicity: rec.multiplicity,
  });
  const ao = computeIntegrals(mol);
  const n = ao.nbf;
  const { values, vectors } = jacobiEigh(ao.overlap, n);
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let v = 0;
      for (let k = 0; k < n; k++)
        v += (vectors[i * n + k]! * vectors[j * n + k]!) / Math.sqrt(values[k]!);
      X[i * n + j] = v;
    }
  }
  return transformToMO(ao.hCore, ao.eri, X, ao.nuclearRepulsion);
}
