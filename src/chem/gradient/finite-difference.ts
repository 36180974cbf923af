/**
 * Nuclear gradients of any energy by central finite differences: the fallback for methods
 * without analytic gradients (VQE, FCI, CASCI), and the independent check of the analytic ones.
 * 6N + 1 energies; the step error is O(h^2) (about 1e-7 Ha/Bohr at the default 1e-3 Bohr), so
 * the energies must be converged well below 1e-9 Ha for 1e-6 Ha/Bohr.
 */
import { ArgumentError, describe } from "../../errors.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { Molecule } from "../molecule.js";
import { coordinatesOf, withCoordinates } from "./geometry.js";
import type { NuclearGradient } from "./scf-gradient.js";

/** An energy (Hartree) of a molecule at its geometry, computed the same way at every geometry. */
export type EnergyFunction = (molecule: Molecule) => number | Promise<number>;

/** Options of {@link finiteDifferenceGradient}. */
export interface FiniteDifferenceOptions {
  /** Displacement of each coordinate (Bohr, default 1e-3). */
  step?: number;
  /** Called after every displaced energy with the count done and the total (6N). */
  onProgress?: (done: number, total: number) => void;
}

const OPTIONS = optionKeys<FiniteDifferenceOptions>({ step: true, onProgress: true });

/**
 * dE/dR by central differences (E(R + h) - E(R - h)) / 2h of every coordinate.
 * @example
 * const g = await finiteDifferenceGradient(Molecule.fromName("h2"), (m) => runSCF(m).energy);
 * g.method; // "finite-difference"
 */
export async function finiteDifferenceGradient(
  molecule: Molecule,
  energy: EnergyFunction,
  options: FiniteDifferenceOptions = {},
): Promise<NuclearGradient> {
  checkArity(arguments.length, 3, "finiteDifferenceGradient");
  checkOptions(options, OPTIONS, "finiteDifferenceGradient");
  if (!(molecule instanceof Molecule)) {
    throw new ArgumentError(
      `finiteDifferenceGradient: expected a Molecule, got ${describe(molecule)}`,
    );
  }
  if (typeof energy !== "function") {
    throw new ArgumentError(
      `finiteDifferenceGradient: energy must be a function of a Molecule, got ${describe(energy)}`,
    );
  }
  const h = options.step ?? 1e-3;
  if (typeof h !== "number" || !(h > 0 && h < 0.1)) {
    throw new ArgumentError(
      `finiteDifferenceGradient: step must be a number of Bohr in (0, 0.1), got ${describe(h)}`,
    );
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ArgumentError(
      `finiteDifferenceGradient: onProgress must be a function, got ${describe(options.onProgress)}`,
    );
  }
  const value = async (m: Molecule): Promise<number> => {
    const e = await energy(m);
    if (typeof e !== "number" || !Number.isFinite(e)) {
      throw new ArgumentError(
        `finiteDifferenceGradient: the energy function returned ${describe(e)}, expected a finite number`,
      );
    }
    return e;
  };
  const x = coordinatesOf(molecule);
  const e0 = await value(molecule);
  const gradient = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const plus = x.slice();
    const minus = x.slice();
    plus[i]! += h;
    minus[i]! -= h;
    const ep = await value(withCoordinates(molecule, plus));
    const em = await value(withCoordinates(molecule, minus));
    gradient[i] = (ep - em) / (2 * h);
    options.onProgress?.(2 * (i + 1), 2 * x.length);
  }
  return { energy: e0, gradient, method: "finite-difference" };
}
