/**
 * A distillation protocol learned with LOCCNet that beats DEJMPS, on the input of Paddle Quantum's
 * LOCCNet tutorial: four copies of the isotropic state rho = 0.7 |Phi+><Phi+| + 0.3 I/4
 * (fidelity 0.775). Alice holds A0..A3, Bob B0..B3; each runs a trainable circuit on their four
 * qubits (u3 on every qubit, a CNOT ring, u3 again), both measure qubits 1..3 and they keep
 * (A0, B0) when every pair of outcomes agrees (8 of the 64 outcome records): one round of
 * communication. The training loss is Paddle's: sum over the 8 kept branches of 1 - F_i, F_i the
 * fidelity of branch i's normalized pair (it asks every kept branch to be good). What is reported
 * is the fidelity of the kept pair itself, sum_i p_i F_i / sum_i p_i with the branch
 * probabilities p_i, and the success probability sum_i p_i. Some random starts end in a local
 * optimum near F = 0.875 (seeds 3 and 7 of 1..7), so the full run trains three starts and keeps
 * the best; the quick run trains one (seed 1 reaches 0.9366 in 80 steps).
 *
 * The yardstick is DEJMPS applied twice (pairs 0+1 and 2+3, then the two results), which also
 * consumes four pairs (and needs two rounds of communication): fidelity 0.9248.
 */
import {
  Adam,
  add,
  div,
  isotropicState,
  LoccNet,
  neg,
  probabilityWeighted,
  type QubitRef,
  successProbability,
  targetOverlap,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import { PHI_PLUS, recurrenceRound, successfulPair } from "./locc/protocols.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "locc-distillation-learned",
  category: "machine-learning",
  summary:
    "LOCCNet learns a 4 -> 1 distillation protocol for isotropic pairs (p = 0.7) that beats nested DEJMPS",
  seconds: { full: 35, quick: 7 },
  target: {
    full: "learned fidelity > nested DEJMPS's 0.92480 (best of 3 starts, 150 Adam steps each)",
    quick: "the same from one start, 80 steps",
  },
};

/** The measured pairs (A_j, B_j), j = 1..3, and the agreeing outcome records kept. */
const MEASURED: QubitRef[] = [1, 2, 3].flatMap((j) => [["Alice", j] as const, ["Bob", j] as const]);
const AGREEING = Array.from({ length: 8 }, (_, m) =>
  [2, 1, 0].map((bit) => ((m >> bit) & 1 ? "11" : "00")).join(""),
);

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run locc-distillation-learned` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress } = options;
  const p = 0.7;
  const input = isotropicState(2, p);
  const inputFidelity = targetOverlap(input, PHI_PLUS).item();

  // the yardstick: DEJMPS on two pairs, twice
  const first = recurrenceRound(input, "dejmps");
  const second = recurrenceRound(first.state, "dejmps");
  const dejmps = {
    fidelity: second.fidelity,
    probability: first.probability * first.probability * second.probability,
  };
  log(
    `input fidelity ${fmt(inputFidelity, 5)}; nested DEJMPS: fidelity ${fmt(dejmps.fidelity, 5)}, success probability ${fmt(dejmps.probability, 5)}`,
  );

  /** One trainable protocol: both parties' circuits (seeded), its branches and one Adam step. */
  const candidate = (seed: number) => {
    const net = new LoccNet();
    net.addParty("Alice", 4);
    net.addParty("Bob", 4);
    for (let j = 0; j < 4; j++)
      net.setInitialState(input, [
        ["Alice", j],
        ["Bob", j],
      ]);
    const circuits = ["Alice", "Bob"].map((party, k) => {
      const c = net.localCircuit(party, { seed: seed * 10 + k });
      c.u3("full");
      c.cnot("cycle");
      c.u3("full");
      return c;
    });
    const start = net.initialStatus();
    const protocol = () => {
      const status = circuits.reduce((s, c) => net.apply(s, c), start);
      return net.measure(status, MEASURED, AGREEING, { discard: true });
    };
    const opt = new Adam(net.parameters(), { lr: 0.2 });
    const history: number[] = [];
    const step = () => {
      opt.zeroGrad();
      const kept = protocol();
      const loss = kept
        .map((s) => add(neg(targetOverlap(s.state, PHI_PLUS)), 1))
        .reduce((a, b) => add(a, b));
      loss.backward();
      opt.step();
      const fidelity = div(
        probabilityWeighted(kept, (s) => targetOverlap(s.state, PHI_PLUS)),
        successProbability(kept),
      );
      history.push(fidelity.item());
    };
    return { net, protocol, step, history };
  };

  // some starts end in a local optimum near F = 0.875 (seeds 3 and 7 of 1..7 with one start):
  // the full run trains three starts and keeps the best, the quick run one
  const starts = options.quick ? 1 : 3;
  const steps = options.quick ? 80 : 150;
  let done = 0;
  const candidates = Array.from({ length: starts }, (_, k) => candidate(options.seed + 1000 * k));
  for (const [k, c] of candidates.entries()) {
    for (let i = 0; i < steps; i++) {
      c.step();
      progress(++done, starts * steps, `start ${k + 1}: fidelity ${fmt(c.history.at(-1)!, 5)}`);
      if (i % 25 === 0 || i === steps - 1)
        log(`start ${k + 1}, step ${i}: kept-pair fidelity ${fmt(c.history.at(-1)!, 6)}`);
    }
  }
  const finals = candidates.map((c) => successfulPair(c.protocol()).fidelity);
  const best = candidates[finals.indexOf(Math.max(...finals))]!;
  if (starts > 1)
    log(
      `kept-pair fidelity of the ${starts} starts: ${finals.map((f) => fmt(f, 5)).join(", ")}; keeping the best`,
    );
  const { net, protocol, history } = best;
  const learned = successfulPair(protocol());
  const margin = learned.fidelity - dejmps.fidelity;
  log(
    `learned protocol: fidelity ${fmt(learned.fidelity, 5)} (nested DEJMPS ${fmt(dejmps.fidelity, 5)}), success probability ${fmt(learned.probability, 5)} (DEJMPS ${fmt(dejmps.probability, 5)})`,
  );
  const pass = margin > 0;
  return {
    headline: headline(
      "learned fidelity - nested DEJMPS fidelity (4 isotropic pairs, p = 0.7)",
      margin,
      `> 0 (DEJMPS: ${fmt(dejmps.fidelity, 5)})`,
      pass,
    ),
    numbers: {
      p,
      inputFidelity,
      dejmps,
      learned: { fidelity: learned.fidelity, probability: learned.probability },
      history,
      finals,
      steps,
    },
    report: {
      title: "LOCCNet distillation of four isotropic pairs",
      sections: [
        {
          heading: "Training",
          text: [
            `Input: four copies of 0.7 |Phi+><Phi+| + 0.3 I/4, fidelity ${fmt(inputFidelity, 4)}. Alice and Bob each train u3 - CNOT ring - u3 on their four qubits (${net.parameters().reduce((s, q) => s + q.data.length, 0)} angles), measure qubits 1..3 and keep pair 0 when all three outcome pairs agree.`,
            "Training loss (Paddle Quantum's): the sum over the kept branches of 1 - F_i for each branch's normalized pair. Reported: the kept pair's fidelity sum_i p_i F_i / sum_i p_i.",
            `Learned: fidelity ${fmt(learned.fidelity, 5)} with success probability ${fmt(learned.probability, 5)}. Nested DEJMPS (two rounds of communication): fidelity ${fmt(dejmps.fidelity, 5)} with success probability ${fmt(dejmps.probability, 5)}.`,
          ],
          figures: [
            lineFigure(
              "Kept-pair fidelity during training",
              "Adam step (count)",
              "fidelity with Phi+ (dimensionless)",
              [
                { name: "LOCCNet", y: history },
                { name: "nested DEJMPS", y: history.map(() => dejmps.fidelity) },
                { name: "input pair", y: history.map(() => inputFidelity) },
              ],
            ),
          ],
          table: {
            columns: ["protocol", "fidelity", "success probability"],
            rows: [
              ["input pair", fmt(inputFidelity, 5), "1"],
              ["nested DEJMPS", fmt(dejmps.fidelity, 5), fmt(dejmps.probability, 5)],
              ["LOCCNet (learned)", fmt(learned.fidelity, 5), fmt(learned.probability, 5)],
            ],
          },
        },
      ],
    },
  };
}
