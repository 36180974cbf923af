import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { classicalFisher, effectiveDimension } from "../../../src/qml/fisher/classical-fisher.js";
import { quantumFisher } from "../../../src/qml/fisher/quantum-fisher.js";
import { symmetricRank } from "../../../src/qml/fisher/symmetric.js";
import { Circuit } from "../../../src/quantum/circuit/circuit.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { noGrad, type Tensor, tensor } from "../../../src/tensor/index.js";

function encoded(): Circuit {
  const c = new Circuit(3, { seed: 5 });
  c.angleEncoding({ gate: "ry" });
  c.u3("full");
  c.cnot("cycle");
  c.ry("full");
  c.crz([0, 1]);
  return c;
}

/** E_x sum_k (d p_k)(d p_k)^T / p_k from central differences of the probabilities. */
function finiteDifferenceCfim(c: Circuit, data: Tensor, h = 1e-5): Float64Array {
  const probs = (): Float64Array => noGrad(() => c.forward(undefined, data).probabilities());
  const p0 = probs();
  const dps: Float64Array[] = [];
  for (const p of c.parameters())
    for (let i = 0; i < p.size; i++) {
      const v = p.data[i]!;
      p.data[i] = v + h;
      const up = probs();
      p.data[i] = v - h;
      const dn = probs();
      p.data[i] = v;
      dps.push(up.map((x, k) => (x - dn[k]!) / (2 * h)));
    }
  const P = dps.length;
  const rows = data.shape[0]!;
  const out = new Float64Array(P * P);
  for (let i = 0; i < P; i++)
    for (let j = 0; j < P; j++)
      for (let k = 0; k < p0.length; k++)
        if (p0[k]! > 1e-14) out[i * P + j] += (dps[i]![k]! * dps[j]![k]!) / p0[k]! / rows;
  return out;
}

describe("classicalFisher", () => {
  it("matches finite differences of the measured distribution, averaged over data rows", () => {
    const c = encoded();
    const x = tensor([
      [0.3, -1.1, 0.8],
      [1.4, 0.2, -0.5],
    ]);
    const F = classicalFisher(c, { data: x });
    const P = c.parameterCount;
    expect(F.shape).toEqual([P, P]);
    const want = finiteDifferenceCfim(c, x);
    for (let i = 0; i < P * P; i++) expect(Math.abs(F.data[i]! - want[i]!)).toBeLessThan(1e-6);
  });

  it("is at most the QFIM (F_Q - F_C is positive semidefinite), equal for RY on one qubit", () => {
    const one = new Circuit(1, { seed: 2 });
    one.ry(0);
    expect(classicalFisher(one).item()).toBeCloseTo(1, 10);
    const c = encoded();
    const x = tensor([[0.3, -1.1, 0.8]]);
    const fq = quantumFisher(c, { data: x }).data;
    const fc = classicalFisher(c, { data: x }).data;
    const P = c.parameterCount;
    // v^T (F_Q - F_C) v >= 0 for a few directions
    for (let t = 0; t < 5; t++) {
      const v = Array.from({ length: P }, (_, i) => Math.sin(3 * i + t));
      let q = 0;
      for (let i = 0; i < P; i++)
        for (let j = 0; j < P; j++) q += v[i]! * (fq[i * P + j]! - fc[i * P + j]!) * v[j]!;
      expect(q).toBeGreaterThan(-1e-9);
    }
  });

  it("agrees on the state-vector and density-matrix paths", () => {
    const c = encoded();
    const x = tensor([[0.3, -1.1, 0.8]]);
    const a = classicalFisher(c, { data: x }).data;
    const b = classicalFisher(c, { data: x, state: DensityMatrix.zero(3) }).data;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-9);
  });
});

describe("effectiveDimension", () => {
  it("is log(1 + kappa) / log(kappa) per parameter when F_hat = I (independent RY qubits)", () => {
    const c = new Circuit(2, { seed: 3 });
    c.ry("full");
    const sizes = [1000, 1e6];
    const r = effectiveDimension(c, { sampleSizes: sizes, parameterSamples: 7, seed: 1 });
    expect(r.fisherTrace).toBeCloseTo(2, 9);
    sizes.forEach((n, i) => {
      const kappa = n / (2 * Math.PI * Math.log(n));
      expect(r.dimensions[i]).toBeCloseTo((2 * Math.log1p(kappa)) / Math.log(kappa), 9);
    });
  });

  it("lies in [0, P] and tends to the rank of the Fisher matrix as n grows", () => {
    const c = encoded();
    const x = tensor([
      [0.3, -1.1, 0.8],
      [1.4, 0.2, -0.5],
    ]);
    let calls = 0;
    const r = effectiveDimension(c, {
      data: x,
      sampleSizes: [100, 1e4, 1e12],
      parameterSamples: 6,
      seed: 2,
      progress: () => calls++,
    });
    expect(calls).toBe(6);
    expect(r.parameters).toBe(c.parameterCount);
    for (const d of r.dimensions) {
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(c.parameterCount);
    }
    // d_eff(n) = rank + O(1 / log kappa): at n = 1e12 (log kappa = 22) within one of the rank
    const rank = symmetricRank(classicalFisher(c, { data: x }).data, c.parameterCount, 1e-8);
    expect(rank).toBeLessThan(c.parameterCount);
    expect(Math.abs(r.dimensions[2]! - rank)).toBeLessThan(1);
  });

  it("refuses bad sample sizes, gamma and a Fisher matrix that vanishes", () => {
    const c = new Circuit(1, { seed: 1 });
    c.ry(0);
    expect(() => effectiveDimension(c, { sampleSizes: [] })).toThrow(ArgumentError);
    expect(() => effectiveDimension(c, { sampleSizes: [5] })).toThrow(/kappa/);
    expect(() => effectiveDimension(c, { sampleSizes: [1000], gamma: 2 })).toThrow(/gamma/);
    expect(() => effectiveDimension(c, undefined as never)).toThrow(/sampleSizes/);
    const phase = new Circuit(1, { seed: 1 });
    phase.rz(0);
    expect(() => effectiveDimension(phase, { sampleSizes: [1000], parameterSamples: 2 })).toThrow(
      /vanishes/,
    );
  });
});
