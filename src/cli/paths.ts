import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding qoar's package.json, found from this file (works from src/ and dist/).
 * @example
 * join(packageRoot(), "circuits", "bell.qasm");
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("qoar: cannot find the package root");
    dir = up;
  }
  return dir;
}
