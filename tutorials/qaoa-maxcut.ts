/**
 * QAOA for MaxCut on the library's `QAOA` and `maxCutHamiltonian`: on a 4-node graph and on a
 * seeded random 10-node graph, optimize p = 1..4 QAOA layers, compare the best sampled cut with the brute-force maximum and plot the approximation
 * ratio <C> / C_max against the depth p. Each depth starts from the previous optimum with an
 * identity layer appended (gamma = beta = 0), so the ratio cannot fall as p grows, plus a few
 * random restarts.
 */
import { type Figure, maxCutHamiltonian, QAOA, Rng } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "qaoa-maxcut",
  category: "optimization",
  summary: "QAOA MaxCut on 4- and 10-node graphs: best cut vs brute force, ratio vs depth p = 1..4",
  seconds: { full: 4, quick: 2 },
  target: {
    full: "the best sampled cut equals the brute-force maximum on both graphs; ratio non-decreasing in p",
    quick: "the same as full (fewer random restarts)",
  },
};

type Edge = readonly [number, number];

interface GraphResult {
  name: string;
  nodes: number;
  edges: Edge[];
  maxCut: number;
  bestCut: number;
  bestBits: string;
  ratios: number[];
  angles: number[][];
}

function randomGraph(n: number, p: number, rng: Rng): Edge[] {
  const edges: Edge[] = [];
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++) if (rng.uniform() < p) edges.push([a, b]);
  return edges;
}

/** INTERP: angles of p - 1 layers stretched linearly over p layers (Zhou et al. 2020). */
function interpolate(prev: readonly (readonly [number, number])[]): [number, number][] {
  const p = prev.length + 1;
  const at = (i: number, k: number): number => (i < 0 || i >= prev.length ? 0 : prev[i]![k]!);
  return Array.from({ length: p }, (_, i) => {
    const mix = (k: number) => (i / (p - 1)) * at(i - 1, k) + ((p - 1 - i) / (p - 1)) * at(i, k);
    return [mix(0), mix(1)] as [number, number];
  });
}

function solveGraph(
  name: string,
  n: number,
  edges: Edge[],
  restarts: number,
  rng: Rng,
  options: TutorialOptions,
): GraphResult {
  const H = maxCutHamiltonian(edges, { nodes: n });
  const ratios: number[] = [];
  const angles: number[][] = [];
  let prev: [number, number][] = [];
  let best: QAOA | undefined;
  const total = 4 * (restarts + 2) - 1;
  let step = 0;
  for (let p = 1; p <= 4; p++) {
    // warm starts: the previous optimum plus an identity layer (so the ratio cannot fall), INTERP,
    // then random restarts
    const starts: [number, number][][] =
      p === 1 ? [[[0.4, -0.3]]] : [[...prev, [0, 0]], interpolate(prev)];
    for (let r = 0; r < restarts; r++)
      starts.push(
        Array.from({ length: p }, () => [
          rng.uniformIn(0, Math.PI / 2),
          -rng.uniformIn(0, Math.PI / 4),
        ]),
      );
    let bestEnergy = Number.POSITIVE_INFINITY;
    for (const init of starts) {
      const qaoa = new QAOA(H, { depth: p, init });
      const { loss } = qaoa.optimize();
      if (loss < bestEnergy) [bestEnergy, best] = [loss, qaoa];
      options.progress(++step, total, `${name} p=${p}`);
    }
    ratios.push(best!.approximationRatio());
    const theta = best!.circuit.parameters()[0]!.data;
    prev = Array.from({ length: p }, (_, d) => [theta[2 * d]!, theta[2 * d + 1]!]);
    angles.push(prev.flat());
    options.log(
      `  p = ${p}: <C> = ${fmt(-bestEnergy, 4)}, approximation ratio ${fmt(ratios[p - 1]!, 4)}`,
    );
  }
  const maxCut = -best!.bruteForce().cost;
  const sampled = best!.best({ shots: options.quick ? 200 : 1000, seed: options.seed });
  options.log(
    `${name}: ${n} nodes, ${edges.length} edges, best sampled cut ${-sampled.cost} (${sampled.bits}) vs brute force ${maxCut}`,
  );
  return {
    name,
    nodes: n,
    edges,
    maxCut,
    bestCut: -sampled.cost,
    bestBits: sampled.bits,
    ratios,
    angles,
  };
}

function graphFigure(g: GraphResult): Figure {
  const pos = Array.from({ length: g.nodes }, (_, q) => [
    Math.cos((2 * Math.PI * q) / g.nodes),
    Math.sin((2 * Math.PI * q) / g.nodes),
  ]);
  const ex: (number | null)[] = [];
  const ey: (number | null)[] = [];
  for (const [a, b] of g.edges) {
    ex.push(pos[a]![0]!, pos[b]![0]!, null);
    ey.push(pos[a]![1]!, pos[b]![1]!, null);
  }
  return {
    data: [
      { type: "scatter", mode: "lines", x: ex, y: ey, line: { color: "#999" }, name: "edges" },
      {
        type: "scatter",
        mode: "markers+text",
        x: pos.map((p) => p[0]),
        y: pos.map((p) => p[1]),
        text: pos.map((_, q) => String(q)),
        textposition: "top center",
        marker: {
          size: 16,
          color: [...g.bestBits].map((b) => (b === "1" ? "#d62728" : "#1f77b4")),
        },
        name: "nodes (colour = side of the cut)",
      },
    ],
    layout: {
      title: { text: `${g.name}: best cut ${g.bestCut} of ${g.maxCut}` },
      xaxis: { visible: false },
      yaxis: { visible: false, scaleanchor: "x" },
    },
  };
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run qaoa-maxcut` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const rng = new Rng(options.seed);
  const edges10 = randomGraph(10, 0.5, rng);
  const restarts = options.quick ? 1 : 4;
  const square: Edge[] = [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 0],
    [0, 2],
  ];
  const small = solveGraph("4-node graph", 4, square, restarts, rng, options);
  const random = solveGraph("10-node random graph", 10, edges10, restarts, rng, options);
  const graphs = [small, random];
  const exact = graphs.every((g) => g.bestCut === g.maxCut);
  const monotone = graphs.every((g) =>
    g.ratios.every((r, i) => i === 0 || r >= g.ratios[i - 1]! - 1e-9),
  );
  const ps = [1, 2, 3, 4];
  return {
    headline: headline(
      "best sampled cut / max cut (10-node graph)",
      random.bestCut / random.maxCut,
      "= 1 on both graphs, ratio non-decreasing in p",
      exact && monotone,
    ),
    numbers: Object.fromEntries(
      graphs.map((g) => [
        g.nodes === 4 ? "graph4" : "graph10",
        {
          edges: g.edges,
          maxCut: g.maxCut,
          bestCut: g.bestCut,
          bestBits: g.bestBits,
          approximationRatio: g.ratios,
          angles: g.angles,
        },
      ]),
    ),
    report: {
      title: "QAOA for MaxCut",
      sections: [
        {
          heading: "Approximation ratio against depth",
          text: "<C> / C_max of the optimized QAOA state for p = 1..4 (C = number of cut edges).",
          figures: [
            lineFigure(
              "Approximation ratio",
              "p (QAOA layers)",
              "<C> / C_max",
              graphs.map((g) => ({ name: g.name, x: ps, y: g.ratios, mode: "lines+markers" })),
              { integerX: true },
            ),
          ],
          table: {
            columns: [
              "graph",
              "max cut (brute force)",
              "best sampled cut",
              ...ps.map((p) => `ratio p=${p}`),
            ],
            rows: graphs.map((g) => [
              g.name,
              g.maxCut,
              g.bestCut,
              ...g.ratios.map((r) => fmt(r, 4)),
            ]),
          },
        },
        { heading: "The cuts found", figures: graphs.map(graphFigure) },
      ],
    },
  };
}
