import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError } from "../../../src/errors.js";
import {
  type ParseQasmOptions,
  parseQasm,
  QASM_LIMITS,
  QASM_MAX_CLBITS,
  QASM_MAX_QUBITS,
  QasmError,
  type QasmGateOp,
} from "../../../src/io/qasm/index.js";
import { tokenize } from "../../../src/io/qasm/lexer.js";

const HEAD = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';
const gates = (src: string) =>
  parseQasm(HEAD + src).ops.filter((o): o is QasmGateOp => o.kind === "gate");

/** Asserts that parsing throws a QasmError at this line and column whose message matches. */
function expectError(
  src: string,
  line: number,
  column: number,
  msg: RegExp,
  options?: ParseQasmOptions,
): void {
  let err: unknown;
  try {
    parseQasm(src, options);
  } catch (e) {
    err = e;
  }
  expect(err, src).toBeInstanceOf(QasmError);
  expect(err).toBeInstanceOf(ParseError);
  const q = err as QasmError;
  expect([q.line, q.column], q.message).toEqual([line, column]);
  expect(q.message).toMatch(new RegExp(`^QASM line ${line}, column ${column}: `));
  expect(q.message).toMatch(msg);
}

describe("lexer", () => {
  it("tracks lines and columns, skips comments", () => {
    const t = tokenize("// c\n  qreg q[2]; /* a\nb */ h q;");
    expect(t.map((x) => [x.text, x.line, x.column])).toEqual([
      ["qreg", 2, 3],
      ["q", 2, 8],
      ["[", 2, 9],
      ["2", 2, 10],
      ["]", 2, 11],
      [";", 2, 12],
      ["h", 3, 6],
      ["q", 3, 8],
      [";", 3, 9],
      ["", 3, 10],
    ]);
  });
  it("reads reals in every form", () => {
    const t = tokenize("1 1.5 .5 2. 1e-3 1.5E+2 3e");
    expect(t.map((x) => `${x.kind}:${x.text}`)).toEqual([
      "int:1",
      "real:1.5",
      "real:.5",
      "real:2.",
      "real:1e-3",
      "real:1.5E+2",
      "int:3",
      "id:e",
      "eof:",
    ]);
  });
});

describe("registers", () => {
  it("lays several registers end to end in declaration order", () => {
    const p = parseQasm(
      `${HEAD}qreg a[2];\ncreg m[3];\nqreg b[3];\ncreg n[1];\nx b[1];\nmeasure b[2] -> n[0];`,
    );
    expect(p.nQubits).toBe(5);
    expect(p.nClbits).toBe(4);
    expect(p.qregs).toEqual([
      { name: "a", start: 0, size: 2 },
      { name: "b", start: 2, size: 3 },
    ]);
    expect(p.cregs).toEqual([
      { name: "m", start: 0, size: 3 },
      { name: "n", start: 3, size: 1 },
    ]);
    expect(p.ops[0]).toMatchObject({ kind: "gate", name: "x", qubits: [3] });
    expect(p.ops[1]).toMatchObject({ kind: "measure", qubit: 4, clbit: 3 });
  });

  it("broadcasts gates, measure, reset over registers", () => {
    const p = parseQasm(`${HEAD}qreg a[3]; qreg b[3]; qreg c[1]; creg m[3];
h a; cx a, b; cx c[0], b; measure a -> m; reset b; barrier a, c[0], a[1];`);
    const ops = p.ops.map((o) =>
      o.kind === "gate"
        ? `${o.name}${o.qubits}`
        : o.kind === "measure"
          ? `m${o.qubit}>${o.clbit}`
          : o.kind === "reset"
            ? `r${o.qubit}`
            : o.kind === "barrier"
              ? `b${o.qubits}`
              : o.kind,
    );
    expect(ops).toEqual([
      "h0",
      "h1",
      "h2",
      "cx0,3",
      "cx1,4",
      "cx2,5",
      "cx6,3",
      "cx6,4",
      "cx6,5",
      "m0>0",
      "m1>1",
      "m2>2",
      "r3",
      "r4",
      "r5",
      "b0,1,2,6",
    ]);
  });
});

describe("gates and expressions", () => {
  it("evaluates parameter expressions with the usual precedence", () => {
    const ps = gates(`qreg q[1];
rz(pi/4) q[0]; rz(-pi^2) q[0]; rz(2^3^2) q[0]; rz(1+2*3-4/8) q[0];
rz(sin(pi/2)+cos(0)+tan(0)+exp(0)+ln(1)+sqrt(4)) q[0]; rz(-(1-3)) q[0]; rz(2^-1) q[0]; rz(1.5e-1) q[0];`).map(
      (g) => g.params[0],
    );
    expect(ps).toEqual([Math.PI / 4, -(Math.PI ** 2), 512, 6.5, 5, 2, 0.5, 0.15]);
  });

  it("expands user gates with parameters, recursively, at each use", () => {
    const g = gates(`qreg q[3];
gate rot(a, b) x { rz(a) x; ry(b/2) x; }
gate two(t) x, y { rot(t, 2*t) y; cx x, y; U(t, 0, -t) x; CX y, x; }
two(0.5) q[2], q[0];`);
    expect(g.map((o) => [o.name, o.qubits, o.params])).toEqual([
      ["rz", [0], [0.5]],
      ["ry", [0], [0.5]],
      ["cx", [2, 0], []],
      ["U", [2], [0.5, 0, -0.5]],
      ["CX", [0, 2], []],
    ]);
  });

  it("broadcasts user gates over registers", () => {
    const g = gates("qreg a[2]; qreg b[2];\ngate g x, y { cz x, y; }\ng a, b;");
    expect(g.map((o) => o.qubits)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it("records conditionals per expanded op, with the register's bits", () => {
    const p = parseQasm(`${HEAD}qreg q[2]; creg x[1]; creg c[2];
gate g a, b { h a; cx a, b; }
if (c == 2) g q[0], q[1];
if(c==1) measure q[0] -> c[0];`);
    expect(p.ops).toHaveLength(3);
    expect(p.ops[0]).toMatchObject({
      kind: "if",
      creg: "c",
      clbits: [1, 2],
      value: 2,
      op: { name: "h" },
    });
    expect(p.ops[1]).toMatchObject({ kind: "if", value: 2, op: { name: "cx", qubits: [0, 1] } });
    expect(p.ops[2]).toMatchObject({
      kind: "if",
      value: 1,
      op: { kind: "measure", qubit: 0, clbit: 1 },
    });
  });

  it("accepts a missing header, empty parameter lists, and redefinitions of non-qelib1 extras", () => {
    const p = parseQasm(`include "qelib1.inc"; qreg q[2];
gate foo() a { x a; }
gate iswap a, b { swap a, b; }
foo() q[0]; iswap q[0], q[1]; rzx(0.1) q[0], q[1]; opaque magic(t) a;`);
    expect(p.ops.map((o) => (o as QasmGateOp).name)).toEqual(["x", "swap", "rzx"]);
  });

  it("knows only U and CX without qelib1.inc", () => {
    expect(parseQasm("OPENQASM 2.0; qreg q[2]; U(0,0,0) q[0]; CX q[0], q[1];").ops).toHaveLength(2);
    expectError("qreg q[1];\nh q[0];", 2, 1, /unknown gate "h" \(add include "qelib1.inc";\)/);
  });
});

describe("errors name the line, the column and what was expected", () => {
  const cases: [string, number, number, RegExp][] = [
    [`${HEAD}qreg q[2]\nh q[0];`, 4, 1, /expected ";", found "h"/],
    [`${HEAD}qreg q[2];\nh q[2];`, 4, 5, /index 2 out of range for register "q" of size 2/],
    [
      `${HEAD}qreg q[2];\ncx q[0], q[0];`,
      4,
      10,
      /qubit q\[0\] appears twice in one application of "cx"/,
    ],
    [`${HEAD}qreg q[2];\nfoo q[0];`, 4, 1, /unknown gate "foo"/],
    [`${HEAD}qreg q[2];\nrx q[0];`, 4, 1, /takes 1 parameter\(s\), got 0/],
    [`${HEAD}qreg q[2];\ncx q[0];`, 4, 1, /acts on 2 qubit\(s\), got 1/],
    [`${HEAD}qreg q[2];\nrx(theta) q[0];`, 4, 4, /unknown identifier "theta"/],
    [`${HEAD}qreg q[2];\nrx(1/0) q[0];`, 4, 5, /evaluates to Infinity/],
    [`${HEAD}qreg q[2];\nrx(ln(0)) q[0];`, 4, 4, /evaluates to -Infinity/],
    [`${HEAD}qreg q[2]; qreg r[3];\ncx q, r;`, 4, 7, /size 3, expected 2/],
    [`${HEAD}qreg q[2]; creg c[3];\nmeasure q -> c;`, 4, 1, /two registers of the same size/],
    [
      `${HEAD}qreg q[2];\nmeasure q[0] -> q[1];`,
      4,
      17,
      /"q" is a qubit register, expected a classical one/,
    ],
    [`${HEAD}qreg q[2];\nqreg q[1];`, 4, 6, /already declared/],
    [`${HEAD}qreg q[0];`, 3, 8, /positive integer/],
    [`${HEAD}gate h a { x a; }`, 3, 6, /"h" is already defined/],
    [`${HEAD}gate g a { x b; }`, 3, 14, /"b" is not an argument/],
    [`${HEAD}gate g a { x a[0]; }`, 3, 15, /cannot be indexed/],
    [`${HEAD}gate g a { measure a; }`, 3, 12, /not allowed inside a gate body/],
    [`${HEAD}gate g(t, t) a { }`, 3, 11, /parameter "t" repeated/],
    [`${HEAD}qreg q[1];\nopaque o a;\no q[0];`, 5, 1, /opaque/],
    [`${HEAD}include "other.inc";`, 3, 9, /only "qelib1.inc"/],
    [`OPENQASM 3.0;`, 1, 10, /version 2.0/],
    [`${HEAD}OPENQASM 2.0;`, 3, 1, /must be the first statement/],
    [`${HEAD}qreg pi[2];`, 3, 6, /reserved word/],
    [`${HEAD}qreg q[1]; creg c[1];\nif (q == 1) x q[0];`, 4, 5, /not a classical register/],
    [`${HEAD}qreg q[1];\nx q[0]; @`, 4, 9, /unexpected character "@"/],
    [`${HEAD}qreg q[1];\nrx(1+) q[0];`, 4, 6, /expected a number, pi, a parameter/],
    [`${HEAD}qreg q[1];\nrx(1 q[0];`, 4, 6, /expected "\)" or ","/],
    [`${HEAD}/* open`, 3, 1, /unterminated comment/],
    [`include "qelib1.inc`, 1, 9, /unterminated string/],
    [`${HEAD}qreg q[99999999999999999999];`, 3, 8, /too large/],
    [`${HEAD}qreg q[1]`, 3, 10, /expected ";", found end of input/],
  ];
  for (const [src, line, column, msg] of cases) {
    it(`${msg.source} (line ${line}, column ${column})`, () => expectError(src, line, column, msg));
  }

  it("stops hostile nesting and expansion with a QasmError", () => {
    const deep = `${"(".repeat(100000)}1${")".repeat(100000)}`;
    expectError(`${HEAD}qreg q[1];\nrx(${deep}) q[0];`, 4, 104, /nested deeper than 100/);
    expectError(
      `${HEAD}qreg q[1];\nrx(${"-".repeat(100000)}1) q[0];`,
      4,
      104,
      /nested deeper than 100/,
    );
    expectError(`${HEAD}qreg q[1];\nrx(${"1+".repeat(5000)}1) q[0];`, 4, 2003, /longer than 2000/);
    expectError(`${HEAD}qreg q[16777216];\nh q;`, 4, 1, /more than 5000000 operations/, {
      maxQubits: QASM_LIMITS.maxBits,
    });
    // 300 nested gate definitions
    let defs = "gate g0 a { x a; }\n";
    for (let k = 1; k < 300; k++) defs += `gate g${k} a { g${k - 1} a; }\n`;
    expectError(`${HEAD}${defs}`, 203, 6, /nests more than 200/);
    // 2^40 gates from 40 doubling definitions
    let dbl = "gate d0 a { x a; x a; }\n";
    for (let k = 1; k < 40; k++) dbl += `gate d${k} a { d${k - 1} a; d${k - 1} a; }\n`;
    expectError(`${HEAD}qreg q[1];\n${dbl}d39 q[0];`, 44, 1, /more than 5000000 operations/);
  });
});

describe("register limits", () => {
  it("exports the limits: 1024 qubits and 4096 classical bits by default", () => {
    expect(QASM_MAX_QUBITS).toBe(1024);
    expect(QASM_MAX_CLBITS).toBe(4096);
    expect(QASM_LIMITS.maxQubits).toBe(QASM_MAX_QUBITS);
    expect(QASM_LIMITS.maxClbits).toBe(QASM_MAX_CLBITS);
  });

  it("accepts 1024 qubits in all and refuses register 1025 with its line, column and the limit", () => {
    const ok = parseQasm(`${HEAD}qreg a[1000];\nqreg b[24];\ncreg c[4096];`);
    expect([ok.nQubits, ok.nClbits]).toEqual([1024, 4096]);
    expectError(
      `${HEAD}qreg a[1000];\nqreg b[25];`,
      4,
      8,
      /register "b" of 25 qubits makes 1025 qubits in all, more than the limit of 1024 \(QASM_MAX_QUBITS/,
    );
    expectError(
      `${HEAD}qreg q[16777216];`,
      3,
      8,
      /register "q" of 16777216 qubits makes 16777216 qubits in all, more than the limit of 1024/,
    );
    expectError(
      `${HEAD}qreg q[2];\ncreg c[4000];\ncreg d[97];`,
      5,
      8,
      /register "d" of 97 classical bits makes 4097 classical bits in all, more than the limit of 4096 \(QASM_MAX_CLBITS/,
    );
  });

  it("caps the classical register that a lenient measure declares", () => {
    expectError(
      `${HEAD}qreg q[1000];\ncreg c[3500];\nmeasure q[0] -> m[0];`,
      5,
      17,
      /undeclared register "m" read as creg m\[1000\] of 1000 classical bits makes 4500 classical bits in all/,
    );
  });

  it("finds a register that a lenient measure declared by its name afterwards", () => {
    const p = parseQasm(`${HEAD}qreg q[2];\nmeasure q[0] -> m[0];\nif (m == 1) x q[1];`);
    expect(p.cregs).toEqual([{ name: "m", start: 0, size: 2 }]);
    expect(p.ops[1]).toMatchObject({ kind: "if", creg: "m", clbits: [0, 1], value: 1 });
  });

  it("takes other limits from maxQubits and maxClbits, and refuses bad values", () => {
    const p = parseQasm(`${HEAD}qreg q[5000];\ncreg c[5000];`, {
      maxQubits: 5000,
      maxClbits: 5000,
    });
    expect([p.nQubits, p.nClbits]).toEqual([5000, 5000]);
    expectError(`${HEAD}qreg q[3];`, 3, 8, /makes 3 qubits in all, more than the limit of 2/, {
      maxQubits: 2,
    });
    for (const bad of [0, 1.5, -1, QASM_LIMITS.maxBits + 1, Number.NaN, "10"]) {
      expect(() => parseQasm(HEAD, { maxQubits: bad as number })).toThrow(ArgumentError);
      expect(() => parseQasm(HEAD, { maxClbits: bad as number })).toThrow(
        /options.maxClbits must be an integer/,
      );
    }
  });
});

describe("barrier cost", () => {
  /** The fastest of a few parses of `barrier q;` on one register of n qubits, in ms. */
  function barrierMs(n: number): number {
    const text = `OPENQASM 2.0;\nqreg q[${n}];\nbarrier q;\n`;
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const p = parseQasm(text, { maxQubits: n });
      best = Math.min(best, performance.now() - t0);
      expect(p.ops[0]!.kind === "barrier" && p.ops[0]!.qubits.length).toBe(n);
    }
    return best;
  }

  it("is linear in the register size: 100k qubits well under 1 s, 200k not ~4x that", () => {
    barrierMs(1000); // warm-up
    const t100k = barrierMs(100_000);
    const t200k = barrierMs(200_000);
    // quadratic (a search of the list per qubit) took 16 s at 100k and 4x that at 200k
    expect(t100k).toBeLessThan(1000);
    // linear: ~2x; the slack absorbs timer noise on a busy machine
    expect(t200k).toBeLessThan(3 * t100k + 25);
  });

  it("keeps each qubit once, in order of first appearance", () => {
    const p = parseQasm(`${HEAD}qreg a[3];\nqreg b[2];\nbarrier b[1], a, b, a[0];`);
    expect(p.ops[0]).toMatchObject({ kind: "barrier", qubits: [4, 0, 1, 2, 3] });
  });
});
