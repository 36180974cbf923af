/**
 * Train/test split (seeded, optionally stratified by class) and standardization with the
 * training set's statistics.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { type Rng, rngOption } from "../../random.js";
import { fromData } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";
import { checkDataset, type Dataset, selectRows } from "./dataset.js";

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** Fraction of samples in the test set, in (0, 1) (default 0.25). */
  testFraction?: number;
  /** Keep each class's share equal in both parts (default false). */
  stratify?: boolean;
  /** Seed of the shuffle. */
  seed?: number;
  /** A generator to shuffle with instead of `seed`. */
  rng?: Rng;
}

const SPLIT_OPTIONS = optionKeys<SplitOptions>({
  testFraction: true,
  stratify: true,
  seed: true,
  rng: true,
});

/**
 * Shuffles the samples and splits them into a training and a test set; with `stratify`, each
 * class is split on its own (round(testFraction * class size) test samples per class).
 * @example
 * const { train, test } = datasets.trainTestSplit(datasets.iris(), { testFraction: 0.2, stratify: true, seed: 1 });
 */
export function trainTestSplit(
  data: Dataset,
  options: SplitOptions = {},
): { train: Dataset; test: Dataset } {
  checkArity(arguments.length, 2, "datasets.trainTestSplit");
  checkOptions(options, SPLIT_OPTIONS, "datasets.trainTestSplit");
  const d = checkDataset(data, "datasets.trainTestSplit");
  const f = options.testFraction ?? 0.25;
  if (typeof f !== "number" || !(f > 0 && f < 1))
    throw new ArgumentError(
      `datasets.trainTestSplit: testFraction must be in (0, 1), got ${describe(f)}`,
    );
  const rng = rngOption(options.rng, options.seed, "datasets.trainTestSplit");
  const groups: number[][] = [];
  if (options.stratify === true) {
    for (let c = 0; c < d.nClasses; c++) groups.push([]);
    for (const [i, c] of d.y.entries()) groups[c]!.push(i);
  } else {
    groups.push(Array.from({ length: d.nSamples }, (_, i) => i));
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const g of groups) {
    rng.shuffle(g);
    const k = Math.round(f * g.length);
    test.push(...g.slice(0, k));
    train.push(...g.slice(k));
  }
  if (train.length === 0 || test.length === 0)
    throw new ShapeError(
      `datasets.trainTestSplit: ${d.nSamples} samples with testFraction ${f} leave an empty part`,
    );
  // stratified parts come class by class: shuffle again so batches mix the classes
  if (options.stratify === true) {
    rng.shuffle(train);
    rng.shuffle(test);
  }
  return { train: selectRows(d, train), test: selectRows(d, test) };
}

/** Per-feature mean and standard deviation, as {@link standardize} applies them. */
export interface FeatureScaling {
  readonly mean: Float64Array;
  readonly std: Float64Array;
}

/**
 * Standardizes features to zero mean and unit variance with the statistics of `data` (or of
 * `scaling`, e.g. the training set's, to apply to a test set). Constant features keep scale 1.
 * @example
 * const s = datasets.standardize(train);
 * const testScaled = datasets.standardize(test, s.scaling).data;
 */
export function standardize(
  data: Dataset,
  scaling?: FeatureScaling,
): { data: Dataset; scaling: FeatureScaling } {
  checkArity(arguments.length, 2, "datasets.standardize");
  const d = checkDataset(data, "datasets.standardize");
  const f = d.nFeatures;
  const n = d.nSamples;
  const x = d.x.data;
  let s = scaling;
  if (s === undefined) {
    const mean = new Float64Array(f);
    const std = new Float64Array(f);
    for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j]! += x[i * f + j]! / n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < f; j++) std[j]! += (x[i * f + j]! - mean[j]!) ** 2 / n;
    for (let j = 0; j < f; j++) std[j] = std[j]! > 0 ? Math.sqrt(std[j]!) : 1;
    s = { mean, std };
  } else if (
    !(s.mean instanceof Float64Array) ||
    !(s.std instanceof Float64Array) ||
    s.mean.length !== f ||
    s.std.length !== f
  ) {
    throw new ShapeError(
      `datasets.standardize: scaling must hold mean and std Float64Arrays of ${f} features, got ${describe(s)}`,
    );
  }
  const out = new Float64Array(n * f);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < f; j++) out[i * f + j] = (x[i * f + j]! - s.mean[j]!) / s.std[j]!;
  return { data: Object.freeze({ ...d, x: fromData(out, [n, f], "float64") }), scaling: s };
}
