/**
 * A hybrid classical-quantum classifier on the Iris data set: a classical linear layer with tanh
 * maps the four standardized measurements to four angles, a four-qubit circuit encodes them and
 * entangles, the expectation values <Z_q> feed a classical linear layer that gives the logits of
 * the three species. Every parameter, classical and quantum, trains together with Adam on the
 * cross-entropy, through the circuit's adjoint gradient with respect to its input data.
 */
import { Circuit, datasets, expecVal, fit, Linear, Module, noGrad, stack, type Tensor } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "hybrid-classifier",
  category: "machine-learning",
  summary: "classical layers + a 4-qubit circuit classify Iris flowers; accuracy and loss curves",
  seconds: { full: 2, quick: 1 },
  target: { full: "test accuracy >= 0.9", quick: "test accuracy >= 0.9" },
};

/** Linear(4, 4) + tanh -> angle encoding and two complex entangled layers -> <Z_q> -> Linear(4, 3). */
class HybridModel extends Module {
  readonly pre: Linear;
  readonly circuit: Circuit;
  readonly post: Linear;

  constructor(seed: number) {
    super();
    this.pre = new Linear(4, 4, { seed });
    this.circuit = new Circuit(4, { seed: seed + 1 });
    this.circuit.angleEncoding({ gate: "ry", scale: Math.PI / 2 });
    this.circuit.complexEntangledLayer({ depth: 2 });
    this.post = new Linear(4, 3, { seed: seed + 2 });
    this.registerModule("pre", this.pre);
    this.registerModule("circuit", this.circuit);
    this.registerModule("post", this.post);
  }

  override forward(xs: Tensor): Tensor {
    const psi = this.circuit.forward(undefined, this.pre.forward(xs).tanh());
    return this.post.forward(
      stack(
        [0, 1, 2, 3].map((q) => expecVal(psi, `Z${q}`)),
        1,
      ),
    );
  }
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run hybrid-classifier` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const iris = datasets.iris();
  const split = datasets.trainTestSplit(iris, { testFraction: 0.3, stratify: true, seed });
  const scaled = datasets.standardize(split.train);
  const train = scaled.data;
  const test = datasets.standardize(split.test, scaled.scaling).data;
  const classes = iris.classNames;
  log(`Iris: ${train.nSamples} training and ${test.nSamples} test flowers, 4 features, 3 species`);
  const model = new HybridModel(seed);
  const { circuit } = model;
  const nParams = model.parameters().reduce((t, p) => t + p.size, 0);
  log(
    `model: Linear(4, 4) + tanh -> 4-qubit circuit (${circuit.parameterCount} angles) -> <Z_q> -> Linear(4, 3); ${nParams} parameters`,
  );
  for (const line of circuit.toString().split("\n")) log(`  ${line}`);
  const epochs = options.quick ? 80 : 200;
  const { history } = fit(model, train, {
    epochs,
    validation: test,
    seed,
    progress: { update: (step, total, status) => progress(step, total, status) },
    onEpoch: (e) => {
      if (e.epoch % 20 === 0 || e.epoch === epochs)
        log(
          `epoch ${e.epoch}: loss ${fmt(e.loss, 4)} (test ${fmt(e.valLoss!, 4)}), accuracy ${fmt(e.accuracy, 3)} (test ${fmt(e.valAccuracy!, 3)})`,
        );
    },
  });
  const trainLoss = history.map((e) => e.loss);
  const testLoss = history.map((e) => e.valLoss!);
  const trainAcc = history.map((e) => e.accuracy);
  const testAcc = history.map((e) => e.valAccuracy!);
  const yTest = Array.from(test.y);
  const xTest = test.x;
  const finalTest = testAcc[epochs - 1]!;
  // the confusion matrix on the test set
  const predTest = noGrad(() => model.forward(xTest).argmax(1));
  const confusion = classes.map((_, t) =>
    classes.map((_, p) => yTest.filter((y, i) => y === t && predTest[i] === p).length),
  );
  log(`test confusion matrix (rows: true species): ${JSON.stringify(confusion)}`);

  return {
    headline: headline("test accuracy", finalTest, ">= 0.9", finalTest >= 0.9),
    numbers: {
      train: train.nSamples,
      test: test.nSamples,
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
            columns: ["true \\ predicted", ...classes],
            rows: confusion.map((row, t) => [classes[t]!, ...row]),
          },
        },
      ],
    },
  };
}
