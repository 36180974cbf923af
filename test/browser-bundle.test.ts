/**
 * The library entry bundles for browsers: esbuild with platform "browser" resolves no Node
 * module, and the only `node:` names left in the output are strings handed to
 * `process.getBuiltinModule` at run time (plus the worker source text that the cpu backend
 * evaluates inside a Node worker thread). Running the bundle without `process` shows the error a
 * browser user gets for bundled chemistry files.
 */
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = new URL("../src/index.ts", import.meta.url).pathname;

/** Every quoted `node:` specifier in `code`, with how it is used. */
function nodeSpecifiers(code: string): { name: string; use: string }[] {
  const out: { name: string; use: string }[] = [];
  for (const m of code.matchAll(/(["'`])node:([\w/]+)\1/g)) {
    const before = code.slice(Math.max(0, m.index - 40), m.index);
    const use = /getBuiltinModule(\?\.)?\(\s*$/.test(before)
      ? "getBuiltinModule"
      : /(^|[^\w$.])require\(\s*$/.test(before)
        ? "require"
        : /\bimport\(\s*$/.test(before)
          ? "import()"
          : /\b(from|import)\s*$/.test(before)
            ? "import"
            : "other";
    out.push({ name: m[2]!, use });
  }
  return out;
}

describe("browser bundle of src/index.ts", () => {
  it("bundles with platform browser and loads Node modules only through getBuiltinModule", async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    // No module in the graph imports a Node builtin (an external one would be listed here).
    const graphImports = Object.values(result.metafile.inputs).flatMap((i) =>
      i.imports.map((x) => x.path),
    );
    expect(graphImports.filter((p) => p.startsWith("node:"))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    // esbuild turns a require it cannot bundle into __require(...): none may be left (the
    // wrapper of bundled CommonJS packages, such as ndarray, is a function named __require).
    expect(code).not.toMatch(/(?<!function )\b__require\(/);
    const specs = nodeSpecifiers(code);
    const bad = specs.filter(
      (s) =>
        s.use !== "getBuiltinModule" &&
        // cpu/pool.ts: the worker's source text, run by `new Worker(code, { eval: true })`.
        !(s.use === "require" && s.name === "worker_threads"),
    );
    expect(bad).toEqual([]);
    // The chemistry readers are in the bundle and reach the file system lazily.
    const lazy = new Set(specs.filter((s) => s.use === "getBuiltinModule").map((s) => s.name));
    for (const name of ["fs", "path", "url"]) expect(lazy).toContain(name);
    // mathjs is required on the first numeric expression (node:module), not bundled
    expect(lazy).toContain("module");
    expect(Object.keys(result.metafile.inputs).filter((p) => p.includes("mathjs"))).toEqual([]);
  }, 20_000);

  it("without Node, named molecules, basis sets and numeric expressions throw a ResourceError that says what to pass", async () => {
    // A script bundle that records the errors, run in a fresh context with no `process`.
    const result = await build({
      stdin: {
        contents: `
          import { BasisSet, Molecule, parseGbs, QoarError, evaluateExpression } from ${JSON.stringify(entry)};
          const catchIt = (f) => { try { f(); return "no error"; } catch (e) {
            return { qoar: e instanceof QoarError, name: e.name, message: e.message }; } };
          const h2 = Molecule.fromXYZ("2\\n\\nH 0 0 0\\nH 0 0 0.74\\n");
          globalThis.report = {
            molecule: catchIt(() => Molecule.fromName("h2")),
            basis: catchIt(() => new BasisSet(h2, "sto-3g")),
            expression: catchIt(() => evaluateExpression("pi/4")),
            plainNumber: evaluateExpression(0.25),
            fromText: h2.nElectrons,
            nbf: new BasisSet(h2, parseGbs("****\\nH 0\\nS 1 1.00\\n 1.0 1.0\\n****\\n")).nbf,
          };`,
        resolveDir: new URL("..", import.meta.url).pathname,
        loader: "js",
      },
      bundle: true,
      platform: "browser",
      format: "iife",
      write: false,
      logLevel: "silent",
    });
    const sandbox: { report?: Record<string, unknown> } = {};
    runInNewContext(result.outputFiles[0]!.text, sandbox);
    const report = sandbox.report!;
    expect(report.molecule).toMatchObject({ qoar: true, name: "ResourceError" });
    expect((report.molecule as { message: string }).message).toMatch(/Molecule\.fromXYZ\(text\)/);
    expect(report.basis).toMatchObject({ qoar: true, name: "ResourceError" });
    expect((report.basis as { message: string }).message).toMatch(/parseGbs\(text\)/);
    expect(report.expression).toMatchObject({ qoar: true, name: "ResourceError" });
    expect((report.expression as { message: string }).message).toMatch(/write the number itself/);
    expect(report.plainNumber).toBe(0.25);
    // The text-based ways still work without Node.
    expect(report.fromText).toBe(2);
    expect(report.nbf).toBe(2); // one s function per H
  }, 20_000);
});
