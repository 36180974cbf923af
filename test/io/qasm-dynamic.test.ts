/**
 * OpenQASM 2 with mid-circuit measure, reset and `if`: import into the circuit's dynamic
 * operations, export back, and the classical-register distribution of the QASMBench files that
 * use them, checked against the io tests' own branching simulator (a second implementation).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exactRegister } from "../../src/cli/run-dynamic.js";
import { circuitFromQasm, circuitToQasm } from "../../src/io/circuit-qasm.js";
import { parseQasm, QasmError } from "../../src/io/qasm/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../../src/quantum/operators/hamiltonian.js";
import { qasmbenchFiles } from "../reference/load.js";
import { runProgram } from "./helpers/statevector.js";

const HEAD = 'OPENQASM 2.0; include "qelib1.inc";';

function bloch(c: Circuit, q: number): number[] {
  const psi = c.forward();
  return ["X", "Y", "Z"].map((p) => psi.expecVal(Hamiltonian.fromString(`${p}${q}`)));
}

describe("OpenQASM 2 dynamic circuits", () => {
  it("circuits/teleportation.qasm: q[2] ends in u3(1.1, 0.7, -0.4)|0> (its Bloch vector to 1e-12)", () => {
    const { circuit, measurements, nClbits } = circuitFromQasm(
      readFileSync("circuits/teleportation.qasm", "utf8"),
    );
    expect(circuit.isDynamic).toBe(true);
    expect(measurements).toEqual([{ qubit: 2, clbit: 2 }]);
    expect(nClbits).toBe(3);
    const want = [Math.sin(1.1) * Math.cos(0.7), Math.sin(1.1) * Math.sin(0.7), Math.cos(1.1)];
    const got = bloch(circuit, 2);
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-12);
  });

  it("if (c == v) reads c[0] as the least significant bit: v = 1 and v = 2 on a 2-bit register", () => {
    const run = (flip: number, v: number) => {
      const text = `${HEAD} qreg q[3]; creg c[2]; x q[${flip}]; measure q[0] -> c[0]; measure q[1] -> c[1]; if (c == ${v}) x q[2];`;
      return circuitFromQasm(text).circuit.forward().probabilities([2])[1]!;
    };
    expect(run(0, 1)).toBeCloseTo(1, 14); // c[0] = 1: c == 1
    expect(run(1, 1)).toBeCloseTo(0, 14);
    expect(run(1, 2)).toBeCloseTo(1, 14); // c[1] = 1: c == 2
    expect(run(0, 2)).toBeCloseTo(0, 14);
  });

  it("exports measure, reset and if, and reads them back to the same branches", () => {
    const c = new Circuit(3);
    c.u3(0, { param: [1.1, 0.7, -0.4] })
      .h(1)
      .cnot([1, 2])
      .cnot([0, 1])
      .h(0);
    c.measure([0, 1], { bits: [0, 1] });
    c.cond([0, 1], 2, (sub) => sub.x(2));
    c.cond([0, 1], 3, (sub) => sub.y(2));
    c.cond([0, 1], 1, (sub) => sub.z(2));
    c.reset(0);
    const text = circuitToQasm(c);
    expect(text).toMatch(/creg m0\[2\];/);
    expect(text).toMatch(/if \(m0 == 2\) x q\[2\];/);
    expect(text).toMatch(/reset q\[0\];/);
    const back = circuitFromQasm(text).circuit;
    const a = bloch(c, 2);
    const b = bloch(back, 2);
    for (let i = 0; i < 3; i++) expect(b[i]).toBeCloseTo(a[i]!, 14);
    expect(back.forward().branches!.records).toEqual(c.forward().branches!.records);
  });

  it("refuses an if on a register no measure wrote, an if in a gate body, and postselect on export", () => {
    expect(() => circuitFromQasm(`${HEAD} qreg q[1]; creg c[1];\nif (c == 1) x q[0];`)).toThrow(
      /line 2.*reads c, which no earlier measure wrote/,
    );
    expect(() =>
      parseQasm(`${HEAD} qreg q[1]; creg c[1]; gate g a { if (c == 1) x a; } g q[0];`),
    ).toThrow(QasmError);
    const c = new Circuit(1);
    c.postselect(0, 0);
    expect(() => circuitToQasm(c)).toThrow(/postselect operation has no OpenQASM 2 form/);
    // if compares whole registers: a cond's bits must be a run, and runs may not overlap
    const gap = new Circuit(3).measure([0, 1, 2]);
    gap.cond([0, 2], 1, (s) => s.x(0));
    expect(() => circuitToQasm(gap)).toThrow(/not a contiguous ascending run/);
    const overlap = new Circuit(3).measure([0, 1, 2]);
    overlap.cond([0, 1], 1, (s) => s.x(0)).cond([1, 2], 1, (s) => s.x(0));
    expect(() => circuitToQasm(overlap)).toThrow(/overlapping bit lists/);
  });
});

describe("QASMBench files with mid-circuit measure, reset or if", () => {
  const { dir, files } = qasmbenchFiles();
  const dynamic = files.filter((f) => {
    const n = Number(/_n(\d+)/.exec(f)?.[1]);
    return n <= 12 && circuitFromQasm(readFileSync(join(dir, f), "utf8")).circuit.isDynamic;
  });

  it("are the issue's files", () => {
    expect(dynamic).toEqual([
      "bb84_n8.qasm",
      "bb84_n8_transpiled.qasm",
      "cc_n12.qasm",
      "inverseqft_n4.qasm",
      "inverseqft_n4_transpiled.qasm",
      "ipea_n2.qasm",
      "ipea_n2_transpiled.qasm",
      "qec_sm_n5.qasm",
      "qec_sm_n5_transpiled.qasm",
      "seca_n11.qasm",
      "shor_n5.qasm",
      "shor_n5_transpiled.qasm",
    ]);
  });

  it("give the classical-register distribution of the reference branching simulator", () => {
    for (const f of dynamic) {
      const text = readFileSync(join(dir, f), "utf8");
      const { circuit, measurements, nClbits } = circuitFromQasm(text);
      const got = exactRegister(circuit.forward(), measurements, nClbits, 2 ** 20, 1e-14);
      const want = new Map<string, number>();
      for (const b of runProgram(parseQasm(text))) {
        const k = b.clbits.join("");
        want.set(k, (want.get(k) ?? 0) + b.p);
      }
      for (const [k, p] of want)
        if (p > 1e-12) expect(got.probabilities[k] ?? 0, `${f} ${k}`).toBeCloseTo(p, 10);
      for (const [k, p] of Object.entries(got.probabilities))
        expect(want.get(k) ?? 0, `${f} ${k}`).toBeCloseTo(p, 10);
    }
  });
});
