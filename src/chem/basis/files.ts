/**
 * Where qoar's bundled chemistry data lives (`chemistry/` at the package root), through the
 * package-file readers of `src/package-files.ts` (Node only; a browser gets a ResourceError that
 * says to pass the text instead).
 */
import { listPackageFolder, packageFilePath, readPackageText } from "../../package-files.js";

/**
 * Absolute path of the bundled `chemistry/` directory (or of a file inside it). Node only.
 * @example
 * chemistryPath("basis", "sto-3g.gbs"); // ".../chemistry/basis/sto-3g.gbs"
 */
export function chemistryPath(...parts: string[]): string {
  return packageFilePath(
    "chemistry",
    parts,
    "chemistryPath",
    "pass the file contents as text instead",
  );
}

/**
 * Text of a bundled chemistry file. `what` (the caller, e.g. `loadBasisData("sto-3g")`) and
 * `alternative` (what to do in a browser) go into the error thrown where Node is missing.
 * @example
 * readChemistryText(["basis", "sto-3g.gbs"], "loadBasisData", "use parseGbs(text)");
 */
export function readChemistryText(parts: string[], what: string, alternative: string): string {
  return readPackageText("chemistry", parts, what, alternative);
}

/**
 * File names in a bundled chemistry folder (Node only; `what`/`alternative` as for
 * {@link readChemistryText}).
 * @example
 * listChemistry(["molecules"], "Molecule.list", "use Molecule.fromXYZ(text)"); // ["beh2.xyz", ...]
 */
export function listChemistry(parts: string[], what: string, alternative: string): string[] {
  return listPackageFolder("chemistry", parts, what, alternative);
}
