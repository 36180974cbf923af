/**
 * `fit(model, data, options)`: the one training loop of qoar's learning models. Mini-batches in
 * a seeded order, an optimizer step per batch (through a closure, so L-BFGS and the
 * gradient-free optimizers work as well as Adam), a history of loss and accuracy per epoch,
 * validation, early stopping that restores the best parameters, and progress reports.
 */
import { ArgumentError, describe, ShapeError } from "../errors.js";
import type { ProgressReporter } from "../progress.js";
import { Rng } from "../random.js";
import {
  Adam,
  crossEntropy,
  fromData,
  isGradEnabled,
  mseLoss,
  noGrad,
  Tensor,
} from "../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../validate.js";
import { checkDataset, type Dataset, selectRows } from "./datasets/dataset.js";

/** What `fit` trains: a module mapping features [batch, features] to outputs. */
export interface Trainable {
  /** Outputs for a batch: class scores [batch, classes] (or one score per sample [batch]). */
  forward(x: Tensor): Tensor;
  /** The trainable parameters. */
  parameters(): Tensor[];
}

/** What `fit` steps: an optimizer whose `step(closure)` re-evaluates the loss through the closure. */
export interface StepOptimizer {
  step(closure: () => Tensor): unknown;
}

/** A loss of model outputs and class labels. */
export type LossFunction = (output: Tensor, labels: Int32Array) => Tensor;

/** Early stopping: stop when the monitored loss has not improved for `patience` epochs. */
export interface EarlyStopping {
  /** Epochs without improvement before stopping. */
  patience: number;
  /** Smallest decrease that counts as an improvement (default 0). */
  minDelta?: number;
  /** Put back the parameters of the best epoch at the end (default true). */
  restoreBest?: boolean;
}

const EARLY_STOPPING_OPTIONS = optionKeys<EarlyStopping>({
  patience: true,
  minDelta: true,
  restoreBest: true,
});

/** One epoch of the history. */
export interface EpochRecord {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Mean training loss over the epoch's batches (each before its step). */
  readonly loss: number;
  /** Training accuracy over the epoch's batches. */
  readonly accuracy: number;
  /** Loss on the validation set after the epoch (when `validation` is given). */
  readonly valLoss?: number;
  /** Accuracy on the validation set after the epoch. */
  readonly valAccuracy?: number;
}

/** Options of {@link fit}. */
export interface FitOptions {
  /** "cross-entropy" on class scores (default), "mse" against one-hot labels, or a function. */
  loss?: "cross-entropy" | "mse" | LossFunction;
  /**
   * An optimizer over the model's parameters, or a factory (default Adam, lr 0.05): anything with
   * `step(closure)` (Adam, SGD, L-BFGS, SPSA, NelderMead, COBYLA, ...), one step per batch.
   */
  optimizer?: StepOptimizer | ((params: Tensor[]) => StepOptimizer);
  /** Passes over the training data (default 50). */
  epochs?: number;
  /** Samples per optimizer step (default: all, full batch). */
  batchSize?: number;
  /** A held-out dataset evaluated after every epoch; early stopping then watches its loss. */
  validation?: Dataset;
  /** Called after every epoch; returning "stop" ends training. */
  onEpoch?: (record: EpochRecord) => unknown;
  /** Seed of the batch order (batches are reshuffled every epoch). */
  seed?: number;
  /** Stop when the (validation, else training) loss stops improving. */
  earlyStopping?: EarlyStopping;
  /** Where progress goes, once per epoch (e.g. the CLI's ProgressBar). */
  progress?: ProgressReporter;
}

/** The valid keys of {@link FitOptions}. */
export const FIT_OPTIONS = optionKeys<FitOptions>({
  loss: true,
  optimizer: true,
  epochs: true,
  batchSize: true,
  validation: true,
  onEpoch: true,
  seed: true,
  earlyStopping: true,
  progress: true,
});

/** What {@link fit} returns. */
export interface FitResult {
  /** One record per epoch run. */
  readonly history: EpochRecord[];
  /** Epoch with the lowest monitored loss. */
  readonly bestEpoch: number;
  /** That loss (validation loss when validating). */
  readonly bestLoss: number;
  /** True when early stopping or onEpoch ended training before `epochs`. */
  readonly stopped: boolean;
}

/** One-hot float64 [n, classes] of labels. */
function oneHot(labels: Int32Array, classes: number): Tensor {
  const out = new Float64Array(labels.length * classes);
  labels.forEach((c, i) => {
    out[i * classes + c] = 1;
  });
  return fromData(out, [labels.length, classes], "float64");
}

/** The loss function of the `loss` option. */
function lossOf(loss: FitOptions["loss"], nClasses: number): LossFunction {
  if (typeof loss === "function") return loss;
  if (loss === undefined || loss === "cross-entropy")
    return (out, y) => {
      if (out.ndim !== 2 || out.shape[1] !== nClasses)
        throw new ShapeError(
          `fit: cross-entropy needs class scores [batch, ${nClasses}], the model gave [${out.shape.join(", ")}]`,
        );
      return crossEntropy(out, Array.from(y));
    };
  if (loss === "mse")
    return (out, y) =>
      out.ndim === 2 && out.shape[1]! > 1
        ? mseLoss(out, oneHot(y, out.shape[1]!))
        : mseLoss(out.reshape([y.length]), fromData(Float64Array.from(y), [y.length], "float64"));
  throw new ArgumentError(
    `fit: loss must be "cross-entropy", "mse" or a function (output, labels) => Tensor, got ${describe(loss)}`,
  );
}

/**
 * Predicted classes of model outputs: argmax over classes for [batch, C], or score > 1/2 for
 * one score per sample.
 * @example
 * predictedClasses(tensor([[0.1, 0.9], [2, 1]])); // [1, 0]
 */
export function predictedClasses(output: Tensor): number[] {
  checkArity(arguments.length, 1, "predictedClasses");
  if (!(output instanceof Tensor) || output.dtype !== "float64")
    throw new ArgumentError(
      `predictedClasses: output must be a real tensor, got ${describe(output)}`,
    );
  if (output.ndim === 2 && output.shape[1]! > 1) return output.argmax(1);
  return Array.from(output.data, (v) => (v > 0.5 ? 1 : 0));
}

function accuracyOf(output: Tensor, labels: Int32Array): number {
  const pred = predictedClasses(output);
  let ok = 0;
  pred.forEach((p, i) => {
    if (p === labels[i]) ok++;
  });
  return ok / labels.length;
}

function positiveInteger(v: unknown, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (!Number.isInteger(v) || (v as number) < 1)
    throw new ArgumentError(`fit: ${name} must be a positive integer, got ${describe(v)}`);
  return v as number;
}

function checkModel(model: unknown): Trainable {
  const m = model as Trainable;
  if (
    model === null ||
    typeof model !== "object" ||
    typeof m.forward !== "function" ||
    typeof m.parameters !== "function"
  )
    throw new ArgumentError(
      `fit: model must have forward(x) and parameters() (a Module), got ${describe(model)}`,
    );
  return m;
}

function optimizerOf(option: FitOptions["optimizer"], params: Tensor[]): StepOptimizer {
  if (option === undefined) return new Adam(params, { lr: 0.05 });
  const isOptimizer = (o: unknown): o is StepOptimizer =>
    o !== null && typeof o === "object" && typeof (o as StepOptimizer).step === "function";
  const opt = isOptimizer(option) ? option : typeof option === "function" ? option(params) : option;
  if (!isOptimizer(opt))
    throw new ArgumentError(
      `fit: optimizer must have step(closure) (Adam, SPSA, ...) or be a function (params) => optimizer, got ${describe(opt)}`,
    );
  return opt;
}

function checkEarlyStopping(e: EarlyStopping | undefined): Required<EarlyStopping> | undefined {
  if (e === undefined) return undefined;
  checkOptions(e, EARLY_STOPPING_OPTIONS, "fit: earlyStopping");
  const patience = e.patience;
  if (!Number.isInteger(patience) || patience < 1)
    throw new ArgumentError(
      `fit: earlyStopping.patience must be a positive integer, got ${describe(patience)}`,
    );
  const minDelta = e.minDelta ?? 0;
  if (typeof minDelta !== "number" || !(minDelta >= 0))
    throw new ArgumentError(
      `fit: earlyStopping.minDelta must be a number >= 0, got ${describe(minDelta)}`,
    );
  if (e.restoreBest !== undefined && typeof e.restoreBest !== "boolean")
    throw new ArgumentError(
      `fit: earlyStopping.restoreBest must be a boolean, got ${describe(e.restoreBest)}`,
    );
  return { patience, minDelta, restoreBest: e.restoreBest ?? true };
}

/**
 * Trains `model` on `data` and returns the history. Each epoch shuffles the samples (seeded),
 * takes one optimizer step per batch, then evaluates `validation`; the monitored loss
 * (validation if given, else training) picks the best epoch, and `earlyStopping` ends training
 * when it stalls, putting back the best parameters.
 * @example
 * const clf = new VariationalClassifier({ nQubits: 2, nFeatures: 2, nClasses: 2, layers: 3, seed: 1 });
 * const { train, test } = datasets.trainTestSplit(datasets.circle(200, { seed: 1 }), { seed: 1 });
 * const { history } = fit(clf, train, { epochs: 30, validation: test, seed: 1 });
 */
export function fit(model: Trainable, data: Dataset, options: FitOptions = {}): FitResult {
  checkArity(arguments.length, 3, "fit");
  checkOptions(options, FIT_OPTIONS, "fit");
  const m = checkModel(model);
  const train = checkDataset(data, "fit: data");
  const validation =
    options.validation === undefined
      ? undefined
      : checkDataset(options.validation, "fit: validation");
  if (validation !== undefined && validation.nFeatures !== train.nFeatures)
    throw new ShapeError(
      `fit: validation has ${validation.nFeatures} features, the training data ${train.nFeatures}`,
    );
  const epochs = positiveInteger(options.epochs, "epochs", 50);
  const batchSize = Math.min(
    positiveInteger(options.batchSize, "batchSize", train.nSamples),
    train.nSamples,
  );
  if (options.onEpoch !== undefined && typeof options.onEpoch !== "function")
    throw new ArgumentError(`fit: onEpoch must be a function, got ${describe(options.onEpoch)}`);
  const progress = options.progress;
  if (progress !== undefined && (progress === null || typeof progress.update !== "function"))
    throw new ArgumentError(
      `fit: progress must have update(step, total, status), got ${describe(progress)}`,
    );
  const early = checkEarlyStopping(options.earlyStopping);
  const lossFn = lossOf(options.loss, train.nClasses);
  const params = m.parameters();
  const opt = optimizerOf(options.optimizer, params);
  const rng = new Rng(options.seed);

  const history: EpochRecord[] = [];
  const order = Array.from({ length: train.nSamples }, (_, i) => i);
  let best = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let bestParams: Float64Array[] | undefined;
  let stopped = false;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (batchSize < train.nSamples) rng.shuffle(order);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < order.length; start += batchSize) {
      const batch =
        batchSize < train.nSamples
          ? selectRows(train, order.slice(start, start + batchSize))
          : train;
      // the batch's record is the closure's first evaluation, before the step moves anything
      let first: { loss: number; accuracy: number } | undefined;
      const closure = () => {
        for (const p of params) p.grad = null;
        const out = m.forward(batch.x);
        const loss = lossFn(out, batch.y);
        // gradient-free optimizers evaluate the closure under noGrad
        if (isGradEnabled()) loss.backward();
        first ??= { loss: loss.item(), accuracy: accuracyOf(out, batch.y) };
        return loss;
      };
      opt.step(closure);
      if (first === undefined)
        throw new ArgumentError("fit: the optimizer's step never evaluated the closure");
      lossSum += first.loss * batch.nSamples;
      correct += first.accuracy * batch.nSamples;
    }
    let record: EpochRecord = {
      epoch,
      loss: lossSum / train.nSamples,
      accuracy: correct / train.nSamples,
    };
    if (validation !== undefined) {
      const out = noGrad(() => m.forward(validation.x));
      const valLoss = noGrad(() => lossFn(out, validation.y)).item();
      record = { ...record, valLoss, valAccuracy: accuracyOf(out, validation.y) };
    }
    history.push(record);
    const monitored = record.valLoss ?? record.loss;
    if (monitored < best - (early?.minDelta ?? 0)) {
      best = monitored;
      bestEpoch = epoch;
      if (early?.restoreBest) bestParams = params.map((p) => Float64Array.from(p.data));
    }
    progress?.update(epoch, epochs, `loss ${record.loss.toFixed(4)}`);
    const verdict = options.onEpoch?.(record);
    if (verdict === "stop" || (early !== undefined && epoch - bestEpoch >= early.patience)) {
      stopped = epoch < epochs;
      break;
    }
  }
  if (bestParams !== undefined) for (const [i, p] of params.entries()) p.data.set(bestParams[i]!);
  if (stopped) progress?.update(epochs, epochs, `stopped at epoch ${history.length}`);
  return { history, bestEpoch, bestLoss: best, stopped };
}
