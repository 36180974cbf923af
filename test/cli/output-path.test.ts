/**
 * Output paths are checked before a command runs: an unwritable `--out` or `--report` is one
 * line on stderr with exit status 2 at once, not a raw Node error with status 1 after the run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkWritableFile, prepareOutputFolder } from "../../src/cli/output-path.js";
import { ArgumentError } from "../../src/errors.js";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), "qoar-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aFile = join(dir, "a-file.txt");
writeFileSync(aFile, "keep me");
const aFolder = join(dir, "a-folder");
mkdirSync(aFolder);

describe("checkWritableFile and prepareOutputFolder", () => {
  it("accept a new file in a folder and an existing file, and leave both as they were", () => {
    checkWritableFile("--report", join(aFolder, "new.html"));
    expect(existsSync(join(aFolder, "new.html"))).toBe(false);
    checkWritableFile("--report", aFile);
    expect(readdirSync(dir).sort()).toEqual(["a-file.txt", "a-folder"]);
    prepareOutputFolder("--out", join(dir, "made", "deeper"), ["x.html", "x.json"]);
    expect(readdirSync(join(dir, "made", "deeper"))).toEqual([]);
  });

  it("reject a missing folder, a folder given as a file, and a file given as a folder", () => {
    const missing = join(dir, "no-such-folder", "r.html");
    expect(() => checkWritableFile("--report", missing)).toThrow(ArgumentError);
    expect(() => checkWritableFile("--report", missing)).toThrow(
      `--report ${JSON.stringify(missing)}: the folder ${JSON.stringify(join(dir, "no-such-folder"))} does not exist`,
    );
    expect(() => checkWritableFile("--report", aFolder)).toThrow(
      /is a folder, expected a file name/,
    );
    expect(() => checkWritableFile("--report", join(aFile, "r.html"))).toThrow(/is not a folder/);
    expect(() => prepareOutputFolder("--out", aFile, ["x.html"])).toThrow(
      /is a file, expected a folder/,
    );
    expect(() => prepareOutputFolder("--out", join(aFile, "sub"), ["x.html"])).toThrow(
      /cannot create the folder \(a parent is a file\)/,
    );
    // an output file that exists as a folder inside --out
    mkdirSync(join(dir, "out", "t.html"), { recursive: true });
    expect(() => prepareOutputFolder("--out", join(dir, "out"), ["t.html", "t.json"])).toThrow(
      /t\.html": is a folder/,
    );
  });
});

describe("qoar commands check --out and --report before running (needs `npm run build`)", () => {
  const oneLineExit2 = (r: ReturnType<typeof qoar>, pattern: RegExp) => {
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(pattern);
  };

  it("tutorial run --out <a file> fails before the tutorial starts", () => {
    oneLineExit2(
      qoar("tutorial", "run", "quickstart", "--quick", "--out", aFile),
      /^qoar: --out ".*a-file\.txt": is a file, expected a folder$/,
    );
    oneLineExit2(
      qoar("tutorial", "run", "quickstart", "--quick", "--out", join(aFile, "reports")),
      /cannot create the folder/,
    );
  });

  it("chem ground-state and chem curve --report into a missing folder fail before the SCF", () => {
    const report = join(dir, "missing", "h2.html");
    // no --quiet: a run would print its progress on stderr, so one line means nothing ran
    oneLineExit2(
      qoar("chem", "ground-state", "--molecule", "h2", "--report", report),
      /^qoar: --report ".*h2\.html": the folder ".*missing" does not exist$/,
    );
    oneLineExit2(
      qoar("chem", "curve", "--molecule", "h2", "--steps", "40", "--report", aFolder),
      /^qoar: --report ".*a-folder": is a folder, expected a file name$/,
    );
  });
});
