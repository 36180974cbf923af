/**
 * Lattices and spin models: bond lists of chains, rings and grids (open and periodic), and the
 * Heisenberg, XXZ and Ising Hamiltonians against exact results (two-site spectra, the 4-site
 * Heisenberg ring, the transverse-field Ising ring by its free-fermion solution).
 */
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/errors.js";
import {
  chainLattice,
  customLattice,
  gridLattice,
  ringLattice,
} from "../../../src/quantum/operators/lattice.js";
import {
  heisenberg,
  heisenbergXXZ,
  transverseFieldIsing,
} from "../../../src/quantum/operators/spin-models.js";

describe("lattices", () => {
  it("chains and rings list each nearest-neighbour bond once", () => {
    expect(chainLattice(4).edges).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(chainLattice(4, { periodic: true }).edges.length).toBe(4);
    expect(chainLattice(2, { periodic: true }).edges).toEqual([[0, 1]]); // no repeated bond
    expect(chainLattice(1).edges).toEqual([]);
    expect(ringLattice(5).edges.at(-1)).toEqual([4, 0]);
    expect(ringLattice(5).kind).toBe("ring");
  });

  it("grids number sites row by row and wrap each dimension on request", () => {
    const g = gridLattice(2, 3);
    expect(g.nSites).toBe(6);
    expect(g.edges.length).toBe(7); // 2 x 2 horizontal + 3 vertical
    expect(g.edges).toContainEqual([1, 4]);
    expect(gridLattice(3, 3).edges.length).toBe(12);
    expect(gridLattice(3, 3, { periodic: true }).edges.length).toBe(18); // a torus: 2 bonds per site
    expect(gridLattice(3, 4, { periodic: [false, true] }).edges.length).toBe(12 + 8);
    expect(gridLattice(2, 2, { periodic: true }).edges.length).toBe(4); // wraps would repeat bonds
    const degrees = new Array(9).fill(0);
    for (const [a, b] of gridLattice(3, 3, { periodic: true }).edges) {
      degrees[a]++;
      degrees[b]++;
    }
    expect(degrees).toEqual(new Array(9).fill(4));
  });

  it("rejects bad sizes, flags, edges and unknown options", () => {
    expect(() => chainLattice(0)).toThrow(ArgumentError);
    expect(() => ringLattice(2)).toThrow(/at least 3 sites/);
    expect(() => gridLattice(2, 1.5)).toThrow(ArgumentError);
    expect(() => gridLattice(2, 2, { periodic: "yes" as never })).toThrow(ArgumentError);
    expect(() => chainLattice(3, { wrap: true } as never)).toThrow(/valid options: periodic/);
    expect(() => customLattice(3, [[0, 3]])).toThrow(ArgumentError);
    expect(() => customLattice(3, [[0, 0]])).toThrow(ArgumentError);
    expect(() =>
      customLattice(3, [
        [0, 1],
        [1, 0],
      ]),
    ).toThrow(/twice/);
  });
});

describe("spin models", () => {
  it("heisenberg: the two-site XXX spectrum is {-3, 1, 1, 1}, the 4-site ring's ground energy -8", () => {
    const two = heisenberg(chainLattice(2));
    expect(two.nTerms).toBe(3);
    const { energies } = two.groundState({ k: 4, seed: 1 });
    expect(Array.from(energies).map((e) => Math.round(e * 1e9) / 1e9)).toEqual([-3, 1, 1, 1]);
    expect(heisenberg(ringLattice(4)).groundState({ seed: 1 }).energy).toBeCloseTo(-8, 9);
  });

  it("heisenberg orders terms bond by bond, then fields, and takes XYZ couplings", () => {
    const h = heisenberg(chainLattice(3), { J: [1, 0.5, 0.2], h: [0.1, 0, 0.3] });
    expect(h.toString()).toBe(
      "1 X0 X1 + 0.5 Y0 Y1 + 0.2 Z0 Z1 + 1 X1 X2 + 0.5 Y1 Y2 + 0.2 Z1 Z2 + 0.1 X0 + 0.3 Z0 + 0.1 X1 + 0.3 Z1 + 0.1 X2 + 0.3 Z2",
    );
    expect(heisenberg(chainLattice(2), { h: 0.5 }).toString()).toContain("0.5 Z0 + 0.5 Z1");
    expect(heisenberg(gridLattice(2, 2)).nQubits).toBe(4);
  });

  it("heisenbergXXZ: J (XX + YY + delta ZZ) + h Z", () => {
    const h = heisenbergXXZ(chainLattice(2), { J: 2, delta: 0.5, h: 0.3 });
    expect(h.toString()).toBe("2 X0 X1 + 2 Y0 Y1 + 1 Z0 Z1 + 0.3 Z0 + 0.3 Z1");
  });

  it("transverseFieldIsing: the ring's ground energy is the free-fermion sum -sum_k sqrt(J^2 + h^2 - 2 J h cos k)", () => {
    const n = 8;
    for (const [J, hx] of [
      [1, 0.7],
      [0.5, 1.3],
    ]) {
      let exact = 0;
      for (let m = 0; m < n; m++) {
        const k = ((2 * m + 1) * Math.PI) / n;
        exact -= Math.sqrt(J * J + hx * hx - 2 * J * hx * Math.cos(k));
      }
      const e = transverseFieldIsing(ringLattice(n), { J, h: hx }).groundState({ seed: 2 }).energy;
      expect(e).toBeCloseTo(exact, 8);
    }
    const mixed = transverseFieldIsing(chainLattice(2), { J: 1, h: 0.5, hz: 0.2 });
    expect(mixed.toString()).toBe("-1 Z0 Z1 - 0.5 X0 - 0.2 Z0 - 0.5 X1 - 0.2 Z1");
  });

  it("rejects bad couplings, lattices and unknown options", () => {
    expect(() => heisenberg(chainLattice(2), { J: [1, 2] as never })).toThrow(ArgumentError);
    expect(() => heisenberg(chainLattice(2), { J: Number.NaN })).toThrow(/finite/);
    expect(() => heisenberg({ edges: [] } as never)).toThrow(/lattice must be a Lattice/);
    expect(() => transverseFieldIsing(3, { g: 1 } as never)).toThrow(
      /unknown option 'g'(?: \(did you mean '[^']+'\?\))?; valid options: J, h, hz/,
    );
    expect(() => heisenbergXXZ(3, { Jz: 1 } as never)).toThrow(/valid options: J, delta, h/);
  });
});
