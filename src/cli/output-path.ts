/**
 * Output paths (`--out`, `--report`) are checked before a command runs: a report that cannot be
 * written should fail in the first second, in one line, not after a long run with a raw error.
 * The check opens the file the way the final write will (root ignores permission bits, and a
 * read-only mount has none to read), then leaves everything as it was.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ArgumentError } from "../errors.js";

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "ENOENT") return "the file system refuses it";
  return e instanceof Error ? e.message : String(e);
}

/**
 * Throws an ArgumentError naming `flag` unless `path` can be written as a file: an existing
 * writable file, or a new file in an existing writable folder. Nothing is created or changed.
 * @example
 * checkWritableFile("--report", "h2.html"); // then run, then writeReport("h2.html", ...)
 */
export function checkWritableFile(flag: string, path: string): void {
  const where = `${flag} ${JSON.stringify(path)}`;
  const full = resolve(path);
  if (existsSync(full)) {
    if (statSync(full).isDirectory()) {
      throw new ArgumentError(`${where}: is a folder, expected a file name`);
    }
    try {
      closeSync(openSync(full, "r+")); // opens for writing without truncating
    } catch (e) {
      throw new ArgumentError(`${where}: cannot write the file (${reason(e)})`);
    }
    return;
  }
  const folder = dirname(full);
  if (!existsSync(folder)) {
    throw new ArgumentError(`${where}: the folder ${JSON.stringify(folder)} does not exist`);
  }
  if (!statSync(folder).isDirectory()) {
    throw new ArgumentError(`${where}: ${JSON.stringify(folder)} is not a folder`);
  }
  try {
    closeSync(openSync(full, "wx"));
    unlinkSync(full);
  } catch (e) {
    throw new ArgumentError(
      `${where}: cannot create a file in ${JSON.stringify(folder)} (${reason(e)})`,
    );
  }
}

/**
 * Creates the output folder `dir` (and its parents) and checks that each of `files` (names
 * inside it) can be written; throws an ArgumentError naming `flag` otherwise.
 * @example
 * prepareOutputFolder("--out", "qoar-output", ["vqe-h2.html", "vqe-h2.json"]);
 */
export function prepareOutputFolder(flag: string, dir: string, files: readonly string[]): void {
  const where = `${flag} ${JSON.stringify(dir)}`;
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new ArgumentError(`${where}: is a file, expected a folder`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOTDIR" || code === "EEXIST" ? "a parent is a file" : reason(e);
    throw new ArgumentError(`${where}: cannot create the folder (${why})`);
  }
  for (const f of files) checkWritableFile(flag, resolve(dir, f));
}
