import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../src/errors.js";
import {
  concurrence,
  isPpt,
  logarithmicNegativity,
  type MatrixOrState,
  negativity,
  pureDensity,
  purity,
  randomDensityOperator,
  randomStateVector,
  reducedState,
  relativeEntropy,
  stateFidelity,
  traceDistance,
  vonNeumannEntropy,
} from "../../src/qinfo/index.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { fromRows, identity, kron } from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";

const mixed = (n: number): Float64Array => identity(2 ** n).map((x) => x / 2 ** n);
/** p |phi+><phi+| + (1 - p) I/4: entangled iff p > 1/3. */
function werner(p: number): Float64Array {
  const bell = pureDensity(State.bell().toArray());
  const m = mixed(2);
  return bell.map((x, i) => p * x + (1 - p) * m[i]!);
}

describe("entropy and purity", () => {
  it("one qubit of a Bell pair carries 1 bit; pure states 0; I/d has log2 d", () => {
    expect(vonNeumannEntropy(reducedState(State.bell(), [0]).data).item()).toBeCloseTo(1, 12);
    expect(
      vonNeumannEntropy(reducedState(State.bell(), [1]).data, { base: Math.E }).item(),
    ).toBeCloseTo(Math.LN2, 12);
    expect(vonNeumannEntropy(State.random(3, { seed: 1 })).item()).toBeLessThan(1e-6);
    expect(vonNeumannEntropy(mixed(3)).item()).toBeCloseTo(3, 12);
    expect(() => vonNeumannEntropy(mixed(1), { base: 1 }).item()).toThrow(ArgumentError);
  });

  it("purity: 1/d for the maximally mixed state, 1 for pure, tr(rho^2) of a diagonal", () => {
    for (const n of [1, 2, 3]) expect(purity(mixed(n)).item()).toBeCloseTo(1 / 2 ** n, 14);
    expect(purity(State.random(2, { seed: 4 })).item()).toBeCloseTo(1, 12);
    const diag = fromRows([
      [0.7, 0],
      [0, 0.3],
    ]);
    expect(purity(diag).item()).toBeCloseTo(0.58, 14);
  });

  it("entropy of a diagonal state is the Shannon entropy, and is unitarily invariant", () => {
    const p = [0.5, 0.25, 0.125, 0.125];
    const diag = fromRows(p.map((v, i) => p.map((_, j) => (i === j ? v : 0))));
    expect(vonNeumannEntropy(diag).item()).toBeCloseTo(1.75, 12);
  });

  it("relative entropy: S(rho || I/d) = log2 d - S(rho); 0 for equal states; infinite off support", () => {
    const rho = randomDensityOperator(2, { seed: 5 });
    expect(relativeEntropy(rho, mixed(2)).item()).toBeCloseTo(
      2 - vonNeumannEntropy(rho).item(),
      10,
    );
    expect(relativeEntropy(rho, rho).item()).toBeLessThan(1e-10);
    const zero = pureDensity(State.basis(1, 0).toArray());
    const one = pureDensity(State.basis(1, 1).toArray());
    expect(relativeEntropy(zero, one).item()).toBe(Number.POSITIVE_INFINITY);
    // classical case: D(p || q) for commuting diagonals
    const a = fromRows([
      [0.8, 0],
      [0, 0.2],
    ]);
    const b = fromRows([
      [0.5, 0],
      [0, 0.5],
    ]);
    expect(relativeEntropy(a, b).item()).toBeCloseTo(
      0.8 * Math.log2(1.6) + 0.2 * Math.log2(0.4),
      12,
    );
  });
});

describe("entanglement", () => {
  it("Bell state: negativity 0.5, log negativity 1, concurrence 1, not PPT", () => {
    for (const k of ["phi+", "phi-", "psi+", "psi-"] as const) {
      const s = State.bell(k);
      expect(negativity(s).item()).toBeCloseTo(0.5, 12);
      expect(logarithmicNegativity(s).item()).toBeCloseTo(1, 12);
      expect(concurrence(s).item()).toBeCloseTo(1, 7);
      expect(isPpt(s)).toBe(false);
    }
  });

  it("product states: 0 for every measure, PPT", () => {
    const prod = kron(randomDensityOperator(1, { seed: 1 }), randomDensityOperator(1, { seed: 2 }));
    expect(negativity(prod).item()).toBeLessThan(1e-12);
    expect(logarithmicNegativity(prod).item()).toBeLessThan(1e-12);
    expect(concurrence(prod).item()).toBeLessThan(1e-6);
    expect(isPpt(prod)).toBe(true);
  });

  it("Werner states: concurrence max(0, (3p - 1)/2), negativity max(0, (3p - 1)/4)", () => {
    for (const p of [0.1, 0.3, 0.5, 0.8, 1]) {
      const rho = werner(p);
      expect(concurrence(rho).item()).toBeCloseTo(Math.max(0, (3 * p - 1) / 2), 6);
      expect(negativity(rho).item()).toBeCloseTo(Math.max(0, (3 * p - 1) / 4), 10);
      expect(isPpt(rho)).toBe(p <= 1 / 3);
    }
  });

  it("pure two-qubit states: concurrence = 2|ad - bc|, negativity = C/2", () => {
    const v = randomStateVector(2, { seed: 11 });
    const [ar, ai, br, bi, cr, ci, dr, di] = v;
    const re = ar! * dr! - ai! * di! - (br! * cr! - bi! * ci!);
    const im = ar! * di! + ai! * dr! - (br! * ci! + bi! * cr!);
    const c = 2 * Math.hypot(re, im);
    const s = State.fromAmplitudes(v);
    expect(concurrence(s).item()).toBeCloseTo(c, 6);
    expect(negativity(s).item()).toBeCloseTo(c / 2, 10);
  });

  it("GHZ over a 1|2 cut has negativity 0.5, with qubitsB chosen freely", () => {
    expect(negativity(State.ghz(3), { qubitsB: [0] }).item()).toBeCloseTo(0.5, 12);
    expect(negativity(State.ghz(3), { qubitsB: [1, 2] }).item()).toBeCloseTo(0.5, 12);
    expect(() => negativity(State.ghz(3), { qubitsB: [0, 1, 2] }).item()).toThrow(ArgumentError);
    expect(() => concurrence(State.ghz(3)).item()).toThrow(ShapeError);
  });
});

describe("fidelity and trace distance", () => {
  const F = (a: MatrixOrState, b: MatrixOrState): number => stateFidelity(a, b).item();
  const T = (a: MatrixOrState, b: MatrixOrState): number => traceDistance(a, b).item();

  it("orthogonal states: F = 0, T = 1; identical: F = 1, T = 0", () => {
    const a = State.basis(2, 1);
    const b = State.basis(2, 2);
    expect(F(a, b)).toBe(0);
    expect(F(pureDensity(a.toArray()), pureDensity(b.toArray()))).toBeLessThan(1e-7);
    expect(T(a, b)).toBeCloseTo(1, 12);
    const rho = randomDensityOperator(2, { seed: 3 });
    expect(F(rho, rho)).toBeCloseTo(1, 10);
    expect(T(rho, rho)).toBe(0);
  });

  it("pure states: F = |<psi|phi>| (the root convention) on both paths; an old convention option is refused", () => {
    const psi = State.random(2, { seed: 1 });
    const phi = State.random(2, { seed: 2 });
    const ip = psi.innerProduct(phi);
    const overlap = Math.hypot(ip[0]!, ip[1]!);
    expect(F(psi, phi)).toBeCloseTo(overlap, 12);
    // the matrix path agrees with the pure-state path
    const rho = pureDensity(psi.toArray());
    expect(F(rho, phi)).toBeCloseTo(overlap, 7);
    expect(() => stateFidelity(psi, phi, { convention: "squared" } as never)).toThrow(
      /unknown option 'convention'; valid options: densityTol/,
    );
  });

  it("commuting states: F = sum sqrt(p_i q_i) (Bhattacharyya), T = total variation", () => {
    const p = [0.6, 0.3, 0.1, 0];
    const q = [0.25, 0.25, 0.25, 0.25];
    const diag = (v: number[]) => fromRows(v.map((x, i) => v.map((_, j) => (i === j ? x : 0))));
    const f = p.reduce((s, pi, i) => s + Math.sqrt(pi * q[i]!), 0);
    const t = 0.5 * p.reduce((s, pi, i) => s + Math.abs(pi - q[i]!), 0);
    expect(F(diag(p), diag(q))).toBeCloseTo(f, 10);
    expect(T(diag(p), diag(q))).toBeCloseTo(t, 12);
  });

  it("Fuchs-van de Graaf: 1 - F <= T <= sqrt(1 - F^2) on random mixed states; symmetric", () => {
    for (let s = 0; s < 20; s++) {
      const rho = randomDensityOperator(2, { seed: 100 + s, rank: 1 + (s % 4) });
      const sigma = randomDensityOperator(2, { seed: 200 + s });
      const f = F(rho, sigma);
      const t = T(rho, sigma);
      expect(1 - f).toBeLessThanOrEqual(t + 1e-9);
      expect(t).toBeLessThanOrEqual(Math.sqrt(1 - f * f) + 1e-9);
      expect(F(sigma, rho)).toBeCloseTo(f, 7);
    }
  });

  it("pure states saturate the upper bound: T = sqrt(1 - |<psi|phi>|^2)", () => {
    const psi = State.random(3, { seed: 5 });
    const phi = State.random(3, { seed: 6 });
    expect(T(psi, phi)).toBeCloseTo(Math.sqrt(1 - F(psi, phi) ** 2), 10);
  });

  it("checks dimensions", () => {
    expect(() => traceDistance(mixed(1), mixed(2))).toThrow(/sigma/);
    expect(() => stateFidelity(mixed(1), mixed(2))).toThrow(ShapeError);
    // a batch of states against one matrix: one value per element, each the unbatched value
    const batch = State.random(2, { seed: 1, batch: 2 });
    const both = stateFidelity(batch, mixed(2));
    expect(both.shape).toEqual([2]);
    expect(both.data[1]).toBeCloseTo(
      stateFidelity(State.fromAmplitudes(batch.toArray().slice(8)), mixed(2)).item(),
      12,
    );
    expect(() =>
      stateFidelity(batch, DensityMatrix.fromState(State.random(2, { seed: 3, batch: 3 }))),
    ).toThrow(/batch/);
  });
});
