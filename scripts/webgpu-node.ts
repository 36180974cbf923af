/**
 * Runs the WebGPU backend in Node through Dawn (the `webgpu` package) in child processes with a
 * timeout, and judges what each child printed (scripts/webgpu-node-child.ts prints its results
 * before teardown). A crash or hang after the results is reported, not hidden.
 *
 *   npx tsx scripts/webgpu-node.ts [--runs 10] [--n 12] [--depth 60] [--timeout 60]
 *     [--teardown exit|destroy|none]
 *     [--opengles]        Dawn's OpenGL ES backend (featureLevel compatibility, EGL surfaceless)
 *     [--tsx]             run the child under tsx instead of bundled
 *
 * Prints one JSON line per run and a summary line; exit status 1 if any run had no result or a
 * wrong one.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const runs = Number(arg("runs", "10"));
const timeoutS = Number(arg("timeout", "60"));
const xdg = join(tmpdir(), `qoar-xdg-${process.pid}`);
mkdirSync(xdg, { recursive: true, mode: 0o700 });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  XDG_RUNTIME_DIR: xdg,
  QOAR_N: arg("n", "12"),
  QOAR_DEPTH: arg("depth", "60"),
  QOAR_TEARDOWN: arg("teardown", "exit"),
};
// tsx puts its loader into NODE_OPTIONS; the bundled child must run on plain node
delete env["NODE_OPTIONS"];
if (process.argv.includes("--opengles")) {
  env["QOAR_DAWN_OPTIONS"] = "backend=opengles";
  env["QOAR_WEBGPU_FEATURE_LEVEL"] = "compatibility";
}

interface Outcome {
  run: number;
  verdict: "ok" | "ok, then crashed/hung in teardown" | "no result" | "wrong result";
  exit: string;
  result?: Record<string, number>;
  tail?: string;
  seconds: number;
}

/**
 * The child, bundled by esbuild into plain JavaScript run by plain `node` (`--tsx` runs it under
 * tsx instead). Both are dependable since qoar keeps Dawn's GPU object alive (device.ts); before,
 * V8 collected it mid-run and dawn.node crashed at random (docs/dawn-node-study.md).
 */
const childDir = join("node_modules", ".cache", "qoar-webgpu");
mkdirSync(childDir, { recursive: true });
const childJs = join(childDir, "webgpu-node-child.mjs");
await build({
  entryPoints: ["scripts/webgpu-node-child.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["webgpu"],
  outfile: childJs,
  logLevel: "warning",
});
const childArgs = process.argv.includes("--tsx")
  ? ["--import", "tsx", "scripts/webgpu-node-child.ts"]
  : [childJs];

function once(run: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, childArgs, {
      env: { ...env, QOAR_SEED: String(run + 1) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutS * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      const exit = timedOut ? `timeout ${timeoutS}s` : signal ? `signal ${signal}` : `code ${code}`;
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      if (line === undefined) {
        resolve({ run, verdict: "no result", exit, tail: out.slice(-600), seconds });
        return;
      }
      const result = JSON.parse(line.slice(7)) as Record<string, number>;
      const right = result["ampErr"]! <= 1e-5 && result["gradRelErr"]! <= 1e-4;
      const clean = !timedOut && signal === null && code === 0;
      resolve({
        run,
        verdict: !right ? "wrong result" : clean ? "ok" : "ok, then crashed/hung in teardown",
        exit,
        result,
        ...(clean ? {} : { tail: out.slice(-400) }),
        seconds,
      });
    });
  });
}

const outcomes: Outcome[] = [];
for (let r = 0; r < runs; r++) {
  const o = await once(r);
  outcomes.push(o);
  console.log(JSON.stringify(o));
}
const count = (v: Outcome["verdict"]): number => outcomes.filter((o) => o.verdict === v).length;
const summary = {
  runs,
  ok: count("ok"),
  okThenCrashed: count("ok, then crashed/hung in teardown"),
  noResult: count("no result"),
  wrong: count("wrong result"),
};
console.log(`SUMMARY ${JSON.stringify(summary)}`);
process.exit(summary.noResult + summary.wrong > 0 ? 1 : 0);
