import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  diamondNormUnitaryDifference,
  pureDensity,
  randomStateVector,
  randomUnitary,
  traceDistance,
} from "../../src/qinfo/index.js";
import { fromRows, identity, kron, matvec } from "../../src/quantum/linalg.js";

const rz = (t: number): Float64Array =>
  fromRows([
    [[Math.cos(t / 2), -Math.sin(t / 2)], 0],
    [0, [Math.cos(t / 2), Math.sin(t / 2)]],
  ]);

/** ||U psi psi U^dagger - V psi psi V^dagger||_1 for a pure input. */
function outputDistance(u: Float64Array, v: Float64Array, psi: Float64Array): number {
  return 2 * traceDistance(pureDensity(matvec(u, psi)), pureDensity(matvec(v, psi))).item();
}

describe("diamond norm of a unitary-channel difference", () => {
  it("identity vs RZ(t) is 2 sin(t/2) for t <= pi; vs Z it is 2", () => {
    for (const t of [0.1, 0.7, 2, 3]) {
      expect(diamondNormUnitaryDifference(identity(2), rz(t)).value).toBeCloseTo(
        2 * Math.sin(t / 2),
        10,
      );
    }
    const z = fromRows([
      [1, 0],
      [0, -1],
    ]);
    expect(diamondNormUnitaryDifference(identity(2), z).value).toBeCloseTo(2, 10);
    expect(diamondNormUnitaryDifference(z, z).value).toBeLessThan(1e-7);
  });

  it("bounds every input (with an ancilla) and is attained by its optimal input", () => {
    for (let s = 0; s < 6; s++) {
      const u = randomUnitary(2, { seed: 10 + s });
      // a unitary close to u, so the arc of eigenphases is short and the norm < 2
      const v = matmulRz(u, 0.3 + 0.4 * s);
      const res = diamondNormUnitaryDifference(u, v);
      expect(outputDistance(u, v, res.optimalInput)).toBeCloseTo(res.value, 8);
      const ua = kron(u, identity(2));
      const va = kron(v, identity(2));
      for (let k = 0; k < 10; k++) {
        const psi = randomStateVector(3, { seed: 100 * s + k });
        expect(outputDistance(ua, va, psi)).toBeLessThanOrEqual(res.value + 1e-9);
      }
    }
  });

  it("is 2 when 0 lies in the hull of three eigenvalues, with an input that attains it", () => {
    const w = (2 * Math.PI) / 3;
    const diag = fromRows([
      [1, 0, 0, 0],
      [0, [Math.cos(w), Math.sin(w)], 0, 0],
      [0, 0, [Math.cos(2 * w), Math.sin(2 * w)], 0],
      [0, 0, 0, [Math.cos(0.2), Math.sin(0.2)]],
    ]);
    const res = diamondNormUnitaryDifference(identity(4), diag);
    expect(res.value).toBeCloseTo(2, 10);
    expect(outputDistance(identity(4), diag, res.optimalInput)).toBeCloseTo(2, 8);
    expect(() =>
      diamondNormUnitaryDifference(
        identity(2),
        fromRows([
          [1, 1],
          [0, 1],
        ]),
      ),
    ).toThrow(ArgumentError);
  });
});

/** u (RZ(t) x I): a unitary a rotation away from u. */
function matmulRz(u: Float64Array, t: number): Float64Array {
  const r = kron(rz(t), identity(2));
  const d = 4;
  const out = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      for (let j = 0; j < d; j++) {
        const ar = u[2 * (i * d + k)]!;
        const ai = u[2 * (i * d + k) + 1]!;
        const br = r[2 * (k * d + j)]!;
        const bi = r[2 * (k * d + j) + 1]!;
        out[2 * (i * d + j)]! += ar * br - ai * bi;
        out[2 * (i * d + j) + 1]! += ar * bi + ai * br;
      }
    }
  }
  return out;
}
