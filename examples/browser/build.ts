/**
 * Builds the browser example with esbuild into examples/browser/dist (index.html + app.js).
 * `npx tsx examples/browser/build.ts --serve` also serves it on http://127.0.0.1:<port>/
 * (WebGPU needs a secure context: localhost qualifies).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/** qoar's cpu backend asks the OS for free memory (node:os); the browser gets fixed numbers. */
const nodeOsStub: Plugin = {
  name: "node-os-stub",
  setup(b) {
    b.onResolve({ filter: /^node:os$/ }, () => ({ path: "node:os", namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents:
        "export const totalmem = () => 8 * 2 ** 30; export const freemem = () => 4 * 2 ** 30;",
      loader: "js",
    }));
  },
};

/**
 * Bundles the example; returns the page and the script (and writes them to `outDir` if given).
 * @example
 * const { html, code } = await buildExample();
 */
export async function buildExample(outDir?: string): Promise<{ html: string; code: string }> {
  const r = await build({
    entryPoints: [join(here, "main.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
    plugins: [nodeOsStub],
  });
  const code = r.outputFiles[0]!.text;
  const html = readFileSync(join(here, "index.html"), "utf8");
  if (outDir !== undefined) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "app.js"), code);
    copyFileSync(join(here, "index.html"), join(outDir, "index.html"));
  }
  return { html, code };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(here, "dist");
  const { html, code } = await buildExample(out);
  console.log(`built ${out}/index.html and app.js (${(code.length / 1e6).toFixed(1)} MB)`);
  if (process.argv.includes("--serve")) {
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (path === "/" || path === "/index.html")
        res.writeHead(200, { "content-type": "text/html" }).end(html);
      else if (path === "/app.js")
        res.writeHead(200, { "content-type": "text/javascript" }).end(code);
      else res.writeHead(404).end();
    });
    server.listen(Number(process.env["PORT"] ?? 0), "127.0.0.1", () => {
      console.log(
        `open http://127.0.0.1:${(server.address() as AddressInfo).port}/ (Ctrl-C stops)`,
      );
    });
  }
}
