import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError } from "../../../src/errors.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { operationName } from "../../../src/quantum/circuit/operation.js";
import { Channel } from "../../../src/quantum/density/channels.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { NoiseModel } from "../../../src/quantum/density/noise.js";
import { amplitudeDamping, depolarizing } from "../../../src/quantum/density/standard-channels.js";
import { randomDensityMatrix } from "../../../src/quantum/density/states.js";
import { fromRows } from "../../../src/quantum/linalg.js";

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

function circuit(): Circuit {
  const c = new Circuit(3, { seed: 2 });
  c.h(0);
  c.cnot([0, 1]);
  c.rx(2);
  c.cx([1, 2]);
  return c;
}

describe("NoiseModel channels", () => {
  it("inserts channels after matching gates and qubits", () => {
    const noise = new NoiseModel()
      .addChannel(depolarizing(0.01), { gates: ["cnot"] })
      .addChannel(amplitudeDamping(0.02), { qubits: [2] });
    const ops = noise.lower(circuit().operations, 3);
    const desc = ops.map((o) =>
      o.kind === "gate" ? o.gate.name : `${operationName(o)}@${o.qubits.join("")}`,
    );
    expect(desc).toEqual([
      "h",
      "cnot",
      "depolarizing@0",
      "depolarizing@1",
      "rx",
      "amplitude_damping@2",
      "cnot",
      "depolarizing@1",
      "depolarizing@2",
      "amplitude_damping@2",
    ]);
  });

  it("forward with { noise } equals the circuit with the channels written in", () => {
    const noise = new NoiseModel()
      .addChannel(depolarizing(0.05), { gates: "cx" })
      .addChannel(amplitudeDamping(0.1), { qubits: [2] });
    const a = circuit().forward(DensityMatrix.zero(3), undefined, { noise });
    const c = new Circuit(3, { seed: 2 });
    c.h(0);
    c.cnot([0, 1]);
    c.depolarizing(0.05, [0, 1]);
    c.rx(2);
    c.amplitudeDamping(0.1, [2]);
    c.cnot([1, 2]);
    c.depolarizing(0.05, [1, 2]);
    c.amplitudeDamping(0.1, [2]);
    const b = c.forward(DensityMatrix.zero(3));
    expect(maxDiff(a.toArray(), b.toArray())).toBeLessThan(1e-14);
    // noise changes the result
    const clean = circuit().forward(DensityMatrix.zero(3));
    expect(maxDiff(a.toArray(), clean.toArray())).toBeGreaterThan(1e-3);
  });

  it("rejects unbound channel families and bad readout matrices", () => {
    const fam = new Channel("f", 1, [{ name: "p", min: 0, max: 1 }], () => []);
    expect(() => new NoiseModel().addChannel(fam)).toThrow(/bind them first/);
    expect(() =>
      new NoiseModel().addReadoutError(0, [
        [0.9, 0.2],
        [0.2, 0.8],
      ]),
    ).toThrow(ArgumentError);
  });
});

describe("readout errors and mitigation", () => {
  // column form (P(measured | true), measured = row): the Kronecker reference below reads them so
  const M0 = [
    [0.97, 0.08],
    [0.03, 0.92],
  ] as const;
  const M1 = [
    [0.9, 0.05],
    [0.1, 0.95],
  ] as const;
  const transpose = (m: readonly (readonly number[])[]) =>
    [
      [m[0]![0]!, m[1]![0]!],
      [m[0]![1]!, m[1]![1]!],
    ] as const;

  it("applies the confusion matrices per qubit (against the Kronecker product) and mitigation inverts them", () => {
    const noise = new NoiseModel()
      .addReadoutError(0, M0, { convention: "column" })
      .addReadoutError(2, M1, { convention: "column" });
    const rho = randomDensityMatrix(3, { seed: 3 });
    const p = rho.probabilities([0, 2]);
    const noisy = noise.applyReadout(p, [0, 2]);
    // reference: (M0 (x) M1) p
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += M0[i >> 1]![j >> 1]! * M1[i & 1]![j & 1]! * p[j]!;
      expect(noisy[i]).toBeCloseTo(s, 15);
    }
    expect(maxDiff(noise.mitigate(noisy, [0, 2]), p)).toBeLessThan(1e-14);
    // qubit 1 has no readout error: unchanged
    expect(maxDiff(noise.applyReadout(rho.probabilities([1]), [1]), rho.probabilities([1]))).toBe(
      0,
    );
  });

  it('the default convention is "row" (each row one true state): the transpose of the column form', () => {
    const rows = new NoiseModel()
      .addReadoutError(0, transpose(M0))
      .addReadoutError(2, transpose(M1));
    const cols = new NoiseModel()
      .addReadoutError(0, M0, { convention: "column" })
      .addReadoutError(2, M1, { convention: "column" });
    const p = randomDensityMatrix(3, { seed: 4 }).probabilities();
    expect(rows.applyReadout(p, [0, 1, 2])).toEqual(cols.applyReadout(p, [0, 1, 2]));
    // |0> read out through row [0.97, 0.03]: P(measured 1 | true 0) = 0.03
    const zero = new Float64Array([1, 0]);
    expect(Array.from(rows.applyReadout(zero, [0]))).toEqual([0.97, 0.03]);
    expect(rows.readoutError(0)).toEqual(transpose(M0));
    expect(rows.readoutError(0, "column")).toEqual(M0);
  });

  it("a matrix that is not stochastic in its convention is an ArgumentError naming the convention", () => {
    expect(() => new NoiseModel().addReadoutError(0, M0)).toThrow(
      /row 0 sums to 1\.05, expected 1 \(convention "row".*needs convention "column"\)/,
    );
    expect(() =>
      new NoiseModel().addReadoutError(0, transpose(M0), { convention: "column" }),
    ).toThrow(/column 0 sums to 1\.05, expected 1 \(convention "column".*needs convention "row"\)/);
    expect(() => new NoiseModel().addReadoutError(0, M0, { convention: "rows" as never })).toThrow(
      /convention must be "row" or "column", got "rows"/,
    );
  });

  it('"all" covers every qubit without its own matrix, and a later "all" replaces them', () => {
    const noise = new NoiseModel()
      .addReadoutError("all", transpose(M1))
      .addReadoutError(1, transpose(M0));
    expect(noise.readoutError(0)).toEqual(transpose(M1));
    expect(noise.readoutError(40)).toEqual(transpose(M1));
    expect(noise.readoutError(1)).toEqual(transpose(M0));
    noise.addReadoutError("all", transpose(M1));
    expect(noise.readoutError(1)).toEqual(transpose(M1));
    const back = NoiseModel.fromJSON(JSON.stringify(noise.toJSON()));
    expect(back.toJSON().readout).toEqual([
      { qubits: "all", matrix: transpose(M1), convention: "row" },
    ]);
  });

  it("mitigating sampled counts gets close to the true probabilities", () => {
    const noise = new NoiseModel().addReadoutError([0, 1], M0, { convention: "column" });
    const c = new Circuit(2);
    c.h(0);
    c.cnot([0, 1]);
    const rho = c.forward(DensityMatrix.zero(2));
    const [counts] = noise.measure(rho, 20000, { seed: 5 });
    expect(noise.measure(rho, 20000, { seed: 5 })[0]).toEqual(counts);
    const raw = counts!["01"]! / 20000;
    expect(raw).toBeGreaterThan(0.02); // readout errors show up
    const mit = noise.mitigateCounts(counts!, [0, 1], { clip: true });
    expect(Math.abs((mit["00"] ?? 0) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(mit["01"] ?? 0)).toBeLessThan(0.01);
  });

  it("draws 1e12 noisy shots as one multinomial (readout errors included), in milliseconds", () => {
    const noise = new NoiseModel().addReadoutError([0, 1], M0, { convention: "column" });
    const rho = DensityMatrix.zero(2);
    const p = noise.applyReadout(rho.probabilities([0, 1]), [0, 1]);
    const t0 = performance.now();
    const [counts] = noise.measure(rho, 1e12, { seed: 2 });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(Object.values(counts!).reduce((a, b) => a + b, 0)).toBe(1e12);
    ["00", "01", "10", "11"].forEach((k, i) => {
      const sd = Math.sqrt(1e12 * p[i]! * (1 - p[i]!));
      expect(Math.abs((counts![k] ?? 0) - 1e12 * p[i]!)).toBeLessThan(6 * sd + 1);
    });
    expect(() => noise.measure(rho, 2 ** 53)).toThrow(ArgumentError);
    expect(() => noise.measure(rho, 0.5)).toThrow(/shots: expected a positive integer/);
  });
});

describe("JSON form", () => {
  it("round trips channels (named and custom Kraus) and readout errors", () => {
    const custom = Channel.fromKraus(
      [
        fromRows([
          [0, 1],
          [1, 0],
        ]),
      ],
      "x_error",
    );
    const noise = new NoiseModel()
      .addChannel(depolarizing(0.02), { gates: ["cnot"] })
      .addChannel(custom, { qubits: [1] })
      .addReadoutError(0, [
        [0.95, 0.05],
        [0.1, 0.9],
      ]);
    const text = JSON.stringify(noise.toJSON());
    const back = NoiseModel.fromJSON(text);
    const a = circuit().forward(DensityMatrix.zero(3), undefined, { noise });
    const b = circuit().forward(DensityMatrix.zero(3), undefined, { noise: back });
    expect(maxDiff(a.toArray(), b.toArray())).toBeLessThan(1e-15);
    expect(back.readoutError(0)).toEqual([
      [0.95, 0.05],
      [0.1, 0.9],
    ]);
    expect(JSON.stringify(back.toJSON())).toBe(text);
  });

  it("malformed models throw ParseError naming the entry", () => {
    expect(() => NoiseModel.fromJSON("{")).toThrow(ParseError);
    expect(() =>
      NoiseModel.fromJSON({ channels: [{ channel: "depolarizing", params: [2] }] }),
    ).toThrow(/channels\[0\]/);
    expect(() => NoiseModel.fromJSON({ channels: [{ channel: "nope" }] })).toThrow(ParseError);
    expect(() =>
      NoiseModel.fromJSON({
        readout: [
          {
            qubits: [0],
            matrix: [
              [1, 0.5],
              [0.2, 0.5],
            ],
          },
        ],
      } as never),
    ).toThrow(/readout\[0\]/);
  });
});
