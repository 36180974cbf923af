/**
 * A quantum classifier on circle data: points in the square [-1, 1]^2, labelled by whether they
 * lie inside the circle of radius sqrt(2 / pi) (half the area). A two-qubit data re-uploading
 * circuit (encode, train, entangle; repeated) outputs p = (1 - <Z0>) / 2, trained with Adam on the
 * mean squared error; the decision boundary p = 1/2 is drawn as a heatmap.
 */
import { Adam, Circuit, expecVal, mseLoss, noGrad, Rng, type Tensor, tensor } from "qoar";
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

interface Dataset {
  points: [number, number][];
  labels: number[];
}

function circleData(n: number, rng: Rng): Dataset {
  const points: [number, number][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.uniformIn(-1, 1);
    const y = rng.uniformIn(-1, 1);
    points.push([x, y]);
    labels.push(x * x + y * y < RADIUS2 ? 1 : 0);
  }
  return { points, labels };
}

/** Features per layer: (x, y) repeated once per re-uploading layer. */
function features(points: readonly (readonly [number, number])[], layers: number): Tensor {
  return tensor(points.map(([x, y]) => Array.from({ length: layers }, () => [x, y]).flat()));
}

function classifier(layers: number, seed: number): Circuit {
  const c = new Circuit(2, { seed });
  for (let l = 0; l < layers; l++) {
    c.angleEncoding({ gate: "ry", scale: Math.PI / 2 });
    c.u3("full");
    c.cz([0, 1]);
  }
  c.u3("full");
  return c;
}

/** p(class 1) = (1 - <Z0>) / 2 for every point. */
function predict(c: Circuit, x: Tensor): Tensor {
  return expecVal(c.forward(undefined, x), "Z0").neg().add(1).mul(0.5);
}

function accuracy(p: Tensor, labels: readonly number[]): number {
  let ok = 0;
  labels.forEach((y, i) => {
    if ((p.data[i]! > 0.5 ? 1 : 0) === y) ok++;
  });
  return ok / labels.length;
}

/**
 * Runs the tutorial (see the file's comment); `qoar tutorial run quantum-classifier` calls it.
 * @example
 * const r = await run({ quick: true, seed: 1, log: console.log, progress: () => {} });
 * r.headline.pass; // true
 */
export async function run(options: TutorialOptions): Promise<TutorialResult> {
  const { log, progress, seed } = options;
  const rng = new Rng(seed);
  const layers = 6;
  const nTrain = options.quick ? 300 : 500;
  const nTest = options.quick ? 200 : 400;
  const epochs = options.quick ? 300 : 500;
  const train = circleData(nTrain, rng);
  const test = circleData(nTest, rng);
  log(`circle data: ${nTrain} training and ${nTest} test points in [-1, 1]^2, radius^2 = 2/pi`);
  const c = classifier(layers, seed);
  log(`classifier: 2 qubits, ${layers} re-uploading layers, ${c.parameterCount} parameters`);
  const xTrain = features(train.points, layers);
  const yTrain = tensor(train.labels);
  const xTest = features(test.points, layers);
  const opt = new Adam(c.parameters(), { lr: 0.05 });
  const losses: number[] = [];
  const trainAcc: number[] = [];
  const testAcc: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    opt.zeroGrad();
    const p = predict(c, xTrain);
    const loss = mseLoss(p, yTrain);
    loss.backward();
    opt.step();
    losses.push(loss.item());
    trainAcc.push(accuracy(p, train.labels));
    if (epoch % 10 === 0 || epoch === epochs) {
      testAcc.push(noGrad(() => accuracy(predict(c, xTest), test.labels)));
      if (epoch % 50 === 0 || epoch === epochs)
        log(
          `epoch ${epoch}: loss ${fmt(losses[epoch - 1]!, 4)}, train accuracy ${fmt(trainAcc[epoch - 1]!, 3)}, test accuracy ${fmt(testAcc[testAcc.length - 1]!, 3)}`,
        );
    }
    progress(epoch, epochs, `loss ${fmt(losses[epoch - 1]!, 4)}`);
  }
  const finalTest = testAcc[testAcc.length - 1]!;

  // the decision boundary: p(class 1) on a grid
  const grid = options.quick ? 31 : 61;
  const axis = Array.from({ length: grid }, (_, i) => -1 + (2 * i) / (grid - 1));
  const gridPoints: [number, number][] = [];
  for (const y of axis) for (const x of axis) gridPoints.push([x, y]);
  const pGrid = noGrad(() => predict(c, features(gridPoints, layers)));
  const z = axis.map((_, row) => Array.from(pGrid.data.subarray(row * grid, (row + 1) * grid)));
  const circle = Array.from({ length: 101 }, (_, i) => (2 * Math.PI * i) / 100);
  const r = Math.sqrt(RADIUS2);
  const byClass = (cls: number) => test.points.filter((_, i) => test.labels[i] === cls);

  return {
    headline: headline("test accuracy", finalTest, ">= 0.95", finalTest >= 0.95),
    numbers: {
      trainPoints: nTrain,
      testPoints: nTest,
      layers,
      parameters: c.parameterCount,
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
            lineFigure("Loss", "epoch", "mean squared error", [{ name: "train", y: losses }]),
            lineFigure("Accuracy", "epoch", "accuracy", [
              { name: "train", y: trainAcc },
              {
                name: "test",
                y: testAcc,
                x: testAcc.map((_, i) => Math.min(10 * (i + 1), epochs)),
              },
            ]),
          ],
        },
      ],
    },
  };
}
