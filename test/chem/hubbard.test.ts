/**
 * Fermi-Hubbard: the two-site model's half-filled ground energy -U/2 - sqrt(U^2 + 16 t^2)/2 at
 * mu = U/2, the same spectrum under every mapping, and the hopping term's Jordan-Wigner form.
 */
import { describe, expect, it } from "vitest";
import { fermiHubbard, fermiHubbardOperator } from "../../src/chem/hubbard.js";
import { ArgumentError } from "../../src/errors.js";
import { chainLattice, gridLattice } from "../../src/quantum/operators/lattice.js";

describe("fermiHubbard", () => {
  it("has the two-site ground energy -U/2 - sqrt(U^2 + 16 t^2)/2 at half filling (mu = U/2)", () => {
    for (const [t, U] of [
      [1, 4],
      [0.5, 1],
    ]) {
      const exact = -U / 2 - Math.sqrt(U * U + 16 * t * t) / 2;
      for (const mapping of ["jordan-wigner", "bravyi-kitaev", "parity"] as const) {
        const H = fermiHubbard(chainLattice(2), { t, U, mu: U / 2, mapping });
        expect(H.nQubits).toBe(4);
        expect(H.groundState({ seed: 1 }).energy).toBeCloseTo(exact, 9);
      }
    }
  });

  it("maps the hopping a+_0 a_2 + a+_2 a_0 (spin up of sites 0 and 1) to -(t/2) (X0 Z1 X2 + Y0 Z1 Y2)", () => {
    const H = fermiHubbard(chainLattice(2), { t: 1, U: 0 });
    const list = new Map(H.toList().map(([c, p]) => [p, c]));
    expect(list.get("X0, Z1, X2")).toBeCloseTo(-0.5, 14);
    expect(list.get("Y0, Z1, Y2")).toBeCloseTo(-0.5, 14);
    expect(list.get("X1, Z2, X3")).toBeCloseTo(-0.5, 14);
  });

  it("builds the fermion operator on 2 nSites modes, Hermitian, on any lattice", () => {
    const op = fermiHubbardOperator(gridLattice(2, 2), { t: 1, U: 2, mu: 0.5 });
    expect(op.nModes).toBe(8);
    expect(op.isHermitian()).toBe(true);
    // 4 bonds x 2 spins x 2 directions + 4 sites x (1 U + 2 mu)
    expect(op.nTerms).toBe(16 + 12);
  });

  it("rejects bad parameters, mappings and unknown options", () => {
    expect(() => fermiHubbard(2, { U: Number.NaN })).toThrow(/finite/);
    expect(() => fermiHubbard(2, { mapping: "bk" as never })).toThrow(ArgumentError);
    expect(() => fermiHubbard(2, { hopping: 1 } as never)).toThrow(
      /unknown option 'hopping'(?: \(did you mean '[^']+'\?\))?; valid options: t, U, mu, mapping/,
    );
  });
});
