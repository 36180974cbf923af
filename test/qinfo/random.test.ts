import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  eigvalsHermitian,
  isDensityMatrix,
  isUnitary,
  randomDensityOperator,
  randomHamiltonian,
  randomStateVector,
  randomUnitary,
} from "../../src/qinfo/index.js";
import { Rng } from "../../src/random.js";

describe("Haar-random unitaries", () => {
  it("are unitary, and a seed reproduces them", () => {
    for (const n of [1, 2, 3, 4])
      expect(isUnitary(randomUnitary(n, { seed: n }), 1e-12)).toBe(true);
    expect(randomUnitary(2, { seed: 5 })).toEqual(randomUnitary(2, { seed: 5 }));
    expect(randomUnitary(2, { seed: 5 })).not.toEqual(randomUnitary(2, { seed: 6 }));
    // a shared Rng advances between draws
    const rng = new Rng(1);
    expect(randomUnitary(1, { seed: rng })).not.toEqual(randomUnitary(1, { seed: rng }));
  });

  it("have Haar moments: E|U_00|^2 = 1/d, E|U_00|^4 = 2/(d(d+1)), E|tr U|^2 = 1", () => {
    const d = 4;
    const samples = 2000;
    const rng = new Rng(42);
    let m2 = 0;
    let m4 = 0;
    let tr2 = 0;
    let tr1re = 0;
    for (let s = 0; s < samples; s++) {
      const u = randomUnitary(2, { seed: rng });
      const a = u[0]! ** 2 + u[1]! ** 2;
      m2 += a;
      m4 += a * a;
      let re = 0;
      let im = 0;
      for (let i = 0; i < d; i++) {
        re += u[2 * (i * d + i)]!;
        im += u[2 * (i * d + i) + 1]!;
      }
      tr2 += re * re + im * im;
      tr1re += re;
    }
    // loose: several standard errors
    expect(m2 / samples).toBeCloseTo(1 / d, 1);
    expect(Math.abs(m2 / samples - 1 / d)).toBeLessThan(0.02);
    expect(Math.abs(m4 / samples - 2 / (d * (d + 1)))).toBeLessThan(0.02);
    expect(Math.abs(tr2 / samples - 1)).toBeLessThan(0.15);
    expect(Math.abs(tr1re / samples)).toBeLessThan(0.1);
  });
});

describe("random states", () => {
  it("state vectors are normalized and seeded; E|psi_0|^2 = 1/d", () => {
    const v = randomStateVector(3, { seed: 2 });
    expect(v.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 14);
    expect(randomStateVector(3, { seed: 2 })).toEqual(v);
    const rng = new Rng(3);
    let m = 0;
    for (let s = 0; s < 2000; s++) {
      const w = randomStateVector(2, { seed: rng });
      m += w[0]! ** 2 + w[1]! ** 2;
    }
    expect(Math.abs(m / 2000 - 0.25)).toBeLessThan(0.02);
  });

  it("density matrices are valid, of the requested rank, seeded", () => {
    for (const rank of [1, 2, 3, 4]) {
      const rho = randomDensityOperator(2, { rank, seed: rank });
      expect(isDensityMatrix(rho, 1e-12)).toBe(true);
      const nonzero = Array.from(eigvalsHermitian(rho)).filter((x) => x > 1e-10).length;
      expect(nonzero).toBe(rank);
    }
    expect(randomDensityOperator(2, { seed: 9 })).toEqual(randomDensityOperator(2, { seed: 9 }));
    expect(() => randomDensityOperator(2, { rank: 5 })).toThrow(ArgumentError);
    expect(() => randomUnitary(0)).toThrow(/nQubits/);
  });
});

describe("random Hamiltonians", () => {
  it("are Hermitian Pauli sums of bounded weight, seeded", () => {
    const h = randomHamiltonian(4, { nTerms: 6, maxWeight: 2, seed: 5 });
    expect(h.nQubits).toBe(4);
    expect(h.nTerms).toBeGreaterThan(0);
    expect(h.nTerms).toBeLessThanOrEqual(6);
    for (const t of h.terms) {
      expect(t.qubits.length).toBeGreaterThanOrEqual(1);
      expect(t.qubits.length).toBeLessThanOrEqual(2);
      expect(Math.abs(t.coefficient)).toBeLessThanOrEqual(1);
    }
    expect(randomHamiltonian(4, { nTerms: 6, seed: 5 }).toString()).toBe(
      randomHamiltonian(4, { nTerms: 6, seed: 5 }).toString(),
    );
    expect(() => randomHamiltonian(3, { maxWeight: 4 })).toThrow(/maxWeight/);
  });
});
