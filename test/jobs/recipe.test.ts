/**
 * The README's "Sweeps on a queue" recipe, its single-machine form, run as written (with a free
 * port instead of 6390 and dist/bin/qoar.js for `qoar`): the queued H2 curve it prints equals
 * the local run's. Needs redis-server (and redis-cli) and `npm run build`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { killAllQoar, runQoar } from "./qoar-process.js";
import { freePort, startTestRedis } from "./redis-server.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
let script: ChildProcess | undefined;

afterAll(async () => {
  await killAllQoar();
  // the script runs in its own process group: end whatever of it is left (workers still closing)
  if (script?.pid !== undefined) {
    try {
      process.kill(-script.pid, "SIGKILL");
    } catch {}
  }
});

describe("README queue recipe", () => {
  it("the single-machine recipe runs as written and prints the local curve", async () => {
    // fails, saying how to install it, when redis-server is missing
    await (await startTestRedis()).stop();
    const m = /<!-- queue-recipe:start -->\n```sh\n([\s\S]*?)```\n<!-- queue-recipe:end -->/.exec(
      readme,
    );
    expect(m, "README has the queue recipe between its markers").not.toBeNull();
    const port = String(await freePort());
    const commands = m![1]!.replaceAll("6390", port).replace(/(^|\s)qoar /gm, `$1node "${bin}" `);
    expect(commands).toMatch(/--bind 127\.0\.0\.1/); // loopback only
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn("bash", ["-c", commands], { detached: true });
        script = child;
        let stdout = "";
        let stderr = "";
        child.stdout!.on("data", (d: Buffer) => {
          stdout += d.toString();
        });
        child.stderr!.on("data", (d: Buffer) => {
          stderr += d.toString();
        });
        const t = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 90_000);
        child.on("exit", (code) => {
          clearTimeout(t);
          resolve({ code, stdout, stderr });
        });
      },
    );
    expect(out.code, out.stderr).toBe(0);
    const local = await runQoar(
      ["chem", "curve", "--molecule", "h2", "--steps", "11", "--quiet"],
      60_000,
    );
    expect(local.status).toBe(0);
    expect(out.stdout).toContain(local.stdout);
  }, 120_000);
});
