/**
 * The gate table at huge angles: Math.cos/sin reduce any double exactly, so a gate stays unitary
 * at any angle as long as no two angles are added before the cos/sin (e^{i(p+l)} must be built
 * as e^{ip} e^{il}; the rounded sum p + l is off by up to 0.06 rad at 1e15).
 */
import { describe, expect, it } from "vitest";
import {
  factorProduct,
  GATES,
  type GateEntry,
  getGate,
  globalPhaseFactor,
  pauliRotationGate,
} from "../../../src/quantum/gates/table.js";
import {
  controlledMatrix,
  dagger,
  expandOperator,
  fromRows,
  identity,
  matmul,
  maxAbsDiff,
  scaleMatrix,
} from "../../../src/quantum/linalg.js";
import { Rng } from "../../../src/random.js";

const MAGNITUDES = [1e3, 1e8, 1e12, 1e15];

/** Angles of about `magnitude`, sizes spread over two decades (so their sums need rounding). */
function hugeAngles(rng: Rng, k: number, magnitude: number): number[] {
  return Array.from(
    { length: k },
    () => (rng.uniform() < 0.5 ? -1 : 1) * magnitude * 10 ** -rng.uniformIn(0, 2),
  );
}

const label = (g: GateEntry): string =>
  `${g.name}${g.pauliRotation ? `(${g.pauliRotation.join("")})` : ""}`;

const PARAMETRIC = [...GATES, pauliRotationGate("XYZ")].filter((g) => g.nParams > 0);

describe("gate table at angles up to 1e15", () => {
  const rng = new Rng(1e15);
  for (const g of PARAMETRIC) {
    it(`${label(g)}: U U^dagger = I to 1e-14 entrywise at angles of 1e3, 1e8, 1e12 and 1e15`, () => {
      const eye = identity(2 ** g.nQubits);
      for (const magnitude of MAGNITUDES) {
        for (let trial = 0; trial < 5; trial++) {
          const t = hugeAngles(rng, g.nParams, magnitude);
          const u = g.matrix(t);
          expect(maxAbsDiff(matmul(u, dagger(u)), eye), `${label(g)} at ${t}`).toBeLessThan(1e-14);
        }
      }
    });
  }

  for (const g of PARAMETRIC.filter((e) => e.factors !== undefined)) {
    it(`${label(g)}: its factors and global phase still multiply to its matrix at 1e15`, () => {
      for (const magnitude of MAGNITUDES) {
        const t = hugeAngles(rng, g.nParams, magnitude);
        const product = factorProduct(g.nQubits, g.factors!, g.globalPhase, t);
        expect(maxAbsDiff(product, g.matrix(t)), `${label(g)} at ${t}`).toBeLessThan(1e-13);
      }
    });
  }

  it("globalPhaseFactor(phase, t) = e^{i phase(t)} with each angle reduced on its own", () => {
    const phase = { coefficients: [0, 0.5, 0.5], offset: 0.25 };
    // moderate angles: the plain formula
    const [re, im] = globalPhaseFactor(phase, [0.3, 1.1, -2.5]);
    expect(re).toBeCloseTo(Math.cos(0.25 + 0.55 - 1.25), 15);
    expect(im).toBeCloseTo(Math.sin(0.25 + 0.55 - 1.25), 15);
    // t = -p: the two halves cancel exactly, whatever the size (the rounded sum need not be 0.25)
    const [hr, hi] = globalPhaseFactor(phase, [0, 1e15 + 0.5, -(1e15 + 0.5)]);
    expect(Math.abs(hr - Math.cos(0.25))).toBeLessThan(1e-15);
    expect(Math.abs(hi - Math.sin(0.25))).toBeLessThan(1e-15);
  });
});

describe("gate table: the defining formulas at moderate angles", () => {
  const rng = new Rng(7);
  const moderate = (k: number): number[] =>
    Array.from({ length: k }, () => rng.uniformIn(-2 * Math.PI, 2 * Math.PI));
  const expi = (a: number): [number, number] => [Math.cos(a), Math.sin(a)];
  /** Paddle's U3 written out with e^{i(p+l)} from the sum (exact enough at these sizes). */
  const u3Formula = (t: number, p: number, l: number): Float64Array => {
    const c = Math.cos(t / 2);
    const s = Math.sin(t / 2);
    const [lr, li] = expi(l);
    const [pr, pi] = expi(p);
    const [qr, qi] = expi(p + l);
    return fromRows([
      [
        [c, 0],
        [-s * lr, -s * li],
      ],
      [
        [s * pr, s * pi],
        [c * qr, c * qi],
      ],
    ]);
  };

  it("U3(t, p, l) = [[cos t/2, -e^{il} sin t/2], [e^{ip} sin t/2, e^{i(p+l)} cos t/2]]", () => {
    for (let trial = 0; trial < 20; trial++) {
      const [t, p, l] = moderate(3) as [number, number, number];
      expect(maxAbsDiff(getGate("u3").matrix([t, p, l]), u3Formula(t, p, l))).toBeLessThan(1e-15);
    }
  });

  it("CU(t, p, l) = controlled U3 by the same formula", () => {
    for (let trial = 0; trial < 20; trial++) {
      const [t, p, l] = moderate(3) as [number, number, number];
      const ref = controlledMatrix(u3Formula(t, p, l), 1);
      expect(maxAbsDiff(getGate("cu").matrix([t, p, l]), ref)).toBeLessThan(1e-15);
    }
  });

  it("factored gates equal e^{i sum_j c_j t_j} times their factors, the phase summed plainly", () => {
    for (const g of GATES.filter((e) => e.factors !== undefined)) {
      const t = moderate(g.nParams);
      let u = identity(2 ** g.nQubits);
      for (const f of g.factors!) {
        const a = f.param === undefined ? [] : [f.scale * t[f.param]! + f.offset];
        u = matmul(expandOperator(f.gate.matrix(a), f.qubits, g.nQubits), u);
      }
      let phi = g.globalPhase?.offset ?? 0;
      g.globalPhase?.coefficients.forEach((c, j) => {
        phi += c * t[j]!;
      });
      u = scaleMatrix(u, expi(phi));
      expect(maxAbsDiff(u, g.matrix(t)), g.name).toBeLessThan(1e-13);
    }
  });
});
