/**
 * Quantum natural gradient vs plain gradient descent, same step size, on a hardware-efficient
 * VQE of H2 (STO-3G, 0.735 A, Jordan-Wigner, 4 qubits): three RY layers with CNOT chains between
 * them, 12 parameters, from the same random start. Gradient descent steps by lr * grad; QNG by
 * lr * (g + lambda I)^-1 grad with g the Fubini-Study metric of the circuit's state (full, and
 * block-diagonal with one block per RY layer). Counted: iterations until |E - E_FCI| <= 1e-6 Ha.
 */
import {
  Circuit,
  expecVal,
  fci,
  Hamiltonian,
  Molecule,
  type Optimizer,
  QNG,
  quantumFisher,
  qubitHamiltonian,
  runSCF,
  SGD,
  transformToMO,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "qng-vqe-h2",
  category: "optimization",
  summary: "quantum natural gradient vs gradient descent (same step size) on a 12-parameter H2 VQE",
  seconds: { full: 3, quick: 3 },
  target: {
    full: "QNG reaches |E - E_FCI| <= 1e-6 Ha in fewer iterations than gradient descent",
    quick: "the same as full",
  },
};

const STEP = 0.2;
const TOLERANCE = 1e-6;

/** Three RY layers with CNOT chains between them: 12 parameters (the vqe-h2 tutorial's ansatz). */
function hardwareEfficient(seed: number): Circuit {
  const c = new Circuit(4, { seed });
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  c.cnot("linear");
  c.ry("full");
  return c;
}

/** Steps until the energy is within TOLERANCE of eFci (or maxIter); returns the energy trace. */
function descend(
  c: Circuit,
  opt: Optimizer,
  H: Hamiltonian,
  eFci: number,
  maxIter: number,
  report: (i: number) => void,
): number[] {
  const trace: number[] = [];
  for (let i = 0; i <= maxIter; i++) {
    opt.zeroGrad();
    const loss = expecVal(c.forward(), H);
    loss.backward();
    trace.push(loss.item());
    report(i);
    if (Math.abs(trace[i]! - eFci) <= TOLERANCE || i === maxIter) break;
    opt.step();
  }
  return trace;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run qng-vqe-h2` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const mol = Molecule.fromGeometry("H 0 0 0; H 0 0 0.735", { basis: "sto-3g" });
  const hf = runSCF(mol);
  const mo = transformToMO(hf.integrals.hCore, hf.integrals.eri, hf.coefficients, hf.eNuc);
  const H = new Hamiltonian(qubitHamiltonian(mo).toList(), { nQubits: 4 });
  const eFci = fci(mo, { nAlpha: 1, nBeta: 1, tol: 1e-9 }).energy;
  log(`H2 (STO-3G, 0.735 A): ${H.nTerms} Pauli terms on 4 qubits, E_FCI = ${fmt(eFci, 8)} Ha`);

  // what one QNG step's metric costs, in state passes (one forward pass = 1)
  const passes = { full: 0, block: 0 };
  const probe = hardwareEfficient(seed);
  quantumFisher(probe, { onStats: (s) => (passes.full = s.passes) });
  quantumFisher(probe, { blockDiagonal: true, onStats: (s) => (passes.block = s.passes) });
  log(
    `metric of the ${probe.parameterCount}-parameter ansatz: ${fmt(passes.full, 2)} state passes (full), ${fmt(passes.block, 2)} (block-diagonal)`,
  );
  const maxIter = options.quick ? 1500 : 3000;
  const methods: { name: string; make: (c: Circuit) => Optimizer }[] = [
    { name: "QNG (full metric)", make: (c) => new QNG(c, { lr: STEP }) },
    { name: "QNG (block-diagonal)", make: (c) => new QNG(c, { lr: STEP, blockDiagonal: true }) },
    { name: "gradient descent", make: (c) => new SGD(c.parameters(), { lr: STEP }) },
  ];
  const results = methods.map((m, k) => {
    const c = hardwareEfficient(seed); // the same start for every method
    const trace = descend(c, m.make(c), H, eFci, maxIter, (i) => {
      if (i % 10 === 0) progress(k * maxIter + i, methods.length * maxIter, m.name);
    });
    const last = trace[trace.length - 1]!;
    const reached = Math.abs(last - eFci) <= TOLERANCE;
    const iterations = trace.length - 1;
    log(
      `${m.name}: ${reached ? `|E - E_FCI| <= 1e-6 after ${iterations} iterations` : `not within 1e-6 after ${iterations} iterations`} (E = ${fmt(last, 8)} Ha, ${c.parameterCount} parameters, lr = ${STEP})`,
    );
    return { name: m.name, trace, reached, iterations, parameters: c.parameterCount };
  });
  progress(methods.length * maxIter, methods.length * maxIter);
  const [qng, block, gd] = results as [
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
  ];
  const pass = qng.reached && (!gd.reached || qng.iterations < gd.iterations);
  const speedup = gd.reached ? gd.iterations / qng.iterations : Number.NaN;
  if (gd.reached) log(`QNG needs ${fmt(speedup, 1)}x fewer iterations than gradient descent`);
  const errors = (t: number[]) => t.map((e) => Math.max(Math.abs(e - eFci), 1e-16));
  return {
    headline: headline(
      "QNG iterations to |E - E_FCI| <= 1e-6 Ha",
      qng.iterations,
      `fewer than gradient descent (${gd.reached ? gd.iterations : `> ${maxIter}`}) with lr = ${STEP}`,
      pass,
    ),
    numbers: {
      fci: eFci,
      stepSize: STEP,
      maxIterations: maxIter,
      methods: results.map((r) => ({
        name: r.name,
        reached: r.reached,
        iterations: r.iterations,
        parameters: r.parameters,
        finalEnergy: r.trace[r.trace.length - 1],
      })),
      blockDiagonal: { reached: block.reached, iterations: block.iterations },
      metricPasses: passes,
    },
    report: {
      title: "Quantum natural gradient vs gradient descent: H2 VQE",
      sections: [
        {
          heading: "Iterations to 1e-6 Ha",
          text: `Hardware-efficient ansatz (3 RY layers, 12 parameters), one random start, step size ${STEP} for every method. QNG's metric costs one derivative-state sweep per step: ${fmt(passes.full, 2)} state passes for the full metric, ${fmt(passes.block, 2)} for the block-diagonal one (bound P + 1 = 13).`,
          table: {
            columns: ["method", "iterations", "final |E - E_FCI| (Ha)"],
            rows: results.map((r) => [
              r.name,
              r.reached ? String(r.iterations) : `> ${r.iterations}`,
              fmt(Math.abs(r.trace[r.trace.length - 1]! - eFci), 3),
            ]),
          },
          figures: [
            lineFigure(
              "Error against FCI",
              "iteration",
              "|E - E_FCI| (Ha)",
              results.map((r) => ({
                name: r.name,
                y: errors(r.trace),
                x: r.trace.map((_, i) => i),
              })),
              { logY: true, logX: true },
            ),
          ],
        },
      ],
    },
  };
}
