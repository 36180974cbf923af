/**
 * The queue end to end (needs redis-server and `npm run build`): `qoar worker` processes and a
 * `qoar chem curve --queue` producer against a redis-server of the test's own on a loopback
 * port. The must-show: an 11-point LiH UCCSD-VQE curve on two workers, one killed with SIGKILL
 * in the middle of a job, completes and equals the serial curve exactly. To fit CI (2 cores) the
 * curve freezes lithium's 1s core (2 electrons in 5 orbitals, 10 qubits, about 0.5 s a point);
 * bench/jobs.ts runs the all-electron 12-qubit curve (about 2.5 s a point).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killAllQoar, type QoarChild, runQoar, startQoar } from "./qoar-process.js";
import { startTestRedis, stopChild, type TestRedis } from "./redis-server.js";

let redis: TestRedis | undefined;
const children: QoarChild[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
}, 30_000);

afterAll(async () => {
  await Promise.all(children.map((c) => stopChild(c.child, "SIGKILL")));
  await killAllQoar();
  await redis?.stop();
}, 30_000);

/** A worker on the test's Redis with a 2 s lock and stalled-job check. */
function worker(name: string, env: Record<string, string> = {}): QoarChild {
  const w = startQoar(
    [
      "worker",
      "--queue",
      redis!.url,
      "--name",
      name,
      "--lock-duration",
      "2000",
      "--stalled-interval",
      "2000",
    ],
    env,
  );
  children.push(w);
  return w;
}

const LIH = ["--molecule", "lih", "--active-electrons", "2", "--active-orbitals", "5"];
const CURVE = ["chem", "curve", ...LIH, "--from", "1.0", "--to", "3.0", "--steps", "11"];
const POINT = ["chem", "curve", ...LIH, "--from", "1.7", "--to", "1.7", "--steps", "1"];

describe("jobs on a Redis queue (needs redis-server and `npm run build`)", () => {
  let serial = "";

  it("an 11-point LiH UCCSD-VQE curve on two workers, one SIGKILLed mid-job, equals the serial curve exactly", async () => {
    const local = await runQoar([...CURVE, "--json", "--quiet"], 150_000);
    expect(local.status, local.stderr).toBe(0);
    serial = local.stdout;
    expect((JSON.parse(serial) as { points: unknown[] }).points).toHaveLength(11);

    const a = worker("a");
    const b = worker("b");
    await Promise.all([a.waitFor(/ready on/, 20_000), b.waitFor(/ready on/, 20_000)]);
    const producer = runQoar([...CURVE, "--json", "--quiet", "--queue", redis!.url], 200_000);

    // kill a while it computes its second job: it has finished one and started the next
    await a.waitFor(/^qoar worker: done /, 60_000);
    const started = a.log.length;
    const line = await a.waitFor(/^qoar worker: start /, 60_000, started);
    const lostJob = line.split(" ")[3]!;
    a.child.kill("SIGKILL");
    await a.exited;

    const queued = await producer;
    expect(queued.status, queued.stderr).toBe(0);
    expect(queued.stdout).toBe(serial); // same energies to the last bit (shortest round-trip text)
    // the job a was running when it died was handed to b by the stalled-job check
    expect(
      b.log.some(
        (l) =>
          l === `qoar worker: done ${lostJob}` || l.startsWith(`qoar worker: done ${lostJob} `),
      ),
    ).toBe(true);
    expect(a.log.filter((l) => l.includes(`done ${lostJob}`))).toEqual([]);
  }, 300_000);

  it("resubmitting the curve reuses every stored result: no job runs again, same table", async () => {
    expect(serial).not.toBe("");
    const b = children.find(
      (c) => c.log.some((l) => l.includes("ready on")) && c.child.exitCode === null,
    )!;
    const before = b.log.length;
    const again = await runQoar([...CURVE, "--json", "--quiet", "--queue", redis!.url], 30_000);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toBe(serial);
    expect(b.log.slice(before).filter((l) => / start /.test(l))).toEqual([]);
  }, 60_000);

  it("SIGTERM lets a worker finish its running job, store it and exit 0", async () => {
    // the idle worker b goes first: it exits 0 at once
    const b = children[1]!;
    b.child.kill("SIGTERM");
    expect(await b.exited).toBe(0);
    const c = worker("c");
    await c.waitFor(/ready on/, 20_000);
    // a point no earlier test computed
    const producer = runQoar([...POINT, "--json", "--quiet", "--queue", redis!.url], 120_000);
    await c.waitFor(/^qoar worker: start /, 60_000);
    c.child.kill("SIGTERM");
    expect(await c.exited).toBe(0);
    const term = c.log.findIndex((l) => l.includes("SIGTERM: finishing running jobs"));
    expect(term).toBeGreaterThan(0);
    expect(c.log.slice(term).some((l) => l.startsWith("qoar worker: done "))).toBe(true);
    const r = await producer;
    expect(r.status, r.stderr).toBe(0);
    const local = await runQoar([...POINT, "--json", "--quiet"], 60_000);
    expect(r.stdout).toBe(local.stdout);
  }, 200_000);
});
