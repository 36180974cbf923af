/**
 * Loads the shared reference data (chem.json, the AO integrals, ...) for the integral and SCF
 * tests: `QOAR_REFERENCE` if set, else `shared/reference` in or next to the repository.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Parsed JSON of one reference file. */
// biome-ignore lint/suspicious/noExplicitAny: reference JSON of several shapes
export function loadReference(name: string): any {
  const candidates = [
    process.env.QOAR_REFERENCE,
    join(repo, "shared/reference"),
    join(repo, "../shared/reference"),
  ];
  for (const c of candidates) {
    if (c !== undefined && existsSync(join(c, name)))
      return JSON.parse(readFileSync(join(c, name), "utf8"));
  }
  throw new Error(
    `reference file ${name} not found (tried ${candidates.filter(Boolean).join(", ")}); set QOAR_REFERENCE`,
  );
}
