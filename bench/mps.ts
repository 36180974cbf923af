/**
 * Suite "mps": the matrix product state backend on a 1-D brickwork circuit (every layer a u3 on
 * every qubit, then a general 2-qubit gate, `universalTwoQubits`, on the pairs (0,1), (2,3), ...
 * or (1,2), (3,4), ... alternately), whose exact bond dimension (4^(depth/2)) exceeds the cap, so
 * every case runs at its full bond dimension chi.
 *
 * - `brickwork-forward` (n = 50, depth 10; `--quick`: n = 20, depth 6): the forward pass at
 *   chi = 8, 16, 32, 64 (`--quick`: 8, 16), one record per chi with `truncation_error`; a last
 *   record `chi-scaling` fits time ~ chi^p over the chi points (`exponent`) and between the two
 *   largest (`exponent_largest`); the two-site SVD of a 2chi x 2chi matrix per gate predicts p = 3.
 * - `expectation-tfim` (same n, the largest chi): <psi| sum Z_i Z_(i+1) + X_i |psi> on the forward
 *   pass's output, term by term with the center walked once along the chain.
 */
import { MpsBackend } from "../src/backend/mps/mps-backend.js";
import { Circuit } from "../src/quantum/circuit/circuit.js";
import { Hamiltonian } from "../src/quantum/operators/hamiltonian.js";
import { State } from "../src/quantum/state/state.js";
import { noGrad } from "../src/tensor/index.js";
import type { BenchContext, BenchSuite } from "./harness.js";
import { round, timeIt } from "./harness.js";

const SUITE = "mps";

function brickwork(n: number, depth: number): Circuit {
  const c = new Circuit(n, { seed: 5 });
  for (let d = 0; d < depth; d++) {
    c.u3("full");
    const pairs: [number, number][] = [];
    for (let q = d % 2; q + 1 < n; q += 2) pairs.push([q, q + 1]);
    c.universalTwoQubits(pairs);
  }
  return c;
}

function tfim(n: number): Hamiltonian {
  const terms: [number, string][] = [];
  for (let i = 0; i + 1 < n; i++) terms.push([1, `Z${i}, Z${i + 1}`]);
  for (let i = 0; i < n; i++) terms.push([1, `X${i}`]);
  return new Hamiltonian(terms);
}

export const suite: BenchSuite = {
  name: SUITE,
  run(ctx: BenchContext) {
    const n = ctx.quick ? 20 : 50;
    const depth = ctx.quick ? 6 : 10;
    const chis = ctx.quick ? [8, 16] : [8, 16, 32, 64];
    const c = brickwork(n, depth);
    const points: [number, number][] = [];
    let last: State | undefined;
    if (ctx.selected(SUITE, "brickwork-forward")) {
      for (const chi of chis) {
        const backend = new MpsBackend({ maxBondDimension: chi });
        ctx.progress(`mps brickwork n=${n} depth=${depth} chi=${chi}`);
        let out: State | undefined;
        const t = timeIt(
          () => {
            out?.free();
            out = noGrad(() => c.forward(State.zero(n, { backend })));
          },
          { warmup: 0, runs: chi >= 32 ? 1 : 3 },
        );
        points.push([chi, t.median_ms]);
        ctx.report({
          suite: SUITE,
          case: "brickwork-forward",
          n,
          depth,
          chi,
          threads: 1,
          ...t,
          max_bond: Math.max(...backend.bondDimensions(out!.buffer)),
          truncation_error: round(out!.truncationError[0]!, 3),
        });
        last = out;
      }
      // least squares slope of log t against log chi
      const xs = points.map(([x]) => Math.log(x));
      const ys = points.map(([, y]) => Math.log(y));
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0;
      let sxx = 0;
      xs.forEach((x, i) => {
        sxy += (x - mx) * (ys[i]! - my);
        sxx += (x - mx) ** 2;
      });
      ctx.report({
        suite: SUITE,
        case: "chi-scaling",
        n,
        depth,
        median_ms: points[points.length - 1]![1],
        runs: points.length,
        chis: points.map(([x]) => x),
        exponent: round(sxy / sxx, 3),
        // the asymptotic regime: the two largest chi, where the SVDs dominate
        exponent_largest: round(
          Math.log(points[points.length - 1]![1] / points[points.length - 2]![1]) /
            Math.log(points[points.length - 1]![0] / points[points.length - 2]![0]),
          3,
        ),
      });
    }
    if (ctx.selected(SUITE, "expectation-tfim")) {
      const chi = chis[chis.length - 1]!;
      const backend = new MpsBackend({ maxBondDimension: chi });
      const psi = last ?? noGrad(() => c.forward(State.zero(n, { backend })));
      const H = tfim(n);
      let value = 0;
      const t = timeIt(
        () => {
          value = psi.expecVal(H);
        },
        { warmup: 1, runs: 3 },
      );
      ctx.report({
        suite: SUITE,
        case: "expectation-tfim",
        n,
        chi,
        terms: H.terms.length,
        ...t,
        value: round(value, 8),
      });
    }
  },
};
