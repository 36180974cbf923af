/**
 * Classical shadows against exact expectation values: the Bell-state <Z0 Z1> must-show, the
 * confidence interval's coverage, Clifford snapshots (uniform stabilizer states, unbiased
 * inverse channel), fidelities, Rényi-2 entropies, LBCS and APS on H2, and bad input.
 */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import { randomDensityOperator } from "../../../src/qinfo/haar.js";
import { lbcsDistribution } from "../../../src/qinfo/shadow/importance.js";
import { classicalShadow } from "../../../src/qinfo/shadow/shadow.js";
import {
  randomStabilizerState,
  stabilizerStateCount,
} from "../../../src/qinfo/shadow/stabilizer.js";
import { median, medianOfMeans, normalQuantile } from "../../../src/qinfo/shadow/statistics.js";
import { termTable } from "../../../src/qinfo/shadow/terms.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";
import { loadReference } from "../../reference/load.js";

const ref = loadReference("h2-sto3g-0.735-integrals.json") as {
  jw_interleaved: { pauli_coefficients: Record<string, number> };
};
const H2 = new Hamiltonian(
  Object.entries(ref.jw_interleaved.pauli_coefficients).map(
    ([k, v]) => [v, k.split(" ").join(", ")] as [number, string],
  ),
  { nQubits: 4 },
);

describe("Pauli shadows", () => {
  it("must show: <Z0 Z1> of a Bell state from 10,000 snapshots is within 0.1 of 1, standard error 0.028", () => {
    const shadow = classicalShadow(State.bell(), 10000, { seed: 1 });
    const e = shadow.estimate("Z0 Z1");
    expect(Math.abs(e.value - 1)).toBeLessThan(0.1);
    // per snapshot: 9 with probability 1/9 (both qubits measured in Z), else 0: sd sqrt(8)
    expect(e.standardError).toBeCloseTo(Math.sqrt(8) / 100, 3);
    expect(e.confidenceInterval[0]).toBeLessThan(1);
    expect(e.confidenceInterval[1]).toBeGreaterThan(1);
    expect(shadow.expectation("Z0 Z1")).toBe(e.value);
  });

  it("the 95% interval covers the exact <H> of a random state in about 95% of independent shadows", () => {
    const psi = State.random(3, { seed: 4 });
    const H = Hamiltonian.fromString(
      "0.8 Z0 Z1 - 0.5 X1 X2 + 0.3 Y0 + 0.6 Z2 + 0.2 X0 Y1 Z2 + 1.5",
    );
    const exact = H.expectation(psi);
    const rng = new Rng(9);
    let covered = 0;
    const trials = 60;
    for (let k = 0; k < trials; k++) {
      const e = classicalShadow(psi, 600, { seed: rng }).estimate(H);
      if (e.confidenceInterval[0] <= exact && exact <= e.confidenceInterval[1]) covered++;
    }
    // binomial(60, 0.95): 57 expected, sd 1.7
    expect(covered).toBeGreaterThanOrEqual(51);
    const big = classicalShadow(psi, 40000, { seed: 2 }).estimate(H, { groups: 10 });
    expect(Math.abs(big.value - exact)).toBeLessThan(4 * big.standardError);
  });

  it("fidelity and Rényi-2 entropy of GHZ and Bell states", () => {
    const ghz = State.ghz(3);
    const shadow = classicalShadow(ghz, 4000, { seed: 5 });
    expect(shadow.fidelity(ghz)).toBeCloseTo(1, 1);
    expect(shadow.fidelity(State.zero(3))).toBeCloseTo(0.5, 1);
    const bell = classicalShadow(State.bell(), 4000, { seed: 6 });
    expect(bell.purity([0])).toBeCloseTo(0.5, 1);
    expect(bell.renyi2Entropy([0])).toBeCloseTo(1, 0);
    expect(Math.abs(bell.renyi2Entropy([1]) - 1)).toBeLessThan(0.15);
    expect(Math.abs(bell.purity() - 1)).toBeLessThan(0.15);
    // a product state: each qubit pure
    const product = classicalShadow(
      State.fromAmplitudes([Math.SQRT1_2, Math.SQRT1_2, 0, 0]),
      4000,
      { seed: 7 },
    );
    expect(Math.abs(product.purity([1]) - 1)).toBeLessThan(0.1);
    expect(bell.renyi2Entropy([0], { base: Math.E })).toBeCloseTo(
      bell.renyi2Entropy([0]) * Math.LN2,
      12,
    );
  });

  it("the same seed gives the same shadow", () => {
    const a = classicalShadow(State.ghz(3), 500, { seed: 3 }).expectation("X0 X1 X2");
    const b = classicalShadow(State.ghz(3), 500, { seed: 3 }).expectation("X0 X1 X2");
    expect(a).toBe(b);
  });
});

describe("LBCS and APS (Paddle's definitions) on the H2 Hamiltonian", () => {
  // a state near the H2 ground state: Hartree-Fock |1100> with some double excitation
  const psi = State.fromAmplitudes(
    Array.from({ length: 16 }, (_, i) =>
      i === 0b1100 ? 0.99 : i === 0b0011 ? -Math.sqrt(1 - 0.99 ** 2) : 0,
    ),
  );
  const exact = H2.expectation(psi);

  it("all three are unbiased: within 4 standard errors of the exact <H2>", () => {
    for (const sampling of ["uniform", "lbcs", "aps"] as const) {
      const e = classicalShadow(psi, 4000, { seed: 1, sampling, hamiltonian: H2 }).estimate(H2);
      expect(Math.abs(e.value - exact)).toBeLessThan(4 * e.standardError);
    }
  });

  it("LBCS lowers the variance bound sum c^2 / prod beta it minimizes, and the error on a random state", () => {
    const table = termTable(H2, 4, "test");
    const bound = (beta: Float64Array) =>
      Array.from(table.coefficients).reduce((s, c, t) => {
        let p = 1;
        for (const q of table.supports[t]!) p *= beta[3 * q + table.letters[t * 4 + q]! - 1]!;
        return s + (c * c) / p;
      }, 0);
    const beta = lbcsDistribution(table);
    expect(bound(beta)).toBeLessThan(0.95 * bound(new Float64Array(12).fill(1 / 3))); // 2.30 vs 2.44
    for (let q = 0; q < 4; q++)
      expect(beta[3 * q]! + beta[3 * q + 1]! + beta[3 * q + 2]!).toBeCloseTo(1, 12);
    const random = State.random(4, { seed: 3 });
    const uniform = classicalShadow(random, 4000, { seed: 2 }).estimate(H2);
    const lbcs = classicalShadow(random, 4000, {
      seed: 2,
      sampling: "lbcs",
      hamiltonian: H2,
    }).estimate(H2);
    expect(lbcs.standardError).toBeLessThan(uniform.standardError);
  });

  it("APS's error estimate is in line with the spread of independent APS estimates", () => {
    const rng = new Rng(12);
    const values: number[] = [];
    let se = 0;
    for (let k = 0; k < 30; k++) {
      const e = classicalShadow(psi, 2000, {
        seed: rng,
        sampling: "aps",
        hamiltonian: H2,
      }).estimate(H2);
      values.push(e.value);
      se += e.standardError / 30;
    }
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    expect(sd / se).toBeGreaterThan(0.6);
    expect(sd / se).toBeLessThan(1.6);
  });

  it("LBCS puts a Z-only Hamiltonian's bases on Z", () => {
    const zz = Hamiltonian.fromString("Z0 Z1 + 0.5 Z1");
    const e = classicalShadow(State.bell(), 1000, {
      seed: 2,
      sampling: "lbcs",
      hamiltonian: zz,
    }).estimate(zz);
    // nearly every snapshot measures Z Z: the error is far below uniform's sqrt(8 + ...) / sqrt(1000)
    expect(Math.abs(e.value - 1)).toBeLessThan(0.05);
    expect(e.standardError).toBeLessThan(0.05);
  });
});

describe("Clifford shadows", () => {
  it("stabilizer states are counted and drawn uniformly: 6 one-qubit states, 1000 each of 6000", () => {
    for (let n = 1; n <= 5; n++) {
      let formula = 2 ** n;
      for (let k = 1; k <= n; k++) formula *= 2 ** k + 1;
      expect(stabilizerStateCount(n)).toBeCloseTo(formula, 6);
    }
    const rng = new Rng(3);
    const tally = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const v = randomStabilizerState(1, rng);
      // fix the global phase: first nonzero amplitude real positive
      const j = Math.abs(v[0]!) + Math.abs(v[1]!) > 1e-9 ? 0 : 2;
      const [pr, pi] = [v[j]!, v[j + 1]!];
      const r = Math.hypot(pr, pi);
      const key = [0, 2]
        .map(
          (k) =>
            `${((v[k]! * pr + v[k + 1]! * pi) / r).toFixed(3)},${((v[k + 1]! * pr - v[k]! * pi) / r).toFixed(3)}`,
        )
        .join(";");
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(tally.size).toBe(6);
    for (const c of tally.values()) expect(Math.abs(c - 1000)).toBeLessThan(130); // sd 29
  });

  it("estimates Bell-state observables and the fidelity without bias", () => {
    const shadow = classicalShadow(State.bell(), 3000, { seed: 4, ensemble: "clifford" });
    const zz = shadow.estimate("Z0 Z1");
    expect(Math.abs(zz.value - 1)).toBeLessThan(4 * zz.standardError);
    const xx = shadow.estimate("X0 X1 - Y0 Y1");
    expect(Math.abs(xx.value - 2)).toBeLessThan(4 * xx.standardError);
    expect(shadow.fidelity(State.bell())).toBeCloseTo(1, 1);
    expect(Math.abs(shadow.purity() - 1)).toBeLessThan(0.1);
    const psi = State.random(2, { seed: 8 });
    const H = Hamiltonian.fromString("0.4 X0 + 0.7 Z0 Y1 - 0.3 Y0 Y1");
    const e = classicalShadow(psi, 4000, { seed: 5, ensemble: "clifford" }).estimate(H);
    expect(Math.abs(e.value - H.expectation(psi))).toBeLessThan(4 * e.standardError);
  });
});

describe("density matrices", () => {
  it("Pauli and Clifford shadows of a random mixed state agree with its exact expectation and purity", () => {
    const rho = DensityMatrix.fromMatrix(randomDensityOperator(2, { seed: 6, rank: 2 }));
    const H = Hamiltonian.fromString("0.6 X0 Y1 - 0.8 Z0 + 0.5 Z0 Z1 + 0.3 Y0");
    const exact = rho.expecVal(H);
    const exactPurity = rho.purity()[0]!;
    for (const ensemble of ["pauli", "clifford"] as const) {
      const shadow = classicalShadow(rho, 6000, { seed: 8, ensemble });
      const e = shadow.estimate(H);
      expect(Math.abs(e.value - exact)).toBeLessThan(4 * e.standardError);
      expect(Math.abs(shadow.purity() - exactPurity)).toBeLessThan(0.06);
    }
    // a pure state as a density matrix: the same shadow as the state (same seed, same draws)
    const bell = State.bell();
    const viaDensity = classicalShadow(DensityMatrix.fromState(bell), 500, { seed: 2 }).expectation(
      "X0 X1 + Z0",
    );
    expect(viaDensity).toBeCloseTo(
      classicalShadow(bell, 500, { seed: 2 }).expectation("X0 X1 + Z0"),
      12,
    );
    expect(() => classicalShadow(DensityMatrix.zero(7), 1, { ensemble: "clifford" })).toThrow(
      /at most 6 qubits for a DensityMatrix, got 7/,
    );
  });
});

describe("statistics helpers", () => {
  it("median, median of means and the normal quantile", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(medianOfMeans([1, 2, 3, 100], 2)).toBe(26.5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
  });
});

describe("bad input", () => {
  it("names the argument, the value and what was expected", () => {
    const bell = State.bell();
    expect(() => classicalShadow(bell, 0)).toThrow(
      "classicalShadow: snapshots must be a positive integer, got 0",
    );
    expect(() => classicalShadow(bell, 2.5)).toThrow(
      /snapshots must be a positive integer, got 2.5/,
    );
    const shadow = classicalShadow(bell, 10, { seed: 1 });
    expect(() => shadow.expectation("Z0 Z2")).toThrow(
      "ClassicalShadow.expectation: the observable's term Z0 Z2 acts on qubit 2, outside the 2-qubit state",
    );
    expect(() => classicalShadow(bell, 10, { sampling: "lbcs" })).toThrow(
      /sampling "lbcs" needs the hamiltonian option/,
    );
    expect(() => classicalShadow(bell, 10, { sampling: "aps", hamiltonian: "Z5" })).toThrow(
      /acts on qubit 5/,
    );
    expect(() => classicalShadow(State.zero(11), 1, { ensemble: "clifford" })).toThrow(
      /at most 10 qubits for a State, got 11/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: a plain-JS mistake
    expect(() => classicalShadow(bell, 10, { ensemble: "haar" as any })).toThrow(
      /ensemble must be "pauli" or "clifford"/,
    );
    expect(() => shadow.estimate("Z0", { groups: 11 })).toThrow(
      /groups must be an integer in \[1, 10\]/,
    );
    expect(() => shadow.estimate("Z0", { confidence: 1 })).toThrow(
      /confidence must be in \(0, 1\), got 1/,
    );
    expect(() => shadow.fidelity(State.zero(3))).toThrow(
      /target must be a batch-1 State of 2 qubits/,
    );
    expect(() => shadow.purity([2])).toThrow(ArgumentError);
    expect(() => classicalShadow(bell, 1).purity()).toThrow(/at least 2 snapshots/);
  });
});
