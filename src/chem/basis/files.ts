/**
 * Where qoar's bundled chemistry data lives (`chemistry/` at the package root). Compiled code
 * runs from dist/src/chem/..., sources from src/chem/..., so the directory is found by walking
 * up from this module to the first folder holding package.json, not by a fixed relative path.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ResourceError } from "../../errors.js";

let cached: string | undefined;

/**
 * Absolute path of the bundled `chemistry/` directory (or of a file inside it).
 * @example
 * chemistryPath("basis", "sto-3g.gbs"); // ".../chemistry/basis/sto-3g.gbs"
 */
export function chemistryPath(...parts: string[]): string {
  if (cached === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
      if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "chemistry"))) break;
      const up = dirname(dir);
      if (up === dir) {
        throw new ResourceError(
          `chemistry data directory not found above ${fileURLToPath(import.meta.url)}`,
        );
      }
      dir = up;
    }
    cached = join(dir, "chemistry");
  }
  return join(cached, ...parts);
}
