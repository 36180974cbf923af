/**
 * A hybrid classical-quantum classifier on the Iris data set: a classical linear layer with tanh
 * maps the four standardized measurements to four angles, a four-qubit circuit encodes them and
 * entangles, the expectation values <Z_q> feed a classical linear layer that gives the logits of
 * the three species. Every parameter, classical and quantum, trains together with Adam on the
 * cross-entropy, through the circuit's adjoint gradient with respect to its input data.
 */
import {
  Adam,
  Circuit,
  crossEntropy,
  expecVal,
  Linear,
  noGrad,
  Rng,
  stack,
  type Tensor,
  tensor,
} from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import { IRIS, IRIS_CLASSES } from "./data/iris.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "hybrid-classifier",
  category: "machine-learning",
  summary: "classical layers + a 4-qubit circuit classify Iris flowers; accuracy and loss curves",
  seconds: { full: 2, quick: 1 },
  target: { full: "test accuracy >= 0.9", quick: "test accuracy >= 0.9" },
};

/** Standardizes columns with the training set's mean and deviation. */
function standardize(rows: number[][], trainIdx: readonly number[]): number[][] {
  const d = rows[0]!.length;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const i of trainIdx) for (let j = 0; j < d; j++) mean[j]! += rows[i]![j]! / trainIdx.length;
  for (const i of trainIdx)
    for (let j = 0; j < d; j++) sd[j]! += (rows[i]![j]! - mean[j]!) ** 2 / trainIdx.length;
  return rows.map((r) => r.map((v, j) => (v - mean[j]!) / Math.sqrt(sd[j]!)));
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run hybrid-classifier` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const rng = new Rng(seed);
  // a stratified 70/30 split
  const trainIdx: number[] = [];
  const testIdx: number[] = [];
  for (let cls = 0; cls < 3; cls++) {
    const idx = rng.shuffle(IRIS.map((_, i) => i).filter((i) => IRIS[i]![4] === cls));
    trainIdx.push(...idx.slice(0, 35));
    testIdx.push(...idx.slice(35));
  }
  const x = standardize(
    IRIS.map((r) => [r[0], r[1], r[2], r[3]]),
    trainIdx,
  );
  const labels = IRIS.map((r) => r[4]);
  const xTrain = tensor(trainIdx.map((i) => x[i]!));
  const xTest = tensor(testIdx.map((i) => x[i]!));
  const yTrain = trainIdx.map((i) => labels[i]!);
  const yTest = testIdx.map((i) => labels[i]!);
  log(
    `Iris: ${trainIdx.length} training and ${testIdx.length} test flowers, 4 features, 3 species`,
  );

  const pre = new Linear(4, 4, { seed });
  const circuit = new Circuit(4, { seed: seed + 1 });
  circuit.angleEncoding({ gate: "ry", scale: Math.PI / 2 });
  circuit.complexEntangledLayer({ depth: 2 });
  const post = new Linear(4, 3, { seed: seed + 2 });
  const observables = [0, 1, 2, 3].map((q) => `Z${q}`);
  const forward = (xs: Tensor): Tensor => {
    const angles = pre.forward(xs).tanh();
    const psi = circuit.forward(undefined, angles);
    const z = stack(
      observables.map((h) => expecVal(psi, h)),
      1,
    );
    return post.forward(z);
  };
  const nParams = [pre, circuit, post].reduce(
    (s, m) => s + m.parameters().reduce((t, p) => t + p.size, 0),
    0,
  );
  log(
    `model: Linear(4, 4) + tanh -> 4-qubit circuit (${circuit.parameterCount} angles) -> <Z_q> -> Linear(4, 3); ${nParams} parameters`,
  );
  for (const line of circuit.toString().split("\n")) log(`  ${line}`);

  const accuracy = (logits: Tensor, ys: readonly number[]): number => {
    const pred = logits.argmax(1);
    return ys.filter((y, i) => pred[i] === y).length / ys.length;
  };
  const opt = new Adam([...pre.parameters(), ...circuit.parameters(), ...post.parameters()], {
    lr: 0.05,
  });
  const epochs = options.quick ? 80 : 200;
  const trainLoss: number[] = [];
  const testLoss: number[] = [];
  const trainAcc: number[] = [];
  const testAcc: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    opt.zeroGrad();
    const logits = forward(xTrain);
    const loss = crossEntropy(logits, yTrain);
    loss.backward();
    opt.step();
    trainLoss.push(loss.item());
    trainAcc.push(accuracy(logits, yTrain));
    noGrad(() => {
      const lt = forward(xTest);
      testLoss.push(crossEntropy(lt, yTest).item());
      testAcc.push(accuracy(lt, yTest));
    });
    if (epoch % 20 === 0 || epoch === epochs) {
      log(
        `epoch ${epoch}: loss ${fmt(trainLoss[epoch - 1]!, 4)} (test ${fmt(testLoss[epoch - 1]!, 4)}), accuracy ${fmt(trainAcc[epoch - 1]!, 3)} (test ${fmt(testAcc[epoch - 1]!, 3)})`,
      );
    }
    progress(epoch, epochs, `loss ${fmt(trainLoss[epoch - 1]!, 4)}`);
  }
  const finalTest = testAcc[epochs - 1]!;
  // the confusion matrix on the test set
  const predTest = noGrad(() => forward(xTest).argmax(1));
  const confusion = IRIS_CLASSES.map((_, t) =>
    IRIS_CLASSES.map((_, p) => yTest.filter((y, i) => y === t && predTest[i] === p).length),
  );
  log(`test confusion matrix (rows: true species): ${JSON.stringify(confusion)}`);

  return {
    headline: headline("test accuracy", finalTest, ">= 0.9", finalTest >= 0.9),
    numbers: {
      train: trainIdx.length,
      test: testIdx.length,
      parameters: nParams,
      epochs,
      trainAccuracy: trainAcc[epochs - 1],
      testAccuracy: finalTest,
      trainLoss,
      testLoss,
      confusion,
    },
    report: {
      title: "Hybrid classical-quantum classifier on Iris",
      sections: [
        {
          heading: "Model",
          text: [
            "Linear(4, 4) + tanh -> angle encoding (RY) on 4 qubits -> two complex entangled layers -> <Z_q> -> Linear(4, 3) -> softmax.",
            ...circuit.toString().split("\n"),
          ],
        },
        {
          heading: "Training",
          figures: [
            lineFigure("Cross-entropy loss", "epoch", "loss", [
              { name: "train", y: trainLoss },
              { name: "test", y: testLoss },
            ]),
            lineFigure("Accuracy", "epoch", "accuracy", [
              { name: "train", y: trainAcc },
              { name: "test", y: testAcc },
            ]),
          ],
        },
        {
          heading: "Test confusion matrix",
          table: {
            columns: ["true \\ predicted", ...IRIS_CLASSES],
            rows: confusion.map((row, t) => [IRIS_CLASSES[t]!, ...row]),
          },
        },
      ],
    },
  };
}
