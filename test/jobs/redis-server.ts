/**
 * A throwaway redis-server for the queue tests: on 127.0.0.1, a free port, a temporary folder,
 * no persistence; stopped (and its folder removed) by `stop()`. Without redis-server on the
 * PATH it throws, saying how to install it: the queue tests fail rather than skip.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running test Redis. */
export interface TestRedis {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
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

/** Waits for `child` to exit, killing it with SIGKILL after `ms`. */
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

/** Starts redis-server; rejects within `timeoutMs` if it does not come up. */
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
