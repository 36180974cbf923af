/**
 * Noise models refuse what they cannot apply: unknown keys, gate names and channels when the
 * model is made (zod schemas with exact paths), qubits the circuit lacks when the model meets the
 * circuit, and readout matrices that are not stochastic in their convention.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { NoiseModel } from "../../../src/quantum/density/noise.js";
import { amplitudeDamping, depolarizing } from "../../../src/quantum/density/standard-channels.js";

function parseError(json: unknown): string {
  try {
    NoiseModel.fromJSON(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return (e as Error).message;
  }
  throw new Error("expected a ParseError");
}

function bell(): Circuit {
  const c = new Circuit(2);
  c.h(0);
  c.cnot([0, 1]);
  return c;
}

const rule = { channel: "depolarizing", params: [0.1] };

describe("NoiseModel.fromJSON refuses malformed models with exact paths", () => {
  it('an unknown key ("channel" for "channels", "rules") names it and the valid keys', () => {
    expect(parseError({ channel: [rule] })).toBe(
      'NoiseModel.fromJSON: (root): unknown key "channel"; valid keys: channels, readout',
    );
    expect(parseError('{"rules": 5}')).toBe(
      'NoiseModel.fromJSON: (root): unknown key "rules"; valid keys: channels, readout',
    );
    expect(parseError({ channels: [{ ...rule, gate: ["cx"] }] })).toBe(
      'NoiseModel.fromJSON: channels[0]: unknown key "gate"; valid keys: channel, params, kraus, gates, qubits',
    );
    expect(
      parseError({
        readout: [
          {
            qubits: [0],
            matrix: [
              [1, 0],
              [0, 1],
            ],
            conventions: "row",
          },
        ],
      }),
    ).toMatch(/readout\[0\]: unknown key "conventions"; valid keys: qubits, matrix, convention$/);
  });

  it("badly typed fields name their path", () => {
    expect(parseError({ channels: 5 })).toBe(
      "NoiseModel.fromJSON: channels: expected an array of channel rules, got 5",
    );
    expect(parseError({ channels: [{ ...rule, qubits: [0, -1] }] })).toBe(
      "NoiseModel.fromJSON: channels[0].qubits[1]: expected a non-negative integer, got -1",
    );
    expect(parseError({ readout: [{ qubits: [0], matrix: [[1, 0]] }] })).toMatch(
      /^NoiseModel\.fromJSON: readout\[0\]\.matrix: expected a 2x2 matrix/,
    );
    expect(
      parseError({
        readout: [
          {
            qubits: [0],
            matrix: [
              [1, 0],
              [0, 1],
            ],
            convention: "rows",
          },
        ],
      }),
    ).toBe('NoiseModel.fromJSON: readout[0].convention: expected "row" or "column", got "rows"');
    expect(parseError([rule])).toMatch(/\(root\): expected a noise model object/);
  });

  it("an unknown gate name is an error naming it (JSON and API)", () => {
    expect(parseError({ channels: [{ ...rule, gates: ["cx", "cnto"] }] })).toMatch(
      /^NoiseModel\.fromJSON: channels\[0\]\.gates\[1\]: unknown gate "cnto"; known: h, /,
    );
    expect(() => new NoiseModel().addChannel(depolarizing(0.1), { gates: ["cnto"] })).toThrow(
      ArgumentError,
    );
    expect(() => new NoiseModel().addChannel(depolarizing(0.1), { gates: [] })).toThrow(
      /gates is empty/,
    );
    // aliases and any case are fine
    expect(() =>
      NoiseModel.fromJSON({ channels: [{ ...rule, gates: ["CX", "toffoli"] }] }),
    ).not.toThrow();
  });

  it("unknown channels, params with kraus, and bad expressions are errors naming the rule", () => {
    expect(parseError({ channels: [{ channel: "depolarising", params: [0.1] }] })).toMatch(
      /^NoiseModel\.fromJSON: channels\[0\]: getChannel: unknown channel/,
    );
    expect(
      parseError({
        channels: [
          {
            channel: "x",
            params: [0.1],
            kraus: [
              [
                [
                  [0, 0],
                  [1, 0],
                ],
                [
                  [1, 0],
                  [0, 0],
                ],
              ],
            ],
          },
        ],
      }),
    ).toMatch(/channels\[0\]: give params .* or kraus .*, not both/);
    expect(parseError({ channels: [{ channel: "depolarizing", params: ["p/2"] }] })).toMatch(
      /channels\[0\]\.params\[0\]: expected a finite number or a number expression .*unknown name "p"/,
    );
    // an expression that is a number is fine
    const m = NoiseModel.fromJSON({ channels: [{ channel: "depolarizing", params: ["1/8"] }] });
    expect(m.toJSON().channels![0]!.params).toEqual([0.125]);
  });

  it("a readout matrix not stochastic in its convention names the convention", () => {
    const columnForm = [
      [0.9, 0.2],
      [0.1, 0.8],
    ];
    expect(parseError({ readout: [{ qubits: [0], matrix: columnForm }] })).toMatch(
      /^NoiseModel\.fromJSON: readout\[0\]\.matrix: row 0 sums to 1\.1, expected 1 \(convention "row": .*needs convention "column"\)$/,
    );
    expect(
      parseError({
        readout: [
          {
            qubits: [0],
            matrix: [
              [0.9, 0.1],
              [0.2, 0.8],
            ],
            convention: "column",
          },
        ],
      }),
    ).toMatch(/readout\[0\]\.matrix: column 0 sums to 1\.1, expected 1 \(convention "column"/);
    const a = NoiseModel.fromJSON({
      readout: [{ qubits: [0], matrix: columnForm, convention: "column" }],
    });
    const b = NoiseModel.fromJSON({
      readout: [
        {
          qubits: [0],
          matrix: [
            [0.9, 0.1],
            [0.2, 0.8],
          ],
        },
      ],
    });
    expect(a.readoutError(0)).toEqual(b.readoutError(0));
  });
});

describe("NoiseModel meets a circuit", () => {
  it("a rule naming a qubit the circuit lacks is an error naming the rule (forward and simulate)", () => {
    const noise = NoiseModel.fromJSON({ channels: [rule, { ...rule, qubits: [1, 5] }] });
    const message =
      "NoiseModel: channels[1] (depolarizing on qubits [1, 5]) names qubit 5, but the circuit has 2 qubits (0..1)";
    expect(() => noise.simulate(bell())).toThrow(ArgumentError);
    expect(() => noise.simulate(bell())).toThrow(message);
    expect(() => bell().forward(DensityMatrix.zero(2), undefined, { noise })).toThrow(message);
    // the same model is fine on a circuit that has qubit 5
    const c = new Circuit(6);
    c.h(5);
    expect(() => noise.simulate(c)).not.toThrow();
  });

  it("a readout error on a qubit the circuit lacks is an error too", () => {
    const noise = new NoiseModel().addReadoutError(3, [
      [0.9, 0.1],
      [0.1, 0.9],
    ]);
    expect(() => noise.simulate(bell())).toThrow(
      /the readout error of qubit 3 is outside; the circuit has 2 qubits/,
    );
  });
});

describe("the shipped example noise model", () => {
  it("circuits/noise.json loads, and its readout is row-stochastic as documented", () => {
    const text = readFileSync(new URL("../../../circuits/noise.json", import.meta.url), "utf8");
    const noise = NoiseModel.fromJSON(text);
    expect(noise.rules.map((r) => r.channel.name)).toEqual(["depolarizing", "amplitude_damping"]);
    expect(noise.readoutError(0)).toEqual([
      [0.98, 0.02],
      [0.05, 0.95],
    ]);
    // the same model built through the API gives the same numbers
    const api = new NoiseModel()
      .addChannel(depolarizing(0.01), { gates: ["cx", "ccx", "swap"] })
      .addChannel(amplitudeDamping(0.002))
      .addReadoutError("all", [
        [0.98, 0.02],
        [0.05, 0.95],
      ]);
    const p = noise.simulate(bell()).probabilities();
    expect(p).toEqual(api.simulate(bell()).probabilities());
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    // by hand, with R[t][m] = P(read m | true t) on each qubit: P(read 01) = sum_t P(t) R[t0][0] R[t1][1]
    const R = [
      [0.98, 0.02],
      [0.05, 0.95],
    ];
    const truth = noise.simulate(bell()).rho.probabilities();
    let p01 = 0;
    for (let t = 0; t < 4; t++) p01 += truth[t]! * R[t >> 1]![0]! * R[t & 1]![1]!;
    expect(p[1]!).toBeCloseTo(p01, 15);
  });
});
