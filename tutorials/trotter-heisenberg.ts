/**
 * Trotter vs exact for the Heisenberg chain. H = sum_i (X_i X_(i+1) + Y_i Y_(i+1) + Z_i Z_(i+1))
 * on an open chain (units: J = hbar = 1, so time is in 1/J), started in the Neel state |0101...>.
 * The exact state exp(-i t H)|Neel> comes from `State.evolve` (a Krylov exponential, no matrix);
 * the approximations from `trotterCircuit(H, t, { steps, order })` for orders 1, 2 and 4. The
 * infidelity 1 - |<exact|Trotter>|^2 falls as steps^(-2p) for order p: the log-log plot shows
 * three straight lines of slopes -2, -4, -8, and a second plot puts the same errors against the
 * number of Pauli rotations, the circuit's cost. The staggered magnetization over time shows what
 * the error looks like in an observable.
 */
import { chainLattice, Hamiltonian, heisenberg, infidelity, State, trotterCircuit } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "trotter-heisenberg",
  category: "theory",
  summary:
    "Trotter-Suzuki circuits (orders 1, 2, 4) vs exact evolution of the Heisenberg chain: infidelity ~ steps^-2p",
  seconds: { full: 6, quick: 2 },
  target: {
    full: "fitted infidelity exponents within 0.3 of -2p for p = 1, 2, 4 (10 sites, t = 1 / J)",
    quick: "the same on 6 sites",
  },
};

/** Least-squares slope of y against x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const m = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / m;
  const my = y.reduce((s, v) => s + v, 0) / m;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run trotter-heisenberg` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress } = options;
  const n = options.quick ? 6 : 10;
  const t = 1;
  const H = heisenberg(chainLattice(n));
  const neel = State.basis(n, "01".repeat(n / 2));
  const exact = neel.evolve(H, t, { tol: 1e-13 });
  log(`Heisenberg chain, ${n} sites, ${H.nTerms} terms; Neel start, t = ${t} / J`);
  const orders = [1, 2, 4] as const;
  const stepsList = options.quick ? [4, 8, 16, 32, 64] : [4, 8, 16, 32, 64, 128];
  const infid: Record<number, number[]> = {};
  const gates: Record<number, number[]> = {};
  let done = 0;
  for (const p of orders) {
    infid[p] = [];
    gates[p] = [];
    for (const steps of stepsList) {
      const c = trotterCircuit(H, t, { steps, order: p });
      infid[p]!.push(infidelity(c.forward(neel), exact));
      gates[p]!.push(c.gateCount);
      progress(++done, orders.length * stepsList.length, `order ${p}, ${steps} steps`);
    }
    log(
      `order ${p}: infidelity ${infid[p]!.map((e) => e.toExponential(2)).join(", ")} at steps ${stepsList.join(", ")}`,
    );
  }
  // the asymptotic exponent: fit the last three points above the exact evolution's accuracy
  const fits = orders.map((p) => {
    const pts = stepsList
      .map((s, i) => [Math.log(s), Math.log(infid[p]![i]!)] as const)
      .filter((_, i) => infid[p]![i]! > 1e-20)
      .slice(-3);
    return slope(
      pts.map((q) => q[0]),
      pts.map((q) => q[1]),
    );
  });
  orders.forEach((p, i) => {
    log(`order ${p}: fitted exponent ${fmt(fits[i]!, 3)} (expected ${-2 * p})`);
  });
  const worst = Math.max(...orders.map((p, i) => Math.abs(fits[i]! + 2 * p)));

  // an observable: the staggered magnetization sum_i (-1)^i <Z_i> / n over time
  const stag = new Hamiltonian(
    Array.from({ length: n }, (_, i) => [(i % 2 === 0 ? 1 : -1) / n, `Z${i}`] as [number, string]),
  );
  const times = Array.from({ length: 21 }, (_, k) => (k * t) / 20);
  const exactM: number[] = [];
  const coarseM: number[] = [];
  const coarseSteps = 2;
  for (const tk of times) {
    exactM.push(neel.evolve(H, tk).expecVal(stag));
    coarseM.push(
      trotterCircuit(H, tk, { steps: coarseSteps, order: 1 }).forward(neel).expecVal(stag),
    );
  }
  const pass = worst <= 0.3;
  return {
    headline: headline(
      "max |fitted infidelity exponent + 2p|",
      worst,
      "<= 0.3 for p = 1, 2, 4",
      pass,
    ),
    numbers: {
      n,
      t,
      steps: stepsList,
      infidelity: infid,
      gates,
      fittedExponents: fits,
      times,
      exactM,
      coarseM,
    },
    report: {
      title: "Trotter-Suzuki circuits vs exact evolution: the Heisenberg chain",
      sections: [
        {
          heading: `Infidelity against Trotter steps (${n} sites, t = ${t} / J)`,
          text: `Exact state from State.evolve (Krylov, tol 1e-13). Fitted exponents: ${orders.map((p, i) => `order ${p}: ${fmt(fits[i]!, 3)}`).join(", ")} (expected -2, -4, -8).`,
          figures: [
            lineFigure(
              "Trotter infidelity vs steps (log-log)",
              "Trotter steps r (count)",
              "infidelity 1 - |<exact|Trotter>|^2 (dimensionless)",
              orders.map((p) => ({
                name: `order ${p}`,
                x: stepsList,
                y: infid[p]!,
                mode: "lines+markers",
              })),
              { logY: true, logX: true },
            ),
            lineFigure(
              "Trotter infidelity vs circuit cost",
              "Pauli rotations in the circuit (count)",
              "infidelity 1 - |<exact|Trotter>|^2 (dimensionless)",
              orders.map((p) => ({
                name: `order ${p}`,
                x: gates[p]!,
                y: infid[p]!,
                mode: "lines+markers",
              })),
              { logY: true, logX: true },
            ),
          ],
          table: {
            columns: ["steps", ...orders.map((p) => `order ${p}`)],
            rows: stepsList.map((s, i) => [
              s,
              ...orders.map((p) => infid[p]![i]!.toExponential(3)),
            ]),
          },
        },
        {
          heading: "Staggered magnetization",
          text: `m(t) = sum_i (-1)^i <Z_i> / ${n}: exact, and first-order Trotter with only ${coarseSteps} steps at every time (its error grows with t).`,
          figures: [
            lineFigure(
              "Staggered magnetization of the Neel state",
              "time t (1/J)",
              "m(t) (dimensionless)",
              [
                { name: "exact", x: times, y: exactM },
                {
                  name: `Trotter order 1, ${coarseSteps} steps`,
                  x: times,
                  y: coarseM,
                  mode: "lines+markers",
                },
              ],
            ),
          ],
        },
      ],
    },
  };
}
