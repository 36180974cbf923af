/**
 * Cost functions of binary problems as diagonal Hamiltonians (Z and ZZ terms), so that QAOA, VQE
 * and exact diagonalization all read the same object. A QUBO min x^T Q x + c over x in {0, 1}^n
 * maps to Pauli Z through x_i = (1 - Z_i) / 2 (qubit i = bit i, the leftmost bit of a bitstring).
 */
import { ArgumentError, describe } from "../../errors.js";
import { Hamiltonian } from "../../quantum/operators/hamiltonian.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { checkGraph, type GraphEdge } from "../graph.js";

/** A square matrix of finite numbers, else an ArgumentError naming `name`. */
export function checkSquare(m: unknown, name: string, where: string): number[][] {
  if (!Array.isArray(m) || m.length === 0)
    throw new ArgumentError(
      `${where}: ${name} must be a non-empty square matrix, got ${describe(m)}`,
    );
  const n = m.length;
  m.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== n)
      throw new ArgumentError(
        `${where}: ${name} row ${i} must have ${n} entries, got ${describe(row)}`,
      );
    row.forEach((v: unknown, j) => {
      if (typeof v !== "number" || !Number.isFinite(v))
        throw new ArgumentError(
          `${where}: ${name}[${i}][${j}] = ${describe(v)} is not a finite number`,
        );
    });
  });
  return m as number[][];
}

/** A positive finite number (a penalty weight), else an ArgumentError. */
function checkPositive(v: unknown, name: string, where: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0)
    throw new ArgumentError(`${where}: ${name} must be a positive number, got ${describe(v)}`);
  return v;
}

/**
 * The Hamiltonian whose diagonal is x^T Q x + offset at the bitstring x (Q need not be symmetric).
 * @example
 * quboHamiltonian([[1, -2], [0, 1]]).matrix(); // diagonal 0, 1, 1, 0
 */
export function quboHamiltonian(Q: readonly (readonly number[])[], offset = 0): Hamiltonian {
  checkArity(arguments.length, 2, "quboHamiltonian");
  const q = checkSquare(Q, "Q", "quboHamiltonian");
  if (typeof offset !== "number" || !Number.isFinite(offset))
    throw new ArgumentError(
      `quboHamiltonian: offset must be a finite number, got ${describe(offset)}`,
    );
  const n = q.length;
  let constant = offset;
  const linear = new Float64Array(n);
  const terms: [number, string][] = [];
  for (let i = 0; i < n; i++) {
    // x_i^2 = x_i = (1 - Z_i) / 2
    constant += q[i]![i]! / 2;
    linear[i]! -= q[i]![i]! / 2;
    for (let j = i + 1; j < n; j++) {
      const c = q[i]![j]! + q[j]![i]!;
      if (c === 0) continue;
      // x_i x_j = (1 - Z_i - Z_j + Z_i Z_j) / 4
      constant += c / 4;
      linear[i]! -= c / 4;
      linear[j]! -= c / 4;
      terms.push([c / 4, `Z${i}, Z${j}`]);
    }
  }
  for (let i = 0; i < n; i++) if (linear[i] !== 0) terms.push([linear[i]!, `Z${i}`]);
  if (constant !== 0) terms.push([constant, "I"]);
  return new Hamiltonian(terms, { nQubits: n }).compress();
}

/**
 * MaxCut as a cost to minimize: H = sum_(a,b) w (Z_a Z_b - 1) / 2, so <H> = -<cut weight>.
 * Weights must be >= 0 (a negative weight is a different problem: build its Ising form directly).
 * @example
 * maxCutHamiltonian([[0, 1], [1, 2], [2, 0]]).groundState().energy; // -2
 */
export function maxCutHamiltonian(
  edges: readonly GraphEdge[],
  options: { nodes?: number } = {},
): Hamiltonian {
  checkArity(arguments.length, 2, "maxCutHamiltonian");
  checkOptions(options, NODES_OPTIONS, "maxCutHamiltonian");
  const g = checkGraph(edges, "maxCutHamiltonian", { nodes: options.nodes });
  const terms: [number, string][] = g.pairs.map(([a, b], k) => [g.weights[k]! / 2, `Z${a}, Z${b}`]);
  terms.push([-g.weights.reduce((s, w) => s + w, 0) / 2, "I"]);
  return new Hamiltonian(terms, { nQubits: g.nodes });
}

/** Options of the penalty-based builders. */
export interface PenaltyOptions {
  /** Weight of the constraint penalty (default: large enough that no infeasible bitstring wins). */
  penalty?: number;
}

const PENALTY_OPTIONS = optionKeys<PenaltyOptions>({ penalty: true });
const NODES_OPTIONS = optionKeys<{ nodes?: number }>({ nodes: true });

/**
 * The travelling salesman on n cities as a QUBO, Paddle's encoding: city n - 1 is fixed last,
 * bit i (n - 1) + t says city i is visited at step t, (n - 1)^2 qubits. The cost is the tour
 * length plus `penalty` times the violated one-city-per-step and one-step-per-city constraints.
 * `distances` must be symmetric, non-negative, zero on the diagonal. Decode with `decodeTour`.
 * @example
 * const H = tspHamiltonian([[0, 1, 2], [1, 0, 1], [2, 1, 0]]); // 4 qubits
 */
export function tspHamiltonian(
  distances: readonly (readonly number[])[],
  options: PenaltyOptions = {},
): Hamiltonian {
  checkArity(arguments.length, 2, "tspHamiltonian");
  checkOptions(options, PENALTY_OPTIONS, "tspHamiltonian");
  const d = checkSquare(distances, "distances", "tspHamiltonian");
  const n = d.length;
  if (n < 3) throw new ArgumentError(`tspHamiltonian: need at least 3 cities, got ${n}`);
  let largest = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = d[i]![j]!;
      if (i === j && v !== 0)
        throw new ArgumentError(
          `tspHamiltonian: distances[${i}][${i}] = ${v}, expected 0 (a city is no distance from itself)`,
        );
      if (v < 0)
        throw new ArgumentError(`tspHamiltonian: distances[${i}][${j}] = ${v} is negative`);
      if (v !== d[j]![i])
        throw new ArgumentError(
          `tspHamiltonian: distances must be symmetric, [${i}][${j}] = ${v} but [${j}][${i}] = ${d[j]![i]}`,
        );
      largest = Math.max(largest, v);
    }
  }
  const A =
    options.penalty === undefined
      ? n * largest + 1
      : checkPositive(options.penalty, "penalty", "tspHamiltonian");
  const m = n - 1;
  const bit = (city: number, step: number) => city * m + step;
  const Q = Array.from({ length: m * m }, () => new Array<number>(m * m).fill(0));
  // tour length: consecutive steps, plus the legs to and from the fixed last city
  for (let t = 0; t + 1 < m; t++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i !== j) Q[bit(i, t)]![bit(j, t + 1)]! += d[i]![j]!;
  for (let i = 0; i < m; i++) {
    Q[bit(i, 0)]![bit(i, 0)]! += d[m]![i]!;
    Q[bit(i, m - 1)]![bit(i, m - 1)]! += d[i]![m]!;
  }
  // A (1 - sum x)^2 = A (1 - sum x + 2 sum_{a<b} x_a x_b) over each row and each column
  const oneHot = (group: number[]) => {
    for (const a of group) Q[a]![a]! -= A;
    for (let u = 0; u < group.length; u++)
      for (let v = u + 1; v < group.length; v++) Q[group[u]!]![group[v]!]! += 2 * A;
  };
  for (let i = 0; i < m; i++) oneHot(Array.from({ length: m }, (_, t) => bit(i, t)));
  for (let t = 0; t < m; t++) oneHot(Array.from({ length: m }, (_, i) => bit(i, t)));
  return quboHamiltonian(Q, 2 * m * A);
}

/**
 * The tour of a TSP bitstring (`tspHamiltonian`'s encoding), ending at city n - 1, or undefined
 * when the bits break a constraint.
 * @example
 * decodeTour("1001", 3); // [0, 1, 2]
 */
export function decodeTour(bits: string, cities: number): number[] | undefined {
  checkArity(arguments.length, 2, "decodeTour");
  const m = checkBits(bits, cities, (c) => (c - 1) ** 2, "decodeTour", "cities");
  const tour: number[] = [];
  for (let t = 0; t < m; t++) {
    const at = [];
    for (let i = 0; i < m; i++) if (bits[i * m + t] === "1") at.push(i);
    if (at.length !== 1) return undefined;
    tour.push(at[0]!);
  }
  if (new Set(tour).size !== m) return undefined;
  tour.push(m);
  return tour;
}

/**
 * Graph colouring with k colours: bit v k + c says node v has colour c; the cost is `penalty`
 * times the nodes without exactly one colour plus the edges whose ends share a colour, so a
 * proper colouring has cost 0. Decode with `decodeColoring`.
 * @example
 * graphColoringHamiltonian([[0, 1], [1, 2], [2, 0]], 3).groundState().energy; // 0
 */
export function graphColoringHamiltonian(
  edges: readonly GraphEdge[],
  colors: number,
  options: PenaltyOptions & { nodes?: number } = {},
): Hamiltonian {
  checkArity(arguments.length, 3, "graphColoringHamiltonian");
  checkOptions(options, COLORING_OPTIONS, "graphColoringHamiltonian");
  const g = checkGraph(edges, "graphColoringHamiltonian", { nodes: options.nodes });
  if (!Number.isInteger(colors) || colors < 2)
    throw new ArgumentError(
      `graphColoringHamiltonian: colors must be an integer >= 2, got ${describe(colors)}`,
    );
  const A =
    options.penalty === undefined
      ? 2
      : checkPositive(options.penalty, "penalty", "graphColoringHamiltonian");
  const k = colors;
  const size = g.nodes * k;
  const Q = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let v = 0; v < g.nodes; v++) {
    for (let c = 0; c < k; c++) {
      Q[v * k + c]![v * k + c]! -= A;
      for (let c2 = c + 1; c2 < k; c2++) Q[v * k + c]![v * k + c2]! += 2 * A;
    }
  }
  for (const [a, b] of g.pairs) for (let c = 0; c < k; c++) Q[a * k + c]![b * k + c]! += 1;
  return quboHamiltonian(Q, g.nodes * A);
}

const COLORING_OPTIONS = optionKeys<PenaltyOptions & { nodes?: number }>({
  penalty: true,
  nodes: true,
});

/**
 * The colour of each node from a colouring bitstring (`graphColoringHamiltonian`'s encoding), or
 * undefined when a node has no colour or several.
 * @example
 * decodeColoring("100010001", 3); // [0, 1, 2]
 */
export function decodeColoring(bits: string, colors: number): number[] | undefined {
  checkArity(arguments.length, 2, "decodeColoring");
  if (!Number.isInteger(colors) || colors < 2)
    throw new ArgumentError(
      `decodeColoring: colors must be an integer >= 2, got ${describe(colors)}`,
    );
  if (typeof bits !== "string" || !/^[01]+$/.test(bits) || bits.length % colors !== 0)
    throw new ArgumentError(
      `decodeColoring: bits must be a 0/1 string whose length is a multiple of ${colors}, got ${describe(bits)}`,
    );
  const out: number[] = [];
  for (let v = 0; v < bits.length / colors; v++) {
    const set = [...bits.slice(v * colors, (v + 1) * colors)].flatMap((b, c) =>
      b === "1" ? [c] : [],
    );
    if (set.length !== 1) return undefined;
    out.push(set[0]!);
  }
  return out;
}

/** Checks a bitstring for a problem of `size` (whose qubit count is `qubits(size)`); returns sqrt-free m. */
function checkBits(
  bits: unknown,
  size: unknown,
  qubits: (s: number) => number,
  where: string,
  name: string,
): number {
  if (!Number.isInteger(size) || (size as number) < 3)
    throw new ArgumentError(`${where}: ${name} must be an integer >= 3, got ${describe(size)}`);
  const want = qubits(size as number);
  if (typeof bits !== "string" || bits.length !== want || !/^[01]+$/.test(bits))
    throw new ArgumentError(
      `${where}: bits must be a string of ${want} 0/1 characters, got ${describe(bits)}`,
    );
  return (size as number) - 1;
}
