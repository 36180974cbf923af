/**
 * The QASMBench corpus (/work/shared/reference/qasmbench, files written by other people): every
 * file imports, and each circuit equals its `_transpiled` twin up to a global phase on the state
 * before its final measurements. Each state is computed twice: from the IR with Qiskit's gate
 * matrices, and from the lowered qoar gates with the recorded global phase (those must agree
 * exactly, phase included).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  lowerProgram,
  lowerSteps,
  parseQasm,
  programToQasm,
  QasmError,
  type QasmProgram,
} from "../../../src/io/qasm/index.js";
import { diffUpToPhase, maxDiff } from "../helpers/dense.js";
import { runLowered, runProgram, runSteps, unitaryPrefix } from "../helpers/statevector.js";

const DIR = "/work/shared/reference/qasmbench";
const FILES = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith(".qasm"))
      .sort()
  : [];
const MAX_QUBITS = 16;

/**
 * The six vqe_uccsd files end with `measure q[i] -> c[i];` although they declare neither `q` nor
 * `c` (their register is `reg`): a real error in the files, which the importer reports at the
 * first such line. The tests strip those lines and check the rest.
 */
const UNDECLARED_MEASURE = /^measure q\[\d+\] -> c\[\d+\];\s*$/;

function load(file: string): { program: QasmProgram; stripped: boolean } {
  const text = readFileSync(join(DIR, file), "utf8");
  try {
    return { program: parseQasm(text), stripped: false };
  } catch (e) {
    if (!(e instanceof QasmError) || !file.startsWith("vqe_uccsd")) throw e;
    const lines = text.split("\n");
    const first = lines.findIndex((l) => UNDECLARED_MEASURE.test(l));
    expect(e.line).toBe(first + 1);
    expect(e.message).toMatch(/unknown register "q"/);
    const kept = lines.map((l) => (UNDECLARED_MEASURE.test(l) ? "" : l)).join("\n");
    return { program: parseQasm(kept), stripped: true };
  }
}

/** Probability of each string of classical bits at the end of a (branching) run. */
function outcomes(p: QasmProgram): Map<string, number> {
  const out = new Map<string, number>();
  for (const b of runProgram(p)) {
    const k = b.clbits.join("");
    out.set(k, (out.get(k) ?? 0) + b.p);
  }
  return out;
}

describe("QASMBench corpus", () => {
  it("holds the expected files", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(90);
  });

  const programs = new Map<string, QasmProgram>();
  it("imports every file (the six vqe_uccsd files after removing their undeclared measurements)", () => {
    const stripped: string[] = [];
    for (const f of FILES) {
      const { program, stripped: s } = load(f);
      programs.set(f, program);
      if (s) stripped.push(f);
      expect(program.nQubits, f).toBeGreaterThan(0);
      expect(program.ops.length, f).toBeGreaterThan(0);
    }
    expect(stripped).toEqual([
      "vqe_uccsd_n4.qasm",
      "vqe_uccsd_n4_transpiled.qasm",
      "vqe_uccsd_n6.qasm",
      "vqe_uccsd_n6_transpiled.qasm",
      "vqe_uccsd_n8.qasm",
      "vqe_uccsd_n8_transpiled.qasm",
    ]);
  });

  // Twins skipped, and why; the test checks this list is exactly what the corpus gives.
  const EXPECTED_SKIPS: Record<string, string> = {
    "bb84_n8.qasm": "mid-circuit measure",
    "inverseqft_n4.qasm": "mid-circuit measure",
    "ipea_n2.qasm": "mid-circuit measure",
    "qec_sm_n5.qasm": "mid-circuit measure",
    "shor_n5.qasm": "mid-circuit measure",
  };

  it("matches every circuit with its _transpiled twin up to a global phase", () => {
    const skipped: Record<string, string> = {};
    let compared = 0;
    for (const f of FILES.filter((x) => x.endsWith("_transpiled.qasm"))) {
      const orig = f.replace("_transpiled", "");
      const a = programs.get(orig) ?? load(orig).program;
      const b = programs.get(f) ?? load(f).program;
      expect(b.nQubits, f).toBe(a.nQubits);
      if (a.nQubits > MAX_QUBITS) {
        skipped[orig] = `more than ${MAX_QUBITS} qubits`;
        continue;
      }
      const pa = unitaryPrefix(a);
      const pb = unitaryPrefix(b);
      if (!pa.unitary || !pb.unitary) {
        skipped[orig] = (pa.why ?? pb.why)!.replace(/ at line \d+$/, "");
        continue;
      }
      const [sa] = runProgram(a, pa.ops);
      const [sb] = runProgram(b, pb.ops);
      // QASMBench's transpiled files print angles with 6-7 significant digits
      expect(diffUpToPhase(sa!.state, sb!.state), f).toBeLessThan(1e-5);
      compared++;
    }
    expect(skipped).toEqual(EXPECTED_SKIPS);
    expect(compared).toBeGreaterThanOrEqual(35);
  });

  it("gives the skipped (dynamic) twins the same distribution of classical outcomes", () => {
    for (const orig of Object.keys(EXPECTED_SKIPS)) {
      const twin = orig.replace(".qasm", "_transpiled.qasm");
      const da = outcomes(programs.get(orig) ?? load(orig).program);
      const db = outcomes(programs.get(twin) ?? load(twin).program);
      const keys = new Set([...da.keys(), ...db.keys()]);
      for (const k of keys) {
        expect(Math.abs((da.get(k) ?? 0) - (db.get(k) ?? 0)), `${orig} ${k}`).toBeLessThan(1e-6);
      }
      expect([...da.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
  });

  it("lowered qoar gates times the global phase give the IR's state exactly (all unitary files <= 12 qubits)", () => {
    let checked = 0;
    for (const f of FILES) {
      const p = programs.get(f) ?? load(f).program;
      if (p.nQubits > 12) continue;
      const pre = unitaryPrefix(p);
      if (!pre.unitary) continue;
      const low = lowerProgram({ ...p, ops: pre.ops });
      const [ref] = runProgram(p, pre.ops);
      expect(maxDiff(runLowered(p.nQubits, low.ops, low.globalPhase), ref!.state), f).toBeLessThan(
        1e-9,
      );
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(70);
  });

  it("lowerSteps keeps dynamic files exact: every branch, its probability, bits and state (phase included)", () => {
    let checked = 0;
    for (const f of FILES) {
      const p = programs.get(f) ?? load(f).program;
      if (p.nQubits > 12 || unitaryPrefix(p).unitary) continue;
      const ref = runProgram(p);
      const low = lowerSteps(p);
      const got = runSteps(low.nQubits, low.nClbits, low.steps, low.globalPhase);
      expect(got.length, f).toBe(ref.length);
      got.forEach((b, k) => {
        expect(b.clbits, f).toEqual(ref[k]!.clbits);
        expect(b.p, f).toBeCloseTo(ref[k]!.p, 12);
        expect(maxDiff(b.state, ref[k]!.state), f).toBeLessThan(1e-9);
      });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it("programToQasm round-trips every file: the same registers and ops after writing and reading", () => {
    const strip = (p: QasmProgram) => ({
      ...p,
      ops: p.ops.map((o) => ({
        ...o,
        line: 0,
        ...(o.kind === "if" ? { op: { ...o.op, line: 0 } } : {}),
      })),
    });
    for (const f of FILES) {
      const p = programs.get(f) ?? load(f).program;
      const again = parseQasm(programToQasm(p));
      // angles go through formatAngle: equal to the last bits, so compare after rounding
      const round = (x: QasmProgram) =>
        JSON.stringify(strip(x), (_k, v) =>
          typeof v === "number" ? Number(v.toPrecision(14)) : v,
        );
      expect(round(again), f).toBe(round(p));
    }
  });
});
