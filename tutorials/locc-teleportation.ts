/**
 * Quantum teleportation as an LOCC protocol (`LoccNet`). Alice holds the input qubit A0 and her
 * half A1 of a Bell pair shared with Bob (B0). She applies CNOT(A0 -> A1) and H(A0), measures
 * both and tells Bob the two bits m0 m1; Bob applies the correction chosen by them. The textbook
 * correction is Z^m0 X^m1: every branch (probability 1/4 each) leaves Bob exactly the input
 * state, checked on Paddle Quantum's tutorial-style input u3(1.1, 0.7, -0.4)|0> through Bob's
 * Bloch vector and on random states. Then LOCCNet learns the corrections: Bob gets one trainable
 * u3 per message, trained on four random inputs with the probability-weighted loss
 * sum_branches p (1 - F); on unseen states the learned protocol teleports as well. Without any
 * correction the average fidelity is 1/2.
 */
import {
  Adam,
  add,
  Circuit,
  DensityMatrix,
  Hamiltonian,
  LoccNet,
  type LoccStatus,
  neg,
  probabilityWeighted,
  State,
  type Tensor,
  targetOverlap,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "locc-teleportation",
  category: "basics",
  summary:
    "Teleportation as LOCC: Alice measures, Bob corrects by her message; the textbook corrections and learned ones",
  seconds: { full: 5, quick: 3 },
  target: {
    full: "textbook protocol: |1 - F| <= 1e-12 in every branch; learned corrections (400 Adam steps): mean fidelity on 20 unseen states >= 0.999",
    quick: "the same with 250 steps, tested on 8 unseen states",
  },
};

const ALICE_MEASURED = [
  ["Alice", 0],
  ["Alice", 1],
] as const;

/** u3(theta, phi, lambda)|0> as a State. */
function u3State(theta: number, phi: number, lambda: number): State {
  const c = new Circuit(1);
  c.u3(0, { param: [theta, phi, lambda] });
  return c.forward();
}

/** Bloch vector (<X>, <Y>, <Z>) of a 1-qubit density matrix. */
function bloch(rho: DensityMatrix): number[] {
  return ["X0", "Y0", "Z0"].map((p) => rho.expecVal(Hamiltonian.fromString(p)));
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run locc-teleportation` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress } = options;
  const net = new LoccNet();
  net.addParty("Alice", 2);
  net.addParty("Bob", 1);
  net.setInitialState(State.bell(), [
    ["Alice", 1],
    ["Bob", 0],
  ]);
  const alice = net.localCircuit("Alice");
  alice.cnot([0, 1]);
  alice.h(0);
  // Bob's textbook corrections, by Alice's message m0 m1: X^m1 first, then Z^m0
  const textbook = new Map<string, Circuit>();
  for (const m of ["00", "01", "10", "11"]) {
    const c = net.localCircuit("Bob");
    if (m[1] === "1") c.x(0);
    if (m[0] === "1") c.z(0);
    textbook.set(m, c);
  }
  /** Alice's half of the protocol on input psi: the four branches, Bob's qubit left. */
  const aliceSide = (psi: State): LoccStatus[] => {
    const start = net.startFrom(psi, [["Alice", 0]]);
    return net.measure(net.apply(start, alice), ALICE_MEASURED, "all", { discard: true });
  };
  const finish = (branches: LoccStatus[], bob: Map<string, Circuit> | undefined) =>
    branches.map((s) => (bob ? net.apply(s, bob.get(s.outcomes[0]!)!) : s));

  // 1. the textbook protocol on the named input
  const named = u3State(1.1, 0.7, -0.4);
  const namedBranches = finish(aliceSide(named), textbook);
  const want = bloch(DensityMatrix.fromState(named));
  let worstBloch = 0;
  let worstTextbook = 0;
  const branchRows: (string | number)[][] = [];
  for (const b of namedBranches) {
    const got = bloch(b.state);
    worstBloch = Math.max(worstBloch, ...got.map((x, k) => Math.abs(x - want[k]!)));
    const F = targetOverlap(b.state, named).item();
    worstTextbook = Math.max(worstTextbook, Math.abs(1 - F));
    branchRows.push([
      b.outcomes[0]!,
      fmt(b.probability.item(), 6),
      got.map((x) => fmt(x, 6)).join(", "),
      fmt(F, 12),
    ]);
  }
  log(
    `input u3(1.1, 0.7, -0.4)|0>, Bloch (${want.map((x) => fmt(x, 6)).join(", ")}): max Bloch error over the 4 branches ${worstBloch.toExponential(2)}`,
  );

  // 2. textbook vs no correction on random inputs
  const nTest = options.quick ? 8 : 20;
  const tests = Array.from({ length: nTest }, (_, i) =>
    State.random(1, { seed: options.seed * 1000 + 100 + i }),
  );
  const averageFidelity = (psi: State, bob: Map<string, Circuit> | undefined): Tensor =>
    probabilityWeighted(finish(aliceSide(psi), bob), (s) => targetOverlap(s.state, psi));
  const uncorrected = tests.map((psi) => averageFidelity(psi, undefined).item());
  for (const psi of tests)
    for (const b of finish(aliceSide(psi), textbook))
      worstTextbook = Math.max(worstTextbook, Math.abs(1 - targetOverlap(b.state, psi).item()));
  log(
    `textbook corrections: max |1 - F| over every branch of ${nTest + 1} inputs ${worstTextbook.toExponential(2)}; no correction: mean F ${fmt(mean(uncorrected), 4)}`,
  );

  // 3. LOCCNet: Bob learns one u3 per message
  const learned = new Map<string, Circuit>();
  ["00", "01", "10", "11"].forEach((m, k) => {
    const c = net.localCircuit("Bob", { seed: options.seed * 10 + k });
    c.u3(0);
    learned.set(m, c);
  });
  const training = Array.from({ length: 4 }, (_, i) =>
    State.random(1, { seed: options.seed * 1000 + i }),
  );
  const trainable = [...learned.values()].flatMap((c) => c.parameters());
  const opt = new Adam(trainable, { lr: 0.2 });
  const steps = options.quick ? 250 : 400;
  const lossHistory: number[] = [];
  for (let step = 0; step < steps; step++) {
    opt.zeroGrad();
    // sum over inputs and branches of p (1 - F), averaged over the inputs
    const loss = training
      .map((psi) =>
        probabilityWeighted(finish(aliceSide(psi), learned), (s) =>
          add(neg(targetOverlap(s.state, psi)), 1),
        ),
      )
      .reduce((a, b) => add(a, b))
      .div(training.length);
    loss.backward();
    opt.step();
    lossHistory.push(loss.item());
    progress(step + 1, steps, `loss ${fmt(loss.item(), 5)}`);
  }
  const learnedFidelity = tests.map((psi) => averageFidelity(psi, learned).item());
  const learnedMean = mean(learnedFidelity);
  log(
    `learned corrections after ${steps} steps: training loss ${lossHistory[steps - 1]!.toExponential(2)}; mean fidelity on ${nTest} unseen states ${fmt(learnedMean, 6)}`,
  );
  const pass = worstTextbook <= 1e-12 && worstBloch <= 1e-12 && learnedMean >= 0.999;
  return {
    headline: headline(
      "mean fidelity of the learned protocol on unseen inputs",
      learnedMean,
      ">= 0.999, with the textbook protocol exact (|1 - F| <= 1e-12)",
      pass,
    ),
    numbers: {
      namedInputBloch: want,
      namedBranches: namedBranches.map((b) => ({
        outcome: b.outcomes[0],
        probability: b.probability.item(),
        bloch: bloch(b.state),
      })),
      worstBlochError: worstBloch,
      worstTextbookInfidelity: worstTextbook,
      uncorrectedFidelity: uncorrected,
      learnedFidelity,
      lossHistory,
    },
    report: {
      title: "Quantum teleportation as an LOCC protocol",
      sections: [
        {
          heading: "The textbook protocol",
          text: [
            "Alice: CNOT(A0 -> A1), H(A0), measure A0 A1 and send m0 m1. Bob: X^m1, then Z^m0.",
            `Input u3(1.1, 0.7, -0.4)|0>: Bob's Bloch vector equals the input's in every branch to ${worstBloch.toExponential(2)}.`,
          ],
          table: {
            columns: ["message m0 m1", "probability", "Bob's Bloch vector", "fidelity"],
            rows: branchRows,
          },
        },
        {
          heading: "Learned corrections",
          text: `Bob trains one u3 per message (12 angles) on 4 random inputs with the probability-weighted loss. Mean fidelity on ${nTest} unseen inputs: learned ${fmt(learnedMean, 6)}, textbook 1, no correction ${fmt(mean(uncorrected), 4)}.`,
          figures: [
            lineFigure(
              "Training loss",
              "Adam step (count)",
              "mean of sum_branches p (1 - F) (dimensionless)",
              [{ name: "loss", y: lossHistory }],
              { logY: true },
            ),
            lineFigure(
              "Fidelity on unseen inputs",
              "test input (index)",
              "average fidelity over branches (dimensionless)",
              [
                { name: "learned", y: learnedFidelity, mode: "markers" },
                { name: "no correction", y: uncorrected, mode: "markers" },
              ],
              { integerX: true },
            ),
          ],
        },
      ],
    },
  };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
