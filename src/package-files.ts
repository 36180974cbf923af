/**
 * Files bundled at the package root (`chemistry/`, `datasets/`). Compiled code runs from
 * dist/src/..., sources from src/..., so a folder is found by walking up from this module to the
 * first directory holding package.json and that folder, not by a fixed relative path.
 *
 * The Node modules are loaded lazily through `process.getBuiltinModule` (Node >= 20.16), not
 * imported, so the library entry bundles for browsers; there the bundled files are out of reach
 * and the readers throw a `ResourceError` that says what to do instead.
 */
import { ResourceError } from "./errors.js";

interface NodeFs {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: "utf8"): string;
  readFileSync(path: string): Uint8Array;
  readdirSync(path: string): string[];
}
interface NodePath {
  dirname(path: string): string;
  join(...parts: string[]): string;
}
interface NodeUrl {
  fileURLToPath(url: string): string;
}
interface NodeZlib {
  gunzipSync(data: Uint8Array): Uint8Array;
}
/** The Node built-ins the readers use. */
export interface NodeModules {
  fs: NodeFs;
  path: NodePath;
  url: NodeUrl;
  zlib: NodeZlib;
}

const roots = new Map<string, string>();
let modules: NodeModules | undefined;

/**
 * node:fs, node:path, node:url and node:zlib, or a ResourceError saying that `what` reads
 * qoar's bundled `folder` files, needs Node, and what to do instead (`alternative`).
 * @example
 * const { fs } = nodeModules("loadBasisData", "chemistry", "use parseGbs(text)");
 */
export function nodeModules(what: string, folder: string, alternative: string): NodeModules {
  if (modules === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
      .process;
    if (typeof proc?.getBuiltinModule !== "function") {
      throw new ResourceError(
        `${what} reads qoar's bundled ${folder} files and needs Node (>= 20.16, with ` +
          `process.getBuiltinModule); here there is no file system: ${alternative}`,
      );
    }
    modules = {
      fs: proc.getBuiltinModule("node:fs") as NodeFs,
      path: proc.getBuiltinModule("node:path") as NodePath,
      url: proc.getBuiltinModule("node:url") as NodeUrl,
      zlib: proc.getBuiltinModule("node:zlib") as NodeZlib,
    };
  }
  return modules;
}

/** The bundled `folder` directory at the package root, found once by walking up from this module. */
function folderRoot({ fs, path, url }: NodeModules, folder: string): string {
  let root = roots.get(folder);
  if (root === undefined) {
    const here = url.fileURLToPath(import.meta.url);
    let dir = path.dirname(here);
    for (;;) {
      if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, folder)))
        break;
      const up = path.dirname(dir);
      if (up === dir) throw new ResourceError(`${folder} data directory not found above ${here}`);
      dir = up;
    }
    root = path.join(dir, folder);
    roots.set(folder, root);
  }
  return root;
}

/**
 * Absolute path of a file in the bundled `folder` (Node only; `what`/`alternative` go into the
 * error thrown where Node is missing).
 * @example
 * packageFilePath("datasets", ["iris.csv"], "datasets.iris", "pass the rows yourself");
 */
export function packageFilePath(
  folder: string,
  parts: readonly string[],
  what: string,
  alternative: string,
): string {
  const m = nodeModules(what, folder, alternative);
  return m.path.join(folderRoot(m, folder), ...parts);
}

/**
 * Text of a bundled file; a name ending in `.gz` is decompressed first.
 * @example
 * readPackageText("datasets", ["digits.csv.gz"], "datasets.digits", "pass the rows yourself");
 */
export function readPackageText(
  folder: string,
  parts: readonly string[],
  what: string,
  alternative: string,
): string {
  const m = nodeModules(what, folder, alternative);
  const file = m.path.join(folderRoot(m, folder), ...parts);
  if (!file.endsWith(".gz")) return m.fs.readFileSync(file, "utf8");
  return new TextDecoder().decode(m.zlib.gunzipSync(m.fs.readFileSync(file)));
}

/**
 * File names in a bundled folder (Node only).
 * @example
 * listPackageFolder("chemistry", ["molecules"], "Molecule.list", "use Molecule.fromXYZ(text)");
 */
export function listPackageFolder(
  folder: string,
  parts: readonly string[],
  what: string,
  alternative: string,
): string[] {
  const m = nodeModules(what, folder, alternative);
  return m.fs.readdirSync(m.path.join(folderRoot(m, folder), ...parts));
}
