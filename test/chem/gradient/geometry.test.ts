import { describe, expect, it } from "vitest";
import {
  coordinatesOf,
  nuclearRepulsionGradient,
  withCoordinates,
} from "../../../src/chem/gradient/geometry.js";
import { lindhHessian } from "../../../src/chem/gradient/model-hessian.js";
import { eigh } from "../../../src/chem/linalg.js";
import { Molecule } from "../../../src/chem/molecule.js";

describe("geometry helpers", () => {
  it("coordinatesOf and withCoordinates round-trip and keep charge, multiplicity and basis", () => {
    const mol = Molecule.fromName("ch2", { basis: "6-31g" });
    const x = coordinatesOf(mol);
    const moved = withCoordinates(
      mol,
      x.map((v) => v + 0.1),
    );
    expect([...coordinatesOf(moved)]).toEqual([...x].map((v) => v + 0.1));
    expect([moved.multiplicity, moved.charge, moved.basis]).toEqual([3, 0, "6-31g"]);
    expect(() => withCoordinates(mol, [1, 2])).toThrow(/9 finite coordinates/);
    expect(() =>
      withCoordinates(
        mol,
        x.map(() => Number.NaN),
      ),
    ).toThrow(/finite/);
    expect(() => coordinatesOf("h2o" as never)).toThrow(/expected a Molecule/);
  });

  it("the nuclear repulsion gradient matches central differences of the repulsion", () => {
    const mol = Molecule.fromGeometry(
      "N 0.1 0 0.2; H 0.9 0.3 -0.2; H -0.5 0.8 -0.1; H -0.3 -0.9 0",
    );
    const g = nuclearRepulsionGradient(mol);
    const x = coordinatesOf(mol);
    const h = 1e-5;
    for (let i = 0; i < x.length; i++) {
      const p = x.slice();
      const m = x.slice();
      p[i]! += h;
      m[i]! -= h;
      const fd =
        (withCoordinates(mol, p).nuclearRepulsion() - withCoordinates(mol, m).nuclearRepulsion()) /
        (2 * h);
      expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-7);
    }
  });

  it("Lindh's model Hessian is symmetric, positive semidefinite and zero along translations", () => {
    const mol = Molecule.fromName("h2o");
    const H = lindhHessian(mol);
    const n = 9;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(H[i * n + j]).toBeCloseTo(H[j * n + i]!, 14);
    for (let axis = 0; axis < 3; axis++) {
      const t = new Float64Array(n);
      for (let a = 0; a < 3; a++) t[3 * a + axis] = 1;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j]! * t[j]!;
        expect(Math.abs(v)).toBeLessThan(1e-12);
      }
    }
    const { values } = eigh(H, n);
    for (const v of values) expect(v).toBeGreaterThan(-1e-12);
    // three stretches and a bend of a bent triatomic (plus small distant-pair terms)
    expect(values.filter((v) => v > 1e-3).length).toBeGreaterThanOrEqual(3);
  });
});
