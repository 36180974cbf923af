/**
 * What besides its input decides a job's bits: the qoar version, the backend, its thread count
 * (threads split reductions, so sums are added in another order) and the gate-fusion setting.
 * All four are part of the content hash; a worker runs each job under the job's settings (in a
 * thread whose QOAR_THREADS and QOAR_FUSION are the job's), so results equal a local run's.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { currentBackendName, getBackend } from "../backend/backend.js";
import { fusionFromEnv } from "../quantum/circuit/fusion.js";

/** The settings a job's result depends on besides its input. */
export interface JobEnvironment {
  /** qoar's version (package.json), or the `QOAR_JOB_VERSION` override. */
  qoarVersion: string;
  /** Backend name ("cpu", "webgpu"). */
  backend: string;
  /** Threads per kernel call of that backend. */
  threads: number;
  /** Largest fused gate block (QOAR_FUSION; 0 = fusion off). */
  fusion: number;
}

/**
 * The folder holding qoar's package.json (found from this file, from src/ and dist/ alike).
 * @example
 * qoarPackageRoot(); // "/path/to/qoar"
 */
export function qoarPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 16; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && /"name":\s*"qoar"/.test(readFileSync(pkg, "utf8"))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error("qoar: cannot find qoar's package.json above src/jobs");
}

let packageVersion: string | undefined;

/**
 * The version tag jobs carry: `QOAR_JOB_VERSION` when set (to test mixed fleets), else the
 * package version.
 * @example
 * qoarVersion(); // "0.1.0"
 */
export function qoarVersion(): string {
  const override = process.env.QOAR_JOB_VERSION;
  if (override !== undefined && override !== "") return override;
  packageVersion ??= (
    JSON.parse(readFileSync(join(qoarPackageRoot(), "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
  return packageVersion;
}

/**
 * The environment this thread runs jobs in now.
 * @example
 * currentJobEnvironment(); // { qoarVersion: "0.1.0", backend: "cpu", threads: 1, fusion: 2 }
 */
export function currentJobEnvironment(): JobEnvironment {
  const backend = currentBackendName();
  const threads = (getBackend(backend) as { threads?: unknown }).threads;
  return {
    qoarVersion: qoarVersion(),
    backend,
    threads: typeof threads === "number" ? threads : 1,
    fusion: fusionFromEnv(),
  };
}

/**
 * The process.env of a job thread that runs under `env` (its cpu backend reads them at load).
 * @example
 * new Worker(url, { env: threadEnvironment(job.env) });
 */
export function threadEnvironment(env: JobEnvironment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  out.QOAR_THREADS = String(env.threads);
  out.QOAR_FUSION = String(env.fusion);
  out.QOAR_JOB_VERSION = env.qoarVersion;
  return out;
}
