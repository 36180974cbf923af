/**
 * A labelled dataset: a real feature matrix [samples, features] and integer class labels in
 * [0, nClasses). Every dataset qoar hands out is made here, so NaN features and labels outside
 * the class range are refused in one place.
 */
import { ArgumentError, describe, ShapeError } from "../../errors.js";
import { fromData, Tensor } from "../../tensor/index.js";
import { checkArity, checkOptions, optionKeys } from "../../validate.js";

/** A labelled dataset (immutable; the feature tensor is float64 [nSamples, nFeatures]). */
export interface Dataset {
  /** Features, float64 [nSamples, nFeatures]. */
  readonly x: Tensor;
  /** Class labels, integers in [0, nClasses). */
  readonly y: Int32Array;
  /** Number of classes (labels run over 0..nClasses-1). */
  readonly nClasses: number;
  /** Class names, one per class (default "0", "1", ...). */
  readonly classNames: readonly string[];
  /** Number of samples (rows of x). */
  readonly nSamples: number;
  /** Number of features (columns of x). */
  readonly nFeatures: number;
}

/** Options of {@link makeDataset}. */
export interface DatasetOptions {
  /** Number of classes (default: the largest label + 1, or classNames.length). */
  nClasses?: number;
  /** Names of the classes (length nClasses). */
  classNames?: readonly string[];
}

const DATASET_OPTIONS = optionKeys<DatasetOptions>({ nClasses: true, classNames: true });

/** Rows of `x` as one flat Float64Array, with its shape; any non-finite value is refused. */
function flatFeatures(
  x: Tensor | readonly (readonly number[])[],
  where: string,
): { data: Float64Array; rows: number; cols: number } {
  let data: Float64Array;
  let rows: number;
  let cols: number;
  if (x instanceof Tensor) {
    if (x.dtype !== "float64" || x.ndim !== 2)
      throw new ShapeError(
        `${where}: x must be a real tensor [samples, features], got ${x.dtype} [${x.shape.join(", ")}]`,
      );
    [rows, cols] = x.shape as [number, number];
    data = Float64Array.from(x.data);
  } else if (Array.isArray(x)) {
    rows = x.length;
    cols = rows > 0 && Array.isArray(x[0]) ? x[0].length : 0;
    data = new Float64Array(rows * cols);
    x.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== cols)
        throw new ShapeError(
          `${where}: x[${i}] must be an array of ${cols} numbers, got ${describe(row)}`,
        );
      row.forEach((v, j) => {
        data[i * cols + j] = typeof v === "number" ? v : Number.NaN;
      });
    });
  } else {
    throw new ArgumentError(`${where}: x must be a tensor or an array of rows, got ${describe(x)}`);
  }
  if (rows < 1 || cols < 1)
    throw new ShapeError(
      `${where}: x must have at least one sample and one feature, got [${rows}, ${cols}]`,
    );
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!))
      throw new ArgumentError(
        `${where}: x[${Math.floor(i / cols)}, ${i % cols}] = ${describe(data[i])} is not a finite number`,
      );
  }
  return { data, rows, cols };
}

/**
 * A dataset from features and labels, checked: features finite, one integer label per row in
 * [0, nClasses).
 * @example
 * const d = datasets.make([[0, 1], [1, 0]], [0, 1]);
 * d.nClasses; // 2
 */
export function makeDataset(
  x: Tensor | readonly (readonly number[])[],
  y: ArrayLike<number>,
  options: DatasetOptions = {},
): Dataset {
  checkArity(arguments.length, 3, "datasets.make");
  checkOptions(options, DATASET_OPTIONS, "datasets.make");
  const { data, rows, cols } = flatFeatures(x, "datasets.make");
  if (y === null || typeof y !== "object" || typeof (y as ArrayLike<number>).length !== "number")
    throw new ArgumentError(`datasets.make: y must be an array of labels, got ${describe(y)}`);
  if (y.length !== rows)
    throw new ShapeError(`datasets.make: y has ${y.length} labels for ${rows} samples`);
  const names = options.classNames;
  if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== "string")))
    throw new ArgumentError(
      `datasets.make: classNames must be an array of strings, got ${describe(names)}`,
    );
  let nClasses = options.nClasses ?? names?.length;
  if (nClasses !== undefined && (!Number.isInteger(nClasses) || nClasses < 1))
    throw new ArgumentError(
      `datasets.make: nClasses must be a positive integer, got ${describe(nClasses)}`,
    );
  const labels = new Int32Array(rows);
  let largest = 0;
  for (let i = 0; i < rows; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0 || (nClasses !== undefined && v >= nClasses))
      throw new ArgumentError(
        `datasets.make: label y[${i}] = ${describe(v)} is not a class index in [0, ${nClasses ?? "nClasses"})`,
      );
    labels[i] = v;
    largest = Math.max(largest, v);
  }
  nClasses ??= largest + 1;
  if (names !== undefined && names.length !== nClasses)
    throw new ShapeError(`datasets.make: ${names.length} class names for ${nClasses} classes`);
  return Object.freeze({
    x: fromData(data, [rows, cols], "float64"),
    y: labels,
    nClasses,
    classNames: Object.freeze(
      names ? [...names] : Array.from({ length: nClasses }, (_, c) => `${c}`),
    ),
    nSamples: rows,
    nFeatures: cols,
  });
}

/** Throws unless `d` is a dataset made by {@link makeDataset}. */
export function checkDataset(d: unknown, where: string): Dataset {
  const ds = d as Dataset;
  if (
    d === null ||
    typeof d !== "object" ||
    !(ds.x instanceof Tensor) ||
    !(ds.y instanceof Int32Array) ||
    ds.x.ndim !== 2 ||
    ds.x.shape[0] !== ds.y.length
  )
    throw new ArgumentError(
      `${where}: expected a dataset { x, y, nClasses, ... } (datasets.make), got ${describe(d)}`,
    );
  return ds;
}

/** The rows `index` of a dataset, as a new dataset with the same classes. */
export function selectRows(d: Dataset, index: ArrayLike<number>): Dataset {
  const f = d.nFeatures;
  const x = new Float64Array(index.length * f);
  const y = new Int32Array(index.length);
  for (let r = 0; r < index.length; r++) {
    const i = index[r]!;
    x.set(d.x.data.subarray(i * f, (i + 1) * f), r * f);
    y[r] = d.y[i]!;
  }
  return Object.freeze({
    ...d,
    x: fromData(x, [index.length, f], "float64"),
    y,
    nSamples: index.length,
  });
}

/**
 * Checks a sample matrix: a real tensor [samples, features] with finite entries (and `nFeatures`
 * columns when given); returns the number of samples.
 * @example
 * checkSampleMatrix(x, "SVM.fit", "x");
 */
export function checkSampleMatrix(
  x: unknown,
  where: string,
  name: string,
  nFeatures?: number,
): number {
  const cols = nFeatures ?? "features";
  if (!(x instanceof Tensor) || x.dtype !== "float64" || x.ndim !== 2)
    throw new ShapeError(
      `${where}: ${name} must be a real tensor [samples, ${cols}], got ${x instanceof Tensor ? `${x.dtype} [${x.shape.join(", ")}]` : describe(x)}`,
    );
  if (nFeatures !== undefined && x.shape[1] !== nFeatures)
    throw new ShapeError(
      `${where}: ${name} has ${x.shape[1]} features per sample, expected ${nFeatures}`,
    );
  for (const v of x.data)
    if (!Number.isFinite(v))
      throw new ArgumentError(`${where}: ${name} holds ${describe(v)}, expected finite numbers`);
  return x.shape[0]!;
}
