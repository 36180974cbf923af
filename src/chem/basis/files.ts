/**
 * Where qoar's bundled chemistry data lives (`chemistry/` at the package root). Compiled code
 * runs from dist/src/chem/..., sources from src/chem/..., so the directory is found by walking
 * up from this module to the first folder holding package.json, not by a fixed relative path.
 *
 * The Node modules are loaded lazily through `process.getBuiltinModule` (Node >= 20.16), not
 * imported, so the library entry bundles for browsers; there the bundled files are out of reach
 * and the readers below throw a `ResourceError` that says to pass the text instead.
 */
import { ResourceError } from "../../errors.js";

interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: "utf8"): string;
  readdirSync(path: string): string[];
}
interface NodePath {
  dirname(path: string): string;
  join(...parts: string[]): string;
}
interface NodeUrl {
  fileURLToPath(url: string): string;
}
interface NodeModules {
  fs: NodeFs;
  path: NodePath;
  url: NodeUrl;
}

let cached: string | undefined;
let modules: NodeModules | undefined;

/** node:fs, node:path and node:url, or a ResourceError naming `what` and the text-based way out. */
function node(what: string, alternative: string): NodeModules {
  if (modules === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    if (typeof proc?.getBuiltinModule !== "function") {
      throw new ResourceError(
        `${what} reads qoar's bundled chemistry files and needs Node (>= 20.16, with ` +
          `process.getBuiltinModule); here there is no file system: ${alternative}`,
      );
    }
    modules = {
      fs: proc.getBuiltinModule("node:fs") as NodeFs,
      path: proc.getBuiltinModule("node:path") as NodePath,
      url: proc.getBuiltinModule("node:url") as NodeUrl,
    };
  }
  return modules;
}

/** The `chemistry/` directory, found once by walking up from this module. */
function chemistryRoot({ fs, path, url }: NodeModules): string {
  if (cached === undefined) {
    const here = url.fileURLToPath(import.meta.url);
    let dir = path.dirname(here);
    for (;;) {
      if (
        fs.existsSync(path.join(dir, "package.json")) &&
        fs.existsSync(path.join(dir, "chemistry"))
      )
        break;
      const up = path.dirname(dir);
      if (up === dir) throw new ResourceError(`chemistry data directory not found above ${here}`);
      dir = up;
    }
    cached = path.join(dir, "chemistry");
  }
  return cached;
}

/**
 * Absolute path of the bundled `chemistry/` directory (or of a file inside it). Node only.
 * @example
 * chemistryPath("basis", "sto-3g.gbs"); // ".../chemistry/basis/sto-3g.gbs"
 */
export function chemistryPath(...parts: string[]): string {
  const m = node("chemistryPath", "pass the file contents as text instead");
  return m.path.join(chemistryRoot(m), ...parts);
}

/**
 * Text of a bundled chemistry file. `what` (the caller, e.g. `loadBasisData("sto-3g")`) and
 * `alternative` (what to do in a browser) go into the error thrown where Node is missing.
 * @example
 * readChemistryText(["basis", "sto-3g.gbs"], "loadBasisData", "use parseGbs(text)");
 */
export function readChemistryText(parts: string[], what: string, alternative: string): string {
  const m = node(what, alternative);
  return m.fs.readFileSync(m.path.join(chemistryRoot(m), ...parts), "utf8");
}

/**
 * File names in a bundled chemistry folder (Node only; `what`/`alternative` as for
 * {@link readChemistryText}).
 * @example
 * listChemistry(["molecules"], "Molecule.list", "use Molecule.fromXYZ(text)"); // ["beh2.xyz", ...]
 */
export function listChemistry(parts: string[], what: string, alternative: string): string[] {
  const m = node(what, alternative);
  return m.fs.readdirSync(m.path.join(chemistryRoot(m), ...parts));
}
