/**
 * The one way tests read reference data: files inside this folder only. A missing file is an
 * error that names it (a test whose data is missing fails; it never skips).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** This folder, test/reference/. */
export const REFERENCE_DIR = dirname(fileURLToPath(import.meta.url));

/** Path of a reference file (relative to test/reference/); throws when it does not exist. */
export function referencePath(name: string): string {
  const path = join(REFERENCE_DIR, name);
  if (!existsSync(path)) throw new Error(`reference file test/reference/${name} is missing`);
  return path;
}

/** Parsed JSON of one reference file. */
// biome-ignore lint/suspicious/noExplicitAny: reference JSON of several shapes
export function loadReference(name: string): any {
  return JSON.parse(readFileSync(referencePath(name), "utf8"));
}

/** The QASMBench corpus folder and its .qasm files (sorted); throws when the corpus is missing. */
export function qasmbenchFiles(): { dir: string; files: string[] } {
  const dir = referencePath("qasmbench");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".qasm"))
    .sort();
  if (files.length === 0) throw new Error("test/reference/qasmbench holds no .qasm files");
  return { dir, files };
}
