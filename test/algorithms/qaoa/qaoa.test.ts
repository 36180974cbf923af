import { describe, expect, it } from "vitest";
import { randomRegularGraph } from "../../../src/algorithms/graph.js";
import { maxCutHamiltonian, quboHamiltonian } from "../../../src/algorithms/qaoa/ising.js";
import { cvar, gibbsObjective } from "../../../src/algorithms/qaoa/objectives.js";
import { QAOA } from "../../../src/algorithms/qaoa/qaoa.js";
import { ArgumentError } from "../../../src/errors.js";
import { probabilities } from "../../../src/qml/losses.js";
import { DensityMatrix } from "../../../src/quantum/density/density.js";
import { Hamiltonian } from "../../../src/quantum/operators/hamiltonian.js";
import { noGrad } from "../../../src/tensor/index.js";

/** Cut weight of bitstring index i, counted from the edge list (a second route to the costs). */
function cutOf(edges: readonly (readonly number[])[], i: number, n: number): number {
  let c = 0;
  for (const [a, b, w = 1] of edges)
    if (((i >> (n - 1 - a!)) & 1) !== ((i >> (n - 1 - b!)) & 1)) c += w!;
  return c;
}

describe("QAOA", () => {
  it("depth 3 on a seeded 10-node 3-regular MaxCut graph reaches <C>/C_max >= 0.85 (the expectation)", () => {
    const edges = randomRegularGraph(10, 3, { seed: 1 });
    expect(edges).toHaveLength(15);
    const degrees = new Array(10).fill(0);
    for (const [a, b] of edges) {
      degrees[a]++;
      degrees[b]++;
    }
    expect(degrees.every((d) => d === 3)).toBe(true);
    const qaoa = new QAOA(maxCutHamiltonian(edges), { depth: 3 });
    qaoa.optimize();
    // <C> and C_max recomputed from the edge list and the outcome probabilities
    const p = qaoa.probabilities();
    let expected = 0;
    let cMax = 0;
    for (let i = 0; i < 1024; i++) {
      const c = cutOf(edges, i, 10);
      expected += p[i]! * c;
      cMax = Math.max(cMax, c);
    }
    expect(expected).toBeCloseTo(-qaoa.expectation(), 10);
    expect(-qaoa.bruteForce().cost).toBe(cMax);
    expect(expected / cMax).toBeGreaterThanOrEqual(0.85);
    expect(qaoa.approximationRatio()).toBeCloseTo(expected / cMax, 10);
    // the best sampled bitstring is a maximum cut
    const best = qaoa.best({ shots: 500, seed: 2 });
    expect(cutOf(edges, Number.parseInt(best.bits, 2), 10)).toBe(cMax);
  });

  it("per-term parameters start at the shared state and optimize at least as well", () => {
    const edges: [number, number, number][] = [
      [0, 1, 1],
      [1, 2, 0.5],
      [2, 3, 2],
      [3, 0, 1.5],
      [0, 2, 0.7],
    ];
    const H = maxCutHamiltonian(edges);
    const init: [number, number][] = [
      [0.3, -0.4],
      [0.5, -0.2],
    ];
    const shared = new QAOA(H, { depth: 2, init });
    const perTerm = new QAOA(H, { depth: 2, init, parameters: "per-term" });
    expect(perTerm.circuit.parameterCount).toBe(2 * (5 + 4));
    const a = shared.probabilities();
    const b = perTerm.probabilities();
    for (let i = 0; i < a.length; i++) expect(b[i]!).toBeCloseTo(a[i]!, 12);
    // a density-matrix run of the same circuit gives the same energy
    const rho = shared.circuit.forward(DensityMatrix.zero(4)) as DensityMatrix;
    expect(rho.expecVal(H)).toBeCloseTo(shared.expectation(), 10);
    shared.optimize();
    perTerm.optimize();
    expect(perTerm.expectation()).toBeLessThanOrEqual(shared.expectation() + 1e-8);
    expect(shared.costs[0b1010]).toBeCloseTo(-cutOf(edges, 0b1010, 4), 12);
  });

  it("fields (Z terms) run as RZ: a QUBO's QAOA energy equals sum p_i cost_i", () => {
    const H = quboHamiltonian([
      [1, -2, 0.5],
      [0, -1, 1],
      [0, 0, 0.3],
    ]);
    for (const parameters of ["shared", "per-term"] as const) {
      const q = new QAOA(H, { depth: 2, parameters });
      const p = q.probabilities();
      const e = p.reduce((s, v, i) => s + v * q.costs[i]!, 0);
      expect(q.expectation()).toBeCloseTo(e, 10);
      q.optimize({ steps: 50 });
      expect(q.expectation()).toBeLessThan(e);
    }
  });

  it("CVaR and Gibbs objectives: direct formulas, limits and finite-difference gradients", () => {
    const H = maxCutHamiltonian([
      [0, 1],
      [1, 2],
      [2, 0],
      [2, 3],
    ]);
    const q = new QAOA(H, {
      depth: 2,
      init: [
        [0.2, -0.3],
        [0.4, -0.1],
      ],
    });
    const p = q.probabilities();
    const order = Array.from(p.keys()).sort((x, y) => q.costs[x]! - q.costs[y]!);
    const alpha = 0.3;
    let mass = 0;
    let tail = 0;
    for (const i of order) {
      const take = Math.min(p[i]!, alpha - mass);
      if (take <= 0) break;
      tail += take * q.costs[i]!;
      mass += take;
    }
    expect(q.loss({ objective: "cvar", alpha }).item()).toBeCloseTo(tail / alpha, 10);
    expect(q.loss({ objective: "cvar", alpha: 1 }).item()).toBeCloseTo(q.expectation(), 10);
    const eta = 1.7;
    const gibbs = -Math.log(p.reduce((s, v, i) => s + v * Math.exp(-eta * q.costs[i]!), 0));
    expect(q.loss({ objective: "gibbs", eta }).item()).toBeCloseTo(gibbs, 10);
    for (const which of [
      { objective: "cvar", alpha },
      { objective: "gibbs", eta },
    ] as const) {
      const [param] = q.circuit.parameters();
      param!.grad = null;
      q.loss(which).backward();
      const h = 1e-6;
      for (let k = 0; k < param!.data.length; k++) {
        const x = param!.data[k]!;
        param!.data[k] = x + h;
        const up = noGrad(() => q.loss(which).item());
        param!.data[k] = x - h;
        const down = noGrad(() => q.loss(which).item());
        param!.data[k] = x;
        expect(param!.grad!.data[k]!).toBeCloseTo((up - down) / (2 * h), 5);
      }
    }
    // training on CVaR puts more mass on the optimum than the start had
    const start = q.probabilities()[Number.parseInt(q.bruteForce().bits, 2)]!;
    q.optimize({ objective: "cvar", alpha: 0.2, optimizer: "adam", steps: 60, lr: 0.05 });
    expect(q.best().cost).toBe(q.bruteForce().cost);
    expect(q.best().probability).toBeGreaterThan(start);
    expect(noGrad(() => probabilities(q.state())).data.length).toBe(16);
  });

  it("refuses bad input with clear errors", () => {
    expect(() => new QAOA(Hamiltonian.fromString("Z0 Z1 + 0.5 X0"))).toThrow(
      /only Z and ZZ terms, got the term 0.5 X0/,
    );
    expect(() => new QAOA(Hamiltonian.fromString("Z0 Z1 Z2"))).toThrow(ArgumentError);
    expect(() => new QAOA(maxCutHamiltonian([[0, 1]]), { depth: 0 })).toThrow(
      /depth must be a positive integer/,
    );
    expect(() => new QAOA(maxCutHamiltonian([[0, 1]]), { depth: 2, init: [[0, 0]] })).toThrow(
      /init must be 2 finite \[gamma, beta\] pairs/,
    );
    const q = new QAOA(maxCutHamiltonian([[0, 1]]));
    expect(() => q.loss({ objective: "cvar", alpha: 0 })).toThrow(/alpha must be in \(0, 1\]/);
    expect(() => q.optimize({ objective: "median" as never })).toThrow(/objective must be/);
    expect(() => cvar(q.loss(), q.costs, 0.5)).toThrow(/p must be a real 1-D tensor/);
    expect(() => gibbsObjective(probabilities(q.state()), q.costs, -1)).toThrow(
      /eta must be a positive/,
    );
    expect(() => randomRegularGraph(5, 3)).toThrow(/n \* degree even/);
  });
});
