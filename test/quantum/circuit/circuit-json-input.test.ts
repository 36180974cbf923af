/**
 * What circuit JSON accepts beyond what `circuitToJSON` writes, and how it refuses the rest:
 * numeric expressions wherever a real number goes (`"pi/4"`), strict keys (a misspelt key is an
 * error naming it and the valid keys), and zod's exact paths for badly typed fields.
 */
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import {
  CIRCUIT_JSON_VERSION,
  type CircuitJSON,
  circuitFromJSON,
} from "../../../src/quantum/circuit/circuit-json.js";

/** rx(pi/4) on qubit 0, then cnot(0, 1), as JSON with the angle written as `angle`. */
function rxCnot(angle: number | string): Record<string, unknown> {
  return {
    format: "qoar-circuit",
    version: 1,
    nQubits: 2,
    blocks: [
      { name: "rx", qubits: [[0]], depth: 1, param: null, start: 0, end: 1 },
      { name: "cnot", qubits: [[0, 1]], depth: 1, param: null, start: 1, end: 2 },
    ],
    operations: [
      {
        kind: "gate",
        gate: "rx",
        qubits: [0],
        angles: [{ kind: "const", value: angle }],
        block: 0,
      },
      { kind: "gate", gate: "cnot", qubits: [0, 1], angles: [], block: 1 },
    ],
  };
}

function parseError(data: unknown): string {
  try {
    circuitFromJSON(data);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return (e as Error).message;
  }
  throw new Error("expected a ParseError");
}

describe("circuit JSON numeric expressions", () => {
  it('an angle "pi/4" gives the state of the angle Math.PI / 4, bit for bit', () => {
    const fromText = circuitFromJSON(rxCnot("pi/4")).forward().toArray();
    const fromNumber = circuitFromJSON(rxCnot(Math.PI / 4))
      .forward()
      .toArray();
    expect(fromText).toEqual(fromNumber);
    // analytic: cos(pi/8)|00> - i sin(pi/8)|11>
    expect(fromText[0]).toBeCloseTo(Math.cos(Math.PI / 8), 15);
    expect(fromText[7]).toBeCloseTo(-Math.sin(Math.PI / 8), 15);
  });

  it("expressions work for scales, parameter values, matrices and the global phase", () => {
    const j = rxCnot("-3*pi/8");
    j.globalPhase = "pi/2";
    j.parameters = [{ shape: [1], values: ["pi/3"] }];
    j.blocks = [
      { name: "ry", qubits: [[1]], depth: 1, param: 0, start: 0, end: 1 },
      ...(j.blocks as unknown[]),
      { name: "h", qubits: [[1]], depth: 1, param: null, start: 3, end: 4 },
    ].map((b, i) => (i === 0 ? b : { ...(b as object), start: i, end: i + 1 }));
    j.operations = [
      {
        kind: "gate",
        gate: "ry",
        qubits: [1],
        angles: [{ kind: "param", param: 0, index: 0, scale: "1/2" }],
        block: 0,
      },
      ...(j.operations as Record<string, unknown>[]).map((o) => ({
        ...o,
        block: Number(o.block) + 1,
      })),
      {
        kind: "gate",
        gate: "hadamard",
        matrix: ["1/sqrt(2)", 0, "1/sqrt(2)", 0, "1/sqrt(2)", 0, "-1/sqrt(2)", 0],
        qubits: [1],
        angles: [],
        block: 3,
      },
    ];
    const c = circuitFromJSON(j);
    const want = new Circuit(2);
    want.ry([1], { param: Math.PI / 3 / 2 });
    want.rx([0], { param: (-3 * Math.PI) / 8 });
    want.cnot([0, 1]);
    want.h(1);
    const a = c.forward().toArray();
    const b = want.forward().toArray();
    expect(c.globalPhase).toBeCloseTo(Math.PI / 2, 15);
    expect(c.parameters()[0]!.data[0]).toBeCloseTo(Math.PI / 3, 15);
    // e^{i pi/2} = i: (re, im) of the loaded state is (-im, re) of the phase-free one
    for (let k = 0; k < a.length; k += 2) {
      expect(a[k]!).toBeCloseTo(-b[k + 1]!, 14);
      expect(a[k + 1]!).toBeCloseTo(b[k]!, 14);
    }
  });

  it("refuses an expression that is not a finite real number, naming the path and the expression", () => {
    expect(parseError(rxCnot("2*theta"))).toMatch(
      /^circuitFromJSON: operations\[0\]\.angles\[0\]\.value: expected a finite number or a number expression such as "pi\/4", got "2\*theta" \(unknown name "theta"/,
    );
    expect(parseError(rxCnot("1/0"))).toMatch(
      /angles\[0\]\.value: .*got "1\/0" \(its value Infinity/,
    );
    expect(parseError(rxCnot("sqrt(-1)"))).toMatch(/got "sqrt\(-1\)" \(its value NaN/);
    expect(parseError(rxCnot("x = 1"))).toMatch(/AssignmentNode/);
  });
});

describe("circuit JSON validation (zod schemas)", () => {
  it("an unknown key is an error naming it and the valid keys, at any depth", () => {
    const top = { ...rxCnot(0.1), operation: [] };
    expect(parseError(top)).toBe(
      'circuitFromJSON: (root): unknown key "operation"; valid keys: format, version, nQubits, nFeatures, nBits, globalPhase, parameters, blocks, operations',
    );
    const op = rxCnot(0.1);
    (op.operations as Record<string, unknown>[])[1]!.qubit = 1;
    expect(parseError(op)).toBe(
      'circuitFromJSON: operations[1]: unknown key "qubit"; valid keys: kind, gate, pauli, matrix, controls, qubits, angles, adjoint, block',
    );
    const angle = rxCnot(0.1);
    (angle.operations as { angles: Record<string, unknown>[] }[])[0]!.angles[0]!.scale = 2;
    expect(parseError(angle)).toMatch(
      /^circuitFromJSON: operations\[0\]\.angles\[0\]: unknown key "scale"; valid keys: kind, value$/,
    );
  });

  it("badly typed fields name their exact path and what was expected", () => {
    const cases: [(j: CircuitJSON) => void, string][] = [
      [
        (j) => void (j.operations[1]!.qubits[0] = -1),
        "operations[1].qubits[0]: expected a non-negative integer, got -1",
      ],
      [
        (j) => void (j.operations[1]!.qubits[0] = 0.5),
        "operations[1].qubits[0]: expected a non-negative integer, got 0.5",
      ],
      [
        (j) => void (j.operations[1]!.qubits = "01" as never),
        'operations[1].qubits: expected an array of qubit indices, got "01"',
      ],
      [
        (j) => void delete (j.operations[0] as Partial<CircuitJSON["operations"][0]>).block,
        "operations[0].block: expected a non-negative integer, got nothing (the field is missing)",
      ],
      [
        (j) => void ((j.operations[1] as { adjoint?: unknown }).adjoint = "yes"),
        'operations[1].adjoint: expected true or false, got "yes"',
      ],
      [(j) => void (j.blocks[0]!.depth = 0), "blocks[0].depth: expected an integer >= 1, got 0"],
      [(j) => void (j.operations[0] = 7 as never), "operations[0]: expected an object, got 7"],
    ];
    for (const [edit, message] of cases) {
      const j = rxCnot(0.3) as unknown as CircuitJSON;
      edit(j);
      expect(parseError(j)).toBe(`circuitFromJSON: ${message}`);
    }
  });

  it("a newer version is named before its unknown keys", () => {
    const j = { ...rxCnot(0.1), version: CIRCUIT_JSON_VERSION + 1, newField: true };
    expect(parseError(j)).toMatch(/version: 2 is newer than this qoar reads/);
  });
});
