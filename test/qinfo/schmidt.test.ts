import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  randomStateVector,
  reducedState,
  schmidtDecomposition,
  vonNeumannEntropy,
} from "../../src/qinfo/index.js";
import { State } from "../../src/quantum/state/state.js";

/** Rebuilds sum_k s_k u_k (x) v_k in the full qubit order. */
function rebuild(res: ReturnType<typeof schmidtDecomposition>, n: number): Float64Array {
  const out = new Float64Array(2 << n);
  const place = (qs: readonly number[], x: number): number => {
    let idx = 0;
    qs.forEach((q, k) => {
      if (x & (1 << (qs.length - 1 - k))) idx |= 1 << (n - 1 - q);
    });
    return idx;
  };
  res.coefficients.forEach((s, k) => {
    const u = res.vectorsA[k]!;
    const v = res.vectorsB[k]!;
    for (let i = 0; i < u.length / 2; i++) {
      for (let j = 0; j < v.length / 2; j++) {
        const idx = 2 * (place(res.qubitsA, i) | place(res.qubitsB, j));
        out[idx]! += s * (u[2 * i]! * v[2 * j]! - u[2 * i + 1]! * v[2 * j + 1]!);
        out[idx + 1]! += s * (u[2 * i]! * v[2 * j + 1]! + u[2 * i + 1]! * v[2 * j]!);
      }
    }
  });
  return out;
}

describe("Schmidt decomposition", () => {
  it("a product state has one coefficient 1", () => {
    const prod = State.random(1, { seed: 1 }).kron(State.random(2, { seed: 2 }));
    const res = schmidtDecomposition(prod, [0]);
    expect(res.coefficients.length).toBe(1);
    expect(res.coefficients[0]).toBeCloseTo(1, 12);
  });

  it("a Bell state has two coefficients 1/sqrt 2", () => {
    const res = schmidtDecomposition(State.bell("psi-"));
    expect(Array.from(res.coefficients)).toEqual([
      expect.closeTo(Math.SQRT1_2, 12),
      expect.closeTo(Math.SQRT1_2, 12),
    ]);
  });

  it("rebuilds a random state for any bipartition; entropy of the squares = reduced entropy", () => {
    const n = 4;
    const v = randomStateVector(n, { seed: 3 });
    const psi = State.fromAmplitudes(v);
    for (const a of [[0], [0, 1], [2, 0], [3, 1, 2]]) {
      const res = schmidtDecomposition(psi, a);
      const back = rebuild(res, n);
      let err = 0;
      for (let i = 0; i < v.length; i++) err = Math.max(err, Math.abs(back[i]! - v[i]!));
      expect(err).toBeLessThan(1e-12);
      const sumSq = res.coefficients.reduce((s, c) => s + c * c, 0);
      expect(sumSq).toBeCloseTo(1, 12);
      const h = res.coefficients.reduce((s, c) => s - c * c * Math.log2(c * c), 0);
      expect(h).toBeCloseTo(vonNeumannEntropy(reducedState(psi, a).data).item(), 10);
      for (let k = 1; k < res.coefficients.length; k++) {
        expect(res.coefficients[k]!).toBeLessThanOrEqual(res.coefficients[k - 1]!);
      }
    }
  });

  it("takes plain amplitudes too", () => {
    const v = randomStateVector(3, { seed: 8 });
    const a = schmidtDecomposition(v, [1]);
    const b = schmidtDecomposition(State.fromAmplitudes(v), [1]);
    expect(Array.from(a.coefficients)).toEqual(Array.from(b.coefficients));
    expect(() => schmidtDecomposition(new Float64Array(6))).toThrow(/dimension 3/);
  });

  it("validates the bipartition", () => {
    expect(() => schmidtDecomposition(State.bell(), [0, 1])).toThrow(ArgumentError);
    expect(() => schmidtDecomposition(State.bell(), [2])).toThrow(/qubitsA/);
  });
});
