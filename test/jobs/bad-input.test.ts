/**
 * The queue's bad input (needs redis-server and `npm run build`): an unreachable Redis fails in
 * seconds, malformed job input fails its job with the qoar error recorded and reported per
 * input, and a worker of another qoar version refuses jobs (QOAR_JOB_VERSION overrides it).
 * Workers run in this process here (startQueueWorker); their job threads load dist/.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArgumentError, ResourceError } from "../../src/errors.js";
import { parseRedisUrl } from "../../src/jobs/redis.js";
import { submitSweep } from "../../src/jobs/submit.js";
import { type QueueWorker, startQueueWorker } from "../../src/jobs/worker.js";
import { killAllQoar, runQoar } from "./qoar-process.js";
import { freePort, startTestRedis, type TestRedis } from "./redis-server.js";

let redis: TestRedis | undefined;
const workers: QueueWorker[] = [];
const BELL = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n';

beforeAll(async () => {
  redis = await startTestRedis();
}, 30_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close(true)));
  await killAllQoar();
  await redis?.stop();
}, 30_000);

async function timed<T>(p: Promise<T>): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    await p;
    return { error: undefined, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

describe("queue bad input: unreachable Redis", () => {
  it("a closed port fails within a few seconds with a ResourceError naming the address", async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const sweep = submitSweep("circuit.run", [{ circuit: BELL }], { queue: url });
    const r = await timed(sweep.done());
    expect(r.error).toBeInstanceOf(ResourceError);
    expect((r.error as Error).message).toMatch(
      new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}/0 \\(.*ECONNREFUSED`),
    );
    expect(r.ms).toBeLessThan(5000);
    const w = await timed(startQueueWorker({ queue: url }));
    expect(w.error).toBeInstanceOf(ResourceError);
    expect(w.ms).toBeLessThan(5000);
  }, 20_000);

  it("a silent server (accepts, never answers) fails within the deadline, no hang", async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const sweep = submitSweep("circuit.run", [{ circuit: BELL }], {
        queue: `redis://127.0.0.1:${port}`,
      });
      const r = await timed(sweep.done());
      expect(r.error).toBeInstanceOf(ResourceError);
      expect((r.error as Error).message).toMatch(/cannot reach Redis/);
      expect(r.ms).toBeLessThan(6000);
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  }, 20_000);

  it("the CLI prints one line and exits 2 (qoar worker and qoar chem curve --queue)", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const w = await runQoar(["worker", "--queue", url], 15_000);
    expect(w.status).toBe(2);
    expect(w.stderr.trim().split("\n")).toHaveLength(1);
    expect(w.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1/);
    expect(w.ms).toBeLessThan(8000);
    const c = await runQoar(
      ["chem", "curve", "--molecule", "h2", "--steps", "2", "--queue", url, "--quiet"],
      15_000,
    );
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/cannot reach Redis/);
    const bad = await runQoar(["worker", "--queue", "http://127.0.0.1:6379"], 15_000);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/redis:\/\/HOST:PORT/);
  }, 40_000);

  it("a malformed queue URL is an ArgumentError that shows the expected form", () => {
    expect(() => parseRedisUrl("localhost:6379")).toThrow(ArgumentError);
    expect(() => parseRedisUrl("redis://127.0.0.1:6379/99")).toThrow(
      /database number must be 0\.\.15/,
    );
    expect(parseRedisUrl("redis://127.0.0.1:6380/2")).toMatchObject({
      host: "127.0.0.1",
      port: 6380,
      db: 2,
    });
  });
});

const MALFORMED = [
  { circuit: BELL, observables: ["Z0 Z1"] },
  { circuit: 42 },
  { circuit: BELL, shots: -1 },
  { circuit: "OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n" },
  { circuit: BELL, colour: "red" },
];

describe("queue bad input: malformed jobs and other versions", () => {
  it("malformed job input fails its job with the qoar error recorded; the sweep reports which inputs failed", async () => {
    const w = await startQueueWorker({ queue: redis!.url, name: "checker" });
    const report = await submitSweep("circuit.run", MALFORMED, {
      queue: redis!.url,
      timeoutMs: 30_000,
    })
      .done()
      .finally(() => w.close());
    const first = report.outcomes[0]!;
    expect(first.ok && first.output).toMatchObject({ nQubits: 2 });
    expect(first.ok && (first.output as { expectations: number[] }).expectations[0]).toBeCloseTo(
      1,
      12,
    );
    expect(report.failed.map((f) => f.index)).toEqual([1, 2, 3, 4]);
    expect(report.failed[0]!.error.name).toBe("ArgumentError");
    expect(report.failed[0]!.error.message).toMatch(
      /input\.circuit must be circuit JSON .* got 42/,
    );
    expect(report.failed[1]!.error).toMatchObject({ name: "ArgumentError" });
    expect(report.failed[1]!.error.message).toMatch(/input\.shots must be an integer >= 1, got -1/);
    expect(report.failed[2]!.error.name).toBe("QasmError");
    expect(report.failed[2]!.error.message).toMatch(/foo/);
    expect(report.failed[3]!.error.message).toMatch(/unknown field "colour"/);
    expect(report.failed[3]!.input).toEqual(MALFORMED[4]);
  }, 60_000);

  it("a worker of another qoar version refuses the jobs (reported, then a timeout); a compatible worker runs them", async () => {
    process.env.QOAR_JOB_VERSION = "9.9.9";
    let old: QueueWorker;
    try {
      old = await startQueueWorker({ queue: redis!.url, name: "old", refuseDelayMs: 200 });
    } finally {
      delete process.env.QOAR_JOB_VERSION;
    }
    workers.push(old);
    const notices: string[] = [];
    const input = { circuit: BELL, shots: 100, seed: 7 };
    const lonely = submitSweep("circuit.run", [input], {
      queue: redis!.url,
      timeoutMs: 3000,
      onProgress: (p) => p.notice && notices.push(p.notice),
    });
    const r = await timed(lonely.done());
    expect(r.error).toBeInstanceOf(ResourceError);
    expect((r.error as Error).message).toMatch(
      /timed out after 3000 ms with 1 of 1 jobs unfinished/,
    );
    expect((r.error as Error).message).toMatch(
      /worker old refused a job: it needs qoar 0\.1\.0, this worker is qoar 9\.9\.9/,
    );
    expect(notices.some((n) => /needs qoar 0\.1\.0, this worker is qoar 9\.9\.9/.test(n))).toBe(
      true,
    );

    const sweep = submitSweep("circuit.run", [input], { queue: redis!.url, timeoutMs: 30_000 });
    const fresh = await startQueueWorker({ queue: redis!.url, name: "fresh" });
    workers.push(fresh);
    const report = await sweep.done();
    const o = report.outcomes[0]!;
    expect(o.ok).toBe(true);
    expect(o.worker).toBe("fresh");
    const local = await submitSweep("circuit.run", [input]).done();
    expect(o.ok && o.output).toEqual(local.outcomes[0]!.ok && local.outcomes[0]!.output);
  }, 60_000);
});
