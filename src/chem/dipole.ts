/**
 * The electric dipole moment of a molecule from an AO density: nuclear charges times positions
 * minus tr(D r), about the coordinate origin. Shared by the SCF (its determinant's density) and
 * the correlated properties (the density of a VQE or FCI state).
 */
import type { Molecule } from "./molecule.js";

/** Atomic units (e a0) to Debye (CODATA 2014, the constant Psi4 1.3 uses). */
export const AU_TO_DEBYE = 2.541746451895026;

/** The dipole moment, nuclear plus electronic, about the coordinate origin. */
export interface Dipole {
  /** Components in atomic units (e a0). */
  x: number;
  /** y component (e a0). */
  y: number;
  /** z component (e a0). */
  z: number;
  /** Length in atomic units. */
  total: number;
  /** Length in Debye. */
  debye: number;
  /** The components in Debye, [x, y, z]. */
  vectorDebye: [number, number, number];
  /** Present for ions: their dipole depends on the origin (this one is about the coordinate origin). */
  note?: string;
}

/**
 * The dipole of `molecule` with AO density `density` (nbf x nbf, both spins) and the AO dipole
 * integrals <μ|r_k|ν> (k = x, y, z).
 */
export function dipoleFromDensity(
  molecule: Molecule,
  dipoleIntegrals: readonly Float64Array[],
  density: Float64Array,
): Dipole {
  const comp = [0, 0, 0];
  for (const a of molecule.atoms) {
    comp[0]! += a.Z * a.x;
    comp[1]! += a.Z * a.y;
    comp[2]! += a.Z * a.z;
  }
  for (let k = 0; k < 3; k++) {
    const M = dipoleIntegrals[k]!;
    let s = 0;
    for (let i = 0; i < density.length; i++) s += density[i]! * M[i]!;
    comp[k]! -= s;
  }
  const [x, y, z] = comp as [number, number, number];
  const total = Math.hypot(x, y, z);
  const charge = molecule.charge;
  return {
    x,
    y,
    z,
    total,
    debye: total * AU_TO_DEBYE,
    vectorDebye: [x * AU_TO_DEBYE, y * AU_TO_DEBYE, z * AU_TO_DEBYE],
    ...(charge === 0
      ? {}
      : {
          note: `charged molecule (charge ${charge > 0 ? "+" : ""}${charge}): the dipole depends on the origin; this one is about the coordinate origin`,
        }),
  };
}
