import { describe, expect, it } from "vitest";
import {
  decodeColoring,
  decodeTour,
  graphColoringHamiltonian,
  maxCutHamiltonian,
  quboHamiltonian,
  tspHamiltonian,
} from "../../../src/algorithms/qaoa/ising.js";
import { ArgumentError } from "../../../src/errors.js";
import type { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";

/** The diagonal of H from its dense matrix (a second route, not the builders' own arithmetic). */
function diagonal(H: Hamiltonian): number[] {
  const m = H.matrix();
  const d = 2 ** H.nQubits;
  return Array.from({ length: d }, (_, i) => m[2 * (i * d + i)]!);
}
const bitsOf = (i: number, n: number) => [...i.toString(2).padStart(n, "0")].map(Number);

function permutations(xs: number[]): number[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

describe("Ising / QUBO builders", () => {
  it("quboHamiltonian's diagonal is x^T Q x + offset at every bitstring", () => {
    const Q = [
      [1.5, -2, 0.25],
      [0.5, -1, 3],
      [-1, 0, 0.75],
    ];
    const d = diagonal(quboHamiltonian(Q, 0.4));
    for (let i = 0; i < 8; i++) {
      const x = bitsOf(i, 3);
      let v = 0.4;
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) v += Q[a]![b]! * x[a]! * x[b]!;
      expect(d[i]!).toBeCloseTo(v, 12);
    }
  });

  it("maxCutHamiltonian: -cut weight on the diagonal (weighted graphs)", () => {
    const edges: [number, number, number][] = [
      [0, 1, 2],
      [1, 2, 0.5],
      [0, 3, 1],
    ];
    const d = diagonal(maxCutHamiltonian(edges));
    for (let i = 0; i < 16; i++) {
      const x = bitsOf(i, 4);
      const cut = edges.reduce((s, [a, b, w]) => s + (x[a] !== x[b] ? w : 0), 0);
      expect(d[i]!).toBeCloseTo(-cut, 12);
    }
  });

  it("tspHamiltonian: the lowest-cost bitstring decodes to the shortest tour (brute force over tours)", () => {
    const D = [
      [0, 3, 4, 2],
      [3, 0, 1, 5],
      [4, 1, 0, 3],
      [2, 5, 3, 0],
    ];
    const H = tspHamiltonian(D);
    expect(H.nQubits).toBe(9);
    const d = diagonal(H);
    const length = (t: number[]) => t.reduce((s, c, k) => s + D[c]![t[(k + 1) % t.length]!]!, 0);
    let bestTour = Number.POSITIVE_INFINITY;
    for (const p of permutations([0, 1, 2])) bestTour = Math.min(bestTour, length([...p, 3]));
    let pick = 0;
    for (let i = 1; i < d.length; i++) if (d[i]! < d[pick]!) pick = i;
    const tour = decodeTour(pick.toString(2).padStart(9, "0"), 4)!;
    expect(length(tour)).toBe(bestTour);
    expect(d[pick]!).toBeCloseTo(bestTour, 10);
    // every feasible bitstring costs exactly its tour length
    for (let i = 0; i < d.length; i++) {
      const t = decodeTour(i.toString(2).padStart(9, "0"), 4);
      if (t !== undefined) expect(d[i]!).toBeCloseTo(length(t), 10);
      else expect(d[i]!).toBeGreaterThan(bestTour);
    }
  });

  it("graphColoringHamiltonian: 0 exactly on proper colourings", () => {
    const triangle: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 0],
    ];
    const d3 = diagonal(graphColoringHamiltonian(triangle, 3));
    let zeros = 0;
    d3.forEach((v, i) => {
      const colors = decodeColoring(i.toString(2).padStart(9, "0"), 3);
      const proper = colors !== undefined && triangle.every(([a, b]) => colors[a] !== colors[b]);
      if (proper) {
        zeros++;
        expect(v).toBeCloseTo(0, 12);
      } else expect(v).toBeGreaterThan(0.5);
    });
    expect(zeros).toBe(6); // 3! proper colourings of a triangle
    // a triangle cannot be 2-coloured
    expect(Math.min(...diagonal(graphColoringHamiltonian(triangle, 2)))).toBeGreaterThan(0.5);
  });

  it("refuses self-loops, negative weights, repeated edges, bad distances", () => {
    expect(() => maxCutHamiltonian([[0, 0]])).toThrow(
      "maxCutHamiltonian: edge 0 = [0, 0] is a self-loop on node 0",
    );
    expect(() => maxCutHamiltonian([[0, 1, -1]])).toThrow(/negative weight -1/);
    expect(() =>
      maxCutHamiltonian([
        [0, 1],
        [1, 0],
      ]),
    ).toThrow(/repeats the edge \{0,1\}/);
    expect(() => maxCutHamiltonian([[0, 1.5]])).toThrow(/expected a non-negative integer/);
    expect(() => maxCutHamiltonian([[0, 1]], { nodes: 1 })).toThrow(
      /nodes must be an integer above/,
    );
    expect(() =>
      tspHamiltonian([
        [0, 1, 2],
        [1, 0, 1],
        [2, 2, 0],
      ]),
    ).toThrow(/must be symmetric/);
    expect(() =>
      tspHamiltonian([
        [0, -1, 2],
        [-1, 0, 1],
        [2, 1, 0],
      ]),
    ).toThrow(/is negative/);
    expect(() =>
      tspHamiltonian([
        [1, 1, 2],
        [1, 0, 1],
        [2, 1, 0],
      ]),
    ).toThrow(/expected 0/);
    expect(() => graphColoringHamiltonian([[0, 1]], 1)).toThrow(/colors must be an integer >= 2/);
    expect(() => quboHamiltonian([[1, 2]])).toThrow(ArgumentError);
    expect(() => decodeTour("101", 3)).toThrow(/4 0\/1 characters/);
  });
});
