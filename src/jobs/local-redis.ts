/**
 * A throwaway redis-server for the queue tests and the jobs bench: on 127.0.0.1, a free port, a
 * temporary folder, no persistence; stopped (and its folder removed) by `stop()`. Without
 * redis-server on the PATH it throws, saying how to install it (the queue tests fail rather than
 * skip). Node only; not part of the `qoar/jobs` entry.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running throwaway Redis. */
export interface TestRedis {
  /** Its port on 127.0.0.1. */
  port: number;
  /** `redis://127.0.0.1:<port>`. */
  url: string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/**
 * A TCP port that was free on 127.0.0.1 a moment ago.
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Stops `child` with `signal` and waits for it to exit, killing it with SIGKILL after `ms`.
 * @example
 * await stopChild(worker);
 */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", ms = 5000) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill("SIGKILL"), ms);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Starts redis-server; rejects within `timeoutMs` if it does not come up.
 * @example
 * const redis = await startTestRedis();
 * try { submitSweep(kind, inputs, { queue: redis.url }); } finally { await redis.stop(); }
 */
export async function startTestRedis(timeoutMs = 10000): Promise<TestRedis> {
  if (spawnSync("redis-server", ["--version"]).error) {
    throw new Error(
      "the queue tests need redis-server on the PATH: apt-get install -y redis-server (Debian/Ubuntu; .ci/run installs it) or brew install redis",
    );
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "qoar-redis-"));
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const up = await new Promise<boolean>((resolve) => {
      let out = "";
      const t = setTimeout(() => resolve(false), timeoutMs);
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(t);
          resolve(true);
        }
      });
      child.once("exit", () => {
        clearTimeout(t);
        resolve(false);
      });
    });
    const stop = async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    };
    if (up) return { port, url: `redis://127.0.0.1:${port}`, stop };
    await stop();
  }
  throw new Error("redis-server did not start on 127.0.0.1 in three tries");
}
