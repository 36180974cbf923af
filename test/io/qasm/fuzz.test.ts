/**
 * Fuzzing: on random and mutated input the reader only ever throws QoarError (never a
 * TypeError, RangeError or stack overflow), and its QasmErrors point inside the text.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, QoarError } from "../../../src/errors.js";
import { circuitFromQasm } from "../../../src/io/circuit-qasm.js";
import {
  lowerProgram,
  parseQasm,
  QasmError,
  type QasmProgram,
  toQasm,
} from "../../../src/io/qasm/index.js";
import { referencePath } from "../../reference/load.js";

const DIR = referencePath("qasmbench");
const SEEDS = [
  "wstate_n3.qasm",
  "adder_n4.qasm",
  "ipea_n2.qasm",
  "inverseqft_n4.qasm",
  "qft_n4_transpiled.qasm",
].map((f) => readFileSync(`${DIR}/${f}`, "utf8"));
SEEDS.push(`OPENQASM 2.0;
include "qelib1.inc";
qreg q[5]; creg c[5];
gate g(a, b) x, y { U(a*2, -b, sin(a)^2) x; CX x, y; cu(a, b, pi/3, ln(2)) y, x; barrier x, y; }
opaque o(t) x;
g(pi/4, 0.5e-1) q[0], q[2];
c4x q[0], q[1], q[2], q[3], q[4];
if (c == 3) rzx(2) q[1], q[2];
measure q -> c; reset q;`);
// what the lenient reader repairs (QASMBench's vqe_uccsd endings)
SEEDS.push(`OPENQASM 2.0;
include "qelib1.inc";
qreg reg[3];
h reg[0]; cx reg[0],reg[1]; rz(pi/3) reg[2];
measure q[0] -> c[0];
measure q[2] -> c[2];`);

const TOKENS = [
  "OPENQASM",
  "2.0",
  "include",
  '"qelib1.inc"',
  "qreg",
  "creg",
  "gate",
  "opaque",
  "barrier",
  "measure",
  "reset",
  "if",
  "U",
  "CX",
  "h",
  "cx",
  "u3",
  "rz",
  "ccx",
  "c4x",
  "cu",
  "q",
  "c",
  "a",
  "b",
  "x",
  "pi",
  "sin",
  "ln",
  "sqrt",
  "0",
  "1",
  "2",
  "99999999999",
  ".5",
  "1e308",
  "-",
  "+",
  "*",
  "/",
  "^",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ";",
  ",",
  "->",
  "==",
  "//",
  "/*",
  "\n",
  '"',
];

/** Runs the reader on text; returns the error if it threw. */
function attempt(text: string): unknown {
  let p: QasmProgram;
  try {
    p = parseQasm(text);
  } catch (e) {
    return e;
  }
  // strict mode refuses exactly what the lenient reader had to repair
  if ((p.warnings ?? []).length > 0) {
    try {
      parseQasm(text, { strict: true });
      return new Error("strict mode accepted a program that needed repairs");
    } catch (e) {
      if (!(e instanceof QasmError)) return e;
    }
  }
  try {
    const low = lowerProgram(p);
    if (!low.ops.some((o) => o.gate === "oracle"))
      toQasm(low.ops, { nQubits: Math.max(1, low.nQubits) });
    // the whole import path as the CLI uses it: build and run a Circuit
    const { circuit } = circuitFromQasm(text);
    if (circuit.nQubits <= 10) circuit.forward();
  } catch (e) {
    return e;
  }
  return undefined;
}

function check(text: string): void {
  const err = attempt(text);
  if (err === undefined) return;
  if (!(err instanceof QoarError)) throw err;
  if (err instanceof QasmError) {
    const lines = text.split("\n");
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.line).toBeLessThanOrEqual(lines.length);
    expect(err.column).toBeGreaterThanOrEqual(1);
    expect(err.column).toBeLessThanOrEqual(lines[err.line - 1]!.length + 1);
    expect(err.message).toMatch(/^QASM line \d+, column \d+: /);
  }
}

/** A mutation of a seed file: delete, duplicate, insert or replace a slice. */
const mutated = fc
  .record({
    seed: fc.integer({ min: 0, max: SEEDS.length - 1 }),
    edits: fc.array(
      fc.record({
        kind: fc.constantFrom("delete", "dup", "insert", "replace"),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        len: fc.integer({ min: 1, max: 40 }),
        token: fc.constantFrom(...TOKENS),
        char: fc.string({ maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ seed, edits }) => {
    let s = SEEDS[seed]!;
    for (const e of edits) {
      const i = Math.floor(e.at * s.length);
      const j = Math.min(s.length, i + e.len);
      if (e.kind === "delete") s = s.slice(0, i) + s.slice(j);
      else if (e.kind === "dup") s = s.slice(0, j) + s.slice(i, j) + s.slice(j);
      else if (e.kind === "insert") s = `${s.slice(0, i)} ${e.token} ${s.slice(i)}`;
      else s = s.slice(0, i) + e.char + s.slice(i + 1);
    }
    return s;
  });

describe("fuzz", () => {
  it("the seed files themselves read without error", () => {
    for (const s of SEEDS) expect(parseQasm(s).ops.length).toBeGreaterThan(0);
    // the opaque gate of the last seed fails only where it is used
    expect(() => parseQasm(`${SEEDS[5]!}\no(1) q[0];`)).toThrow(/opaque/);
  });

  it("random characters only ever throw QoarError", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 3000, seed: 1 });
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'qreg[]();,->=+-*/^{}"01.e pi\n#@'), maxLength: 200 }),
        check,
      ),
      { numRuns: 3000, seed: 2 },
    );
  });

  it("random token sequences only ever throw QoarError", () => {
    const tokens = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join(" "));
    const prefixed = tokens.map(
      (t) => `OPENQASM 2.0; include "qelib1.inc"; qreg q[3]; creg c[2]; ${t}`,
    );
    fc.assert(fc.property(tokens, check), { numRuns: 3000, seed: 3 });
    fc.assert(fc.property(prefixed, check), { numRuns: 3000, seed: 4 });
  });

  it("mutated real files only ever throw QoarError", () => {
    fc.assert(fc.property(mutated, check), { numRuns: 4000, seed: 5 });
  });

  it("non-string input throws ArgumentError naming the argument", () => {
    for (const v of [undefined, null, 42, {}, ["h"]]) {
      expect(() => parseQasm(v as unknown as string)).toThrow(ArgumentError);
      expect(() => parseQasm(v as unknown as string)).toThrow(/parseQasm: text must be a string/);
    }
    expect(() => lowerProgram(null as unknown as QasmProgram)).toThrow(
      /lowerProgram: program must be/,
    );
  });
});
