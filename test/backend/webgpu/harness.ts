/**
 * Runs a TypeScript entry in headless Chromium (its bundled SwiftShader gives a WebGPU adapter
 * without a GPU): bundles the entry with esbuild for the browser, serves it on 127.0.0.1 at a
 * random port, drives Chromium with playwright-core, waits for a DOM marker and returns what the
 * page wrote there. `node:` imports (qoar's CPU backend asks the OS for memory) get small stubs,
 * listed in `shimmed` so a report can say which files need them.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

/** The Chromium binary (Debian's `chromium` package), or undefined when not installed. */
export function findChromium(): string | undefined {
  const env = process.env["QOAR_CHROMIUM"];
  for (const p of [env, "/usr/lib/chromium/chromium", "/usr/bin/chromium"]) {
    if (p !== undefined && p !== "" && existsSync(p)) return p;
  }
  return undefined;
}

/** Flags that made WebGPU work on SwiftShader here (see docs/webgpu.md). */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu-sandbox",
  "--enable-unsafe-webgpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Stubs for `node:` modules in the browser bundle, recording which importer asked. */
function nodeStubs(shimmed: Set<string>): Plugin {
  return {
    name: "node-stubs",
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => {
        shimmed.add(`${args.path} (imported by ${args.importer.replace(process.cwd(), ".")})`);
        return { path: args.path, namespace: "node-stub" };
      });
      b.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) => {
        if (args.path === "node:os") {
          return {
            contents:
              "export const totalmem = () => 8 * 2 ** 30; export const freemem = () => 4 * 2 ** 30; export const cpus = () => [{}];",
            loader: "js",
          };
        }
        return {
          contents: `const fail = () => { throw new Error("${args.path} is not available in a browser"); };
export default new Proxy({}, { get: () => fail });
export const readFileSync = fail, writeFileSync = fail, existsSync = () => false, readdirSync = fail,
  dirname = (p) => p, join = (...p) => p.join("/"), fileURLToPath = (u) => String(u), createRequire = () => fail,
  Worker = undefined, isMainThread = true, parentPort = null, workerData = undefined, availableParallelism = () => 1;`,
          loader: "js",
        };
      });
    },
  };
}

/**
 * Bundles `entry` (a browser module) into one ES module string.
 * @example
 * const { code } = await bundleForBrowser("test/backend/webgpu/browser/kernels.entry.ts");
 */
export async function bundleForBrowser(
  entry: string,
): Promise<{ code: string; shimmed: string[] }> {
  const shimmed = new Set<string>();
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
    plugins: [nodeStubs(shimmed)],
  });
  return { code: r.outputFiles[0]!.text, shimmed: [...shimmed] };
}

/** Serves a page whose module script is `code`; extra files by URL path. */
export async function serve(
  code: string,
  page?: string,
  extra: Record<string, { type: string; body: string }> = {},
): Promise<{ url: string; server: Server }> {
  const html =
    page ??
    `<!doctype html><meta charset="utf-8"><title>qoar</title><body><script type="module" src="/app.js"></script></body>`;
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const file =
      path === "/"
        ? { type: "text/html", body: html }
        : path === "/app.js"
          ? { type: "text/javascript", body: code }
          : extra[path];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": `${file.type}; charset=utf-8` }).end(file.body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}

/** What a page run produced. */
export interface PageResult {
  /** textContent of the marker element. */
  text: string;
  /** Console lines and page errors, for failure messages. */
  log: string[];
  ms: number;
}

/**
 * Opens `url` in headless Chromium and waits (up to `timeoutMs`) for `selector`.
 * @example
 * const r = await runPage(chromium, url, "#done", 30_000);
 */
export async function runPage(
  executablePath: string,
  url: string,
  selector: string,
  timeoutMs: number,
): Promise<PageResult> {
  const { chromium } = await import("playwright-core");
  const userDataDir = mkdtempSync(join(tmpdir(), "qoar-chromium-"));
  const t0 = performance.now();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  const log: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => log.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => log.push(`pageerror: ${e.message}`));
    await page.goto(url);
    const el = await page.waitForSelector(selector, { timeout: timeoutMs, state: "attached" });
    const text = (await el.textContent()) ?? "";
    return { text, log, ms: performance.now() - t0 };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** Why a Chromium suite is skipped, when it is (said in the suite name and on stderr). */
export const SKIP_REASON =
  "SKIPPED: chromium is not installed (apt-get install -y chromium; .ci/run installs it)";

/**
 * The Chromium binary for the suite in `file`, warning on stderr when there is none.
 * @example
 * const chromium = chromiumFor("test/backend/webgpu/density.test.ts");
 */
export function chromiumFor(file: string): string | undefined {
  const chromium = findChromium();
  if (chromium === undefined) console.warn(`${file} ${SKIP_REASON}`);
  return chromium;
}

/** A page's parsed JSON report and how the run went. */
export interface SuiteRun<R> {
  report: R;
  page: PageResult;
  shimmed: string[];
}

/**
 * Bundles the browser `entry`, serves it, runs it in Chromium until <pre id="done"> appears and
 * returns its JSON report; a report with `error` (the page threw) becomes a thrown Error carrying
 * the page's console.
 * @example
 * const { report } = await runSuitePage<{ checks: Check[] }>(chromium, "test/backend/webgpu/browser/density.entry.ts");
 */
export async function runSuitePage<R>(
  chromium: string,
  entry: string,
  timeoutMs = 90_000,
): Promise<SuiteRun<R>> {
  const bundle = await bundleForBrowser(entry);
  const { url, server } = await serve(bundle.code);
  try {
    const page = await runPage(chromium, url, "#done", timeoutMs);
    const report = JSON.parse(page.text) as R & { error?: string };
    if (report.error !== undefined) {
      throw new Error(`browser side failed: ${report.error}\n${page.log.join("\n")}`);
    }
    return { report, page, shimmed: bundle.shimmed };
  } finally {
    server.close();
  }
}

/** The failed checks of a report (NaN errors fail). */
export function failedChecks(checks: readonly { name: string; err: number; tol: number }[]) {
  return checks.filter((c) => !(c.err <= c.tol));
}

/** One line per check, for the log. */
export function describeChecks(checks: readonly { name: string; err: number; tol: number }[]) {
  return checks.map((c) => `  ${c.name}: ${c.err.toExponential(2)} (tol ${c.tol})`).join("\n");
}

/**
 * Why Dawn in Node (OpenGL ES on Mesa) cannot run here, or undefined when it can: the optional
 * `webgpu` package must be installed and Mesa's EGL present (Debian: libegl-mesa0).
 * @example
 * const skip = dawnSkipReason();
 */
export function dawnSkipReason(): string | undefined {
  if (!existsSync(join("node_modules", "webgpu", "package.json")))
    return "the optional package webgpu is not installed";
  const egl = [
    "/usr/lib/x86_64-linux-gnu/libEGL_mesa.so.0",
    "/usr/lib/aarch64-linux-gnu/libEGL_mesa.so.0",
  ];
  if (!egl.some((p) => existsSync(p)))
    return "Mesa's EGL is not installed (apt-get install -y libegl-mesa0 libgl1-mesa-dri)";
  return undefined;
}

/**
 * The environment for a child that uses Dawn's OpenGL ES backend (featureLevel compatibility),
 * with a fresh 0700 XDG_RUNTIME_DIR.
 * @example
 * spawnSync(process.execPath, args, { env: dawnOpenGlesEnv() });
 */
export function dawnOpenGlesEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    QOAR_DAWN_OPTIONS: "backend=opengles",
    QOAR_WEBGPU_FEATURE_LEVEL: "compatibility",
    XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), "qoar-xdg-")),
  };
}
