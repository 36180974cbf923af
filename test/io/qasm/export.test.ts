import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import {
  formatAngle,
  type LoweredOp,
  lowerProgram,
  parseQasm,
  programToQasm,
  type QasmGateOp,
  type QasmProgram,
  toQasm,
} from "../../../src/io/qasm/index.js";
import { diffUpToPhase, maxDiff } from "../helpers/dense.js";
import { QOAR_ARITY } from "../helpers/qoar-gates.js";
import { loweredUnitary } from "../helpers/statevector.js";

const N = 4;
const NAMES = Object.keys(QOAR_ARITY);

/** A random qoar gate application on N qubits. */
const opArb: fc.Arbitrary<LoweredOp> = fc
  .record({
    gate: fc.constantFrom(...NAMES),
    perm: fc.shuffledSubarray([0, 1, 2, 3], { minLength: N, maxLength: N }),
    params: fc.array(fc.double({ min: -7, max: 7, noNaN: true }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ gate, perm, params }) => {
    const [k, np] = QOAR_ARITY[gate]!;
    return { gate, qubits: perm.slice(0, k), params: params.slice(0, np) };
  });

describe("toQasm", () => {
  it("writes a readable program", () => {
    const text = toQasm(
      [
        { gate: "h", qubits: [0], params: [] },
        { gate: "cnot", qubits: [0, 2], params: [] },
        { gate: "cp", qubits: [1, 0], params: [Math.PI / 4] },
        { gate: "ms", qubits: [0, 1], params: [] },
        { gate: "iswap", qubits: [2, 1], params: [] },
      ],
      { measure: true },
    );
    expect(text).toBe(
      [
        "OPENQASM 2.0;",
        'include "qelib1.inc";',
        "gate iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }",
        "qreg q[3];",
        "creg c[3];",
        "h q[0];",
        "cx q[0],q[2];",
        "cu1(pi/4) q[1],q[0];",
        "rxx(-pi/2) q[0],q[1];",
        "iswap q[2],q[1];",
        "measure q -> c;",
        "",
      ].join("\n"),
    );
  });

  it("round-trips: parseQasm(toQasm(ops)) has the same unitary up to a global phase", () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), (ops) => {
        const low = lowerProgram(parseQasm(toQasm(ops, { nQubits: N })));
        expect(low.nQubits).toBe(N);
        const a = loweredUnitary(N, ops);
        const b = loweredUnitary(N, low.ops, low.globalPhase);
        expect(diffUpToPhase(a, b)).toBeLessThan(1e-10);
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });

  it("round-trips every gate alone exactly, global phase included", () => {
    for (const gate of NAMES) {
      const [k, np] = QOAR_ARITY[gate]!;
      const op = { gate, qubits: [2, 0, 1].slice(0, k), params: [0.7, -1.1, 2.5].slice(0, np) };
      const low = lowerProgram(parseQasm(toQasm([op])));
      const a = loweredUnitary(3, [op]);
      const b = loweredUnitary(3, low.ops, low.globalPhase);
      expect(maxDiff(a, b), gate).toBeLessThan(1e-12);
    }
  });

  it("writes angles as pi fractions when they are, and as round-trip decimals otherwise", () => {
    expect(formatAngle(Math.PI)).toBe("pi");
    expect(formatAngle(-Math.PI / 2)).toBe("-pi/2");
    expect(formatAngle((3 * Math.PI) / 4)).toBe("3*pi/4");
    expect(formatAngle((2 * Math.PI) / 3)).toBe("2*pi/3");
    expect(formatAngle(0)).toBe("0");
    expect(formatAngle(0.1)).toBe("0.1");
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const p = parseQasm(`include "qelib1.inc"; qreg q[1]; rz(${formatAngle(x)}) q[0];`);
        const got = (p.ops[0] as QasmGateOp).params[0]!;
        expect(Math.abs(got - x)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(x));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it("refuses what it cannot write, naming the op", () => {
    const bad: [unknown, RegExp][] = [
      [
        [{ gate: "oracle", qubits: [0], params: [], matrix: new Float64Array(8) }],
        /ops\[0\]\.gate "oracle".*no general/,
      ],
      [[{ gate: "nope", qubits: [0], params: [] }], /ops\[0\]\.gate "nope"/],
      [
        [{ gate: "cnot", qubits: [0, 0], params: [] }],
        /ops\[0\]\.qubits \[0, 0\] must be 2 distinct/,
      ],
      [[{ gate: "h", qubits: [-1], params: [] }], /qubits \[-1\]/],
      [[{ gate: "rx", qubits: [0], params: [Number.NaN] }], /params \[NaN\] must be 1 finite/],
      [[{ gate: "rx", qubits: [0], params: [] }], /params \[\] must be 1/],
      ["h", /ops must be an array/],
    ];
    for (const [ops, msg] of bad) {
      expect(() => toQasm(ops as LoweredOp[])).toThrow(ArgumentError);
      expect(() => toQasm(ops as LoweredOp[])).toThrow(msg);
    }
    expect(() => toQasm([{ gate: "h", qubits: [3], params: [] }], { nQubits: 2 })).toThrow(
      /nQubits 2 must be an integer >= 4/,
    );
  });
});

describe("programToQasm", () => {
  it("keeps registers, measure, reset, barrier and if", () => {
    const src = `OPENQASM 2.0;
include "qelib1.inc";
qreg a[2];
qreg b[1];
creg m[2];
creg n[1];
gate g(t) x, y { rz(t/2) x; cx x, y; }
g(pi) a[1], b[0];
barrier a, b;
measure a -> m;
reset b[0];
if (m == 3) u2(0, -pi/4) b[0];
`;
    expect(programToQasm(parseQasm(src))).toBe(`OPENQASM 2.0;
include "qelib1.inc";
qreg a[2];
qreg b[1];
creg m[2];
creg n[1];
rz(pi/2) a[1];
cx a[1],b[0];
barrier a[0],a[1],b[0];
measure a[0] -> m[0];
measure a[1] -> m[1];
reset b[0];
if (m == 3) u2(0,-pi/4) b[0];
`);
  });

  it("refuses what is not a program, or indices outside its registers", () => {
    expect(() => programToQasm(null as unknown as QasmProgram)).toThrow(ArgumentError);
    const p = parseQasm('include "qelib1.inc"; qreg q[1]; h q;');
    const bad = { ...p, ops: [{ kind: "reset" as const, qubit: 3, line: 1 }] };
    expect(() => programToQasm(bad)).toThrow(/qubit 3 is in no register/);
  });
});
