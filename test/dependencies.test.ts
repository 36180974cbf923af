/**
 * Every declared dependency is used: a runtime dependency is imported (or required) by src/ or
 * bin/, a `@types/x` package types an imported `x`; a devDependency is imported by the tests,
 * benchmarks, scripts, tutorials or examples, or its command runs in an npm script or CI.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (name === "node_modules" || name === "dist") continue;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|js|mjs|sh)$/.test(name)) out.push(readFileSync(join(root, rel), "utf8"));
  }
  return out;
}

/** The package names a source text imports, requires or resolves ("x" and "x/sub" both give x). */
function importedPackages(texts: readonly string[]): Set<string> {
  const found = new Set<string>();
  // import ... from "x", import("x"), require("x"), require.resolve("x"), createRequire(url)("x")
  const spec =
    /(?:from\s+|import\s*\(\s*|require(?:\.resolve)?\s*\(\s*|\)\(\s*)["']([^"'./][^"']*)["']/g;
  for (const t of texts) {
    for (const m of t.matchAll(spec)) {
      const parts = m[1]!.split("/");
      if (m[1]!.startsWith("node:"))
        found.add("node"); // typed by @types/node
      else found.add(m[1]!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
    }
  }
  return found;
}

const typed = (name: string) => name.replace(/^@types\//, "");

describe("declared dependencies", () => {
  it("every runtime dependency is imported by src/ or bin/ (@types/x: x is)", () => {
    const used = importedPackages([...sources("src"), ...sources("bin")]);
    const unused = Object.keys(pkg.dependencies).filter((d) => !used.has(typed(d)));
    expect(unused).toEqual([]);
  });

  it("every optional dependency is loaded by name in src/ (a dynamic import that bundlers skip)", () => {
    const text = sources("src").join("\n");
    const unused = Object.keys(pkg.optionalDependencies ?? {}).filter(
      (d) => !text.includes(`"${d}"`) || !/await import\(\/\* @vite-ignore \*\/ \w+\)/.test(text),
    );
    expect(unused).toEqual([]);
  });

  it("every devDependency is imported by tests, benchmarks, scripts, tutorials or examples, or runs as a command", () => {
    const texts = ["test", "bench", "scripts", "tutorials", "examples"].flatMap(sources);
    const used = importedPackages([...texts, ...sources("src")]);
    const commands = [
      ...Object.values(pkg.scripts),
      readFileSync(join(root, ".ci/run"), "utf8"),
    ].join("\n");
    const unused = Object.keys(pkg.devDependencies).filter((d) => {
      if (used.has(typed(d))) return false;
      const meta = JSON.parse(
        readFileSync(join(root, "node_modules", d, "package.json"), "utf8"),
      ) as { bin?: string | Record<string, string> };
      const bins = typeof meta.bin === "string" ? [d] : Object.keys(meta.bin ?? {});
      return !bins.some((b) => new RegExp(`(^|[\\s;&|(])(npx\\s+)?${b}\\b`, "m").test(commands));
    });
    expect(unused).toEqual([]);
  });

  it("the runtime dependencies are the ones qoar uses, and the full plotly bundle is gone", () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(
      [
        "@types/ndarray",
        "bullmq",
        "cli-progress",
        "commander",
        "complex.js",
        "ioredis",
        "mathjs",
        "ndarray",
        "plotly.js-cartesian-dist-min",
        "zod",
      ].sort(),
    );
  });
});
