/**
 * A quantum classifier on circle data: points in the square [-1, 1]^2, labelled by whether they
 * lie inside the circle of radius sqrt(2 / pi) (half the area). The library's data re-uploading
 * classifier (two qubits; per layer the same two features are encoded again, then a trainable
 * U3 on each qubit and a CZ) is trained by `fit` on the cross-entropy of p(class) measured on
 * qubit 0; the decision boundary p = 1/2 is drawn as a heatmap.
 */
import { datasets, fit, noGrad, type Tensor, tensor, VariationalClassifier } from "qoar";
import { fmt, headline, lineFigure } from "./common.js";
import type { TutorialMeta, TutorialOptions, TutorialResult } from "./types.js";

/** What `qoar tutorial list` shows, and the targets. */
export const meta: TutorialMeta = {
  name: "quantum-classifier",
  category: "machine-learning",
  summary:
    "a data re-uploading circuit classifies points inside/outside a circle; decision boundary",
  seconds: { full: 15, quick: 6 },
  target: { full: "test accuracy >= 95%", quick: "test accuracy >= 95%" },
};

const RADIUS2 = 2 / Math.PI;

/** p(class 1) for every row of x. */
function pInside(clf: VariationalClassifier, x: Tensor): Float64Array {
  const logp = noGrad(() => clf.forward(x));
  return Float64Array.from({ length: x.shape[0]! }, (_, i) => Math.exp(logp.data[2 * i + 1]!));
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run quantum-classifier` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const layers = 6;
  const nTrain = options.quick ? 300 : 500;
  const nTest = options.quick ? 200 : 400;
  const epochs = options.quick ? 200 : 300;
  const { train, test } = datasets.trainTestSplit(datasets.circle(nTrain + nTest, { seed }), {
    testFraction: nTest / (nTrain + nTest),
    seed,
  });
  log(`circle data: ${nTrain} training and ${nTest} test points in [-1, 1]^2, radius^2 = 2/pi`);
  const clf = new VariationalClassifier({ nQubits: 2, nFeatures: 2, layers, seed });
  const parameters = clf.circuit.parameterCount;
  log(`classifier: 2 qubits, ${layers} re-uploading layers, ${parameters} parameters`);
  const { history } = fit(clf, train, {
    epochs,
    validation: test,
    seed,
    progress: { update: (step, total, status) => progress(step, total, status) },
    onEpoch: (e) => {
      if (e.epoch % 50 === 0 || e.epoch === epochs)
        log(
          `epoch ${e.epoch}: loss ${fmt(e.loss, 4)}, train accuracy ${fmt(e.accuracy, 3)}, test accuracy ${fmt(e.valAccuracy!, 3)}`,
        );
    },
  });
  const losses = history.map((e) => e.loss);
  const trainAcc = history.map((e) => e.accuracy);
  const testAcc = history.map((e) => e.valAccuracy!);
  const finalTest = testAcc[testAcc.length - 1]!;
  const point = (d: typeof test, i: number) => [d.x.data[2 * i]!, d.x.data[2 * i + 1]!];
  const testPoints = Array.from({ length: test.nSamples }, (_, i) => point(test, i));

  // the decision boundary: p(class 1) on a grid
  const grid = options.quick ? 31 : 61;
  const axis = Array.from({ length: grid }, (_, i) => -1 + (2 * i) / (grid - 1));
  const gridPoints: [number, number][] = [];
  for (const y of axis) for (const x of axis) gridPoints.push([x, y]);
  const pGrid = pInside(clf, tensor(gridPoints));
  const z = axis.map((_, row) => Array.from(pGrid.subarray(row * grid, (row + 1) * grid)));
  const circle = Array.from({ length: 101 }, (_, i) => (2 * Math.PI * i) / 100);
  const r = Math.sqrt(RADIUS2);
  const byClass = (cls: number) => testPoints.filter((_, i) => test.y[i] === cls);

  return {
    headline: headline("test accuracy", finalTest, ">= 0.95", finalTest >= 0.95),
    numbers: {
      trainPoints: nTrain,
      testPoints: nTest,
      layers,
      parameters,
      epochs,
      finalLoss: losses[losses.length - 1],
      trainAccuracy: trainAcc[trainAcc.length - 1],
      testAccuracy: finalTest,
      losses,
    },
    report: {
      title: "Quantum classifier on circle data",
      sections: [
        {
          heading: "Decision boundary",
          text: `p(inside) over the square, with the test points and the true circle. Test accuracy ${fmt(finalTest, 3)}.`,
          figures: [
            {
              data: [
                {
                  type: "heatmap",
                  x: axis,
                  y: axis,
                  z,
                  colorscale: "RdBu",
                  zmin: 0,
                  zmax: 1,
                  name: "p(inside)",
                },
                ...[0, 1].map((cls) => ({
                  type: "scatter",
                  mode: "markers",
                  name: cls === 1 ? "test: inside" : "test: outside",
                  x: byClass(cls).map((p) => p[0]),
                  y: byClass(cls).map((p) => p[1]),
                  marker: {
                    size: 5,
                    color: cls === 1 ? "#b2182b" : "#2166ac",
                    line: { width: 1, color: "white" },
                  },
                })),
                {
                  type: "scatter",
                  mode: "lines",
                  name: "true boundary",
                  x: circle.map((t) => r * Math.cos(t)),
                  y: circle.map((t) => r * Math.sin(t)),
                  line: { color: "black", dash: "dash" },
                },
              ],
              layout: {
                title: { text: "p(inside) over the feature square" },
                xaxis: { title: { text: "feature x1" }, range: [-1.05, 1.05], constrain: "domain" },
                yaxis: { title: { text: "feature x2" }, range: [-1.05, 1.05], scaleanchor: "x" },
                legend: { orientation: "h", y: -0.12 },
              },
            },
          ],
        },
        {
          heading: "Training",
          figures: [
            lineFigure("Loss", "epoch", "cross-entropy", [{ name: "train", y: losses }]),
            lineFigure("Accuracy", "epoch", "accuracy", [
              { name: "train", y: trainAcc },
              {
                name: "test",
                y: testAcc,
              },
            ]),
          ],
        },
      ],
    },
  };
}
