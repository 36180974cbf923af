/**
 * The QASMBench corpus (test/reference/qasmbench, files written by other people): every
 * file imports, and each circuit equals its `_transpiled` twin up to a global phase on the state
 * before its final measurements. Each state is computed twice: from the IR with Qiskit's gate
 * matrices, and from the lowered qoar gates with the recorded global phase (those must agree
 * exactly, phase included).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circuitFromQasm } from "../../../src/io/circuit-qasm.js";
import {
  lowerProgram,
  lowerSteps,
  parseQasm,
  programToQasm,
  QasmError,
  type QasmProgram,
} from "../../../src/io/qasm/index.js";
import { qasmbenchFiles } from "../../reference/load.js";
import { diffUpToPhase, maxDiff } from "../helpers/dense.js";
import { runLowered, runProgram, runSteps, unitaryPrefix } from "../helpers/statevector.js";

const { dir: DIR, files: FILES } = qasmbenchFiles();
const MAX_QUBITS = 16;

/**
 * The six vqe_uccsd files end with `measure q[i] -> c[i];` although they declare neither `q` nor
 * `c` (their only register is `reg`). The lenient reader (the default) reads `q` as `reg` and
 * declares `c` with one bit per qubit, with one warning for each; `strict` refuses the files.
 */
const UNDECLARED_MEASURE = /^measure q\[\d+\] -> c\[\d+\];\s*$/;

function load(file: string): { program: QasmProgram; repaired: boolean } {
  const program = parseQasm(readFileSync(join(DIR, file), "utf8"));
  return { program, repaired: (program.warnings ?? []).length > 0 };
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
  it("imports every file (the six vqe_uccsd files with warnings for their undeclared measurement registers)", () => {
    const repaired: string[] = [];
    for (const f of FILES) {
      const { program, repaired: r } = load(f);
      programs.set(f, program);
      if (r) repaired.push(f);
      expect(program.nQubits, f).toBeGreaterThan(0);
      expect(program.ops.length, f).toBeGreaterThan(0);
    }
    expect(repaired).toEqual([
      "vqe_uccsd_n4.qasm",
      "vqe_uccsd_n4_transpiled.qasm",
      "vqe_uccsd_n6.qasm",
      "vqe_uccsd_n6_transpiled.qasm",
      "vqe_uccsd_n8.qasm",
      "vqe_uccsd_n8_transpiled.qasm",
    ]);
  });

  it("repairs the vqe_uccsd measurements as the file means them, and strict mode refuses them", () => {
    for (const f of FILES.filter((x) => x.startsWith("vqe_uccsd"))) {
      const text = readFileSync(join(DIR, f), "utf8");
      const lines = text.split("\n");
      const first = lines.findIndex((l) => UNDECLARED_MEASURE.test(l)) + 1;
      const p = programs.get(f) ?? load(f).program;
      const n = p.nQubits;
      // one warning per undeclared register, at its first use
      expect(p.warnings, f).toEqual([
        {
          line: first,
          column: 9,
          message: expect.stringMatching(/qubit register "q"; read as "reg"/),
        },
        { line: first, column: 17, message: expect.stringMatching(new RegExp(`creg c\\[${n}\\]`)) },
      ]);
      expect(p.cregs, f).toEqual([{ name: "c", start: 0, size: n }]);
      // measure q[i] -> c[i] for every qubit, at the end
      const ms = p.ops.filter((o) => o.kind === "measure");
      expect(ms.map((m) => [m.qubit, m.clbit])).toEqual(
        Array.from({ length: n }, (_, i) => [i, i]),
      );
      expect(p.ops.slice(-n).every((o) => o.kind === "measure")).toBe(true);
      // the unitary part is the file without those lines
      const stripped = parseQasm(
        lines.map((l) => (UNDECLARED_MEASURE.test(l) ? "" : l)).join("\n"),
      );
      expect(stripped.warnings).toEqual([]);
      expect(p.ops.slice(0, -n)).toEqual(stripped.ops);
      try {
        parseQasm(text, { strict: true });
        expect.unreachable(f);
      } catch (e) {
        expect(e).toBeInstanceOf(QasmError);
        expect((e as QasmError).line).toBe(first);
        expect((e as QasmError).message).toMatch(/unknown register "q"/);
      }
    }
  });

  it("valid files give no warnings, and only clear intent is repaired", () => {
    for (const f of FILES.filter((x) => !x.startsWith("vqe_uccsd"))) {
      expect((programs.get(f) ?? load(f).program).warnings, f).toEqual([]);
    }
    const head = 'OPENQASM 2.0; include "qelib1.inc";';
    // two qubit registers: which one "q" means is not clear
    expect(() =>
      parseQasm(`${head} qreg a[2]; qreg b[2]; creg c[2]; measure q[0] -> c[0];`),
    ).toThrow(/unknown register "q"/);
    // undeclared registers outside measure stay errors
    expect(() => parseQasm(`${head} qreg a[2]; h q[0];`)).toThrow(/unknown register "q"/);
    // an index beyond the register it is read as is an error
    expect(() => parseQasm(`${head} qreg a[2]; measure q[2] -> c[0];`)).toThrow(/out of range/);
    expect(() => parseQasm(`${head} qreg a[2]; measure a[0] -> c[2];`)).toThrow(/out of range/);
    // a whole-register measure into an undeclared register of matching size
    const p = parseQasm(`${head} qreg a[3]; h a; measure a -> m;`);
    expect(p.cregs).toEqual([{ name: "m", start: 0, size: 3 }]);
    expect(p.warnings).toHaveLength(1);
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

  it("through qoar's own Circuit (circuitFromQasm + forward), the same twins agree up to a global phase", () => {
    let compared = 0;
    for (const f of FILES.filter((x) => x.endsWith("_transpiled.qasm"))) {
      const orig = f.replace("_transpiled", "");
      if (orig in EXPECTED_SKIPS) continue;
      const a = programs.get(orig) ?? load(orig).program;
      if (a.nQubits > 12) continue;
      const sa = circuitFromQasm(readFileSync(join(DIR, orig), "utf8"))
        .circuit.forward()
        .toArray();
      const sb = circuitFromQasm(readFileSync(join(DIR, f), "utf8"))
        .circuit.forward()
        .toArray();
      expect(diffUpToPhase(sa, sb), f).toBeLessThan(1e-5);
      compared++;
    }
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
      warnings: undefined,
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
