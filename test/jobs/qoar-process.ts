/**
 * Runs dist/bin/qoar.js as a child process for the queue tests: `runQoar` waits for it (killed
 * after a deadline), `startQoar` leaves it running and collects its stderr lines.
 */
import { type ChildProcess, spawn } from "node:child_process";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
/** Every qoar process a test started and that may still run (for afterAll). */
const running = new Set<ChildProcess>();

/** SIGKILLs every qoar process still running (call in afterAll). */
export async function killAllQoar(): Promise<void> {
  await Promise.all(
    [...running].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill("SIGKILL");
        }),
    ),
  );
  running.clear();
}

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

/** Every test process runs with one kernel thread, as the suite does. */
const ENV = { ...process.env, QOAR_THREADS: "1" };

/** A finished qoar process. */
export interface QoarRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs qoar to the end (SIGKILL after `timeoutMs`). */
export function runQoar(
  args: string[],
  timeoutMs: number,
  env: Record<string, string> = {},
): Promise<QoarRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = track(spawn(process.execPath, [bin, ...args], { env: { ...ENV, ...env } }));
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const t = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (status) => {
      clearTimeout(t);
      resolve({ status, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** A running qoar process and what it has written to stderr so far. */
export interface QoarChild {
  child: ChildProcess;
  log: string[];
  /** Resolves with the first stderr line matching `pattern` (rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs: number, from?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Starts qoar in the background. */
export function startQoar(args: string[], env: Record<string, string> = {}): QoarChild {
  const child = track(
    spawn(process.execPath, [bin, ...args], {
      env: { ...ENV, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  const log: string[] = [];
  let partial = "";
  const listeners = new Set<() => void>();
  child.stderr!.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop()!;
    log.push(...parts);
    for (const l of listeners) l();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs: number, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const hit = log.slice(from).find((l) => pattern.test(l));
        if (hit === undefined) return false;
        done();
        resolve(hit);
        return true;
      };
      const t = setTimeout(() => {
        done();
        reject(
          new Error(
            `no stderr line matching ${pattern} within ${timeoutMs} ms:\n${log.join("\n")}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(t);
        listeners.delete(listener);
      };
      const listener = () => void check();
      listeners.add(listener);
      check();
    });
  return { child, log, waitFor, exited };
}
