import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import {
  concurrence,
  isPpt,
  logarithmicNegativity,
  type MatrixOrState,
  mutualInformation,
  negativity,
  partialTrace,
  partialTraceContiguous,
  permuteSystems,
  purity,
  reducedState,
  relativeEntropy,
  renyiEntropy,
  stateFidelity,
  stateFidelitySquared,
  traceDistance,
  vonNeumannEntropy,
} from "../../src/qinfo/index.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { fromRows, identity } from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";
import { fromData } from "../../src/tensor/index.js";

const valid = identity(4).map((x) => x / 4);
const diag = (...p: number[]) => fromRows(p.map((x, i) => p.map((_, j) => (i === j ? x : 0))));

/** Every qinfo function that takes a density matrix, called with `rho` in its checked slot. */
const FUNCTIONS: [string, (rho: MatrixOrState, densityTol?: number) => unknown][] = [
  ["purity", (r, t) => purity(r, { densityTol: t }).item()],
  ["vonNeumannEntropy", (r, t) => vonNeumannEntropy(r, { densityTol: t }).item()],
  ["relativeEntropy", (r, t) => relativeEntropy(r, valid, { densityTol: t }).item()],
  ["stateFidelity", (r, t) => stateFidelity(r, valid, { densityTol: t })],
  ["traceDistance", (r, t) => traceDistance(valid, r, { densityTol: t })],
  ["negativity", (r, t) => negativity(r, { densityTol: t }).item()],
  ["logarithmicNegativity", (r, t) => logarithmicNegativity(r, { densityTol: t }).item()],
  ["isPpt", (r, t) => isPpt(r, { densityTol: t })],
  ["concurrence", (r, t) => concurrence(r, { densityTol: t }).item()],
  ["partialTrace", (r, t) => partialTrace(r, [1], { densityTol: t }).data],
  ["reducedState", (r, t) => reducedState(r, [0], { densityTol: t }).data],
  [
    "partialTraceContiguous",
    (r, t) => partialTraceContiguous(r, 2, 2, "B", { densityTol: t }).data,
  ],
  ["renyiEntropy", (r, t) => renyiEntropy(r, 2, { densityTol: t }).item()],
  ["mutualInformation", (r, t) => mutualInformation(r, [0], { densityTol: t }).item()],
  ["stateFidelitySquared", (r, t) => stateFidelitySquared(r, valid, { densityTol: t })],
  ["permuteSystems", (r, t) => permuteSystems(r, [1, 0], { densityTol: t }).data],
];

describe("qinfo validates density-matrix inputs (trace, Hermiticity, positivity)", () => {
  it.each(FUNCTIONS)(
    "%s: a matrix of trace 2 is refused, naming the check and the amount",
    (name, f) => {
      const arg = name === "traceDistance" ? "sigma" : "rho";
      expect(() => f(diag(1, 0.5, 0.5, 0))).toThrow(ArgumentError);
      expect(() => f(diag(1, 0.5, 0.5, 0))).toThrow(
        `${name}: ${arg} has trace 2 (expected 1 within 1e-8)`,
      );
    },
  );

  it.each(FUNCTIONS)(
    "%s: a non-Hermitian matrix is refused with the largest deviation",
    (_name, f) => {
      const m = Float64Array.from(valid);
      m[2 * 1] = 0.25; // rho[0][1] = 0.25, rho[1][0] = 0
      expect(() => f(m)).toThrow(
        /is not Hermitian: \w+\[0\]\[1\] and conj\(\w+\[1\]\[0\]\) differ by 0\.25/,
      );
    },
  );

  it.each(FUNCTIONS)(
    "%s: a matrix with a negative eigenvalue is refused with its value",
    (_name, f) => {
      expect(() => f(diag(0.75, 0.5, 0, -0.25))).toThrow(
        /is not positive semidefinite: its smallest eigenvalue is -0\.25 \(expected >= -1e-8\)/,
      );
      // tensors are raw input too
      expect(() => f(fromData(diag(0.75, 0.5, 0, -0.25), [4, 4], "complex128"))).toThrow(
        /smallest eigenvalue is -0\.25/,
      );
    },
  );

  it.each(FUNCTIONS)(
    "%s: densityTol widens the checks; valid and object inputs pass",
    (_name, f) => {
      const nearly = diag(0.25 + 1e-6, 0.25, 0.25, 0.25);
      expect(() => f(nearly)).toThrow(/trace 1.000001 \(expected 1 within 1e-8\)/);
      expect(() => f(nearly, 1e-5)).not.toThrow();
      expect(() => f(valid)).not.toThrow();
      // a pure state with rounding-level negative eigenvalues is fine
      expect(() => f(DensityMatrix.fromState(State.bell()).matrix())).not.toThrow();
      expect(() => f(State.bell())).not.toThrow();
      expect(() => f(DensityMatrix.completelyMixed(2))).not.toThrow();
    },
  );

  it("non-finite entries and a bad tolerance are refused", () => {
    const m = Float64Array.from(valid);
    m[0] = Number.NaN;
    expect(() => purity(m).item()).toThrow(/purity: rho has a non-finite entry NaN at \(0, 0\)/);
    expect(() => purity(valid, { densityTol: -1 }).item()).toThrow(
      /densityTol must be a non-negative/,
    );
  });

  it("the results on valid input are unchanged (purity, entropy of I/4)", () => {
    expect(purity(valid).item()).toBeCloseTo(0.25, 14);
    expect(vonNeumannEntropy(valid).item()).toBeCloseTo(2, 12);
  });
});

describe("qinfo refuses bad shapes and subsystems", () => {
  it("non-square, non-power-of-two matrices and subsystems out of range name the check", () => {
    const tensor3 = fromData(
      identity(3).map((x) => x / 3),
      [3, 3],
      "complex128",
    );
    expect(() => reducedState(tensor3, [0])).toThrow(/dimension 3 is not 2\^n/);
    expect(() => negativity(tensor3)).toThrow(/dimension 3 is not 2\^n/);
    expect(() => purity(fromData(new Float64Array(12), [2, 3], "complex128"))).toThrow(
      /square \[d, d\] or \[batch, d, d\] tensor, got shape \[2, 3\]/,
    );
    expect(() => partialTrace(valid, [2])).toThrow(/qubit 2 out of range \[0, 1\]/);
    expect(() => mutualInformation(valid, [0, 1])).toThrow(/proper non-empty subset/);
    expect(() => renyiEntropy(valid, -1)).toThrow(/alpha must be a finite number > 0/);
    // a batch with one bad element names its index
    const batch = fromData(
      Float64Array.of(...valid, ...diag(1, 0.5, 0.5, 0)),
      [2, 4, 4],
      "complex128",
    );
    expect(() => purity(batch)).toThrow("purity: rho[1] has trace 2 (expected 1 within 1e-8)");
  });
});
