/**
 * Geometries as flat coordinate arrays (x, y, z per atom, Bohr) and back: what gradients,
 * finite differences and the optimizer move.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity } from "../../validate.js";
import { Molecule } from "../molecule.js";

/**
 * The nuclear positions of a molecule as one array, x, y, z per atom, in Bohr.
 * @example
 * coordinatesOf(Molecule.fromName("h2")); // Float64Array [0, 0, 0, 0, 0, 1.3889...]
 */
export function coordinatesOf(molecule: Molecule): Float64Array {
  checkArity(arguments.length, 1, "coordinatesOf");
  if (!(molecule instanceof Molecule))
    throw new ArgumentError(`coordinatesOf: expected a Molecule, got ${describe(molecule)}`);
  const out = new Float64Array(3 * molecule.atoms.length);
  molecule.atoms.forEach((a, k) => {
    out[3 * k] = a.x;
    out[3 * k + 1] = a.y;
    out[3 * k + 2] = a.z;
  });
  return out;
}

/**
 * The same molecule (elements, charge, multiplicity, basis, name) with its nuclei at `coords`
 * (x, y, z per atom, Bohr).
 * @example
 * const stretched = withCoordinates(h2, Float64Array.of(0, 0, 0, 0, 0, 1.5));
 */
export function withCoordinates(molecule: Molecule, coords: ArrayLike<number>): Molecule {
  checkArity(arguments.length, 2, "withCoordinates");
  if (!(molecule instanceof Molecule))
    throw new ArgumentError(`withCoordinates: expected a Molecule, got ${describe(molecule)}`);
  if (
    coords === null ||
    typeof coords !== "object" ||
    coords.length !== 3 * molecule.atoms.length ||
    !Array.from(coords).every((v) => typeof v === "number" && Number.isFinite(v))
  ) {
    throw new ArgumentError(
      `withCoordinates: expected ${3 * molecule.atoms.length} finite coordinates (x, y, z per atom, Bohr), got ${describe(coords)}`,
    );
  }
  return new Molecule(
    molecule.atoms.map((a, k) => ({
      symbol: a.symbol,
      Z: a.Z,
      x: coords[3 * k]!,
      y: coords[3 * k + 1]!,
      z: coords[3 * k + 2]!,
    })),
    {
      charge: molecule.charge,
      multiplicity: molecule.multiplicity,
      basis: molecule.basis,
      name: molecule.name,
    },
  );
}

/**
 * Gradient of the nuclear repulsion Σ Z_A Z_B / R_AB by every coordinate (Hartree/Bohr).
 * @example
 * nuclearRepulsionGradient(Molecule.fromName("h2")); // [0, 0, 0.518..., 0, 0, -0.518...]
 */
export function nuclearRepulsionGradient(molecule: Molecule): Float64Array {
  const at = molecule.atoms;
  const g = new Float64Array(3 * at.length);
  for (let i = 0; i < at.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = at[i]!;
      const b = at[j]!;
      const d = [a.x - b.x, a.y - b.y, a.z - b.z];
      const r = Math.hypot(d[0]!, d[1]!, d[2]!);
      const f = (-a.Z * b.Z) / (r * r * r);
      for (let k = 0; k < 3; k++) {
        g[3 * i + k]! += f * d[k]!;
        g[3 * j + k]! -= f * d[k]!;
      }
    }
  }
  return g;
}
