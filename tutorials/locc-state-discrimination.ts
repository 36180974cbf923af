/**
 * Telling two orthogonal entangled states apart by LOCC, after Paddle Quantum's tutorial (and
 * Walgate et al. 2000: any two orthogonal pure states can be distinguished perfectly by LOCC).
 * Charlie gives Alice and Bob |psi> or |phi>, two random orthogonal 2-qubit states (rows of a
 * Haar-random unitary). Alice applies a trainable u3 and measures; Bob applies one of two
 * trainable u3s, chosen by Alice's bit, and measures; Bob's bit is the guess (0: psi, 1: phi).
 * The loss is the probability of a wrong guess, a sum of branch probabilities (differentiable
 * tensors), averaged over the two inputs. Without the classical message (Bob's u3 fixed whatever
 * Alice saw) the same training does worse: the communication is what makes it work.
 */
import {
  Adam,
  add,
  type Circuit,
  DensityMatrix,
  LoccNet,
  type LoccStatus,
  randomUnitary,
  State,
  successProbability,
  type Tensor,
  targetOverlap,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "locc-state-discrimination",
  category: "machine-learning",
  summary:
    "LOCC discrimination of two orthogonal entangled states: Alice measures, Bob's measurement depends on her bit",
  seconds: { full: 3, quick: 2 },
  target: {
    full: "success probability >= 0.999 for two random orthogonal states (300 Adam steps)",
    quick: "the same with 150 steps",
  },
};

const PAIR = [
  ["Alice", 0],
  ["Bob", 0],
] as const;

/** Rows `r` of a d x d interleaved unitary as a state. */
function rowState(u: Float64Array, r: number, d: number): State {
  const amps = Array.from({ length: d }, (_, j) => [u[2 * (r * d + j)]!, u[2 * (r * d + j) + 1]!]);
  return State.fromAmplitudes(amps as [number, number][]);
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run locc-state-discrimination` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress } = options;
  const u = randomUnitary(2, { seed: options.seed });
  const psi = rowState(u, 0, 4);
  const phi = rowState(u, 1, 4);
  const overlap = targetOverlap(DensityMatrix.fromState(psi), phi).item(); // |<phi|psi>|^2
  log(`|<psi|phi>|^2 = ${overlap.toExponential(2)} (orthogonal)`);

  const steps = options.quick ? 150 : 300;
  /** Trains Alice's u3 and Bob's (two if `communicate`, else one) and returns the error curve. */
  const train = (communicate: boolean) => {
    const net = new LoccNet();
    net.addParty("Alice", 1);
    net.addParty("Bob", 1);
    net.setInitialState(psi, [...PAIR]);
    const alice = net.localCircuit("Alice", { seed: options.seed * 10 });
    alice.u3(0);
    const bob: Circuit[] = (communicate ? [1, 2] : [1]).map((k) => {
      const c = net.localCircuit("Bob", { seed: options.seed * 10 + k });
      c.u3(0);
      return c;
    });
    /** The branches (Alice's bit, Bob's bit) of the protocol on `input`. */
    const branches = (input: State): LoccStatus[] =>
      net
        .measure(net.apply(net.startFrom(input, [...PAIR]), alice), [["Alice", 0]])
        .flatMap((s) => {
          const b = bob[communicate && s.outcomes[0] === "1" ? 1 : 0]!;
          return net.measure(net.apply(s, b), [["Bob", 0]]);
        });
    /** P(guess wrong) averaged over the two inputs: Bob's bit 1 on psi, 0 on phi. */
    const error = (): Tensor => {
      const wrong = (input: State, bit: string) => {
        const w = branches(input).filter((s) => s.outcomes[1] === bit);
        return w.length === 0 ? 0 : successProbability(w);
      };
      return add(wrong(psi, "1"), wrong(phi, "0")).div(2);
    };
    const opt = new Adam(net.parameters(), { lr: 0.1 });
    const history: number[] = [];
    for (let step = 0; step < steps; step++) {
      opt.zeroGrad();
      const loss = error();
      loss.backward();
      opt.step();
      history.push(loss.item());
      progress(
        step + 1,
        steps,
        `${communicate ? "LOCC" : "no message"}: error ${fmt(loss.item(), 5)}`,
      );
    }
    return { history, final: error().item() };
  };

  const locc = train(true);
  const silent = train(false);
  const success = 1 - locc.final;
  log(
    `success probability with Alice's message: ${fmt(success, 6)}; without it (Bob's u3 fixed): ${fmt(1 - silent.final, 6)}`,
  );
  const pass = success >= 0.999;
  return {
    headline: headline("success probability of the LOCC discrimination", success, ">= 0.999", pass),
    numbers: {
      overlapSquared: overlap,
      success,
      successWithoutMessage: 1 - silent.final,
      errorHistory: locc.history,
      errorHistoryWithoutMessage: silent.history,
    },
    report: {
      title: "State discrimination by LOCC",
      sections: [
        {
          heading: "Two random orthogonal states",
          text: [
            "Alice: u3, measure, send her bit. Bob: the u3 for that bit, measure; his bit is the guess. Loss: the probability of a wrong guess, averaged over the two inputs.",
            `Success probability ${fmt(success, 6)} with the message, ${fmt(1 - silent.final, 6)} with Bob's gate fixed; a global measurement would reach 1.`,
          ],
          figures: [
            lineFigure(
              "Error probability during training",
              "Adam step (count)",
              "probability of a wrong guess (dimensionless)",
              [
                { name: "LOCC (Bob's gate by Alice's bit)", y: locc.history },
                { name: "no message (one gate for Bob)", y: silent.history },
              ],
              { logY: true },
            ),
          ],
        },
      ],
    },
  };
}
