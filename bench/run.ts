/**
 * `npm run bench [-- --quick] [-- --filter text]`: runs every suite in bench/ (each file that
 * exports `suite`) and prints one JSON line per result on stdout (progress on stderr).
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BenchContext, type BenchSuite } from "./harness.js";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const fi = args.indexOf("--filter");
  const filter = fi >= 0 ? args[fi + 1] : undefined;
  const ctx = new BenchContext(quick, filter);
  const here = dirname(fileURLToPath(import.meta.url));
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  const files = readdirSync(here)
    .filter(
      (f) =>
        f.endsWith(ext) &&
        !f.endsWith(`.d${ext}`) &&
        !["harness", "run"].includes(f.slice(0, -ext.length)),
    )
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { suite?: BenchSuite };
    if (mod.suite === undefined) continue;
    ctx.progress(`# suite ${mod.suite.name} (${file})`);
    await mod.suite.run(ctx);
  }
  const unmatched = ctx.unmatchedFilter();
  if (unmatched !== undefined) {
    process.stderr.write(`${unmatched}\n`);
    process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
