import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError, ResourceError } from "../../../src/errors.js";
import { PAULI_X, PAULI_Y, PAULI_Z } from "../../../src/quantum/gates/table.js";
import {
  addMatrices,
  eighHermitian,
  identity,
  kron,
  maxAbsDiff,
  scaleMatrix,
} from "../../../src/quantum/linalg.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { State } from "../../../src/quantum/state/state.js";
import { Rng } from "../../../src/random.js";

const LETTER = { X: PAULI_X, Y: PAULI_Y, Z: PAULI_Z } as const;

/** The dense matrix by Kronecker products of 2x2 Paulis: an independent reference. */
function kronMatrix(h: Hamiltonian, n: number): Float64Array {
  let sum: Float64Array = new Float64Array(2 * 4 ** n);
  for (const t of h.terms) {
    let m: Float64Array | undefined;
    for (let q = 0; q < n; q++) {
      const j = t.qubits.indexOf(q);
      const f = j < 0 ? identity(2) : LETTER[t.letters[j]!];
      m = m ? kron(m, f) : f;
    }
    sum = addMatrices(sum, scaleMatrix(m!, [t.coefficient, 0]));
  }
  return sum;
}

function randomHamiltonian(n: number, nTerms: number, rng: Rng): Hamiltonian {
  const list: [number, string][] = [];
  for (let t = 0; t < nTerms; t++) {
    const parts: string[] = [];
    for (let q = 0; q < n; q++) {
      const r = rng.int(4);
      if (r < 3) parts.push(`${"XYZ"[r]}${q}`);
    }
    list.push([rng.uniformIn(-1, 1), parts.join(" ") || "I"]);
  }
  list.push([0.1, `Z${n - 1}`]);
  return new Hamiltonian(list);
}

describe("construction and text", () => {
  it("reads Paddle's list and text forms", () => {
    const a = new Hamiltonian([
      [0.5, "Z0, Z1"],
      [-0.3, "X2"],
      [0.1, "y3"],
    ]);
    const b = Hamiltonian.fromString("0.5 Z0 Z1 - 0.3 X2 + 0.1 Y3");
    expect(b.terms).toEqual(a.terms);
    expect(a.nQubits).toBe(4);
    expect(a.toList()).toEqual([
      [0.5, "Z0, Z1"],
      [-0.3, "X2"],
      [0.1, "Y3"],
    ]);
    expect(a.toString()).toBe("0.5 Z0 Z1 - 0.3 X2 + 0.1 Y3");
    const c = Hamiltonian.fromString("-1.5e-2 I + 2 * X0Y1 - Z1 + .5 + 3E1 Z0,Z2");
    expect(c.toList()).toEqual([
      [-0.015, "I"],
      [2, "X0, Y1"],
      [-1, "Z1"],
      [0.5, "I"],
      [30, "Z0, Z2"],
    ]);
    expect(Hamiltonian.fromString(c.toString()).terms).toEqual(c.terms);
    expect(new Hamiltonian([[1, "Z0"]], { nQubits: 3 }).nQubits).toBe(3);
  });

  it("reports malformed input", () => {
    expect(() => Hamiltonian.fromString("0.5 Z0 Z1 -")).toThrow(ParseError);
    expect(() => Hamiltonian.fromString("0.5 Z0 0.3 X1")).toThrow(/position 7/);
    expect(() => Hamiltonian.fromString("0.5 Q0")).toThrow(/position 4/);
    expect(() => Hamiltonian.fromString("")).toThrow(ParseError);
    expect(() => Hamiltonian.fromString("Z0 + X")).toThrow(/qubit index/);
    expect(() => new Hamiltonian([[Number.NaN, "Z0"]])).toThrow(/coefficient NaN/);
    expect(() => new Hamiltonian([[1, "Z0, Z0"]])).toThrow(ParseError);
    expect(() => new Hamiltonian([[1, 2]] as never)).toThrow(ArgumentError);
  });

  it("adds, subtracts, scales and compresses", () => {
    const h = Hamiltonian.fromString("Z0 + 0.5 X1");
    const g = h.add(Hamiltonian.fromString("Z0 - X1")).sub(1).scale(2).compress();
    expect(g.toList()).toEqual([
      [4, "Z0"],
      [-1, "X1"],
      [-2, "I"],
    ]);
    expect(h.sub(h).compress().nTerms).toBe(0);
    expect(h.sub(h).compress().toString()).toBe("0");
    expect(Hamiltonian.fromString("Z0 + 1e-15 X1").compress().nTerms).toBe(1);
    expect(() => h.scale(Number.NaN)).toThrow(ArgumentError);
  });
});

describe("matrices", () => {
  it("dense and sparse matrices equal the Kronecker-product reference", () => {
    const rng = new Rng(3);
    for (const n of [1, 2, 3, 4]) {
      const h = randomHamiltonian(n, 10, rng);
      const ref = kronMatrix(h, n);
      expect(maxAbsDiff(h.matrix(), ref)).toBeLessThan(1e-14);
      const sp = h.sparseMatrix();
      const dense = new Float64Array(ref.length);
      const d = 2 ** n;
      for (let r = 0; r < d; r++) {
        for (let e = sp.rowPtr[r]!; e < sp.rowPtr[r + 1]!; e++) {
          if (e > sp.rowPtr[r]!) expect(sp.colIdx[e]!).toBeGreaterThan(sp.colIdx[e - 1]!);
          dense[2 * (r * d + sp.colIdx[e]!)] = sp.values[2 * e]!;
          dense[2 * (r * d + sp.colIdx[e]!) + 1] = sp.values[2 * e + 1]!;
        }
      }
      expect(maxAbsDiff(dense, ref)).toBeLessThan(1e-14);
    }
  });

  it("refuses dense matrices beyond 14 qubits", () => {
    expect(() => Hamiltonian.fromString("Z15").matrix()).toThrow(ResourceError);
  });
});

describe("ground state", () => {
  it("Lanczos on the Pauli sum equals the dense eigensolver (n = 3..6)", () => {
    const rng = new Rng(17);
    for (const n of [3, 4, 5, 6]) {
      const h = randomHamiltonian(n, 3 * n, rng);
      const ref = eighHermitian(h.matrix()).values;
      const res = h.groundState({ seed: n, tol: 1e-10 });
      expect(Math.abs(res.energy - ref[0]!)).toBeLessThan(1e-9);
      expect(res.state).toBeInstanceOf(State);
      expect(res.state.nQubits).toBe(n);
      expect(res.state.expecVal(h)).toBeCloseTo(ref[0]!, 9);
      expect(res.residuals[0]!).toBeLessThan(1e-9 * Math.max(1, Math.abs(ref[0]!)));
    }
  });

  it("finds several levels of a generic Hamiltonian", () => {
    const rng = new Rng(19);
    const h = randomHamiltonian(5, 40, rng);
    const ref = eighHermitian(h.matrix()).values;
    const res = h.groundState({ k: 3, seed: 1 });
    for (let i = 0; i < 3; i++) expect(Math.abs(res.energies[i]! - ref[i]!)).toBeLessThan(1e-8);
    expect(res.states).toHaveLength(3);
  });

  it("finds degenerate levels with their multiplicity (locking)", () => {
    // Ising ring with a weak XX coupling: levels 4-6 are a triple (translation symmetry); a
    // single Krylov space (locking: false) sees that level fewer than three times
    const n = 8;
    const list: [number, string][] = [];
    for (let i = 0; i < n; i++)
      list.push([-1, `Z${i}, Z${(i + 1) % n}`], [0.2, `X${i}, X${(i + 1) % n}`]);
    const h = new Hamiltonian(list);
    const ref = eighHermitian(h.matrix()).values;
    expect(ref[5]! - ref[3]!).toBeLessThan(1e-10);
    const res = h.groundState({ k: 6, seed: 2 });
    for (let i = 0; i < 6; i++) expect(Math.abs(res.energies[i]! - ref[i]!)).toBeLessThan(1e-8);
    // the eigenvectors are orthonormal
    const ip = res.states[0]!.innerProduct(res.states[1]!);
    expect(Math.hypot(ip[0]!, ip[1]!)).toBeLessThan(1e-8);
  });

  it("the transverse-field Ising chain of 10 qubits matches the free-fermion energy", () => {
    // H = -sum Z_i Z_{i+1} - g sum X_i with periodic boundary: E0 = -sum_k eps_k,
    // eps_k = sqrt(1 + g^2 - 2 g cos k) over k = pi (2m + 1) / N (the even-parity sector).
    const n = 10;
    const g = 0.7;
    const list: [number, string][] = [];
    for (let i = 0; i < n; i++) list.push([-1, `Z${i}, Z${(i + 1) % n}`], [-g, `X${i}`]);
    const h = new Hamiltonian(list);
    let e0 = 0;
    for (let m = 0; m < n; m++) {
      const k = (Math.PI * (2 * m + 1)) / n;
      e0 -= Math.sqrt(1 + g * g - 2 * g * Math.cos(k));
    }
    const res = h.groundState({ seed: 3 });
    expect(res.energy).toBeCloseTo(e0, 8);
  });
});
