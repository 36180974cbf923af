/** Test helpers: tiny custom basis sets and molecules for integral checks. */
import { BasisSet, parseGbs } from "../../../src/chem/basis.js";
import { Molecule } from "../../../src/chem/molecule.js";

/** One uncontracted shell per entry, on atom `atom` (element H..Ne by index). */
export interface PrimShell {
  atom: number;
  l: number;
  exponent: number;
}

const SYM = ["H", "He", "Li", "Be", "B", "C", "N", "O"];

/**
 * A basis of single-primitive shells on atoms at given positions (Bohr). Atom k is element
 * SYM[k] (so every atom has its own shell list) with charge 0 added so only positions matter.
 */
export function primitiveBasis(
  centres: readonly (readonly [number, number, number])[],
  shells: readonly PrimShell[],
  pure: boolean,
): { basis: BasisSet; molecule: Molecule } {
  let text = `${pure ? "spherical" : "cartesian"}\n****\n`;
  centres.forEach((_, k) => {
    text += `${SYM[k]} 0\n`;
    for (const s of shells.filter((x) => x.atom === k))
      text += `${"SPDFG"[s.l]} 1 1.00\n ${s.exponent} 1.0\n`;
    text += "****\n";
  });
  const molecule = Molecule.fromGeometry(
    centres.map((c, k) => [SYM[k]!, c[0], c[1], c[2]] as const),
    { units: "bohr", multiplicity: undefined, charge: 0 },
  );
  return { basis: new BasisSet(molecule, parseGbs(text, "test")), molecule };
}
