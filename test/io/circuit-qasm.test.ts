/**
 * Round trips of every file in circuits/: QASM text -> program -> QASM text (the same program),
 * QASM -> Circuit -> QASM -> Circuit (the same state, up to the global phase OpenQASM 2 cannot
 * write), and Circuit -> circuit JSON -> Circuit (the same state, phase included, bit for bit).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MpsBackend } from "../../src/backend/mps/mps-backend.js";
import { circuitFromQasm, circuitToQasm } from "../../src/io/circuit-qasm.js";
import { parseQasm, programToQasm, type QasmProgram } from "../../src/io/qasm/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { GATES, oracleGate, pauliRotationGate } from "../../src/quantum/gates/table.js";
import { State } from "../../src/quantum/state/state.js";
import { Rng } from "../../src/random.js";
import { diffUpToPhase, maxDiff } from "./helpers/dense.js";
import { runProgram, unitaryPrefix } from "./helpers/statevector.js";

const FILES = readdirSync("circuits")
  .filter((f) => f.endsWith(".qasm"))
  .sort();
const read = (f: string) => readFileSync(`circuits/${f}`, "utf8");
/** Files too wide for a dense state (ghz-60.qasm): their round trips run on the mps backend. */
const WIDE = FILES.filter((f) => parseQasm(read(f)).nQubits > 24);
const DENSE = FILES.filter((f) => !WIDE.includes(f));

/** A program without source lines, angles rounded to 14 digits (the writer's decimals). */
function canonical(p: QasmProgram): string {
  const ops = p.ops.map((o) => ({
    ...o,
    line: 0,
    ...(o.kind === "if" ? { op: { ...o.op, line: 0 } } : {}),
  }));
  return JSON.stringify({ ...p, ops }, (_k, v) =>
    typeof v === "number" ? Number(v.toPrecision(14)) : v,
  );
}

describe("circuits/ round trips", () => {
  it("holds the six example circuits", () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        "bell.qasm",
        "ghz.qasm",
        "grover-3.qasm",
        "qft-4.qasm",
        "random-12.qasm",
        "teleportation.qasm",
      ]),
    );
  });

  it("parseQasm(programToQasm(p)) is p for every file, and writing again gives the same text", () => {
    for (const f of FILES) {
      const p = parseQasm(read(f));
      expect(p.warnings, f).toEqual([]);
      const text = programToQasm(p);
      const again = parseQasm(text);
      expect(canonical(again), f).toBe(canonical(p));
      expect(programToQasm(again), f).toBe(text);
    }
  });

  it("Circuit -> QASM -> Circuit keeps the state (up to global phase) and the measurements", () => {
    let checked = 0;
    for (const f of DENSE) {
      const p = parseQasm(read(f));
      if (!unitaryPrefix(p).unitary) {
        // teleportation: mid-circuit measurement and if (test/io/qasm-dynamic.test.ts)
        expect(circuitFromQasm(read(f)).circuit.isDynamic, f).toBe(true);
        continue;
      }
      const a = circuitFromQasm(read(f));
      const b = circuitFromQasm(circuitToQasm(a.circuit, { measure: a.measurements.length > 0 }));
      const sa = a.circuit.forward().toArray();
      const sb = b.circuit.forward().toArray();
      expect(diffUpToPhase(sa, sb), f).toBeLessThan(1e-12);
      // the Circuit's state is the reference simulator's, phase included
      const [ref] = runProgram(p, unitaryPrefix(p).ops);
      expect(maxDiff(sa, ref!.state), f).toBeLessThan(1e-12);
      if (a.measurements.length > 0) {
        expect(b.measurements.map((m) => m.qubit).sort(), f).toEqual(
          a.measurements.map((m) => m.qubit).sort(),
        );
      }
      checked++;
    }
    expect(checked).toBe(DENSE.length - 1);
  });

  it("the wide files (ghz-60) round-trip through QASM and JSON on the mps backend", () => {
    expect(WIDE).toEqual(["ghz-60.qasm"]);
    for (const f of WIDE) {
      const a = circuitFromQasm(read(f)).circuit;
      const viaQasm = circuitFromQasm(circuitToQasm(a)).circuit;
      const viaJson = Circuit.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
      for (const c of [a, viaQasm, viaJson]) {
        const s = c.forward(State.zero(c.nQubits, { backend: new MpsBackend() }));
        expect(s.amplitude("0".repeat(c.nQubits)).abs() ** 2, f).toBeCloseTo(0.5, 12);
        expect(s.amplitude("1".repeat(c.nQubits)).abs() ** 2, f).toBeCloseTo(0.5, 12);
      }
    }
  });

  it("Circuit -> JSON -> Circuit gives the same state bit for bit, global phase included", () => {
    for (const f of DENSE.filter((x) => x !== "teleportation.qasm")) {
      const { circuit } = circuitFromQasm(read(f));
      const back = Circuit.fromJSON(JSON.parse(JSON.stringify(circuit.toJSON())));
      expect(back.globalPhase, f).toBe(circuit.globalPhase);
      expect(back.forward().toArray(), f).toEqual(circuit.forward().toArray());
    }
  });
});

describe("circuitToQasm writes every qoar gate", () => {
  /** Random 1-qubit layer, the gate on shuffled qubits, another layer: a generic test state. */
  function around(n: number, add: (c: Circuit, qs: number[]) => void, seed: number): Circuit {
    const rng = new Rng(seed);
    const c = new Circuit(n, { seed });
    c.u3("full");
    add(c, rng.shuffle(Array.from({ length: n }, (_, q) => q)));
    c.u3("full");
    return c;
  }
  const angles = (k: number, rng: Rng) =>
    Array.from({ length: k }, () => ({ kind: "const" as const, value: 4 * rng.uniform() - 2 }));

  it("every table gate (universal gates as their factors) reads back to the same state up to phase", () => {
    const rng = new Rng(5);
    for (const g of GATES) {
      const c = around(
        4,
        (c, qs) => c.addOperation(g, qs.slice(0, g.nQubits), angles(g.nParams, rng)),
        9,
      );
      const text = circuitToQasm(c);
      const back = circuitFromQasm(text).circuit;
      expect(diffUpToPhase(back.forward().toArray(), c.forward().toArray()), g.name).toBeLessThan(
        1e-12,
      );
    }
  });

  it("Pauli rotations (UCCSD's gates) are written as a CNOT ladder around RZ", () => {
    const rng = new Rng(6);
    for (const letters of ["X", "Y", "Z", "XY", "YX", "ZZ", "XYZ", "YYXX", "XZYX"]) {
      const g = pauliRotationGate(letters);
      const c = around(4, (c, qs) => c.addOperation(g, qs.slice(0, g.nQubits), angles(1, rng)), 10);
      const text = circuitToQasm(c);
      expect(text).toMatch(/rz\(/);
      const back = circuitFromQasm(text).circuit;
      expect(diffUpToPhase(back.forward().toArray(), c.forward().toArray()), letters).toBeLessThan(
        1e-12,
      );
    }
  });

  it("refuses user matrices, even one named like a qelib1 gate, inverted ops and data gates", () => {
    const c = new Circuit(1);
    c.addOperation(
      oracleGate(
        [
          [0, 1],
          [1, 0],
        ],
        "h",
      ),
      [0],
    );
    expect(() => circuitToQasm(c)).toThrow(/gate "h" \(a user matrix\) has no OpenQASM 2 form/);
    const d = new Circuit(2, { seed: 1 });
    d.ry("full");
    expect(() => circuitToQasm(d.inverse())).toThrow(/inverted/);
    const e = new Circuit(2);
    e.angleEncoding();
    expect(() => circuitToQasm(e)).toThrow(/data-encoding/);
  });
});
