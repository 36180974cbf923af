/**
 * Matrix product states past the dense limit. A dense state vector stops near 29 qubits; the
 * `mps` backend stores a state as a chain of small tensors whose size is set by the entanglement,
 * not by 2^n, so shallow and one-dimensional circuits run at 50-100 qubits.
 *
 * 1. VQE on the critical transverse-field Ising chain H = -sum Z_i Z_(i+1) - sum X_i (open,
 *    J = h = 1) with a hardware-efficient ansatz on a line (CNOT ladders with RY rotations), trained
 *    by L-BFGS with adjoint gradients computed on the matrix product states themselves. The exact
 *    ground energy comes from free fermions: -sum_k eps_k, with eps_k the positive eigenvalues of
 *    the 2n x 2n tridiagonal matrix with zero diagonal and unit couplings (the singular values of
 *    the chain's bidiagonal coupling matrix). The entanglement entropy of the trained state
 *    across every cut is plotted.
 * 2. A 100-qubit GHZ state: probabilities 1/2 for all-zeros and all-ones read from two
 *    amplitudes, ln 2 of entanglement at every cut, seeded samples of only the two outcomes.
 * 3. QAOA (one layer) for MaxCut on a 100-node path: the cut expectation from the MPS against the
 *    analytic p = 1 formula for triangle-free graphs,
 *    <C_uv> = 1/2 + 1/4 sin 4b sin g (cos^(d_u - 1) g + cos^(d_v - 1) g).
 */
import {
  Circuit,
  chainLattice,
  expecVal,
  Hamiltonian,
  LBFGS,
  MpsBackend,
  noGrad,
  Rng,
  transverseFieldIsing,
  tridiagonalEigen,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** The VQE sizes: chain length, ansatz layers, L-BFGS rounds (of at most 25 evaluations). */
const FULL = { n: 64, layers: 2, rounds: 12, target: 1e-3 };
const QUICK = { n: 16, layers: 3, rounds: 3, target: 1e-3 };

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "mps-vqe-tfim",
  category: "theory",
  summary:
    "Matrix product states: a 64-qubit VQE on the critical Ising chain, a 100-qubit GHZ state and QAOA",
  seconds: { full: 60, quick: 10 },
  target: {
    full: `relative error of the VQE energy <= ${FULL.target} (64 sites, free-fermion exact energy); GHZ and QAOA exact to 1e-10`,
    quick: `the same with <= ${QUICK.target} on 16 sites`,
  },
};

/** The exact ground energy of the open critical TFIM chain from free fermions. * @example
 * freeFermionEnergy(2); // -2.2360679... = -sqrt(5), the ground energy of -Z0 Z1 - X0 - X1
 */
export function freeFermionEnergy(n: number): number {
  const { values } = tridiagonalEigen(new Float64Array(2 * n), new Float64Array(2 * n - 1).fill(1));
  let e = 0;
  for (const v of values) if (v > 0) e -= v;
  return e;
}

/**
 * The ansatz: RY(pi/2 + small) on every qubit (the x-polarized product state, the ground state of
 * the field term), then `layers` ladders, each a CNOT on (0,1), (1,2), ..., (n-2,n-1) in order
 * with an RY on both qubits after each CNOT. A ladder is a sequential circuit: its light cone
 * crosses the whole chain in one layer (a brickwork layer reaches two sites further), so it
 * carries the critical chain's long-range correlations, and each ladder at most doubles the bond
 * dimension (chi <= 2^layers, 4 or 8 here), which keeps the simulation and its gradients cheap.
 * The state stays real, as the ground state of this stoquastic Hamiltonian is.
 */
function cnotLadders(n: number, layers: number, backend: MpsBackend, seed: number): Circuit {
  const c = new Circuit(n, { seed, backend });
  c.ry("full");
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q + 1 < n; q++) {
      c.cnot([[q, q + 1]]);
      c.ry([q, q + 1]);
    }
  }
  // start at |+...+> with the ladders near the identity (small random angles break symmetry)
  const rng = new Rng(seed);
  c.parameters().forEach((p, i) => {
    for (let k = 0; k < p.data.length; k++)
      p.data[k] = (i === 0 ? Math.PI / 2 : 0) + 0.05 * rng.normal();
  });
  return c;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run mps-vqe-tfim` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const cfg = options.quick ? QUICK : FULL;
  const backend = new MpsBackend();

  // 1. VQE on the critical Ising chain
  const H = transverseFieldIsing(chainLattice(cfg.n), { J: 1, h: 1 });
  const exact = freeFermionEnergy(cfg.n);
  log(`critical TFIM, ${cfg.n} sites (open, J = h = 1): exact ground energy ${fmt(exact, 8)}`);
  const c = cnotLadders(cfg.n, cfg.layers, backend, seed);
  const nParams = c.parameters().reduce((s, p) => s + p.size, 0);
  log(
    `hardware-efficient ansatz: ${cfg.layers} CNOT ladders with RY, ${nParams} parameters, on the mps backend`,
  );
  const opt = new LBFGS(c.parameters(), { lr: 1, maxIter: 25, lineSearchFn: "strong_wolfe" });
  const trace: number[] = [];
  const closure = (): number => {
    opt.zeroGrad();
    const loss = expecVal(c.forward(), H);
    loss.backward();
    trace.push(loss.item());
    return loss.item();
  };
  for (let r = 0; r < cfg.rounds; r++) {
    opt.step(closure);
    const e = trace[trace.length - 1]!;
    progress(r + 1, cfg.rounds, `E = ${fmt(e, 6)}`);
    log(
      `round ${r + 1}: E = ${fmt(e, 8)}, relative error ${fmt(Math.abs((e - exact) / exact), 4)}`,
    );
  }
  const psi = noGrad(() => c.forward());
  const energy = psi.expecVal(H);
  const relError = Math.abs((energy - exact) / exact);
  const entropies = Array.from(backend.entanglementEntropies(psi.buffer));
  const bonds = backend.bondDimensions(psi.buffer);
  log(
    `VQE: E = ${fmt(energy, 8)}, relative error ${relError.toExponential(3)}, largest bond ${Math.max(...bonds)}`,
  );

  // 2. a 100-qubit GHZ state
  const m = 100;
  const ghz = new Circuit(m, { backend });
  ghz.h(0);
  for (let q = 0; q + 1 < m; q++) ghz.cnot([[q, q + 1]]);
  const g = ghz.forward();
  const p0 = g.amplitude("0".repeat(m)).abs() ** 2;
  const p1 = g.amplitude((1n << BigInt(m)) - 1n).abs() ** 2;
  const ghzEntropy = Array.from(backend.entanglementEntropies(g.buffer));
  const counts = g.measure(1000, { seed }) as Record<string, number>;
  const ghzError = Math.max(
    Math.abs(p0 - 0.5),
    Math.abs(p1 - 0.5),
    ...ghzEntropy.map((h) => Math.abs(h - Math.LN2)),
  );
  log(
    `GHZ, ${m} qubits: P(0...0) = ${fmt(p0, 12)}, P(1...1) = ${fmt(p1, 12)}, outcomes sampled: ${Object.keys(counts).length}`,
  );

  // 3. one QAOA layer for MaxCut on a 100-node path, against the p = 1 formula
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < m; i++) edges.push([i, i + 1]);
  const cut = new Hamiltonian(
    edges.flatMap(([i, j]): [number, string][] => [
      [0.5, ""],
      [-0.5, `Z${i}, Z${j}`],
    ]),
  );
  const degree = (v: number): number => (v === 0 || v === m - 1 ? 1 : 2);
  const gammas = Array.from({ length: 9 }, (_, k) => (k * Math.PI) / 16);
  const beta = Math.PI / 8;
  const qaoa: number[] = [];
  const formula: number[] = [];
  for (const gamma of gammas) {
    const q = new Circuit(m, { backend });
    q.h("full");
    q.rzz(edges, { param: -gamma }); // exp(-i gamma C) up to a phase
    q.rx("full", { param: 2 * beta }); // exp(-i beta sum X)
    qaoa.push(q.forward().expecVal(cut));
    let f = 0;
    for (const [u, v] of edges) {
      f +=
        0.5 +
        0.25 *
          Math.sin(4 * beta) *
          Math.sin(gamma) *
          (Math.cos(gamma) ** (degree(u) - 1) + Math.cos(gamma) ** (degree(v) - 1));
    }
    formula.push(f);
  }
  const qaoaError = Math.max(...qaoa.map((x, i) => Math.abs(x - formula[i]!)));
  log(
    `QAOA p = 1 on a ${m}-node path: max |MPS - formula| = ${qaoaError.toExponential(2)} over ${gammas.length} angles`,
  );

  const pass = relError <= cfg.target && ghzError < 1e-10 && qaoaError < 1e-10;
  return {
    headline: headline(
      `VQE relative energy error (${cfg.n} sites)`,
      relError,
      `<= ${cfg.target}, GHZ and QAOA exact to 1e-10`,
      pass,
    ),
    numbers: {
      n: cfg.n,
      layers: cfg.layers,
      parameters: nParams,
      exact,
      energy,
      relError,
      trace,
      entropies,
      bonds,
      ghz: { qubits: m, p0, p1, entropies: ghzEntropy, counts, error: ghzError },
      qaoa: { qubits: m, beta, gammas, mps: qaoa, formula, error: qaoaError },
    },
    report: {
      title: "Matrix product states: VQE, GHZ and QAOA beyond the dense limit",
      sections: [
        {
          heading: `VQE on the critical Ising chain (${cfg.n} sites)`,
          text: `Exact energy ${fmt(exact, 8)} (free fermions); VQE ${fmt(energy, 8)}, relative error ${relError.toExponential(3)} with ${nParams} parameters; bond dimensions up to ${Math.max(...bonds)}. The ansatz: RY layers started at the x-polarized state, then ${cfg.layers} CNOT ladders with RY after each CNOT; a ladder's light cone crosses the whole chain (a brickwork layer reaches two sites further), which the critical chain's long-range correlations need, and each ladder at most doubles the bond dimension, keeping the simulation and its gradients cheap.`,
          figures: [
            lineFigure(
              "VQE energy error per evaluation",
              "evaluation (count)",
              "relative error |E - E0| / |E0| (dimensionless)",
              [{ name: "L-BFGS", y: trace.map((e) => Math.abs((e - exact) / exact)) }],
              { logY: true },
            ),
            lineFigure(
              "Entanglement entropy of the VQE state across every cut",
              "cut after qubit k (index)",
              "von Neumann entropy S (nats)",
              [
                {
                  name: "VQE state",
                  x: entropies.map((_, k) => k),
                  y: entropies,
                  mode: "lines+markers",
                },
              ],
            ),
          ],
        },
        {
          heading: `GHZ and QAOA on ${m} qubits`,
          text: `GHZ: P(0...0) = ${fmt(p0, 12)}, P(1...1) = ${fmt(p1, 12)}, entropy ln 2 at every cut (max deviation ${ghzError.toExponential(2)}). QAOA p = 1 (beta = pi/8): the MPS cut expectation against the analytic formula, max deviation ${qaoaError.toExponential(2)}.`,
          figures: [
            lineFigure(
              "QAOA p = 1 MaxCut expectation on a 100-node path",
              "gamma (rad)",
              "expected cut <C> (edges)",
              [
                { name: "mps backend", x: gammas, y: qaoa, mode: "markers" },
                { name: "analytic formula", x: gammas, y: formula },
              ],
            ),
          ],
        },
      ],
    },
  };
}
