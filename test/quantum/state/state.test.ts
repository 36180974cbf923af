import { describe, expect, it } from "vitest";
import { getBackend } from "../../../src/backend/backend.js";
import { ArgumentError, QoarError, ShapeError } from "../../../src/errors.js";
import { applyGate } from "../../../src/quantum/gates/apply.js";
import { getGate } from "../../../src/quantum/gates/table.js";
import { matvec } from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { type Counts, chiSquare } from "../../../src/quantum/state/measure.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";
import { maxDiff } from "../helpers.js";

const close = (a: ArrayLike<number>, b: number[], tol = 1e-14) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(tol);
};

/** <psi|M|psi> with a dense matrix: an independent reference. */
function denseExpectation(psi: Float64Array, m: Float64Array): number {
  const mv = matvec(m, psi);
  let re = 0;
  for (let i = 0; i < psi.length; i += 2) re += psi[i]! * mv[i]! + psi[i + 1]! * mv[i + 1]!;
  return re;
}

describe("State factories", () => {
  it("builds zero, basis (qubit 0 leftmost), Bell, GHZ and W states", () => {
    close(State.zero(2).probabilities(), [1, 0, 0, 0]);
    close(State.basis(3, "100").probabilities(), [0, 0, 0, 0, 1, 0, 0, 0]);
    close(State.basis(3, 1).probabilities(), [0, 1, 0, 0, 0, 0, 0, 0]);
    close(State.bell().probabilities(), [0.5, 0, 0, 0.5]);
    close(State.bell("psi-").probabilities(), [0, 0.5, 0.5, 0]);
    expect(State.bell(3).amplitudes()[2]![0]).toBeCloseTo(-Math.SQRT1_2, 15);
    const ghz = State.ghz(3).probabilities();
    close(ghz, [0.5, 0, 0, 0, 0, 0, 0, 0.5]);
    close(State.w(3).probabilities(), [0, 1 / 3, 1 / 3, 0, 1 / 3, 0, 0, 0]);
    // marginals: qubit order of the outcome follows the qubits argument
    close(State.basis(3, "110").probabilities([2, 0]), [0, 1, 0, 0]);
    const z = State.zero(2, { batch: 3 });
    expect(z.batch).toBe(3);
    expect(z.nQubits).toBe(2);
    expect(z.requiresGrad).toBe(false);
    expect(z.gradFn).toBe(null);
  });

  it("a circuit H, CNOT on |00> gives the Bell state", () => {
    const s = State.zero(2);
    applyGate(s.backend, s.buffer, getGate("h"), [0]);
    applyGate(s.backend, s.buffer, getGate("cnot"), [0, 1]);
    expect(maxDiff(s.toArray(), State.bell().toArray())).toBeLessThan(1e-15);
  });

  it("validates amplitudes", () => {
    const s = State.fromAmplitudes(
      [
        [1, 0],
        [0, 1],
      ],
      { normalize: true },
    );
    close(s.toArray(), [Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    expect(State.fromAmplitudes([1, 0, 0, 0, 0, 1, 0, 0], { batch: 2 }).nQubits).toBe(2);
    expect(State.fromAmplitudes(new Float64Array([0, 1, 0, 0])).amplitudes()).toEqual([
      [0, 1],
      [0, 0],
    ]);
    expect(() => State.fromAmplitudes([1, 0, 0])).toThrow(/not batch \* 2\^n/);
    expect(() => State.fromAmplitudes([1, 1])).toThrow(/squared norm 2/);
    expect(() => State.fromAmplitudes([1])).toThrow(ArgumentError);
    expect(() => State.fromAmplitudes([Number.NaN, 0])).toThrow(QoarError);
    expect(() => State.fromAmplitudes([0, 0], { normalize: true })).toThrow(/zero/);
    expect(() => State.basis(2, "012")).toThrow(/bitstring/);
    expect(() => State.basis(2, 4)).toThrow(/index 4 out of range/);
    expect(() => State.zero(0)).toThrow(/nQubits/);
    expect(() => State.zero(2, { batch: 0 })).toThrow(/batch/);
  });

  it("Haar-random states are normalized, seeded and spread out", () => {
    const a = State.random(4, { seed: 3, batch: 2 });
    close(a.normSquared(), [1, 1], 1e-12);
    expect(maxDiff(a.toArray(), State.random(4, { seed: 3, batch: 2 }).toArray())).toBe(0);
    expect(maxDiff(a.toArray(), State.random(4, { seed: 4, batch: 2 }).toArray())).toBeGreaterThan(
      0.01,
    );
    // E|<0|psi>|^2 = 1/d for Haar states
    const many = State.random(3, { seed: 5, batch: 2000 }).probabilities();
    let mean = 0;
    for (let b = 0; b < 2000; b++) mean += many[8 * b]!;
    expect(mean / 2000).toBeGreaterThan(0.125 - 0.015);
    expect(mean / 2000).toBeLessThan(0.125 + 0.015);
  });

  it("inner products, kron and clone", () => {
    const a = State.random(2, { seed: 1 });
    const b = State.random(1, { seed: 2 });
    const ab = a.kron(b);
    expect(ab.nQubits).toBe(3);
    const x = a.toArray();
    const y = b.toArray();
    // amplitude |q0 q1 q2> = a[q0 q1] b[q2]
    const i = 0b101;
    const re = x[2 * 2]! * y[2]! - x[2 * 2 + 1]! * y[3]!;
    expect(ab.toArray()[2 * i]).toBeCloseTo(re, 15);
    const ip = a.innerProduct(a);
    close(ip, [1, 0], 1e-14);
    close(State.zero(1).innerProduct(State.basis(1, 1)), [0, 0]);
    const c = a.clone();
    applyGate(c.backend, c.buffer, getGate("x"), [0]);
    expect(maxDiff(a.toArray(), x)).toBe(0);
    expect(() => a.innerProduct(b)).toThrow(ShapeError);
    expect(() => State.zero(1, { batch: 2 }).kron(State.zero(1, { batch: 3 }))).toThrow(ShapeError);
  });
});

describe("measurement", () => {
  it("Bell counts only 00 and 11, balanced (chi-square), bitstrings qubit 0 leftmost", () => {
    const counts = State.bell().measure(4000, { seed: 11 }) as Counts;
    expect(Object.keys(counts).sort()).toEqual(["00", "11"]);
    expect(chiSquare([counts["00"]!, counts["11"]!], [2000, 2000]).pValue).toBeGreaterThan(0.001);
    expect(State.basis(3, "110").measure(5, { seed: 1 })).toEqual({ "110": 5 });
    expect(State.basis(3, "110").measure(5, { seed: 1, qubits: [2, 0] })).toEqual({ "01": 5 });
  });

  it("matches the probabilities of a random state (chi-square) and reproduces with a seed", () => {
    const s = State.random(3, { seed: 8 });
    const probs = s.probabilities();
    const shots = 20000;
    const counts = s.measure(shots, { seed: 21 }) as Counts;
    const observed = Array.from(
      { length: 8 },
      (_, i) => counts[i.toString(2).padStart(3, "0")] ?? 0,
    );
    expect(
      chiSquare(
        observed,
        Array.from(probs, (p) => p * shots),
      ).pValue,
    ).toBeGreaterThan(0.001);
    expect(s.measure(shots, { seed: 21 })).toEqual(counts);
    expect(s.measure(shots, { seed: 22 })).not.toEqual(counts);
  });

  it("measure(1e12) is one multinomial draw: milliseconds, exact total, within 6 sigma", () => {
    const s = State.random(3, { seed: 4 });
    const probs = s.probabilities();
    const t0 = performance.now();
    const counts = s.measure(1e12, { seed: 1 }) as Counts;
    expect(performance.now() - t0).toBeLessThan(200); // about 0.1 ms; was a RangeError
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1e12);
    probs.forEach((p, i) => {
      const c = counts[i.toString(2).padStart(3, "0")] ?? 0;
      expect(Math.abs(c - 1e12 * p)).toBeLessThan(6 * Math.sqrt(1e12 * p * (1 - p)) + 1);
    });
    const most = s.measureBatch(Number.MAX_SAFE_INTEGER, { seed: 2, qubits: [0] })[0]!;
    expect(most["0"]! + most["1"]!).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("rejects shots that are not positive integers up to 2^53 - 1 with an ArgumentError", () => {
    const s = State.bell();
    for (const bad of [2 ** 53, 2 ** 53 + 1, 1e300, 2.5, -1, 0, Number.NaN]) {
      expect(() => s.measure(bad)).toThrow(ArgumentError);
    }
    expect(() => s.measure(2 ** 53)).toThrow(/shots: expected a positive integer up to 2\^53 - 1/);
    expect(() => s.expecVal(Hamiltonian.fromString("Z0"), { shots: 2 ** 53 })).toThrow(
      ArgumentError,
    );
  });

  it("returns one counts object per batch element", () => {
    const s = State.fromAmplitudes([1, 0, 0, 1], { batch: 2 });
    expect(s.measure(10, { seed: 1 })).toEqual([{ "0": 10 }, { "1": 10 }]);
    expect(() => s.measure(0)).toThrow(/shots/);
    expect(() => s.measure(5, { qubits: [1] })).toThrow(/out of range/);
  });
});

describe("expectation values", () => {
  it("known values", () => {
    const zz = Hamiltonian.fromString("Z0 Z1");
    expect(State.bell().expecVal(zz)).toBeCloseTo(1, 14);
    expect(State.bell("psi+").expecVal(zz)).toBeCloseTo(-1, 14);
    expect(State.bell().expecVal(Hamiltonian.fromString("X0 X1 - Y0 Y1"))).toBeCloseTo(2, 14);
    expect(State.zero(2).expecVal(Hamiltonian.fromString("Z0 + 0.5 X1 + 0.25 I"))).toBeCloseTo(
      1.25,
      14,
    );
    expect(State.ghz(3).expecVal(Hamiltonian.fromString("X0 X1 X2"))).toBeCloseTo(1, 14);
    const batch = State.fromAmplitudes([1, 0, 0, 1], { batch: 2 });
    close(batch.expecValBatch(Hamiltonian.fromString("Z0")), [1, -1]);
    expect(() => batch.expecVal(Hamiltonian.fromString("Z0"))).toThrow(/expecValBatch/);
    expect(() => State.zero(1).expecVal(Hamiltonian.fromString("Z3"))).toThrow(/qubit 3/);
  });

  it("exact expectation equals the dense matrix value on random states", () => {
    const rng = new Rng(6);
    for (let trial = 0; trial < 5; trial++) {
      const h = randomHamiltonian(4, 8, rng);
      const s = State.random(4, { seed: trial });
      expect(s.expecVal(h)).toBeCloseTo(denseExpectation(s.toArray(), h.matrix()), 12);
    }
  });

  it("sampled estimates are unbiased within a few standard errors and seeded", () => {
    const rng = new Rng(7);
    const h = randomHamiltonian(3, 6, rng).add(0.3);
    const s = State.random(3, { seed: 9 });
    const exact = s.expecVal(h);
    const shots = 20000;
    const est = s.expecVal(h, { shots, seed: 5 });
    const bound = (5 * h.terms.reduce((a, t) => a + Math.abs(t.coefficient), 0)) / Math.sqrt(shots);
    expect(Math.abs(est - exact)).toBeLessThan(bound);
    expect(s.expecVal(h, { shots, seed: 5 })).toBe(est);
    expect(s.expecVal(h, { shots: 10, seed: 6 })).not.toBe(s.expecVal(h, { shots: 10, seed: 7 }));
    // an eigenstate gives the exact value with any number of shots
    expect(
      State.basis(2, "01").expecVal(Hamiltonian.fromString("Z0 - 2 Z1 + Z0 Z1"), {
        shots: 3,
        seed: 1,
      }),
    ).toBe(1 + 2 - 1);
  });

  it("seeded sampling gives the same counts on a second backend instance", () => {
    const be = getBackend("cpu");
    const s1 = State.random(3, { seed: 2, backend: be });
    const s2 = State.random(3, { seed: 2, backend: "cpu" });
    expect(s1.measure(100, { seed: 3 })).toEqual(s2.measure(100, { seed: 3 }));
  });
});

function randomHamiltonian(n: number, nTerms: number, rng: Rng): Hamiltonian {
  const list: [number, string][] = [];
  for (let t = 0; t < nTerms; t++) {
    const parts: string[] = [];
    for (let q = 0; q < n; q++) {
      const r = rng.int(4);
      if (r < 3) parts.push(`${"XYZ"[r]}${q}`);
    }
    list.push([rng.uniformIn(-1, 1), parts.join(", ") || "I"]);
  }
  return new Hamiltonian(list);
}
