import { describe, expect, it } from "vitest";
import {
  choiToKraus,
  krausToChoi,
  negativity,
  pureDensity,
  reducedState,
  stateFidelity,
  vonNeumannEntropy,
} from "../../src/qinfo/index.js";
import { DensityMatrix } from "../../src/quantum/density/density.js";
import { fromRows, identity, maxAbsDiff } from "../../src/quantum/linalg.js";
import { State } from "../../src/quantum/state/state.js";

describe("inputs other than plain matrices", () => {
  it("DensityMatrix objects are read like their matrices", () => {
    const bell = State.bell();
    const rho = DensityMatrix.fromState(bell);
    expect(stateFidelity(rho, bell).item()).toBeCloseTo(1, 7);
    expect(negativity(rho).item()).toBeCloseTo(0.5, 12);
    expect(
      maxAbsDiff(reducedState(rho, [0]).data, reducedState(pureDensity(bell.toArray()), [0]).data),
    ).toBe(0);
    expect(vonNeumannEntropy(reducedState(rho, [1]).data).item()).toBeCloseTo(1, 12);
  });

  it("channel representation conversions are re-exported (Kraus -> Choi -> Kraus)", () => {
    const p = 0.3;
    const k0 = identity(2).map((v) => v * Math.sqrt(1 - p));
    const k1 = fromRows([
      [0, Math.sqrt(p)],
      [Math.sqrt(p), 0],
    ]);
    const choi = krausToChoi([k0, k1]);
    expect(maxAbsDiff(krausToChoi(choiToKraus(choi)), choi)).toBeLessThan(1e-12);
  });
});
