import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import { amplitudeEncoding, basisEncoding, iqpEncoding } from "../../src/qml/encoding.js";
import { expecVal } from "../../src/qml/expecval.js";
import "../../src/qml/paramshift.js"; // registers "parameter-shift"
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { State } from "../../src/quantum/state/state.js";
import { gradcheck, noGrad, type Tensor, tensor } from "../../src/tensor/index.js";

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const X = [
  [0.3, -1.1, 0.7],
  [1.4, 0.2, -0.5],
];

describe("iqpEncoding", () => {
  it("equals Paddle's circuit (H, RZ(x_i), CNOT-RZ(x_i x_j)-CNOT) row by row, as one batch", () => {
    const c = new Circuit(3);
    iqpEncoding(c, { depth: 2 });
    expect(c.featureCount).toBe(3);
    const psi = noGrad(() => c.forward(undefined, tensor(X)));
    expect(psi.batch).toBe(2);
    const all = psi.toArray();
    X.forEach((x, b) => {
      const ref = new Circuit(3);
      for (let d = 0; d < 2; d++) {
        ref.h("full");
        x.forEach((v, q) => {
          ref.rz(q, { param: v });
        });
        for (const [i, j] of [
          [0, 1],
          [0, 2],
          [1, 2],
        ] as const) {
          ref.cnot([i, j]);
          ref.rz(j, { param: x[i]! * x[j]! });
          ref.cnot([i, j]);
        }
      }
      const want = ref.forward().toArray();
      expect(maxDiff(all.subarray(b * 16, (b + 1) * 16), want)).toBeLessThan(1e-12);
    });
  });

  it("follows earlier encodings' features and takes custom pairs", () => {
    const c = new Circuit(3);
    c.angleEncoding({ gate: "rx", qubitsIdx: [0] });
    iqpEncoding(c, { qubitsIdx: [1, 2], pairs: [[1, 2]] });
    expect(c.featureCount).toBe(3);
    expect(() => iqpEncoding(new Circuit(3), { qubitsIdx: [0, 1], pairs: [[0, 2]] })).toThrow(
      ArgumentError,
    );
    expect(() => iqpEncoding(new Circuit(2), { depth: 0 })).toThrow(/depth/);
  });

  it("passes the data gradient check (product rule on x_i x_j)", () => {
    const c = new Circuit(3, { seed: 2 });
    iqpEncoding(c);
    c.ry("full").cnot("cycle");
    const x = tensor(X, { requiresGrad: true });
    const res = gradcheck((t) => expecVal(c.forward(undefined, t), "Z0 X1 + 0.4 Y2").sum(), [x]);
    expect(res.ok, res.message).toBe(true);
  });
});

describe("basisEncoding", () => {
  it("prepares each row's basis state exactly, in one batched run", () => {
    const c = new Circuit(3);
    basisEncoding(c);
    const bits = [
      [1, 0, 1],
      [0, 1, 1],
      [0, 0, 0],
    ];
    const psi = c.forward(undefined, tensor(bits));
    const all = psi.toArray();
    bits.forEach((row, b) => {
      const want = State.basis(3, row.join("")).toArray();
      expect(maxDiff(all.subarray(b * 16, (b + 1) * 16), want)).toBeLessThan(1e-15);
    });
  });
});

describe("amplitudeEncoding", () => {
  it("pads with zeros and normalizes every row", () => {
    const psi = amplitudeEncoding(
      [
        [3, 4, 0],
        [1, 1, 1],
      ],
      2,
    );
    expect(psi.batch).toBe(2);
    const a = psi.toArray();
    const s3 = 1 / Math.sqrt(3);
    const want = [0.6, 0, 0.8, 0, 0, 0, 0, 0, s3, 0, s3, 0, s3, 0, 0, 0];
    expect(maxDiff(a, want)).toBeLessThan(1e-15);
  });

  it("is differentiable with respect to the data (gradcheck through a circuit)", () => {
    const c = new Circuit(2, { seed: 4 });
    c.u3("full").cnot([0, 1]).cry([1, 0]);
    const x = tensor(
      [
        [0.3, -1.2, 0.5],
        [1.1, 0.4, 2.0],
      ],
      { requiresGrad: true },
    );
    const loss = (t: Tensor) =>
      expecVal(c.forward(amplitudeEncoding(t, 2)), "Z0 + 0.7 X0 X1").sum();
    const res = gradcheck(loss, [x]);
    expect(res.ok, res.message).toBe(true);
    c.gradMethod = "parameter-shift"; // the input-state gradient runs the cotangent back
    const r = gradcheck(loss, [x]);
    expect(r.ok, r.message).toBe(true);
  });

  it("rejects data that does not fit or cannot be normalized", () => {
    expect(() => amplitudeEncoding([1, 2, 3, 4, 5], 2)).toThrow(ShapeError);
    expect(() => amplitudeEncoding([[0, 0]], 1)).toThrow(/all zeros/);
    expect(() => amplitudeEncoding([1, 2], 0)).toThrow(ArgumentError);
    expect(() => amplitudeEncoding(tensor([[1, 0]], { dtype: "complex128" }), 1)).toThrow(
      ShapeError,
    );
  });
});
