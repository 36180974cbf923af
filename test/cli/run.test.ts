import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circuitFromQasm } from "../../src/io/circuit-qasm.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { referencePath } from "../reference/load.js";

const bin = new URL("../../dist/bin/qoar.js", import.meta.url).pathname;
const qoar = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });

describe("qoar run (end to end; needs `npm run build`)", () => {
  it("samples a Bell state with a seed and prints JSON", () => {
    const r = qoar("run", "circuits/bell.qasm", "--shots", "1000", "--seed", "7", "--json");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { counts: Record<string, number>; nQubits: number };
    expect(out.nQubits).toBe(2);
    expect(Object.keys(out.counts).sort()).toEqual(["00", "11"]);
    expect(out.counts["00"]! + out.counts["11"]!).toBe(1000);
    const again = JSON.parse(
      qoar("run", "circuits/bell.qasm", "--shots", "1000", "--seed", "7", "--json").stdout,
    );
    expect(again.counts).toEqual(out.counts);
  });

  it("computes expectation values exactly", () => {
    const r = qoar("run", "circuits/ghz.qasm", "--expect", "Z0 Z1", "--json");
    const out = JSON.parse(r.stdout) as { expectation: { value: number }[] };
    expect(out.expectation[0]!.value).toBeCloseTo(1, 12);
  });

  it("exits with status 2 and one line on bad input", () => {
    const r = qoar("run", "no-such-file.qasm");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/no-such-file/);
    expect(qoar("run", "circuits/bell.qasm", "--shots", "-3").status).toBe(2);
  });

  it("samples 1e12 shots at once, and refuses more than 2^53 - 1 with one line", () => {
    const r = qoar("run", "circuits/bell.qasm", "--shots", "1000000000000", "--json");
    expect(r.status).toBe(0);
    const counts = (JSON.parse(r.stdout) as { counts: Record<string, number> }).counts;
    expect(counts["00"]! + counts["11"]!).toBe(1e12);
    expect(Math.abs(counts["00"]! - 5e11)).toBeLessThan(6 * Math.sqrt(2.5e11));
    const big = qoar("run", "circuits/bell.qasm", "--shots", "9007199254740993");
    expect(big.status).toBe(2);
    expect(big.stderr.trim().split("\n")).toHaveLength(1);
    expect(big.stderr).toMatch(/--shots must be a positive integer up to 2\^53 - 1/);
  });

  it("runs a circuit JSON file (circuit.toJSON()): the same state and expectation values", () => {
    const dir = mkdtempSync(join(tmpdir(), "qoar-run-"));
    const c = new Circuit(3, { seed: 4 });
    c.h(0);
    c.ry("full");
    c.cnot("cycle");
    c.realEntangledLayer({ depth: 2 });
    c.globalPhase = 0.3;
    const file = join(dir, "trained.json");
    writeFileSync(file, JSON.stringify(c.toJSON()));
    const r = qoar("run", file, "--state", "--expect", "0.5 Z0 Z1 - 0.2 X2", "--json");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      nQubits: number;
      gates: number;
      state: Record<string, [number, number]>;
      expectation: { value: number }[];
      probabilities: Record<string, number>;
    };
    expect(out.nQubits).toBe(3);
    expect(out.gates).toBe(c.gateCount);
    const psi = c.forward();
    const a = psi.toArray();
    for (let i = 0; i < 8; i++) {
      const [re, im] = out.state[i.toString(2).padStart(3, "0")] ?? [0, 0];
      expect(Math.abs(re - a[2 * i]!) + Math.abs(im - a[2 * i + 1]!)).toBeLessThan(1e-15);
    }
    expect(out.expectation[0]!.value).toBeCloseTo(
      Hamiltonian.fromString("0.5 Z0 Z1 - 0.2 X2").expectation(psi),
      14,
    );
    const total = Object.values(out.probabilities).reduce((x, y) => x + y, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("reports a malformed circuit JSON file in one line naming the bad field", () => {
    const dir = mkdtempSync(join(tmpdir(), "qoar-run-"));
    const c = new Circuit(2, { seed: 1 });
    c.ry("full");
    const j = c.toJSON();
    j.operations[1]!.qubits = [7];
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(j));
    const r = qoar("run", file);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/operations\[1\]\.qubits\[0\]/);
    writeFileSync(file, "{not json");
    const r2 = qoar("run", file);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/not JSON/);
  });

  it("reads QASMBench's vqe_uccsd file (lenient import) and prints probabilities largest first", () => {
    const r = qoar("run", referencePath("qasmbench/vqe_uccsd_n4.qasm"), "--top", "4");
    expect(r.status, r.stderr).toBe(0);
    const values = [...r.stdout.matchAll(/^ {2}([01]{4}) {2}([\d.]+)$/gm)].map((m) => Number(m[2]));
    expect(values).toHaveLength(4);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("lists the top k outcomes of a 20-qubit state within a 48 MB heap (ising_n26 cut to 20 qubits)", () => {
    // QASMBench's Ising circuit on its first 20 qubits, plus an RX layer so that the outcomes
    // are not all equally likely; listing all 2^20 of them needed over 96 MB of heap
    const lines = readFileSync(referencePath("qasmbench/ising_n26.qasm"), "utf8").split("\n");
    const kept = lines
      .filter((l) => !l.startsWith("barrier") && !l.startsWith("measure"))
      .map((l) => (/^[qc]reg /.test(l) ? l.replace("[26]", "[20]") : l))
      .filter(
        (l) => [...l.matchAll(/q\[(\d+)\]/g)].every((m) => Number(m[1]) < 20) || /^qreg /.test(l),
      );
    for (let q = 0; q < 20; q++) kept.push(`rx(${(0.1 + 0.13 * q).toFixed(2)}) q[${q}];`);
    const dir = mkdtempSync(join(tmpdir(), "qoar-run-"));
    const file = join(dir, "ising_n20.qasm");
    writeFileSync(file, `${kept.join("\n")}\n`);
    const small = (...args: string[]) =>
      spawnSync(process.execPath, ["--max-old-space-size=48", bin, "run", file, ...args], {
        encoding: "utf8",
      });
    const r = small("--top", "5", "--state", "--json");
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      nQubits: number;
      outcomes: number;
      omitted: number;
      probabilities: Record<string, number>;
      state: Record<string, [number, number]>;
      stateOmitted: number;
    };
    expect(out.nQubits).toBe(20);
    expect(out.outcomes).toBe(2 ** 20);
    // the reference: a full sort of the library's probabilities
    const p = circuitFromQasm(readFileSync(file, "utf8")).circuit.forward().probabilities();
    const sorted = [...p].sort((a, b) => b - a);
    const listed = Object.entries(out.probabilities).sort((a, b) => b[1] - a[1]);
    expect(listed).toHaveLength(5);
    listed.forEach(([bits, v], j) => {
      expect(v).toBeCloseTo(sorted[j]!, 14);
      expect(p[Number.parseInt(bits, 2)]!).toBeCloseTo(v, 14);
    });
    expect(out.omitted).toBe(p.filter((x) => x > 1e-12).length - 5);
    // --state honours --top: the 5 largest amplitudes, the same outcomes
    expect(Object.keys(out.state).sort()).toEqual(listed.map(([b]) => b).sort());
    expect(out.stateOmitted).toBe(2 ** 20 - 5);
    // the text output says how many it shows of how many
    const text = small("--top", "2");
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^probabilities \(showing the 2 most likely of 2\^20 outcomes\):$/m,
    );
    expect(text.stdout.match(/^ {2}[01]{20} {2}/gm)).toHaveLength(2);
    expect(text.stdout).toMatch(/\.\.\. \d+ more with p > 1e-12 \(use --top k\)/);
  });

  it("--state honours --top, and --top has a bound", () => {
    const r = qoar("run", "circuits/qft-4.qasm", "--state", "--top", "3");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/^ {2}\|[01]{4}> /gm)).toHaveLength(3);
    expect(r.stdout).toMatch(/^amplitudes \(showing the 3 largest of 2\^4\):$/m);
    expect(r.stdout).toMatch(/\.\.\. 13 more with \|a\| > 1e-12/);
    const all = qoar("run", "circuits/qft-4.qasm", "--state", "--json");
    expect(Object.keys(JSON.parse(all.stdout).state)).toHaveLength(16);
    const big = qoar("run", "circuits/bell.qasm", "--top", "2000000");
    expect(big.status).toBe(2);
    expect(big.stderr).toBe("qoar: --top must be at most 2^20 = 1048576, got 2000000\n");
  });
});
