/**
 * The circuit JSON format: a trained circuit saved and loaded gives the same state and the same
 * (trainable) parameters; the data round-trips unchanged; malformed data throws ParseError naming
 * the path of the bad field, and nothing else ever comes out (fuzzed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError, QoarError } from "../../../src/errors.js";
import { expecVal } from "../../../src/qml/expecval.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import {
  CIRCUIT_JSON_VERSION,
  type CircuitJSON,
  circuitFromJSON,
  circuitToJSON,
} from "../../../src/quantum/circuit/circuit-json.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { getChannel } from "../../../src/quantum/density/standard-channels.js";
import {
  controlOracleGate,
  GATES,
  oracleGate,
  pauliRotationGate,
} from "../../../src/quantum/gates/table.js";
import { Adam, Parameter, type Tensor, tensor } from "../../../src/tensor/index.js";

const H = "0.5 Z0 Z1 - 0.3 X2 + 0.2 Y1 Y3 + 0.7 Z3";
const DATA = [
  [0.3, -1.2],
  [0.9, 0.4],
];

/** A circuit touching every kind of operation the format holds. */
function bigCircuit(): Circuit {
  const c = new Circuit(4, { seed: 11 });
  c.h("full");
  c.angleEncoding({ gate: "ry", qubitsIdx: [0, 1] });
  c.ry("full");
  c.cnot("cycle");
  c.u3([1, 2], { depth: 2 });
  c.realEntangledLayer({ depth: 2 });
  c.complexEntangledLayer({ qubitsIdx: [0, 2, 3] });
  c.qaoaLayer(
    [
      [0, 1],
      [2, 3],
    ],
    { depth: 2 },
  );
  c.pauliRotation("X0 Y2 Z3");
  c.rz([0, 3], { param: [0.25, -1.5] }); // fixed angles
  c.universalTwoQubits([[1, 3]]);
  // a shared parameter with two scales, and a product of data features (IQP style)
  const shared = new Parameter(new Float64Array([0.7]), [1]);
  c.addOperation(
    pauliRotationGate("YX"),
    [2, 0],
    [{ kind: "param", param: shared, index: 0, scale: 0.5 }],
  );
  c.addOperation(
    GATES.find((g) => g.name === "crx")!,
    [3, 1],
    [{ kind: "param", param: shared, index: 0, scale: -2 }],
  );
  c.addOperation(
    GATES.find((g) => g.name === "rzz")!,
    [0, 1],
    [{ kind: "data", features: [0, 1], scale: 1.5 }],
  );
  c.addOperation(
    oracleGate(
      [
        [0, [0, -1]],
        [[0, 1], 0],
      ],
      "myY",
    ),
    [2],
  );
  c.addOperation(
    controlOracleGate(
      [
        [0, 1],
        [1, 0],
      ],
      "myCX",
    ),
    [3, 0],
  );
  // inverted operations (adjoint flags) with shared parameters
  const sub = new Circuit(4, { seed: 3 });
  sub.ry([0, 1]);
  sub.crz([[2, 1]]);
  sub.u3(3);
  c.extend(sub.inverse());
  c.globalPhase = 0.375;
  return c;
}

function state(c: Circuit): Float64Array {
  return c.forward(undefined, tensor(DATA)).toArray();
}

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function loss(c: Circuit): Tensor {
  return expecVal(c.forward(undefined, tensor(DATA)), H).sum();
}

function train(c: Circuit, steps: number): void {
  const opt = new Adam(c.parameters(), { lr: 0.05 });
  for (let i = 0; i < steps; i++) {
    opt.zeroGrad();
    loss(c).backward();
    opt.step();
  }
}

const save = (c: Circuit): CircuitJSON => JSON.parse(JSON.stringify(c.toJSON())) as CircuitJSON;

describe("circuit JSON", () => {
  it("a trained circuit saved and loaded gives the same state, parameters and blocks", () => {
    const c = bigCircuit();
    train(c, 3);
    const saved = save(c);
    expect(saved.version).toBe(CIRCUIT_JSON_VERSION);
    const d = Circuit.fromJSON(saved);
    expect(maxDiff(state(d), state(c))).toBeLessThanOrEqual(1e-15);
    expect(state(d)).toEqual(state(c)); // in fact bit for bit
    expect(d.nQubits).toBe(c.nQubits);
    expect(d.featureCount).toBe(c.featureCount);
    expect(d.globalPhase).toBe(c.globalPhase);
    expect(d.gateCounts()).toEqual(c.gateCounts());
    expect(d.toString()).toBe(c.toString());
    expect(d.blocks.map((b) => [b.name, b.start, b.end, b.depth])).toEqual(
      c.blocks.map((b) => [b.name, b.start, b.end, b.depth]),
    );
    // same parameters (values and shapes), as new objects
    const [pc, pd] = [c.parameters(), d.parameters()];
    expect(pd.map((p) => p.shape)).toEqual(pc.map((p) => p.shape));
    pd.forEach((p, k) => {
      expect(p).not.toBe(pc[k]);
      expect(Array.from(p.data)).toEqual(Array.from(pc[k]!.data));
      expect(p.requiresGrad).toBe(true);
    });
    // the saved data is a fixed point of load + save
    expect(save(d)).toEqual(saved);
  });

  it("a loaded circuit trains again exactly like the original", () => {
    const c = bigCircuit();
    train(c, 2);
    const d = Circuit.fromJSON(JSON.stringify(c.toJSON()));
    // the same gradient (adjoint method over the same operations), then the same Adam steps
    const gc = c.parameters();
    const gd = d.parameters();
    for (const p of [...gc, ...gd]) p.grad = null;
    loss(c).backward();
    loss(d).backward();
    gd.forEach((p, k) => {
      expect(p.grad).not.toBeNull();
      expect(maxDiff(p.grad!.data, gc[k]!.grad!.data)).toBeLessThan(1e-14);
    });
    const before = loss(d).item();
    train(c, 3);
    train(d, 3);
    gd.forEach((p, k) => {
      expect(maxDiff(p.data, gc[k]!.data)).toBeLessThan(1e-13);
    });
    expect(loss(d).item()).toBeLessThan(before);
    // training the copy does not touch a third load of the original save
    expect(maxDiff(state(d), state(c))).toBeLessThan(1e-13);
  });

  it("keeps frozen parameters frozen", () => {
    const c = new Circuit(2, { seed: 1 });
    c.ry("full");
    c.cnot([0, 1]);
    c.parameters()[0]!.requiresGrad = false;
    const d = Circuit.fromJSON(save(c));
    expect(d.parameters()[0]!.requiresGrad).toBe(false);
    expect(maxDiff(d.forward().toArray(), c.forward().toArray())).toBe(0);
  });

  it("noisy circuits: catalogue channels (fixed, trainable, bound) and Kraus-defined ones round-trip", () => {
    const c = new Circuit(3, { seed: 6 });
    c.h("full");
    c.ry("full");
    c.depolarizing(0.05, "full");
    const gamma = new Parameter(new Float64Array([0.2]), [1]);
    c.channel(getChannel("amplitude_damping"), [1], gamma);
    c.channel(getChannel("pauli_channel").bind([0.1, 0.02, 0.05]), [2]);
    c.mixedUnitary(
      [
        [
          [0, 1],
          [1, 0],
        ],
        [
          [1, 0],
          [0, -1],
        ],
      ],
      [0.7, 0.3],
      [0],
    );
    c.cnot([0, 2]);
    c.thermalRelaxation([50, 70, 3], [1]);
    const saved = save(c);
    const kinds = saved.operations.filter((o) => o.kind === "channel");
    expect(kinds.some((o) => "bound" in o)).toBe(true);
    expect(kinds.some((o) => "kraus" in o)).toBe(true);
    const d = Circuit.fromJSON(saved);
    const rc = c.forward(DensityMatrix.zero(3)).toArray();
    const rd = d.forward(DensityMatrix.zero(3)).toArray();
    expect(maxDiff(rd, rc)).toBeLessThanOrEqual(1e-15);
    // the trainable noise strength is a parameter again
    expect(d.parameters().map((p) => p.size)).toEqual(c.parameters().map((p) => p.size));
    expect(save(d)).toEqual(saved);
    // a Kraus set that is not trace preserving is refused with its path
    const broken = JSON.parse(JSON.stringify(saved)) as CircuitJSON;
    const k = broken.operations.findIndex((o) => o.kind === "channel" && o.kraus !== undefined);
    (broken.operations[k] as { kraus: number[][] }).kraus[0]![0] = 0.9;
    expect(() => Circuit.fromJSON(broken)).toThrow(ParseError);
    expect(() => Circuit.fromJSON(broken)).toThrow(new RegExp(`operations\\[${k}\\]`));
  });

  it("JSON.stringify(circuit) writes the format directly", () => {
    const c = new Circuit(2, { seed: 2 });
    c.h(0);
    c.cnot([0, 1]);
    const text = JSON.stringify(c);
    expect(JSON.parse(text)).toEqual(circuitToJSON(c));
    expect(circuitFromJSON(text).toString()).toBe(c.toString());
  });

  it("refuses what JSON cannot hold", () => {
    const c = new Circuit(1, { seed: 1 });
    c.rx(0);
    c.parameters()[0]!.data[0] = Number.NaN;
    expect(() => c.toJSON()).toThrow(ArgumentError);
    expect(() => c.toJSON()).toThrow(/parameters\[0\]\.values\[0\]/);
  });

  describe("validation names the path of the bad field", () => {
    const base = (): CircuitJSON => {
      const c = new Circuit(3, { seed: 5 });
      c.ry("full");
      c.cnot("cycle");
      c.angleEncoding({ qubitsIdx: [2] });
      c.addOperation(
        oracleGate(
          [
            [0, 1],
            [1, 0],
          ],
          "flip",
        ),
        [1],
      );
      return save(c);
    };
    type Edit = (j: CircuitJSON & Record<string, unknown>) => void;
    // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed data
    const op = (j: CircuitJSON, i: number) => j.operations[i] as any;
    const cases: [string, Edit, RegExp][] = [
      ["format", (j) => void (j.format = "other" as never), /format: expected "qoar-circuit"/],
      ["version", (j) => void (j.version = 99), /version: 99 is newer/],
      ["version type", (j) => void (j.version = "1" as never), /version: expected an integer/],
      ["nQubits", (j) => void (j.nQubits = 0), /nQubits: expected an integer in \[1, 1024\]/],
      [
        "parameter values",
        (j) => void j.parameters[0]!.values.pop(),
        /parameters\[0\]\.values: expected 3 values/,
      ],
      [
        "parameter value",
        (j) => void (j.parameters[0]!.values[1] = "x" as never),
        /parameters\[0\]\.values\[1\]: expected a finite number/,
      ],
      [
        "gate name",
        (j) => void (op(j, 0).gate = "nope"),
        /operations\[0\]\.gate: expected a gate-table name/,
      ],
      [
        "qubit range",
        (j) => void (op(j, 1).qubits = [5]),
        /operations\[1\]\.qubits\[0\]: expected an integer in \[0, 2\]/,
      ],
      [
        "qubit count",
        (j) => void (op(j, 3).qubits = [0]),
        /operations\[3\]\.qubits: expected 2 qubit\(s\)/,
      ],
      [
        "param index",
        (j) => void (op(j, 2).angles[0].index = 3),
        /operations\[2\]\.angles\[0\]\.index: expected an integer in \[0, 2\]/,
      ],
      [
        "param ref",
        (j) => void (op(j, 2).angles[0].param = 1),
        /operations\[2\]\.angles\[0\]\.param/,
      ],
      [
        "angle kind",
        (j) => void (op(j, 0).angles[0].kind = "mystery"),
        /operations\[0\]\.angles\[0\]\.kind/,
      ],
      [
        "angle count",
        (j) => void op(j, 0).angles.pop(),
        /operations\[0\]\.angles: expected 1 angle/,
      ],
      [
        "feature",
        (j) => void (op(j, 6).angles[0].features = [4]),
        /operations\[6\]\.angles\[0\]\.features: expected indices below nFeatures = 1/,
      ],
      [
        "matrix",
        (j) => void (op(j, 7).matrix = [1, 0, 1, 0, 0, 0, 1, 0]),
        /operations\[7\]: .*not unitary/,
      ],
      ["block of op", (j) => void (op(j, 3).block = 0), /operations\[3\]\.block: expected 1/],
      ["block range", (j) => void (j.blocks[1]!.end = 5), /blocks\[2\].start: expected 5/],
      [
        "blocks cover",
        (j) => void j.blocks.pop(),
        /operations\[7\]\.block|blocks: expected blocks covering/,
      ],
      [
        "operation kind",
        (j) => void (op(j, 0).kind = "swap"),
        /operations\[0\]\.kind: expected "gate", "channel", "measure", "reset", "postselect" or "cond"/,
      ],
      [
        "channel arity",
        (j) =>
          void (j.operations[0] = {
            kind: "channel",
            channel: "depolarizing",
            qubits: [0],
            angles: [],
            block: 0,
          }),
        /operations\[0\]\.angles: expected 1 angle/,
      ],
      [
        "channel name",
        (j) =>
          void (j.operations[0] = {
            kind: "channel",
            channel: "nope",
            qubits: [0],
            angles: [],
            block: 0,
          }),
        /operations\[0\]: getChannel: unknown channel/,
      ],
      ["root", (j) => void (j.operations = null as never), /operations: expected an array/],
    ];
    for (const [name, edit, message] of cases) {
      it(name, () => {
        const j = base() as CircuitJSON & Record<string, unknown>;
        expect(() => circuitFromJSON(j)).not.toThrow();
        edit(j);
        let err: unknown;
        try {
          circuitFromJSON(j);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ParseError);
        expect((err as Error).message).toMatch(/^circuitFromJSON: /);
        expect((err as Error).message).toMatch(message);
      });
    }
    it("text that is not JSON, and non-objects", () => {
      expect(() => circuitFromJSON("{oops")).toThrow(/not JSON/);
      for (const v of [null, 3, [], undefined]) {
        expect(() => circuitFromJSON(v)).toThrow(ParseError);
      }
    });
  });

  it("fuzz: mutated data only ever throws QoarError, and what loads runs", () => {
    const c = bigCircuit();
    const text = JSON.stringify(c.toJSON());
    const junk = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -3, max: 40 }),
      fc.double(),
      fc.string({ maxLength: 5 }),
      fc.constant([]),
      fc.constant({}),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), junk), { minLength: 1, maxLength: 3 }), (edits) => {
        const j = JSON.parse(text) as unknown;
        // collect every (container, key) slot and overwrite some
        const slots: [Record<string, unknown>, string][] = [];
        const walk = (v: unknown) => {
          if (v === null || typeof v !== "object") return;
          for (const k of Object.keys(v)) {
            slots.push([v as Record<string, unknown>, k]);
            walk((v as Record<string, unknown>)[k]);
          }
        };
        walk(j);
        for (const [at, value] of edits) {
          const [obj, key] = slots[at % slots.length]!;
          obj[key] = value;
        }
        try {
          const d = circuitFromJSON(j);
          if (d.nQubits <= 8) d.forward(undefined, tensor(DATA)); // a mutated nQubits may be huge
        } catch (e) {
          if (!(e instanceof QoarError)) throw e;
        }
      }),
      { numRuns: 1500, seed: 8 },
    );
  });
});
