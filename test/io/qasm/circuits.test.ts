/**
 * The example circuits in circuits/: each imports, lowers, and gives its known outcome, computed
 * here from the textbook formula (or, for random-12, from regenerating its gate list).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  lowerProgram,
  parseQasm,
  type QasmGateOp,
  type QasmProgram,
} from "../../../src/io/qasm/index.js";
import { diffUpToPhase, maxDiff } from "../helpers/dense.js";
import { u3 } from "../helpers/qiskit-gates.js";
import { RANDOM_12, randomCircuit } from "../helpers/random-circuit.js";
import { runLowered, runProgram, unitaryPrefix } from "../helpers/statevector.js";

const load = (name: string): QasmProgram => parseQasm(readFileSync(`circuits/${name}`, "utf8"));

/** The state before the final measurements, two ways (Qiskit matrices, lowered qoar gates), which must agree. */
function finalState(p: QasmProgram): Float64Array {
  const pre = unitaryPrefix(p);
  expect(pre.unitary).toBe(true);
  const [ref] = runProgram(p, pre.ops);
  const low = lowerProgram(p);
  expect(maxDiff(runLowered(p.nQubits, low.ops, low.globalPhase), ref!.state)).toBeLessThan(1e-12);
  return ref!.state;
}

function amplitudes(n: number, f: (k: number) => [number, number]): Float64Array {
  const s = new Float64Array(2 << n);
  for (let k = 0; k < 1 << n; k++) [s[2 * k], s[2 * k + 1]] = f(k);
  return s;
}

function distribution(p: QasmProgram): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of runProgram(p))
    out.set(b.clbits.join(""), (out.get(b.clbits.join("")) ?? 0) + b.p);
  return out;
}

describe("circuits/", () => {
  it("bell.qasm: (|00> + |11>)/sqrt 2, outcomes 00 and 11 half each", () => {
    const p = load("bell.qasm");
    const r = Math.SQRT1_2;
    expect(
      maxDiff(
        finalState(p),
        amplitudes(2, (k) => [k === 0 || k === 3 ? r : 0, 0]),
      ),
    ).toBeLessThan(1e-15);
    const d = distribution(p);
    expect([...d.keys()].sort()).toEqual(["00", "11"]);
    expect(d.get("00")).toBeCloseTo(0.5, 14);
  });

  it("ghz.qasm: (|00000> + |11111>)/sqrt 2", () => {
    const p = load("ghz.qasm");
    expect(p.nQubits).toBe(5);
    const r = Math.SQRT1_2;
    expect(
      maxDiff(
        finalState(p),
        amplitudes(5, (k) => [k === 0 || k === 31 ? r : 0, 0]),
      ),
    ).toBeLessThan(1e-15);
  });

  it("qft-4.qasm: QFT|5> = sum_k e^{2 pi i 5k/16}|k>/4, global phase included", () => {
    const want = amplitudes(4, (k) => [
      Math.cos((2 * Math.PI * 5 * k) / 16) / 4,
      Math.sin((2 * Math.PI * 5 * k) / 16) / 4,
    ]);
    expect(maxDiff(finalState(load("qft-4.qasm")), want)).toBeLessThan(1e-14);
  });

  it("grover-3.qasm: P(101) = sin^2(5 asin(1/sqrt 8)), the rest uniform", () => {
    const s = finalState(load("grover-3.qasm"));
    const theta = Math.asin(1 / Math.sqrt(8));
    const pMarked = Math.sin(5 * theta) ** 2;
    for (let k = 0; k < 8; k++) {
      const pk = s[2 * k]! ** 2 + s[2 * k + 1]! ** 2;
      expect(pk, `|${k.toString(2)}>`).toBeCloseTo(k === 5 ? pMarked : (1 - pMarked) / 7, 13);
    }
    expect(pMarked).toBeGreaterThan(0.94);
  });

  it("teleportation.qasm: every measurement branch leaves q[2] in q[0]'s initial state", () => {
    const p = load("teleportation.qasm");
    const prep = p.ops[0] as QasmGateOp;
    expect(prep.name).toBe("u3");
    const u = u3(prep.params[0]!, prep.params[1]!, prep.params[2]!);
    const psi = new Float64Array([u[0]!, u[1]!, u[4]!, u[5]!]); // U|0>, the first column
    const last = p.ops.at(-1)!;
    expect(last.kind).toBe("measure");
    const branches = runProgram(p, p.ops.slice(0, -1));
    expect(branches).toHaveLength(4);
    for (const b of branches) {
      expect(b.p).toBeCloseTo(0.25, 14);
      const base = 4 * b.clbits[0]! + 2 * b.clbits[1]!; // |m0 m1 x>
      const q2 = b.state.slice(2 * base, 2 * base + 4);
      expect(diffUpToPhase(q2, psi)).toBeLessThan(1e-14);
    }
    // and the final read-out of q[2] is 1 with probability sin^2(theta/2)
    let p1 = 0;
    for (const [k, v] of distribution(p)) if (k[2] === "1") p1 += v;
    expect(p1).toBeCloseTo(Math.sin(prep.params[0]! / 2) ** 2, 14);
  });

  it("random-12.qasm: equals its regenerated gate list, global phase included", () => {
    const p = load("random-12.qasm");
    const { nQubits, nGates, seed } = RANDOM_12;
    expect(p.nQubits).toBe(nQubits);
    const want = runLowered(nQubits, randomCircuit(nQubits, nGates, seed));
    const got = finalState(p);
    expect(maxDiff(got, want)).toBeLessThan(1e-12);
    // not a trivial state
    let maxP = 0;
    for (let k = 0; k < 1 << nQubits; k++)
      maxP = Math.max(maxP, got[2 * k]! ** 2 + got[2 * k + 1]! ** 2);
    expect(maxP).toBeLessThan(0.5);
  });
});
