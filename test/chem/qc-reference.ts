/**
 * The chemistry tests' view of the reference data (test/reference/chem.json): records, electron
 * counts and integrals over Löwdin-orthonormalized AOs.
 */
import { type MOIntegrals, transformToMO } from "../../src/chem/active-space.js";
import { computeIntegrals } from "../../src/chem/integrals/index.js";
import { jacobiEigh } from "../../src/chem/linalg-small.js";
import { type AtomSpec, Molecule } from "../../src/chem/molecule.js";
import { loadReference } from "../reference/load.js";

export { loadReference };

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
