/**
 * The periodic table as far as quantum chemistry here needs it: element symbols and atomic
 * numbers (H to Rn). Nuclear charges are the atomic numbers (no pseudopotentials).
 */
import { ArgumentError, describe } from "../errors.js";

/** Element symbols by atomic number: `SYMBOLS[1] === "H"`. Index 0 is a placeholder. */
export const SYMBOLS: readonly string[] = (
  "X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr " +
  "Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm " +
  "Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn"
).split(" ");

const BY_SYMBOL = new Map<string, number>(SYMBOLS.map((s, z) => [s.toLowerCase(), z]));

/**
 * Atomic number of an element symbol (case-insensitive), or undefined when unknown.
 * @example
 * findAtomicNumber("he"); // 2
 */
export function findAtomicNumber(symbol: string): number | undefined {
  const z = BY_SYMBOL.get(symbol.trim().toLowerCase());
  return z === undefined || z === 0 ? undefined : z;
}

/**
 * Atomic number of an element symbol (case-insensitive); throws ArgumentError when unknown.
 * @example
 * atomicNumber("O"); // 8
 */
export function atomicNumber(symbol: string): number {
  const z = findAtomicNumber(symbol);
  if (z === undefined) {
    throw new ArgumentError(`unknown element symbol ${describe(symbol)}: expected one of H ... Rn`);
  }
  return z;
}

/**
 * Canonical symbol ("He") of an atomic number 1..86.
 * @example
 * elementSymbol(8); // "O"
 */
export function elementSymbol(z: number): string {
  if (!Number.isInteger(z) || z < 1 || z >= SYMBOLS.length) {
    throw new ArgumentError(
      `atomic number must be an integer in [1, ${SYMBOLS.length - 1}], got ${z}`,
    );
  }
  return SYMBOLS[z]!;
}
