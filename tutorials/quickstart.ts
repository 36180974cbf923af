/**
 * Quickstart: build Bell and GHZ circuits, draw them, sample measurement counts and compute
 * expectation values, and check every number against the textbook answer.
 */
import { Circuit, type Figure, Hamiltonian, State } from "qoar";
import { headline } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "quickstart",
  category: "basics",
  summary: "Bell and GHZ states: a circuit drawing, measurement counts, expectation values",
  seconds: { full: 1, quick: 1 },
  target: {
    full: "every probability and expectation value equals the exact one to 1e-12; counts within 5 sigma",
    quick: "the same as full",
  },
};

/** A GHZ circuit on n qubits: H on qubit 0, then a CNOT chain. */
function ghzCircuit(n: number): Circuit {
  const c = new Circuit(n);
  c.h(0);
  for (let q = 0; q + 1 < n; q++) c.cnot([q, q + 1]);
  return c;
}

function countsFigure(title: string, counts: Record<string, number>): Figure {
  const keys = Object.keys(counts).sort();
  return {
    data: [{ type: "bar", x: keys, y: keys.map((k) => counts[k]) }],
    layout: {
      title: { text: title },
      xaxis: { title: { text: "outcome (qubit 0 leftmost)" }, type: "category" },
      yaxis: { title: { text: "counts" } },
    },
  };
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run quickstart` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, seed } = options;
  const shots = options.quick ? 1000 : 10000;
  const nGhz = options.quick ? 4 : 6;
  let maxError = 0;
  let countsOk = true;
  const check = (got: number, want: number): void => {
    maxError = Math.max(maxError, Math.abs(got - want));
  };

  // 1. The Bell state (|00> + |11>)/sqrt 2: H then CNOT.
  const bell = ghzCircuit(2);
  log("Bell circuit:");
  for (const line of bell.toString().split("\n")) log(`  ${line}`);
  const psi = bell.forward();
  const probs = psi.probabilities();
  log(`probabilities |00>, |01>, |10>, |11>: ${Array.from(probs, (p) => p.toFixed(4)).join(", ")}`);
  for (const [i, p] of [0.5, 0, 0, 0.5].entries()) check(probs[i]!, p);
  const fidelity = psi.innerProduct(State.bell());
  check(Math.hypot(fidelity[0]!, fidelity[1]!), 1);
  const bellCounts = psi.measure(shots, { seed }) as Record<string, number>;
  log(`${shots} shots: ${JSON.stringify(bellCounts)}`);
  // a binomial count with p = 1/2 stays within 5 sigma of shots/2
  const sigma = Math.sqrt(shots * 0.25);
  countsOk &&= Math.abs((bellCounts["00"] ?? 0) - shots / 2) <= 5 * sigma;
  countsOk &&= (bellCounts["00"] ?? 0) + (bellCounts["11"] ?? 0) === shots;

  // Expectation values: ZZ and XX are +1 on the Bell state, YY is -1, single Z is 0.
  const observables: [string, number][] = [
    ["Z0 Z1", 1],
    ["X0 X1", 1],
    ["Y0 Y1", -1],
    ["Z0", 0],
    ["0.5 Z0 Z1 + 0.5 X0 X1", 1],
  ];
  const expRows: (string | number)[][] = [];
  for (const [h, exact] of observables) {
    const v = Hamiltonian.fromString(h).expectation(psi);
    const sampled = Hamiltonian.fromString(h).expectation(psi, { shots, seed });
    check(v, exact);
    log(
      `<${h}> = ${v.toFixed(6)} (exact ${exact}; estimated from ${shots} shots: ${sampled.toFixed(3)})`,
    );
    expRows.push([h, exact, Number(v.toFixed(12)), Number(sampled.toFixed(4))]);
  }

  // 2. The GHZ state on n qubits.
  const ghz = ghzCircuit(nGhz);
  log(`GHZ circuit on ${nGhz} qubits:`);
  for (const line of ghz.toString().split("\n")) log(`  ${line}`);
  const phi = ghz.forward();
  const gp = phi.probabilities();
  const dim = 2 ** nGhz;
  for (let i = 0; i < dim; i++) check(gp[i]!, i === 0 || i === dim - 1 ? 0.5 : 0);
  const overlap = phi.innerProduct(State.ghz(nGhz));
  check(Math.hypot(overlap[0]!, overlap[1]!), 1);
  const ghzCounts = phi.measure(shots, { seed }) as Record<string, number>;
  log(`${shots} shots: ${JSON.stringify(ghzCounts)}`);
  const all0 = "0".repeat(nGhz);
  const all1 = "1".repeat(nGhz);
  countsOk &&= (ghzCounts[all0] ?? 0) + (ghzCounts[all1] ?? 0) === shots;
  countsOk &&= Math.abs((ghzCounts[all0] ?? 0) - shots / 2) <= 5 * sigma;
  // parity X...X = +1 and every Z_i Z_j = +1 on GHZ
  const xs = Array.from({ length: nGhz }, (_, q) => `X${q}`).join(" ");
  const xParity = Hamiltonian.fromString(xs).expectation(phi);
  const zz = Hamiltonian.fromString(`Z0 Z${nGhz - 1}`).expectation(phi);
  check(xParity, 1);
  check(zz, 1);
  log(`<${xs}> = ${xParity.toFixed(6)} (exact 1), <Z0 Z${nGhz - 1}> = ${zz.toFixed(6)} (exact 1)`);
  log(`largest deviation from the exact values: ${maxError.toExponential(2)}`);

  const pass = maxError <= 1e-12 && countsOk;
  return {
    headline: headline(
      "max |computed - exact|",
      maxError,
      "<= 1e-12 (and counts within 5 sigma)",
      pass,
    ),
    numbers: {
      shots,
      bellProbabilities: Array.from(probs),
      bellCounts,
      ghzQubits: nGhz,
      ghzCounts,
      expectations: Object.fromEntries(expRows.map((r) => [r[0], r[2]])),
      ghzXParity: xParity,
      maxError,
      countsWithin5Sigma: countsOk,
    },
    report: {
      title: "Quickstart: Bell and GHZ states",
      sections: [
        {
          heading: "Bell state",
          text: ["H on qubit 0 and a CNOT make (|00> + |11>)/sqrt 2. Qubit 0 is the leftmost bit."],
          pre: bell.toString(),
          figures: [countsFigure(`Bell state, ${shots} shots`, bellCounts)],
        },
        {
          heading: "Expectation values on the Bell state",
          table: { columns: ["observable", "exact", "computed", `${shots} shots`], rows: expRows },
        },
        {
          heading: `GHZ state on ${nGhz} qubits`,
          text: `<${xs}> = ${xParity.toFixed(6)}`,
          pre: ghz.toString(),
          figures: [countsFigure(`GHZ state, ${shots} shots`, ghzCounts)],
        },
      ],
    },
  };
}
