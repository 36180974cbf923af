/**
 * The jobs tier without a queue: content hashes, the registry, the built-in kinds' validation,
 * and local sweeps (on this thread and on job threads, which load dist/: `npm run build`) that
 * equal direct library calls bit for bit.
 */
import { describe, expect, it } from "vitest";
import { vqe } from "../../src/chem/groundstate.js";
import { Molecule } from "../../src/chem/molecule.js";
import { ArgumentError } from "../../src/errors.js";
import { canonicalJson, jobKey } from "../../src/jobs/content-hash.js";
import { currentJobEnvironment } from "../../src/jobs/environment.js";
import { executeJob } from "../../src/jobs/execute.js";
import { solveGroundStates } from "../../src/jobs/ground-states.js";
import { groundStateJobInput } from "../../src/jobs/kinds/ground-state.js";
import { jobKind, jobKindNames, registerJobKind } from "../../src/jobs/registry.js";
import { submitSweep } from "../../src/jobs/submit.js";
import type { SweepProgress } from "../../src/jobs/sweep.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { runQoar } from "./qoar-process.js";

const env = { qoarVersion: "0.1.0", backend: "cpu", threads: 1, fusion: 2 };

describe("content hash", () => {
  it("ignores key order and changes with version, backend, threads, fusion, kind version and input", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const k = jobKey("circuit.run", 1, { x: 1, y: [0.1, 2] }, env);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(jobKey("circuit.run", 1, { y: [0.1, 2], x: 1 }, { ...env })).toBe(k);
    const others = [
      jobKey("circuit.run", 1, { x: 1, y: [0.1, 2] }, { ...env, qoarVersion: "0.2.0" }),
      jobKey("circuit.run", 1, { x: 1, y: [0.1, 2] }, { ...env, backend: "webgpu" }),
      jobKey("circuit.run", 1, { x: 1, y: [0.1, 2] }, { ...env, threads: 2 }),
      jobKey("circuit.run", 1, { x: 1, y: [0.1, 2] }, { ...env, fusion: 0 }),
      jobKey("circuit.run", 2, { x: 1, y: [0.1, 2] }, env),
      jobKey("circuit.train", 1, { x: 1, y: [0.1, 2] }, env),
      jobKey("circuit.run", 1, { x: 1, y: [0.1, 2.0000000000000004] }, env),
    ];
    expect(new Set([k, ...others]).size).toBe(others.length + 1);
  });

  it("rejects what JSON cannot carry exactly, naming the place", () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(
      /input\.a\[1\] must be a finite number/,
    );
    expect(() => canonicalJson({ a: new Float64Array(2) })).toThrow(/typed array/);
    expect(() => submitSweep("circuit.run", [{}, { shots: Number.POSITIVE_INFINITY }])).toThrow(
      /inputs\[1\]\.shots must be a finite number/,
    );
  });

  it("the environment records the thread count and fusion this process runs with", () => {
    expect(currentJobEnvironment()).toMatchObject({ backend: "cpu", threads: 1, fusion: 2 });
    expect(currentJobEnvironment().qoarVersion).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("job kind registry", () => {
  it("lists the built-in kinds; an unknown kind is an ArgumentError naming the known ones", () => {
    expect(jobKindNames()).toEqual(
      expect.arrayContaining(["chem.ground-state", "circuit.run", "circuit.train"]),
    );
    expect(() => jobKind("chem.nope")).toThrow(
      /unknown job kind "chem.nope"; known: chem.ground-state/,
    );
    expect(() => submitSweep("chem.nope", [])).toThrow(ArgumentError);
  });

  it("registerJobKind checks the kind; a registered kind runs in a local sweep", async () => {
    expect(() =>
      registerJobKind({
        name: "bad name",
        version: 1,
        description: "",
        validate: (x) => x,
        run: (x) => x,
      }),
    ).toThrow(/kind.name must be/);
    expect(() =>
      registerJobKind({
        name: "demo.v",
        version: -1,
        description: "",
        validate: (x) => x,
        run: (x) => x,
      }),
    ).toThrow(/version must be an integer >= 0/);
    registerJobKind({
      name: "demo.square",
      version: 1,
      description: "x squared",
      validate: (x) => {
        if (typeof x !== "number") throw new ArgumentError(`x must be a number, got ${String(x)}`);
        return x;
      },
      run: (x: number) => x * x,
    });
    const report = await submitSweep<number>("demo.square", [3, "four", 5]).done();
    expect(report.outcomes.map((o) => (o.ok ? o.output : o.error.message))).toEqual([
      9,
      "x must be a number, got four",
      25,
    ]);
    expect(report.failed).toEqual([
      {
        index: 1,
        input: "four",
        error: { name: "ArgumentError", message: "x must be a number, got four" },
      },
    ]);
  });
});

describe("built-in kinds: malformed input", () => {
  it("chem.ground-state names the bad field", async () => {
    const bad = [
      [{ molecule: { atoms: [] } }, /input\.molecule\.atoms must be a non-empty array/],
      [
        { molecule: { atoms: [{ symbol: "H", Z: 1, x: 0, y: 0, z: "far" }] } },
        /input\.molecule\.atoms\[0\]\.z must be a finite number, got "far"/,
      ],
      [
        {
          molecule: groundStateJobInput(Molecule.fromName("h2")).molecule,
          solver: { optimiser: "adam" },
        },
        /input\.solver has an unknown field "optimiser"/,
      ],
      [
        {
          molecule: groundStateJobInput(Molecule.fromName("h2")).molecule,
          solver: { method: "dft" },
        },
        /input\.solver\.method must be one of vqe, fci, got "dft"/,
      ],
    ] as const;
    for (const [input, message] of bad) {
      const r = await executeJob("chem.ground-state", input);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.name).toBe("ArgumentError");
      expect(!r.ok && r.error.message).toMatch(message);
    }
    expect(() => groundStateJobInput(Molecule.fromName("h2"), { scfResult: {} as never })).toThrow(
      /cannot be sent to a worker/,
    );
  });
});

describe("local sweeps", () => {
  const h2 = (r: number) => Molecule.fromGeometry(`H 0 0 0; H 0 0 ${r}`, { name: "h2" });
  const molecules = [0.6, 0.9, 1.4].map(h2);
  const pick = (r: {
    hfEnergy: number;
    vqeEnergy?: number;
    fciEnergy?: number;
    parameters: number[];
    history: number[];
  }) => ({
    hf: r.hfEnergy,
    vqe: r.vqeEnergy,
    fci: r.fciEnergy,
    parameters: r.parameters,
    history: r.history,
  });

  it("chem.ground-state on this thread and on 2 job threads equals vqe() bit for bit", async () => {
    const direct = molecules.map((m) => pick(vqe(m)));
    for (const where of [{}, { workers: 2 }]) {
      const points = solveGroundStates(molecules, {}, where);
      const got = [];
      for (let k = 0; k < molecules.length; k++) got.push(pick(await points.result(k)));
      await points.close();
      expect(got).toEqual(direct);
    }
  }, 60_000);

  it("a circuit.train seed sweep on 2 threads equals the serial one; outcomes arrive with progress", async () => {
    const c = new Circuit(3);
    c.ry("full");
    c.cnot("cycle");
    c.ry("full");
    const inputs = [1, 2, 3, 4].map((seed) => ({
      circuit: c.toJSON(),
      hamiltonian: "Z0 Z1 + 0.5 X2",
      steps: 15,
      lr: 0.1,
      seed,
    }));
    const serial = await submitSweep("circuit.train", inputs).done();
    const progress: SweepProgress[] = [];
    const threaded = submitSweep("circuit.train", inputs, {
      workers: 2,
      onProgress: (p) => progress.push(p),
    });
    const arrived: number[] = [];
    for await (const o of threaded) arrived.push(o.index);
    const report = await threaded.done();
    expect(arrived.sort()).toEqual([0, 1, 2, 3]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(report.failed).toEqual([]);
    expect(report.outcomes.map((o) => o.ok && o.output)).toEqual(
      serial.outcomes.map((o) => o.ok && o.output),
    );
    const first = serial.outcomes[0]!;
    const losses = first.ok ? (first.output as { losses: number[] }).losses : [];
    expect(losses).toHaveLength(16);
    expect(losses[15]!).toBeLessThan(losses[0]!);
  }, 60_000);

  it("circuit.run: exact expectations, probabilities and seeded counts", async () => {
    const qasm = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n';
    const r = await executeJob("circuit.run", {
      circuit: qasm,
      observables: ["Z0 Z1", "X0"],
      shots: 200,
      seed: 3,
    });
    expect(r.ok).toBe(true);
    const out = r.ok
      ? (r.output as { expectations: number[]; counts: Record<string, number> })
      : undefined;
    expect(out!.expectations[0]).toBeCloseTo(1, 12);
    expect(out!.expectations[1]).toBeCloseTo(0, 12);
    expect(Object.keys(out!.counts).sort()).toEqual(["00", "11"]);
    expect(out!.counts["00"]! + out!.counts["11"]!).toBe(200);
  });
});

describe("qoar chem curve on local threads (needs `npm run build`)", () => {
  it("--workers 2 prints the same table as the plain run; --queue with --workers exits 2", async () => {
    const args = ["chem", "curve", "--molecule", "h2", "--steps", "5", "--quiet"];
    const [plain, threaded, both] = await Promise.all([
      runQoar(args, 60_000),
      runQoar([...args, "--workers", "2"], 60_000),
      runQoar([...args, "--workers", "2", "--queue", "redis://127.0.0.1:6379"], 60_000),
    ]);
    expect(plain.status).toBe(0);
    expect(threaded.status, threaded.stderr).toBe(0);
    expect(threaded.stdout).toBe(plain.stdout);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/give --queue .* or --workers .*, not both/);
  }, 90_000);
});
