/**
 * The classic datasets bundled in `datasets/` at the package root (scikit-learn's copies of the
 * UCI files, see datasets/README.md), read offline in Node and parsed once.
 */
import { ParseError } from "../../errors.js";
import { readPackageText } from "../../package-files.js";
import { checkArity } from "../../validate.js";
import { type Dataset, makeDataset } from "./dataset.js";

const cache = new Map<string, Dataset>();

/**
 * scikit-learn's CSV layout: rows of features followed by an integer label. With `header`, the
 * first line is `rows,features,class names...`; the row and feature counts are checked.
 */
function parseLabelledCsv(
  text: string,
  file: string,
  header: boolean,
  classNames?: string[],
): Dataset {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  let names = classNames;
  let expected: [number, number] | undefined;
  if (header) {
    const [rows, cols, ...rest] = lines.shift()!.split(",");
    expected = [Number(rows), Number(cols)];
    names = rest.map((s) => s.trim());
  }
  const x: number[][] = [];
  const y: number[] = [];
  lines.forEach((line, i) => {
    const values = line.split(",").map(Number);
    if (expected !== undefined && values.length !== expected[1] + 1)
      throw new ParseError(
        `${file}: line ${i + 2} has ${values.length} values, expected ${expected[1] + 1}`,
      );
    y.push(values.pop()!);
    x.push(values);
  });
  if (expected !== undefined && x.length !== expected[0])
    throw new ParseError(`${file}: ${x.length} rows, the header says ${expected[0]}`);
  return makeDataset(x, y, { classNames: names });
}

function load(file: string, what: string, header: boolean, classNames?: string[]): Dataset {
  let d = cache.get(file);
  if (d === undefined) {
    const text = readPackageText(
      "datasets",
      [file],
      what,
      "build the dataset with datasets.make(x, y)",
    );
    d = parseLabelledCsv(text, file, header, classNames);
    cache.set(file, d);
  }
  return d;
}

/**
 * Fisher's Iris data: 150 samples, 4 features (sepal and petal length and width, cm), 3 classes.
 * @example
 * const d = datasets.iris();
 * d.x.shape; // [150, 4]
 */
export function iris(): Dataset {
  checkArity(arguments.length, 0, "datasets.iris");
  return load("iris.csv", "datasets.iris", true);
}

/**
 * Breast Cancer Wisconsin (Diagnostic): 569 samples, 30 features, classes malignant (0) and benign (1).
 * @example
 * datasets.breastCancer().nFeatures; // 30
 */
export function breastCancer(): Dataset {
  checkArity(arguments.length, 0, "datasets.breastCancer");
  return load("breast_cancer.csv", "datasets.breastCancer", true);
}

/**
 * UCI optical handwritten digits, 8x8 images: 1797 samples, 64 pixel features (0..16), 10 classes.
 * @example
 * datasets.digits().nClasses; // 10
 */
export function digits(): Dataset {
  checkArity(arguments.length, 0, "datasets.digits");
  const names = Array.from({ length: 10 }, (_, c) => `${c}`);
  return load("digits.csv.gz", "datasets.digits", false, names);
}
