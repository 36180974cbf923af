/**
 * Graphs for the combinatorial problems: an edge list with optional weights, checked once here
 * (node indices, self-loops, repeated edges, weights) so every builder reports bad input alike.
 */
import { ArgumentError, describe } from "../errors.js";
import { type Rng, rngOption } from "../random.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";

/** Options of `randomRegularGraph`. */
export interface RandomGraphOptions {
  /** Seed of the draw. */
  seed?: number;
  /** A generator to draw from instead of a seed. */
  rng?: Rng;
}

const REGULAR_OPTIONS = optionKeys<RandomGraphOptions>({ seed: true, rng: true });

/** An edge `[a, b]` (weight 1) or `[a, b, weight]`. */
export type GraphEdge = readonly [number, number] | readonly [number, number, number];

/** A checked edge list: node pairs and one weight per edge. */
export interface CheckedGraph {
  readonly nodes: number;
  readonly pairs: readonly (readonly [number, number])[];
  readonly weights: readonly number[];
}

/**
 * Checks `edges` on `nodes` nodes (default: one more than the largest index): integer endpoints
 * in range, no self-loop, no edge twice, finite weights, non-negative unless `signed`.
 * @example
 * checkGraph([[0, 1], [1, 2, 0.5]], "maxCutHamiltonian").weights; // [1, 0.5]
 */
export function checkGraph(
  edges: readonly GraphEdge[],
  where: string,
  options: { nodes?: number; signed?: boolean } = {},
): CheckedGraph {
  if (!Array.isArray(edges) || edges.length === 0)
    throw new ArgumentError(
      `${where}: edges must be a non-empty array of [a, b] or [a, b, weight], got ${describe(edges)}`,
    );
  let largest = -1;
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  const weights: number[] = [];
  edges.forEach((e: unknown, k) => {
    if (!Array.isArray(e) || (e.length !== 2 && e.length !== 3))
      throw new ArgumentError(
        `${where}: edge ${k} must be [a, b] or [a, b, weight], got ${describe(e)}`,
      );
    const [a, b, w = 1] = e as number[];
    for (const v of [a, b]) {
      if (!Number.isInteger(v) || (v as number) < 0)
        throw new ArgumentError(
          `${where}: edge ${k} = ${describe(e)} has node ${describe(v)}, expected a non-negative integer`,
        );
    }
    if (a === b)
      throw new ArgumentError(`${where}: edge ${k} = ${describe(e)} is a self-loop on node ${a}`);
    if (typeof w !== "number" || !Number.isFinite(w))
      throw new ArgumentError(
        `${where}: edge ${k} = ${describe(e)} has weight ${describe(w)}, expected a finite number`,
      );
    if (w < 0 && !options.signed)
      throw new ArgumentError(
        `${where}: edge ${k} = ${describe(e)} has a negative weight ${w}; weights must be >= 0 here`,
      );
    const key = `${Math.min(a!, b!)},${Math.max(a!, b!)}`;
    if (seen.has(key))
      throw new ArgumentError(`${where}: edge ${k} = ${describe(e)} repeats the edge {${key}}`);
    seen.add(key);
    pairs.push([a!, b!]);
    weights.push(w);
    largest = Math.max(largest, a!, b!);
  });
  const nodes = options.nodes ?? largest + 1;
  if (!Number.isInteger(nodes) || nodes <= largest)
    throw new ArgumentError(
      `${where}: nodes must be an integer above the largest node index ${largest}, got ${describe(nodes)}`,
    );
  return { nodes, pairs, weights };
}

/**
 * A random d-regular simple graph on n nodes (the pairing model, redrawn until simple), seeded.
 * @example
 * const edges = randomRegularGraph(10, 3, { seed: 7 }); // 15 edges
 */
export function randomRegularGraph(
  n: number,
  degree: number,
  options: RandomGraphOptions = {},
): [number, number][] {
  checkArity(arguments.length, 3, "randomRegularGraph");
  if (!Number.isInteger(n) || n < 2)
    throw new ArgumentError(`randomRegularGraph: n must be an integer >= 2, got ${describe(n)}`);
  if (!Number.isInteger(degree) || degree < 1 || degree >= n || (n * degree) % 2 !== 0)
    throw new ArgumentError(
      `randomRegularGraph: degree must be an integer in [1, n) with n * degree even, got ${describe(degree)} for n = ${n}`,
    );
  checkOptions(options, REGULAR_OPTIONS, "randomRegularGraph");
  const rng = rngOption(options.rng, options.seed, "randomRegularGraph");
  for (let attempt = 0; attempt < 10000; attempt++) {
    const stubs = Array.from({ length: n * degree }, (_, i) => Math.floor(i / degree));
    for (let i = stubs.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [stubs[i], stubs[j]] = [stubs[j]!, stubs[i]!];
    }
    const seen = new Set<number>();
    const edges: [number, number][] = [];
    for (let i = 0; i < stubs.length; i += 2) {
      const a = Math.min(stubs[i]!, stubs[i + 1]!);
      const b = Math.max(stubs[i]!, stubs[i + 1]!);
      if (a === b || seen.has(a * n + b)) break;
      seen.add(a * n + b);
      edges.push([a, b]);
    }
    if (edges.length === (n * degree) / 2) return edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  }
  throw new ArgumentError(
    `randomRegularGraph: found no simple ${degree}-regular graph on ${n} nodes`,
  );
}
