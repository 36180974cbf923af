import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import {
  averageGateFidelity,
  gateFidelity,
  groverOperator,
  isDensityMatrix,
  isHermitian,
  isPositive,
  isUnitary,
  qftMatrix,
  randomDensityOperator,
  randomUnitary,
} from "../../src/qinfo/index.js";
import { Circuit } from "../../src/quantum/circuit/circuit.js";
import { fromRows, identity, matmul, matvec, maxAbsDiff } from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";

describe("checks", () => {
  it("classify standard matrices", () => {
    const x = fromRows([
      [0, 1],
      [1, 0],
    ]);
    const notU = fromRows([
      [1, 1],
      [0, 1],
    ]);
    expect(isUnitary(x)).toBe(true);
    expect(isUnitary(notU)).toBe(false);
    expect(isHermitian(x)).toBe(true);
    expect(isHermitian(notU)).toBe(false);
    expect(isPositive(x)).toBe(false); // eigenvalues +-1
    expect(isPositive(identity(3))).toBe(true);
    expect(isDensityMatrix(identity(2).map((v) => v / 2))).toBe(true);
    expect(isDensityMatrix(identity(2))).toBe(false); // trace 2
    expect(isDensityMatrix(identity(3).map((v) => v / 3))).toBe(false); // not qubits
    expect(
      isDensityMatrix(
        identity(3).map((v) => v / 3),
        1e-8,
        { qubits: false },
      ),
    ).toBe(true);
    expect(isDensityMatrix(State.bell())).toBe(true);
    expect(isDensityMatrix(randomDensityOperator(3, { seed: 2 }))).toBe(true);
    expect(() => isUnitary(new Float64Array(6))).toThrow(ShapeError);
    expect(() => isHermitian(x, -1)).toThrow(ArgumentError);
  });
});

describe("QFT and Grover operators", () => {
  it("QFT(1) is Hadamard; QFT is unitary and matches the textbook circuit", () => {
    const h = fromRows([
      [1, 1],
      [1, -1],
    ]).map((v) => v * Math.SQRT1_2);
    expect(maxAbsDiff(qftMatrix(1), h)).toBeLessThan(1e-15);
    const n = 3;
    const f = qftMatrix(n);
    expect(isUnitary(f, 1e-12)).toBe(true);
    // H and controlled phases, then reverse the qubit order with swaps
    const c = new Circuit(n);
    for (let q = 0; q < n; q++) {
      c.h(q);
      for (let k = q + 1; k < n; k++) c.cp([k, q], { param: Math.PI / 2 ** (k - q) });
    }
    c.swap([0, n - 1]);
    expect(maxAbsDiff(c.unitary(), f)).toBeLessThan(1e-12);
  });

  it("Grover: floor(pi/4 sqrt N) steps find the marked state; oracle matrix form agrees", () => {
    const n = 4;
    const d = 16;
    const marked = 11;
    const g = groverOperator([marked], { nQubits: n });
    expect(isUnitary(g, 1e-12)).toBe(true);
    let psi: Float64Array = new Float64Array(2 * d);
    for (let i = 0; i < d; i++) psi[2 * i] = 0.25;
    const steps = Math.floor((Math.PI / 4) * Math.sqrt(d));
    for (let s = 0; s < steps; s++) psi = matvec(g, psi);
    const theta = Math.asin(1 / Math.sqrt(d));
    const p = psi[2 * marked]! ** 2 + psi[2 * marked + 1]! ** 2;
    expect(p).toBeCloseTo(Math.sin((2 * steps + 1) * theta) ** 2, 12);
    expect(p).toBeGreaterThan(0.9);
    const oracle = identity(d);
    oracle[2 * (marked * d + marked)] = -1;
    expect(maxAbsDiff(groverOperator(oracle), g)).toBeLessThan(1e-14);
    expect(() => groverOperator([16], { nQubits: 4 })).toThrow(/out of range/);
    expect(() => groverOperator([1])).toThrow(/nQubits/);
  });
});

describe("gate fidelity", () => {
  it("is 1 for equal gates up to a phase, |tr|/d otherwise; average fidelity formula", () => {
    const u = randomUnitary(2, { seed: 3 });
    const phased = u.map((v) => -v); // e^{i pi} U
    expect(gateFidelity(u, phased).item()).toBeCloseTo(1, 12);
    const x = fromRows([
      [0, 1],
      [1, 0],
    ]);
    expect(gateFidelity(identity(2), x).item()).toBe(0);
    expect(averageGateFidelity(identity(2), x).item()).toBeCloseTo(1 / 3, 14);
    expect(averageGateFidelity(u, u).item()).toBeCloseTo(1, 12);
    // average fidelity = mean over random inputs of |<psi|U^dagger V|psi>|^2 (loosely)
    const v = randomUnitary(1, { seed: 8 });
    const w = randomUnitary(1, { seed: 9 });
    let mean = 0;
    const samples = 3000;
    for (let s = 0; s < samples; s++) {
      const psi = State.random(1, { seed: 1000 + s }).toArray();
      const a = matvec(v, psi);
      const b = matvec(w, psi);
      const re = a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!;
      const im = a[0]! * b[1]! - a[1]! * b[0]! + a[2]! * b[3]! - a[3]! * b[2]!;
      mean += (re * re + im * im) / samples;
    }
    expect(Math.abs(mean - averageGateFidelity(v, w).item())).toBeLessThan(0.02);
    expect(() => gateFidelity(identity(2), identity(4)).item()).toThrow(ShapeError);
    expect(maxAbsDiff(matmul(u, u), matmul(phased, phased))).toBeLessThan(1e-14);
  });
});
