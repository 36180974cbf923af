/**
 * The import rule: a tutorial imports only the public entry "qoar" (src/index.ts) or a sibling
 * tutorial file, never a deeper module of src/, so tutorials show what a user can write.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const tutorials = join(root, "tutorials");

function tutorialFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tutorialFiles(path));
    else if (name.endsWith(".ts")) out.push(path);
  }
  return out;
}

/** Every module specifier a source imports or re-exports (static and dynamic). */
function specifiers(text: string): string[] {
  const spec = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
  return [...text.matchAll(spec)].map((m) => m[1]!);
}

/** Why a specifier breaks the rule (undefined when it is fine). */
function violation(file: string, spec: string): string | undefined {
  if (spec === "qoar") return undefined;
  if (spec.startsWith("./") || spec.startsWith("../")) {
    const target = resolve(dirname(file), spec);
    if (!relative(tutorials, target).startsWith("..")) return undefined;
  }
  return `${relative(root, file)} imports "${spec}"`;
}

describe("tutorials import only the public entry", () => {
  it('every tutorial file imports "qoar" or a sibling tutorial file, nothing else', () => {
    const files = tutorialFiles(tutorials);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) =>
      specifiers(readFileSync(f, "utf8"))
        .map((s) => violation(f, s))
        .filter((v) => v !== undefined),
    );
    expect(found).toEqual([]);
  });

  it("the check catches a deeper module, a package and a path out of tutorials/", () => {
    const file = join(tutorials, "x.ts");
    expect(violation(file, "../src/index.js")).toBeDefined();
    expect(violation(file, "../src/quantum/circuit/circuit.js")).toBeDefined();
    expect(violation(file, "mathjs")).toBeDefined();
    expect(violation(join(tutorials, "locc", "y.ts"), "../../src/index.js")).toBeDefined();
    expect(violation(join(tutorials, "locc", "y.ts"), "../common.js")).toBeUndefined();
    expect(specifiers('import { a } from "qoar";\nimport type { B } from "./types.js";')).toEqual([
      "qoar",
      "./types.js",
    ]);
  });

  it('the compiled runner resolves "qoar" to the package\'s own dist/src/index.js (self-reference)', () => {
    // dist/tutorials keeps the "qoar" specifier; Node resolves it through package.json "exports"
    const compiled = join(root, "dist", "tutorials", "quickstart.js");
    expect(existsSync(compiled), "run npm run build first").toBe(true);
    expect(readFileSync(compiled, "utf8")).toMatch(/from "qoar"/);
    const r = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", 'console.log(import.meta.resolve("qoar"))'],
      { cwd: join(root, "dist", "tutorials"), encoding: "utf8" },
    );
    expect(r.stdout.trim()).toBe(pathToFileURL(join(root, "dist", "src", "index.js")).href);
  });
});
